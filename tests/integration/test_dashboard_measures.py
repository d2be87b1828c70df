"""The dashboard's measures, counted by the database on both engines from forms sent, started
and answered at fixed moments (tests/dashboard_data.py): each measure, the locality filter and
the edges of a period in London time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.work_items.measure_tables import Figures, every_measure
from portal.work_items.measures import Period
from tests.dashboard_data import ALERT, CARER, IN_MID_ESSEX, NOW, Sent, seed, send, utc

pytestmark = pytest.mark.database
Q1 = Period.days(date(2025, 1, 1), date(2025, 3, 31))
Q2 = Period.days(date(2025, 4, 1), date(2025, 6, 30))


@pytest.fixture
def seeded(db_app):
    seed(db_app)
    return db_app


def measures_of(app, period=Q2, locality=None, now=NOW) -> dict:
    with app.app_context():
        journeys = app.extensions["frontdoor.journeys"]
        figures = Figures(period, locality, now=now, journeys=journeys)
        return {measure.id: measure for measure in every_measure(figures)}


def rows(measure, table: int = 0) -> dict:
    """The table's rows by their label: the values after it (one value alone, unwrapped)."""
    found = {}
    for row in measure.tables[table].rows:
        found[row[0]] = row[1] if len(row) == 2 else row[1:]
    return found


def test_the_quarters_submissions_are_counted_by_form_door_place_and_language(seeded):
    found = measures_of(seeded)
    assert rows(found["forms"]) == {
        "Carer's self-assessment": 1,  # the one sent at 00:30 on 1 April, London time
        "Ask for care technology": 1,
        "Report a concern about an adult": 3,
    }
    assert rows(found["channels"]) == {"Online, by the person or someone helping them": 5}
    localities = rows(found["localities"])
    assert localities["Mid Essex"] == 2 and localities["Basildon and Brentwood"] == 2
    assert localities["North East Essex"] == 1 and localities["West Essex"] == 0
    assert localities["Not known (to be checked, or outside Essex)"] == 0
    districts = rows(found["districts"])
    assert (districts["Basildon"], districts["Chelmsford"], districts["Maldon"]) == (2, 1, 1)
    assert len(districts) == 13  # the 12 districts, then "not known"
    assert rows(found["languages"]) == {"English": 4, "Polish": 1, "Urdu": 0}
    # The examples ask for a Romanian interpreter (alerts), Polish (carers), one typed in (tech).
    assert rows(found["interpreters"]) == {
        "No interpreter asked for": 0,
        "Romanian": 3,
        "Another language (typed in)": 1,
        "Polish": 1,
    }


def test_who_filled_in_each_form_is_named_in_the_forms_own_words(seeded):
    who = measures_of(seeded)["who-reported"]
    assert [table.group for table in who.tables] == [
        "Carer's self-assessment",
        "Ask for care technology",
        "Report a concern about an adult",
    ]
    assert who.tables[1].caption == "Care technology requests: who asked"
    assert rows(who, 1)["An unpaid carer for the person"] == 1
    assert sum(rows(who, 1).values()) == 1
    alerts = rows(who, 2)
    assert alerts["A member of the public, family member or friend"] == 2
    assert alerts["I work for the NHS, the police or another organisation"] == 1
    assert alerts["I am the adult this is about"] == 0


def test_screening_counts_each_queues_work_in_time_late_overdue_and_not_yet_due(seeded):
    screening = rows(measures_of(seeded)["screening"])
    # In time, late, overdue, not yet due, share within the standard.
    assert screening["Central Safeguarding Triage"] == (1, 1, 1, 0, pytest.approx(1 / 3))
    assert screening["Carers"] == (1, 0, 0, 0, 1.0)
    assert screening["Care Technology"] == (0, 0, 1, 0, 0.0)
    assert screening["ASCC Duty"] == (0, 0, 0, 0, None)  # nothing to share
    # Seen earlier, on 1 July: the alert sent late on 30 June is not due until the evening.
    earlier = rows(measures_of(seeded, now=utc(2025, 7, 1, 9, 0))["screening"])
    assert earlier["Central Safeguarding Triage"] == (1, 1, 0, 1, 0.5)


def test_making_safeguarding_personal_counts_the_alerts_that_say_what_the_adult_wants(seeded):
    wishes = rows(measures_of(seeded)["safeguarding-wishes"])
    assert wishes["The adult's wishes recorded"] == (2, pytest.approx(2 / 3))
    assert wishes["Not recorded"] == (1, pytest.approx(1 / 3))


def test_carers_are_counted_in_each_form_that_identifies_them(seeded):
    carers = rows(measures_of(seeded)["carers-identified"])
    assert carers["Carer's self-assessment"] == (1, 1, 1.0)
    assert carers["Ask for care technology"] == (1, 1, 1.0)
    assert carers["Report a concern about an adult"] == (1, 3, pytest.approx(1 / 3))


