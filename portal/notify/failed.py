"""Dead letters: messages the worker gave up on, listed for the team and sent again on request."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import OutboxMessage

FAILED = "failed"


def failed_messages() -> list[OutboxMessage]:
    """Every failed message, the most recently tried last."""
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status == FAILED)
            .order_by(OutboxMessage.claimed_at, OutboxMessage.id)
        )
    )


def retry(ids: Iterable[int] | None) -> tuple[list[int], dict[int, str]]:
    """Make failed messages due now with a full set of tries (every one when `ids` is None).

    Returns the ids queued again, and why each other id asked for was left alone. The caller
    commits.
    """
    query = select(OutboxMessage)
    if ids is None:
        query = query.where(OutboxMessage.status == FAILED)
    else:
        ids = sorted(set(ids))
        query = query.where(OutboxMessage.id.in_(ids))
    found = {message.id: message for message in db.session.scalars(query)}
    refused = {
        wanted: f"is {found[wanted].status}, not failed" if wanted in found else "does not exist"
        for wanted in ids or ()
        if wanted not in found or found[wanted].status != FAILED
    }
    queued = sorted(id_ for id_, message in found.items() if message.status == FAILED)
    now = utcnow()
    for id_ in queued:
        message = found[id_]
        message.status, message.attempts, message.next_attempt_at = "pending", 0, now
        message.claimed_by = None
    db.session.flush()
    return queued, refused
