"""A date typed as day, month and year: stored as {"date": ISO}, with "approximate": true when
the person ticked that it is, or as {"unknown": true} when they do not know it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from flask_babel import format_date

from portal.i18n import N_
from portal.journeys.answer_types.base import (
    AnswerType,
    Context,
    Label,
    Parsed,
    Problem,
    missing,
    typed,
)
from portal.journeys.schema import Question

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
PARTS = ("day", "month", "year")


def _outside_range(question: Question, value: date, today: date | None) -> Problem | None:
    """The question's rule for which dates it takes: today or in the past, or in the future."""
    if today is None:  # a caller that asks no date question (saving a form's email address)
        return None
    if question.dates == "past" and value > today:
        return Problem("date_past")
    if question.dates == "future" and value < today:
        return Problem("date_future")
    return None


class Date(AnswerType):
    first_input = "-day"

    def parse(self, question: Question, form: Mapping, context: Context) -> Parsed:
        parts = {name: typed(form, f"{question.id}-{name}") for name in PARTS}
        raw: dict[str, Any] = dict(parts)
        unknown = bool(form.get(f"{question.id}-unknown")) and question.allow_unknown
        approximate = bool(form.get(f"{question.id}-approximate")) and question.allow_approximate
        raw.update(unknown=unknown, approximate=approximate)
        if unknown:
            if any(parts.values()):
                return Parsed(None, Problem("date_unknown_and_given"), raw)
            return Parsed({"unknown": True}, None, raw)
        if not any(parts.values()):
            return missing(question, raw)
        if not all(parts.values()):
            return Parsed(None, Problem("date_incomplete"), raw)
        if not all(part.isdigit() for part in parts.values()):
            return Parsed(None, Problem("date_invalid"), raw)
        if len(parts["year"]) != 4:
            return Parsed(None, Problem("date_year"), raw)
        try:
            value = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            return Parsed(None, Problem("date_invalid"), raw)
        if problem := _outside_range(question, value, context.today):
            return Parsed(None, problem, raw)
        answer: dict[str, Any] = {"date": value.isoformat()}
        if approximate:
            answer["approximate"] = True
        return Parsed(answer, None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if value == {"unknown": True} and question.allow_unknown:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("date"), str):
            return Problem("date_invalid")
        if set(value) - {"date", "approximate"} or not _ISO.fullmatch(value["date"]):
            return Problem("date_invalid")
        if "approximate" in value and not (
            value["approximate"] is True and question.allow_approximate
        ):
            return Problem("date_invalid")
        try:
            day = date.fromisoformat(value["date"])
        except ValueError:
            return Problem("date_invalid")
        return _outside_range(question, day, context.today)

    def display(self, question: Question, value: Any, translate: Callable, label: Label) -> str:
        if value.get("unknown"):
            return translate(N_("Not known"))
        text = format_date(date.fromisoformat(value["date"]), "d MMMM yyyy")
        if value.get("approximate"):
            return translate(N_("About %(date)s")) % {"date": text}
        return text
