"""The three journeys, end to end through the portal, as a resident or caller uses them."""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.data import db
from portal.data.database import utcnow
from portal.data.journeys import Draft, OutboxMessage, Submission
from portal.journeys import drafts, references
from portal.journeys.drafts import purge_expired
from portal.journeys_web import saving
from portal.routing.clock import LONDON
from tests.journey_walker import (
    JOURNEYS,
    draft_base,
    example,
    form_token,
    start_draft,
    token,
    walk,
)

TECH = "/forms/care-technology-request"
CONTACT = "/forms/contact-form"


def journey(app, journey_id):
    return app.extensions["frontdoor.journeys"][journey_id]


def submissions(app) -> list[Submission]:
    with app.app_context():
        return list(db.session.scalars(select(Submission)))


def outbox(app) -> list[OutboxMessage]:
    with app.app_context():
        return list(db.session.scalars(select(OutboxMessage)))


def started(client, path=TECH) -> tuple[str, str]:
    """Start a journey; returns the CSRF token to post pages with and the draft's address."""
    return start_draft(client, path)


def at_check(app, answers: dict | None = None) -> tuple:
    """A client that has filled in the care technology form up to check answers, and the
    address of its draft."""
    client = app.test_client()
    if answers is None:
        answers = example("care-technology-request")
    check = walk(client, journey(app, "care-technology-request"), answers, submit=False)
    return client, draft_base(check.request.path)


def saved_codes(html: str) -> tuple[str, str]:
    """The reference and the code shown on a care technology form's save page."""
    reference = re.search(r'app-code" dir="ltr">(TEC-[A-Z0-9-]+)<', html).group(1)
    code = re.search(r'app-code" dir="ltr">([A-Z0-9]{4}-[A-Z0-9]{4})<', html).group(1)
    return reference, code


def post(client, path, csrf, **data):
    return client.post(path, data={"csrf_token": csrf, **data})


@pytest.mark.database
@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_each_journey_can_be_completed_and_lands_in_a_queue(db_app, journey_id):
    client = db_app.test_client()
    sent = walk(client, journey(db_app, journey_id), example(journey_id))
    html = sent.get_data(as_text=True)
    reference = re.search(r"<strong>([A-Z]{3}-[A-Z0-9]{4}-[A-Z0-9]{4})</strong>", html).group(1)
    assert references.is_valid(reference)
    assert "What happens next" in html
    [row] = submissions(db_app)
    due = row.due_at.astimezone(LONDON)
    if row.priority == "urgent" and journey_id == "safeguarding-alert":
        # An urgent alert is told to phone now, never given a time that may fall at a weekend.
        assert "Call us now" in html and "will look at your report by" not in html
    else:
        assert f"{due:%A} {due.day} {due:%B %Y}" in html  # "Tuesday 24 November 2026"
    assert (row.reference, row.journey_id, row.locale, row.channel) == (
        reference,
        journey_id,
        "en",
        "self-service",
    )
    assert row.queue and row.priority and row.due_at is not None and row.district
    assert row.routing["queue"] == row.queue
    with db_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


@pytest.mark.database
def test_the_acknowledgement_is_queued_with_the_reference_only(db_app):
    client = db_app.test_client()
    walk(client, journey(db_app, "care-technology-request"), example("care-technology-request"))
    [message] = outbox(db_app)
    [row] = submissions(db_app)
    assert (message.purpose, message.recipient, message.status) == (
        "acknowledgement",
        "sam@example.com",
        "pending",
    )
    assert message.personalisation == {"reference": row.reference}


def test_no_acknowledgement_without_consent_to_email(app):
    answers = {**example("care-technology-request"), "contact_ok": "no"}
    walk(app.test_client(), journey(app, "care-technology-request"), answers)
    assert outbox(app) == []
    assert "email" not in submissions(app)[0].answers


def test_the_submission_stores_answer_codes_and_its_language(app):
    walk(
        app.test_client(),
        journey(app, "carers-assessment"),
        example("carers-assessment"),
        prefix="/pl",
    )
    [row] = submissions(app)
    assert row.locale == "pl"
    assert row.answers["carry_on"] == "yes-with-help"  # a code, readable in English by staff
    assert row.answers["caring_tasks"] == ["personal-care", "meals", "medication", "nights"]
    assert any(flag["id"] == "possible-eligible-need-e" for flag in row.flags)


