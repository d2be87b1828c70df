"""The search page: by reference (straight to a submission the person may see, otherwise the
same "No submission found" whether or not it exists) and for earlier forms about the same
person, matched by keyed hashes; each search audited without what was typed."""

from __future__ import annotations

import json

import pytest
import time_machine

from tests.audit_world import rows as audit_rows
from tests.work_queue import (
    ALERT,
    NOW,
    SAM,
    TECHNOLOGY,
    listed,
    safeguarding_practitioner,
    search_for_person,
    send,
    signed_in,
)

pytestmark = pytest.mark.database
RON = {"name": "Ron Example", "dob-day": "1", "dob-month": "7", "dob-year": "1939"}


@pytest.fixture
def practitioner(db_app):
    """A safeguarding practitioner and a manager of Care Technology and Central Safeguarding
    Triage; two alerts about Ron Example (the same NHS number), one about someone else."""
    with time_machine.travel(NOW, tick=False):
        _, secret = safeguarding_practitioner(db_app)
        alerts = {
            "ron": send(db_app, ALERT),
            "ron-again": send(db_app, ALERT, reporter_name="Another Reporter"),
            "rita": send(
                db_app,
                ALERT,
                adult_first_name="Rita",
                adult_nhs_number="4010232137",
                adult_date_of_birth={"date": "1950-03-27"},
            ),
        }
        client = signed_in(db_app, SAM, secret)
        yield db_app, client, alerts


def test_a_reference_the_person_may_see_goes_to_its_submission(practitioner):
    app, client, alerts = practitioner
    typed = alerts["ron"].lower().replace("-", " ")  # as read out on the phone
    response = client.get("/staff/search", query_string={"reference": typed})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/staff/submissions/{alerts['ron']}"
    [row] = audit_rows(app, "searched")
    assert row.detail == {
        "by": "reference",
        "fields": ["reference"],
        "reference": alerts["ron"],
        "results": 1,
    }


def test_a_reference_not_found_and_one_not_theirs_read_the_same(practitioner, db_app):
    app, client, _ = practitioner
    with time_machine.travel(NOW, tick=False):
        technology = send(db_app, TECHNOLOGY)  # exists, but not in a queue Sam may see
    nowhere = "CAR-4TRA-2NB8"  # a well-formed reference no submission has

    def answer(reference: str) -> str:
        html = client.get(f"/staff/search?reference={reference}").get_data(as_text=True)
        return html.replace(reference, "REFERENCE").split("<main", 1)[1]

    assert answer(technology) == answer(nowhere)
    assert "No submission found with the reference REFERENCE" in answer(nowhere)
    assert [row.detail["results"] for row in audit_rows(app, "searched")] == [0, 0, 0]


def test_a_mistyped_reference_is_explained_and_nothing_is_looked_up(practitioner):
    app, client, _ = practitioner
    for typed in ("not a reference", "CAR-7K3M-9QXQ", "   "):
        html = client.get("/staff/search", query_string={"reference": typed}).get_data(as_text=True)
        assert "There is a problem" in html and 'href="#reference"' in html
    assert audit_rows(app, "searched") == []


@pytest.mark.parametrize(
    "fields",
    [
        {"nhs-number": "943 476 5919"},
        RON,
        {"name": "  ron   EXAMPLE "},  # capitals and spacing do not matter
        {"postcode": "ss141dl", "nhs-number": "9434765919"},
    ],
    ids=["nhs-number", "name-and-date-of-birth", "name-as-typed", "postcode-and-nhs-number"],
)
def test_two_forms_about_the_same_person_are_found_together_and_not_someone_else(
    practitioner, fields
):
    _, client, alerts = practitioner
    html = search_for_person(client, fields)
    assert "2 submissions found" in html
    # The newest first.
    assert listed(html) == [alerts["ron-again"], alerts["ron"]]
    assert alerts["rita"] not in html


def test_every_detail_given_must_match(practitioner):
    _, client, alerts = practitioner
    assert listed(search_for_person(client, {**RON, "postcode": "CM1 1QH"})) == []
    assert (
        listed(search_for_person(client, {"name": "Ron Example", "nhs-number": "4010232137"})) == []
    )
    assert listed(search_for_person(client, {"nhs-number": "4010232137"})) == [alerts["rita"]]


def test_a_person_search_is_audited_with_the_fields_used_never_what_was_typed(practitioner):
    app, client, _ = practitioner
    search_for_person(client, {**RON, "nhs-number": "9434765919"})
    search_for_person(client, {"postcode": "SS14 1DL"})
    rows = audit_rows(app, "searched")
    assert [row.detail for row in rows] == [
        {"by": "person", "fields": ["name", "date-of-birth", "nhs-number"], "results": 2},
        {"by": "person", "fields": ["postcode"], "results": 3},
    ]
    written = json.dumps([row.detail for row in rows]).lower()
    for typed in ("ron", "example", "1939", "9434765919", "ss14"):
        assert typed not in written


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({}, "name", "Enter at least one of the person&#39;s name, date of birth"),
        ({"nhs-number": "12345"}, "nhs-number", "NHS number must be 10 digits"),
        ({"nhs-number": "9434765918"}, "nhs-number", "Enter a real NHS number"),
        ({"postcode": "not a postcode"}, "postcode", "Enter a full UK postcode"),
        ({"dob-day": "1", "dob-year": "1939"}, "dob-day", "Date of birth must include a month"),
        ({"dob-day": "31", "dob-month": "2", "dob-year": "1939"}, "dob-day", "must be a real date"),
        ({"dob-day": "1", "dob-month": "1", "dob-year": "2090"}, "dob-day", "must be in the past"),
        ({"name": "x" * 201}, "name", "Name must be 200 characters or fewer"),
    ],
)
def test_a_search_that_cannot_be_made_says_why_and_keeps_what_was_typed(
    practitioner, fields, field_id, message
):
    app, client, _ = practitioner
    with time_machine.travel(NOW, tick=False):
        html = search_for_person(client, {"name": "", **fields} if "name" not in fields else fields)
    assert "There is a problem" in html and f'href="#{field_id}"' in html
    assert message in html
    for value in fields.values():
        assert f'value="{value}"' in html
    assert listed(html) == []
    assert audit_rows(app, "searched") == []


def test_a_person_search_without_its_form_token_searches_nothing(practitioner):
    app, client, _ = practitioner
    response = client.post("/staff/search", data={"nhs-number": "9434765919"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Your session timed out" in html and 'value="9434765919"' in html
    assert listed(html) == [] and audit_rows(app, "searched") == []
