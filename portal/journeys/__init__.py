"""The journey engine: forms defined in forms/*.yaml, run by one set of pages."""

from __future__ import annotations

from flask import Flask, abort, current_app

from portal.journeys.schema import Journey, load_journeys
from portal.routing import RoutingConfig
from portal.routing import config as read_routing


def init_journeys(app: Flask) -> None:
    """Load and check every journey file and the routing rules in the settings' forms folder
    (FORMS_DIR); the app does not start with a broken journey, rather than failing when a
    resident sends their form."""
    from portal.journeys.display import init_display
    from portal.journeys.routing_checks import check_journeys
    from portal.journeys.text import init_text

    forms_dir = app.extensions["frontdoor.settings"].forms_dir
    journeys = load_journeys(forms_dir)
    rules = read_routing(forms_dir)
    check_journeys(journeys, rules)
    init_display(app)
    init_text(app)
    app.extensions["frontdoor.journeys"] = journeys
    app.extensions["frontdoor.routing"] = rules
    app.extensions["frontdoor.journey_slugs"] = {j.slug: j for j in journeys.values()}
    app.jinja_env.globals["all_journeys"] = all_journeys
    # In the order the files declare (load_journeys sorts them).
    app.jinja_env.globals["start_journeys"] = lambda: list(journeys.values())


def all_journeys() -> dict[str, Journey]:
    return current_app.extensions["frontdoor.journeys"]


def routing_rules() -> RoutingConfig:
    """The routing rules read from the same folder as this app's journeys."""
    return current_app.extensions["frontdoor.routing"]


def by_slug(slug: str) -> Journey:
    journey = current_app.extensions["frontdoor.journey_slugs"].get(slug)
    if journey is None:
        abort(404)
    return journey