def test_sending_twice_gives_one_submission_and_the_same_reference(app):
    client, form = at_check(app)
    csrf = form_token(client, f"{form}/declaration")
    first = post(client, f"{form}/declaration", csrf, confirm="yes")
    second = post(client, f"{form}/declaration", csrf, confirm="yes")  # double click
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"].endswith("/sent")
    back_and_again = post(client, f"{form}/declaration", csrf, confirm="yes")
    assert back_and_again.headers["Location"].endswith("/sent")
    assert len(submissions(app)) == 1
    assert len(outbox(app)) == 1


def test_the_declaration_must_be_ticked(app):
    client, form = at_check(app)
    csrf = form_token(client, f"{form}/declaration")
    html = post(client, f"{form}/declaration", csrf).get_data(as_text=True)
    assert "<title>Error:" in html and 'href="#confirm"' in html
    assert submissions(app) == []


def test_pages_off_the_path_cannot_be_reached_by_typing_their_address(app):
    client = app.test_client()
    csrf, form = started(client)
    response = client.get(f"{form}/hospital_details")
    assert response.status_code == 302 and response.headers["Location"].endswith("/postcode")
    post(client, f"{form}/postcode", csrf, postcode="CM1 1QH")
    # CM1 is wholly in Chelmsford, so the council question is not on the path.
    assert client.get(f"{form}/council_area").headers["Location"].endswith("/who_is_asking")


def test_answers_on_an_abandoned_branch_are_not_sent(app):
    client, form = at_check(app)
    csrf = form_token(client, f"{form}/in_hospital?change=1")
    changed = post(client, f"{form}/in_hospital?change=1", csrf, in_hospital="no")
    assert changed.headers["Location"].endswith("/check")
    check = client.get(f"{form}/check").get_data(as_text=True)
    assert "Broomfield Hospital" not in check
    post(client, f"{form}/declaration", csrf, confirm="yes")
    [row] = submissions(app)
    assert "hospital_name" not in row.answers and row.answers["in_hospital"] == "no"
    assert row.priority == "urgent"  # the fall still counts; the discharge no longer does


def test_check_answers_has_change_links_that_come_back(app):
    client = app.test_client()
    check = walk(
        client,
        journey(app, "care-technology-request"),
        example("care-technology-request"),
        submit=False,
    )
    html = check.get_data(as_text=True)
    form = draft_base(check.request.path)
    assert form.startswith("/forms/care-technology-request/tec-")
    assert f'href="{form}/housing?change=1"' in html
    assert '<span class="govuk-visually-hidden"> What kind of home do they live in?' in html
    assert "Responder 1" in html and "Responder 2" in html  # one card per person
    csrf = form_token(client, f"{form}/housing?change=1")
    response = post(client, f"{form}/housing?change=1", csrf, housing="sheltered")
    assert response.headers["Location"].endswith("/check")
    assert "Sheltered housing" in client.get(f"{form}/check").get_data(as_text=True)


def test_a_change_that_opens_new_questions_asks_them_before_check_answers(app):
    answers = {**example("care-technology-request"), "fallen_recently": "no"}
    answers.pop("fall_could_not_get_up")
    client, form = at_check(app, answers)
    csrf = form_token(client, f"{form}/fallen_recently?change=1")
    response = post(client, f"{form}/fallen_recently?change=1", csrf, fallen_recently="yes")
    assert response.headers["Location"].endswith("/fall_could_not_get_up")


def test_an_address_in_southend_is_redirected_before_the_form_goes_on(app):
    client = app.test_client()
    csrf, form = started(client)
    response = post(client, f"{form}/postcode", csrf, postcode="SS1 1AA")
    assert response.headers["Location"].endswith("/stop/out-of-area")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Southend-on-Sea City Council" in html and 'href="tel:01702215008"' in html
    # The form cannot go on past the stop.
    assert client.get(f"{form}/who_is_asking").headers["Location"].endswith("/stop/out-of-area")


