"""Workers sharing the outbox: each message goes once, a dead worker's messages still go, each
channel has its sender, and the words are worked out when a message is sent."""

from __future__ import annotations

import smtplib
import threading
import time
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import OutboxMessage, Submission
from portal.notify import queue_message, send_due
from portal.notify.worker import LEASE, LONGEST_SEND, claim_due
from tests.conftest import build_app

MESSAGES = 200


class RecordingSender:
    """Records what it was given; slowed a little, so two workers' claims really interleave."""

    def __init__(self, pause: float = 0.0) -> None:
        self.sent: list[tuple[str, int, dict]] = []
        self.pause = pause
        self.lock = threading.Lock()

    def send(self, message, payload):
        time.sleep(self.pause)
        with self.lock:
            self.sent.append((threading.current_thread().name, message.id, payload))
        return f"provider-{message.id}"


def add_messages(app, count: int, **changes) -> list[int]:
    with app.app_context():
        rows = []
        for number in range(count):
            reference = f"TEC-{number:04d}-{changes.get('channel', 'email')[:4].upper()}"
            values = {
                "reference": reference,
                "purpose": "acknowledgement",
                "channel": "email",
                "recipient": f"person{number}@example.com",
                "locale": "en",
                "personalisation": {"reference": reference},
            }
            rows.append(OutboxMessage(**{**values, **changes}))
        db.session.add_all(rows)
        db.session.commit()
        return [row.id for row in rows]


def stored(app) -> list[OutboxMessage]:
    with app.app_context():
        return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.mark.database
def test_two_workers_at_once_send_each_of_200_messages_exactly_once(database_url):
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite is for one worker; sharing the outbox is a PostgreSQL feature")
    app = build_app(database_url)
    ids = add_messages(app, MESSAGES)
    sender = RecordingSender(pause=0.003)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            with app.app_context():  # its own session, so its own connection
                start.wait()
                while any(send_due(sender, worker=name).values()):
                    pass
        except BaseException as error:  # shown by the test, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(name,), name=name) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    app.extensions["frontdoor.db"][0].dispose()
    assert errors == []
    sent_ids = sorted(message_id for _, message_id, _ in sender.sent)
    assert sent_ids == ids  # every message, and none twice
    by_worker = {name: sum(1 for who, _, _ in sender.sent if who == name) for name in "ab"}
    assert by_worker["a"] > 0 and by_worker["b"] > 0, by_worker
    rows = stored(app)
    assert {(row.status, row.attempts, row.recipient) for row in rows} == {("sent", 1, None)}
    assert {row.claimed_by.split("/")[0] for row in rows} == {"a", "b"}


@pytest.mark.database
def test_a_dead_workers_message_waits_for_its_lease_then_goes_once(db_app):
    [message_id] = add_messages(db_app, 1)
    with db_app.app_context():
        claim_due("worker-that-dies")  # claimed, committed, then never sent
        assert send_due(RecordingSender()) == {"sent": 0, "retrying": 0, "failed": 0}
    with time_machine.travel(utcnow() + LEASE + timedelta(seconds=1), tick=False):
        other = RecordingSender()
        with db_app.app_context():
            assert send_due(other, worker="survivor") == {"sent": 1, "retrying": 0, "failed": 0}
            assert send_due(other, worker="survivor")["sent"] == 0
    assert [message_id for _, message_id, _ in other.sent] == [message_id]
    [row] = stored(db_app)
    assert (row.status, row.attempts) == ("sent", 2)  # the dead worker's claim counts as a try
    assert row.claimed_by.startswith("survivor/")


def test_a_worker_stopped_mid_claim_hands_back_what_it_had_not_started(app):
    add_messages(app, 3)

    class Interrupted:
        def send(self, message, payload):
            raise KeyboardInterrupt

    with app.app_context(), pytest.raises(KeyboardInterrupt):
        send_due(Interrupted())
    first, *rest = stored(app)
    # The one being sent may have reached the provider: it waits for its lease to run out.
    assert (first.status, first.attempts) == ("sending", 1)
    assert first.next_attempt_at > utcnow() + LEASE - timedelta(minutes=1)
    # The others were never tried, and any worker may take them now.
    assert [(row.status, row.attempts, row.claimed_by) for row in rest] == [
        ("pending", 0, None)
    ] * 2
    assert all(row.next_attempt_at <= utcnow() for row in rest)


def test_a_worker_short_of_lease_starts_no_more_sends_and_hands_the_rest_back(app):
    add_messages(app, 3)
    with time_machine.travel(utcnow(), tick=False) as clock:

        class Slow(RecordingSender):
            def send(self, message, payload):
                clock.shift(LEASE - LONGEST_SEND + timedelta(seconds=1))  # a very slow send
                return super().send(message, payload)

        sender = Slow()
        with app.app_context():
            assert send_due(sender, limit=3) == {"sent": 1, "retrying": 0, "failed": 0}
    assert len(sender.sent) == 1
    assert [(row.status, row.attempts) for row in stored(app)] == [
        ("sent", 1),
        ("pending", 0),
        ("pending", 0),
    ]


