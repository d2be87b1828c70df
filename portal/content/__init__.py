"""Advice content: loading and checking pages, rendering them, searching them."""

from __future__ import annotations

import re

from flask import Flask, current_app

from portal.contacts import CALL_SENTENCES
from portal.content.pages import ContentError, Library, Page, Topic, load_library
from portal.i18n import is_localised

__all__ = ["ContentError", "Library", "Page", "Topic", "init_content", "library"]


def library() -> Library:
    return current_app.extensions["frontdoor.content"]


def site_paths(app: Flask) -> set[str]:
    """Addresses of the site's own pages that take no arguments and exist in every language,
    which advice may link to."""
    paths = set()
    for rule in app.url_map.iter_rules():
        if not is_localised(rule.endpoint) or "GET" not in (rule.methods or ()):
            continue
        if rule.arguments <= {"lang"} and "<" not in rule.rule:
            paths.add(rule.rule.rstrip("/") or "/")
    # Each form's start page takes its name as an argument, so it is added by name.
    return paths | {f"/forms/{journey}" for journey in app.extensions["frontdoor.journeys"]}


def published_phones(contacts: dict) -> set[str]:
    """The council's published numbers, as digits, which advice pages may give as tel: links."""
    return {
        re.sub(r"\D", "", number)
        for contact in contacts.values()
        for number in (contact.phone, contact.textphone)
        if number
    }


def load_checked(app: Flask, content_dir=None) -> Library:
    """The library at ``content_dir`` (default: content/), checked against this app's routes."""
    return load_library(
        content_dir,
        known_paths=site_paths(app),
        phones=published_phones(app.extensions["frontdoor.contacts"]),
        contact_keys=set(CALL_SENTENCES),
        journey_ids=set(app.extensions["frontdoor.journeys"]),
    )


def init_content(app: Flask) -> None:
    """Load and check every advice page; the app does not start with broken content."""
    app.extensions["frontdoor.content"] = load_checked(app)
    app.jinja_env.globals.update(library_page=_library_page, advice_topics=lambda: library().topics)


def _library_page(page_id: str) -> Page | None:
    from portal.i18n import current_locale

    return library().page(current_locale(), page_id)
