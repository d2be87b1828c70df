"""A safeguarding report is never turned away, and urgent means a phone call.

The clock is pinned (time_machine) to a moment the team is open or closed, so the pages say
what a reporter would see then, on any day the tests run.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import OutboxMessage, Submission
from portal.notify import send_due
from tests.conftest import build_app
from tests.journey_walker import example, walk

WEDNESDAY_MORNING = datetime(2026, 11, 18, 10, 30, tzinfo=UTC)  # open
FRIDAY_AT_FOUR = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)  # open until 4:30pm
FRIDAY_EVENING = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)  # closed
NOT_URGENT = {"still_happening": "not-sure"}


def answers_on(moment, **changes):
    """The example's answers as on that day (its dates are relative), with changes."""
    with time_machine.travel(moment, tick=False):
        return {**example("safeguarding-alert"), **changes}


def alert(app):
    return app.extensions["frontdoor.journeys"]["safeguarding-alert"]


def rows(app, model):
    with app.app_context():
        return list(db.session.scalars(select(model)))


def phone_now(html: str) -> str:
    """The "Call us now" notice, up to its 999 line."""
    start = html.index("Call us now")
    return html[start : html.index("If anyone is in danger", start) + 200]


def before_the_answers(html: str, text: str) -> bool:
    """The text is on the page, above the first card of answers."""
    return text in html and html.index(text) < html.index("govuk-summary-card")


@pytest.mark.parametrize(
    ("postcode", "council", "shows"),
    [
        ("SS1 1AA", "southend", 'href="tel:01702215008"'),
        ("RM17 6SL", "thurrock", 'href="tel:01375511000"'),
        ("IP1 1AA", "outside", 'href="https://www.gov.uk/find-local-council"'),
    ],
)
def test_a_report_about_an_adult_living_outside_essex_is_taken_and_forwarded(
    app, postcode, council, shows
):
    answers = answers_on(WEDNESDAY_MORNING, **NOT_URGENT, postcode=postcode)
    with time_machine.travel(WEDNESDAY_MORNING, tick=True):
        check = walk(app.test_client(), alert(app), answers, submit=False)
        html = check.get_data(as_text=True)
        assert check.request.path.endswith("/check")
        assert before_the_answers(html, shows)  # the other council's number comes first
        assert "You can still send this form" in html
        sent = walk(app.test_client(), alert(app), answers)
    html = sent.get_data(as_text=True)
    assert sent.request.path.endswith("/sent")
    assert shows in html and html.index(shows) < html.index("What happens next")
    assert "We will pass your report on to them by 5pm on Wednesday 18 November 2026" in html
    [row] = rows(app, Submission)
    assert row.queue == "central-safeguarding-triage"
    assert row.routing["forward_to"]["council"] == council
    assert "forward-to-other-council" in [reason["id"] for reason in row.routing["reasons"]]


def test_a_southend_resident_harmed_in_broomfield_hospital_is_essexs_enquiry(app):
    answers = answers_on(
        WEDNESDAY_MORNING,
        **NOT_URGENT,
        postcode="SS1 1AA",
        where_happened="hospital",
        where_happened_postcode="CM1 7ET",
    )
    with time_machine.travel(WEDNESDAY_MORNING, tick=True):
        html = walk(app.test_client(), alert(app), answers).get_data(as_text=True)
    assert "Southend-on-Sea City Council" not in html
    [row] = rows(app, Submission)
    assert (row.queue, row.district) == ("central-safeguarding-triage", "chelmsford")
    assert row.routing["forward_to"] is None


@pytest.mark.parametrize("moment", [WEDNESDAY_MORNING, FRIDAY_AT_FOUR], ids=["wed", "fri-4pm"])
def test_an_urgent_alert_in_opening_hours_says_call_adult_social_care_now(app, moment):
    answers = answers_on(moment)  # ongoing, and the alleged person is still in contact
    with time_machine.travel(moment, tick=True):
        check = walk(app.test_client(), alert(app), answers, submit=False).get_data(as_text=True)
        sent = walk(app.test_client(), alert(app), answers).get_data(as_text=True)
    for html in (check, sent):
        banner = phone_now(html)
        assert 'href="tel:03456037630"' in banner and 'href="tel:999"' in banner
        assert 'href="tel:03456061212"' not in banner
    assert before_the_answers(check, "Call us now")
    # Never a promise for a time nobody is at work (it used to say "by 4pm on Saturday").
    assert "will look at your report by" not in sent and "Saturday" not in sent
    assert [m.purpose for m in rows(app, OutboxMessage)] == []


def test_an_urgent_alert_out_of_hours_says_call_the_duty_service_and_tells_it(sqlite_url):
    app = build_app(
        sqlite_url,
        eds_alert_email="eds@example.com",
        staff_submission_url="https://staff.example/submissions/{reference}",
    )
    answers = answers_on(FRIDAY_EVENING)
    with time_machine.travel(FRIDAY_EVENING, tick=True):
        html = walk(app.test_client(), alert(app), answers).get_data(as_text=True)
    banner = phone_now(html)
    assert 'href="tel:03456061212"' in banner and 'href="tel:03456037630"' not in banner
    [message] = rows(app, OutboxMessage)
    [row] = rows(app, Submission)
    assert (message.purpose, message.recipient) == ("out-of-hours-alert", "eds@example.com")
    assert message.submission_id == row.id
    # The reference, the priority and a staff link, worked out when it goes: no name, no detail.
    sent = []
    with app.app_context():
        send_due(RecordingSender(sent))
    assert sent == [
        {
            "reference": row.reference,
            "priority": "urgent",
            "link": f"https://staff.example/submissions/{row.reference}",
        }
    ]
    text = json.dumps([message.personalisation, *sent])
    for detail in ("Ron", "Example", "nephew", "SS14", "Basildon"):
        assert detail not in text


class RecordingSender:
    def __init__(self, sent: list) -> None:
        self.sent = sent

    def send(self, message, payload):
        self.sent.append(payload)


def test_without_a_duty_service_address_an_out_of_hours_alert_is_logged_without_details(
    app, caplog
):
    with time_machine.travel(FRIDAY_EVENING, tick=True), caplog.at_level(logging.WARNING):
        walk(app.test_client(), alert(app), answers_on(FRIDAY_EVENING))
    assert rows(app, OutboxMessage) == []
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "EDS_ALERT_EMAIL is not set" in warning.getMessage()
    [row] = rows(app, Submission)
    assert row.reference not in warning.getMessage() and "Ron" not in warning.getMessage()


def test_a_report_that_is_not_urgent_is_promised_a_time_the_team_works(app):
    answers = answers_on(FRIDAY_AT_FOUR, **NOT_URGENT)
    with time_machine.travel(FRIDAY_AT_FOUR, tick=True):
        html = walk(app.test_client(), alert(app), answers).get_data(as_text=True)
    assert "Call us now" not in html
    assert "will look at your report by 5pm on Monday 23 November 2026" in html
