"""The language someone needs an interpreter for: one from the list ({"code": "pl"}), or another
one typed in ({"code": "other", "other": "Wolof"}), so staff can book an interpreter."""

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
    typed,
)
from portal.journeys.languages import OTHER, languages
from portal.journeys.schema import Question

LONGEST = 100  # characters in the name of another language


def _other_problem(other: str) -> Problem | None:
    if not other.strip():
        return Problem("language_other")
    if len(other) > LONGEST:
        return Problem("too_long", {"max": LONGEST})
    return None


class Language(AnswerType):
    def parse(self, question: Question, form: Mapping, context: Context) -> Parsed:
        code = form.get(question.id) or ""
        other = typed(form, f"{question.id}-{OTHER}")
        raw = {"code": code, OTHER: other}
        if not code:
            return missing(question, raw)
        if code == OTHER:
            if problem := _other_problem(other):
                return Parsed(None, problem, raw)
            return Parsed({"code": OTHER, OTHER: other}, None, raw)
        if code not in languages():
            return Parsed(None, Problem("choice"), raw)
        return Parsed({"code": code}, None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if not isinstance(value, dict) or not isinstance(value.get("code"), str):
            return Problem("choice")
        if value["code"] == OTHER:
            other = value.get(OTHER)
            if set(value) != {"code", OTHER} or not isinstance(other, str):
                return Problem("language_other")
            return _other_problem(other.strip())
        if set(value) != {"code"} or value["code"] not in languages():
            return Problem("choice")
        return None

    def display(self, question: Question, value: Any, translate: Callable, label: Label) -> str:
        if value.get("code") == OTHER:
            return value.get(OTHER, "")
        language = languages().get(value.get("code"))
        return translate(language.name) if language else str(value.get("code"))
