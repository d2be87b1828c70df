"""Journey files: found by reading forms/, checked by their JSON Schema and by what they mean.

Each test spoils a copy of forms/ (never the real files) and reads the message an editor would
see when the portal refuses to start.
"""

from __future__ import annotations

import json
import shutil

import pytest

from portal.filecheck import SCHEMAS_DIR
from portal.journeys.schema import FORMS_DIR, JourneyError, journey_ids, load_journeys

FOURTH = """\
kind: journey
order: 4
id: home-adaptations
reference_prefix: HAD
title: Ask about changes to a home
summary: Ask for a grab rail, a ramp or another change that makes a home safer.
declaration:
  text: I confirm that the information I have given is correct.
  error: Confirm that the information is correct to send the form
sections:
  - id: about
    title: About the home
    pages:
      - id: change
        questions:
          - id: change
            type: radios
            label: What change is needed?
            options:
              - {value: rail, label: A grab rail}
              - {value: ramp, label: A ramp}
            errors: {required: Select the change that is needed}
      - id: steps
        when: {answer: change, equals: ramp}
        questions:
          - id: steps
            type: number
            label: How many steps are there at the door?
            errors: {required: Enter the number of steps}
"""


@pytest.fixture
def forms(tmp_path):
    """A copy of every YAML file in forms/, for a test to spoil or add to."""
    copy = tmp_path / "forms"
    copy.mkdir()
    for path in FORMS_DIR.glob("*.yaml"):
        shutil.copy(path, copy / path.name)
    return copy


def _spoil(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(forms) -> str:
    with pytest.raises(JourneyError) as raised:
        load_journeys(forms)
    return str(raised.value)


# ---- the schema: keys, types and ids -----------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "We will call this number to arrange a visit.\n            required: false\n",
            "We will call this number to arrange a visit.\n            requird: false\n",
            "care-technology-request.yaml: page person_phone / question person_phone: "
            "unknown key 'requird' (did you mean 'required'?)",
        ),
        (
            "            max_length: 1200\n      - id: devices\n",
            "            max_lenght: 1200\n      - id: devices\n",
            "care-technology-request.yaml: page needs_detail / question needs_detail: "
            "unknown key 'max_lenght' (did you mean 'max_length'?)",
        ),
    ],
)
def test_a_misspelt_key_is_named_with_its_file_place_and_key(forms, old, new, expected):
    _spoil(forms / "care-technology-request.yaml", old, new)
    assert expected in _problems(forms)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "          - id: in_crisis\n            type: yesno\n",
            "          - type: yesno\n",
            "page in_crisis / questions[0]: missing key 'id'",
        ),
        (
            "  - id: who-for\n    title: Who this form is for\n",
            "  - title: Who this form is for\n",
            "sections[1]: missing key 'id'",
        ),
        (
            "  - id: crisis\n    title: Get help now\n",
            "  - title: Get help now\n",
            "stops[0]: missing key 'id'",
        ),
    ],
)
def test_a_missing_id_is_reported_by_place_not_raised_as_a_key_error(forms, old, new, expected):
    _spoil(forms / "carers-assessment.yaml", old, new)
    assert f"carers-assessment.yaml: {expected}" in _problems(forms)


def test_an_unknown_answer_type_is_reported_with_the_types_there_are(forms):
    _spoil(
        forms / "carers-assessment.yaml",
        "            type: yesno\n            label: Is there a crisis right now?",
        "            type: yes-no\n            label: Is there a crisis right now?",
    )
    message = _problems(forms)
    assert "page in_crisis / question in_crisis / type: unknown answer type 'yes-no'" in message
    assert "use one of text, textarea, number, yesno," in message


def test_an_unquoted_yes_in_a_condition_is_explained(forms):
    # YAML reads a bare yes as true, so the condition would never hold.
    _spoil(
        forms / "carers-assessment.yaml",
        '{when: {answer: in_crisis, equals: "yes"}, stop: crisis}',
        "{when: {answer: in_crisis, equals: yes}, stop: crisis}",
    )
    assert (
        "page in_crisis / stops[0] / when / equals: must be text, not True: put yes and no in "
        'quotes ("yes")'
    ) in _problems(forms)


def test_every_problem_in_every_file_is_reported_in_one_message(forms):
    _spoil(
        forms / "care-technology-request.yaml",
        "We will call this number to arrange a visit.\n            required: false\n",
        "We will call this number to arrange a visit.\n            requird: false\n",
    )
    _spoil(
        forms / "carers-assessment.yaml",
        'equals: "yes"}, stop: crisis}',
        'equals: "yes"}, stop: crises}',
    )
    _spoil(
        forms / "safeguarding-alert.yaml",
        "neutral_title: Contact form\n",
        "netural_title: Contact form\n",
    )
    message = _problems(forms)
    assert message.startswith("Journey files have problems:\n  - ")
    assert (
        "care-technology-request.yaml: page person_phone / question person_phone: "
        "unknown key 'requird'" in message
    )
    assert "carers-assessment.yaml: page in_crisis / stops[0]: unknown stop 'crises'" in message
    assert (
        "safeguarding-alert.yaml: unknown key 'netural_title' (did you mean 'neutral_title'?)"
        in message
    )
    assert "safeguarding-alert.yaml: a sensitive journey needs a neutral_title" in message


