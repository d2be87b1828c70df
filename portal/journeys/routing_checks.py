"""The routing rules (forms/routing.yaml) checked against the journeys they route.

It lives with the journeys, not in routing: routing decides from answers and knows nothing of
journey files, so the check that joins the two reads both from above (ADR 0017).
"""

from __future__ import annotations

from collections.abc import Mapping

from portal.journeys.checks import condition_problems
from portal.journeys.schema import Journey
from portal.routing import (
    FORWARD,
    WORKING_DAY_TESTS,
    RoutingConfig,
    config,
    place_entries,
    raise_problems,
)


def check_journeys(journeys: Mapping[str, Journey], rules: RoutingConfig | None = None) -> None:
    """Every journey has routing, and every rule, flag and place answer names questions and
    answer codes its journey has: a misspelt id (``still_hapening``) would otherwise make a
    safeguarding rule silently stop firing. A journey whose places say out_of_area: forward has
    the place answers and the queue to forward from; one that redirects has neither. All
    problems are reported at once. ``rules``: those read with the journeys (default: forms/)."""
    loaded = rules or config()
    problems = []
    for journey_id in sorted(set(journeys) - set(loaded.journeys)):
        problems.append(f"journey {journey_id!r} has no routing")
    for journey_id, spec in loaded.journeys.items():
        journey = journeys.get(journey_id)
        if journey is None:
            problems.append(f"routing for unknown journey {journey_id!r}")
            continue
        questions = journey.questions()
        problems += _out_of_area_problems(journey, spec)
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


def _out_of_area_problems(journey: Journey, spec: dict) -> list[str]:
    declared = f"{journey.id}.yaml places out_of_area: {journey.places.out_of_area}"
    forwards = journey.places.out_of_area == FORWARD
    missing = [key for key in ("place_answers", "forward_queue") if forwards and key not in spec]
    extra = [key for key in ("place_answers", "forward_queue") if not forwards and key in spec]
    found = [f"journey {journey.id}: {declared} needs {key}" for key in missing]
    found += [
        f"journey {journey.id}: {key} is only for a journey that forwards ({declared})"
        for key in extra
    ]
    return found
