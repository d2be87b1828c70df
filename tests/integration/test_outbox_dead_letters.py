"""Dead letters: `flask outbox failed` lists what the worker gave up on, `outbox retry` sends it
again. Run through Flask's CLI runner, as the team would at a terminal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import OutboxMessage
from portal.notify import MAX_ATTEMPTS, send_due

pytestmark = pytest.mark.database
LAST_TRIED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


class BrokenSender:
    def send(self, message, payload):
        raise ConnectionError(f"Notify is down (was sending to {message.recipient})")


def failed_for_good(app, *references: str) -> list[int]:
    """Messages that have had every try but one, then fail the last."""
    with app.app_context():
        rows = [
            OutboxMessage(
                reference=reference,
                purpose="acknowledgement",
                channel="email",
                recipient="sam@example.com",
                locale="en",
                personalisation={"reference": reference},
                attempts=MAX_ATTEMPTS - 1,
            )
            for reference in references
        ]
        db.session.add_all(rows)
        db.session.commit()
        assert send_due(BrokenSender())["failed"] == len(rows)
        for row in rows:  # a known moment, so the listing can be checked on any day
            db.session.get(OutboxMessage, row.id).claimed_at = LAST_TRIED
        db.session.commit()
        return [row.id for row in rows]


def a_sent_message(app) -> int:
    with app.app_context():
        row = OutboxMessage(
            reference="TEC-SENT-MSG1",
            purpose="acknowledgement",
            channel="email",
            locale="en",
            status="sent",
        )
        db.session.add(row)
        db.session.commit()
        return row.id


def statuses(app) -> dict[int, tuple[str, int]]:
    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage))
        return {row.id: (row.status, row.attempts) for row in rows}


def test_failed_lists_each_dead_letter_without_the_address(db_app):
    [failed_id] = failed_for_good(db_app, "TEC-AAAA-BBBB")
    a_sent_message(db_app)
    result = db_app.test_cli_runner().invoke(args=["outbox", "failed"])
    assert result.exit_code == 0, result.output
    heading, row, footer = result.output.splitlines()
    assert heading.split() == [
        "id",
        "reference",
        "purpose",
        "channel",
        "tries",
        "last",
        "tried",
        "last",
        "error",
    ]
    assert row.split()[:8] == [
        str(failed_id),
        "TEC-AAAA-BBBB",
        "acknowledgement",
        "email",
        str(MAX_ATTEMPTS),
        "2026-12-01",
        "09:30",
        "UTC",
    ]
    assert row.endswith("ConnectionError: Notify is down (was sending to [address])")
    assert "sam@example.com" not in result.output
    assert "TEC-SENT-MSG1" not in result.output
    assert footer.startswith("1 failed message. Send again with")


def test_failed_says_so_when_nothing_has_failed(db_app):
    a_sent_message(db_app)
    result = db_app.test_cli_runner().invoke(args=["outbox", "failed"])
    assert (result.exit_code, result.output) == (0, "No failed messages.\n")


def test_a_retried_message_gets_every_try_again_and_the_worker_sends_it(db_app):
    first, second = failed_for_good(db_app, "TEC-AAAA-BBBB", "TEC-CCCC-DDDD")
    runner = db_app.test_cli_runner()
    result = runner.invoke(args=["outbox", "retry", str(second)])
    assert result.exit_code == 0, result.output
    assert result.output == f"1 message will be sent again: {second}.\n"
    assert statuses(db_app) == {first: ("failed", MAX_ATTEMPTS), second: ("pending", 0)}
    sent = runner.invoke(args=["outbox", "send", "--once"])  # the log sender, as configured
    assert sent.exit_code == 0 and "sent: 1" in sent.output
    assert statuses(db_app)[second] == ("sent", 1)
    listing = runner.invoke(args=["outbox", "failed"]).output
    assert "TEC-AAAA-BBBB" in listing and "TEC-CCCC-DDDD" not in listing


def test_retry_all_queues_every_failed_message(db_app):
    first, second = failed_for_good(db_app, "TEC-AAAA-BBBB", "TEC-CCCC-DDDD")
    sent = a_sent_message(db_app)
    result = db_app.test_cli_runner().invoke(args=["outbox", "retry", "--all"])
    assert result.exit_code == 0, result.output
    assert result.output == f"2 messages will be sent again: {first}, {second}.\n"
    assert statuses(db_app) == {first: ("pending", 0), second: ("pending", 0), sent: ("sent", 0)}


def test_retry_leaves_alone_what_has_not_failed_and_says_so(db_app):
    [failed_id] = failed_for_good(db_app, "TEC-AAAA-BBBB")
    sent = a_sent_message(db_app)
    result = db_app.test_cli_runner().invoke(
        args=["outbox", "retry", str(sent), "9999", str(failed_id)]
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Message {sent} is sent, not failed: left as it is.",
        "Message 9999 does not exist: left as it is.",
    ]
    assert result.stdout == f"1 message will be sent again: {failed_id}.\n"
    assert statuses(db_app) == {failed_id: ("pending", 0), sent: ("sent", 0)}


def test_retry_needs_ids_or_all_but_not_both(db_app):
    runner = db_app.test_cli_runner()
    for args in ([], ["1", "--all"]):
        result = runner.invoke(args=["outbox", "retry", *args])
        assert result.exit_code == 2
        assert "Give the ids of failed messages, or --all." in result.output
