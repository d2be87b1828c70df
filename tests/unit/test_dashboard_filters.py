"""The dashboard's periods and filters: quarters of London days, and what is typed read back."""

from __future__ import annotations

from datetime import date

import pytest

from portal.staff.dashboard_filters import period_arguments, quarters, read_filters
from portal.work_items.measures import Period, quarter_before, quarter_containing


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        (date(2025, 1, 1), date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 3, 31), date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 4, 1), date(2025, 6, 30)),
        (date(2025, 8, 15), date(2025, 7, 1), date(2025, 9, 30)),
        (date(2025, 12, 31), date(2025, 10, 1), date(2025, 12, 31)),
    ],
)
def test_a_day_is_in_the_quarter_of_its_month(day, first, last):
    quarter = quarter_containing(day)
    assert (quarter.first, quarter.last) == (first, last)


def test_the_quarter_before_the_first_is_the_last_of_the_year_before():
    before = quarter_before(quarter_containing(date(2026, 2, 10)))
    assert (before.first, before.end) == (date(2025, 10, 1), date(2026, 1, 1))
    assert [name for name, _ in quarters(date(2026, 2, 10))] == ["This quarter", "Last quarter"]


def test_a_period_ends_after_it_starts_and_counts_its_days():
    assert Period.days(date(2024, 1, 1), date(2024, 12, 31)).length == 366
    with pytest.raises(ValueError):
        Period(date(2025, 1, 2), date(2025, 1, 2))


def typed(first: date, last: date, **more) -> dict:
    return {k: str(v) for k, v in period_arguments(Period.days(first, last), None).items()} | more


def test_what_is_typed_is_read_with_spaces_trimmed_and_a_locality():
    arguments = typed(date(2025, 4, 1), date(2025, 6, 30), locality="west-essex")
    arguments["from-day"] = " 01 "
    filters = read_filters(arguments, date(2025, 8, 1))
    assert not filters.problems
    assert filters.period == Period.days(date(2025, 4, 1), date(2025, 6, 30))
    assert filters.locality == "west-essex"
    assert filters.values["from-day"] == "01"  # shown again as typed
    assert filters.detail() == {"from": "2025-04-01", "to": "2025-06-30", "locality": "west-essex"}


def test_no_dates_at_all_is_this_quarter_and_the_boxes_show_it():
    filters = read_filters({"locality": ""}, date(2025, 8, 1))
    assert filters.period == quarter_containing(date(2025, 8, 1))
    assert (filters.values["from-month"], filters.values["to-day"]) == ("7", "30")
    assert filters.locality is None


def test_a_year_of_366_days_is_the_longest_period():
    leap_year = read_filters(typed(date(2024, 1, 1), date(2024, 12, 31)), date(2025, 1, 1))
    assert not leap_year.problems
    longer = read_filters(typed(date(2024, 1, 1), date(2025, 1, 1)), date(2025, 1, 1))
    assert [p.field for p in longer.problems] == ["to"]
    assert longer.period is None


def test_problems_with_both_dates_and_the_locality_are_all_named_in_page_order():
    arguments = typed(date(2025, 4, 1), date(2025, 6, 30), locality="nowhere")
    arguments.update({"from-month": "13", "to-year": ""})
    filters = read_filters(arguments, date(2025, 8, 1))
    assert [(p.field, p.href) for p in filters.problems] == [
        ("from", "#from-day"),
        ("to", "#to-year"),
        ("locality", "#locality"),
    ]
    assert filters.problem("to").text == "The last day of the period must include a year"
