"""The dashboard's filters, read from the address (a GET form, so a view can be bookmarked and
shared): the first and last day of the period as GOV.UK date inputs, and a locality.

With no dates in the address the period is this quarter. Bad dates get the GOV.UK Design
System's messages for date inputs, naming the part that is wrong, and the page shows them in its
error summary instead of figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from portal.districts import alliances
from portal.staff.date_range import EARLIEST_YEAR, LATEST_YEAR, PARTS, read_date
from portal.work_items.measures import Period, quarter_before, quarter_containing

WHAT = {"from": "the first day of the period", "to": "the last day of the period"}
LONGEST = 366  # days: a year, a leap year's included, is the longest period shown at once


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass
class Problem:
    field: str  # "from", "to" or "locality"
    text: str
    parts: tuple[str, ...] = ()  # the date parts in error (all of them when none is named)

    @property
    def href(self) -> str:
        if self.field == "locality":
            return "#locality"
        return f"#{self.field}-{(self.parts or PARTS)[0]}"


@dataclass
class Filters:
    values: dict[str, str]  # what was typed, to show again: "from-day" ... "locality"
    period: Period | None = None
    locality: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, name: str) -> Problem | None:
        return next((p for p in self.problems if p.field == name), None)

    def detail(self) -> dict:
        """For the audit log: the period and locality asked for."""
        return {
            "from": self.period.first.isoformat(),
            "to": self.period.last.isoformat(),
            "locality": self.locality,
        }


def period_arguments(period: Period, locality: str | None) -> dict[str, str | int]:
    """The address arguments that ask for this period and locality."""
    arguments: dict[str, str | int] = {}
    for name, day in (("from", period.first), ("to", period.last)):
        arguments.update({f"{name}-day": day.day, f"{name}-month": day.month})
        arguments[f"{name}-year"] = day.year
    if locality:
        arguments["locality"] = locality
    return arguments


def quarters(today: date) -> list[tuple[str, Period]]:
    """This quarter and the one before, for links that fill in the dates."""
    this = quarter_containing(today)
    return [("This quarter", this), ("Last quarter", quarter_before(this))]


def _read_date(name: str, values: Mapping[str, str]) -> tuple[date | None, Problem | None]:
    what = WHAT[name]
    reading = read_date({part: values[f"{name}-{part}"] for part in PARTS})
    if reading.problem is None:
        return reading.day, None
    messages = {
        "empty": f"Enter {what}",
        "missing": f"{what.capitalize()} must include a {' and '.join(reading.parts)}",
        "year-length": f"The year of {what} must have 4 numbers, like 2025",
        "out-of-range": f"{what.capitalize()} must be between {EARLIEST_YEAR} and {LATEST_YEAR}",
    }
    message = messages.get(reading.problem, f"{what.capitalize()} must be a real date")
    # A message about the whole date names no box (the summary links to the day).
    whole = reading.problem in ("empty", "not-real")
    return None, Problem(name, message, () if whole else reading.parts)


def read_filters(arguments: Mapping[str, str], today: date) -> Filters:
    """The filters in the address; with no dates at all, this quarter."""
    names = [f"{name}-{part}" for name in WHAT for part in PARTS]
    values = {name: arguments.get(name, "").strip() for name in [*names, "locality"]}
    filters = Filters(values)
    locality = values["locality"] or None
    if locality is not None and locality not in alliances():
        filters.problems.append(Problem("locality", "Select a locality from the list"))
        locality = None  # never carried into the quarter links
    filters.locality = locality
    if not any(name in arguments for name in names):
        filters.period = quarter_containing(today)
        filters.values.update(
            {k: str(v) for k, v in period_arguments(filters.period, None).items()}
        )
        return _checked(filters)
    first, problem = _read_date("from", values)
    if problem:
        filters.problems.append(problem)
    last, problem = _read_date("to", values)
    if problem:
        filters.problems.append(problem)
    if first and last:
        if last < first:
            filters.problems.append(
                Problem("to", "The last day of the period must be the same as or after the first")
            )
        elif (last - first).days + 1 > LONGEST:
            latest = long_date(first + timedelta(days=LONGEST - 1))
            filters.problems.append(
                Problem(
                    "to",
                    f"The period can be at most {LONGEST} days long: choose a last day on or "
                    f"before {latest}",
                )
            )
        else:
            filters.period = Period.days(first, last)
    return _checked(filters)


def _checked(filters: Filters) -> Filters:
    if filters.problems:
        filters.period = None
    # Dates before locality, as on the page.
    order = {"from": 0, "to": 1, "locality": 2}
    filters.problems.sort(key=lambda problem: order[problem.field])
    return filters
