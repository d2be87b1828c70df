"""The outbox: a provider failing never loses a submission, and the message is retried."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from portal.cli import outbox_send
from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import OutboxMessage, Submission
from portal.notify import MAX_ATTEMPTS, send_due
from portal.notify.channels import CHANNELS, senders_from_config
from portal.notify.messages import render
from portal.notify.senders import LogSender, NotifySender, SmtpSender, sender_from_config
from tests.journey_walker import example, walk


class BrokenSender:
    def __init__(self) -> None:
        self.calls = 0

    def send(self, message, payload):
        self.calls += 1
        raise ConnectionError("Notify is down")


class RecordingSender:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, dict]] = []

    def send(self, message, payload):
        self.sent.append((message.recipient, message.purpose, payload))
        return "provider-id-1"


@pytest.fixture
def sent_form(app):
    journey = app.extensions["frontdoor.journeys"]["care-technology-request"]
    walk(app.test_client(), journey, example("care-technology-request"))
    return app


def message(app) -> OutboxMessage:
    with app.app_context():
        return db.session.scalars(select(OutboxMessage)).one()


def test_a_failing_sender_leaves_the_submission_saved_and_retries_later(sent_form):
    app = sent_form
    broken = BrokenSender()
    with app.app_context():
        assert send_due(broken) == {"sent": 0, "retrying": 1, "failed": 0}
        assert db.session.scalars(select(Submission)).one().reference
    failed = message(app)
    assert (failed.status, failed.attempts) == ("pending", 1)
    assert failed.next_attempt_at > utcnow()  # not hammered: it waits before trying again
    assert "Notify is down" in failed.last_error
    with app.app_context():
        assert send_due(broken) == {"sent": 0, "retrying": 0, "failed": 0}  # not due yet
        row = db.session.get(OutboxMessage, failed.id)
        row.next_attempt_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        recording = RecordingSender()
        assert send_due(recording) == {"sent": 1, "retrying": 0, "failed": 0}
    done = message(app)
    assert (done.status, done.attempts, done.provider_id) == ("sent", 2, "provider-id-1")
    assert done.recipient is None  # the address is not kept once it is used
    assert recording.sent == [("sam@example.com", "acknowledgement", {"reference": done.reference})]


def test_a_message_that_never_goes_is_marked_failed_after_the_last_try(sent_form):
    app = sent_form
    broken = BrokenSender()
    with app.app_context():
        for _ in range(MAX_ATTEMPTS):
            row = db.session.scalars(select(OutboxMessage)).one()
            row.next_attempt_at = utcnow() - timedelta(seconds=1)
            db.session.commit()
            send_due(broken)
    assert message(app).status == "failed"
    assert broken.calls == MAX_ATTEMPTS


def test_the_message_text_has_the_reference_and_nothing_about_the_person(sent_form):
    app = sent_form
    row = message(app)
    for locale in ("en", "pl", "ur"):
        with app.test_request_context(f"/{locale}/"), force_locale(locale):
            subject, body = render(row)
        assert row.reference in subject and row.reference in body
        for detail in ("Joan", "Example", "Maldon", "Broomfield", "fell", "1941"):
            assert detail not in body and detail not in subject


def test_the_worker_command_sends_what_is_due(sent_form):
    app = sent_form
    runner = app.test_cli_runner()
    result = runner.invoke(outbox_send, ["--once"])
    assert result.exit_code == 0 and "sent: 1" in result.output
    assert message(app).status == "sent"


def test_the_sender_is_chosen_from_configuration():
    assert isinstance(sender_from_config({}), LogSender)
    smtp = sender_from_config({"SMTP_HOST": "mail.internal", "SMTP_FROM": "asc@essex.example"})
    assert isinstance(smtp, SmtpSender) and smtp.port == 587
    notify = sender_from_config(
        {
            "NOTIFY_API_KEY": "key-" + "a" * 36 + "-" + "b" * 36,
            "NOTIFY_TEMPLATES": {"acknowledgement": "t1"},
        }
    )
    assert isinstance(notify, NotifySender)


def test_each_channel_gets_its_sender_from_configuration():
    assert set(senders_from_config({})) == set(CHANNELS) == {"email"}
    assert isinstance(senders_from_config({})["email"], LogSender)
    smtp = senders_from_config({"SMTP_HOST": "mail.internal", "SMTP_FROM": "asc@essex.example"})
    assert isinstance(smtp["email"], SmtpSender)
