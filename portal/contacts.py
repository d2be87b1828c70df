"""The council's public phone numbers and opening hours, from config/contacts.yaml.

Shown in the help block on every page and on the contact page, so that help is always in the same
place (WCAG 2.2 success criterion 3.2.6, consistent help).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from babel.dates import get_day_names
from flask import Flask, current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from portal import filecheck
from portal.config import PROJECT_ROOT
from portal.i18n import clock_time, current_locale

CONTACTS_FILE = PROJECT_ROOT / "config" / "contacts.yaml"
REQUIRED = (
    "adult_social_care",
    "emergency_duty_service",
    "essex_wellbeing_service",
    "children_and_families_hub",
    "emergency",
    "police_non_emergency",
    "mental_health_crisis",
    "southend_adult_social_care",
    "thurrock_adult_social_care",
    "relay_uk",
)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_PHONE = re.compile(r"^[0-9 ]{3,15}$")


@dataclass(frozen=True)
class OpeningTimes:
    first_day: str
    last_day: str
    opens: time
    closes: time


def phone_link(number: str) -> Markup:
    """A phone number as a tap-to-call link, kept left to right even in Urdu pages."""
    return Markup('<a class="govuk-link app-phone" href="tel:{}" dir="ltr">{}</a>').format(
        number.replace(" ", ""), number
    )


@dataclass(frozen=True)
class Contact:
    phone: str = ""
    textphone: str = ""
    option: int | None = None
    prefix: str = ""
    hours: tuple[OpeningTimes, ...] = ()

    def link(self, number: str | None = None) -> Markup:
        return phone_link(number or self.phone)

    @property
    def textphone_link(self) -> Markup:
        return self.link(self.textphone)

    def opening_times(self) -> list[str]:
        """Opening times as sentences in the reader's language, one per line of the table."""
        locale = current_locale()
        names = get_day_names("wide", locale=locale)
        lines = []
        for slot in self.hours:
            first = names[DAYS.index(slot.first_day)]
            last = names[DAYS.index(slot.last_day)]
            opens, closes = clock_time(slot.opens, locale), clock_time(slot.closes, locale)
            if first == last:
                lines.append(
                    gettext(
                        "%(day)s, %(opens)s to %(closes)s", day=first, opens=opens, closes=closes
                    )
                )
            else:
                lines.append(
                    gettext(
                        "%(first_day)s to %(last_day)s, %(opens)s to %(closes)s",
                        first_day=first,
                        last_day=last,
                        opens=opens,
                        closes=closes,
                    )
                )
        return lines


# How to say "call this number" for each contact, as a whole sentence (used by next steps).
CALL_SENTENCES = {
    "adult_social_care": _l("Call Adult Social Care on %(number)s"),
    "emergency_duty_service": _l(
        "When we are closed, if you need help urgently, call the Emergency Duty Service on "
        "%(number)s."
    ),
    "essex_wellbeing_service": _l("Call the Essex Wellbeing Service on %(number)s"),
    "children_and_families_hub": _l(
        "If a child is at risk, call the Children and Families Hub on %(number)s."
    ),
    "emergency": _l("If someone is in immediate danger, call %(number)s."),
    "police_non_emergency": _l(
        "To report a crime that is not an emergency, call the police on %(number)s."
    ),
    "mental_health_crisis": _l(
        "In a mental health crisis, call NHS %(number)s and choose option %(option)s."
    ),
    "southend_adult_social_care": _l(
        "If you live in Southend-on-Sea, call Southend-on-Sea City Council on %(number)s."
    ),
    "thurrock_adult_social_care": _l(
        "If you live in Thurrock, call Thurrock Council on %(number)s."
    ),
}


def call_sentence(key: str) -> Markup:
    """'Call ... on <number>' for a contact, in the reader's language, the number a link."""
    contact = current_app.extensions["frontdoor.contacts"][key]
    # The sentence is our own translated text; the values are escaped by Markup's % operator.
    sentence = Markup(str(CALL_SENTENCES[key]))  # noqa: S704
    return sentence % {"number": contact.link(), "option": contact.option}


def _parse_contact(key: str, raw: dict) -> Contact:
    for field_name in ("phone", "textphone"):
        if field_name in raw and not _PHONE.match(str(raw[field_name])):
            raise ValueError(f"{CONTACTS_FILE.name}: {key}.{field_name} is not a phone number")
    if "source" not in raw:
        raise ValueError(f"{CONTACTS_FILE.name}: {key} must name its source")
    hours = []
    for slot in raw.get("hours", []):
        if slot["first_day"] not in DAYS or slot["last_day"] not in DAYS:
            raise ValueError(f"{CONTACTS_FILE.name}: {key} has an unknown day name")
        hours.append(
            OpeningTimes(
                slot["first_day"],
                slot["last_day"],
                time.fromisoformat(slot["opens"]),
                time.fromisoformat(slot["closes"]),
            )
        )
    return Contact(
        phone=str(raw.get("phone", "")),
        textphone=str(raw.get("textphone", "")),
        option=raw.get("option"),
        prefix=str(raw.get("prefix", "")),
        hours=tuple(hours),
    )


def load_contacts(path: Path = CONTACTS_FILE) -> dict[str, Contact]:
    raw = filecheck.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [key for key in REQUIRED if key not in raw]
    if missing:
        raise ValueError(f"{path.name} is missing: {', '.join(missing)}")
    return {key: _parse_contact(key, value) for key, value in raw.items()}


def init_contacts(app: Flask) -> None:
    contacts = load_contacts()
    app.extensions["frontdoor.contacts"] = contacts
    app.jinja_env.globals.update(
        contacts=contacts, call_sentence=call_sentence, phone_link=phone_link
    )


__all__ = ["Contact", "init_contacts", "load_contacts"]
