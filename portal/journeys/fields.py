"""Answer types: reading a posted page into answers, with a specific message for bad input.

``parse`` turns the form data for one question into its stored answer (codes for choices, ISO
dates, normalised postcodes and numbers) or an error message, and keeps what the person typed so
the page can show it again. ``display`` turns a stored answer back into words for check answers,
for the copy the person keeps, and (in English) for staff.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from portal.districts import district_names
from portal.i18n import N_
from portal.journeys.languages import OTHER, languages
from portal.journeys.schema import Option, Question
from portal.journeys.text import question_text
from portal.places.postcodes import OTHER_COUNCILS, area_for
from portal.places.postcodes import is_valid as postcode_is_valid
from portal.places.postcodes import normalise as normalise_postcode

_CQC_LOCATION = re.compile(r"^1-\d{6,12}$")

# Messages for input of the wrong shape, in whole sentences (never built from fragments). A
# question can replace any of them in its YAML `errors`.
DEFAULT_ERRORS = {
    "too_long": _l("Your answer must be %(max)s characters or fewer"),
    "number": _l("Enter a whole number, like 2"),
    "too_small": _l("The number must be %(min)s or more"),
    "too_big": _l("The number must be %(max)s or fewer"),
    "date_incomplete": _l("Enter the full date, with a day, month and year"),
    "date_invalid": _l("The date must be a real date, like 27 3 2026"),
    "date_past": _l("The date must be today or in the past"),
    "date_future": _l("The date must be today or in the future"),
    "date_year": _l("The year must include 4 numbers, like 2026"),
    "date_unknown_and_given": _l("Either enter a date or say you do not know it, not both"),
    "postcode": _l("Enter a real postcode, like CM1 1QH"),
    "address_line": _l("Enter the first line of the address"),
    "address_town": _l("Enter the town or city"),
    "address_choice": _l("Select the address from the list, or type it in the boxes below"),
    "phone": _l("Enter a UK phone number, like 01632 960 001 or 07700 900 982"),
    "email": _l("Enter an email address in the correct format, like name@example.com"),
    "nhs_number": _l("Enter a real NHS number: it has 10 numbers, like 943 476 5919"),
    "cqc_location": _l("Enter a CQC location ID in the correct format, like 1-123456789"),
    "choice": _l("Select one of the options"),
    "exclusive": _l("Select either a type or ‘none of these’, not both"),
    "too_many_items": _l("You can add up to %(max)s"),
    "language_other": _l("Enter the language"),
}


@dataclass
class Parsed:
    value: Any  # the answer to store (None: no answer)
    error: str | None = None
    raw: Any = None  # what was typed, to show again when there is an error


def error_message(question: Question, key: str, **values) -> str:
    """The question's own message for this error, or the default one."""
    custom = question.errors.get(key)
    if custom:
        return question_text(question.id, custom, **values)
    return str(DEFAULT_ERRORS[key]) % values if values else str(DEFAULT_ERRORS[key])


def _required(question: Question) -> str:
    return question_text(question.id, question.errors["required"])


def _missing(question: Question, raw: Any = None) -> Parsed:
    return Parsed(None, _required(question) if question.required else None, raw)


COUNCIL_LABELS = {
    "southend": N_("Southend-on-Sea"),
    "thurrock": N_("Thurrock"),
    "outside": N_("Somewhere outside Essex"),
    "not-sure": N_("I'm not sure"),
}


def council_options(question: Question, answers: Mapping) -> list[tuple[str, str]]:
    """(value, English label) for "which council area?": the councils the postcode it is asked
    after (its ``lookup_from``) could be in, or every council when the postcode district is not
    one we know, then "I'm not sure"."""
    names = district_names()
    postcode = answers.get(question.lookup_from) if question.lookup_from else None
    valid = isinstance(postcode, str) and postcode_is_valid(postcode)
    councils = area_for(postcode).councils if valid else ()
    if not councils:
        councils = (*names, *OTHER_COUNCILS)
    options = [(council, names.get(council) or COUNCIL_LABELS[council]) for council in councils]
    return [*options, ("not-sure", COUNCIL_LABELS["not-sure"])]


def parse(question: Question, form: Mapping[str, str], today: date, answers: Mapping) -> Parsed:
    """Read one question's answer from posted form data (``answers``: those given so far)."""
    if question.type == "council_area":
        raw = form.get(question.id) or ""
        if not raw:
            return _missing(question, raw)
        if raw not in dict(council_options(question, answers)):
            return Parsed(None, error_message(question, "choice"), "")
        return Parsed(raw, None, raw)
    if question.type == "address" and (form.get(f"{question.id}-uprn") or "").strip():
        return _picked_address(question, form.get(f"{question.id}-uprn").strip(), answers)
    if question.type in _TYPED:
        raw = (form.get(question.id) or "").strip()
        return _TYPED[question.type](question, raw) if raw else _missing(question, raw)
    return _READERS[question.type](question, form, today)


