"""Sending a form: one transaction writes the submission, its routing and its acknowledgement.

Sending twice (a double click, Back and send again, two tabs) gives one submission and the same
reference: the draft is locked while it is sent, the reference is unique, and a second attempt
finds the first submission instead of making another.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import Draft, Submission
from portal.journeys import routing_rules
from portal.journeys.notices import phone_now
from portal.journeys.path import answers_on_path, progress
from portal.journeys.schema import Journey
from portal.notify import queue_message
from portal.routing import decide
from portal.work_items.definitions import keep_definition
from portal.work_items.items import open_item

log = logging.getLogger(__name__)


class NotReady(ValueError):
    """The draft cannot be sent: questions are unanswered or the path ends at a stop."""


def submission_for(reference: str | None) -> Submission | None:
    if not reference:
        return None
    return db.session.scalar(select(Submission).where(Submission.reference == reference))


def submit(journey: Journey, draft_id: str, reference: str, received: datetime | None = None):
    """Send a draft; returns its submission (the existing one if it was already sent)."""
    existing = submission_for(reference)
    if existing is not None:
        return existing
    draft = db.session.get(Draft, draft_id, with_for_update=True)
    if draft is None:
        # Sent by a request that finished first, or expired: the reference says which.
        db.session.rollback()
        existing = submission_for(reference)
        if existing is None:
            raise NotReady("This form has expired or was not found")
        return existing
    state = progress(journey, draft.answers)
    if not state.complete or state.stop:
        raise NotReady("Some questions are not answered yet")
    answers = answers_on_path(journey, draft.answers)
    received = received or utcnow()
    decision = decide(journey.id, answers, received, places=journey.places, rules=routing_rules())
    if decision.out_of_area:
        # Only a journey whose places say "redirect" stops for another council's area; one that
        # says "forward" is always taken (its decision names the council to pass it on to).
        raise NotReady("The person lives outside Essex County Council's area")
    submission = Submission(
        reference=draft.reference,
        journey_id=journey.id,
        journey_version=journey.version,
        definition_hash=keep_definition(journey),
        locale=draft.locale,
        channel=draft.channel,
        submitted_at=received,
        answers=answers,
    )
    try:
        # The flush inside can already meet the unique reference of a submission sent by
        # another request a moment ago.
        open_item(submission, decision, actor=draft.channel)
        email = contact_email(journey, answers)
        if email:
            queue_message(
                reference=draft.reference,
                purpose="acknowledgement",
                recipient=email,
                locale=draft.locale,
                submission=submission,
            )
        if phone_now(journey.id, decision.priority, received) == "closed":
            # Urgent and out of hours: the Emergency Duty Service hears of it too.
            _alert_duty_service(submission)
        db.session.delete(draft)
        # Flushed here, so a form sent twice at once meets the unique reference now and is
        # answered with the first submission; the request commits it.
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        existing = submission_for(reference)
        if existing is None:
            raise
        return existing
    return submission


def contact_email(journey: Journey, answers: dict) -> str | None:
    """The address to acknowledge to, only when the person said it is safe to email them."""
    if not journey.email_question or not journey.contact_consent_question:
        return None
    if answers.get(journey.contact_consent_question) != "yes":
        return None
    return answers.get(journey.email_question)


def _alert_duty_service(submission: Submission) -> None:
    """Tell the Emergency Duty Service, in the same transaction as the submission. The message
    goes with the reference, the priority and a staff-only link (portal/notify/payloads.py):
    never a name or a detail."""
    settings = current_app.extensions["frontdoor.settings"]
    if not settings.eds_alert_email:
        log.warning(
            "urgent alert out of hours, and EDS_ALERT_EMAIL is not set",
            extra={"event": "eds_alert_not_configured"},
        )
        return
    queue_message(
        reference=submission.reference,
        purpose="out-of-hours-alert",
        recipient=settings.eds_alert_email,
        locale="en",  # for staff
        submission=submission,
    )
