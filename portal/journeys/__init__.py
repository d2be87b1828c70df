"""The journey engine: forms defined in forms/*.yaml, run by one set of pages."""

from __future__ import annotations

from flask import Flask, abort, current_app

from portal.journeys.schema import Journey, load_journeys


def init_journeys(app: Flask) -> None:
    """Load and check every journey file and the routing rules; the app does not start with a
    broken journey, rather than failing when a resident sends their form."""
    from portal.journeys.display import init_display
    from portal.journeys.routing_checks import check_journeys
    from portal.journeys.text import init_text

    journeys = load_journeys()
    check_journeys(journeys)
    init_display(app)
    init_text(app)
    app.extensions["frontdoor.journeys"] = journeys
    app.extensions["frontdoor.journey_slugs"] = {j.slug: j for j in journeys.values()}
    app.jinja_env.globals["all_journeys"] = all_journeys
    # In the order the files declare (load_journeys sorts them).
    app.jinja_env.globals["start_journeys"] = lambda: list(journeys.values())


def all_journeys() -> dict[str, Journey]:
    return current_app.extensions["frontdoor.journeys"]


def by_slug(slug: str) -> Journey:
    journey = current_app.extensions["frontdoor.journey_slugs"].get(slug)
    if journey is None:
        abort(404)
    return journey
