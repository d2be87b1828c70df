"""The routing rules (forms/routing.yaml) checked against the journeys they route.

It lives with the journeys, not in routing: routing decides from answers and knows nothing of
journey files, so the check that joins the two reads both from above (ADR 0017).
"""

from __future__ import annotations

from collections.abc import Mapping

from portal.journeys.checks import condition_problems
from portal.journeys.schema import Journey
from portal.routing import WORKING_DAY_TESTS, config, place_entries, raise_problems


def check_journeys(journeys: Mapping[str, Journey]) -> None:
    """Every journey has routing, and every rule, flag and place answer names questions and
    answer codes its journey has: a misspelt id (``still_hapening``) would otherwise make a
    safeguarding rule silently stop firing. All problems are reported at once."""
    loaded = config()
    problems = []
    for journey_id in sorted(set(journeys) - set(loaded.journeys)):
        problems.append(f"journey {journey_id!r} has no routing")
    for journey_id, spec in loaded.journeys.items():
        journey = journeys.get(journey_id)
        if journey is None:
            problems.append(f"routing for unknown journey {journey_id!r}")
            continue
        questions = journey.questions()
        for key in ("postcode_answer", "council_answer"):
            if spec.get(key) and spec[key] not in questions:
                problems.append(f"journey {journey_id}: {key} names unknown question {spec[key]!r}")
        for entry in place_entries(spec):
            question = questions.get(entry["answer"])
            where = f"journey {journey_id} / place answer {entry['answer']}"
            if question is None or question.type not in ("postcode", "address"):
                problems.append(
                    f"{where}: {entry['answer']!r} is not a postcode or address question"
                )
            problems += condition_problems(entry.get("when"), journey, where)
        for kind in ("rules", "flags"):
            for rule in spec.get(kind, []):
                where = f"journey {journey_id} / {kind[:-1]} {rule['id']}"
                problems += condition_problems(rule["when"], journey, where, WORKING_DAY_TESTS)
    raise_problems(problems)
