"""A draft's pages carry its reference: several drafts open at once in one browser, and no
other browser can open one, or tell that it exists, without its code."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.data import db
from portal.data.journeys import Draft, Submission
from portal.data.work import SubmissionEvent
from tests.journey_walker import (
    draft_base,
    example,
    form_token,
    reference_in,
    start_draft,
    token,
    walk,
)
from tests.signed_in import sign_in_set_up

CONTACT = "/forms/contact-form"
TECH = "/forms/care-technology-request"
# A reference that is well formed (its check character is right) and belongs to no draft.
NOBODYS = "saf-2222-2222"


def journey(app, journey_id):
    return app.extensions["frontdoor.journeys"][journey_id]


def at_check(app, client, journey_id, answers) -> str:
    """Fill in a new draft up to check answers in this browser; returns its address."""
    check = walk(client, journey(app, journey_id), answers, submit=False)
    return draft_base(check.request.path)


def send(client, form: str):
    csrf = form_token(client, f"{form}/declaration")
    return client.post(f"{form}/declaration", data={"csrf_token": csrf, "confirm": "yes"})


def same_but_for(html: str, address: str) -> str:
    return re.sub(r'nonce="[^"]+"', 'nonce=""', html.replace(address, "ADDRESS"))


def rows(app, model) -> list:
    with app.app_context():
        return list(db.session.scalars(select(model)))


def test_one_browser_holds_two_safeguarding_drafts_each_with_its_own_answers(app):
    client = app.test_client()
    first_answers = example("safeguarding-alert")
    second_answers = {**first_answers, "adult_first_name": "Vera", "what_happened": "Bruises."}
    first = at_check(app, client, "safeguarding-alert", first_answers)
    second = at_check(app, client, "safeguarding-alert", second_answers)
    assert first != second

    first_check = client.get(f"{first}/check").get_data(as_text=True)
    second_check = client.get(f"{second}/check").get_data(as_text=True)
    assert "Ron" in first_check and "Vera" not in first_check
    assert "Vera" in second_check and "Ron" not in second_check

    assert send(client, first).headers["Location"].endswith(f"{first}/sent")
    # The second is still open after the first is sent, and can be sent too.
    assert client.get(f"{second}/check").status_code == 200
    assert send(client, second).headers["Location"].endswith(f"{second}/sent")
    sent = {row.reference: row.answers for row in rows(app, Submission)}
    assert sent[reference_in(first)]["adult_first_name"] == "Ron"
    assert sent[reference_in(second)]["adult_first_name"] == "Vera"
    assert sent[reference_in(second)]["what_happened"] == "Bruises."
    assert rows(app, Draft) == []


def test_another_browser_gets_not_found_for_every_page_of_a_draft_and_sees_none_of_it(app):
    owner = app.test_client()
    form = at_check(app, owner, "safeguarding-alert", example("safeguarding-alert"))
    stranger = app.test_client()
    csrf = form_token(stranger, CONTACT)
    nobodys = form.replace(form.rsplit("/", 1)[-1], NOBODYS)
    for address in (form, nobodys):
        for page in ("immediate_danger", "check", "declaration", "save", "stop/emergency"):
            response = stranger.get(f"{address}/{page}")
            assert response.status_code == 404, (address, page)
            body = response.get_data(as_text=True)
            assert "Ron" not in body and reference_in(form) not in body
        posted = stranger.post(
            f"{address}/declaration", data={"csrf_token": csrf, "confirm": "yes"}
        )
        assert posted.status_code == 404
        answered = stranger.post(
            f"{address}/immediate_danger", data={"csrf_token": csrf, "immediate_danger": "yes"}
        )
        assert answered.status_code == 404
    # An existing draft and a made-up reference look the same from outside (but for the
    # address itself, which the page's links repeat, and each page's own script nonce).
    real = stranger.get(f"{form}/check").get_data(as_text=True)
    made_up = stranger.get(f"{nobodys}/check").get_data(as_text=True)
    assert same_but_for(real, form) == same_but_for(made_up, nobodys)
    assert rows(app, Submission) == []
    [draft] = rows(app, Draft)
    assert draft.answers["immediate_danger"] == "no"


def test_a_sent_form_is_only_shown_in_the_browser_that_sent_it(app):
    client = app.test_client()
    form = at_check(app, client, "care-technology-request", example("care-technology-request"))
    send(client, form)
    for page in ("sent", "copy"):
        assert client.get(f"{form}/{page}").status_code == 200
        assert app.test_client().get(f"{form}/{page}").status_code == 404
    # Its question pages now lead to the confirmation, in this browser only.
    assert client.get(f"{form}/check").headers["Location"].endswith(f"{form}/sent")
    assert app.test_client().get(f"{form}/check").status_code == 404


def test_the_start_page_lists_this_browsers_unfinished_forms_to_carry_on(app):
    client = app.test_client()
    _, first = start_draft(client, CONTACT)
    _, second = start_draft(client, CONTACT)
    _, other_journey = start_draft(client, TECH)
    html = client.get(CONTACT).get_data(as_text=True)
    assert "Forms you have started" in html and "Start a new form" in html
    for form in (first, second):
        assert reference_in(form) in html and f'href="{form}/check"' in html
    assert reference_in(other_journey) not in html
    # Carrying on goes to the first question it needs.
    assert client.get(f"{first}/check").headers["Location"].endswith(f"{first}/immediate_danger")
    fresh = app.test_client().get(CONTACT).get_data(as_text=True)
    assert "Forms you have started" not in fresh and "Start now" in fresh
    assert reference_in(first) not in fresh


def test_the_start_page_lists_a_sent_form_no_longer(app):
    client = app.test_client()
    form = at_check(app, client, "care-technology-request", example("care-technology-request"))
    assert reference_in(form) in client.get(TECH).get_data(as_text=True)
    send(client, form)
    html = client.get(TECH).get_data(as_text=True)
    assert reference_in(form) not in html and "Start now" in html


def test_coming_back_with_the_code_opens_the_draft_in_the_new_browser(app):
    first_device = app.test_client()
    csrf, form = start_draft(first_device, TECH)
    first_device.post(f"{form}/postcode", data={"csrf_token": csrf, "postcode": "CM1 1QH"})
    saved = first_device.get(f"{form}/save").get_data(as_text=True)
    code = re.search(r'app-code" dir="ltr">([A-Z0-9]{4}-[A-Z0-9]{4})<', saved).group(1)

    other_device = app.test_client()
    assert other_device.get(f"{form}/who_is_asking").status_code == 404
    page = other_device.get("/forms/resume").get_data(as_text=True)
    resumed = other_device.post(
        "/forms/resume",
        data={"csrf_token": token(page), "reference": reference_in(form), "code": code},
    )
    assert resumed.headers["Location"].endswith(f"{form}/who_is_asking")
    assert other_device.get(f"{form}/who_is_asking").status_code == 200
    assert reference_in(form) in other_device.get(TECH).get_data(as_text=True)


def test_a_drafts_address_may_be_typed_in_capitals(app):
    client = app.test_client()
    _, form = start_draft(client, TECH)
    slug, reference = form.rsplit("/", 1)
    assert reference == reference.lower()
    assert client.get(f"{slug}/{reference.upper()}/postcode").status_code == 200


def test_a_residents_draft_and_submission_name_the_door_and_nobody(app):
    client = app.test_client()
    form = at_check(app, client, "care-technology-request", example("care-technology-request"))
    [draft] = rows(app, Draft)
    assert (draft.channel, draft.created_by) == ("self-service", None)
    send(client, form)
    [submission] = rows(app, Submission)
    assert (submission.channel, submission.submitted_by) == ("self-service", None)
    [event] = rows(app, SubmissionEvent)
    assert (event.kind, event.actor) == ("submitted", "self-service")


def test_a_signed_in_member_of_staff_is_named_as_creator_and_sender(app, monkeypatch):
    sign_in_set_up(monkeypatch, app, "call-handler-3")
    client = app.test_client()
    form = at_check(app, client, "safeguarding-alert", example("safeguarding-alert"))
    [draft] = rows(app, Draft)
    assert draft.created_by == "call-handler-3"
    send(client, form)
    [submission] = rows(app, Submission)
    assert submission.submitted_by == "call-handler-3"
    [event] = rows(app, SubmissionEvent)
    assert event.actor == "call-handler-3"


def test_a_form_open_in_a_session_from_before_the_change_is_still_open(app):
    """The session once held one draft per journey; it is carried over, not lost."""
    client = app.test_client()
    _, form = start_draft(client, TECH)
    with app.app_context():
        draft = db.session.scalar(select(Draft))
        old_entry = {"draft": draft.id, "reference": draft.reference}
    with client.session_transaction() as session:
        session.clear()
        session["journeys"] = {"care-technology-request": old_entry}
    assert client.get(f"{form}/postcode").status_code == 200
    with client.session_transaction() as session:
        assert "journeys" not in session
