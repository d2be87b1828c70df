"""Sending a form: one transaction writes the submission, its routing and its acknowledgement.

``submit`` is the one core every door calls: the web pages with a draft's answers (through
``drafts.send``), the staff and call-handler pages, and the JSON API with answers alone. Sending
twice (a double click, Back and send again, two tabs, an API client retrying) gives one
submission and the same reference: the reference is unique, and a second attempt with the same
reference finds the first submission instead of making another.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.data import db
from portal.data.journeys import Draft, Submission
from portal.journeys import references, routing_rules, starts
from portal.journeys.checking import check_answers
from portal.journeys.notices import phone_now
from portal.journeys.path import answers_on_path, progress
from portal.journeys.schema import Journey
from portal.notify import queue_message
from portal.routing import decide
from portal.routing.clock import LONDON
from portal.work_items.definitions import keep_definition
from portal.work_items.items import open_item

log = logging.getLogger(__name__)


class NotReady(ValueError):
    """The answers cannot be sent: questions are unanswered or the path ends at a stop.
    ``problems``: check_answers' problems by question id, when it was they that stopped it."""

    def __init__(self, message: str, problems: dict | None = None):
        super().__init__(message)
        self.problems = problems or {}


def submission_for(reference: str | None) -> Submission | None:
    if not reference:
        return None
    return db.session.scalar(select(Submission).where(Submission.reference == reference))


def submit(
    journey: Journey,
    answers: dict,
    *,
    channel: str,
    actor: str | None,
    locale: str,
    received: datetime,
    reference: str | None = None,
) -> Submission:
    """Send a journey's answers; returns the submission, flushed in the caller's transaction.

    ``actor`` is who sends it (a member of staff's account id) or None for a resident, whose
    door (``channel``) is then named in the history. ``reference`` is the draft's: if a form
    with it was already sent, that submission is returned and nothing else is written. Without
    one (answers sent whole, by the API), a new reference is made. Raises NotReady when the
    answers are not complete, end at a stop, or are for another council's area.
    """
    if reference is not None:
        existing = submission_for(reference)
        if existing is not None:
            return existing
    state = progress(journey, answers)
    if state.stop:
        raise NotReady("The answers end at a stop page")
    # The checks every door makes, on the day the form is received.
    problems = check_answers(journey, answers, received.astimezone(LONDON).date())
    if problems or not state.complete:
        raise NotReady("Some answers are missing or cannot be taken", problems)
    answers = answers_on_path(journey, answers)
    decision = decide(journey.id, answers, received, places=journey.places, rules=routing_rules())
    if decision.out_of_area:
        # Only a journey whose places say "redirect" stops for another council's area; one that
        # says "forward" is always taken (its decision names the council to pass it on to).
        raise NotReady("The person lives outside Essex County Council's area")
    given = reference
    submission = Submission(
        reference=reference or _unused_reference(journey),
        journey_id=journey.id,
        journey_version=journey.version,
        definition_hash=keep_definition(journey),
        locale=locale,
        channel=channel,
        submitted_by=actor,
        submitted_at=received,
        answers=answers,
    )
    try:
        # The flush inside can already meet the unique reference of a submission sent by
        # another request a moment ago.
        open_item(submission, decision, actor=actor or channel, journey=journey)
        starts.sent(submission.reference, journey, channel, locale, received)
        email = contact_email(journey, answers)
        if email:
            queue_message(
                reference=submission.reference,
                purpose="acknowledgement",
                recipient=email,
                locale=locale,
                submission=submission,
            )
        if phone_now(journey.id, decision.priority, received) == "closed":
            # Urgent and out of hours: the Emergency Duty Service hears of it too.
            _alert_duty_service(submission)
        # Flushed here, so a form sent twice at once meets the unique reference now and is
        # answered with the first submission; the request commits it.
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        # Only a reference the caller gave can be a repeat: a new one that met another
        # submission's is a clash, never that submission (another person's form).
        existing = submission_for(given)
        if existing is None:
            raise
        return existing
    return submission


def _unused_reference(journey: Journey) -> str:
    """A new reference that no draft or submission has (a clash is about 1 in 34 billion, but
    a draft with the same reference could then never be sent as itself)."""
    while True:
        reference = references.new_reference(journey.reference_prefix)
        taken = db.session.scalar(
            select(Draft.id).where(Draft.reference == reference)
        ) or submission_for(reference)
        if not taken:
            return reference


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
