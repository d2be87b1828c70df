"""Search over advice pages, on SQLite (FTS5) and PostgreSQL (full-text search)."""

from __future__ import annotations

import dataclasses

import pytest

from portal.content import library, search
from portal.data import db
from tests.integration.search_queries import QUERIES


@pytest.mark.database
def test_realistic_searches_put_the_right_page_first(db_app):
    with db_app.app_context():
        search.rebuild(db.session, library())
        misses = []
        for query, expected in QUERIES:
            found = [result.page_id for result in search.search(db.session, query, "en")]
            if found[:1] != [expected]:
                misses.append(f"{query!r}: expected {expected}, got {found[:3]}")
    assert len(QUERIES) >= 20
    assert not misses, "\n".join(misses)


@pytest.mark.database
def test_the_search_page_finds_carers_help_for_an_exhausted_carer(db_app):
    client = db_app.test_client()
    html = client.get("/advice/search?q=I look after my mum and I'm exhausted").get_data(
        as_text=True
    )
    first_results = html[html.index("app-search-results") :][:3000]
    assert 'href="/advice/carers/carers-assessment"' in first_results
    assert 'href="/advice/carers/breaks-for-carers"' in first_results
    assert "<mark>" in html  # the words found are highlighted


@pytest.mark.database
def test_the_index_rebuilds_itself_when_content_changes(db_app):
    with db_app.app_context():
        content = library()
        assert search.ensure_current(db.session, content) is True
        assert search.ensure_current(db.session, content) is False
        changed = dataclasses.replace(content, fingerprint="changed")
        assert search.ensure_current(db.session, changed) is True


def test_no_results_offers_other_ways_to_find_help(client):
    html = client.get("/advice/search?q=xylophone").get_data(as_text=True)
    assert "We could not find any advice pages matching ‘xylophone’" in html
    assert 'href="tel:03456037630"' in html
    assert 'href="/advice/carers"' in html


def test_search_words_are_shown_safely(client):
    html = client.get("/advice/search?q=<script>alert(1)</script> carer").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_a_very_long_search_gets_a_clear_error(client):
    html = client.get("/advice/search?q=" + "a" * 201).get_data(as_text=True)
    assert "<title>Error:" in html
    assert "Search words must be 200 characters or fewer" in html


def test_an_empty_search_shows_just_the_box(client):
    html = client.get("/advice/search").get_data(as_text=True)
    assert 'name="q"' in html and "pages found" not in html


def test_polish_search_finds_polish_pages(client, app):
    content = app.extensions["frontdoor.content"]
    translated = [page for (locale, _), page in content.pages.items() if locale == "pl"]
    assert translated, "no Polish pages to search"
    word = translated[0].title.split()[-1]
    html = client.get(f"/pl/advice/search?q={word}").get_data(as_text=True)
    assert f'href="/pl/advice/{translated[0].id}"' in html