def test_a_shared_postcode_asks_which_council_and_thurrock_is_redirected(app):
    client = app.test_client()
    csrf, form = started(client)
    response = post(client, f"{form}/postcode", csrf, postcode="RM14 2AA")
    assert response.headers["Location"].endswith("/council_area")
    html = client.get(f"{form}/council_area").get_data(as_text=True)
    for option in ("Thurrock", "Brentwood", "Somewhere outside Essex", "I'm not sure"):
        assert option in html
    response = post(client, f"{form}/council_area", csrf, council_area="thurrock")
    assert response.headers["Location"].endswith("/stop/out-of-area")
    assert 'href="tel:01375511000"' in client.get(response.headers["Location"]).get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("page", "answer", "stop", "shows"),
    [
        ("immediate_danger", {"immediate_danger": "yes"}, "emergency", 'href="tel:999"'),
        ("about_child", {"about_child": "yes"}, "child", 'href="tel:03456037627"'),
        ("dols_request", {"dols_request": "yes"}, "dols", "Deprivation of Liberty"),
    ],
)
def test_the_safeguarding_safety_gate_stops_and_signposts(app, page, answer, stop, shows):
    client = app.test_client()
    csrf, form = started(client, CONTACT)
    for step in ("immediate_danger", "about_child", "dols_request"):
        if step == page:
            break
        post(client, f"{form}/{step}", csrf, **{step: "no"})
    response = post(client, f"{form}/{page}", csrf, **answer)
    assert response.headers["Location"].endswith(f"/stop/{stop}")
    assert shows in client.get(response.headers["Location"]).get_data(as_text=True)


def test_safeguarding_pages_are_sensitive(app):
    client = app.test_client()
    _, form = started(client, CONTACT)
    response = client.get(f"{form}/immediate_danger")
    html = response.get_data(as_text=True)
    assert response.headers["Cache-Control"].startswith("no-store")
    assert 'data-module="govuk-exit-this-page"' in html
    assert "<title>Contact form" in html  # neutral: nothing about abuse in history or tabs


def test_a_carer_in_crisis_is_told_to_call_now(app):
    client = app.test_client()
    base = "/forms/carers-assessment"
    csrf, form = started(client, base)
    response = post(client, f"{form}/in_crisis", csrf, in_crisis="yes")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Get help now" in html and 'href="tel:03456037630"' in html
    assert 'href="tel:03456061212"' in html


def test_the_carers_task_list_shows_each_sections_status(app):
    client = app.test_client()
    base = "/forms/carers-assessment"
    csrf, form = started(client, base)
    post(client, f"{form}/in_crisis", csrf, in_crisis="no")
    post(client, f"{form}/filling_in", csrf, filling_in="carer")
    post(client, f"{form}/carer_age", csrf, carer_age="yes")
    post(client, f"{form}/cared_for_age", csrf, cared_for_age="adult")
    post(client, f"{form}/postcode", csrf, postcode="CO4 3SQ")
    html = client.get(f"{form}/tasks").get_data(as_text=True)
    assert html.count("Not started") == 10
    post(client, f"{form}/cared_for_name", csrf, cared_for_name="Maria")
    html = client.get(f"{form}/tasks").get_data(as_text=True)
    assert "In progress" in html
    assert "Check your answers" not in html  # not until every section is complete


def test_bad_input_gets_a_specific_message_and_keeps_the_other_answers(app):
    client = app.test_client()
    csrf, form = started(client)
    for page, field, value in (
        ("postcode", "postcode", "CM1 1QH"),
        ("who_is_asking", "who_is_asking", "family-or-friend"),
        ("known_to_asc", "known_to_asc", "no"),
    ):
        post(client, f"{form}/{page}", csrf, **{field: value})
    response = post(
        client,
        f"{form}/person_name",
        csrf,
        person_first_name="Joan",
        person_last_name="Example",
        **{
            "person_date_of_birth-day": "31",
            "person_date_of_birth-month": "2",
            "person_date_of_birth-year": "1941",
        },
    )
    html = response.get_data(as_text=True)
    assert "<title>Error:" in html
    assert 'href="#person_date_of_birth-day">The date must be a real date' in html
    assert 'value="Joan"' in html and 'value="Example"' in html and 'value="31"' in html


