"""The audit log: append-only, each row carrying a hash of the one before (ADR 0026).

Nothing here updates or deletes a row, and the database refuses to (a trigger on both engines,
migration 0010). The hash chain is for what a trigger cannot stop: someone with the rights to
switch the trigger off. Each row's hash covers its content and the previous row's hash, so a row
changed, removed or slipped in afterwards breaks the chain at that row, and ``verify_chain``
names the first row where it breaks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Integer, Select, String, func, literal, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.data.accounts import StaffUser
from portal.data.database import Base, JSONDocument, UTCDateTime, count_up_to, db, utcnow
from portal.data.journeys import Submission

# The previous hash of the first row.
GENESIS = "0" * 64
# Any constant: the PostgreSQL advisory lock that puts concurrent appends in a line, so two
# requests never both chain onto the same row (the unique prev_hash would refuse the second).
_APPEND_LOCK = 0x4155444954


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # The staff account, when there is one (never a foreign key: the log outlives any account).
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # The account's email, "command line (name)" for an administrator's command, or "unknown".
    actor: Mapped[str] = mapped_column(String(254))
    # signed-in, sign-in-failed, signed-out, account-locked, user-created ... (portal/audit.py)
    action: Mapped[str] = mapped_column(String(40))
    # Plain ids, never foreign keys, for the same reason as actor_id.
    submission_id: Mapped[int | None] = mapped_column(Integer, index=True)
    request_id: Mapped[str | None] = mapped_column(String(64))
    client_address: Mapped[str | None] = mapped_column(String(45))
    # A few words of context (a reason, the roles given): never a password, code or answer.
    detail: Mapped[dict | None] = mapped_column(JSONDocument)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64))


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def row_hash(event) -> str:
    """SHA-256 of the row's content and the previous row's hash, as canonical JSON (``event``:
    an AuditEvent, or a plain row or anything else with its attributes)."""
    content = {
        "at": _moment(event.at),
        "actor_id": event.actor_id,
        "actor": event.actor,
        "action": event.action,
        "submission_id": event.submission_id,
        "request_id": event.request_id,
        "client_address": event.client_address,
        "detail": event.detail,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(session: Session | None = None, **values) -> AuditEvent:
    """Add a row at the end of the chain (flushed, committed with the caller's transaction)."""
    session = session or db.session
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _APPEND_LOCK})
    last = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    event = AuditEvent(at=values.pop("at", None) or utcnow(), prev_hash=last or GENESIS, **values)
    event.hash = row_hash(event)
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainReport:
    rows: int
    # The id of the first row where the chain breaks, and why; None when it holds.
    broken_at: int | None = None
    problem: str | None = None
    last_hash: str | None = None


# What a row's hash covers, with its id and hash: read as plain rows, not mapped objects
# (half the time on every audit page's check of the newest rows: 75 ms for 5,000, not 160).
_CHECKED = tuple(
    getattr(AuditEvent, name)
    for name in (
        "id",
        "at",
        "actor_id",
        "actor",
        "action",
        "submission_id",
        "request_id",
        "client_address",
        "detail",
        "prev_hash",
        "hash",
    )
)


def _rows(session: Session, from_id: int | None) -> Iterator:
    statement = select(*_CHECKED).order_by(AuditEvent.id).execution_options(yield_per=1000)
    if from_id is not None:
        statement = statement.where(AuditEvent.id >= from_id)
    yield from session.execute(statement)


def verify_chain(session: Session | None = None, *, newest: int | None = None) -> ChainReport:
    """Walk the log in order and report the first row whose hash or link is wrong: the whole
    log, or only the ``newest`` rows (each still checked against the row before it)."""
    session = session or db.session
    previous, from_id = GENESIS, None
    if newest is not None:
        # The row before the window: the window's first link must match it.
        before = session.execute(
            select(AuditEvent.id, AuditEvent.hash)
            .order_by(AuditEvent.id.desc())
            .offset(newest)
            .limit(1)
        ).first()
        if before is not None:
            previous, from_id = before.hash, before.id + 1
    count = 0
    for event in _rows(session, from_id):
        count += 1
        if event.prev_hash != previous:
            return ChainReport(
                count,
                event.id,
                "its link does not match the row before it: a row before it was removed, "
                "added or changed",
            )
        if row_hash(event) != event.hash:
            return ChainReport(
                count, event.id, "its content does not match its hash: it was changed"
            )
        previous = event.hash
    return ChainReport(count, last_hash=previous if count else None)


@dataclass(frozen=True)
class AuditFilter:
    """Which rows an audit page shows; every field left as None matches every row."""

    action: str | None = None
    actor_id: int | None = None
    submission_id: int | None = None
    # From this moment (inclusive) and before that one (exclusive), both aware.
    since: datetime | None = None
    before: datetime | None = None
    # Actions left out (a person's sign-ins, on "what has this person seen").
    excluding: frozenset[str] = frozenset()


def _where(statement: Select, chosen: AuditFilter) -> Select:
    if chosen.action is not None:
        statement = statement.where(AuditEvent.action == chosen.action)
    if chosen.actor_id is not None:
        statement = statement.where(AuditEvent.actor_id == chosen.actor_id)
    if chosen.submission_id is not None:
        statement = statement.where(AuditEvent.submission_id == chosen.submission_id)
    if chosen.since is not None:
        statement = statement.where(AuditEvent.at >= chosen.since)
    if chosen.before is not None:
        statement = statement.where(AuditEvent.at < chosen.before)
    if chosen.excluding:
        statement = statement.where(AuditEvent.action.not_in(sorted(chosen.excluding)))
    return statement


def matching(chosen: AuditFilter, *, offset: int = 0, limit: int | None = None) -> list[AuditEvent]:
    """The rows that match, newest first (the chain's order, backwards)."""
    statement = _where(select(AuditEvent), chosen).order_by(AuditEvent.id.desc()).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return list(db.session.scalars(statement))


def count(chosen: AuditFilter, *, at_most: int | None = None) -> int:
    """How many rows match; with ``at_most``, counting stops at ``at_most + 1`` (a whole log
    of millions takes a fifth of a second to count, the first 10,001 rows under a millisecond)."""
    if at_most is None:
        return db.session.scalar(_where(select(func.count(AuditEvent.id)), chosen)) or 0
    rows = _where(select(literal(1)).select_from(AuditEvent), chosen)
    return db.session.scalar(count_up_to(rows, at_most)) or 0


def count_by_action(chosen: AuditFilter) -> dict[str, int]:
    statement = _where(select(AuditEvent.action, func.count(AuditEvent.id)), chosen)
    return dict(db.session.execute(statement.group_by(AuditEvent.action)).all())


def references_of(submission_ids: set[int]) -> dict[int, str]:
    """The references of the submissions rows are about (one query for a page of rows)."""
    if not submission_ids:
        return {}
    statement = select(Submission.id, Submission.reference).where(
        Submission.id.in_(sorted(submission_ids))
    )
    return dict(db.session.execute(statement).all())


def accounts_of(actor_ids: set[int]) -> dict[int, StaffUser]:
    """The staff accounts rows were written by (one query for a page of rows)."""
    if not actor_ids:
        return {}
    statement = select(StaffUser).where(StaffUser.id.in_(sorted(actor_ids)))
    return {account.id: account for account in db.session.scalars(statement)}


def count_submissions(chosen: AuditFilter) -> int:
    """How many different submissions the matching rows are about."""
    statement = _where(select(func.count(func.distinct(AuditEvent.submission_id))), chosen)
    return db.session.scalar(statement) or 0
