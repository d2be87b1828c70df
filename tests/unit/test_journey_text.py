"""Journey text: each word is looked up by where it is used, and English shown on a page in
another language is marked as English."""

from __future__ import annotations

from markupsafe import escape

from portal.journeys.schema import FORMS_DIR, load_journey
from portal.journeys.text import journey_texts, question_text
from tests.catalogues import app_reading, copy_translations, edit

SAFE_TIME = "When is it safe to call you?"


def test_two_questions_with_the_same_english_are_translated_apart(tmp_path, sqlite_url):
    carers = load_journey(FORMS_DIR / "carers-assessment.yaml")
    places = [text.context for text in journey_texts(carers) if text.message == SAFE_TIME]
    assert places == ["question call_times", "question call_times_detail"]
    folder = copy_translations(tmp_path / "translations")
    translations = {
        ("question call_times", SAFE_TIME): "Kiedy możemy bezpiecznie zadzwonić?",
        ("question call_times_detail", SAFE_TIME): "W jakich godzinach możemy bezpiecznie dzwonić?",
    }
    edit(folder, "pl", translate=translations)

    with (
        app_reading(folder, sqlite_url, migrated=False) as app,
        app.test_request_context("/pl/forms/carers-assessment/call_times"),
    ):
        assert question_text("call_times", SAFE_TIME) == "Kiedy możemy bezpiecznie zadzwonić?"
        assert question_text("call_times_detail", SAFE_TIME) == (
            "W jakich godzinach możemy bezpiecznie dzwonić?"
        )


def test_english_shown_for_want_of_a_translation_is_marked_in_html_only(app):
    untranslated = "Is there <anything> else?"
    with app.test_request_context("/ur/forms/carers-assessment/anything"):
        shown = question_text("not_in_any_file", untranslated)
        assert shown == untranslated  # as text (a page title, a text file): the words alone
        assert escape(shown) == ('<span lang="en" dir="ltr">Is there &lt;anything&gt; else?</span>')
    with app.test_request_context("/forms/carers-assessment/anything"):
        assert escape(question_text("not_in_any_file", untranslated)) == (
            "Is there &lt;anything&gt; else?"
        )