@pytest.mark.parametrize(
    ("page", "data", "message"),
    [
        ("postcode", {"postcode": "not a postcode"}, "Enter a real postcode"),
        ("postcode", {"postcode": ""}, "Enter the postcode of the person"),
        ("person_nhs_number", {"person_nhs_number": "943 476 5918"}, "Enter a real NHS number"),
        ("person_phone", {"person_phone": "12"}, "Enter a UK phone number"),
        ("email", {"email": "sam@"}, "Enter an email address in the correct format"),
        ("needs", {"needs": "unicorns"}, "Select one of the options"),
        ("devices", {"devices": ["pendant-alarm", "not-sure"]}, "not both"),
        ("needs_detail", {"needs_detail": "x" * 1201}, "1,200 characters or fewer"),
        (
            "hospital_details",
            {
                "hospital_name": "B",
                "hospital_ward": "W",
                "discharge_date-day": "1",
                "discharge_date-month": "1",
                "discharge_date-year": "2020",
            },
            "today or in the future",
        ),
        (
            "hospital_details",
            {
                "hospital_name": "B",
                "hospital_ward": "W",
                "discharge_date-day": "1",
                "discharge_date-unknown": "yes",
            },
            "not both",
        ),
        (
            "person_address",
            {
                "person_address-line_1": "",
                "person_address-town": "Maldon",
                "person_address-postcode": "CM9 5DL",
            },
            "first line of the address",
        ),
    ],
)
def test_every_answer_type_refuses_bad_input_with_a_specific_message(app, page, data, message):
    client, form = at_check(app)
    path = f"{form}/{page}?change=1"
    csrf = form_token(client, path)
    response = client.post(path, data={"csrf_token": csrf, **data})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_a_cqc_location_id_must_look_like_one(app):
    client = app.test_client()
    csrf, form = started(client, CONTACT)
    safety = (
        ("immediate_danger", "no"),
        ("about_child", "no"),
        ("dols_request", "no"),
        ("adult_safe_now", "yes"),
    )
    for step, value in safety:
        post(client, f"{form}/{step}", csrf, **{step: value})
    post(client, f"{form}/postcode", csrf, postcode="CM1 1QH")
    post(client, f"{form}/reporter_type", csrf, reporter_type="provider")
    post(
        client,
        f"{form}/reporter_details",
        csrf,
        reporter_name="A B",
        reporter_phone="01245 000 000",
    )
    post(
        client,
        f"{form}/organisation_details",
        csrf,
        organisation_name="Home",
        reporter_role="Manager",
        reporter_email="a@example.com",
    )
    bad = post(
        client,
        f"{form}/provider_details",
        csrf,
        setting_type="care-home",
        cqc_location_id="123456789",
    )
    assert "Enter a CQC location ID in the correct format" in bad.get_data(as_text=True)
    good = post(
        client,
        f"{form}/provider_details",
        csrf,
        setting_type="care-home",
        cqc_location_id="1-123456789",
    )
    assert good.status_code == 303


def test_responders_can_be_added_and_removed(app):
    client, form = at_check(app)
    path = f"{form}/responders?change=1"
    csrf = form_token(client, path)
    post(client, path, csrf, action="remove-0")
    html = client.get(path).get_data(as_text=True)
    assert "Sam Example" not in html and "Pat Neighbour" in html
    missing = post(client, path, csrf, action="add", **{"responders-name": "Kim"})
    assert "Enter the responder" in missing.get_data(as_text=True)
    assert 'value="Kim"' in missing.get_data(as_text=True)
    # With fewer than two responders, the mobile responder question is now on the path.
    response = post(client, path, csrf, action="continue")
    assert response.headers["Location"].endswith("/mobile_responder")


def test_save_and_come_back_on_another_device(app):
    first_device = app.test_client()
    csrf, form = started(first_device)
    post(first_device, f"{form}/postcode", csrf, postcode="CM1 1QH")
    reference, code = saved_codes(first_device.get(f"{form}/save").get_data(as_text=True))

    other_device = app.test_client()
    form = other_device.get("/forms/resume").get_data(as_text=True)
    wrong = other_device.post(
        "/forms/resume",
        data={"csrf_token": token(form), "reference": reference, "code": "AAAA-AAAA"},
    )
    assert "We could not find a saved form" in wrong.get_data(as_text=True)
    resumed = other_device.post(
        "/forms/resume",
        data={"csrf_token": token(form), "reference": reference.lower(), "code": code.lower()},
    )
    assert resumed.headers["Location"].endswith("/who_is_asking")  # where they left off


def test_showing_the_save_page_again_replaces_the_code(app):
    client = app.test_client()
    _, form = started(client)
    reference, code = saved_codes(client.get(f"{form}/save").get_data(as_text=True))
    client.get(f"{form}/save")
    response = app.test_client().get(f"/forms/resume/{reference}/{code}")
    assert "This link has expired or is not right" in response.get_data(as_text=True)


