"""A postal address: typed in, or picked from the addresses at the postcode given earlier (the
question's ``lookup_from``), when OS Places is configured and answering."""

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
from portal.journeys.schema import Question
from portal.places.postcodes import is_valid, normalise

PARTS = ("line_1", "line_2", "town", "postcode")
# A picked address also keeps its property number and the council it is in, exactly.
PICKED = ("uprn", "council")
LONGEST = 200  # characters in any one line


def address_choices(question: Question, answers: Mapping) -> list:
    """The addresses at the postcode the person gave earlier, to pick from (OS Places, when
    configured and answering); an empty list means the address is typed in."""
    from portal.places import os_places

    postcode = answers.get(question.lookup_from) if question.lookup_from else None
    if not isinstance(postcode, str) or not is_valid(postcode):
        return []
    found = os_places.lookup(postcode)
    return list(found.addresses) if found else []


def _problem(parts: Mapping[str, str]) -> Problem | None:
    """What is wrong with an address's lines, in the order the boxes are on the page."""
    if not parts.get("line_1", "").strip():
        return Problem("address_line")
    if not parts.get("town", "").strip():
        return Problem("address_town")
    if not is_valid(parts.get("postcode", "")):
        return Problem("postcode")
    if any(len(value) > LONGEST for value in parts.values()):
        return Problem("too_long", {"max": LONGEST})
    return None


class Address(AnswerType):
    first_input = "-line_1"

    def parse(self, question: Question, form: Mapping, context: Context) -> Parsed:
        uprn = (form.get(f"{question.id}-uprn") or "").strip()
        if uprn:
            return self._picked(question, uprn, context.answers)
        raw = {part: typed(form, f"{question.id}-{part}") for part in PARTS}
        if not any(raw.values()):
            return missing(question, raw)
        if problem := _problem(raw):
            return Parsed(None, problem, raw)
        return Parsed({**raw, "postcode": normalise(raw["postcode"])}, None, raw)

    def _picked(self, question: Question, uprn: str, answers: Mapping) -> Parsed:
        picked = next((a for a in address_choices(question, answers) if a.uprn == uprn), None)
        if picked is None:  # not one we offered, or the lookup has stopped answering
            return Parsed(None, Problem("address_choice"), None)
        # "1, MILL LANE, CHELMSFORD, CM1 4QR": the town and postcode have their own boxes.
        line = picked.text.removesuffix(f", {picked.postcode}").removesuffix(f", {picked.town}")
        value = {
            "line_1": line,
            "line_2": "",
            "town": picked.town,
            "postcode": normalise(picked.postcode),
            "uprn": picked.uprn,
            "council": picked.council,
        }
        return Parsed(value, None, None)

    def check(self, question: Question, value: Any, context: Context) -> Problem | None:
        if not isinstance(value, dict) or set(value) - {*PARTS, *PICKED}:
            return Problem("address_line")
        if not all(isinstance(part, str) for part in value.values()):
            return Problem("address_line")
        lines = {part: text for part, text in value.items() if part in PARTS}
        if problem := _problem(lines):
            return problem
        # Routing reads the postcode as stored: in its normal form.
        return None if normalise(value["postcode"]) == value["postcode"] else Problem("postcode")

    def display(self, question: Question, value: Any, translate: Callable, label: Label) -> str:
        return "\n".join(value[part] for part in PARTS if value.get(part))
