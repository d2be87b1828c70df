"""The audit pages' parts: CSV cells a spreadsheet cannot run, London date ranges typed in
GOV.UK date inputs, GOV.UK pagination, and every audited action in words."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from flask import Flask

from portal.audit import in_words
from portal.staff.csv_download import csv_response, csv_text, safe_cell
from portal.staff.date_range import read_range
from portal.staff.pagination import Page, page_asked_for, pagination


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+44 1245 430430", "'+44 1245 430430"),
        ("-3", "'-3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("jo@essex.gov.uk", "jo@essex.gov.uk"),  # an @ inside is harmless
        ("a=b", "a=b"),
        (42, "42"),
        (None, ""),
        ("Zoë", "Zoë"),
    ],
)
def test_a_cell_a_spreadsheet_would_read_as_a_formula_gets_an_apostrophe(value, cell):
    assert safe_cell(value) == cell


def test_the_csv_has_a_header_and_quotes_what_needs_it():
    text = csv_text(["Name", "Note"], [["Jo, Bloggs", 'said "=hi"\nthen left'], ["=x", None]])
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["Name", "Note"],
        ["Jo, Bloggs", 'said "=hi"\nthen left'],
        ["'=x", ""],
    ]


def test_a_download_is_utf8_with_a_byte_order_mark_and_a_safe_name():
    with Flask(__name__).app_context():
        response = csv_response("seen-by-SAF-2345-6789-2026-07-01.csv", ["Name"], [["Zoë"]])
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.headers["Content-Disposition"] == (
            'attachment; filename="seen-by-SAF-2345-6789-2026-07-01.csv"'
        )
        assert response.data == "\ufeffName\r\nZoë\r\n".encode()
        for unsafe in ('a".csv', "a/b.csv", "a b.csv", "a.txt", "ä.csv"):
            with pytest.raises(ValueError, match="Not a safe download name"):
                csv_response(unsafe, ["Name"], [])


def test_dates_are_london_days_whatever_the_clocks_do():
    summer = read_range(
        {
            "from-day": "1",
            "from-month": "7",
            "from-year": "2026",
            "to-day": "31",
            "to-month": "10",
            "to-year": "2026",
        }
    )
    assert not summer.errors
    assert summer.start == date(2026, 7, 1) and summer.end == date(2026, 10, 31)
    assert summer.since == datetime(2026, 6, 30, 23, tzinfo=UTC)  # midnight BST
    # The clocks go back on 25 October 2026: 1 November starts at midnight GMT.
    assert summer.before == datetime(2026, 11, 1, 0, tzinfo=UTC)
    assert summer.as_text() == {"from": "2026-07-01", "to": "2026-10-31"}
    assert summer.arguments()["to-month"] == "10"


def test_no_dates_means_every_date():
    nothing = read_range({})
    assert (nothing.start, nothing.end, nothing.since, nothing.before) == (None,) * 4
    assert nothing.errors == [] and nothing.as_text() == {} and nothing.arguments() == {}


@pytest.mark.parametrize(
    ("typed", "message", "boxes"),
    [
        ({"from-month": "7", "from-year": "2026"}, "From date must include a day", {"day"}),
        ({"from-year": "2026"}, "From date must include a day and month", {"day", "month"}),
        (
            {"to-day": "29", "to-month": "2", "to-year": "2026"},
            "To date must be a real date",
            {"day", "month", "year"},
        ),
        (
            {"to-day": "1", "to-month": "13", "to-year": "2026"},
            "To date must be a real date",
            {"day", "month", "year"},
        ),
        (
            {"from-day": "1", "from-month": "jul", "from-year": "2026"},
            "From date must be a real date",
            {"month"},
        ),
        (
            {"from-day": "²", "from-month": "7", "from-year": "2026"},
            "From date must be a real date",
            {"day"},
        ),
        (
            {"from-day": "1", "from-month": "7", "from-year": "202"},
            "From date's year must include 4 numbers",
            {"year"},
        ),
        (
            # The day after 31 December 9999 cannot be made: this was a 500.
            {"to-day": "31", "to-month": "12", "to-year": "9999"},
            "To date must be between 2000 and 2099",
            {"year"},
        ),
    ],
)
def test_a_wrong_date_says_what_is_wrong_and_which_boxes(typed, message, boxes):
    result = read_range(typed)
    bound = next(iter(typed)).split("-")[0]
    [error] = result.errors
    assert error["text"] == message
    assert error["href"] == f"#{bound}-{next(p for p in ('day', 'month', 'year') if p in boxes)}"
    assert result.field_errors[bound] == (message, frozenset(boxes))
    assert result.since is None and result.before is None


def test_a_range_that_ends_before_it_starts_is_refused():
    result = read_range(
        {
            "from-day": "2",
            "from-month": "7",
            "from-year": "2026",
            "to-day": "1",
            "to-month": "7",
            "to-year": "2026",
        }
    )
    assert [error["text"] for error in result.errors] == [
        "To date must be the same as or after the from date"
    ]


def link(number: int) -> str:
    return f"?page={number}"


def test_one_page_needs_no_pagination_and_a_broken_page_number_is_the_first():
    assert pagination(Page(1, 50, 50), link, "Pages") is None
    assert page_asked_for({"page": "x"}, 50, 500).number == 1
    assert page_asked_for({"page": "0"}, 50, 500).number == 1
    assert page_asked_for({"page": "²"}, 50, 500).number == 1  # a digit, but not 0-9
    assert page_asked_for({"page": "99"}, 50, 120).number == 3  # past the end: the last
    assert page_asked_for({}, 50, 0).number == 1


def test_pagination_shows_the_ends_the_neighbours_and_ellipses_between():
    parameters = pagination(Page(6, 10, 200), link, "Pages of the log")
    assert parameters["previous"] == {"href": "?page=5"}
    assert parameters["next"] == {"href": "?page=7"}
    assert parameters["landmarkLabel"] == "Pages of the log"
    shown = [item.get("number", "…") for item in parameters["items"]]
    assert shown == [1, "…", 5, 6, 7, "…", 20]
    assert [item["number"] for item in parameters["items"] if item.get("current")] == [6]
    first = pagination(Page(1, 10, 30), link, "Pages")
    assert "previous" not in first and [item["number"] for item in first["items"]] == [1, 2, 3]


def test_page_counts_for_the_rows_shown():
    page = Page(3, 50, 121)
    assert (page.last, page.offset, page.first_shown, page.last_shown) == (3, 100, 101, 121)


def test_an_action_is_in_words_and_an_old_one_as_it_was_recorded():
    assert in_words("submission-printed") == "Printed the submission"
    assert in_words("retired-action") == "retired-action"