def test_a_resume_link_can_be_emailed(app):
    client = app.test_client()
    _, form = started(client)
    page = client.get(f"{form}/save").get_data(as_text=True)
    client.post(f"{form}/save", data={"csrf_token": token(page), "email": "me@example.com"})
    [message] = outbox(app)
    assert message.purpose == "resume-link" and message.recipient == "me@example.com"
    link = message.personalisation["link"]
    assert set(message.personalisation) == {"reference", "link"}
    response = app.test_client().get(link.removeprefix("http://localhost"))
    assert response.status_code == 303


@pytest.mark.database
def test_asking_for_the_link_again_sends_a_new_one_each_time(db_app):
    client = db_app.test_client()
    _, form = started(client)
    page = client.get(f"{form}/save").get_data(as_text=True)
    shown = []
    for address in ("me@example.com", "me@example.org", "me@example.net"):
        response = client.post(f"{form}/save", data={"csrf_token": token(page), "email": address})
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        shown.append(page)
    assert "We will email you a link to your form" in shown[0]
    for again in shown[1:]:
        assert "We will email you a new link to your form" in again
        assert "links in earlier emails have stopped working" in again
    messages = sorted(outbox(db_app), key=lambda message: message.id)
    assert [message.purpose for message in messages] == ["resume-link"] * 3
    # Only the newest is sent: the older links no longer work, and their addresses are dropped.
    assert [(m.status, m.recipient) for m in messages] == [
        ("replaced", None),
        ("replaced", None),
        ("pending", "me@example.net"),
    ]
    newest = messages[-1].personalisation["link"].removeprefix("http://localhost")
    assert db_app.test_client().get(newest).status_code == 303
    oldest = messages[0].personalisation["link"].removeprefix("http://localhost")
    assert "This link has expired" in db_app.test_client().get(oldest).get_data(as_text=True)


def test_a_form_cannot_be_used_to_send_links_without_end(app):
    client = app.test_client()
    _, form = started(client)
    page = client.get(f"{form}/save").get_data(as_text=True)
    for _ in range(saving.LINKS_PER_FORM_PER_DAY):
        page = client.post(
            f"{form}/save", data={"csrf_token": token(page), "email": "me@example.com"}
        ).get_data(as_text=True)
    refused = client.post(
        f"{form}/save", data={"csrf_token": token(page), "email": "me@example.com"}
    )
    assert refused.status_code == 200
    html = refused.get_data(as_text=True)
    assert "You have asked for this link too many times" in html
    assert "There is a problem" in html
    assert len(outbox(app)) == saving.LINKS_PER_FORM_PER_DAY


def test_the_safeguarding_form_never_offers_an_emailed_link(app):
    client = app.test_client()
    _, form = started(client, CONTACT)
    page = client.get(f"{form}/save").get_data(as_text=True)
    assert 'name="email"' not in page


def test_guessing_codes_locks_the_draft(app):
    client = app.test_client()
    _, form = started(client)
    reference, code = saved_codes(client.get(f"{form}/save").get_data(as_text=True))
    with app.app_context():
        for _ in range(drafts.MAX_FAILED_RESUMES):
            assert drafts.resume(reference, "AAAA-AAAA") is None
        assert drafts.resume(reference, code) is None  # even the right code, now


def test_a_session_that_times_out_keeps_the_saved_answers(app):
    client = app.test_client()
    csrf, form = started(client)
    post(client, f"{form}/postcode", csrf, postcode="CM1 1QH")
    with client.session_transaction() as session:
        session["last_seen"] = int(time.time()) - 61 * 60
    response = client.get(f"{form}/who_is_asking")
    assert response.headers["Location"].endswith("/forms/session-ended")
    ended = client.get("/forms/session-ended").get_data(as_text=True)
    assert "have not been lost" in ended
    with app.app_context():
        [draft] = db.session.scalars(select(Draft)).all()
        assert draft.answers["postcode"] == "CM1 1QH"


def test_journey_pages_carry_the_timeout_warning(app):
    client = app.test_client()
    _, form = started(client)
    html = client.get(f"{form}/postcode").get_data(as_text=True)
    assert 'data-module="app-timeout-warning"' in html and 'data-timeout="3600"' in html
    assert '<meta name="csrf-token"' in html


def test_keep_alive_needs_the_csrf_token(app):
    client = app.test_client()
    csrf, _form = started(client)
    assert client.post("/forms/keep-alive").status_code == 400
    assert client.post("/forms/keep-alive", headers={"X-CSRFToken": csrf}).status_code == 200


