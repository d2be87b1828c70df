"""What each language's catalogue lacks, and which messages it may never lack.

A message may be missing from a language (untranslated, or fuzzy) only if it is journey text
that is not safety-critical: the pages then show its English marked with ``lang="en"``
(portal/journeys/text.py). Interface text (templates and Python) has no such marking, since much
of it sits in attributes and page titles, so it must be translated; so must every
safety-critical message (docs/adr/0015-journey-text-falls-back-to-english.md).

Safety-critical is declared here, once:
- a message whose translator comment starts "Translators: safety", which the journey extractor
  writes for stop pages, the questions that lead to them and any text naming 999, and which a
  template or module writes beside a message such as "Exit this page";
- interface text that gives a phone number: the contacts' numbers are always its
  ``%(number)s`` placeholder.

Used by tests/unit/test_translations.py and by `make translations-missing`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from portal.journeys.text import is_journey_context

SAFETY_NOTE = "Translators: safety - must be translated before this language is released."
_SAFETY_COMMENT = re.compile(r"^(Translators:\s*)?safety\b")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%|<[^>]+>")
PHONE_NUMBER = "%(number)s"


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def is_safety_critical(message: Message) -> bool:
    if any(_SAFETY_COMMENT.match(comment) for comment in message.auto_comments):
        return True
    return not is_journey_context(message.context) and PHONE_NUMBER in _ids(message)[0]


def may_fall_back(message: Message) -> bool:
    """True for journey text that is not safety-critical: shown in English until translated."""
    return is_journey_context(message.context) and not is_safety_critical(message)


def is_translated(message: Message | None) -> bool:
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


@dataclass(frozen=True)
class Missing:
    context: str | None
    id: str
    required: bool  # interface text or safety-critical: a release in this language waits

    def __str__(self) -> str:
        place = self.context or "interface text"
        mark = "REQUIRED " if self.required else ""
        return f"{mark}[{place}] {self.id}"


def missing(template: Catalog, catalogue: Catalog) -> list[Missing]:
    """Every message of the template that the catalogue has no usable translation of."""
    found = []
    for message in template:
        if not message.id:
            continue
        if not is_translated(catalogue.get(message.id, message.context)):
            found.append(Missing(message.context, _ids(message)[0], not may_fall_back(message)))
    return found


def problems(template: Catalog, catalogue: Catalog) -> list[str]:
    """What stops a release in this language: a required message missing, or a translation
    whose placeholders or markup differ from the English (the page would break)."""
    found = [f"not translated: {item}" for item in missing(template, catalogue) if item.required]
    for source in template:
        message = catalogue.get(source.id, source.context) if source.id else None
        if not is_translated(message):
            continue
        wanted = sorted(PLACEHOLDER.findall(_ids(source)[-1]))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if sorted(PLACEHOLDER.findall(string)) != wanted:
                found.append(f"placeholders or markup differ: {_ids(source)[0]!r} -> {string!r}")
    return found


def report(translations: Path, locales: list[str]) -> tuple[str, bool]:
    """The text `make translations-missing` prints, and whether any language lacks a required
    message."""
    template = read(translations / "messages.pot")
    lines, blocked = [], False
    for locale in locales:
        items = missing(template, read(translations / locale / "LC_MESSAGES" / "messages.po"))
        required = sum(item.required for item in items)
        blocked = blocked or required > 0
        lines.append(f"{locale}: {len(items)} missing, {required} of them required")
        lines.extend(f"  {item}" for item in items)
    return "\n".join(lines), blocked


def _ids(message: Message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)
