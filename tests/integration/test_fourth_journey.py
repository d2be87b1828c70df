"""A fourth journey, written as a council officer would write it: a YAML file and its routing entry
in a copy of forms/, and no change to the portal's code. The whole app is pointed at the copy
(FORMS_DIR) and the form is filled in end to end through the test client.

Its ids are its own (``home_postcode``, ``home_council``, ``hard_to``): nothing in the engine
knows them, so the postcode, the out-of-area page and the confirmation offer work only because
the file declares them (``places``, ``confirmation_offers``).
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from portal.config import FORMS_DIR
from portal.data import db
from portal.data.journeys import Submission
from tests.conftest import build_app, copy_of
from tests.journey_walker import draft_base, start, token

BASE = "/forms/blue-badge-callback"
# A Wednesday morning in November, with no bank holiday near it (London is on UTC then).
WEDNESDAY = datetime(2026, 11, 18, 10, 30, tzinfo=UTC)

BLUE_BADGE = """\
kind: journey
order: 4
id: blue-badge-callback
reference_prefix: BBC
title: Ask for a call back about a Blue Badge
summary: Ask us to call you about a Blue Badge for parking near where you need to go.
start:
  body: Use this form to ask us to call you about a Blue Badge. It takes about 5 minutes.
  before_you_start:
    - the postcode where the person who needs the badge lives
places: {postcode: home_postcode, council_area: home_council, out_of_area: redirect}
confirmation_offers:
  - journey: care-technology-request
    when: {answer: hard_to, includes: falls}
    heading: Help after a fall
    body: You told us the person has fallen. An alarm they wear can call for help after a fall.
    link: Ask for care technology
next_steps:
  - We will call you by %(due)s.
declaration:
  text: I confirm that the information I have given is correct.
  error: Confirm that the information is correct to send the form
stops:
  - id: organisations
    title: Organisations apply on GOV.UK
    body: An organisation that takes disabled people from place to place applies online.
sections:
  - id: callback
    title: About the call back
    pages:
      - id: badge_for
        questions:
          - id: badge_for
            type: radios
            label: Who is the Blue Badge for?
            options:
              - {value: myself, label: Myself}
              - {value: someone-else, label: Someone else}
              - {value: organisation, label: An organisation}
            errors: {required: Select who the Blue Badge is for}
        stops:
          - {when: {answer: badge_for, equals: organisation}, stop: organisations}
      - id: their_name
        when: {answer: badge_for, equals: someone-else}
        questions:
          - id: their_name
            type: text
            label: What is their name?
            errors: {required: Enter their name}
      - id: home_postcode
        questions:
          - id: home_postcode
            type: postcode
            label: What is the postcode where the person lives?
            errors: {required: Enter the postcode where the person lives}
        stops:
          - {when: {answer: home_postcode, area_is: outside-essex}, stop: out-of-area}
      - id: home_council
        when: {answer: home_postcode, area_is: shared}
        questions:
          - id: home_council
            type: council_area
            lookup_from: home_postcode
            label: Which council area does the person live in?
            errors: {required: Select which council area the person lives in}
        stops:
          - {when: {answer: home_council, in: [southend, thurrock, outside]}, stop: out-of-area}
      - id: getting_around
        title: Getting around
        questions:
          - id: hard_to
            type: checkboxes
            label: What is hard for the person?
            options:
              - {value: walking, label: Walking more than a short way}
              - {value: stairs, label: Steps and stairs}
              - {value: falls, label: They have fallen}
            errors: {required: Select what is hard for the person}
          - id: more
            type: textarea
            label: Tell us more (optional)
            required: false
            max_length: 500
      - id: call_from
        questions:
          - id: call_from
            type: date
            dates: future
            label: From which date can we call?
            errors: {required: Enter the date we can call from}
"""

ROUTING = """\
journeys:
  blue-badge-callback:
    default_queue: ascc-duty
    rules:
      - id: has-fallen
        reason: The person has fallen
        when: {answer: hard_to, includes: falls}
        priority: high