def test_starts_sends_and_where_people_stop_follow_each_forms_pages(seeded):
    found = measures_of(seeded)
    started = rows(found["starts-and-sends"])
    # Forms sent whole count as started when sent; four alerts and a carer's form were not sent.
    assert started["Report a concern about an adult"] == (7, 3, 4, pytest.approx(3 / 7))
    assert started["Carer's self-assessment"] == (2, 1, 1, 0.5)
    assert started["Ask for care technology"] == (1, 1, 0, 1.0)
    journeys = seeded.extensions["frontdoor.journeys"]
    alert_pages = journeys[ALERT].pages
    stops = found["where-people-stop"]
    alert_table = stops.tables[[t.group for t in stops.tables].index(journeys[ALERT].title)]
    assert list(alert_table.rows) == [
        ("Started, no page saved", 1),
        (alert_pages[1].heading, 2),
        (alert_pages[4].heading, 1),
    ]
    carer_table = stops.tables[[t.group for t in stops.tables].index(journeys[CARER].title)]
    assert list(carer_table.rows) == [(journeys[CARER].pages[0].heading, 1)]


def test_page_usefulness_counts_yes_and_no_by_page_in_the_period(seeded):
    useful = rows(measures_of(seeded)["page-usefulness"])
    assert useful == {
        "Get a carer's assessment": (3, 1, 0.75),
        "old-topic/removed-page": (0, 1, 0.0),  # a page no longer there keeps its address
    }
    assert rows(measures_of(seeded, Q1)["page-usefulness"]) == {
        "Get a carer's assessment": (1, 0, 1.0)
    }


def test_a_locality_counts_only_its_submissions_and_the_other_measures_say_they_cannot(seeded):
    found = measures_of(seeded, locality="mid-essex")
    assert rows(found["forms"]) == {
        "Carer's self-assessment": 0,
        "Ask for care technology": 1,
        "Report a concern about an adult": 1,
    }
    assert rows(found["localities"]) == {"Mid Essex": 2}
    assert rows(found["districts"]) == {"Braintree": 0, "Chelmsford": 1, "Maldon": 1}
    assert rows(found["safeguarding-wishes"])["Not recorded"] == (1, 1.0)
    # Started forms and advice pages have no locality: the same figures as for every locality.
    every = measures_of(seeded)
    for measure_id in ("starts-and-sends", "where-people-stop", "page-usefulness"):
        assert not found[measure_id].by_locality
        assert found[measure_id].tables == every[measure_id].tables
    assert all(found[m].by_locality for m in ("forms", "screening", "carers-identified"))


def test_a_quarter_starts_and_ends_at_london_midnight_in_summer_time(seeded):
    # 31 March 2025, 23:30 in London (22:30 UTC) is in quarter 1; 00:30 on 1 April in quarter 2.
    assert rows(measures_of(seeded, Q1)["forms"])["Carer's self-assessment"] == 1
    assert sum(rows(measures_of(seeded, Q1)["forms"]).values()) == 1
    one_day = Period.days(date(2025, 6, 30), date(2025, 6, 30))
    assert rows(measures_of(seeded, one_day)["forms"])["Report a concern about an adult"] == 1


def test_the_day_summer_time_ends_has_25_hours_and_each_counts(db_app):
    day = Period.days(date(2025, 10, 26), date(2025, 10, 26))
    start, end = day.bounds()
    assert (start, end) == (utc(2025, 10, 25, 23, 0), utc(2025, 10, 27, 0, 0))
    assert end - start == timedelta(hours=25)
    for received in (
        utc(2025, 10, 25, 22, 59),  # 23:59 on the 25th, summer time: the day before
        utc(2025, 10, 25, 23, 0),  # midnight, summer time: the first moment of the day
        utc(2025, 10, 26, 23, 59),  # 23:59 Greenwich time: its last minute
        utc(2025, 10, 27, 0, 0),  # midnight Greenwich time: the next day
    ):
        send(db_app, Sent(CARER, received, {}))
    later = utc(2025, 11, 30, 9, 0)
    assert rows(measures_of(db_app, day, now=later)["forms"])["Carer's self-assessment"] == 2
    send(db_app, Sent(ALERT, utc(2025, 10, 26, 12, 0), IN_MID_ESSEX))
    in_mid_essex = measures_of(db_app, day, locality="mid-essex", now=later)
    assert rows(in_mid_essex["forms"]) == {
        "Carer's self-assessment": 0,
        "Ask for care technology": 0,
        "Report a concern about an adult": 1,
    }