def _text(question: Question, raw: str) -> Parsed:
    limit = question.max_length or (5000 if question.type == "textarea" else 500)
    if len(raw) > limit:
        return Parsed(None, error_message(question, "too_long", max=f"{limit:,}"), raw)
    return Parsed(raw, None, raw)


def _number(question: Question, raw: str) -> Parsed:
    raw = raw.replace(",", "")
    if not raw:
        return _missing(question, raw)
    if not re.fullmatch(r"-?\d{1,9}", raw):
        return Parsed(None, error_message(question, "number"), raw)
    value = int(raw)
    if question.minimum is not None and value < question.minimum:
        return Parsed(None, error_message(question, "too_small", min=question.minimum), raw)
    if question.maximum is not None and value > question.maximum:
        return Parsed(None, error_message(question, "too_big", max=question.maximum), raw)
    return Parsed(value, None, raw)


def _choice(question: Question, form, _today) -> Parsed:
    raw = form.get(question.id) or ""
    if not raw:
        return _missing(question, raw)
    if question.option(raw) is None:
        return Parsed(None, error_message(question, "choice"), "")
    return Parsed(raw, None, raw)


def _checkboxes(question: Question, form, _today) -> Parsed:
    getter = getattr(form, "getlist", None)
    chosen = getter(question.id) if getter else list(form.get(question.id) or [])
    chosen = [value for value in dict.fromkeys(chosen) if value]
    if not chosen:
        return _missing(question, [])
    if any(question.option(value) is None for value in chosen):
        return Parsed(None, error_message(question, "choice"), [])
    exclusive = [value for value in chosen if question.option(value).exclusive]
    if exclusive and len(chosen) > 1:
        return Parsed(None, error_message(question, "exclusive"), chosen)
    # Keep the order of the options, whatever order the browser sent them in.
    ordered = [option.value for option in question.options if option.value in chosen]
    return Parsed(ordered, None, ordered)


def _date(question: Question, form, today: date) -> Parsed:
    parts = {
        name: (form.get(f"{question.id}-{name}") or "").strip() for name in ("day", "month", "year")
    }
    raw = dict(parts)
    unknown = bool(form.get(f"{question.id}-unknown")) and question.allow_unknown
    approximate = bool(form.get(f"{question.id}-approximate")) and question.allow_approximate
    raw.update(unknown=unknown, approximate=approximate)
    if unknown:
        if any(parts.values()):
            return Parsed(None, error_message(question, "date_unknown_and_given"), raw)
        return Parsed({"unknown": True}, None, raw)
    if not any(parts.values()):
        return _missing(question, raw)
    if not all(parts.values()):
        return Parsed(None, error_message(question, "date_incomplete"), raw)
    if not all(part.isdigit() for part in parts.values()):
        return Parsed(None, error_message(question, "date_invalid"), raw)
    if len(parts["year"]) != 4:
        return Parsed(None, error_message(question, "date_year"), raw)
    try:
        value = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        return Parsed(None, error_message(question, "date_invalid"), raw)
    if question.dates == "past" and value > today:
        return Parsed(None, error_message(question, "date_past"), raw)
    if question.dates == "future" and value < today:
        return Parsed(None, error_message(question, "date_future"), raw)
    answer = {"date": value.isoformat()}
    if approximate:
        answer["approximate"] = True
    return Parsed(answer, None, raw)


def _postcode(question: Question, raw: str) -> Parsed:
    if not postcode_is_valid(raw):
        return Parsed(None, error_message(question, "postcode"), raw)
    return Parsed(normalise_postcode(raw), None, raw)


ADDRESS_PARTS = ("line_1", "line_2", "town", "postcode")


def address_choices(question: Question, answers: Mapping) -> list:
    """The addresses at the postcode the person gave earlier, to pick from (OS Places, when
    configured and answering); an empty list means the address is typed in."""
    from portal.places import os_places

    postcode = answers.get(question.lookup_from) if question.lookup_from else None
    if not isinstance(postcode, str) or not postcode_is_valid(postcode):
        return []
    found = os_places.lookup(postcode)
    return list(found.addresses) if found else []


def _picked_address(question: Question, uprn: str, answers: Mapping) -> Parsed:
    picked = next((a for a in address_choices(question, answers) if a.uprn == uprn), None)
    if picked is None:  # not one we offered, or the lookup has stopped answering
        return Parsed(None, error_message(question, "address_choice"), None)
    # "1, MILL LANE, CHELMSFORD, CM1 4QR": the town and postcode have their own boxes.
    line = picked.text.removesuffix(f", {picked.postcode}").removesuffix(f", {picked.town}")
    value = {
        "line_1": line,
        "line_2": "",
        "town": picked.town,
        "postcode": normalise_postcode(picked.postcode),
        "uprn": picked.uprn,
        "council": picked.council,
    }
    return Parsed(value, None, None)


