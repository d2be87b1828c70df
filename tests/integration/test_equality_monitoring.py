"""Optional equality monitoring after a form is sent: never required, kept apart from the form."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import EqualityResponse, Submission
from tests.journey_walker import draft_base, example, token, walk


def _sent(app, journey_id="carers-assessment", prefix=""):
    """A browser that has sent the journey, and the address of the form it sent."""
    client = app.test_client()
    sent = walk(
        client, app.extensions["frontdoor.journeys"][journey_id], example(journey_id), prefix=prefix
    )
    return client, draft_base(sent.request.path)


def _responses(app) -> list[EqualityResponse]:
    with app.app_context():
        return list(db.session.scalars(select(EqualityResponse)))


def test_the_confirmation_offers_the_optional_questions(app):
    client, form = _sent(app)
    html = client.get(f"{form}/sent").get_data(as_text=True)
    assert "Help us check our service is fair" in html
    assert f'href="{form}/about-you"' in html


def test_answers_are_kept_apart_from_the_form_and_asked_once(app):
    client, form = _sent(app)
    page = client.get(f"{form}/about-you")
    html = page.get_data(as_text=True)
    assert "You do not have to answer any of them" in html
    sent = client.post(
        f"{form}/about-you",
        data={"csrf_token": token(html), "age_band": "45-54", "ethnic_group": "prefer-not-to-say"},
    )
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/about-you/done")
    [response] = _responses(app)
    assert response.answers == {"age_band": "45-54", "ethnic_group": "prefer-not-to-say"}
    with app.app_context():
        [submission] = db.session.scalars(select(Submission))
    assert response.reference == submission.reference
    assert "age_band" not in submission.answers and "ethnic_group" not in submission.answers
    # Asked once: the page now says thank you, and the confirmation no longer offers it.
    assert client.get(f"{form}/about-you").headers["Location"].endswith("/about-you/done")
    assert "Help us check" not in client.get(f"{form}/sent").get_data(as_text=True)


def test_sending_the_page_empty_keeps_nothing(app):
    client, form = _sent(app)
    html = client.get(f"{form}/about-you").get_data(as_text=True)
    sent = client.post(f"{form}/about-you", data={"csrf_token": token(html)})
    assert sent.status_code == 303
    assert _responses(app) == []


def test_a_made_up_answer_gets_a_message_not_a_500(app):
    client, form = _sent(app)
    html = client.get(f"{form}/about-you").get_data(as_text=True)
    page = client.post(f"{form}/about-you", data={"csrf_token": token(html), "sex": "banana"})
    assert page.status_code == 200
    assert "govuk-error-summary" in page.get_data(as_text=True)
    assert _responses(app) == []


def test_only_the_browser_that_sent_the_form_is_asked(app):
    _, form = _sent(app)
    stranger = app.test_client()
    assert stranger.get(f"{form}/about-you").status_code == 404
    assert _responses(app) == []


@pytest.mark.parametrize("prefix", ["/pl", "/ur"])
def test_the_questions_are_asked_in_the_readers_language(app, prefix):
    client, form = _sent(app, prefix=prefix)
    html = client.get(f"{form}/about-you").get_data(as_text=True)
    assert "How old are you?" not in html


def test_it_is_not_offered_after_a_safeguarding_report(app):
    client, form = _sent(app, "safeguarding-alert")
    assert "Help us check" not in client.get(f"{form}/sent").get_data(as_text=True)
    assert client.get(f"{form}/about-you").status_code == 404
