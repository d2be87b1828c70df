"""The carer's and care technology forms: who may agree, who is told, and what the person reads.

Each test fills a form in through the portal from its example, changed where the test says, and
looks at what the resident sees and what staff receive.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.data import db
from portal.data.journeys import Submission
from portal.journeys.extract import messages
from tests.journey_walker import example, form_token, walk

TECH = "/forms/care-technology-request"
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
    walk(client, journey(app, "carers-assessment"), answers, submit=False)
    check = client.get(f"{CARERS}/check").get_data(as_text=True)
    for question in (
        "What is a safe phone number to call you on?",
        "When is it safe to call you?",
        "Can we leave a message if you do not answer?",
        "If someone else answers, can we say that we are calling from the council?",
    ):
        assert question in check
    path = f"{CARERS}/call_times?change=1"
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
    walk(client, journey(app, "care-technology-request"), answers, submit=False)
    page = client.get(f"{TECH}/decision_maker?change=1").get_data(as_text=True)
    assert "best interests" not in page.lower()
    assert "registered with the Office of the Public Guardian" in page
    refused = client.post(
        f"{TECH}/decision_maker?change=1",
        data={
            "csrf_token": form_token(client, f"{TECH}/decision_maker?change=1"),
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
    data = {
        "id": "x",
        "next_steps": [
            "Always.",
            {"text": "Only sometimes.", "when": {"answer": "a", "equals": "b"}},
        ],
    }
    texts = [text for text, where in messages(data) if "what happens next" in where]
    assert texts == ["Always.", "Only sometimes."]
