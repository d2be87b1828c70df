"""The languages a form offers for an interpreter (config/languages.yaml), and Babel's extractor
for their English names, which are translated; endonyms are shown as written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

from portal import filecheck
from portal.config import PROJECT_ROOT

LANGUAGES_FILE = PROJECT_ROOT / "config" / "languages.yaml"
OTHER = "other"  # "another language", typed in


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # English, translated when shown
    endonym: str | None = None
    dir: str = "ltr"


@cache
def languages() -> dict[str, Language]:
    raw = filecheck.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    found = [Language(**item) for item in raw["languages"]]
    codes = [language.code for language in found]
    if len(set(codes)) != len(codes) or OTHER in codes:
        raise ValueError(f"{LANGUAGES_FILE.name}: a code is repeated or is {OTHER!r}")
    return {language.code: language for language in found}


def language_name(code: str | None) -> str | None:
    """A language code (a form's locale, an interpreter's language) in English words."""
    if not code:
        return None
    if code == OTHER:
        return "Another language (see the answers)"
    if code in languages():
        return languages()[code].name
    try:
        return Locale.parse(code).get_display_name("en")
    except (ValueError, TypeError, UnknownLocaleError):
        return code


def extract_languages(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    raw = filecheck.safe_load(fileobj) or {}
    for number, item in enumerate(raw.get("languages") or [], start=1):
        comment = f"Translators: the name of a language ({item['code']}), in a list to choose from"
        yield number, "gettext", item["name"], [comment]
