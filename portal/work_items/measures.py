"""The council's measures (BRIEF §8) for a period of London days and, where it applies, one
locality: counted by the database, never by loading submissions into Python.

Three aggregate queries answer the whole dashboard, each reading one period's rows once:

- ``submission_counts``: the period's submissions (``submitted_at``, indexed) counted by form,
  channel, locality, district, language, interpreter, who reported and, per queue, how each
  stands against its service standard; with the carers identified and the adult's wishes
  recorded counted alongside each form. On PostgreSQL this is one statement with GROUPING SETS
  (one pass over the rows, one small result per breakdown); SQLite, which has no GROUPING SETS,
  runs the same breakdowns as a UNION ALL. Both give the same rows.
- ``progress_counts``: the forms started in the period (form_progress, by journey and
  ``started_at``, indexed), by form, whether sent, and the furthest page reached.
- ``usefulness_counts``: "Is this page useful?" answers in the period (``created_at``, indexed)
  by page and answer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, case, func, literal, null, or_, select, tuple_, union_all

from portal.data import db
from portal.data.advice import PageFeedback
from portal.data.journeys import FormProgress, Submission
from portal.routing.clock import london_midnight
from portal.work_items import access

# How a submission stands against its queue's service standard (screened_at is the first time
# a member of staff acted on it; due_at the standard's due time for its queue and priority).
ON_TIME, LATE, OVERDUE, NOT_YET_DUE = "on-time", "late", "overdue", "not-yet-due"


@dataclass(frozen=True)
class Period:
    """London days from ``first`` up to, not including, ``end``."""

    first: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.first:
            raise ValueError("A period ends after it starts")

    @classmethod
    def days(cls, first: date, last: date) -> Period:
        """From ``first`` to ``last``, both included."""
        return cls(first, last + timedelta(days=1))

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def length(self) -> int:
        return (self.end - self.first).days

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as moments in UTC: London midnight at its start and at its end (so a
        period across the change to or from British Summer Time has 23 or 25 hours in a day)."""
        return london_midnight(self.first), london_midnight(self.end)


def quarter_containing(day: date) -> Period:
    """The quarter (January to March, April to June...) a London day falls in: the council's
    financial quarters start on the same days."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return Period(first, _months_later(first, 3))


def quarter_before(quarter: Period) -> Period:
    return quarter_containing(quarter.first - timedelta(days=1))


def _months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class SubmissionCounts:
    """The period's submissions, each breakdown keyed by the stored codes (None: not known)."""

    total: int = 0
    by_form: Counter = field(default_factory=Counter)
    by_channel: Counter = field(default_factory=Counter)
    by_locality: Counter = field(default_factory=Counter)
    by_district: Counter = field(default_factory=Counter)
    by_language: Counter = field(default_factory=Counter)
    by_interpreter: Counter = field(default_factory=Counter)
    # (journey id, option code) -> submissions
    by_reporter: Counter = field(default_factory=Counter)
    carers_by_form: Counter = field(default_factory=Counter)
    # journey id -> (wishes recorded, not recorded), for forms that ask (wishes_recorded not null)
    wishes_by_form: dict[str, tuple[int, int]] = field(default_factory=dict)
    # queue -> {state: submissions}
    screening: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))


# The breakdowns of one pass over the period's submissions: each grouping set names the
# columns it counts by. The counts by form are the sums of those by form and who reported, which
# also carry the carers identified and the wishes recorded (one grouping fewer to sort or hash).
_DIMENSIONS = (
    "journey",
    "channel",
    "locality",
    "district",
    "locale",
    "interpreter",
    "reported_by",
    "queue",
    "state",
)
_SETS = {
    "channel": ("channel",),
    "locality": ("locality",),
    "district": ("district",),
    "locale": ("locale",),
    "interpreter": ("interpreter",),
    "reporter": ("journey", "reported_by"),
    "screening": ("queue", "state"),
}


def _mask(columns: Iterable[str]) -> int:
    """What SQL's GROUPING(every dimension) gives for a set: a 1 bit for each dimension the set
    does not group by, the first dimension the most significant bit."""
    grouped = set(columns)
    bits = [0 if name in grouped else 1 for name in _DIMENSIONS]
    return int("".join(map(str, bits)), 2)


_SET_OF_MASK = {_mask(columns): name for name, columns in _SETS.items()}


def _period_rows(
    period: Period, locality: str | None, now: datetime, queues: Collection[str] | None
):
    start, end = period.bounds()
    screened, due = Submission.screened_at, Submission.due_at
    state = case(
        (and_(screened.is_not(None), or_(due.is_(None), screened <= due)), ON_TIME),
        (screened.is_not(None), LATE),
        (due < now, OVERDUE),
        else_=NOT_YET_DUE,
    )
    query = select(
        Submission.journey_id.label("journey"),
        Submission.channel,
        Submission.locality,
        Submission.district,
        Submission.locale,
        Submission.interpreter,
        Submission.reported_by,
        Submission.queue,
        state.label("state"),
        Submission.carer_identified,
        Submission.wishes_recorded,
    ).where(Submission.submitted_at >= start, Submission.submitted_at < end)
    if locality is not None:
        query = query.where(Submission.locality == locality)
    if queues is not None:  # need to know: only what the reader's teams may see
        query = query.where(access.in_queues(queues))
    return query.subquery("period_submissions")


