"""Opening a submission as a work item, and the changes staff make to it.

Each function changes the submission's columns, writes the event that records the change and
flushes; the caller's request commits both together or neither. A change made from a stale
copy (someone else changed it first) raises StaleDataError at the flush, from the version.

Every change a member of staff makes moves the version on, a note included (which changes no
column of its own): someone acting from a page that did not show it is told, not left to act
on what they have not read. The first one also sets ``screened_at``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import Submission
from portal.data.work import RoutingDecision, SubmissionEvent, SubmissionMatch
from portal.journeys.schema import Journey
from portal.routing import PRIORITIES, Decision
from portal.work_items.facts import facts
from portal.work_items.outcomes import outcomes
from portal.work_items.people import digests
from portal.work_items.statuses import statuses


class NotAllowed(ValueError):
    """The change does not make sense for this submission (an unknown status, no reason)."""


# The longest note and reason kept (a reason is a sentence or two; a note can be a phone call).
NOTE_LIMIT = 5000
REASON_LIMIT = 1000


def _acted(submission: Submission, at: datetime) -> None:
    """A member of staff changed it: the first time, it is screened; every time, its version
    moves on (flag_modified makes the flush an UPDATE even when no column changed)."""
    if submission.screened_at is None:
        submission.screened_at = at
    flag_modified(submission, "status")


def _text(value: str | None, limit: int, missing: str, too_long: str) -> str:
    """``value`` stripped; NotAllowed(missing) if nothing is left, NotAllowed(too_long) if it is
    longer than ``limit``."""
    value = (value or "").strip()
    if not value:
        raise NotAllowed(missing)
    if len(value) > limit:
        raise NotAllowed(too_long)
    return value


def _reason(reason: str | None, what: str) -> str:
    return _text(
        reason,
        REASON_LIMIT,
        f"{what} needs a reason",
        f"A reason is at most {REASON_LIMIT} characters",
    )


def is_open(submission: Submission) -> bool:
    status = statuses().get(submission.status)
    return status is None or status.open


def priority_rank(priority: str) -> int:
    """1 for the most urgent priority in forms/routing.yaml, then 2, 3..."""
    return PRIORITIES.index(priority) + 1


def record(
    submission: Submission,
    kind: str,
    *,
    actor: str,
    from_value: str | None = None,
    to_value: str | None = None,
    detail: str | None = None,
    at: datetime | None = None,
) -> SubmissionEvent:
    event = SubmissionEvent(
        submission_id=submission.id,
        at=at or utcnow(),
        actor=actor,
        kind=kind,
        from_value=from_value,
        to_value=to_value,
        detail=detail,
    )
    db.session.add(event)
    return event


def _apply(submission: Submission, decision: Decision) -> None:
    submission.routing = decision.as_json()
    submission.queue = decision.queue
    submission.priority = decision.priority
    submission.priority_rank = priority_rank(decision.priority)
    submission.due_at = decision.due_at
    submission.district = decision.district
    submission.locality = decision.locality
    submission.locality_check = decision.locality_check
    submission.flags = decision.flags
    submission.second_queue = decision.second_queue["queue"] if decision.second_queue else None


def _keep_decision(
    submission: Submission, decision: Decision, *, by: str, reason: str | None, at: datetime
) -> None:
    db.session.add(
        RoutingDecision(
            submission_id=submission.id,
            decided_at=at,
            decided_by=by,
            reason=reason,
            queue=decision.queue,
            priority=decision.priority,
            due_at=decision.due_at,
            decision=decision.as_json(),
        )
    )


def _change(
    submission: Submission,
    kind: str,
    column: str,
    value: str | None,
    *,
    actor: str,
    detail: str | None = None,
    at: datetime | None = None,
) -> None:
    """A member of staff sets one column: the event ``kind`` records it from the old value to
    the new. The caller flushes, after any other column that changes with it."""
    at = at or utcnow()
    _acted(submission, at)
    before = getattr(submission, column)
    record(submission, kind, actor=actor, from_value=before, to_value=value, detail=detail, at=at)
    setattr(submission, column, value)


def _decide_again(
    submission: Submission, decision: Decision, kind: str, column: str, *, actor: str, reason: str
) -> None:
    """A member of staff's routing decision: applied, kept beside the earlier ones, and
    recorded as the event ``kind`` from ``column``'s old value to its new."""
    before = getattr(submission, column)
    now = utcnow()
    _apply(submission, decision)
    _acted(submission, now)
    _keep_decision(submission, decision, by=actor, reason=reason, at=now)
    after = getattr(submission, column)
    record(submission, kind, actor=actor, from_value=before, to_value=after, detail=reason, at=now)
    db.session.flush()


def open_item(submission: Submission, decision: Decision, *, actor: str, journey: Journey) -> None:
    """A new submission's work-item state, its first routing decision, its "submitted" event,
    what the council counts and the keys for finding earlier forms about the same person.
    ``actor`` is who sent it: the door for a resident, an account id when signed in."""
    _apply(submission, decision)
    submission.status = statuses().initial.id
    found = facts(journey, submission.answers)
    submission.interpreter = found.interpreter
    submission.reported_by = found.reported_by
    submission.wishes_recorded = found.wishes_recorded
    submission.carer_identified = found.carer_identified
    db.session.add(submission)
    db.session.flush()  # the id the decision, the event and the keys point to
    at = submission.submitted_at
    _keep_decision(submission, decision, by="routing", reason=None, at=at)
    record(submission, "submitted", actor=actor, to_value=decision.queue, at=at)
    for kind, value in digests(journey, submission.answers).items():
        db.session.add(SubmissionMatch(submission_id=submission.id, kind=kind, digest=value))


