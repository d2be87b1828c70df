"""What the staff workspace and the council's counts read from a sent form's answers, as its
journey's ``work`` block declares (so no answer id is named in the code): the interpreter the
person needs, who reported it, whether the adult's wishes were recorded, whether a carer was
identified. Worked out once, when the form is sent, and kept in the submission's columns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portal.conditions import holds
from portal.journeys.schema import Journey


@dataclass(frozen=True)
class Facts:
    interpreter: str | None = None
    reported_by: str | None = None
    # None where the form does not ask (only safeguarding asks what the adult wants).
    wishes_recorded: bool | None = None
    carer_identified: bool = False


def _answered(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, [], {})


def interpreter(journey: Journey, answers: Mapping) -> str | None:
    """The language code of the interpreter the answers ask for ("other" for one typed in)."""
    for item in journey.work.interpreter:
        if isinstance(item, str):
            value = answers.get(item)
            if isinstance(value, Mapping) and value.get("code"):
                return str(value["code"])
        elif holds(item[1], answers):
            return item[0]
    return None


def facts(journey: Journey, answers: Mapping) -> Facts:
    work = journey.work
    reported_by = answers.get(work.reported_by) if work.reported_by else None
    carer = work.carer_identified
    return Facts(
        interpreter=interpreter(journey, answers),
        reported_by=reported_by if isinstance(reported_by, str) else None,
        wishes_recorded=_answered(answers.get(work.wishes)) if work.wishes else None,
        carer_identified=carer is True or (isinstance(carer, dict) and holds(carer, answers)),
    )
