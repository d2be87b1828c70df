"""Helpers for the queue and search tests: submissions made fast through the one core
(``submit``) from the example answers at fixed moments, changed directly where a test needs an
assignee or a status, and staff accounts in the teams a test names."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pyotp
from sqlalchemy import select

from portal.accounts.users import create_user
from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import Submission
from portal.journeys.answer_files import load_answers
from portal.journeys.submit import submit
from portal.routing.clock import LONDON
from tests.journey_walker import EXAMPLES
from tests.staff import form_token, sign_in

# Monday 2 March 2026, 9am in London; the pages are read on Wednesday 4 March at 10am.
RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
CARERS, TECHNOLOGY, ALERT = "carers-assessment", "care-technology-request", "safeguarding-alert"
SAM = "sam@essex.gov.uk"
# The references in the first column of a queue table, in the order shown.
_ROW_REFERENCE = re.compile(
    r'<th scope="row"[^>]*>\s*<a class="govuk-link[^"]*" href="[^"]+">([^<]+)</a>'
)


def send(
    app,
    journey_id: str,
    *,
    received: datetime = RECEIVED,
    channel: str = "self-service",
    locale: str = "en",
    **changes,
) -> str:
    """Send the journey's example answers, with these changes, at ``received``; the reference."""
    with app.app_context():
        journey = app.extensions["frontdoor.journeys"][journey_id]
        answers = load_answers(EXAMPLES / f"{journey_id}.json", received.astimezone(LONDON).date())
        submission = submit(
            journey,
            {**answers, **changes},
            channel=channel,
            actor=None,
            locale=locale,
            received=received,
        )
        db.session.commit()
        return submission.reference


def change(app, reference: str, **columns) -> None:
    """Set a submission's columns directly (an assignee, a status, a due time)."""
    with app.app_context():
        row = db.session.scalar(select(Submission).where(Submission.reference == reference))
        for name, value in columns.items():
            setattr(row, name, value)
        db.session.commit()


def staff(app, email: str, role: str, teams: list[str], name: str) -> tuple[str, str]:
    """A staff account set up with an authenticator; (its id as an assignee, its TOTP secret)."""
    with app.app_context():
        user = create_user(email, name, "three random words here", [role], teams, actor="test")
        secret = pyotp.random_base32()
        user.totp_secret = secret
        user.totp_confirmed_at = utcnow()
        db.session.commit()
        return str(user.id), secret


def safeguarding_practitioner(app) -> tuple[str, str]:
    """Sam (SAM), a safeguarding practitioner in Central Safeguarding Triage: as staff()."""
    return staff(
        app,
        SAM,
        "safeguarding-practitioner",
        ["central-safeguarding-triage"],
        "Sam Safeguarding",
    )


def signed_in(app, email: str, secret: str):
    client = app.test_client()
    response = sign_in(client, email, secret)
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


def search_for_person(client, fields: dict) -> str:
    """The search page's results for a person, sent by its own form (CSRF token included)."""
    data = {"csrf_token": form_token(client, "/staff/search"), **fields}
    response = client.post("/staff/search", data=data)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def listed(html: str) -> list[str]:
    """The references a queue table lists, in its order."""
    return _ROW_REFERENCE.findall(html)
