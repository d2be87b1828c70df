"""Yes/no and radios: one of the question's options, stored as its code."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from portal.journeys.answer_types.base import (
    AnswerType,
    Context,
    Label,
    Parsed,
    Problem,
    missing,
)
from portal.journeys.schema import Question


class Choice(AnswerType):
    def parse(self, question: Question, form: Mapping, context: Context) -> Parsed:
        raw = form.get(question.id) or ""
        if not raw:
            return missing(question, raw)
        if question.option(raw) is None:
            return Parsed(None, Problem("choice"), "")
        return Parsed(raw, None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if not isinstance(value, str) or question.option(value) is None:
            return Problem("choice")
        return None

    def display(self, question: Question, value: Any, translate: Callable, label: Label) -> str:
        option = question.option(value)
        return label(option) if option else str(value)
