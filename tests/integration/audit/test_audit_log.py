"""The audit log: append-only (the database refuses changes), hash-chained, and `flask audit
verify` names the first row where the chain breaks, including a row altered by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from portal import audit
from portal.data import db
from portal.data.audit import GENESIS, AuditEvent, row_hash, verify_chain
from tests.audit_world import alter_by_hand

pytestmark = pytest.mark.database


def write_events(app, count: int = 3) -> None:
    with app.test_request_context("/staff/sign-in", environ_base={"REMOTE_ADDR": "192.0.2.7"}):
        app.preprocess_request()  # gives the request its id
        for number in range(count):
            audit.record(
                "sign-in-failed",
                actor="jo@essex.gov.uk",
                actor_id=1,
                detail={"reason": "wrong password", "attempts": number + 1},
            )
        db.session.commit()


def test_each_row_carries_the_hash_of_the_one_before_and_who_where_and_which_request(db_app):
    write_events(db_app)
    with db_app.app_context():
        rows = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert rows[0].prev_hash == GENESIS
        assert [row.prev_hash for row in rows[1:]] == [row.hash for row in rows[:-1]]
        assert all(row.hash == row_hash(row) for row in rows)
        assert rows[0].client_address == "192.0.2.7" and rows[0].request_id
        assert verify_chain().broken_at is None


def test_the_database_refuses_to_update_or_delete_an_audit_row(db_app):
    write_events(db_app, 1)
    with db_app.app_context():
        for statement in (
            "UPDATE audit_event SET actor = 'someone else'",
            "DELETE FROM audit_event",
        ):
            with pytest.raises(DBAPIError, match="never changed"):
                db.session.execute(text(statement))
            db.session.rollback()
        assert db.session.scalar(select(AuditEvent.actor)) == "jo@essex.gov.uk"


def test_postgresql_also_refuses_to_truncate_the_log(db_app):
    write_events(db_app, 2)
    with db_app.app_context():
        if db.session.connection().dialect.name != "postgresql":
            pytest.skip("SQLite has no TRUNCATE (DELETE without WHERE is refused above)")
        with pytest.raises(DBAPIError, match="never changed"):
            db.session.execute(text("TRUNCATE audit_event"))
        db.session.rollback()
        assert len(db.session.scalars(select(AuditEvent)).all()) == 2


@pytest.mark.parametrize(
    "alteration",
    [
        "UPDATE audit_event SET actor = 'someone else' WHERE id IN (2, 3)",
        'UPDATE audit_event SET detail = \'{"reason": "none"}\' WHERE id IN (2, 3)',
        "UPDATE audit_event SET client_address = '203.0.113.9' WHERE id IN (2, 3)",
    ],
)
def test_verify_reports_the_first_row_altered_by_hand(db_app, alteration):
    write_events(db_app, 4)
    assert db_app.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0
    alter_by_hand(db_app, alteration)
    result = db_app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "broken at row 2" in result.output and "it was changed" in result.output
    assert "1 row before it is intact" in result.output


def test_verify_reports_a_row_removed_by_hand_at_the_row_after_it(db_app):
    write_events(db_app, 4)
    alter_by_hand(db_app, "DELETE FROM audit_event WHERE id = 3")
    result = db_app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "broken at row 4" in result.output and "removed" in result.output


def test_verify_says_an_intact_log_is_intact_with_its_last_hash(db_app):
    runner = db_app.test_cli_runner()
    assert "empty" in runner.invoke(args=["audit", "verify"]).output
    write_events(db_app, 2)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0
    with db_app.app_context():
        last = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()))
    assert f"2 rows are intact. Last hash: {last}" in result.output


def test_the_newest_rows_alone_are_checked_against_the_row_before_them(db_app):
    """What the audit log page checks on each view: only its newest rows, each still linked to
    the row before; `flask audit verify` walks the whole log."""
    write_events(db_app, 6)
    alter_by_hand(db_app, "UPDATE audit_event SET actor = 'someone else' WHERE id = 2")
    with db_app.app_context():
        newest = verify_chain(newest=3)
        assert (newest.rows, newest.broken_at) == (3, None)
        assert verify_chain(newest=5).broken_at == 2  # the window reaches the altered row
        assert verify_chain().broken_at == 2


def test_a_row_changed_among_the_newest_is_found_by_the_pages_check(db_app):
    write_events(db_app, 6)
    alter_by_hand(db_app, "UPDATE audit_event SET actor = 'someone else' WHERE id = 5")
    with db_app.app_context():
        assert verify_chain(newest=3).broken_at == 5