def test_each_channel_is_sent_by_its_own_sender_and_an_unknown_one_waits(app):
    add_messages(app, 1)
    add_messages(app, 1, channel="webhook")
    add_messages(app, 1, channel="carrier-pigeon")
    email, webhook = RecordingSender(), RecordingSender()
    with app.app_context():
        counts = send_due(senders={"email": email, "webhook": webhook})
    assert counts == {"sent": 2, "retrying": 1, "failed": 0}
    first, second, third = stored(app)
    assert [m for _, m, _ in email.sent] == [first.id]
    assert [m for _, m, _ in webhook.sent] == [second.id]
    assert (
        third.status == "pending" and "No sender for channel 'carrier-pigeon'" in third.last_error
    )


def test_only_known_channels_can_be_queued(app):
    with app.test_request_context("/"), pytest.raises(ValueError, match="carrier-pigeon"):
        queue_message(
            reference="TEC-AAAA-BBBB",
            purpose="acknowledgement",
            recipient="a@example.com",
            locale="en",
            channel="carrier-pigeon",
        )


def a_submission(**changes) -> Submission:
    values = {
        "reference": "SAF-AAAA-BBBB",
        "journey_id": "safeguarding-alert",
        "journey_version": 1,
        "locale": "en",
        "channel": "self-service",
        "answers": {},
        "routing": {},
        "priority": "urgent",
        "priority_rank": 1,
        "status": "new",
    }
    return Submission(**{**values, **changes})


@pytest.mark.database
def test_an_alert_says_what_is_true_when_it_is_sent_not_when_it_was_queued(database_url):
    app = build_app(database_url, staff_submission_url="https://asc.example/s/{reference}")
    with app.test_request_context("/"):
        submission = a_submission()
        db.session.add(submission)
        queue_message(
            reference=submission.reference,
            purpose="out-of-hours-alert",
            recipient="eds@example.com",
            locale="en",
            submission=submission,
        )
        db.session.commit()
        # Re-prioritised by staff before the worker ran.
        submission.priority, submission.priority_rank = "high", 2
        db.session.commit()
    sender = RecordingSender()
    with app.app_context():
        send_due(sender)
    [(_, _, payload)] = sender.sent
    assert payload == {
        "reference": "SAF-AAAA-BBBB",
        "priority": "high",
        "link": "https://asc.example/s/SAF-AAAA-BBBB",
    }
    [row] = stored(app)
    assert row.personalisation == {"reference": "SAF-AAAA-BBBB"}  # nothing else kept
    app.extensions["frontdoor.db"][0].dispose()


@pytest.mark.database
def test_a_submissions_messages_are_linked_to_it_and_a_saved_forms_link_is_not(db_app):
    with db_app.test_request_context("/"):
        submission = a_submission(reference="TEC-CCCC-DDDD", journey_id="care-technology-request")
        db.session.add(submission)
        queue_message(
            reference="TEC-CCCC-DDDD",
            purpose="acknowledgement",
            recipient="sam@example.com",
            locale="en",
            submission=submission,
        )
        queue_message(
            reference="TEC-EEEE-FFFF",
            purpose="resume-link",
            recipient="sam@example.com",
            locale="en",
            link="http://localhost/forms/resume/TEC-EEEE-FFFF/CODE",
        )
        db.session.commit()
        submission_id = submission.id
    acknowledgement, link = stored(db_app)
    assert acknowledgement.submission_id == submission_id
    assert link.submission_id is None


def test_a_providers_error_is_kept_without_the_address_or_the_link(app):
    [message_id] = add_messages(app, 1, purpose="resume-link")
    with app.app_context():
        row = db.session.get(OutboxMessage, message_id)
        row.personalisation = {"reference": row.reference, "link": "http://x.example/r/SECRET"}
        db.session.commit()

    class Refusing:
        def send(self, message, payload):
            raise smtplib.SMTPRecipientsRefused(
                {message.recipient: (550, f"no mailbox; also tried {payload['link']} for b@c.uk")}
            )

    with app.app_context():
        send_due(Refusing())
    [row] = stored(app)
    assert row.last_error.startswith("SMTPRecipientsRefused: ")
    assert "no mailbox" in row.last_error
    for secret in ("person0@example.com", "SECRET", "x.example", "b@c.uk"):
        assert secret not in row.last_error


@pytest.mark.database
def test_migration_0008_links_queued_messages_to_the_submission_they_are_about(database_url):
    from sqlalchemy import text

    from portal.data import migrate

    app = build_app(database_url, migrated=False)
    migrate.upgrade(database_url, "0006")
    when = "2026-12-01 09:00:00"  # a fixed moment, as either engine reads it
    with app.app_context():
        db.session.execute(
            text(
                "INSERT INTO submission (id, reference, journey_id, journey_version, locale, "
                "channel, submitted_at, answers, routing, priority, locality_check, flags) "
                "VALUES (7, 'TEC-AAAA-BBBB', 'care-technology-request', 1, 'en', "
                "'self-service', :when, '{}', '{}', 'standard', false, '[]')"
            ),
            {"when": when},
        )
        for purpose in ("acknowledgement", "resume-link"):
            db.session.execute(
                text(
                    "INSERT INTO outbox_message (reference, purpose, channel, locale, "
                    "personalisation, status, attempts, next_attempt_at, created_at) VALUES "
                    "('TEC-AAAA-BBBB', :purpose, 'email', 'en', '{}', 'pending', 0, :when, :when)"
                ),
                {"purpose": purpose, "when": when},
            )
        db.session.commit()
    migrate.upgrade(database_url)
    linked = {row.purpose: row.submission_id for row in stored(app)}
    assert linked == {"acknowledgement": 7, "resume-link": None}
    app.extensions["frontdoor.db"][0].dispose()