def _address(question: Question, form, _today) -> Parsed:
    raw = {part: (form.get(f"{question.id}-{part}") or "").strip() for part in ADDRESS_PARTS}
    if not any(raw.values()):
        return _missing(question, raw)
    if not raw["line_1"]:
        return Parsed(None, error_message(question, "address_line"), raw)
    if not raw["town"]:
        return Parsed(None, error_message(question, "address_town"), raw)
    if not postcode_is_valid(raw["postcode"]):
        return Parsed(None, error_message(question, "postcode"), raw)
    if any(len(value) > 200 for value in raw.values()):
        return Parsed(None, error_message(question, "too_long", max="200"), raw)
    return Parsed({**raw, "postcode": normalise_postcode(raw["postcode"])}, None, raw)


def _phone(question: Question, raw: str) -> Parsed:
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        return Parsed(None, error_message(question, "phone"), raw)
    # "Possible" (the right length for its country) rather than "valid" (allocated today): new
    # number ranges, and the drama numbers in our own examples, are still accepted.
    if not phonenumbers.is_possible_number(number):
        return Parsed(None, error_message(question, "phone"), raw)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 44
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return Parsed(phonenumbers.format_number(number, style), None, raw)


def _email(question: Question, raw: str) -> Parsed:
    try:
        valid = validate_email(raw, check_deliverability=False)
    except EmailNotValidError:
        return Parsed(None, error_message(question, "email"), raw)
    return Parsed(valid.normalized, None, raw)


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


def _nhs_number(question: Question, raw: str) -> Parsed:
    digits = re.sub(r"[\s-]", "", raw)
    if not nhs_number_is_valid(digits):
        return Parsed(None, error_message(question, "nhs_number"), raw)
    return Parsed(digits, None, raw)


def _cqc_location(question: Question, raw: str) -> Parsed:
    value = raw.replace(" ", "")
    if not _CQC_LOCATION.match(value):
        return Parsed(None, error_message(question, "cqc_location"), raw)
    return Parsed(value, None, raw)


def _language(question: Question, form, _today) -> Parsed:
    """A language from the list ({"code": "pl"}), or another one typed in
    ({"code": "other", "other": "Wolof"}), so staff can book an interpreter."""
    code = form.get(question.id) or ""
    other = (form.get(f"{question.id}-{OTHER}") or "").strip()
    raw = {"code": code, OTHER: other}
    if not code:
        return _missing(question, raw)
    if code == OTHER:
        if not other:
            return Parsed(None, error_message(question, "language_other"), raw)
        if len(other) > 100:
            return Parsed(None, error_message(question, "too_long", max="100"), raw)
        return Parsed({"code": OTHER, OTHER: other}, None, raw)
    if code not in languages():
        return Parsed(None, error_message(question, "choice"), raw)
    return Parsed({"code": code}, None, raw)


# One typed-in box: the reader gets what was typed, stripped, and never blank.
_TYPED: dict[str, Callable[[Question, str], Parsed]] = {
    "text": _text,
    "textarea": _text,
    "number": _number,
    "postcode": _postcode,
    "phone": _phone,
    "email": _email,
    "nhs_number": _nhs_number,
    "cqc_location": _cqc_location,
}
# Several inputs, or choices: the reader looks at the form itself.
_READERS: dict[str, Callable[[Question, Mapping, date], Parsed]] = {
    "yesno": _choice,
    "radios": _choice,
    "checkboxes": _checkboxes,
    "date": _date,
    "address": _address,
    "language": _language,
}


def display(
    question: Question,
    value: Any,
    translate: Callable[[str], str],
    label: Callable[[Option], str] | None = None,
) -> str:
    """An answer in words: ``translate`` is gettext for the reader, or str for staff (English).

    ``label`` words a chosen option; by default ``translate(option.label)``. The reader's pages
    pass the option's own context (portal.journeys.text.option_words).
    """
    label = label or (lambda option: translate(option.label))
    if value is None or value == [] or value == "":
        return translate(N_("Not answered"))
    kind = question.type
    if kind == "council_area":
        return district_names().get(value) or translate(COUNCIL_LABELS.get(value, value))
    if kind in ("yesno", "radios"):
        option = question.option(value)
        return label(option) if option else str(value)
    if kind == "checkboxes":
        return "\n".join(label(question.option(code)) for code in value if question.option(code))
    if kind == "date":
        if value.get("unknown"):
            return translate(N_("Not known"))
        text = format_date(date.fromisoformat(value["date"]), "d MMMM yyyy")
        if value.get("approximate"):
            return translate(N_("About %(date)s")) % {"date": text}
        return text
    if kind == "address":
        return "\n".join(value[part] for part in ADDRESS_PARTS if value.get(part))
    if kind == "language":
        if value.get("code") == OTHER:
            return value.get(OTHER, "")
        language = languages().get(value.get("code"))
        return translate(language.name) if language else str(value.get("code"))
    if kind == "nhs_number":
        return f"{value[:3]} {value[3:6]} {value[6:]}"
    return str(value)
