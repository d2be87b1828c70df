"""Pages someone may need to leave, and hide, quickly: safeguarding advice and sensitive forms.

Such pages show GOV.UK's "Exit this page" button (press Shift three times, or select it), which
replaces the page with a neutral website, and are sent with ``Cache-Control: no-store`` so the
browser keeps no copy to be found with the Back button or in its cache.
"""

from __future__ import annotations

from flask import Flask, Response, g

# A neutral, fast page that gives nothing away (the GOV.UK Design System's own example).
EXIT_URL = "https://www.bbc.co.uk/weather"


def mark_sensitive() -> None:
    """Call from a view whose page must offer the quick exit and must not be stored."""
    g.sensitive_page = True


def is_sensitive() -> bool:
    return bool(g.get("sensitive_page"))


def _no_store(response: Response) -> Response:
    if g.get("sensitive_page"):
        response.headers["Cache-Control"] = "no-store, max-age=0"
        response.headers["Pragma"] = "no-cache"
    return response


def init_safety(app: Flask) -> None:
    app.after_request(_no_store)
    app.jinja_env.globals.update(exit_url=EXIT_URL, is_sensitive=is_sensitive)