def _counted(rows) -> list:
    return [
        func.count().label("submissions"),
        func.count().filter(rows.c.carer_identified.is_(True)).label("carers"),
        func.count().filter(rows.c.wishes_recorded.is_(True)).label("wishes_yes"),
        func.count().filter(rows.c.wishes_recorded.is_(False)).label("wishes_no"),
    ]


def _grouping_sets(rows) -> Select:
    dimensions = [rows.c[name] for name in _DIMENSIONS]
    sets = [tuple_(*(rows.c[name] for name in columns)) for columns in _SETS.values()]
    return select(
        *dimensions, func.grouping(*dimensions).label("grouping"), *_counted(rows)
    ).group_by(func.grouping_sets(*sets))


def _union_of_groupings(rows):
    parts = []
    for columns in _SETS.values():
        shown = [rows.c[name] if name in columns else null().label(name) for name in _DIMENSIONS]
        parts.append(
            select(*shown, literal(_mask(columns)).label("grouping"), *_counted(rows)).group_by(
                *(rows.c[name] for name in columns)
            )
        )
    return union_all(*parts)


def submission_counts(
    period: Period,
    locality: str | None = None,
    *,
    now: datetime,
    queues: Collection[str] | None = None,
) -> SubmissionCounts:
    """The period's submissions counted every way the dashboard shows them; ``now`` decides
    which submissions not yet screened are already overdue. ``queues``: only submissions in
    (or second in) these queues (None: every queue)."""
    rows = _period_rows(period, locality, now, queues)
    if db.session.get_bind().dialect.name == "postgresql":
        statement = _grouping_sets(rows)
    else:
        statement = _union_of_groupings(rows)
    counts = SubmissionCounts()
    breakdowns = {
        "channel": counts.by_channel,
        "locality": counts.by_locality,
        "district": counts.by_district,
        "locale": counts.by_language,
        "interpreter": counts.by_interpreter,
    }
    for row in db.session.execute(statement).mappings():
        kind = _SET_OF_MASK[row["grouping"]]
        if kind == "reporter":
            journey = row["journey"]
            counts.by_reporter[(journey, row["reported_by"])] += row["submissions"]
            counts.total += row["submissions"]
            counts.by_form[journey] += row["submissions"]
            counts.carers_by_form[journey] += row["carers"]
            if row["wishes_yes"] or row["wishes_no"]:
                yes, no = counts.wishes_by_form.get(journey, (0, 0))
                counts.wishes_by_form[journey] = (yes + row["wishes_yes"], no + row["wishes_no"])
        elif kind == "screening":
            counts.screening[row["queue"]][row["state"]] += row["submissions"]
        else:
            breakdowns[kind][row[kind]] += row["submissions"]
    return counts


@dataclass
class ProgressCounts:
    """Forms started in the period: journey id -> started, sent (at any time since), and for
    those not sent, the furthest page reached (None: started, no page saved)."""

    started: Counter = field(default_factory=Counter)
    sent: Counter = field(default_factory=Counter)
    stopped_at: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))


def progress_counts(period: Period, journey_ids: Iterable[str]) -> ProgressCounts:
    """Starts, sends and where unsent forms stopped. Only the journeys named are read (so the
    index on journey and start time is used for each)."""
    start, end = period.bounds()
    sent = FormProgress.submitted_at.is_not(None).label("sent")
    statement = (
        select(FormProgress.journey_id, sent, FormProgress.furthest_page, func.count())
        .where(
            FormProgress.journey_id.in_(list(journey_ids)),
            FormProgress.started_at >= start,
            FormProgress.started_at < end,
        )
        .group_by(FormProgress.journey_id, sent, FormProgress.furthest_page)
    )
    counts = ProgressCounts()
    for journey, was_sent, page, number in db.session.execute(statement):
        counts.started[journey] += number
        if was_sent:
            counts.sent[journey] += number
        else:
            counts.stopped_at[journey][page] += number
    return counts


def usefulness_counts(period: Period) -> dict[str, tuple[int, int]]:
    """Advice page id -> ("yes" answers, "no" answers) to "Is this page useful?" in the period."""
    start, end = period.bounds()
    statement = (
        select(
            PageFeedback.page_id,
            func.count().filter(PageFeedback.useful.is_(True)),
            func.count().filter(PageFeedback.useful.is_(False)),
        )
        .where(PageFeedback.created_at >= start, PageFeedback.created_at < end)
        .group_by(PageFeedback.page_id)
    )
    return {page: (yes, no) for page, yes, no in db.session.execute(statement)}
