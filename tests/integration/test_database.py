"""The schema, on SQLite and on PostgreSQL: migrations match the models and run both ways."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.data import db, migrate
from portal.data.feedback import ServiceFeedback
from portal.data.journeys import OutboxMessage
from portal.demo import DEMO_PATH, load_demo_data

pytestmark = pytest.mark.database


def test_migrations_match_the_models(db_app):
    with db_app.app_context():
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert migrate.schema_differences(db.engine) == []


def test_migrations_go_down_to_nothing_and_up_again(db_app, database_url):
    migrate.downgrade(database_url, "base")
    with db_app.app_context():
        assert migrate.current_revision(db.engine) is None
    migrate.upgrade(database_url)
    with db_app.app_context():
        assert migrate.schema_differences(db.engine) == []


def test_times_come_back_in_utc_whatever_zone_they_were_stored_in(db_app):
    summer = datetime(2026, 7, 1, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    with db_app.app_context():
        db.session.add(ServiceFeedback(created_at=summer, locale="en", satisfaction="satisfied"))
        db.session.commit()
        db.session.expunge_all()
        stored = db.session.scalar(select(ServiceFeedback.created_at))
    assert stored == summer
    assert stored.tzinfo is not None and stored.utcoffset() == timedelta(0)
    assert stored == datetime(2026, 7, 1, 8, 30, tzinfo=UTC)


def test_unknown_satisfaction_codes_are_refused_by_the_database(db_app):
    with db_app.app_context():
        db.session.add(ServiceFeedback(locale="en", satisfaction="ecstatic"))
        with pytest.raises(IntegrityError):
            db.session.commit()


def test_health_check_reports_the_database(db_app, database_url):
    response = db_app.test_client().get("/healthz")
    assert response.status_code == 200
    engine = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    assert response.json == {"status": "ok", "database": {"status": "ok", "engine": engine}}


def test_demo_data_loads_once_however_often_it_is_run(db_app):
    with db_app.app_context():
        first = list(load_demo_data())
        second = list(load_demo_data())
        count = len(
            db.session.scalars(
                select(ServiceFeedback).where(ServiceFeedback.from_path == DEMO_PATH)
            ).all()
        )
    assert "loaded" in first[0] and "already loaded" in second[0]
    assert count == 6


def test_the_outbox_holds_one_acknowledgement_per_form_and_any_number_of_links(db_app):
    def message(purpose: str) -> OutboxMessage:
        return OutboxMessage(
            reference="TEC-AAAA-BBBB", purpose=purpose, channel="email", locale="en"
        )

    with db_app.app_context():
        db.session.add_all([message("resume-link") for _ in range(3)])
        db.session.add(message("acknowledgement"))
        db.session.commit()
        db.session.add(message("acknowledgement"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        purposes = db.session.scalars(select(OutboxMessage.purpose)).all()
    assert sorted(purposes) == ["acknowledgement"] + ["resume-link"] * 3
