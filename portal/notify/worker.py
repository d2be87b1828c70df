"""The worker: claim due messages, send each with its channel's sender, record what happened.

Any number of workers, on any number of machines, can share one PostgreSQL outbox (ADR 0014):
- a claim takes a few due messages in one short transaction (`FOR UPDATE SKIP LOCKED`, so two
  workers never take the same row, nor wait for each other), marks them "sending" with this
  claim's name and a lease, and commits before anything is sent;
- each message is then sent outside any transaction, and its outcome written only if the claim
  is still this one's, so a slow worker can never overwrite another's result;
- a worker that dies leaves its messages "sending" until the lease runs out, when any worker
  takes them again (as a new try): none is stuck, and a message goes twice only if the worker
  died between the provider accepting it and the outcome being written.
SQLite has no row locks: the claim is one UPDATE statement there, which is safe for the one
worker an embedded database is meant for.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, select, update

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import OutboxMessage
from portal.notify.channels import senders_from_config
from portal.notify.payloads import payload
from portal.notify.senders import Sender

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
# A claim is small and its lease long: ten sends at the providers' longest timeouts (30 seconds
# for Notify) take five minutes, and a message is only started while LONGEST_SEND of the lease
# is left, so a live worker always finishes a send before another may take the message.
BATCH = 10
LEASE = timedelta(minutes=10)
LONGEST_SEND = timedelta(minutes=2)
SENDING = "sending"
CLAIMABLE = ("pending", SENDING)  # "sending" only once its lease has run out


@dataclass(frozen=True)
class Claim:
    name: str  # written to claimed_by: this worker's host and process, and this claim's own id
    messages: list[OutboxMessage]
    lease_ends: datetime


def worker_name() -> str:
    return f"{socket.gethostname()}/{os.getpid()}"


def claim_due(worker: str, batch: int = BATCH) -> Claim:
    """Take up to `batch` due messages for this worker, committed before any of them is sent."""
    now = utcnow()
    name = f"{worker}/{secrets.token_hex(4)}"[-120:]
    due = (
        select(OutboxMessage.id)
        .where(_due(now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(batch)
        # PostgreSQL locks the rows it returns and passes over rows another claim has locked;
        # SQLite ignores this and runs the whole UPDATE as one write.
        .with_for_update(skip_locked=True)
    )
    claimed = db.session.scalars(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(due.scalar_subquery()))
        .values(
            status=SENDING,
            claimed_by=name,
            claimed_at=now,
            next_attempt_at=now + LEASE,
            attempts=OutboxMessage.attempts + 1,
        )
        .returning(OutboxMessage),
        execution_options={"synchronize_session": False, "populate_existing": True},
    ).all()
    db.session.commit()
    return Claim(name, sorted(claimed, key=lambda message: message.id), now + LEASE)


def _due(now: datetime):
    return and_(OutboxMessage.status.in_(CLAIMABLE), OutboxMessage.next_attempt_at <= now)


def send_due(
    sender: Sender | None = None,
    *,
    senders: Mapping[str, Sender] | None = None,
    limit: int = 100,
    worker: str | None = None,
) -> dict[str, int]:
    """Send up to `limit` due messages, a claim at a time; returns counts of sent, retrying and
    failed. `sender` sends every channel (tests, a one-channel set-up); otherwise `senders`, or
    the configured sender of each channel. Call it with no transaction open: it commits its own.
    """
    if sender is not None:
        pick: Callable[[str], Sender | None] = lambda _channel: sender  # noqa: E731
    else:
        pick = (senders or senders_from_config(current_app.config)).get
    worker = worker or worker_name()
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    taken = 0
    while taken < limit:
        claim = claim_due(worker, min(BATCH, limit - taken))
        if not claim.messages:
            break
        taken += len(claim.messages)
        _send_claim(claim, pick, counts)
    return counts


def _send_claim(claim: Claim, pick: Callable[[str], Sender | None], counts: dict) -> None:
    started: set[int] = set()
    try:
        for message in claim.messages:
            if utcnow() + LONGEST_SEND > claim.lease_ends:
                break  # too little lease left to be sure of finishing: given back below
            started.add(message.id)
            counts[_send_one(claim.name, message, pick(message.channel))] += 1
    finally:
        # Stopped early (Ctrl+C, SIGTERM, a database error): the messages not yet started go
        # back at once rather than waiting for the lease to run out.
        unstarted = [message.id for message in claim.messages if message.id not in started]
        if unstarted:
            _give_back(claim.name, unstarted)


def _send_one(claim: str, message: OutboxMessage, sender: Sender | None) -> str:
    try:
        if sender is None:
            raise LookupError(f"No sender for channel {message.channel!r}")
        values = payload(message)
        db.session.commit()  # end the read before a slow provider call: hold nothing open
        provider_id = sender.send(message, values)
    except Exception as error:  # any failure: keep the message and try again later
        db.session.rollback()
        return _record_failure(claim, message, error)
    _record(
        claim,
        message,
        status="sent",
        sent_at=utcnow(),
        recipient=None,
        last_error=None,
        provider_id=provider_id,
    )
    return "sent"


def _record_failure(claim: str, message: OutboxMessage, error: Exception) -> str:
    summary = error_summary(error, message)
    if message.attempts >= MAX_ATTEMPTS:
        _record(claim, message, status="failed", last_error=summary)
        log.error(
            "message failed for good", extra={"event": "outbox_failed", "path": message.reference}
        )
        return "failed"
    wait = min(FIRST_RETRY * 2 ** (message.attempts - 1), LONGEST_WAIT)
    _record(claim, message, status="pending", next_attempt_at=utcnow() + wait, last_error=summary)
    return "retrying"


def _record(claim: str, message: OutboxMessage, **values) -> None:
    """Write the outcome if the message is still this claim's (it is, unless the lease ran out)."""
    written = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message.id,
            OutboxMessage.claimed_by == claim,
            OutboxMessage.status == SENDING,
        )
        .values(**values),
        execution_options={"synchronize_session": False},
    ).rowcount
    db.session.commit()
    if not written:
        log.warning(
            "outcome not written: the message's lease had run out",
            extra={"event": "outbox_lease_lost", "path": message.reference},
        )


def _give_back(claim: str, ids: list[int]) -> None:
    db.session.rollback()
    db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id.in_(ids),
            OutboxMessage.claimed_by == claim,
            OutboxMessage.status == SENDING,
        )
        .values(
            status="pending",
            next_attempt_at=utcnow(),
            attempts=OutboxMessage.attempts - 1,  # it was never tried
            claimed_by=None,
        ),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()


# A provider's error may quote what it was given: the address, a link with a resume code.
_LINK = re.compile(r"\b\w+://\S+")
_ADDRESS = re.compile(r"[^\s@<>()\"',;:{}\[\]]+@[^\s@<>()\"',;:{}\[\]]+")


def error_summary(error: BaseException, message: OutboxMessage) -> str:
    """The kind of error and its text, with addresses and links taken out, for the dead letters."""
    text = f"{type(error).__name__}: {error}"
    if message.recipient:
        text = text.replace(message.recipient, "[address]")
    text = _ADDRESS.sub("[address]", _LINK.sub("[link]", text))
    return text[:300]
