"""The queue views of the staff workspace: "My work", "Available work" and, for managers, "All
work" (after HMCTS Work Allocation), their counts, one page of each, and the rows as staff read
them.

- My work: open submissions assigned to me.
- Available work: open submissions nobody has, in the queues I may see.
- All work: every submission in the queues I may see, whoever has it; open ones unless the
  status filter asks for others (a closed form would otherwise crowd the top of a list ordered by
  priority, years after it was done).

Every query asks need to know (``access.visible_parts``: ``access.visible`` in two halves that
indexes can answer), so nothing outside it is ever listed or counted (ADR 0027). The order is
priority (rank 1 first), then the due time, then the id, so equal rows keep one order from page
to page. Only the columns a row shows are read, never the answers.

Built for a million forms on PostgreSQL (ADR 0028, benchmarks/queue_views.py): counts stop at
COUNT_LIMIT; All work merges one short ordered list per queue and status from the (queue,
status, priority_rank, due_at) index rather than sorting every open form; My work and
Available work start from the (assignee, status) index.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import reduce

from flask import current_app
from sqlalchemy import ColumnElement, Row, func, literal, or_, select, union_all

from portal.data import db
from portal.data.accounts import StaffUser, display_names
from portal.data.database import count_up_to
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
from portal.work_items.statuses import status_name, statuses

MY_WORK, AVAILABLE_WORK, ALL_WORK = "my-work", "available-work", "all-work"
VIEW_TITLES = {MY_WORK: "My work", AVAILABLE_WORK: "Available work", ALL_WORK: "All work"}
PAGE_SIZE = 25
# Counting stops here: beyond it a count only says "more". No index holds both a form's queue
# and who has it, so counting all of a large queue's available work would read every row of
# it from the table; and nobody works through 40 pages of a list.
COUNT_LIMIT = 1000
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
    Submission.priority_rank,
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
    # The number of rows in the list, or COUNT_LIMIT + 1 when counting stopped there.
    total: int
    number: int
    # Whether a page comes after this one (known even when the total is not).
    has_next: bool = False
    # Whether ``total`` is the number of rows, or only that there are more than COUNT_LIMIT.
    total_known: bool = True

    @property
    def pages(self) -> int | None:
        """How many pages the list has, or None when it has more than COUNT_LIMIT rows."""
        return max(1, -(-self.total // PAGE_SIZE)) if self.total_known else None

    @property
    def first(self) -> int:
        """The position of the first row shown (1-based), or 0 when none are."""
        return (self.number - 1) * PAGE_SIZE + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0


@dataclass(frozen=True)
class Counts:
    """The open work in each view, each counted up to COUNT_LIMIT + 1."""

    my_work: int
    available_work: int
    all_work: int

    def of(self, view: str) -> int:
        return getattr(self, view.replace("-", "_"))

    def known(self, view: str, count: int) -> Counts:
        """These counts with one view's exact count, found while listing it."""
        return replace(self, **{view.replace("-", "_"): count})


def count_text(count: int) -> str:
    """A count as staff read it: "1,000+" past the limit, where counting stopped."""
    return f"{COUNT_LIMIT:,}+" if count > COUNT_LIMIT else f"{count:,}"


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


def _assigned(view: str, user: StaffUser) -> list[ColumnElement[bool]]:
    if view == MY_WORK:
        return [Submission.assignee == str(user.id)]
    if view == AVAILABLE_WORK:
        return [Submission.assignee.is_(None)]
    return []


def _queues(user: StaffUser, filters: Filters) -> list[str]:
    """The queues a list looks in: the person's, or the one the filter names if it is theirs."""
    mine = access.visible_queues(user)
    return sorted(mine & {filters.queue} if filters.queue else mine)


def _count(parts: Sequence[ColumnElement[bool]], *where: ColumnElement[bool]):
    """The number of rows in either part, up to COUNT_LIMIT + 1 in each: one count for each,
    added up in one statement, so neither needs the other part's columns (an OR would read
    the table for them)."""
    counted = [
        count_up_to(select(literal(1)).where(part, *where), COUNT_LIMIT).scalar_subquery()
        for part in parts
    ]
    return reduce(operator.add, counted)


