"""Text (one line) and textarea (a paragraph): the same answer with a different length limit
and box."""

from __future__ import annotations

from typing import Any

from portal.journeys.answer_types.base import Context, Parsed, Problem
from portal.journeys.answer_types.typed import TypedBox
from portal.journeys.schema import Question


class Text(TypedBox):
    def __init__(self, name: str, limit: int) -> None:
        super().__init__(name)
        self.limit = limit  # characters, unless the question sets its own max_length

    def _too_long(self, question: Question, text: str) -> Problem | None:
        limit = question.max_length or self.limit
        return Problem("too_long", {"max": limit}) if len(text) > limit else None

    def read(self, question: Question, raw: str) -> Parsed:
        problem = self._too_long(question, raw)
        return Parsed(None, problem, raw) if problem else Parsed(raw, None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if not isinstance(value, str) or not value.strip():
            return Problem("required")
        return self._too_long(question, value.strip())