def test_expired_drafts_are_deleted(app):
    client = app.test_client()
    started(client)
    started(app.test_client())
    with app.app_context():
        draft = db.session.scalars(select(Draft)).first()
        draft.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        assert purge_expired() == 1
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 1


def test_a_posted_page_without_a_token_is_shown_again_with_the_answers(app):
    client = app.test_client()
    _, form = started(client)
    response = client.post(f"{form}/postcode", data={"postcode": "CM1 1QH"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Your session timed out" in html and 'value="CM1 1QH"' in html


def test_the_confirmation_offers_a_copy_and_the_carers_route(app):
    client = app.test_client()
    sent = walk(client, journey(app, "care-technology-request"), example("care-technology-request"))
    form = draft_base(sent.request.path)
    html = client.get(f"{form}/sent").get_data(as_text=True)
    # The offer is the journey file's (confirmation_offers), escaped like all journey text.
    assert '<a class="govuk-link" href="/forms/carers-assessment">Start a carer&#39;s' in html
    copy = client.get(f"{form}/copy").get_data(as_text=True)
    assert "Joan" in copy and "Broomfield Hospital" in copy
    text = client.get(f"{form}/copy?format=text")
    assert text.mimetype == "text/plain" and "attachment" in text.headers["Content-Disposition"]
    body = text.get_data(as_text=True)
    assert "Reference: TEC-" in body
    # An answer of several lines keeps them apart: an address, one line each.
    assert "- What is their address?:\n    1 Sample Road\n    Maldon\n    CM3 5AB\n" in body
    # Another browser cannot see the copy, nor tell that there is one.
    assert app.test_client().get(f"{form}/copy").status_code == 404


def test_the_carers_offer_on_the_confirmation_is_in_the_readers_language(app):
    client = app.test_client()
    answers = example("care-technology-request")
    sent = walk(client, journey(app, "care-technology-request"), answers, prefix="/pl")
    html = client.get(f"{draft_base(sent.request.path)}/sent").get_data(as_text=True)
    assert "Z Twoich odpowiedzi wynika, że opiekujesz się inną osobą." in html
    assert 'href="/pl/forms/carers-assessment">Rozpocznij samoocenę potrzeb opiekuna</a>' in html


@pytest.mark.database
def test_two_tabs_sending_at_the_same_moment_make_one_submission(db_app):
    client, form = at_check(db_app)
    csrf = form_token(client, f"{form}/declaration")
    cookie = client.get_cookie("frontdoor_session").value
    results = []

    def send():
        tab = db_app.test_client()
        tab.set_cookie("frontdoor_session", cookie)
        response = tab.post(f"{form}/declaration", data={"csrf_token": csrf, "confirm": "yes"})
        results.append(response.status_code)

    tabs = [threading.Thread(target=send) for _ in range(4)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()
    assert len(submissions(db_app)) == 1
    assert len(outbox(db_app)) == 1
    assert all(status == 303 for status in results), results


def test_fewer_than_two_responders_and_no_mobile_responder_stops_the_request(app):
    client = app.test_client()
    answers = {**example("care-technology-request"), "responders": [], "mobile_responder": "no"}
    stopped = walk(client, journey(app, "care-technology-request"), answers)
    assert stopped.request.path.endswith("/stop/responders-needed")
    assert "Someone needs to be able to respond" in stopped.get_data(as_text=True)
    assert submissions(app) == []


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_routing_preview_prints_the_decision_for_each_example(app, journey_id):
    result = app.test_cli_runner().invoke(
        args=[
            "routing-preview",
            journey_id,
            f"forms/examples/{journey_id}.json",
            "--received",
            "2026-11-23T10:00:00+00:00",
        ]
    )
    assert result.exit_code == 0, result.output
    decision = json.loads(result.output[result.output.index("{") :])
    for key in ("queue", "locality", "district", "priority", "due_at", "out_of_area", "reasons"):
        assert key in decision
    assert decision["queue"] and decision["due_at"].endswith("+00:00")


def test_routing_preview_explains_bad_input(app, tmp_path):
    bad = tmp_path / "answers.json"
    bad.write_text("[1, 2]")
    runner = app.test_cli_runner()
    assert (
        "must be a JSON object"
        in runner.invoke(args=["routing-preview", "carers-assessment", str(bad)]).output
    )
    assert "Unknown journey" in runner.invoke(args=["routing-preview", "nope", str(bad)]).output
