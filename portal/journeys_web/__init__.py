"""The journey pages: the web door onto the journey engine (portal/journeys), for residents and
call handlers. The engine knows nothing of these pages, so another door (the API) can run the
same journeys; this package only turns requests into engine calls and pages."""

from flask import Blueprint
from werkzeug.routing import BaseConverter


class ReferenceConverter(BaseConverter):
    """A draft's reference in its pages' addresses: lower case, like the rest of the address
    (/forms/carers-assessment/car-7k3m-9qxk/tasks), and read back in either case."""

    regex = r"[A-Za-z]{3}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value.lower()


bp = Blueprint("journeys", __name__)
# Before the routes below are added: a rule is checked against the app's converters as it is.
bp.record_once(lambda state: state.app.url_map.converters.setdefault("ref", ReferenceConverter))

from portal.journeys_web import equality, saving, views  # noqa: E402,F401  (routes register on import)
