"""Service feedback: the one form of the foundation, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data import db
from portal.data.feedback import ServiceFeedback, satisfaction_counts
from tests.conftest import build_app
from tests.journey_walker import form_token, token


def stored_feedback(app) -> list[ServiceFeedback]:
    with app.app_context():
        return list(db.session.scalars(select(ServiceFeedback)))


@pytest.mark.database
def test_feedback_is_stored_with_its_language_and_the_page_it_came_from(db_app):
    client = db_app.test_client()
    csrf = form_token(client, "/pl/feedback?from=/pl/contact")
    html = client.get("/pl/feedback?from=/pl/contact").get_data(as_text=True)
    assert 'name="from_path" type="hidden" value="/pl/contact"' in html
    response = client.post(
        "/pl/feedback",
        data={
            "csrf_token": csrf,
            "satisfaction": "satisfied",
            "improvement": "Więcej informacji po polsku",
            "from_path": "/pl/contact",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/pl/feedback/sent"
    assert client.get("/pl/feedback/sent").status_code == 200
    [row] = stored_feedback(db_app)
    assert (row.locale, row.satisfaction, row.from_path) == ("pl", "satisfied", "/pl/contact")
    assert row.improvement == "Więcej informacji po polsku"
    assert row.created_at.tzinfo is not None
    with db_app.app_context():
        assert satisfaction_counts()["satisfied"] == 1


def test_feedback_without_an_answer_shows_errors_and_keeps_the_comment(app, client):
    csrf = form_token(client, "/feedback")
    response = client.post(
        "/feedback", data={"csrf_token": csrf, "improvement": "Bigger text please"}
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Error: Give feedback" in html
    assert 'href="#satisfaction">Select how you felt about using this service' in html
    assert "Bigger text please</textarea>" in html
    assert stored_feedback(app) == []


def test_feedback_that_is_too_long_is_refused_with_a_clear_message(app, client):
    csrf = form_token(client, "/feedback")
    response = client.post(
        "/feedback",
        data={"csrf_token": csrf, "satisfaction": "neither", "improvement": "x" * 1201},
    )
    assert "Your feedback must be 1,200 characters or fewer" in response.get_data(as_text=True)
    assert stored_feedback(app) == []


def test_feedback_only_keeps_a_path_on_this_site(app, client):
    csrf = form_token(client, "/feedback")
    client.post(
        "/feedback",
        data={
            "csrf_token": csrf,
            "satisfaction": "satisfied",
            "from_path": "https://example.com/phish?email=someone@example.com",
        },
    )
    [row] = stored_feedback(app)
    assert row.from_path is None


def test_feedback_posted_without_a_csrf_token_is_shown_again_with_the_answers(app, client):
    response = client.post(
        "/feedback", data={"satisfaction": "dissatisfied", "improvement": "The page timed out"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Your session timed out" in html
    assert "The page timed out</textarea>" in html
    assert 'value="dissatisfied" checked' in html
    assert 'href="tel:03456037630"' in html
    assert stored_feedback(app) == []
    # The page carries a fresh token, so sending it again works.
    csrf = token(html)
    again = client.post("/feedback", data={"csrf_token": csrf, "satisfaction": "dissatisfied"})
    assert again.status_code == 303
    assert len(stored_feedback(app)) == 1


def test_feedback_with_an_expired_token_keeps_the_answers(app, client):
    response = client.post(
        "/ur/feedback",
        data={"csrf_token": "not-a-real-token", "satisfaction": "satisfied"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<html lang="ur" dir="rtl"' in html
    assert 'value="satisfied" checked' in html


def test_feedback_is_rate_limited(sqlite_url):
    app = build_app(sqlite_url, submission_rate_limit="2 per minute")
    client = app.test_client()
    csrf = form_token(client, "/feedback")
    for _ in range(2):
        ok = client.post("/feedback", data={"csrf_token": csrf, "satisfaction": "satisfied"})
        assert ok.status_code == 303
    response = client.post("/feedback", data={"csrf_token": csrf, "satisfaction": "satisfied"})
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Sorry, you have sent too many requests" in html
    assert 'href="tel:03456037630"' in html
    assert "Retry-After" in response.headers
    # Reading is never limited.
    assert client.get("/feedback").status_code == 200
    assert len(stored_feedback(app)) == 2
