"""What a message says, worked out when it is sent from what is stored, one builder per purpose.

A message row keeps what it is about (its reference, purpose and submission), so the values a
provider gets are current when it goes: an out-of-hours alert carries the submission's priority
at that moment and the staff link from today's settings. Every builder returns the reference and
generic values only: never a name, an address or anything about a concern or someone's care.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app

from portal.data import db
from portal.data.journeys import OutboxMessage, Submission

Payload = dict[str, str]


def _acknowledgement(message: OutboxMessage) -> Payload:
    return {"reference": message.reference}


def _resume_link(message: OutboxMessage) -> Payload:
    # The link holds the resume code, of which only a hash is kept with the draft: the one value
    # that has to be stored when the message is queued.
    return {"reference": message.reference, "link": message.personalisation["link"]}


def _out_of_hours_alert(message: OutboxMessage) -> Payload:
    settings = current_app.extensions["frontdoor.settings"]
    template = settings.staff_submission_url
    return {
        "reference": message.reference,
        "priority": _submission(message).priority,
        "link": template.replace("{reference}", message.reference) if template else "",
    }


PAYLOADS: dict[str, Callable[[OutboxMessage], Payload]] = {
    "acknowledgement": _acknowledgement,
    "resume-link": _resume_link,
    "out-of-hours-alert": _out_of_hours_alert,
}


def payload(message: OutboxMessage) -> Payload:
    """The values for this message now; raises ValueError for a purpose nobody wrote."""
    builder = PAYLOADS.get(message.purpose)
    if builder is None:
        raise ValueError(f"No message for purpose {message.purpose!r}")
    return builder(message)


def _submission(message: OutboxMessage) -> Submission:
    found = db.session.get(Submission, message.submission_id) if message.submission_id else None
    if found is None:
        raise LookupError("The submission this message is about is not there")
    return found
