"""The journey pages: the web door onto the journey engine (portal/journeys), for residents and
call handlers. The engine knows nothing of these pages, so another door (the API) can run the
same journeys; this package only turns requests into engine calls and pages."""

from flask import Blueprint

bp = Blueprint("journeys", __name__)

from portal.journeys_web import equality, saving, views  # noqa: E402,F401  (routes register on import)
