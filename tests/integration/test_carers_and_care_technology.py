"""The carer's and care technology forms: who may agree, who is told, and what the person reads.

Each test fills a form in through the portal from its example, changed where the test says, and
looks at what the resident sees and what staff receive.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import Submission
from portal.journeys.schema import FORMS_DIR, NextStep, load_journey
from portal.journeys.text import journey_texts
from tests.journey_walker import EXAMPLES, draft_base, example, form_token, start_draft, walk

FIXTURES = EXAMPLES.parent.parent / "tests" / "fixtures"
CARERS = "/forms/carers-assessment"
WORKER_TOLD = "We will tell them about this request."
BEST_INTERESTS = "we will decide what is in their best interests"


def journey(app, journey_id):
    return app.extensions["frontdoor.journeys"][journey_id]


def send(app, journey_id, **changes):
    """Fill in and send a journey; returns the confirmation page's HTML and the submission."""
    answers = {**example(journey_id), **changes}
    sent = walk(app.test_client(), journey(app, journey_id), answers)
    assert sent.request.path.endswith("/sent"), sent.request.path
    with app.app_context():
        [row] = db.session.scalars(select(Submission))
        db.session.expunge(row)
    return sent.get_data(as_text=True), row


def flags(row) -> list[str]:
    return [flag["id"] for flag in row.flags]


# ---- already known to adult social care ---------------------------------------------------


def test_care_technology_with_an_allocated_worker_stays_and_the_worker_is_told(app):
    html, row = send(app, "care-technology-request", known_to_asc="yes-with-worker")
    assert row.queue == "care-technology"  # not the Countywide Duty Team (L421)
    assert "has-allocated-worker" in flags(row)
    assert "social worker or care manager. " + WORKER_TOLD in html


def test_care_technology_known_without_a_worker_goes_to_the_duty_team(app):
    html, row = send(app, "care-technology-request", known_to_asc="yes-no-worker")
    assert row.queue == "ascc-duty"
    assert WORKER_TOLD not in html


def test_the_example_without_a_worker_is_not_told_one_will_hear(app):
    html, _ = send(app, "care-technology-request")
    assert "social worker or care manager" not in html


def test_a_carers_assessment_always_stays_with_the_carers_team(app):
    html, row = send(app, "carers-assessment", known_to_asc="yes-with-worker")
    assert row.queue == "carers"
    assert "has-allocated-worker" in flags(row)
    assert "We will tell them that you have asked for a carer" in html


def test_a_carer_whose_person_is_known_without_a_worker_stays_with_the_carers_team(app):
    html, row = send(app, "carers-assessment", known_to_asc="yes-no-worker")
    assert row.queue == "carers"
    assert "known-to-asc-no-worker" in flags(row)
    assert "We will tell them" not in html


# ---- safe contact for the carer ------------------------------------------------------------


def test_a_carer_says_how_to_contact_them_safely_and_staff_get_the_codes(app):
    _, row = send(
        app,
        "carers-assessment",
        call_times="certain-times",
        call_times_detail="Weekday mornings",
        leave_message="no",
        say_who_is_calling="no",
    )
    assert row.answers["phone"] == "07700 900456"  # the number as staff dial it
    assert (row.answers["call_times"], row.answers["call_times_detail"]) == (
        "certain-times",
        "Weekday mornings",
    )
    assert (row.answers["leave_message"], row.answers["say_who_is_calling"]) == ("no", "no")
    assert {"do-not-leave-a-message", "do-not-say-who-is-calling"} <= set(flags(row))


def test_the_safe_contact_questions_are_asked_in_turn(app):
    client = app.test_client()
    answers = example("carers-assessment")
    walked = walk(client, journey(app, "carers-assessment"), answers, submit=False)
    form = draft_base(walked.request.path)
    check = client.get(f"{form}/check").get_data(as_text=True)
    for question in (
        "What is a safe phone number to call you on?",
        "When is it safe to call you?",
        "Can we leave a message if you do not answer?",
        "If someone else answers, can we say that we are calling from the council?",
    ):
        assert question in check
    path = f"{form}/call_times?change=1"
    response = client.post(
        path,
        data={"csrf_token": form_token(client, path), "call_times": "certain-times"},
    )
    assert response.headers["Location"].endswith("/call_times_detail")


# ---- agreeing to care technology (Mental Capacity Act 2005) -------------------------------


