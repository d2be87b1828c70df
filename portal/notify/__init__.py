"""Messages about a submission, sent from the outbox by a worker, never inside a request.

Each message is written to the outbox in the same transaction as the submission or draft it is
about, so a message is never sent for something that was not saved, and a third party being down
never loses or blocks a submission. `flask --app wsgi outbox send` sends what is due and retries
failures with growing waits.

Messages carry the reference and generic wording only: never a name, an address or anything
about a concern or someone's care.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import OutboxMessage
from portal.notify.senders import Sender, sender_from_config

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)


def queue_message(
    *, reference: str, purpose: str, recipient: str, locale: str, personalisation: dict
) -> OutboxMessage:
    """Add a message to the outbox in the caller's transaction (the caller commits)."""
    message = OutboxMessage(
        reference=reference,
        purpose=purpose,
        channel="email",
        recipient=recipient,
        locale=locale,
        personalisation=personalisation,
        status="pending",
        next_attempt_at=utcnow(),
    )
    db.session.add(message)
    return message


def _wait(attempts: int) -> timedelta:
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def send_due(sender: Sender | None = None, limit: int = 100) -> dict[str, int]:
    """Send every pending message that is due; returns counts of sent, retrying and failed."""
    sender = sender or sender_from_config(current_app.config)
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    due = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= utcnow())
        .order_by(OutboxMessage.next_attempt_at)
        .limit(limit)
    ).all()
    for message in due:
        message.attempts += 1
        try:
            message.provider_id = sender.send(message)
        except Exception as error:  # any provider failure: keep the message and try again
            message.last_error = f"{type(error).__name__}: {error}"[:500]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = "failed"
                counts["failed"] += 1
                log.error(
                    "message failed for good",
                    extra={"event": "outbox_failed", "path": message.reference},
                )
            else:
                message.next_attempt_at = utcnow() + _wait(message.attempts)
                counts["retrying"] += 1
        else:
            message.status = "sent"
            message.sent_at = utcnow()
            message.recipient = None
            message.last_error = None
            counts["sent"] += 1
        db.session.commit()
    return counts
