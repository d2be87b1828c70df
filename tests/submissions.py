"""Submissions for the staff workspace's tests: a journey's example answers sent through
``portal.journeys.submit.submit`` at a fixed moment, and staff accounts in chosen teams."""

from __future__ import annotations

from datetime import datetime

import pyotp
from sqlalchemy import select

from portal.accounts.users import create_user
from portal.data import db
from portal.data.accounts import by_email
from portal.data.database import utcnow
from portal.data.journeys import Submission
from portal.journeys.answer_files import load_answers
from portal.journeys.submit import submit
from portal.routing.clock import LONDON
from tests.journey_walker import EXAMPLES
from tests.staff import PASSWORD, sign_in

ALERT, CARERS, TECHNOLOGY = "safeguarding-alert", "carers-assessment", "care-technology-request"
# A Wednesday morning, when the teams are at work; the pages are read two hours later.
RECEIVED = datetime(2026, 3, 4, 10, 0, tzinfo=LONDON)
LATER = datetime(2026, 3, 4, 12, 0, tzinfo=LONDON)


def answers(journey_id: str, received: datetime = RECEIVED, **changes) -> dict:
    """The journey's example answers, their relative dates fixed as on the day received."""
    found = load_answers(EXAMPLES / f"{journey_id}.json", received.astimezone(LONDON).date())
    found.update(changes)
    return {key: value for key, value in found.items() if value is not None}


def send(
    app, journey_id: str = ALERT, *, received: datetime = RECEIVED, locale: str = "en", **changes
) -> str:
    """Send the example answers (with ``changes``; None leaves an answer out); the reference."""
    with app.app_context():
        journey = app.extensions["frontdoor.journeys"][journey_id]
        sent = submit(
            journey,
            answers(journey_id, received, **changes),
            channel="self-service",
            actor=None,
            locale=locale,
            received=received,
        )
        db.session.commit()
        return sent.reference


def account(app, email: str, role: str, teams: list[str], name: str = "Jo Bloggs") -> str:
    """An account with the role in the teams, its app set up; returns its TOTP secret."""
    with app.app_context():
        user = create_user(email, name, PASSWORD, [role], teams, actor="test")
        secret = pyotp.random_base32()
        user.totp_secret = secret
        user.totp_confirmed_at = utcnow()
        db.session.commit()
    return secret


def signed_in(app, email: str, role: str, teams: list[str], name: str = "Jo Bloggs"):
    """A test client signed in as a new account with this role in these teams."""
    client = app.test_client()
    sign_in(client, email, account(app, email, role, teams, name))
    return client


def account_id(app, email: str) -> int:
    with app.app_context():
        return by_email(email).id


def row(app, reference: str) -> Submission:
    """The submission as it is in the database now (detached: read its columns only)."""
    with app.app_context():
        found = db.session.scalar(select(Submission).where(Submission.reference == reference))
        db.session.expunge(found)
        return found