def test_a_relatives_best_interests_view_is_not_offered_as_agreement(app):
    client = app.test_client()
    answers = {
        **example("care-technology-request"),
        "consent_referral": "decided-for-them",
        "decision_maker_name": "Sam Example",
        "decision_maker_role": "lpa",
    }
    walked = walk(client, journey(app, "care-technology-request"), answers, submit=False)
    form = draft_base(walked.request.path)
    page = client.get(f"{form}/decision_maker?change=1").get_data(as_text=True)
    assert "best interests" not in page.lower()
    assert "registered with the Office of the Public Guardian" in page
    refused = client.post(
        f"{form}/decision_maker?change=1",
        data={
            "csrf_token": form_token(client, f"{form}/decision_maker?change=1"),
            "decision_maker_name": "Sam Example",
            "decision_maker_role": "best-interests",
        },
    )
    assert refused.status_code == 200
    assert "Select one of the options" in refused.get_data(as_text=True)


def test_a_person_who_may_lack_capacity_is_recorded_and_told_we_will_assess(app):
    html, row = send(app, "care-technology-request", consent_referral="may-lack-capacity")
    assert row.answers["consent_referral"] == "may-lack-capacity"
    assert "decision_maker_role" not in row.answers
    assert "may-lack-capacity" in flags(row)
    assert "We will check whether they can make this decision. If they cannot, " in html
    assert BEST_INTERESTS in html


def test_the_person_agreeing_is_not_told_about_best_interests(app):
    html, row = send(app, "care-technology-request")
    assert BEST_INTERESTS not in html
    assert flags(row) == []


# ---- the journey files --------------------------------------------------------------------


def test_a_conditional_next_step_is_extracted_for_translation():
    loaded = load_journey(FORMS_DIR / "carers-assessment.yaml")
    steps = (NextStep("Always."), NextStep("Only sometimes.", {"answer": "a", "equals": "b"}))
    texts = journey_texts(replace(loaded, next_steps=steps))
    assert [text.message for text in texts if "what happens next" in text.where] == [
        "Always.",
        "Only sometimes.",
    ]


# ---- the carer: who this form is for -------------------------------------------------------


def start_form(client, base):
    """Start a journey; returns the CSRF token to post its pages with, and the draft's address."""
    return start_draft(client, base)


def answer(client, base, csrf, page, **data):
    return client.post(f"{base}/{page}", data={"csrf_token": csrf, **data})


def test_a_young_carer_is_sent_to_support_for_young_carers(app):
    client = app.test_client()
    csrf, form = start_form(client, CARERS)
    answer(client, form, csrf, "in_crisis", in_crisis="no")
    answer(client, form, csrf, "filling_in", filling_in="carer")
    response = answer(client, form, csrf, "carer_age", carer_age="no")
    assert response.headers["Location"].endswith("/stop/young-carer")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Support for young carers" in html and 'href="tel:03456037627"' in html
    assert client.get(f"{form}/postcode").headers["Location"].endswith("/stop/young-carer")


def test_a_parent_carer_of_a_disabled_child_is_sent_to_children_and_families(app):
    client = app.test_client()
    csrf, form = start_form(client, CARERS)
    answer(client, form, csrf, "in_crisis", in_crisis="no")
    answer(client, form, csrf, "filling_in", filling_in="carer")
    answer(client, form, csrf, "carer_age", carer_age="yes")
    response = answer(client, form, csrf, "cared_for_age", cared_for_age="child")
    assert response.headers["Location"].endswith("/stop/caring-for-a-child")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Children and Families Hub" in html and 'href="tel:03456037627"' in html


@pytest.mark.parametrize(
    ("born", "ends"),
    [("2008-06-15", "/sent"), ("2008-06-16", "/stop/date-of-birth-under-18")],
    ids=["18-today", "18-tomorrow"],
)
def test_a_date_of_birth_under_18_never_passes_silently(app, born, ends):
    with time_machine.travel(datetime(2026, 6, 15, 10, tzinfo=UTC), tick=False):
        answers = {**example("carers-assessment"), "date_of_birth": {"date": born}}
        last = walk(app.test_client(), journey(app, "carers-assessment"), answers)
    assert last.request.path.endswith(ends)
    if "stop" in ends:
        html = last.get_data(as_text=True)
        assert "you told us you are 18 or over" in html and "go back and change it" in html


def test_someone_helping_a_carer_says_who_they_are_and_the_carer_must_agree(app):
    _, row = send(
        app,
        "carers-assessment",
        filling_in="call-handler",
        helper_name="Chris Example",
        helper_organisation="Essex Wellbeing Service",
        helper_relationship="I took their call today",
        carer_agrees="yes",
    )
    assert row.answers["filling_in"] == "call-handler"
    assert row.answers["helper_organisation"] == "Essex Wellbeing Service"
    assert "filled-in-by-a-helper" in flags(row)
    answers = {
        **example("carers-assessment"),
        "filling_in": "family-or-friend",
        "helper_name": "Jo",
        "helper_relationship": "Friend",
        "carer_agrees": "no",
    }
    stopped = walk(app.test_client(), journey(app, "carers-assessment"), answers)
    assert stopped.request.path.endswith("/stop/carer-must-agree")
    assert "Your organisation" not in walk_page(app, answers, "helper_details")


