"""References are read out on the phone and typed back: the examples the pages show must be
real ones, or a person copying the example is told it is wrong."""

from __future__ import annotations

import re

from portal.config import PROJECT_ROOT
from portal.journeys import references


def test_every_example_reference_a_page_shows_passes_the_check_character():
    shown = set()
    for template in (PROJECT_ROOT / "portal" / "templates").rglob("*.html"):
        shown |= set(re.findall(r"\b[A-Z]{3}-[A-Z0-9]{4}-[A-Z0-9]{4}\b", template.read_text()))
    assert shown, "no example reference found in the templates"
    assert {reference for reference in shown if not references.is_valid(reference)} == set()


def test_a_mistyped_character_is_refused():
    assert references.is_valid("TEC-7K3M-9QXK")
    assert not references.is_valid("TEC-7K3M-9QXP")
    assert not references.is_valid("TEC-7K3N-9QXK")
