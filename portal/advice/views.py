"""Advice pages, topic pages and search."""

from __future__ import annotations

import logging
from functools import partial

from flask import abort, current_app, render_template, request
from flask_babel import gettext
from sqlalchemy.exc import SQLAlchemyError

from portal.advice import bp
from portal.content import library
from portal.content import markdown as content_markdown
from portal.content import search as content_search
from portal.data import db, directory
from portal.i18n import current_locale, localised_path, localised_route, localised_url
from portal.safety import mark_sensitive

log = logging.getLogger(__name__)
SEARCH_MAX = 200
# Pages in this topic offer the quick exit: someone reading them may be at risk at home.
SAFEGUARDING = "safeguarding"


def _topic_arguments() -> list[dict]:
    return [{"topic_id": topic.id} for topic in library().topics]


def _page_arguments() -> list[dict]:
    return [{"topic_id": page.topic, "slug": page.slug} for page in library().english()]


def local_services(topic_id: str, limit: int = 4) -> list:
    """Directory services for a topic; advice still shows if the database cannot answer."""
    try:
        return directory.services_for_topic(topic_id, limit)
    except SQLAlchemyError:
        log.warning("local services unavailable", extra={"event": "directory_unavailable"})
        db.session.rollback()
        return []


def rendered(page):
    """The page's HTML, rendered once per page and language and then kept."""
    cache = current_app.extensions.setdefault("frontdoor.rendered", {})
    key = (current_locale(), page.locale, page.id)
    if key not in cache:
        cache[key] = content_markdown.render(
            page.body,
            link_for=partial(localised_path, locale=current_locale()),
            labels={"warning": gettext("Warning")},
        )
    return cache[key]


@localised_route(bp, "/advice", sitemap=True)
def index():
    return render_template("advice/index.html", topics=library().topics)


@localised_route(bp, "/advice/<topic_id>", sitemap=_topic_arguments)
def topic(topic_id: str):
    found = library().topic(topic_id)
    if found is None:
        abort(404)
    if topic_id == SAFEGUARDING:
        mark_sensitive()
    pages = library().in_topic(topic_id, current_locale())
    return render_template(
        "advice/topic.html", topic=found, pages=pages, services=local_services(topic_id, 6)
    )


def known_page(topic_id: str, slug: str):
    """The page at this address in the reader's language, or 404."""
    found = library().page(current_locale(), f"{topic_id}/{slug}")
    if found is None or found.topic != topic_id:
        abort(404)
    return found


@localised_route(bp, "/advice/<topic_id>/<slug>", sitemap=_page_arguments)
def page(topic_id: str, slug: str, useful_form=None):
    from portal.advice.useful import UsefulForm

    content = library()
    found = known_page(topic_id, slug)
    if SAFEGUARDING in found.topics:
        mark_sensitive()
    related = [content.page(current_locale(), page_id) for page_id in found.related]
    return render_template(
        "advice/page.html",
        page=found,
        topic=content.topic(found.topic),
        body=rendered(found),
        related=related,
        services=local_services(found.topic),
        english_url=localised_url("advice.page", "en", topic_id=topic_id, slug=slug),
        form=useful_form or UsefulForm(),
        useful_thanks=request.args.get("useful") == "thanks",
    )


@localised_route(bp, "/advice/search")
def search():
    query = request.args.get("q", "").strip()
    error = None
    results = []
    if len(query) > SEARCH_MAX:
        error = gettext("Search words must be 200 characters or fewer")
    elif query:
        content = library()
        fresh = current_app.extensions.get("frontdoor.search_fingerprint")
        if fresh != content.fingerprint:
            content_search.ensure_current(db.session, content)
            current_app.extensions["frontdoor.search_fingerprint"] = content.fingerprint
        results = content_search.search(db.session, query, current_locale())
    return render_template(
        "advice/search.html",
        query=query,
        results=results,
        error=error,
        topics=library().topics,
        search_max=SEARCH_MAX,
    )