def test_a_broken_journey_file_stops_start_up(forms, sqlite_url):
    from tests.conftest import build_app

    _spoil(forms / "safeguarding-alert.yaml", "neutral_title: Contact form\n", "")
    with pytest.raises(JourneyError, match=r"safeguarding-alert\.yaml: a sensitive journey needs"):
        build_app(sqlite_url, migrated=False, environ={"FORMS_DIR": str(forms)})


# ---- meaning: conditions, stops and pages no answers reach ---------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "when: {answer: filling_in, not_equals: carer}",
            "when: {answer: filing_in, not_equals: carer}",
            "page helper_details / when: condition on unknown question 'filing_in'",
        ),
        (
            "when: {answer: filling_in, in: [call-handler, professional]}",
            "when: {answer: filling_in, in: [call-handler, profesional]}",
            "page helper_details / question helper_organisation / when: condition on "
            "'filling_in' names the code 'profesional', which it does not offer",
        ),
        (
            "when: {answer: filling_in, not_equals: carer}",
            "when: {answer: filling_in, includes: carer}",
            "page helper_details / when: includes is for checkboxes questions, and 'filling_in' "
            "is a radios question",
        ),
        (
            'equals: "yes"}, stop: crisis}',
            'equals: "yes"}, stop: crises}',
            "page in_crisis / stops[0]: unknown stop 'crises'",
        ),
        (
            "    when: {answer: known_to_asc, equals: yes-with-worker}\n  - They will talk",
            "    when: {answer: postcode, area_is: shared}\n  - They will talk",
            "next_steps: the test 'area_is' cannot be used here",
        ),
    ],
)
def test_a_condition_or_stop_naming_what_the_journey_lacks_is_reported(forms, old, new, expected):
    _spoil(forms / "carers-assessment.yaml", old, new)
    assert f"carers-assessment.yaml: {expected}" in _problems(forms)


def test_a_page_whose_condition_can_never_hold_is_reported(forms):
    _spoil(
        forms / "carers-assessment.yaml",
        "when: {answer: filling_in, not_equals: carer}",
        "when: {all: [{answer: filling_in, equals: carer}, "
        "{answer: filling_in, equals: professional}]}",
    )
    assert (
        "carers-assessment.yaml: page helper_details: is never shown: no answers to the "
        "questions before it meet its when"
    ) in _problems(forms)


def test_pages_after_a_stop_that_always_holds_are_reported(forms):
    _spoil(
        forms / "care-technology-request.yaml",
        "{when: {answer: postcode, area_is: outside-essex}, stop: out-of-area}",
        "{when: {answer: postcode, answered: true}, stop: out-of-area}",
    )
    message = _problems(forms)
    assert (
        "care-technology-request.yaml: page council_area: is never shown: every path through "
        "the form stops before it"
    ) in message
    assert "page postcode:" not in message  # the page with the stop is itself shown


def test_a_question_whose_condition_never_holds_on_its_page_is_reported(forms):
    # The page is only shown to helpers, so a question for the carer themselves is never asked.
    _spoil(
        forms / "carers-assessment.yaml",
        "when: {answer: filling_in, in: [call-handler, professional]}",
        "when: {answer: filling_in, equals: carer}",
    )
    assert (
        "carers-assessment.yaml: page helper_details / question helper_organisation: is never asked"
    ) in _problems(forms)


def test_a_page_reached_only_by_going_back_is_not_reported(forms):
    # The engine walks the whole path again after every answer, so a page whose condition reads
    # a later answer is shown once that answer is given: it is reachable.
    _spoil(
        forms / "carers-assessment.yaml",
        "when: {answer: filling_in, not_equals: carer}",
        "when: {answer: cared_for_age, equals: adult}",
    )
    assert "carers-assessment" in load_journeys(forms)  # no JourneyError


# ---- discovery and order ----------------------------------------------------------------


