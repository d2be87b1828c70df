"""Helpers for the audit pages' tests: forms sent at a known moment, audit rows written as a
request from a known address would write them, and staff accounts in chosen teams."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy import select, text

from portal import audit
from portal.data import db
from portal.data.accounts import by_email
from portal.data.audit import AuditEvent
from portal.journeys.submit import submit
from tests.journey_walker import example
from tests.staff import make_account, sign_in

# Wednesday 1 July 2026, 2pm in London (British Summer Time, UTC+1): what the pages are read at.
NOW = datetime(2026, 7, 1, 13, 0, tzinfo=UTC)
# Who the forms are about: names found nowhere else, so a test can look for them in any page.
CARER = {"first_name": "Philippa", "last_name": "Quennell"}
ADULT = {"adult_first_name": "Ronwyn", "adult_last_name": "Marchbank"}
REPORTER = {"reporter_name": "Oswin Tredgold"}
NAMES = ("Philippa", "Quennell", "Ronwyn", "Marchbank", "Oswin", "Tredgold")
CASEY, SAM = "casey@essex.gov.uk", "sam@essex.gov.uk"


def send(app, journey_id: str, received: datetime = NOW, **changes) -> tuple[str, int]:
    """Send a journey's example answers (with ``changes``); returns (reference, id)."""
    with time_machine.travel(received, tick=False):
        answers = example(journey_id) | changes
        with app.app_context():
            journey = app.extensions["frontdoor.journeys"][journey_id]
            sent = submit(
                journey, answers, channel="web", actor=None, locale="en", received=received
            )
            db.session.commit()
            return sent.reference, sent.id


def send_carers(app, received: datetime = NOW) -> tuple[str, int]:
    return send(app, "carers-assessment", received, **CARER)


def send_safeguarding(app, received: datetime = NOW) -> tuple[str, int]:
    return send(app, "safeguarding-alert", received, **ADULT, **REPORTER)


def account(app, email: str, role: str, teams: list[str] | None = None, name: str = "") -> tuple:
    """A signed-up account: (id, TOTP secret)."""
    secret = make_account(app, email, role, teams=teams, name=name or email.split("@")[0].title())
    with app.app_context():
        return by_email(email).id, secret


def signed_in(app, email: str, secret: str):
    client = app.test_client()
    sign_in(client, email, secret)
    return client


def as_role(
    app, role: str, teams: list[str] | None = None, email: str = "", name: str = "Viewer Person"
) -> tuple:
    """Someone with ``role`` in ``teams``, signed in: (client, account id)."""
    email = email or f"{role}-{'-'.join(teams or [])}@essex.gov.uk"
    person_id, secret = account(app, email, role, teams, name)
    return signed_in(app, email, secret), person_id


def signed_in_auditor(app) -> tuple:
    """Audrey, an auditor, signed in: (client, account id)."""
    return as_role(app, "auditor", [], "audrey@essex.gov.uk", "Audrey Auditor")


def two_forms_two_workers(app, casey_name: str = "Casey Worker") -> dict:
    """A carers assessment and a safeguarding alert (their references and ids), and the account
    ids of Casey, a carers caseworker, and Sam Safe, a safeguarding practitioner in central
    triage: the keys carers, carers_id, alert, alert_id, casey and sam."""
    carers, carers_id = send_carers(app)
    alert, alert_id = send_safeguarding(app)
    casey, _ = account(app, CASEY, "caseworker", ["carers"], casey_name)
    sam, _ = account(
        app, SAM, "safeguarding-practitioner", ["central-safeguarding-triage"], "Sam Safe"
    )
    return {
        "carers": carers,
        "carers_id": carers_id,
        "alert": alert,
        "alert_id": alert_id,
        "casey": casey,
        "sam": sam,
    }


def write(
    app,
    action: str,
    *,
    at: datetime,
    actor: str,
    actor_id: int | None = None,
    submission_id: int | None = None,
    detail: dict | None = None,
    address: str = "192.0.2.7",
) -> int:
    """An audit row as a request from ``address`` at ``at`` writes it; returns its id."""
    request = app.test_request_context("/staff", environ_base={"REMOTE_ADDR": address})
    with time_machine.travel(at, tick=False), request:
        app.preprocess_request()  # gives the request its id
        event = audit.record(
            action, actor=actor, actor_id=actor_id, submission_id=submission_id, detail=detail
        )
        db.session.commit()
        return event.id


def write_minutes_before(app, count: int, action: str, **fields) -> None:
    """``count`` rows of ``action``, a minute apart, the newest a minute before NOW."""
    for minute in range(count):
        write(app, action, at=NOW - timedelta(minutes=minute + 1), **fields)


def rows(app, action: str | None = None) -> list[AuditEvent]:
    with app.app_context():
        statement = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            statement = statement.where(AuditEvent.action == action)
        return list(db.session.scalars(statement))


def alter_by_hand(app, statement: str, **parameters) -> None:
    """What someone with the table owner's rights could do: switch the guard off (the test's
    own connection is the owner), then change the log."""
    with app.app_context():
        if db.session.connection().dialect.name == "postgresql":
            db.session.execute(text("ALTER TABLE audit_event DISABLE TRIGGER USER"))
        else:
            db.session.execute(text("DROP TRIGGER audit_event_no_update"))
            db.session.execute(text("DROP TRIGGER audit_event_no_delete"))
        db.session.execute(text(statement), parameters)
        db.session.commit()