"""


@pytest.fixture
def forms(tmp_path):
    """A copy of forms/ with the new journey file and its routing entry: nothing else."""
    folder = tmp_path / "forms"
    shutil.copytree(FORMS_DIR, folder)
    (folder / "blue-badge-callback.yaml").write_text(BLUE_BADGE, encoding="utf-8")
    routing = folder / "routing.yaml"
    text = routing.read_text(encoding="utf-8")
    assert text.count("\njourneys:\n") == 1
    routing.write_text(text.replace("\njourneys:\n", "\n" + ROUTING, 1), encoding="utf-8")
    return folder


@pytest.fixture
def badge_app(forms, tmp_path, migrated_sqlite):
    app = build_app(copy_of(migrated_sqlite, tmp_path), environ={"FORMS_DIR": str(forms)})
    yield app
    app.extensions["frontdoor.db"][0].dispose()


@pytest.fixture
def clock():
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


def html_of(response) -> str:
    return response.get_data(as_text=True)


def begin(client) -> tuple[str, str, object]:
    """Start the new journey: (CSRF token, the draft's address, the response to starting)."""
    csrf, started = start(client, BASE)
    return csrf, draft_base(started.headers["Location"]), started


def answer(client, form, csrf, page_id, **fields):
    """Post a page of the draft; returns the response (a redirect when the answer is taken)."""
    return client.post(f"{form}/{page_id}", data={"csrf_token": csrf, **fields})


def goes_to(response, page: str) -> None:
    """A redirect to ``page`` of a draft of the new journey."""
    assert response.status_code == 303, html_of(response)
    location = response.headers["Location"]
    assert draft_base(location).startswith(BASE) and location.endswith(f"/{page}")


def test_a_journey_file_dropped_into_the_forms_folder_is_filled_in_and_sent(badge_app, clock):
    client = badge_app.test_client()
    start_page = html_of(client.get(BASE))
    assert "Ask for a call back about a Blue Badge" in start_page
    assert "the postcode where the person who needs the badge lives" in start_page
    csrf, form, started = begin(client)
    goes_to(started, "badge_for")

    empty = answer(client, form, csrf, "badge_for")
    assert empty.status_code == 200
    assert "<title>Error: " in html_of(empty)
    assert "Select who the Blue Badge is for" in html_of(empty)
    # An organisation: the file's own stop page.
    goes_to(answer(client, form, csrf, "badge_for", badge_for="organisation"), "stop/organisations")
    assert "Organisations apply on GOV.UK" in html_of(client.get(f"{form}/stop/organisations"))
    # Someone else: the page of their name applies (a condition in the file).
    goes_to(answer(client, form, csrf, "badge_for", badge_for="someone-else"), "their_name")
    goes_to(answer(client, form, csrf, "their_name", their_name="Pat Jones"), "home_postcode")

    wrong = answer(client, form, csrf, "home_postcode", home_postcode="not a postcode")
    assert wrong.status_code == 200 and "Enter a real postcode, like CM1 1QH" in html_of(wrong)
    # Chelmsford: known from the postcode alone, so the council area page is not on the path.
    goes_to(answer(client, form, csrf, "home_postcode", home_postcode="cm11qh"), "getting_around")

    fields = {"hard_to": ["walking", "falls"], "more": "She fell at the bus stop last week."}
    goes_to(answer(client, form, csrf, "getting_around", **fields), "call_from")

    past = {"call_from-day": "2", "call_from-month": "11", "call_from-year": "2026"}
    too_early = answer(client, form, csrf, "call_from", **past)
    assert "The date must be today or in the future" in html_of(too_early)
    later = {"call_from-day": "25", "call_from-month": "11", "call_from-year": "2026"}
    goes_to(answer(client, form, csrf, "call_from", **later), "check")

    check = html_of(client.get(f"{form}/check"))
    for shown in ("Pat Jones", "CM1 1QH", "They have fallen", "25 November 2026"):
        assert shown in check
    declaration = html_of(client.get(f"{form}/declaration"))
    assert "I confirm that the information I have given is correct." in declaration
    sent = client.post(
        f"{form}/declaration", data={"csrf_token": token(declaration), "confirm": "yes"}
    )
    goes_to(sent, "sent")

    confirmation = html_of(client.get(f"{form}/sent"))
    reference = re.search(r"<strong>(BBC-[A-Z0-9]{4}-[A-Z0-9]{4})</strong>", confirmation).group(1)
    # Has fallen: high priority, due by the close of the next working day (Thursday 5pm).
    assert "We will call you by" in confirmation and "Thursday 19 November 2026" in confirmation
    with badge_app.app_context():
        row = db.session.scalars(select(Submission)).one()
        assert (row.reference, row.journey_id, row.queue, row.priority, row.district) == (
            reference,
            "blue-badge-callback",
            "ascc-duty",
            "high",
            "chelmsford",
        )
        assert row.answers == {
            "badge_for": "someone-else",
            "their_name": "Pat Jones",
            "home_postcode": "CM1 1QH",
            "hard_to": ["walking", "falls"],
            "more": "She fell at the bus stop last week.",
            "call_from": {"date": "2026-11-25"},
        }
        assert [reason["id"] for reason in row.routing["reasons"]] == ["has-fallen"]


def test_the_new_journeys_confirmation_offers_what_its_file_declares(badge_app, clock):
    def send(hard_to: list[str]) -> str:
        client = badge_app.test_client()
        csrf, form, _ = begin(client)
        answer(client, form, csrf, "badge_for", badge_for="myself")
        answer(client, form, csrf, "home_postcode", home_postcode="CM1 1QH")
        answer(client, form, csrf, "getting_around", hard_to=hard_to, more="")
        date = {"call_from-day": "25", "call_from-month": "11", "call_from-year": "2026"}
        goes_to(answer(client, form, csrf, "call_from", **date), "check")
        declaration = html_of(client.get(f"{form}/declaration"))
        client.post(
            f"{form}/declaration", data={"csrf_token": token(declaration), "confirm": "yes"}
        )
        return html_of(client.get(f"{form}/sent"))

    fallen = send(["falls"])
    assert '<h2 class="govuk-heading-s">Help after a fall</h2>' in fallen
    assert "An alarm they wear can call for help after a fall." in fallen
    assert '<a class="govuk-link" href="/forms/care-technology-request">Ask for care' in fallen
    assert "Help after a fall" not in send(["stairs"])


@pytest.mark.parametrize(
    ("postcode", "council", "shown"),
    [
        ("SS1 1AA", None, "01702 215008"),  # Southend: its Adult Social Care's number
        ("CM20 2DX", "outside", "Find the council for an address on GOV.UK"),  # East Herts
    ],
)
def test_an_address_outside_essex_in_the_new_journey_gets_the_out_of_area_page(
    badge_app, clock, postcode, council, shown
):
    client = badge_app.test_client()
    csrf, form, _ = begin(client)
    answer(client, form, csrf, "badge_for", badge_for="myself")
    response = answer(client, form, csrf, "home_postcode", home_postcode=postcode)
    if council:  # a postcode across a boundary: the file's council area question is asked
        goes_to(response, "home_council")
        response = answer(client, form, csrf, "home_council", home_council=council)
    assert response.headers["Location"].endswith(f"{form}/stop/out-of-area")
    page = html_of(client.get(f"{form}/stop/out-of-area"))
    assert "Contact the council where the person lives" in page
    assert shown in page
    # The link back goes to the journey's own postcode question, whatever its id.
    assert f'href="{form}/home_postcode?change=1"' in page
    # Nothing can be sent from there: check answers sends the person back to the stop.
    assert client.get(f"{form}/check").headers["Location"].endswith("/stop/out-of-area")
