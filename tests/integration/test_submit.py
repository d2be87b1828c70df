"""submit(): the one core every door sends through, with answers, a channel and an actor. The web
pages call it with a draft's answers and reference; a JSON API will call it with answers alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import OutboxMessage, Submission
from portal.data.work import SubmissionEvent
from portal.journeys import references
from portal.journeys.submit import NotReady, submit
from tests.conftest import build_app
from tests.journey_walker import example

MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
FRIDAY_EVENING = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)  # Adult Social Care is closed


def answers_on(moment, journey_id):
    """The example's answers as on that day (their dates are relative to it)."""
    with time_machine.travel(moment, tick=False):
        return example(journey_id)


def journey(app, journey_id):
    return app.extensions["frontdoor.journeys"][journey_id]


def rows(model) -> list:
    return list(db.session.scalars(select(model).order_by(model.id)))


def refused(app, answers: dict) -> NotReady:
    """Send care technology answers as an API would; they must be refused with nothing
    written. Returns the refusal."""
    with app.app_context():
        with pytest.raises(NotReady) as refusal:
            submit(
                journey(app, "care-technology-request"),
                answers,
                channel="api",
                actor="provider-system-1",
                locale="en",
                received=MONDAY_MORNING,
            )
        db.session.rollback()
        assert rows(Submission) == [] and rows(OutboxMessage) == []
    return refusal.value


def test_answers_sent_whole_get_a_new_reference_and_a_second_send_returns_the_same(app):
    tech = journey(app, "care-technology-request")
    answers = answers_on(MONDAY_MORNING, "care-technology-request")
    with app.app_context():
        sent = submit(
            tech,
            answers,
            channel="api",
            actor="provider-system-1",
            locale="pl",
            received=MONDAY_MORNING,
        )
        db.session.commit()
        assert references.is_valid(sent.reference) and sent.reference.startswith("TEC-")
        [row] = rows(Submission)
        assert (row.channel, row.submitted_by, row.locale) == ("api", "provider-system-1", "pl")
        assert row.submitted_at == MONDAY_MORNING and row.queue
        [event] = rows(SubmissionEvent)
        assert (event.kind, event.actor) == ("submitted", "provider-system-1")
        [message] = rows(OutboxMessage)
        assert (message.purpose, message.locale, message.reference) == (
            "acknowledgement",
            "pl",
            sent.reference,
        )
        again = submit(
            tech,
            answers,
            channel="api",
            actor="provider-system-1",
            locale="pl",
            received=MONDAY_MORNING,
            reference=sent.reference,
        )
        db.session.commit()
        assert again.id == sent.id
        assert len(rows(Submission)) == 1 and len(rows(OutboxMessage)) == 1


def test_a_resident_is_nobody_and_the_history_names_their_door(app):
    with app.app_context():
        sent = submit(
            journey(app, "carers-assessment"),
            answers_on(MONDAY_MORNING, "carers-assessment"),
            channel="self-service",
            actor=None,
            locale="en",
            received=MONDAY_MORNING,
        )
        db.session.commit()
        assert sent.submitted_by is None
        [event] = rows(SubmissionEvent)
        assert event.actor == "self-service"


@pytest.mark.parametrize(
    "change",
    [{"postcode": None}, {"in_hospital": None}, {"responders": [], "mobile_responder": "no"}],
    ids=["unanswered", "unanswered-later", "ends-at-a-stop"],
)
def test_answers_that_cannot_be_sent_are_refused_and_nothing_is_written(app, change):
    answers = answers_on(MONDAY_MORNING, "care-technology-request")
    for key, value in change.items():
        if value is None:
            answers.pop(key)
        else:
            answers[key] = value
    refused(app, answers)


def test_an_urgent_alert_sent_whole_out_of_hours_tells_the_duty_service(sqlite_url):
    app = build_app(sqlite_url, eds_alert_email="eds@example.com")
    answers = answers_on(FRIDAY_EVENING, "safeguarding-alert")
    with app.app_context():
        sent = submit(
            journey(app, "safeguarding-alert"),
            answers,
            channel="phone",
            actor="call-handler-3",
            locale="en",
            received=FRIDAY_EVENING,
        )
        db.session.commit()
        assert sent.priority == "urgent"
        alerts = [m for m in rows(OutboxMessage) if m.purpose == "out-of-hours-alert"]
        assert [(m.recipient, m.submission_id) for m in alerts] == [("eds@example.com", sent.id)]
    app.extensions["frontdoor.db"][0].dispose()


@pytest.mark.parametrize(
    ("change", "question", "key"),
    [
        ({"lives_alone": "perhaps"}, "lives_alone", "choice"),
        ({"person_nhs_number": "9434765918"}, "person_nhs_number", "nhs_number"),
        ({"postcode": "not a postcode"}, "postcode", "postcode"),
    ],
    ids=["unknown-option", "bad-nhs-number", "bad-postcode"],
)
def test_answers_a_form_would_not_take_are_refused_with_the_same_problems(
    app, change, question, key
):
    """An API caller's answers meet the same checks as a resident's form: submit() refuses them
    and says which question and which message, so the caller can be told in JSON."""
    answers = {**answers_on(MONDAY_MORNING, "care-technology-request"), **change}
    assert refused(app, answers).problems[question].key == key
