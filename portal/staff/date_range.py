"""A "from" and "to" date typed in GOV.UK date inputs (day, month, year boxes), read from a
page's query string, with the Design System's error messages.

Dates are London dates: "from 1 November" starts at midnight in London, "to 30 November" ends at
the following midnight, whatever the clocks were doing, so a row at 00:30 BST belongs to the day
it says on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from portal.routing.clock import LONDON

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
        return _midnight(self.start) if self.start else None

    @property
    def before(self) -> datetime | None:
        """The start of the day after the to date in London, in UTC."""
        return _midnight(self.end + timedelta(days=1)) if self.end else None

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


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


def _is_number(value: str) -> bool:
    return value.isascii() and value.isdigit()


def _missing_message(label: str, missing: list[str]) -> str:
    if len(missing) == 1:
        return f"{label} must include a {missing[0]}"
    return f"{label} must include a {' and '.join(missing)}"


def _read_one(result: DateRange, bound: str, typed: dict[str, str]) -> date | None:
    label = BOUNDS[bound]
    if not any(typed.values()):
        return None
    missing = [part for part in PARTS if not typed[part]]
    if missing:
        result._fail(bound, _missing_message(label, missing), frozenset(missing))
        return None
    numbers = {part: typed[part] for part in PARTS}
    if not all(_is_number(value) for value in numbers.values()):
        wrong = frozenset(part for part, value in numbers.items() if not _is_number(value))
        result._fail(bound, f"{label} must be a real date", wrong)
        return None
    if len(numbers["year"]) != 4:
        result._fail(bound, f"{label}'s year must include 4 numbers", frozenset({"year"}))
        return None
    try:
        return date(int(numbers["year"]), int(numbers["month"]), int(numbers["day"]))
    except ValueError:
        result._fail(bound, f"{label} must be a real date", frozenset(PARTS))
        return None


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