# ---- places and confirmation offers: the ids the engine is told, never knows --------------


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "care-technology-request",
            "places: {postcode: postcode,",
            "places: {postcode: who_is_asking,",
            "places / postcode: 'who_is_asking' is not a postcode question of this journey",
        ),
        (
            "carers-assessment",
            "council_area: council_area, out_of_area",
            "council_area: postcode, out_of_area",
            "places / council_area: 'postcode' is not a council_area question of this journey",
        ),
        (
            "safeguarding-alert",
            "out_of_area: forward}",
            "out_of_area: pass-on}",
            "places / out_of_area: ",
        ),
        (
            "carers-assessment",
            "out_of_area: redirect}",
            "out_of_area: forward}",
            "page postcode / stops[0]: out-of-area is for a journey whose places name a "
            "postcode and say out_of_area: redirect",
        ),
        (
            "safeguarding-alert",
            "out_of_area: forward}",
            "out_of_area: redirect}",
            "places / out_of_area: redirect needs a page that stops at out-of-area",
        ),
        (
            "care-technology-request",
            "  - journey: carers-assessment\n",
            "  - journey: care-technology-request\n",
            "confirmation_offers[0]: a form cannot offer itself on its own confirmation page",
        ),
        (
            "safeguarding-alert",
            "  - journey: carers-assessment\n",
            "  - journey: carers-assesment\n",
            "confirmation_offers[0]: offers unknown journey 'carers-assesment'",
        ),
        (
            "safeguarding-alert",
            'when: {answer: are_you_a_carer, equals: "yes"}',
            'when: {answer: are_you_a_carer, equals: "yes-please"}',
            "confirmation_offers[0] / when: condition on 'are_you_a_carer' names the code "
            "'yes-please'",
        ),
        (
            "safeguarding-alert",
            "    link: Start a carer's self-assessment\n",
            "    lnk: Start a carer's self-assessment\n",
            "confirmation_offers[0]: unknown key 'lnk'",
        ),
    ],
)
def test_places_and_offers_are_checked_and_named_with_their_file(forms, name, old, new, expected):
    _spoil(forms / f"{name}.yaml", old, new)
    assert f"{name}.yaml: {expected}" in _problems(forms)


def test_the_files_declare_their_places_and_offers():
    journeys = load_journeys()
    assert {j.id: j.places.out_of_area for j in journeys.values()} == {
        "carers-assessment": "redirect",
        "care-technology-request": "redirect",
        "safeguarding-alert": "forward",
    }
    offer = journeys["safeguarding-alert"].offers_for({"are_you_a_carer": "yes"})[0]
    assert (offer.journey, offer.link) == ("carers-assessment", "Start a carer's self-assessment")
    assert journeys["safeguarding-alert"].offers_for({"are_you_a_carer": "no"}) == []


def test_a_fourth_journey_dropped_into_forms_is_found_and_loaded(forms):
    (forms / "home-adaptations.yaml").write_text(FOURTH, encoding="utf-8")
    journeys = load_journeys(forms)
    assert list(journeys) == [*journey_ids(), "home-adaptations"]
    fourth = journeys["home-adaptations"]
    assert [page.id for page in fourth.pages] == ["change", "steps"]
    assert fourth.questions()["change"].option("ramp").label == "A ramp"


def test_the_files_declare_the_order_journeys_are_listed_in(forms):
    assert journey_ids() == ["carers-assessment", "care-technology-request", "safeguarding-alert"]
    _spoil(forms / "carers-assessment.yaml", "order: 1 ", "order: 9 ")
    assert journey_ids(forms) == [
        "care-technology-request",
        "safeguarding-alert",
        "carers-assessment",
    ]
    _spoil(forms / "safeguarding-alert.yaml", "order: 3 ", "order: 2 ")
    assert (
        "care-technology-request, safeguarding-alert: two journeys cannot share the order 2"
        in _problems(forms)
    )


def test_a_yaml_file_in_forms_that_says_no_kind_is_reported(forms):
    (forms / "notes.yaml").write_text("title: Notes for editors\n", encoding="utf-8")
    assert "notes.yaml: kind must say what the file is (one of " in _problems(forms)


def test_babel_extracts_every_journey_found_and_nothing_else(forms):
    from portal.journeys.extract import extract_journey

    config = (FORMS_DIR.parent / "babel.cfg").read_text(encoding="utf-8")
    assert "[journeys: forms/*.yaml]" in config
    assert not any(journey in config for journey in journey_ids())
    (forms / "home-adaptations.yaml").write_text(FOURTH, encoding="utf-8")
    with (forms / "home-adaptations.yaml").open("rb") as handle:
        # (context, English): each text is looked up by where it is used.
        words = [message for _, _, (_, message), _ in extract_journey(handle, [], [], {})]
    assert "How many steps are there at the door?" in words
    with (forms / "routing.yaml").open("rb") as handle:
        assert list(extract_journey(handle, [], [], {})) == []


def test_the_schema_knows_each_error_message_the_engine_shows():
    from portal.journeys.answer_types import DEFAULT_ERRORS

    schema = json.loads((SCHEMAS_DIR / "journey.schema.json").read_text(encoding="utf-8"))
    named = schema["$defs"]["question"]["properties"]["errors"]["properties"]
    assert set(named) == {*DEFAULT_ERRORS, "required", "too_few"}


def test_a_misspelt_key_in_equality_monitoring_is_reported(tmp_path, monkeypatch):
    from portal.journeys_web import equality

    copy = tmp_path / "equality-monitoring.yaml"
    shutil.copy(equality.MONITORING_FILE, copy)
    _spoil(
        copy, "id: age_band\n            type: radios\n", "id: age_band\n            tpye: radios\n"
    )
    monkeypatch.setattr(equality, "MONITORING_FILE", copy)
    equality.monitoring.cache_clear()
    try:
        with pytest.raises(JourneyError) as raised:
            equality.monitoring()
    finally:
        equality.monitoring.cache_clear()
    assert (
        "equality-monitoring.yaml: page equality / question age_band: unknown key "
        "'tpye' (did you mean 'type'?)"
    ) in str(raised.value)
