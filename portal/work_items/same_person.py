"""Earlier (and later) forms possibly about the same person as this one, from the keyed hashes
kept when each was sent (portal/work_items/people.py, the submission_match table).

Two forms match on the same NHS number, or on the same name together with the same date of birth
or postcode: a name alone is shared by too many people. Matching is exact after normalising
(ADR 0027), so this finds repeats, not every possible one; each match says why it matched.
Only forms the viewer may see are listed (the caller passes access.visible), so a match never
tells anyone that a form they may not see exists.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select

from portal.data import db
from portal.data.journeys import Submission
from portal.data.work import SubmissionMatch
from portal.work_items.people import DATE_OF_BIRTH, NAME, NHS_NUMBER, POSTCODE

SHOWN = 20  # the newest matches; a long history is searched for, not listed


@dataclass(frozen=True)
class Match:
    submission: Submission
    reasons: tuple[str, ...]  # "Same NHS number", "Same name and date of birth"


def _reasons(kinds: set[str]) -> tuple[str, ...]:
    reasons = []
    if NHS_NUMBER in kinds:
        reasons.append("Same NHS number")
    if NAME in kinds and DATE_OF_BIRTH in kinds:
        reasons.append("Same name and date of birth")
    if NAME in kinds and POSTCODE in kinds:
        reasons.append("Same name and postcode")
    return tuple(reasons)


def same_person(submission: Submission, visible: ColumnElement[bool]) -> list[Match]:
    """The other forms the viewer may see that are possibly about the same person, newest
    first, each with why it matched."""
    own = db.session.execute(
        select(SubmissionMatch.kind, SubmissionMatch.digest).where(
            SubmissionMatch.submission_id == submission.id
        )
    ).all()
    if not own:
        return []
    shared = db.session.execute(
        select(SubmissionMatch.submission_id, SubmissionMatch.kind).where(
            SubmissionMatch.submission_id != submission.id,
            or_(
                *(
                    and_(SubmissionMatch.kind == kind, SubmissionMatch.digest == digest)
                    for kind, digest in own
                )
            ),
        )
    ).all()
    kinds: dict[int, set[str]] = defaultdict(set)
    for submission_id, kind in shared:
        kinds[submission_id].add(kind)
    reasons = {key: _reasons(found) for key, found in kinds.items()}
    matched = [key for key, why in reasons.items() if why]
    if not matched:
        return []
    found = db.session.scalars(
        select(Submission)
        .where(Submission.id.in_(matched), visible)
        .order_by(Submission.submitted_at.desc(), Submission.id.desc())
        .limit(SHOWN)
    )
    return [Match(row, reasons[row.id]) for row in found]
