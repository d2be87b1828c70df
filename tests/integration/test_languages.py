"""Interpreters: every form picks the language from one list (ISO 639 codes, BSL included, or
another language typed in), so staff can book an interpreter without guessing."""

from __future__ import annotations

import re

from portal.data import db
from portal.journeys import drafts
from portal.journeys.languages import languages
from tests.journey_walker import example, reference_in, start_draft

CARERS = "/forms/carers-assessment"
ESSEX_LANGUAGES = [
    "pl",
    "ur",
    "ro",
    "lt",
    "bn",
    "pa",
    "tr",
    "pt",
    "ar",
    "ru",
    "uk",
    "cmn",
    "yue",
    "gu",
    "ta",
    "sq",
    "kmr",
    "ckb",
    "ps",
    "fa",
    "ti",
    "so",
    "es",
    "fr",
    "it",
    "bg",
    "hu",
    "lv",
    "sk",
    "cs",
    "hi",
    "ne",
    "tl",
    "vi",
    "yo",
    "tw",
    "bfi",
]


def at_language_page(app, prefix=""):
    """A carer's form answered from the example up to the interpreter's language: the client,
    its CSRF token and the address of that page."""
    client = app.test_client()
    csrf, form = start_draft(client, f"{prefix}{CARERS}")
    answers = {**example("carers-assessment"), "communication": "interpreter"}
    answers.pop("interpreter_language", None)
    with app.app_context():
        drafts.save(drafts.by_reference(reference_in(form)), answers)
        db.session.commit()
    address = f"{form}/interpreter_language"
    page = client.get(address)
    assert page.status_code == 200, page.headers.get("Location")
    return client, csrf, address


def test_the_list_has_the_languages_essex_residents_speak():
    assert set(ESSEX_LANGUAGES) <= set(languages())
    for code in languages():
        assert re.fullmatch(r"[a-z]{2,3}", code)  # ISO 639-1, or 639-3 where there is none


def test_each_language_shows_its_own_name_marked_with_its_language(app):
    client, _, address = at_language_page(app)
    html = client.get(address).get_data(as_text=True)
    assert 'Polish (<span lang="pl" dir="ltr">polski</span>)' in html
    assert 'Urdu (<span lang="ur" dir="rtl">اردو</span>)' in html
    assert "British Sign Language (BSL)" in html
    assert 'value="other"' in html and 'name="interpreter_language-other"' in html
    # In Polish, the English names are translated and a name is not repeated as its own.
    client, _, address = at_language_page(app, "/pl")
    assert address.startswith("/pl/forms/")
    polish = client.get(address).get_data(as_text=True)
    assert 'Urdu (<span lang="ur"' in polish
    assert re.search(r"Polski\s*</label>", polish)


def test_a_language_is_stored_as_its_code_and_another_as_typed(app):
    client, csrf, page = at_language_page(app)
    missing = client.post(page, data={"csrf_token": csrf})
    assert "Select the language you need an interpreter for" in missing.get_data(as_text=True)
    untyped = client.post(page, data={"csrf_token": csrf, "interpreter_language": "other"})
    assert "Enter the language" in untyped.get_data(as_text=True)
    unknown = client.post(page, data={"csrf_token": csrf, "interpreter_language": "xx"})
    assert "Select one of the options" in unknown.get_data(as_text=True)
    typed = {"interpreter_language": "other", "interpreter_language-other": "Wolof"}
    assert client.post(page, data={"csrf_token": csrf, **typed}).status_code == 303
    shown = client.get(page).get_data(as_text=True)
    assert 'value="Wolof"' in shown
    chosen = client.post(page, data={"csrf_token": csrf, "interpreter_language": "bfi"})
    assert chosen.status_code == 303
    with app.app_context():
        from sqlalchemy import select

        from portal.data import db
        from portal.data.journeys import Draft

        draft = db.session.scalars(select(Draft)).one()
    assert draft.answers["interpreter_language"] == {"code": "bfi"}
