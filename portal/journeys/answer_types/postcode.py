"""A UK postcode, stored in its normal form ("CM1 1QH")."""

from __future__ import annotations

from typing import Any

from portal.journeys.answer_types.base import Context, Parsed, Problem
from portal.journeys.answer_types.typed import TypedBox
from portal.journeys.schema import Question
from portal.places.postcodes import is_valid, normalise


class Postcode(TypedBox):
    def read(self, question: Question, raw: str) -> Parsed:
        if not is_valid(raw):
            return Parsed(None, Problem("postcode"), raw)
        return Parsed(normalise(raw), None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        # Routing and the council question look the postcode up as stored: in its normal form.
        if not isinstance(value, str) or not is_valid(value) or normalise(value) != value:
            return Problem("postcode")
        return None
