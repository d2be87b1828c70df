"""The web pages check a finished form's stored answers the way every door does (check_answers)
before showing check answers or sending it: an answer that no longer passes goes back to its
page, and a list's Continue checks the items already added."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.data import db
from portal.data.journeys import Draft, Submission
from portal.journeys import drafts
from tests.journey_walker import draft_base, example, form_token, walk


def _filled(app):
    """A client at check answers of the care technology form, and the draft's address."""
    client = app.test_client()
    at_check = walk(
        client,
        app.extensions["frontdoor.journeys"]["care-technology-request"],
        example("care-technology-request"),
        submit=False,
    )
    return client, draft_base(at_check.request.path)


def _change_draft(app, **answers) -> None:
    """Change the one draft's answers behind the pages' back (a draft saved yesterday, or by
    an older version of the form)."""
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        drafts.save(draft, {**draft.answers, **answers})
        db.session.commit()


def test_a_discharge_date_now_in_the_past_sends_check_answers_back_to_its_page(app):
    client, form = _filled(app)
    assert client.get(f"{form}/check").status_code == 200
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    _change_draft(app, discharge_date={"date": yesterday})
    response = client.get(f"{form}/check")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{form}/hospital_details")
    # Sent again as it was, the page says what is wrong with it.
    day = date.today() - timedelta(days=1)
    again = client.post(
        f"{form}/hospital_details",
        data={
            "csrf_token": form_token(client, f"{form}/hospital_details"),
            "hospital_name": "Broomfield Hospital",
            "hospital_ward": "Baddow Ward",
            "discharge_date-day": str(day.day),
            "discharge_date-month": str(day.month),
            "discharge_date-year": str(day.year),
        },
    )
    assert again.status_code == 200
    assert "The date must be today or in the future" in again.get_data(as_text=True)


def test_a_form_with_an_answer_that_fails_its_check_is_not_sent(app):
    client, form = _filled(app)
    csrf = form_token(client, f"{form}/declaration")
    _change_draft(app, person_nhs_number="9434765918")
    response = client.post(f"{form}/declaration", data={"csrf_token": csrf, "confirm": "yes"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{form}/person_nhs_number")
    with app.app_context():
        assert db.session.scalars(select(Submission)).first() is None


def test_continue_on_a_list_checks_the_items_already_added(app):
    client, form = _filled(app)
    first, *rest = example("care-technology-request")["responders"]
    _change_draft(app, responders=[{**first, "has_key": "perhaps"}, *rest])
    page = f"{form}/responders"
    response = client.post(
        page, data={"csrf_token": form_token(client, page), "action": "continue"}
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Select one of the options" in html
    assert 'href="#responders-has_key"' in html


def test_a_control_character_typed_into_a_box_is_not_shown_back(app):
    client = app.test_client()
    at_check = walk(
        client,
        app.extensions["frontdoor.journeys"]["carers-assessment"],
        example("carers-assessment"),
        submit=False,
    )
    page = f"{draft_base(at_check.request.path)}/your_name"
    # The client checks the page is valid HTML: an escape character in it would not be.
    response = client.post(
        page,
        data={"csrf_token": form_token(client, page), "first_name": "\x1b", "last_name": "Example"},
    )
    assert response.status_code == 200
    assert "Enter your first name" in response.get_data(as_text=True)
