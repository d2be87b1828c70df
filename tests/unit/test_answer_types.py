"""Answer types: one table of them, each with its template, and what a form post accepts is
what check accepts, so the web pages and every other door agree on a valid answer."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import ChoiceLoader, DictLoader
from werkzeug.datastructures import MultiDict

from portal.config import PROJECT_ROOT
from portal.journeys.answer_types import (
    TYPES,
    AnswerType,
    Context,
    Parsed,
    Problem,
    check,
    display,
    parse,
    problem_text,
)
from portal.journeys.answer_types.base import missing
from portal.journeys.answer_types.council_area import council_options
from portal.journeys.display import anchor
from portal.journeys.equality_file import MONITORING_FILE, read_monitoring
from portal.journeys.languages import languages
from portal.journeys.schema import Question, load_journeys
from tests.unit.test_check_answers import TODAY, answers

SCHEMA = PROJECT_ROOT / "forms" / "schemas" / "journey.schema.json"
TEMPLATES = PROJECT_ROOT / "portal" / "templates"
JOURNEYS = load_journeys()


def test_the_table_has_exactly_the_types_the_journey_schema_allows():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert sorted(TYPES) == sorted(schema["$defs"]["answer_type"]["enum"])
    assert all(kind.name == name for name, kind in TYPES.items())


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_type_has_its_own_template_with_an_answer_macro(name):
    path = TEMPLATES / TYPES[name].macro
    assert path == TEMPLATES / "journeys" / "answers" / f"{name}.html"
    assert re.search(r"{% macro answer\(q, value, raw, error,", path.read_text(encoding="utf-8"))


class Colour(AnswerType):
    """A type made up here: only its module (this class) and its template are new."""

    def parse(self, question: Question, form, context: Context) -> Parsed:
        raw = (form.get(question.id) or "").strip()
        if not raw:
            return missing(question, raw)
        return (
            Parsed(raw, None, raw)
            if re.fullmatch(r"#[0-9a-f]{6}", raw)
            else Parsed(None, Problem("choice"), raw)
        )

    def check(self, question: Question, value, context: Context) -> Problem | None:
        return (
            None
            if isinstance(value, str) and re.fullmatch(r"#[0-9a-f]{6}", value)
            else (Problem("choice"))
        )

    def display(self, question, value, translate, label) -> str:
        return value.upper()


COLOUR_TEMPLATE = (
    "{% macro answer(q, value, raw, error, heading=false, hidden_label=false, name=none, "
    'answers={}) %}<input type="color" id="{{ name }}" name="{{ name }}" '
    'value="{{ raw or value or \'\' }}">{{ error or "" }}{% endmacro %}'
)


def test_a_new_type_is_one_class_in_the_table_and_one_template(app, monkeypatch):
    monkeypatch.setitem(TYPES, "colour", Colour("colour"))
    app.jinja_loader = ChoiceLoader(
        [DictLoader({"journeys/answers/colour.html": COLOUR_TEMPLATE}), app.jinja_loader]
    )
    question = Question(id="door", type="colour", label="Door", errors={"required": "Pick one"})
    context = Context(TODAY, {})
    with app.test_request_context():
        render = app.jinja_env.get_template("journeys/_questions.html").module.question
        html = str(render(question, "#ff0000", None, None))
        assert '<input type="color" id="door" name="door" value="#ff0000">' in html
        posted = parse(question, MultiDict({"door": "blue"}), context)
        assert problem_text(question, posted.problem) == "Select one of the options"
        assert problem_text(question, parse(question, MultiDict(), context).problem) == "Pick one"
        assert check(question, "#00ff00", context) is None
        assert display(question, "#00ff00", str) == "#00FF00"
        assert anchor(question) == "door"


def test_characters_no_page_can_show_are_left_out_of_what_was_typed(app):
    name = JOURNEYS["carers-assessment"].questions()["first_name"]
    birth = JOURNEYS["carers-assessment"].questions()["date_of_birth"]
    context = Context(TODAY, {})
    with app.test_request_context():
        assert parse(name, MultiDict({"first_name": "\x1bSam\x00\ufffe"}), context).value == "Sam"
        only_controls = parse(name, MultiDict({"first_name": "\x1b\x7f"}), context)
        assert (only_controls.value, only_controls.problem) == (None, Problem("required"))
        parts = {
            "date_of_birth-day": "1\x08",
            "date_of_birth-month": "2",
            "date_of_birth-year": "1960",
        }
        assert parse(birth, MultiDict(parts), context).value == {"date": "1960-02-01"}


# A form post and check agree: each answer a page accepts, check accepts as stored.

SYNTHETIC = (
    Question(id="steps", type="number", label="Steps", minimum=0, maximum=20, errors={}),
    Question(id="any", type="number", label="Any number", required=False),
    Question(id="short", type="text", label="Short", max_length=12, required=False),
    Question(
        id="when",
        type="date",
        label="When",
        dates="future",
        allow_approximate=True,
        allow_unknown=True,
        required=False,
    ),
)


def _questions() -> list[tuple[str, Question]]:
    """(journey id, question) for every question of every journey, a list's fields included,
    and the equality monitoring page's."""
    found = []
    for journey in JOURNEYS.values():
        for question in journey.questions().values():
            found.append((journey.id, question))
            found += [(journey.id, field) for field in question.fields]
    found += [("", question) for question in read_monitoring(MONITORING_FILE).page.questions]
    found += [("", question) for question in SYNTHETIC]
    return found


QUESTIONS = _questions()
# What people type, and answers of the right shape often enough that each type accepts some.
TYPED = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "x" * 13, "x" * 501, "x" * 5001, "Łódź", "١٢٣", "<b>", "-1"]),
)
NUMBERS = st.one_of(st.integers(-5, 25).map(str), st.sampled_from(["1,000", "1234567890", "0x1"]))
POSTCODES = st.sampled_from(["CM1 1QH", "cm11qh", " SS1 1AA ", "co43sq", "ZZ9 9ZZ", "CM1"])


