"""The queue views of the staff workspace: "My work", "Available work" and, for managers, "All
work" (after HMCTS Work Allocation), their counts, one page of each, and the rows as staff read
them.

- My work: open submissions assigned to me.
- Available work: open submissions nobody has, in the queues I may see.
- All work: every submission in the queues I may see, whoever has it; open ones unless the
  status filter asks for others (a closed form would otherwise crowd the top of a list ordered by
  priority, years after it was done).

Every query is combined with ``access.visible(user)``, so nothing outside need to know is ever
listed or counted (ADR 0027). The order is priority (rank 1 first), then the due time, then the
id, so equal rows keep one order from page to page; it follows the (queue, status,
priority_rank, due_at) index. Only the columns a row shows are read, never the answers.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import ColumnElement, Row, case, func, select

from portal.data import db
from portal.data.accounts import StaffUser
from portal.data.journeys import Submission
from portal.districts import alliances, district_names
from portal.routing import config as routing_config
from portal.work_items import access
from portal.work_items.due import due_words, is_overdue
from portal.work_items.queue_filters import (
    BSL,
    Filters,
    Options,
    channel_name,
    conditions,
    language_names,
    options,
)
from portal.work_items.statuses import statuses

MY_WORK, AVAILABLE_WORK, ALL_WORK = "my-work", "available-work", "all-work"
VIEW_TITLES = {MY_WORK: "My work", AVAILABLE_WORK: "Available work", ALL_WORK: "All work"}
PAGE_SIZE = 25
# The doors submissions came through are read from the table (no index serves that), so the
# answer is kept for a while rather than asked on every page.
CHANNELS_KEPT_SECONDS = 600

# What a row shows: never the answers.
ROW_COLUMNS = (
    Submission.id,
    Submission.reference,
    Submission.journey_id,
    Submission.queue,
    Submission.second_queue,
    Submission.priority,
    Submission.due_at,
    Submission.district,
    Submission.locality,
    Submission.locality_check,
    Submission.locale,
    Submission.interpreter,
    Submission.channel,
    Submission.status,
    Submission.assignee,
    Submission.submitted_at,
)
ORDER = (Submission.priority_rank, Submission.due_at.asc().nulls_last(), Submission.id)


@dataclass(frozen=True)
class QueueRow:
    """One submission as a queue shows it, every value ready to print."""

    reference: str
    form: str
    queue: str
    second_queue: str | None
    priority_id: str
    priority: str
    due: str
    due_at: datetime | None
    overdue: bool
    locality: str
    district: str | None
    locality_check: bool
    language: str
    interpreter: str | None
    channel: str
    status: str
    assignee: str
    submitted_at: datetime


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    number: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def first(self) -> int:
        """The position of the first row shown (1-based), or 0 when none are."""
        return (self.number - 1) * PAGE_SIZE + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0


@dataclass(frozen=True)
class Counts:
    my_work: int
    available_work: int
    all_work: int

    def of(self, view: str) -> int:
        return getattr(self, view.replace("-", "_"))


def view_statuses(view: str) -> list[tuple[str, str]]:
    """(id, name) of the statuses a view can list: open ones, or every one for All work."""
    return [(s.id, s.name) for s in statuses().all if s.open or view == ALL_WORK]


def filter_options(view: str, user: StaffUser) -> Options:
    return options(
        queue_names=routing_config().queues,
        visible_queues=access.visible_queues(user),
        statuses=view_statuses(view),
        channels=channels(),
    )


def channels() -> list[str]:
    """Every door the submissions came through, read at most every CHANNELS_KEPT_SECONDS."""
    kept = current_app.extensions.setdefault("frontdoor.queue-channels", {})
    if kept.get("until", 0) < time.monotonic():
        kept["values"] = sorted(db.session.scalars(select(Submission.channel).distinct()))
        kept["until"] = time.monotonic() + CHANNELS_KEPT_SECONDS
    return kept["values"]


def _scope(view: str, user: StaffUser, filters: Filters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [access.visible(user)]
    if view == MY_WORK:
        where.append(Submission.assignee == str(user.id))
    elif view == AVAILABLE_WORK:
        where.append(Submission.assignee.is_(None))
    if not filters.status:
        where.append(Submission.status.in_(statuses().open_ids))
    return where


def counts(user: StaffUser) -> Counts:
    """The open work in each view, in one pass over the open work this person may see."""
    mine, nobodys, every = db.session.execute(
        select(
            func.count(case((Submission.assignee == str(user.id), 1))),
            func.count(case((Submission.assignee.is_(None), 1))),
            func.count(),
        ).where(access.visible(user), Submission.status.in_(statuses().open_ids))
    ).one()
    return Counts(mine, nobodys, every)


def page_of(
    view: str,
    user: StaffUser,
    filters: Filters,
    number: int,
    now: datetime,
    *,
    total: int | None = None,
) -> QueuePage:
    """Page ``number`` (from 1) of a view with these filters. ``total`` may be passed when it is
    already known (the view's own count, without filters) to save counting again."""
    where = [*_scope(view, user, filters), *conditions(filters, now)]
    if total is None:
        total = db.session.scalar(select(func.count()).select_from(Submission).where(*where))
    found = db.session.execute(
        select(*ROW_COLUMNS)
        .where(*where)
        .order_by(*ORDER)
        .offset((number - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    return QueuePage(present(found, now), total or 0, number)


def present(found: Sequence[Row], now: datetime) -> list[QueueRow]:
    """Rows of ROW_COLUMNS as staff read them; who has each is read in one query."""
    journeys = current_app.extensions["frontdoor.journeys"]
    queue_names = routing_config().queues
    places, district_of = alliances(), district_names()
    languages = language_names()
    assignees = _display_names(row.assignee for row in found)
    return [
        QueueRow(
            reference=row.reference,
            form=journeys[row.journey_id].title if row.journey_id in journeys else row.journey_id,
            queue=queue_names.get(row.queue, row.queue or "No queue"),
            second_queue=queue_names.get(row.second_queue, row.second_queue)
            if row.second_queue
            else None,
            priority_id=row.priority,
            priority=row.priority.capitalize(),
            due=due_words(row.due_at, now),
            due_at=row.due_at,
            overdue=is_overdue(row.due_at, now),
            locality=places.get(row.locality, row.locality) if row.locality else "Not known",
            district=district_of.get(row.district, row.district) if row.district else None,
            locality_check=row.locality_check,
            language=languages.get(row.locale, row.locale),
            interpreter=interpreter_need(row.interpreter, languages),
            channel=channel_name(row.channel),
            status=_status_name(row.status),
            assignee=assignees.get(row.assignee, "Unknown account") if row.assignee else "Nobody",
            submitted_at=row.submitted_at,
        )
        for row in found
    ]


def interpreter_need(code: str | None, names: dict[str, str]) -> str | None:
    """The interpreter need as a queue shows it: BSL, "Interpreter: Romanian", or None."""
    if not code:
        return None
    if code == BSL:
        return "BSL"
    if code in names:
        return f"Interpreter: {names[code]}"
    return "Interpreter: another language"


def _status_name(status_id: str) -> str:
    found = statuses().get(status_id)
    return found.name if found else status_id


def _display_names(assignees: Iterable[str | None]) -> dict[str, str]:
    ids = {int(a) for a in assignees if a and a.isdigit()}
    if not ids:
        return {}
    found = db.session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(ids))
    )
    return {str(account_id): name for account_id, name in found}
