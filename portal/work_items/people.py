"""Finding earlier forms about the same person, without a second plain copy of who they are.

When a form is sent, what its journey's ``work.person`` says identifies the person (a name, a
date of birth, an NHS number, a postcode) is normalised and kept only as a keyed hash (HMAC-SHA256
with a key derived from SECRET_KEY) in submission_match. A search hashes what staff type the same
way, so equal values meet, and nobody reading that table learns a name from it (ADR 0027).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping

from flask import current_app

from portal.conditions import holds
from portal.journeys.schema import Journey

NAME, DATE_OF_BIRTH, NHS_NUMBER, POSTCODE = "name", "date-of-birth", "nhs-number", "postcode"
# The journey file's names for each (its work.person keys) and the kind stored.
KINDS = {
    "name": NAME,
    "date_of_birth": DATE_OF_BIRTH,
    "nhs_number": NHS_NUMBER,
    "postcode": POSTCODE,
}
_NOT_NAME = re.compile(r"[^\w\s]")


def normalise(kind: str, value: str) -> str | None:
    """The form in which two ways of writing the same thing are equal, or None if empty."""
    value = unicodedata.normalize("NFKC", value or "").strip()
    if kind == NAME:
        # "Jo  O'Neil-Smith" and "jo oneil smith" are one name: case, accents and punctuation
        # are how people type, not who they are.
        decomposed = unicodedata.normalize("NFKD", value.replace("-", " ").casefold())
        letters = "".join(c for c in decomposed if not unicodedata.combining(c))
        value = " ".join(_NOT_NAME.sub("", letters).split())
    elif kind in (NHS_NUMBER, POSTCODE):
        value = "".join(value.split()).upper()
    return value or None


def digest(kind: str, value: str) -> str | None:
    """The keyed hash of a normalised value, or None if there is nothing to hash."""
    normal = normalise(kind, value)
    if normal is None:
        return None
    key = hashlib.sha256(b"front-door person match\0" + _secret()).digest()
    return hmac.new(key, f"{kind}\0{normal}".encode(), hashlib.sha256).hexdigest()


def _secret() -> bytes:
    secret = current_app.secret_key
    return secret if isinstance(secret, bytes) else str(secret).encode()


def _text(question_type: str, value) -> str | None:
    """The text of one answer, as a person part: a date's day, an address's postcode."""
    if value is None:
        return None
    if question_type == "date":
        return value.get("date") if isinstance(value, Mapping) else None
    if question_type == "address":
        return value.get("postcode") if isinstance(value, Mapping) else None
    return value if isinstance(value, str) else None


def person(journey: Journey, answers: Mapping) -> dict[str, str]:
    """What the answers say identifies the person, by kind: the first source of each part
    whose condition holds and whose answers are given."""
    questions = journey.questions()
    found: dict[str, str] = {}
    for part, sources in journey.work.person.items():
        for source in sources:
            if source.when and not holds(source.when, answers):
                continue
            texts = [
                _text(questions[question_id].type, answers.get(question_id))
                for question_id in source.answers
            ]
            text = " ".join(t.strip() for t in texts if t and t.strip())
            if text:
                found[KINDS[part]] = text
                break
    return found


def digests(journey: Journey, answers: Mapping) -> dict[str, str]:
    """The keyed hashes to keep for a sent form, by kind."""
    hashed = {kind: digest(kind, text) for kind, text in person(journey, answers).items()}
    return {kind: value for kind, value in hashed.items() if value}
