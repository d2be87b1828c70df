"""No journey, example or command depends on the day it runs.

The examples' dates are relative ("days_from_today"), so filling a form from them works on any
day; these tests move the clock a year ahead (and to a Friday evening before a bank holiday) and
walk every journey end to end, as the whole-journey tests do today.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import Submission
from portal.routing.clock import LONDON
from tests.journey_walker import JOURNEYS, example, walk

A_YEAR_AHEAD = datetime.now(UTC) + timedelta(days=365)
# 11:00 on the Friday before the 2027 late summer bank holiday: the next working day is Tuesday.
BEFORE_A_BANK_HOLIDAY = datetime(2027, 8, 27, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "moment", [A_YEAR_AHEAD, BEFORE_A_BANK_HOLIDAY], ids=["year-ahead", "bank-holiday"]
)
@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_every_journey_completes_from_its_example_on_another_day(app, journey_id, moment):
    with time_machine.travel(moment, tick=True):
        answers = example(journey_id)
        sent = walk(app.test_client(), app.extensions["frontdoor.journeys"][journey_id], answers)
        html = sent.get_data(as_text=True)
        assert sent.request.path.endswith("/sent"), sent.request.path
        with app.app_context():
            [row] = db.session.scalars(select(Submission))
        assert row.submitted_at.astimezone(LONDON).date() == moment.astimezone(LONDON).date()
        due = row.due_at.astimezone(LONDON)
        assert due > moment
        if row.priority == "urgent" and journey_id == "safeguarding-alert":
            assert "Call us now" in html  # phone now, never a time nobody is at work
        else:
            assert f"{due:%A} {due.day} {due:%B %Y}" in html


def test_the_examples_dates_are_relative_to_the_day():
    with time_machine.travel(A_YEAR_AHEAD, tick=False):
        today = date.today()
        tech = example("care-technology-request")
        alert = example("safeguarding-alert")
    assert tech["discharge_date"] == {"date": (today + timedelta(days=1)).isoformat()}
    assert alert["when_happened"]["date"] == (today - timedelta(days=11)).isoformat()
    assert alert["when_happened"]["approximate"] is True


def test_the_discharge_in_the_example_is_soon_on_any_day(app):
    with time_machine.travel(A_YEAR_AHEAD, tick=True):
        result = app.test_cli_runner().invoke(
            args=[
                "routing-preview",
                "care-technology-request",
                "forms/examples/care-technology-request.json",
            ]
        )
    assert result.exit_code == 0, result.output
    decision = json.loads(result.output[result.output.index("{") :])
    assert "hospital-discharge-soon" in [reason["id"] for reason in decision["reasons"]]
    assert datetime.fromisoformat(decision["due_at"]) > A_YEAR_AHEAD


def test_routing_preview_counts_relative_dates_from_received(app):
    result = app.test_cli_runner().invoke(
        args=[
            "routing-preview",
            "care-technology-request",
            "forms/examples/care-technology-request.json",
            "--received",
            "2026-11-23T10:00:00+00:00",
        ]
    )
    assert result.exit_code == 0, result.output
    decision = json.loads(result.output[result.output.index("{") :])
    # Discharged on Tuesday 24 November: within 2 working days of Monday, so urgent, due
    # by the end of the next working day.
    assert decision["priority"] == "urgent"
    assert decision["due_at"] == "2026-11-24T17:00:00+00:00"


def test_a_relative_date_must_be_whole_days(app, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text('{"in_hospital": "yes", "discharge_date": {"days_from_today": "soon"}}')
    result = app.test_cli_runner().invoke(
        args=["routing-preview", "care-technology-request", str(answers)]
    )
    assert result.exit_code != 0
    assert "days_from_today must be a whole number of days" in result.output
