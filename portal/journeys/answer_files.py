"""Answers written in a file: the examples in forms/examples and `flask routing-preview` input.

A date in such a file may be fixed, ``{"date": "2026-11-25"}``, or relative to the day the answers
are given, ``{"days_from_today": 3}`` (negative for the past). Relative dates keep the examples
true on any day: a discharge date written as a fixed day stops being "today or in the future" a
week later, and every test and benchmark that filled the form from it would fail.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

RELATIVE = "days_from_today"


class AnswersFileError(ValueError):
    """The file is not a JSON object of answers, or a relative date is not a whole number."""


def resolve_dates(value: Any, today: date) -> Any:
    """``value`` with every relative date replaced by the fixed date it means on ``today``."""
    if isinstance(value, list):
        return [resolve_dates(item, today) for item in value]
    if not isinstance(value, dict):
        return value
    if RELATIVE in value:
        days = value[RELATIVE]
        if isinstance(days, bool) or not isinstance(days, int):
            raise AnswersFileError(f"{RELATIVE} must be a whole number of days, not {days!r}")
        rest = {key: item for key, item in value.items() if key != RELATIVE}
        return {"date": (today + timedelta(days=days)).isoformat(), **rest}
    return {key: resolve_dates(item, today) for key, item in value.items()}


def load_answers(path: Path, today: date) -> dict:
    """Read an answers file, with its relative dates fixed as on ``today``."""
    try:
        answers = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise AnswersFileError(f"{path.name} is not JSON: {error}") from None
    if not isinstance(answers, dict):
        raise AnswersFileError("The answers file must be a JSON object of question id: answer.")
    return resolve_dates(answers, today)
