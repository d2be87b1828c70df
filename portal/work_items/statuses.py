"""The statuses of a work item, read from config/work-statuses.yaml and checked at start-up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal import filecheck
from portal.config import PROJECT_ROOT, ConfigError

STATUSES_FILE = PROJECT_ROOT / "config" / "work-statuses.yaml"
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


class StatusError(ConfigError, ValueError):
    """config/work-statuses.yaml is wrong; the message lists every problem."""


@dataclass(frozen=True)
class Status:
    id: str
    name: str
    open: bool
    initial: bool = False


@dataclass(frozen=True)
class Statuses:
    all: tuple[Status, ...]

    @property
    def initial(self) -> Status:
        return next(status for status in self.all if status.initial)

    @property
    def closed(self) -> Status:
        """The status a submission is closed with: the first that is not open."""
        return next(status for status in self.all if not status.open)

    def get(self, status_id: str) -> Status | None:
        return next((status for status in self.all if status.id == status_id), None)

    @property
    def open_ids(self) -> tuple[str, ...]:
        return tuple(status.id for status in self.all if status.open)


def read_statuses(path: Path) -> Statuses:
    raw = filecheck.safe_load(path.read_text(encoding="utf-8")) or {}
    problems: list[str] = []
    statuses: list[Status] = []
    entries = raw.get("statuses") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        problems.append("statuses must be a list of {id, name, open}")
        entries = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(f"status {number} must be a mapping of id, name and open")
            continue
        unknown = sorted(set(entry) - {"id", "name", "open", "initial"})
        if unknown:
            problems.append(f"status {number}: unknown keys {', '.join(unknown)}")
        status_id = str(entry.get("id", ""))
        if not _ID.match(status_id):
            problems.append(f"status {number}: id {status_id!r} must be lower-case-with-dashes")
        if not str(entry.get("name") or "").strip():
            problems.append(f"status {status_id or number}: needs a name")
        if not isinstance(entry.get("open"), bool):
            problems.append(f"status {status_id or number}: open must be true or false")
        statuses.append(
            Status(
                status_id,
                str(entry.get("name") or ""),
                entry.get("open") is True,
                entry.get("initial") is True,
            )
        )
    ids = [status.id for status in statuses]
    for status_id in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"status {status_id!r} is listed twice")
    initial = [status for status in statuses if status.initial]
    if statuses and len(initial) != 1:
        problems.append("exactly one status must be initial: true")
    elif initial and not initial[0].open:
        problems.append(f"the initial status {initial[0].id!r} must be open")
    if statuses and all(status.open for status in statuses):
        problems.append("at least one status must be closed (open: false)")
    if problems:
        raise StatusError(f"{path.name} has problems:\n  - " + "\n  - ".join(problems))
    return Statuses(tuple(statuses))


@cache
def statuses() -> Statuses:
    return read_statuses(STATUSES_FILE)


def status_name(status_id: str | None) -> str:
    """A status in words; an id no longer configured (an old row) as it was stored."""
    status = statuses().get(status_id or "")
    return status.name if status else (status_id or "")
