"""Answer types: one class per kind of answer, and the one table of them.

Each type reads its answer from a form post, checks an answer already stored, words it for check
answers, a copy and staff, and names the template that renders its inputs
(portal/templates/journeys/answers/<type>.html). Adding a type is a module here, a line in
TYPES and its template (docs/adr/0020-answer-types-in-one-table.md); the journey schema's list of
types must say the same (tests/unit/test_answer_types.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from portal.journeys.answer_types.address import Address, address_choices
from portal.journeys.answer_types.base import (
    NOT_ANSWERED,
    AnswerType,
    Context,
    Label,
    Parsed,
    Problem,
    unanswered,
)
from portal.journeys.answer_types.checkboxes import Checkboxes
from portal.journeys.answer_types.choice import Choice
from portal.journeys.answer_types.council_area import CouncilArea, council_options
from portal.journeys.answer_types.cqc_location import CqcLocation
from portal.journeys.answer_types.dates import Date
from portal.journeys.answer_types.email_address import Email
from portal.journeys.answer_types.language import Language
from portal.journeys.answer_types.lists import List
from portal.journeys.answer_types.messages import DEFAULT_ERRORS, problem_text, problem_texts
from portal.journeys.answer_types.nhs_number import NhsNumber, nhs_number_is_valid
from portal.journeys.answer_types.number import Number
from portal.journeys.answer_types.phone import Phone
from portal.journeys.answer_types.postcode import Postcode
from portal.journeys.answer_types.text import Text
from portal.journeys.schema import Question

__all__ = [
    "DEFAULT_ERRORS",
    "TYPES",
    "AnswerType",
    "Context",
    "Parsed",
    "Problem",
    "address_choices",
    "answer_type",
    "check",
    "council_options",
    "display",
    "nhs_number_is_valid",
    "parse",
    "problem_text",
    "problem_texts",
    "unanswered",
]


def answer_type(name: str) -> AnswerType:
    return TYPES[name]


# The one table: a type's name in the journey files -> what it is.
TYPES: dict[str, AnswerType] = {
    kind.name: kind
    for kind in (
        Text("text", limit=500),
        Text("textarea", limit=5000),
        Number("number"),
        Choice("yesno"),
        Choice("radios"),
        Checkboxes("checkboxes"),
        Date("date"),
        Postcode("postcode"),
        Address("address"),
        Phone("phone"),
        Email("email"),
        NhsNumber("nhs_number"),
        CqcLocation("cqc_location"),
        List("list", answer_type),
        CouncilArea("council_area"),
        Language("language"),
    )
}


def parse(question: Question, form: Mapping, context: Context) -> Parsed:
    """Read one question's answer from posted form data."""
    return TYPES[question.type].parse(question, form, context)


def check(question: Question, value: Any, context: Context) -> Problem | None:
    """What is wrong with a stored answer to one question, empty or not (None: nothing)."""
    kind = TYPES[question.type]
    if unanswered(value):
        return kind.if_unanswered(question)
    return kind.check(question, value, context)


def display(
    question: Question,
    value: Any,
    translate: Callable[[str], str],
    label: Label | None = None,
) -> str:
    """An answer in words: ``translate`` is gettext for the reader, or str for staff (English).

    ``label`` words a chosen option; by default ``translate(option.label)``. The reader's pages
    pass the option's own context (portal.journeys.text.option_words).
    """
    if value is None or value == [] or value == "":
        return translate(NOT_ANSWERED)
    label = label or (lambda option: translate(option.label))
    return TYPES[question.type].display(question, value, translate, label)
