"""Information and advice: topics, pages, search and "was this page useful?"."""

from flask import Blueprint

bp = Blueprint("advice", __name__)

from portal.advice import useful, views  # noqa: E402,F401  (routes register on import)
