"""An email address (not checked for delivery: that needs the network and would slow a page)."""

from __future__ import annotations

from typing import Any

from email_validator import EmailNotValidError, validate_email

from portal.journeys.answer_types.base import Context, Parsed, Problem
from portal.journeys.answer_types.typed import TypedBox
from portal.journeys.schema import Question


def _normalised(text: str) -> str | None:
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


class Email(TypedBox):
    def read(self, question: Question, raw: str) -> Parsed:
        value = _normalised(raw)
        return Parsed(None, Problem("email"), raw) if value is None else Parsed(value, None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if not isinstance(value, str) or _normalised(value) is None:
            return Problem("email")
        return None
