"""Error pages: the right status, the GOV.UK wording, the phone numbers, never a traceback."""

from __future__ import annotations

import socket

import pytest
from flask import abort

from tests.conftest import build_app
from tests.journey_walker import form_token

PHONE = 'href="tel:03456037630"'


def assert_error_page(response, status: int, heading: str) -> str:
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert heading in html
    assert PHONE in html
    assert "Traceback" not in html and 'File "' not in html
    assert response.headers["Cache-Control"] == "no-store"
    return html


@pytest.fixture
def failing_app(sqlite_url):
    """An app with routes that fail on purpose, to see the pages people would get."""
    app = build_app(sqlite_url)

    @app.get("/test-forbidden")
    def forbidden():
        abort(403)

    @app.get("/test-crash")
    def crash():
        raise RuntimeError("secret internals: resident NHS number 943 476 5919")

    return app


def test_missing_page_gets_404_with_phone_numbers(client):
    assert_error_page(client.get("/no-such-page"), 404, "Page not found")


def test_missing_page_under_a_language_is_in_that_language(client):
    html = client.get("/pl/no-such-page").get_data(as_text=True)
    assert '<html lang="pl"' in html


def test_forbidden_gets_403(failing_app):
    response = failing_app.test_client().get("/test-forbidden")
    assert_error_page(response, 403, "You do not have permission to see this page")


def test_crash_gets_500_without_any_internals(failing_app):
    response = failing_app.test_client().get("/test-crash")
    html = assert_error_page(response, 500, "Sorry, there is a problem with the service")
    assert "secret internals" not in html and "RuntimeError" not in html


def test_wrong_method_gets_405(client):
    response = client.put("/feedback")
    assert_error_page(response, 405, "Sorry, there is a problem with your request")
    assert "POST" in response.headers["Allow"]


def test_oversized_body_gets_413(sqlite_url):
    app = build_app(sqlite_url, max_request_bytes=2048)
    response = app.test_client().post(
        "/feedback", data={"satisfaction": "satisfied", "improvement": "x" * 5000}
    )
    assert_error_page(response, 413, "What you sent is too large")


def test_post_without_csrf_token_to_a_non_form_route_gets_400(client):
    response = client.post("/sitemap.xml")
    # Not a form page: the generic page, never a crash.
    assert response.status_code in (400, 405)
    assert PHONE in response.get_data(as_text=True)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_with_database_down():
    url = f"postgresql+psycopg://nobody@127.0.0.1:{_closed_port()}/frontdoor"
    return build_app(url, migrated=False)


def test_health_check_reports_a_database_that_is_down(app_with_database_down):
    response = app_with_database_down.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {
        "status": "unavailable",
        "database": {"status": "unavailable", "engine": "postgresql"},
    }


def test_form_posted_while_the_database_is_down_gets_503_with_phone_numbers(
    app_with_database_down,
):
    client = app_with_database_down.test_client()
    csrf = form_token(client, "/feedback")
    response = client.post("/feedback", data={"csrf_token": csrf, "satisfaction": "satisfied"})
    html = assert_error_page(response, 503, "Sorry, the service is unavailable")
    assert "psycopg" not in html and "OperationalError" not in html


def test_pages_that_need_no_database_still_work_when_it_is_down(app_with_database_down):
    assert app_with_database_down.test_client().get("/contact").status_code == 200
