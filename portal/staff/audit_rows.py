"""Audit rows as the audit pages and their downloads show them: who by name and email, when in
London time, what in words, which submission by its reference, and the row's few details."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from portal.audit import in_words
from portal.data.audit import AuditEvent, accounts_of, references_of
from portal.routing.clock import LONDON


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor_id: int | None
    who: str  # the account's name, or what the row recorded when there is no account
    email: str  # the account's email, or what the row recorded
    action: str
    what: str
    submission_id: int | None
    # None when the row names no submission, or one no longer kept.
    reference: str | None
    details: str
    address: str
    request_id: str

    @property
    def when(self) -> str:
        """London time in words, to the second: "1 December 2026, 9:05:12am"."""
        local = self.at.astimezone(LONDON)
        hour = local.strftime("%I").lstrip("0")
        return f"{local.day} {local:%B %Y}, {hour}:{local:%M:%S}{local:%p}".replace(
            "AM", "am"
        ).replace("PM", "pm")

    @property
    def iso(self) -> str:
        """London time in ISO 8601 with its offset from UTC: 2026-07-01T10:00:00+01:00."""
        return self.at.astimezone(LONDON).isoformat(timespec="seconds")


def _value(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_value(item) for item in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{key} {_value(item)}" for key, item in value.items()) or "none"
    if value is None or value == "":
        return "none"
    return str(value)


def details_text(detail: dict | None) -> str:
    """A row's detail as "filters: queue carers, status new; page: 2"."""
    if not detail:
        return ""
    return "; ".join(f"{key.replace('_', ' ')}: {_value(value)}" for key, value in detail.items())


def readable(events: Iterable[AuditEvent]) -> list[AuditRow]:
    events = list(events)
    accounts = accounts_of({event.actor_id for event in events if event.actor_id is not None})
    references = references_of(
        {event.submission_id for event in events if event.submission_id is not None}
    )
    rows = []
    for event in events:
        account = accounts.get(event.actor_id) if event.actor_id is not None else None
        rows.append(
            AuditRow(
                id=event.id,
                at=event.at,
                actor_id=event.actor_id,
                who=account.display_name if account else event.actor,
                email=account.email if account else event.actor,
                action=event.action,
                what=in_words(event.action),
                submission_id=event.submission_id,
                reference=references.get(event.submission_id) if event.submission_id else None,
                details=details_text(event.detail),
                address=event.client_address or "",
                request_id=event.request_id or "",
            )
        )
    return rows


CSV_HEADER = (
    "Row",
    "When (London time)",
    "Name",
    "Email",
    "Action",
    "What",
    "Submission",
    "Details",
    "Address",
    "Request",
)


def csv_rows(rows: Iterable[AuditRow]) -> Iterable[tuple]:
    for row in rows:
        yield (
            row.id,
            row.iso,
            row.who,
            row.email,
            row.action,
            row.what,
            row.reference or (f"id {row.submission_id}" if row.submission_id else ""),
            row.details,
            row.address,
            row.request_id,
        )
