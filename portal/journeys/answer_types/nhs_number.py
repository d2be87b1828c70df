"""An NHS number: 10 digits whose last is the modulus 11 check digit, stored without spaces."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from portal.journeys.answer_types.base import Context, Label, Parsed, Problem
from portal.journeys.answer_types.typed import TypedBox
from portal.journeys.schema import Question


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number modulus 11 check (research/domain_anchors.md §4.4)."""
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


class NhsNumber(TypedBox):
    def read(self, question: Question, raw: str) -> Parsed:
        digits = re.sub(r"[\s-]", "", raw)
        if not nhs_number_is_valid(digits):
            return Parsed(None, Problem("nhs_number"), raw)
        return Parsed(digits, None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if not isinstance(value, str) or not nhs_number_is_valid(value):
            return Problem("nhs_number")
        return None

    def display(self, question: Question, value: Any, translate: Callable, label: Label) -> str:
        return f"{value[:3]} {value[3:6]} {value[6:]}"
