"""A "from" and "to" date typed in GOV.UK date inputs (day, month, year boxes), read from a
page's query string, with the Design System's error messages.

Dates are London dates: "from 1 November" starts at midnight in London, "to 30 November" ends at
the following midnight, whatever the clocks were doing, so a row at 00:30 BST belongs to the day
it says on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from portal.routing.clock import london_midnight

PARTS = ("day", "month", "year")
# The two date inputs: the name prefix of their boxes, and how messages name each.
BOUNDS = {"from": "From date", "to": "To date"}


@dataclass
class DateRange:
    """What was typed (to show it again), the dates it means, and what is wrong with it."""

    typed: dict[str, dict[str, str]] = field(default_factory=dict)
    start: date | None = None
    end: date | None = None
    # {"text": message, "href": "#from-day"}, for the error summary.
    errors: list[dict[str, str]] = field(default_factory=list)
    # Per date input: its message and which of its boxes are wrong.
    field_errors: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)

    @property
    def since(self) -> datetime | None:
        """The start of the from date in London, in UTC."""
        return london_midnight(self.start) if self.start else None

    @property
    def before(self) -> datetime | None:
        """The start of the day after the to date in London, in UTC."""
        return london_midnight(self.end + timedelta(days=1)) if self.end else None

    def arguments(self) -> dict[str, str]:
        """The query string arguments that give this range again (for page links)."""
        return {
            f"{bound}-{part}": value
            for bound, parts in self.typed.items()
            for part, value in parts.items()
            if value
        }

    def as_text(self) -> dict[str, str]:
        """The dates as ISO 8601 (for an audit row's detail), only those given."""
        given = {"from": self.start, "to": self.end}
        return {name: value.isoformat() for name, value in given.items() if value}

    def _fail(self, bound: str, message: str, parts: frozenset[str]) -> None:
        first = next(part for part in PARTS if part in parts)
        self.errors.append({"text": message, "href": f"#{bound}-{first}"})
        self.field_errors[bound] = (message, parts)


# The years a staff page asks about: a date outside them is a slip (2206 for 2026), and the
# year 9999's day after cannot be made at all.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099


@dataclass(frozen=True)
class DateReading:
    """One GOV.UK date input read: the date, or what is wrong and with which boxes. ``problem``
    is one of "empty", "missing", "not-a-number", "year-length", "not-real" or "out-of-range";
    each page words it its own way."""

    day: date | None = None
    problem: str | None = None
    parts: tuple[str, ...] = ()


def _is_number(value: str) -> bool:
    return value.isascii() and value.isdigit()


def read_date(typed: Mapping[str, str]) -> DateReading:
    """The date in a date input's day, month and year boxes (stripped)."""
    missing = tuple(part for part in PARTS if not typed[part])
    if len(missing) == len(PARTS):
        return DateReading(problem="empty", parts=missing)
    if missing:
        return DateReading(problem="missing", parts=missing)
    wrong = tuple(part for part in PARTS if not _is_number(typed[part]))
    if wrong:
        return DateReading(problem="not-a-number", parts=wrong)
    if len(typed["year"]) != 4:
        return DateReading(problem="year-length", parts=("year",))
    try:
        day = date(int(typed["year"]), int(typed["month"]), int(typed["day"]))
    except ValueError:
        return DateReading(problem="not-real", parts=PARTS)
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return DateReading(problem="out-of-range", parts=("year",))
    return DateReading(day)


def _message(label: str, reading: DateReading) -> str:
    if reading.problem == "missing":
        return f"{label} must include a {' and '.join(reading.parts)}"
    if reading.problem == "year-length":
        return f"{label}'s year must include 4 numbers"
    if reading.problem == "out-of-range":
        return f"{label} must be between {EARLIEST_YEAR} and {LATEST_YEAR}"
    return f"{label} must be a real date"


def _read_one(result: DateRange, bound: str, typed: dict[str, str]) -> date | None:
    reading = read_date(typed)
    if reading.problem == "empty":
        return None
    if reading.problem:
        result._fail(bound, _message(BOUNDS[bound], reading), frozenset(reading.parts))
    return reading.day


def read_range(arguments: Mapping[str, str]) -> DateRange:
    """The from and to dates in ``arguments`` (``from-day``, ``from-month`` ... ``to-year``)."""
    result = DateRange()
    for bound in BOUNDS:
        result.typed[bound] = {
            part: (arguments.get(f"{bound}-{part}") or "").strip()[:10] for part in PARTS
        }
    result.start = _read_one(result, "from", result.typed["from"])
    result.end = _read_one(result, "to", result.typed["to"])
    if result.start and result.end and result.end < result.start and not result.errors:
        result._fail("to", "To date must be the same as or after the from date", frozenset(PARTS))
    if result.errors:
        result.start = result.end = None
    return result