def counts(user: StaffUser) -> Counts:
    """The open work in each view, in one statement. All work's count is read from the
    (status, queue) index alone; My work's from (assignee, status)."""
    parts = access.visible_parts(user)
    if parts is None:
        return Counts(0, 0, 0)
    open_work = Submission.status.in_(statuses().open_ids)
    found = db.session.execute(
        select(
            _count(parts, open_work, *_assigned(MY_WORK, user)),
            _count(parts, open_work, *_assigned(AVAILABLE_WORK, user)),
            _count(parts, open_work),
        )
    ).one()
    return Counts(*(min(count, COUNT_LIMIT + 1) for count in found))


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
    queue_ids = _queues(user, filters)
    parts = access.visible_parts(user, queue_ids)
    if parts is None:
        return QueuePage([], 0, number)
    status_ids = filters.status or statuses().open_ids
    where = [*_assigned(view, user), *conditions(filters, now)]
    skipped = (number - 1) * PAGE_SIZE
    if view == ALL_WORK and not _reads_the_table(filters):
        merged = _merged(parts, queue_ids, status_ids, where, limit=skipped + PAGE_SIZE + 1)
        # One row more than a page: whether there is a next page, whatever the count says.
        found = db.session.execute(merged.offset(skipped).limit(PAGE_SIZE + 1)).all()
        counted_by_rows = None
    else:
        # My work (one person's) and Available work (nobody's) are found by the (assignee,
        # status) index: the rows are few, or next to each other as the newest forms are. A
        # filter on a column the queue index lacks reads every candidate row anyway: once,
        # then sorted, is cheaper than a walk in order through each queue and status. Having
        # read them all, the same statement counts them.
        found = db.session.execute(
            select(*ROW_COLUMNS, func.count().over().label("counted"))
            .where(or_(*parts), Submission.status.in_(status_ids), *where)
            .order_by(*ORDER)
            .offset(skipped)
            .limit(PAGE_SIZE + 1)
        ).all()
        counted_by_rows = found[0].counted if found else None
    if counted_by_rows is not None:
        total, exact = counted_by_rows, True
    else:
        if total is None:
            in_status = Submission.status.in_(status_ids)
            total = db.session.scalar(select(_count(parts, in_status, *where)))
        total = min(total, COUNT_LIMIT + 1)
        exact = total <= COUNT_LIMIT
    return QueuePage(present(found[:PAGE_SIZE], now), total, number, len(found) > PAGE_SIZE, exact)


def _reads_the_table(filters: Filters) -> bool:
    """Whether a filter needs a column that (queue, status, priority_rank, due_at) lacks."""
    return bool(
        filters.locality
        or filters.district
        or filters.language
        or filters.channel
        or filters.locality_check
    )


def _merged(parts, queue_ids, status_ids, where, *, limit: int):
    """The first ``limit`` rows in the queue order, as the merge of one short list per queue
    and status (each read in order from the (queue, status, priority_rank, due_at) index,
    stopping at ``limit``) and one of the forms seen through their second queue. Ordering all
    of a manager's open work instead would read every row of it from the table."""
    in_queue, through_second_queue = parts
    branches = [
        (in_queue, Submission.queue == queue_id, Submission.status == status_id)
        for queue_id in queue_ids
        for status_id in status_ids
    ]
    branches.append((through_second_queue, Submission.status.in_(status_ids)))
    merged = union_all(
        *(
            select(
                select(*ROW_COLUMNS).where(*branch, *where).order_by(*ORDER).limit(limit).subquery()
            )
            for branch in branches
        )
    ).subquery()
    return select(merged).order_by(
        merged.c.priority_rank, merged.c.due_at.asc().nulls_last(), merged.c.id
    )


def present(found: Sequence[Row], now: datetime) -> list[QueueRow]:
    """Rows of ROW_COLUMNS as staff read them; who has each is read in one query."""
    journeys = current_app.extensions["frontdoor.journeys"]
    queue_names = routing_config().queues
    places, district_of = alliances(), district_names()
    languages = language_names()
    assignees = display_names(row.assignee for row in found)
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
            status=status_name(row.status),
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
