"""Which council area someone lives in, asked when their postcode is shared by two councils (or
not one we know): the options are the councils the postcode could be in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from portal.districts import district_names
from portal.i18n import N_
from portal.journeys.answer_types.base import (
    AnswerType,
    Context,
    Label,
    Parsed,
    Problem,
    missing,
)
from portal.journeys.schema import Question
from portal.places.postcodes import OTHER_COUNCILS, area_for, is_valid

COUNCIL_LABELS = {
    "southend": N_("Southend-on-Sea"),
    "thurrock": N_("Thurrock"),
    "outside": N_("Somewhere outside Essex"),
    "not-sure": N_("I'm not sure"),
}


def council_options(question: Question, answers: Mapping) -> list[tuple[str, str]]:
    """(value, English label) for "which council area?": the councils the postcode it is asked
    after (its ``lookup_from``) could be in, or every council when the postcode district is not
    one we know, then "I'm not sure"."""
    names = district_names()
    postcode = answers.get(question.lookup_from) if question.lookup_from else None
    valid = isinstance(postcode, str) and is_valid(postcode)
    councils = area_for(postcode).councils if valid else ()
    if not councils:
        councils = (*names, *OTHER_COUNCILS)
    options = [(council, names.get(council) or COUNCIL_LABELS[council]) for council in councils]
    return [*options, ("not-sure", COUNCIL_LABELS["not-sure"])]


class CouncilArea(AnswerType):
    def parse(self, question: Question, form: Mapping, context: Context) -> Parsed:
        raw = form.get(question.id) or ""
        if not raw:
            return missing(question, raw)
        if problem := self.check(question, raw, context):
            return Parsed(None, problem, "")
        return Parsed(raw, None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        offered = dict(council_options(question, context.answers))
        return None if isinstance(value, str) and value in offered else Problem("choice")

    def display(self, question: Question, value: Any, translate: Callable, label: Label) -> str:
        return district_names().get(value) or translate(COUNCIL_LABELS.get(value, value))
