"""A whole number, within the question's min and max."""

from __future__ import annotations

import re
from typing import Any

from portal.journeys.answer_types.base import Context, Parsed, Problem, missing
from portal.journeys.answer_types.typed import TypedBox
from portal.journeys.schema import Question

_DIGITS = 9  # more is a slip of the keyboard, not a count of anything a form asks about


class Number(TypedBox):
    def read(self, question: Question, raw: str) -> Parsed:
        raw = raw.replace(",", "")
        if not raw:
            return missing(question, raw)
        if not re.fullmatch(rf"-?\d{{1,{_DIGITS}}}", raw):
            return Parsed(None, Problem("number"), raw)
        value = int(raw)
        problem = self._out_of_range(question, value)
        return Parsed(None, problem, raw) if problem else Parsed(value, None, raw)

    def _out_of_range(self, question: Question, value: int) -> Problem | None:
        if question.minimum is not None and value < question.minimum:
            return Problem("too_small", {"min": question.minimum})
        if question.maximum is not None and value > question.maximum:
            return Problem("too_big", {"max": question.maximum})
        return None

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        # A JSON number: true and false, and numbers with a fraction, are not whole numbers.
        if isinstance(value, bool) or not isinstance(value, int) or len(str(abs(value))) > _DIGITS:
            return Problem("number")
        return self._out_of_range(question, value)
