"""Error pages: the GOV.UK patterns, the phone numbers, never a stack trace.

A form posted with a missing or expired CSRF token is shown again with the person's answers and a
message, rather than an error page that loses what they typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from flask import Flask, current_app, g, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.http import HTTP_STATUS_CODES

log = logging.getLogger("portal.errors")

# Each status has its own page; anything else falls back to the nearest family.
PAGES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    405: "errors/400.html",
    413: "errors/413.html",
    429: "errors/429.html",
    500: "errors/500.html",
    503: "errors/503.html",
}


def rerender_on_csrf_error(view: Callable) -> Callable:
    """Mark a form view that can safely be shown again when its CSRF token fails.

    The view must validate with a PortalForm, which fails on the bad token, or check
    ``portal.forms.csrf_error()`` before storing anything, so the second run shows the answers and
    the message and stores nothing.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    wrapper.rerender_on_csrf = True
    return wrapper


def error_page(status: int):
    if request.path.startswith("/api/"):
        # Machines get JSON, never an HTML page.
        response = jsonify({"error": HTTP_STATUS_CODES.get(status, "Error")})
        response.status_code = status
        return response
    template = PAGES.get(status) or ("errors/500.html" if status >= 500 else "errors/400.html")
    response = make_response(render_template(template, status=status), status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    # Flask-Limiter adds Retry-After to a 429 itself, from its own after_request hook.
    response = error_page(error.code)
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _csrf_error(error: CSRFError):
    view = current_app.view_functions.get(request.endpoint or "")
    log.info("csrf token rejected", extra={"event": "csrf_rejected", "path": request.path})
    if view is not None and getattr(view, "rerender_on_csrf", False):
        g.csrf_failed = True
        response = make_response(view(**(request.view_args or {})))
        response.status_code = 400
        return response
    return error_page(400)


def _database_unavailable(error: Exception):
    # The exception text can name the server; the request id ties this line to the user's report.
    log.error(
        "database unavailable: %s", type(error).__name__, extra={"event": "database_unavailable"}
    )
    return error_page(503)


def _internal_error(error: InternalServerError):
    original = getattr(error, "original_exception", None)
    if isinstance(original, (OperationalError, InterfaceError, PoolTimeout)):
        return _database_unavailable(original)
    return error_page(500)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(InterfaceError, _database_unavailable)
    app.register_error_handler(PoolTimeout, _database_unavailable)
    app.register_error_handler(InternalServerError, _internal_error)
    app.register_error_handler(HTTPException, _http_error)
