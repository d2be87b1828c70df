"""Translations: the catalogue matches the code, and every shipped language has what it cannot
be released without."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal import catalogues
from portal.config import PROJECT_ROOT
from portal.i18n import LOCALE_CODES, PREFIXED_LOCALES
from tests.catalogues import copy_translations, edit

TRANSLATIONS = PROJECT_ROOT / "translations"


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
def test_every_language_has_its_interface_and_safety_text_with_the_right_placeholders(locale):
    """Journey text may wait for its translation (it is shown in English, marked as English);
    interface text and safety-critical text may not, and no translation may break a page."""
    template = catalogues.read(TRANSLATIONS / "messages.pot")
    catalogue = catalogues.read(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po")
    problems = catalogues.problems(template, catalogue)
    assert not problems, "\n".join(problems[:20])


# The message the safeguarding form shows someone who says a person is in immediate danger.
CALL_999 = ("stop emergency", "Call 999 now")
DANGER_QUESTION = ("question immediate_danger", "Is anyone in immediate danger?")
EXIT_THIS_PAGE = (None, "Exit this page")
PHONE = (None, "If someone is in immediate danger, call %(number)s.")
# Journey text that is not safety-critical: it may be shown in English for a while.
HINT = ("question decision_maker_name", "Their full name")


def test_a_safety_critical_message_left_untranslated_fails_the_check(tmp_path):
    folder = copy_translations(tmp_path / "translations")
    edit(folder, "pl", remove=(CALL_999, DANGER_QUESTION, PHONE), fuzzy=(EXIT_THIS_PAGE, HINT))
    template = catalogues.read(folder / "messages.pot")
    catalogue = catalogues.read(folder / "pl" / "LC_MESSAGES" / "messages.po")

    problems = "\n".join(catalogues.problems(template, catalogue))

    for context, message in (CALL_999, DANGER_QUESTION, EXIT_THIS_PAGE, PHONE):
        assert f"[{context or 'interface text'}] {message}" in problems
    assert HINT[1] not in problems
    assert len(catalogues.problems(template, catalogue)) == 4


def test_the_missing_report_lists_a_message_taken_out_of_a_catalogue(tmp_path):
    folder = copy_translations(tmp_path / "translations")
    edit(folder, "pl", remove=(HINT,))
    edit(folder, "ur", fuzzy=(CALL_999,))

    def run(*locales):
        return subprocess.run(
            [sys.executable, "scripts/missing_translations.py", "--translations", folder, *locales],
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            capture_output=True,
            text=True,
        )

    polish = run("pl")
    assert polish.returncode == 0, polish.stderr
    assert polish.stdout.splitlines() == [
        "pl: 1 missing, 0 of them required",
        "  [question decision_maker_name] Their full name",
    ]
    both = run()
    assert both.returncode == 1  # Urdu lacks a safety-critical message: it may not be released
    urdu = "ur: 1 missing, 1 of them required\n  REQUIRED [stop emergency] Call 999 now"
    assert urdu in both.stdout
