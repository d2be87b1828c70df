"""Opening a submission as a work item, and the changes staff make to it.

Each function changes the submission's columns, writes the event that records the change and
flushes; the caller's request commits both together or neither. A change made from a stale
copy (someone else changed it first) raises StaleDataError at the flush, from the version.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import Submission
from portal.data.work import RoutingDecision, SubmissionEvent, SubmissionMatch
from portal.journeys.schema import Journey
from portal.routing import PRIORITIES, Decision
from portal.work_items.facts import facts
from portal.work_items.people import digests
from portal.work_items.statuses import statuses


class NotAllowed(ValueError):
    """The change does not make sense for this submission (an unknown status, no reason)."""


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
    if not reason.strip():
        raise NotAllowed("A re-route needs a reason")
    before = submission.queue
    _apply(submission, decision)
    now = utcnow()
    _keep_decision(submission, decision, by=actor, reason=reason, at=now)
    record(
        submission,
        "rerouted",
        actor=actor,
        from_value=before,
        to_value=decision.queue,
        detail=reason,
        at=now,
    )
    db.session.flush()


def change_status(
    submission: Submission, status_id: str, *, actor: str, reason: str | None = None
) -> None:
    if statuses().get(status_id) is None:
        raise NotAllowed(f"Unknown status {status_id!r}")
    if status_id == submission.status:
        return
    record(
        submission,
        "status",
        actor=actor,
        from_value=submission.status,
        to_value=status_id,
        detail=reason,
    )
    submission.status = status_id
    db.session.flush()


def assign(submission: Submission, assignee: str | None, *, actor: str) -> None:
    """Give the submission to someone (None releases it)."""
    if assignee == submission.assignee:
        return
    record(
        submission,
        "assigned",
        actor=actor,
        from_value=submission.assignee,
        to_value=assignee,
    )
    submission.assignee = assignee
    db.session.flush()


def history(submission: Submission) -> list[SubmissionEvent]:
    """Everything that happened to it, newest first."""
    return list(
        db.session.scalars(
            select(SubmissionEvent)
            .where(SubmissionEvent.submission_id == submission.id)
            .order_by(SubmissionEvent.at.desc(), SubmissionEvent.id.desc())
        )
    )