def walk_page(app, answers, page_id):
    """The HTML of one page, shown again after the form is filled in up to it."""
    client = app.test_client()
    walked = walk(client, journey(app, "carers-assessment"), answers)
    form = draft_base(walked.request.path)
    return client.get(f"{form}/{page_id}?change=1").get_data(as_text=True)


def test_work_learning_leisure_and_the_offers_are_the_carers_own_answers(app):
    html, row = send(app, "carers-assessment")
    assert (row.answers["work"], row.answers["learning"]) == ("part-time", "would-like-to")
    assert row.answers["leisure"] == "Swimming again, once a week."
    assert row.answers["emergency_planning_referral"] == "yes"
    assert {"refer-to-emergency-planning", "short-breaks-grant"} <= set(flags(row))
    # The carer is never told whether they are eligible: the council decides that.
    assert "eligib" not in html.lower()


def test_the_carer_is_never_told_about_eligibility_anywhere_in_the_form(app):
    client = app.test_client()
    check = walk(
        client, journey(app, "carers-assessment"), example("carers-assessment"), submit=False
    )
    form = draft_base(check.request.path)
    assert "eligib" not in client.get(f"{form}/check").get_data(as_text=True).lower()
    for page in ("short_breaks_grant", "emergency_planning_referral", "work", "learning"):
        html = client.get(f"{form}/{page}?change=1").get_data(as_text=True)
        assert "eligib" not in html.lower(), page


def test_an_emergency_plan_already_made_is_not_offered_a_referral(app):
    _, row = send(app, "carers-assessment", emergency_plan="yes", short_breaks_grant="no")
    assert "emergency_planning_referral" not in row.answers
    assert not {"refer-to-emergency-planning", "short-breaks-grant"} & set(flags(row))


# ---- care technology: who is asking, needs, devices, responders ----------------------------


def test_a_person_asking_for_themselves_gives_a_way_to_contact_them(app):
    client = app.test_client()
    answers = {
        **example("care-technology-request"),
        "who_is_asking": "myself",
        "contact_method": "email",
        "own_email": "joan@example.com",
    }
    walked = walk(client, journey(app, "care-technology-request"), answers, submit=False)
    form = draft_base(walked.request.path)
    path = f"{form}/own_email?change=1"
    empty = client.post(path, data={"csrf_token": form_token(client, path), "own_email": ""})
    assert "Enter your email address" in empty.get_data(as_text=True)
    _, row = send(app, "care-technology-request", **answers)
    assert (row.answers["contact_method"], row.answers["own_email"]) == (
        "email",
        "joan@example.com",
    )
    assert "person_phone" not in row.answers and "contact_name" not in row.answers


def test_a_prescriber_names_their_team_organisation_and_part_in_the_persons_care(app):
    alternate = json.loads((FIXTURES / "care-technology-request-alternate.json").read_text())
    sent = walk(app.test_client(), journey(app, "care-technology-request"), alternate)
    assert sent.request.path.endswith("/sent")
    with app.app_context():
        [row] = db.session.scalars(select(Submission))
    assert row.answers["who_is_asking"] == "prescriber"
    assert row.answers["prescriber_team"] == "hospital-discharge"
    assert row.answers["professional_relationship"] == "I am planning his discharge"
    assert row.answers["housing"] == "supported-living"
    assert "carer-pager" in row.answers["devices"]
    [responder] = row.answers["responders"]
    assert (responder["has_key"], responder["agrees_to_be_named"]) == ("yes", "no")


def test_the_new_needs_housing_and_devices_are_offered(app):
    client = app.test_client()
    check = walk(
        client,
        journey(app, "care-technology-request"),
        example("care-technology-request"),
        submit=False,
    )
    form = draft_base(check.request.path)
    pages = {
        page: client.get(f"{form}/{page}?change=1").get_data(as_text=True)
        for page in ("needs", "housing", "devices", "responders", "who_is_asking")
    }
    assert 'value="sight-hearing"' in pages["needs"]
    assert 'value="supported-living"' in pages["housing"]
    assert 'value="shared-lives"' in pages["housing"]
    assert 'value="carer-pager"' in pages["devices"]
    assert 'value="activity-monitoring"' in pages["devices"]
    assert "Do they have a key to the home?" in pages["responders"]
    assert 'value="prescriber"' in pages["who_is_asking"]
    assert 'value="call-handler"' in pages["who_is_asking"]
    check = client.get(f"{form}/check").get_data(as_text=True)
    assert "Sight or hearing loss" in check and "Activity monitoring" in check
