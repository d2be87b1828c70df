"""A phone number: UK numbers stored in the national style ("01632 960001"), others in the
international one."""

from __future__ import annotations

from typing import Any

import phonenumbers

from portal.journeys.answer_types.base import Context, Parsed, Problem
from portal.journeys.answer_types.typed import TypedBox
from portal.journeys.schema import Question


def _number(text: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    # "Possible" (the right length for its country) rather than "valid" (allocated today): new
    # number ranges, and the drama numbers in our own examples, are still accepted.
    return number if phonenumbers.is_possible_number(number) else None


class Phone(TypedBox):
    def read(self, question: Question, raw: str) -> Parsed:
        number = _number(raw)
        if number is None:
            return Parsed(None, Problem("phone"), raw)
        style = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if number.country_code == 44
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        return Parsed(phonenumbers.format_number(number, style), None, raw)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        # Any way of writing a possible number: how it is spaced is for people to read.
        if not isinstance(value, str) or _number(value) is None:
            return Problem("phone")
        return None
