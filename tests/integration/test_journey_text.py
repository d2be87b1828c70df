"""A journey whose wording changed before every language caught up: the new English is shown,
marked as English, in a page that is otherwise in the reader's language."""

from __future__ import annotations

import re

from tests.catalogues import app_reading, copy_translations, edit
from tests.journey_walker import start_draft

TECH = "/pl/forms/care-technology-request"
LABEL = "What is the postcode of the person who needs care technology?"
REQUIRED = "Enter the postcode of the person who needs care technology"


def test_an_untranslated_label_and_error_are_english_marked_as_english_on_a_polish_page(
    tmp_path, sqlite_url
):
    folder = copy_translations(tmp_path / "translations")
    edit(folder, "pl", remove=(("question postcode", LABEL), ("question postcode", REQUIRED)))
    with app_reading(folder, sqlite_url) as app:
        client = app.test_client()
        csrf, form = start_draft(client, TECH)
        assert form.startswith(f"{TECH}/tec-")
        page = client.post(f"{form}/postcode", data={"csrf_token": csrf, "postcode": ""})
    html = page.get_data(as_text=True)

    assert '<html lang="pl" dir="ltr"' in html
    english = f'<span lang="en" dir="ltr">{LABEL}</span>'
    assert re.search(
        rf'<h1 class="govuk-label-wrapper">\s*<label[^>]*>\s*{re.escape(english)}', html
    )
    # The error, in the summary and beside the box, is English too, and marked.
    assert html.count(f'<span lang="en" dir="ltr">{REQUIRED}</span>') == 2
    # The rest of the page is Polish: the hint, the button, the form's name, the title's words.
    assert "Na tej podstawie sprawdzamy, czy ta osoba mieszka" in html
    assert re.search(r'<button type="submit"[^>]*>\s*Dalej\s*</button>', html)
    assert '<span class="govuk-caption-l">Poproś o technologie wspomagające</span>' in html
    # A page title holds text only: the English words, without the markup.
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith(f"Błąd: {LABEL} – ")