def _nhs_number(first_nine: int) -> str:
    """A real NHS number from its first nine digits (or one a digit off, when none exists)."""
    digits = f"{first_nine:09d}"
    total = sum(int(digit) * weight for digit, weight in zip(digits, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}{check % 10}"


GOOD = {
    "text": st.text(min_size=1, max_size=20),
    "textarea": st.text(min_size=1, max_size=40),
    "number": NUMBERS,
    "postcode": POSTCODES,
    "phone": st.sampled_from(
        ["07700 900 982", "+33 1 23 45 67 89", "01632960001", "(01245) 430 430", "999", "0"]
    ),
    "email": st.sampled_from(["a@example.com", " Name@Example.COM ", "a@b", "ł@example.pl"]),
    "nhs_number": st.one_of(
        st.integers(0, 10**9 - 1).map(_nhs_number),
        st.sampled_from(["943-476-5919", "9434765918"]),
    ),
    "cqc_location": st.from_regex(r"1 ?- ?[0-9 ]{4,14}", fullmatch=True),
}


def mostly(good: st.SearchStrategy) -> st.SearchStrategy:
    """Three times in four an answer of the right shape, else anything typed."""
    return st.integers(0, 3).flatmap(lambda pick: good if pick else TYPED)


def _inputs(question: Question, codes: list[str]) -> dict[str, st.SearchStrategy]:
    """The strategy for each input a question's page posts, by name."""
    name, kind = question.id, question.type
    chosen = st.sampled_from(codes or ["yes"])
    if kind in GOOD:
        return {name: mostly(GOOD[kind])}
    if kind in ("yesno", "radios", "council_area", "checkboxes"):
        return {name: mostly(chosen)}
    if kind == "date":
        return {
            f"{name}-day": st.one_of(st.integers(0, 32).map(str), TYPED),
            f"{name}-month": st.one_of(st.integers(0, 13).map(str), TYPED),
            f"{name}-year": st.one_of(st.integers(1899, 2031).map(str), st.just("0999"), TYPED),
            f"{name}-approximate": st.sampled_from(["", "yes"]),
            f"{name}-unknown": st.sampled_from(["", "", "", "yes"]),
        }
    if kind == "address":
        return {
            f"{name}-line_1": mostly(st.one_of(st.just("1 Mill Lane"))),
            f"{name}-line_2": TYPED,
            f"{name}-town": mostly(st.one_of(st.just("Chelmsford"))),
            f"{name}-postcode": mostly(st.one_of(POSTCODES)),
        }
    if kind == "language":
        return {name: mostly(st.one_of(chosen, st.just("other"))), f"{name}-other": TYPED}
    raise AssertionError(f"no strategy for {kind}")


def _codes(question: Question, known: dict) -> list[str]:
    if question.type == "council_area":
        return [code for code, _ in council_options(question, known)] + ["elsewhere"]
    if question.type == "language":
        return list(languages())
    return [option.value for option in question.options] + ["not-a-code"]


@pytest.mark.parametrize("kind", sorted(set(TYPES) - {"list"}))
def test_every_answer_a_form_post_accepts_is_one_check_accepts(app, kind):
    asked = [(journey_id, q) for journey_id, q in QUESTIONS if q.type == kind]
    accepted = []

    @settings(
        max_examples=200,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def agree(data):
        journey_id, question = data.draw(st.sampled_from(asked))
        known = answers(journey_id) if journey_id else {}
        if question.lookup_from:  # the council areas offered follow the postcode given
            known[question.lookup_from] = data.draw(POSTCODES)
        context = Context(TODAY, known)
        form = MultiDict()
        with app.test_request_context():
            for name, values in _inputs(question, _codes(question, known)).items():
                for value in data.draw(
                    st.lists(values, min_size=1, max_size=3 if kind == "checkboxes" else 1)
                ):
                    form.add(name, value)
            parsed = parse(question, form, context)
            if parsed.problem is None and parsed.value is not None:
                accepted.append((question.id, parsed.value))
                found = check(question, parsed.value, context)
                assert found is None, (question.id, form, parsed.value, found)

    agree()
    # The property was tried on real answers, not only on errors.
    assert len({json.dumps(answer, sort_keys=True) for answer in accepted}) >= 10


def test_a_list_item_a_page_accepts_makes_a_list_check_accepts(app):
    journey = JOURNEYS["care-technology-request"]
    question = journey.questions()["responders"]
    form = MultiDict(
        {
            "responders-name": "Sam Example",
            "responders-relationship": "Neighbour",
            "responders-phone": "07700 900 982",
            "responders-has_key": "yes",
            "responders-agrees_to_be_named": "no",
        }
    )
    context = Context(TODAY, {})
    with app.test_request_context():
        parsed = parse(question, form, context)
        assert parsed.problem is None
        assert parsed.value == {
            "name": "Sam Example",
            "relationship": "Neighbour",
            "phone": "07700 900982",
            "has_key": "yes",
            "agrees_to_be_named": "no",
        }
        assert check(question, [parsed.value, parsed.value], context) is None
        del form["responders-phone"]
        form["responders-has_key"] = "perhaps"
        bad = parse(question, form, context)
        assert bad.value is None
        assert {key: part.problem for key, part in bad.parts.items() if part.problem} == {
            "phone": Problem("required", field="phone", item=0),
            "has_key": Problem("choice", field="has_key", item=0),
        }
        assert problem_text(question, bad.parts["phone"].problem) == (
            "Enter the responder's phone number"
        )