def reroute(submission: Submission, decision: Decision, *, actor: str, reason: str) -> None:
    """Move a submission to the queue, priority and due times of a new decision; the earlier
    decisions stay in its history."""
    reason = _reason(reason, "A re-route")
    _decide_again(submission, decision, "rerouted", "queue", actor=actor, reason=reason)


def change_status(
    submission: Submission, status_id: str, *, actor: str, reason: str | None = None
) -> None:
    if statuses().get(status_id) is None:
        raise NotAllowed(f"Unknown status {status_id!r}")
    if status_id == submission.status:
        return
    _change(submission, "status", "status", status_id, actor=actor, detail=reason)
    db.session.flush()


def assign(submission: Submission, assignee: str | None, *, actor: str) -> None:
    """Give the submission to someone (None releases it)."""
    if assignee == submission.assignee:
        return
    _change(submission, "assigned", "assignee", assignee, actor=actor)
    db.session.flush()


def transfer(submission: Submission, decision: Decision, *, actor: str, reason: str) -> None:
    """Move it to another team's queue (``decision``, from portal.routing.moves): nobody has
    it there yet, so whoever had it is released, in an event of its own."""
    reroute(submission, decision, actor=actor, reason=reason)
    assign(submission, None, actor=actor)


def change_priority(submission: Submission, decision: Decision, *, actor: str, reason: str) -> None:
    """Give it the priority of ``decision`` (the same queue, its due times counted again by
    portal.routing.moves); the decision is kept beside the others."""
    reason = _reason(reason, "A change of priority")
    if decision.priority == submission.priority:
        raise NotAllowed("The priority is already that")
    _decide_again(submission, decision, "priority", "priority", actor=actor, reason=reason)


def add_note(submission: Submission, text: str, *, actor: str) -> None:
    """A note for staff (never sent to anyone), kept as its event's detail."""
    text = _text(
        text, NOTE_LIMIT, "A note needs some text", f"A note is at most {NOTE_LIMIT} characters"
    )
    now = utcnow()
    _acted(submission, now)
    record(submission, "note", actor=actor, detail=text, at=now)
    db.session.flush()


def record_outcome(submission: Submission, outcome_id: str, *, actor: str) -> None:
    """One of its queue's outcomes (config/work-outcomes.yaml); it can then be closed."""
    if not is_open(submission):
        raise NotAllowed("A closed submission must be reopened first")
    if outcome_id not in {outcome.id for outcome in outcomes().for_queue(submission.queue)}:
        raise NotAllowed(f"{outcome_id!r} is not an outcome of the queue {submission.queue!r}")
    if outcome_id == submission.outcome:
        return
    _change(submission, "outcome", "outcome", outcome_id, actor=actor)
    db.session.flush()


def close(submission: Submission, *, actor: str) -> None:
    """Closed, with the outcome recorded: there is no closing without one."""
    if not is_open(submission):
        raise NotAllowed("It is already closed")
    if not submission.outcome:
        raise NotAllowed("Record an outcome before you close this submission.")
    now = utcnow()
    _change(submission, "closed", "status", statuses().closed.id, actor=actor, at=now)
    submission.closed_at = now
    db.session.flush()


def reopen(submission: Submission, *, actor: str) -> None:
    """Back to work (a manager's decision): the initial status, the outcome kept until another
    is recorded."""
    if is_open(submission):
        raise NotAllowed("It is not closed.")
    _change(submission, "reopened", "status", statuses().initial.id, actor=actor)
    submission.closed_at = None
    db.session.flush()


def entered_queue_at(submission: Submission) -> datetime:
    """When it arrived in the queue it is in (sent, or last transferred): its service
    standard counts from then."""
    at = db.session.scalar(
        select(SubmissionEvent.at)
        .where(
            SubmissionEvent.submission_id == submission.id,
            SubmissionEvent.kind.in_(("submitted", "rerouted")),
        )
        .order_by(SubmissionEvent.at.desc(), SubmissionEvent.id.desc())
        .limit(1)
    )
    return at or submission.submitted_at


def latest(submission: Submission) -> SubmissionEvent | None:
    """The newest thing that happened to it."""
    return db.session.scalar(
        select(SubmissionEvent)
        .where(SubmissionEvent.submission_id == submission.id)
        .order_by(SubmissionEvent.at.desc(), SubmissionEvent.id.desc())
        .limit(1)
    )


def history(submission: Submission) -> list[SubmissionEvent]:
    """Everything that happened to it, newest first."""
    return list(
        db.session.scalars(
            select(SubmissionEvent)
            .where(SubmissionEvent.submission_id == submission.id)
            .order_by(SubmissionEvent.at.desc(), SubmissionEvent.id.desc())
        )
    )
