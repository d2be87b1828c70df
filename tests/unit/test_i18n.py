"""Language plumbing: directions, plural messages for component JavaScript, opening times."""

from __future__ import annotations

from datetime import time

import pytest

from portal.components import _sample_numbers, character_count_params
from portal.contacts import Contact, OpeningTimes, load_contacts
from portal.i18n import locale_from_path, text_direction


@pytest.mark.parametrize(
    ("code", "direction"), [("en", "ltr"), ("pl", "ltr"), ("ur", "rtl"), ("ar", "rtl")]
)
def test_text_direction_comes_from_the_language(code, direction):
    assert text_direction(code) == direction


@pytest.mark.parametrize(
    ("path", "locale"),
    [
        ("/", "en"),
        ("/pl/", "pl"),
        ("/ur/contact", "ur"),
        ("/fr/contact", "en"),
        ("/plumbing", "en"),
    ],
)
def test_locale_comes_from_the_first_path_segment(path, locale):
    assert locale_from_path(path) == locale


def test_polish_gets_a_message_for_each_of_its_plural_categories():
    assert set(_sample_numbers("pl")) == {"one", "few", "many", "other"}
    assert set(_sample_numbers("ur")) == {"one", "other"}


def test_character_count_messages_follow_polish_plurals(app):
    with app.test_request_context("/pl/feedback"):
        params = character_count_params(1200)
    under = params["charactersUnderLimitText"]
    assert set(under) == {"one", "few", "many", "other"}
    assert all("%{count}" in message for message in under.values())
    # "1 znak", "2 znaki", "5 znaków": three different forms.
    assert len({under["one"], under["few"], under["many"]}) == 3
    assert "1200" in params["textareaDescriptionText"].replace("\xa0", "").replace(" ", "")


def test_opening_times_in_english_use_the_gov_uk_clock(app):
    contact = Contact(hours=(OpeningTimes("mon", "thu", time(8, 45), time(17, 0)),))
    with app.test_request_context("/"):
        assert contact.opening_times() == ["Monday to Thursday, 8:45am to 5pm"]


def test_contacts_file_names_a_source_for_every_number(tmp_path):
    bad = tmp_path / "contacts.yaml"
    bad.write_text("adult_social_care: {phone: '0345 603 7630'}\n")
    with pytest.raises(ValueError, match="missing"):
        load_contacts(bad)
    contacts = load_contacts()
    assert contacts["adult_social_care"].phone == "0345 603 7630"
    assert contacts["mental_health_crisis"].option == 2
