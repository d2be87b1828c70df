"""Messages about a submission, sent from the outbox by a worker, never inside a request.

Each message is written to the outbox in the same transaction as the submission or draft it is
about, so a message is never sent for something that was not saved, and a third party being down
never loses or blocks a submission. `flask --app wsgi outbox send` sends what is due (any number
of workers may run at once, portal/notify/worker.py) and retries failures with growing waits;
`outbox failed` lists those that gave up and `outbox retry` sends them again.

Messages carry the reference and generic wording only: never a name, an address or anything
about a concern or someone's care.
"""

from __future__ import annotations

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import OutboxMessage, Submission
from portal.notify.channels import CHANNELS
from portal.notify.worker import MAX_ATTEMPTS, send_due

__all__ = ["MAX_ATTEMPTS", "queue_message", "send_due"]


def queue_message(
    *,
    reference: str,
    purpose: str,
    recipient: str,
    locale: str,
    submission: Submission | None = None,
    channel: str = "email",
    link: str | None = None,
) -> OutboxMessage:
    """Add a message to the outbox in the caller's transaction (the caller commits).

    The message keeps what it is about; its words and payload are built when it is sent. `link`
    is for what cannot be built again then (a saved form's link, which holds a one-time code).
    """
    if channel not in CHANNELS:
        raise ValueError(f"No sender for channel {channel!r}")
    kept = {"reference": reference} if link is None else {"reference": reference, "link": link}
    message = OutboxMessage(
        reference=reference,
        purpose=purpose,
        channel=channel,
        submission=submission,
        recipient=recipient,
        locale=locale,
        personalisation=kept,
        status="pending",
        next_attempt_at=utcnow(),
    )
    db.session.add(message)
    return message
