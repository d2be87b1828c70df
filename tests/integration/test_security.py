"""Security defaults a browser or a caller can observe in the responses."""

from __future__ import annotations

import json
import logging
import re

from tests.conftest import build_app
from tests.journey_walker import form_token
from tests.signed_in import FakeUser, sign_in_set_up


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self';" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert f'nonce="{nonce}"' in response.get_data(as_text=True)
    # A new nonce for every response.
    assert nonce not in client.get("/").headers["Content-Security-Policy"]


def test_pages_carry_the_other_security_headers(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS would be ignored


def test_hsts_is_sent_over_https(client):
    headers = client.get("/", base_url="https://localhost").headers
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_session_cookie_is_httponly_samesite_and_secure_in_production(sqlite_url):
    app = build_app(sqlite_url, environ={"FRONTDOOR_ENV": "production"})
    client = app.test_client()
    client.get("/feedback", base_url="https://localhost")
    cookie = client.get_cookie("frontdoor_session")
    assert cookie is not None
    assert cookie.http_only and cookie.secure and cookie.same_site == "Lax"


def test_session_cookie_is_not_secure_in_local_development(sqlite_url):
    app = build_app(sqlite_url, environ={"FRONTDOOR_ENV": "development"})
    client = app.test_client()
    client.get("/feedback")
    cookie = client.get_cookie("frontdoor_session")
    assert cookie.http_only and not cookie.secure


def test_every_response_has_a_request_id(client):
    response = client.get("/")
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])
    incoming = client.get("/", headers={"X-Request-ID": "lb-1234567890"})
    assert incoming.headers["X-Request-ID"] == "lb-1234567890"
    forged = client.get("/", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert "<" not in forged.headers["X-Request-ID"]


def test_logs_are_json_with_the_request_id_and_never_the_answers(app, client, capfd):
    csrf = form_token(client, "/feedback")
    secret_answer = "My neighbour Mrs Example at 1 Sample Road"
    response = client.post(
        "/feedback?email=resident@example.com",
        data={"csrf_token": csrf, "satisfaction": "neither", "improvement": secret_answer},
    )
    logged = capfd.readouterr().err
    assert secret_answer not in logged
    assert "resident@example.com" not in logged
    entries = [json.loads(line) for line in logged.splitlines() if line.startswith("{")]
    post = [e for e in entries if e.get("method") == "POST"]
    assert post and post[-1]["path"] == "/feedback"
    assert post[-1]["request_id"] == response.headers["X-Request-ID"]
    assert post[-1]["status"] == 303


def test_database_errors_never_log_the_answers(sqlite_url, capfd):
    app = build_app(sqlite_url, migrated=False)  # no tables: the insert fails
    client = app.test_client()
    csrf = form_token(client, "/feedback")
    secret_answer = "Details about my father's dementia"
    client.post(
        "/feedback",
        data={"csrf_token": csrf, "satisfaction": "neither", "improvement": secret_answer},
    )
    assert secret_answer not in capfd.readouterr().err
    logging.getLogger("portal").handlers[0].flush()


def test_html_is_compressed_for_browsers_that_accept_it(client):
    response = client.get("/privacy", headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Vary"].lower().find("accept-encoding") >= 0


def test_assets_have_hashed_names_long_cache_lives_and_compressed_copies(app, client):
    html = client.get("/").get_data(as_text=True)
    css = re.search(r'href="(/assets/main\.[0-9a-f]{10}\.css)"', html).group(1)
    response = client.get(css, headers={"Accept-Encoding": "br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_signed_in_call_handlers_behind_one_address_are_limited_one_by_one(sqlite_url, monkeypatch):
    """A call centre sits behind one address: one busy call handler must not stop the others,
    nor the residents who share that address."""
    app = build_app(sqlite_url, submission_rate_limit="2 per minute")
    who = sign_in_set_up(monkeypatch, app)
    client = app.test_client()
    csrf = form_token(client, "/forms/contact-form")

    def start_as(user_id):
        who.current_user = FakeUser(user_id)
        return client.post("/forms/contact-form/start", data={"csrf_token": csrf}).status_code

    assert [start_as("caller-1") for _ in range(3)] == [303, 303, 429]
    assert [start_as("caller-2") for _ in range(2)] == [303, 303]
    assert start_as(None) == 303  # the address's own allowance is untouched
    app.extensions["frontdoor.db"][0].dispose()
