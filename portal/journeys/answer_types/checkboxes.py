"""Checkboxes: the codes of the options chosen, in the options' order; an exclusive option
("None of these") is chosen alone."""

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


class Checkboxes(AnswerType):
    def parse(self, question: Question, form: Mapping, context: Context) -> Parsed:
        getter = getattr(form, "getlist", None)
        chosen = getter(question.id) if getter else list(form.get(question.id) or [])
        chosen = [value for value in dict.fromkeys(chosen) if value]
        if not chosen:
            return missing(question, [])
        if any(question.option(value) is None for value in chosen):
            return Parsed(None, Problem("choice"), [])
        if problem := self._exclusive(question, chosen):
            return Parsed(None, problem, chosen)
        # Keep the order of the options, whatever order the browser sent them in.
        ordered = [option.value for option in question.options if option.value in chosen]
        return Parsed(ordered, None, ordered)

    def _exclusive(self, question: Question, chosen: list[str]) -> Problem | None:
        exclusive = [value for value in chosen if question.option(value).exclusive]
        return Problem("exclusive") if exclusive and len(chosen) > 1 else None

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            return Problem("choice")
        if len(set(value)) != len(value) or any(question.option(code) is None for code in value):
            return Problem("choice")
        return self._exclusive(question, value)

    def display(self, question: Question, value: Any, translate: Callable, label: Label) -> str:
        return "\n".join(label(question.option(code)) for code in value if question.option(code))
