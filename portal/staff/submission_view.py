"""What the page of a submission shows, worked out once for the page, its print view, the action
pages and the page shown when someone else changed it first.

Every staff view of a submission, and every action on it, goes through ``audited``, which writes
the audit row in the request's transaction (issue #9 §6): a page that shows a submission and one
that failed to audit it cannot both exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, session
from sqlalchemy import select

from portal import audit
from portal.data import db
from portal.data.accounts import StaffUser, display_names
from portal.data.audit import AuditEvent
from portal.data.database import utcnow
from portal.data.journeys import Submission
from portal.journeys import routing_rules
from portal.journeys.languages import language_name
from portal.journeys.schema import Journey
from portal.staff import answers, words
from portal.work_items import access, items
from portal.work_items.definitions import journey_as_sent
from portal.work_items.outcomes import outcomes
from portal.work_items.same_person import same_person
from portal.work_items.statuses import status_name

BANNER_KEY = "staff_submission_banner"
# How much of someone else's note or reason the page shown after a clash quotes; the rest is in
# the submission's history.
CONFLICT_DETAIL = 300


def load(reference: str) -> Submission:
    """The submission with this reference (404 if there is none)."""
    found = db.session.scalar(select(Submission).where(Submission.reference == reference.upper()))
    if found is None:
        abort(404)
    return found


def visible_to(user: StaffUser, reference: str) -> Submission:
    """The submission, if this person may see it: 403 if they may not, 404 if there is none."""
    submission = load(reference)
    if not access.may_view(user, submission):
        abort(403)
    return submission


def journey_of(submission: Submission) -> Journey:
    journey = journey_as_sent(submission, current_app.extensions["frontdoor.journeys"])
    if journey is None:  # a journey removed since; its definition should have been kept
        abort(404)
    return journey


def audited(user: StaffUser, submission: Submission, action: str = "submission-viewed", **detail):
    """Write the audit row for this look at the submission, or for what was done to it."""
    audit.record(
        action,
        actor=user.email,
        actor_id=user.id,
        submission_id=submission.id,
        detail={"reference": submission.reference, **detail},
    )


def give_banner(reference: str, text: str) -> None:
    """What the next page of this submission says was done (a GOV.UK notification banner)."""
    session[BANNER_KEY] = {"reference": reference, "text": text}


def take_banner(reference: str) -> str | None:
    banner = session.get(BANNER_KEY)
    if not banner or banner.get("reference") != reference:
        return None
    session.pop(BANNER_KEY, None)
    return banner.get("text")


def queue_names() -> dict[str, str]:
    return dict(routing_rules().queues)


@dataclass(frozen=True)
class Conflict:
    """Someone else changed the submission since the page was shown: who, when, what."""

    who: str
    when: str
    what: str
    detail: str | None = None  # their note or reason, shortened


def conflict(submission: Submission) -> Conflict:
    event = items.latest(submission)
    if event is None:
        return Conflict("Someone", "just now", "a change")
    names = display_names([event.actor, event.from_value, event.to_value])
    said = words.event_words(event, names, queue_names())
    detail = said["detail"]
    if detail and len(detail) > CONFLICT_DETAIL:
        detail = detail[:CONFLICT_DETAIL].rstrip() + "…"
    return Conflict(said["by"] or "Someone", words.when(event.at), said["title"], detail)


def _clocks(submission: Submission, now) -> list[dict]:
    found = []
    for clock in (submission.routing or {}).get("clocks") or []:
        due = words.clock_due(clock)
        left, overdue = words.time_left(due, now)
        found.append(
            {
                "name": words.clock_name(clock["id"]),
                "due": words.when(due),
                "left": None if not items.is_open(submission) else left,
                "overdue": overdue and items.is_open(submission),
            }
        )
    return found


def state(submission: Submission, names: dict[str, str]) -> dict:
    """The few facts every page of a submission starts with."""
    queues = queue_names()
    return {
        "status": status_name(submission.status),
        "priority": words.priority_name(submission.priority, submission.priority_rank),
        "queue": queues.get(submission.queue, submission.queue),
        "assignee": words.person(submission.assignee, names) if submission.assignee else None,
        "outcome": outcomes().name(submission.outcome, submission.queue),
        "closed_at": words.when(submission.closed_at) if submission.closed_at else None,
    }


def first_view(submission: Submission):
    """(actor_id, at) of the first time a member of staff opened it, from the audit log: the
    timeline says whether anyone has looked at it yet; who else has is for managers and
    auditors (the seen-by page), not every reader."""
    return db.session.execute(
        select(AuditEvent.actor_id, AuditEvent.at)
        .where(AuditEvent.submission_id == submission.id, AuditEvent.action == "submission-viewed")
        .order_by(AuditEvent.id)
        .limit(1)
    ).first()


def page(user: StaffUser, submission: Submission) -> dict:
    """Everything the submission's page and its print view show."""
    journey = journey_of(submission)
    lang = submission.locale or "en"
    show = access.may_see_sensitive(user, journey.sensitive)
    routing = submission.routing or {}
    events = items.history(submission)
    opened = first_view(submission)
    # Every account the page names (assignee, timeline, first opened), in one query.
    names = display_names(
        [submission.assignee, str(opened.actor_id) if opened else None]
        + [value for event in events for value in (event.actor, event.from_value, event.to_value)]
    )
    second = routing.get("second_queue") if submission.second_queue else None
    return {
        "submission": submission,
        "journey": journey,
        "state": state(submission, names),
        "sent": words.when(submission.submitted_at),
        "channel": words.channel_name(submission.channel),
        "language": language_name(lang),
        "interpreter": language_name(submission.interpreter),
        "locality": routing.get("locality_name"),
        "district": routing.get("district_name"),
        "forward_to": (routing.get("forward_to") or {}).get("name"),
        "screened_at": words.when(submission.screened_at) if submission.screened_at else None,
        "clocks": _clocks(submission, utcnow()),
        "second_queue": second,
        "second_queue_due": words.when(words.clock_due(second)) if second else None,
        "reasons": [reason["text"] for reason in routing.get("reasons") or []],
        "flags": [flag["text"] for flag in routing.get("flags") or []],
        "first": answers.first(journey, submission.answers, lang, show),
        "sections": answers.sections(journey, submission.answers, lang, show),
        "sensitive_hidden": journey.sensitive and not show,
        "matches": same_person(submission, access.visible(user)),
        "timeline": words.timeline(events, queue_names(), names),
        "first_opened": (
            (words.person(str(opened.actor_id), names), words.when(opened.at)) if opened else None
        ),
        "is_open": items.is_open(submission),
        "may_work": access.may_work(user, submission),
        "manages": access.manages(user, submission),
        "may_see_who_has_seen": access.may_see_who_has_seen(user, submission),
        "is_assignee": submission.assignee == str(user.id),
        "day": words.day,
        "journey_title": _journey_title,
    }


def _journey_title(journey_id: str) -> str:
    journey = current_app.extensions["frontdoor.journeys"].get(journey_id)
    return journey.title if journey else journey_id
