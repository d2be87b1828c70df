"""Translations: the catalogue matches the code, and every shipped language is complete."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.config import PROJECT_ROOT
from portal.i18n import LOCALE_CODES, PREFIXED_LOCALES

TRANSLATIONS = PROJECT_ROOT / "translations"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%|<[^>]+>")


def _extract_options() -> list[str]:
    """The options `make translations` uses, read from the Makefile so the two cannot drift."""
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    block = re.search(r"^EXTRACT_OPTIONS := (.*?)(?<!\\)\n", makefile, re.M | re.S).group(1)
    return shlex.split(block.replace("\\\n", " "))


def _messages(path: Path) -> dict:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {(message.id, message.context): message for message in catalog if message.id}


def test_messages_pot_is_up_to_date_with_the_code_and_templates(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "extract",
            *_extract_options(),
            "--output-file",
            str(fresh),
            ".",
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        check=True,
        capture_output=True,
    )
    committed = _messages(TRANSLATIONS / "messages.pot")
    current = _messages(fresh)
    missing = sorted(str(key[0]) for key in current.keys() - committed.keys())
    stale = sorted(str(key[0]) for key in committed.keys() - current.keys())
    assert not missing and not stale, (
        "translations/messages.pot is out of date: run `make translations`.\n"
        f"New in the code: {missing[:10]}\nNo longer used: {stale[:10]}"
    )


def test_every_shipped_language_has_a_catalogue():
    for code in PREFIXED_LOCALES:
        assert (TRANSLATIONS / code / "LC_MESSAGES" / "messages.po").exists(), code
    assert set(LOCALE_CODES) == {"en", *PREFIXED_LOCALES}


@pytest.mark.parametrize("locale", PREFIXED_LOCALES)
def test_every_message_is_translated_with_its_placeholders(locale):
    template = _messages(TRANSLATIONS / "messages.pot")
    catalogue = _messages(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po")
    problems = []
    for key, source in template.items():
        message = catalogue.get(key)
        if message is None or message.fuzzy:
            problems.append(f"not translated: {key[0]!r}")
            continue
        ids = source.id if isinstance(source.id, tuple) else (source.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if not string:
                problems.append(f"empty translation: {ids[0]!r}")
            elif sorted(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"placeholders or markup differ: {ids[0]!r} -> {string!r}")
    assert not problems, "\n".join(problems[:20])
