"""Public pages: the start page, the service's own information pages and service feedback."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from portal.public import feedback, pages  # noqa: E402,F401  (routes register on import)
