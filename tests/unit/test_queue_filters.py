"""The queue filters read from a query string (portal/work_items/queue_filters.py): choices from
the council's files, bad values named and left out, and one URL for one choice."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from portal.work_items.queue_filters import Filters, options, parse

QUEUE_NAMES = {"carers": "Carers", "care-technology": "Care Technology", "ascc-duty": "ASCC Duty"}


def offered(visible=("carers", "care-technology"), channels=("self-service", "phone")):
    return options(
        queue_names=QUEUE_NAMES,
        visible_queues=frozenset(visible),
        statuses=[("new", "New"), ("in-progress", "In progress")],
        channels=channels,
    )


def read(query: list[tuple[str, str]], **kwargs):
    return parse(MultiDict(query), offered(**kwargs))


def test_the_choices_come_from_the_councils_files_and_the_persons_queues():
    choices = offered()
    assert [o.value for o in choices.queues] == ["carers", "care-technology"]
    assert [o.text for o in choices.localities] == [
        "North East Essex",
        "Mid Essex",
        "West Essex",
        "Basildon and Brentwood",
        "Castle Point and Rochford",
    ]
    assert len(choices.districts) == 12 and choices.districts[0].text == "Basildon"
    assert [o.value for o in choices.priorities] == ["urgent", "high", "standard"]
    languages = {o.value: o.text for o in choices.languages}
    assert languages["ro"] == "Romanian" and languages["bfi"] == "British Sign Language (BSL)"
    assert languages["other"] == "Another language" and "en" not in languages
    assert [o.text for o in choices.channels] == ["Online", "Phone"]


def test_every_filter_is_read_from_the_query_string():
    parsed = read(
        [
            ("queue", "carers"),
            ("locality", "mid-essex"),
            ("district", "maldon"),
            ("priority", "standard"),
            ("priority", "urgent"),
            ("status", "new"),
            ("due", "this-week"),
            ("language", "ro"),
            ("channel", "phone"),
            ("locality-check", "yes"),
            ("page", "3"),
        ]
    )
    assert parsed.errors == {}
    assert parsed.page == 3
    assert parsed.filters == Filters(
        queue="carers",
        locality="mid-essex",
        district="maldon",
        priority=("urgent", "standard"),  # in the order offered, whatever the URL's
        status=("new",),
        due="this-week",
        language="ro",
        channel="phone",
        locality_check=True,
    )


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ([("queue", "ascc-duty")], "queue", "Select a queue from the list"),  # not theirs
        ([("queue", "<script>")], "queue", "Select a queue from the list"),
        ([("locality", "southend")], "locality", "Select a locality from the list"),
        ([("district", "thurrock")], "district", "Select a district from the list"),
        ([("priority", "urgent"), ("priority", "panic")], "priority", "Select priorities"),
        ([("status", "closed")], "status", "Select statuses from the list"),  # not this view's
        ([("due", "yesterday")], "due", "Select when it is due from the list"),
        ([("language", "klingon")], "language", "Select a language from the list"),
        ([("channel", "carrier-pigeon")], "channel", "Select how it was sent from the list"),
        ([("locality-check", "maybe")], "locality-check", "Select whether it needs a locality"),
        ([("page", "0")], "page", "The page number must be a whole number"),
        ([("page", "two")], "page", "The page number must be a whole number"),
        ([("page", "-1")], "page", "The page number must be a whole number"),
        ([("page", "99999999999999999999")], "page", "The page number must be a whole number"),
    ],
)
def test_a_value_not_offered_is_named_and_left_out(query, field, message):
    parsed = read(query)
    assert list(parsed.errors) == [field]
    assert parsed.errors[field].startswith(message)
    assert parsed.page == 1
    # Left out: a bad priority leaves the good one, anything else leaves no filter at all.
    assert parsed.filters == (Filters(priority=("urgent",)) if field == "priority" else Filters())


def test_empty_values_mean_any_and_are_not_errors():
    parsed = read([("queue", ""), ("due", ""), ("priority", " "), ("page", "")])
    assert (parsed.filters, parsed.errors, parsed.page) == (Filters(), {}, 1)
    assert not parsed.filters.active


def test_equal_choices_make_one_url_and_each_can_be_taken_away():
    filters = read(
        [("priority", "standard"), ("priority", "urgent"), ("queue", "carers"), ("due", "today")]
    ).filters
    assert filters.params() == [
        ("queue", "carers"),
        ("priority", "urgent"),
        ("priority", "standard"),
        ("due", "today"),
    ]
    assert filters.without("priority", "urgent").priority == ("standard",)
    assert filters.without("queue").queue is None
    assert Filters(locality_check=True).without("locality_check") == Filters()


def test_the_audit_gets_the_filters_as_ids():
    filters = Filters(queue="carers", priority=("urgent", "high"), locality_check=True)
    assert filters.for_audit() == {
        "queue": "carers",
        "priority": ["urgent", "high"],
        "locality-check": "yes",
    }
