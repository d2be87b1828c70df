"""check_answers: stored answers judged along their path, with problems as message ids that
every door words in its reader's language."""

from __future__ import annotations

from datetime import date

import pytest

from portal.journeys.answer_files import load_answers
from portal.journeys.answer_types import Problem, problem_texts
from portal.journeys.checking import check_answers
from portal.journeys.schema import journey_ids, load_journeys
from tests.journey_walker import EXAMPLES

TODAY = date(2026, 6, 10)  # a Wednesday; the examples' relative dates are fixed as on it
FIXTURES = EXAMPLES.parent.parent / "tests" / "fixtures"
JOURNEYS = load_journeys()


def answers(journey_id: str, alternate: bool = False) -> dict:
    path = (
        FIXTURES / f"{journey_id}-alternate.json" if alternate else EXAMPLES / f"{journey_id}.json"
    )
    return load_answers(path, TODAY)


@pytest.mark.parametrize("alternate", [False, True], ids=["example", "alternate"])
@pytest.mark.parametrize("journey_id", journey_ids())
def test_the_example_answers_of_every_journey_have_no_problems(app, journey_id, alternate):
    with app.test_request_context():
        assert check_answers(JOURNEYS[journey_id], answers(journey_id, alternate), TODAY) == {}


def carers(app, **changes) -> dict[str, Problem]:
    given = {**answers("carers-assessment"), **changes}
    with app.test_request_context():
        return check_answers(JOURNEYS["carers-assessment"], given, TODAY)


def test_an_option_code_the_question_does_not_offer_is_a_choice_problem(app):
    assert carers(app, relationship="cousin-twice-removed") == {"relationship": Problem("choice")}


def test_a_malformed_or_impossible_date_is_not_a_real_date(app):
    for value in ({"date": "14/02/1968"}, {"date": "1968-02-30"}, "1968-02-14", {"day": 14}):
        assert carers(app, date_of_birth=value) == {"date_of_birth": Problem("date_invalid")}


def test_a_date_of_birth_after_today_is_not_in_the_past(app):
    assert carers(app, date_of_birth={"date": "2026-06-11"}) == {
        "date_of_birth": Problem("date_past")
    }


def test_text_longer_than_its_limit_names_the_limit(app):
    found = carers(app, first_name="A" * 501)
    assert found == {"first_name": Problem("too_long", {"max": 500})}


def test_a_required_question_on_the_path_left_unanswered_is_reported(app):
    given = answers("carers-assessment")
    del given["first_name"]
    given["last_name"] = ""
    with app.test_request_context():
        found = check_answers(JOURNEYS["carers-assessment"], given, TODAY)
    assert found == {"first_name": Problem("required"), "last_name": Problem("required")}


def test_an_nhs_number_that_fails_its_check_digit_is_reported(app):
    journey = JOURNEYS["care-technology-request"]
    for value in ("9434765918", "943 476 5919", 9434765919):
        given = {**answers("care-technology-request"), "person_nhs_number": value}
        with app.test_request_context():
            found = check_answers(journey, given, TODAY)
        assert found == {"person_nhs_number": Problem("nhs_number")}


def test_answers_to_questions_off_the_path_are_not_judged(app):
    # The example lives with the person they care for: the questions for those who do not are
    # off its path, so nonsense there is not a problem (it is dropped when the form is sent).
    given = answers("carers-assessment")
    assert given["live_together"] == "yes"
    with app.test_request_context():
        found = check_answers(
            JOURNEYS["carers-assessment"], {**given, "carer_age": "yes", "nowhere": 5}, TODAY
        )
    assert found == {}
    # ...while the same nonsense on the path is.
    assert carers(app, live_together="sometimes") == {"live_together": Problem("choice")}


def test_a_list_item_with_a_bad_answer_names_the_item_and_its_question(app):
    journey = JOURNEYS["care-technology-request"]
    given = answers("care-technology-request")
    responders = [dict(item) for item in given["responders"]]
    responders[1]["has_key"] = "perhaps"
    with app.test_request_context():
        found = check_answers(journey, {**given, "responders": responders}, TODAY)
    assert found == {"responders": Problem("choice", field="has_key", item=1)}
    assert found["responders"].as_json() == {
        "key": "choice",
        "params": {},
        "field": "has_key",
        "item": 1,
    }


def test_a_list_item_missing_a_required_answer_or_with_an_unknown_one_is_reported(app):
    journey = JOURNEYS["care-technology-request"]
    given = answers("care-technology-request")
    first, *rest = given["responders"]
    without_phone = {key: value for key, value in first.items() if key != "phone"}
    with app.test_request_context():
        missing = check_answers(journey, {**given, "responders": [without_phone, *rest]}, TODAY)
        unknown = check_answers(
            journey, {**given, "responders": [{**first, "age": 3}, *rest]}, TODAY
        )
        not_a_list = check_answers(journey, {**given, "responders": "Sam"}, TODAY)
    assert missing == {"responders": Problem("required", field="phone", item=0)}
    assert unknown == {"responders": Problem("required", field="name", item=0)}
    assert not_a_list == {"responders": Problem("required", field="name", item=0)}


def test_a_list_with_more_items_than_it_takes_is_reported(app):
    journey = JOURNEYS["care-technology-request"]
    given = answers("care-technology-request")
    six = [given["responders"][0]] * 6
    with app.test_request_context():
        found = check_answers(journey, {**given, "responders": six}, TODAY)
    assert found == {"responders": Problem("too_many_items", {"max": 5})}


def test_problems_are_worded_by_the_question_in_english(app):
    journey = JOURNEYS["care-technology-request"]
    given = answers("care-technology-request")
    first, *rest = given["responders"]
    responders = [{key: v for key, v in first.items() if key != "phone"}, *rest]
    problems = {
        "person_first_name": Problem("too_long", {"max": 500}),
        "person_date_of_birth": Problem("required"),
        "responders": Problem("required", field="phone", item=0),
    }
    with app.test_request_context():
        found = check_answers(
            journey,
            {
                **given,
                "person_first_name": "A" * 501,
                "person_date_of_birth": None,
                "responders": responders,
            },
            TODAY,
        )
        assert found == problems
        assert problem_texts(journey, found) == {
            "person_first_name": "Your answer must be 500 characters or fewer",
            "person_date_of_birth": "Enter their date of birth",
            "responders": "Enter the responder's phone number",
        }


def test_problems_are_worded_in_polish_for_a_polish_reader(app):
    journey = JOURNEYS["carers-assessment"]
    given = {**answers("carers-assessment"), "date_of_birth": {"date": "2026-07-01"}}
    del given["first_name"]
    with app.test_request_context("/pl/forms/carers-assessment/check"):
        found = problem_texts(journey, check_answers(journey, given, TODAY))
    assert found["date_of_birth"] == "Data musi być dzisiejsza lub wcześniejsza"
    assert found["first_name"] == "Wpisz swoje imię"  # the question's own, in its context
