"""Staff sign-in: password then a code, a new session, throttling and locks, sign-out, the idle
timeout, and every step audited."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import time_machine
from sqlalchemy import select

from portal.data import db
from portal.data.accounts import by_email
from portal.data.audit import AuditEvent
from tests.staff import (
    PASSWORD,
    form_token,
    make_account,
    sign_in,
    submit_code,
    submit_password,
)

EMAIL = "jo.bloggs@essex.gov.uk"
# A fixed Tuesday morning in winter (GMT): times in messages are London times.
MORNING = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_first_sign_in_sets_up_the_app_shows_recovery_codes_once_and_lands_on_the_start_page(
    app, client, clock
):
    make_account(app, EMAIL, enrolled=False)
    response = submit_password(client, EMAIL.upper())  # email addresses are not case-sensitive
    assert response.headers["Location"] == "/staff/sign-in/set-up-app"
    page = client.get("/staff/sign-in/set-up-app").get_data(as_text=True)
    assert '<svg role="img"' in page and "<title>QR code" in page
    secret = re.search(r'id="secret-key">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    # The same secret until it is confirmed, so a reload does not break a half-done set-up.
    assert secret in client.get("/staff/sign-in/set-up-app").get_data(as_text=True).replace(" ", "")

    done = submit_code(client, pyotp.TOTP(secret).now(), "/staff/sign-in/set-up-app")
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-9-]{19})</code>", done.get_data(as_text=True))
    assert len(codes) == 10
    home = client.get("/staff").get_data(as_text=True)
    assert "Jo Bloggs" in home and "Carers (Carers)" in home and "Caseworker" in home
    assert not any(code in home for code in codes)
    assert actions(app)[-2:] == ["two-factor-set-up", "signed-in"]


def test_signing_in_starts_a_new_session_with_a_new_csrf_token(app, client, clock):
    secret = make_account(app, EMAIL)
    before = form_token(client, "/staff/sign-in")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    response = sign_in(client, EMAIL, secret)
    assert response.headers["Location"] == "/staff"
    with client.session_transaction() as session:
        assert "planted" not in session
        assert "csrf_token" not in session  # the next form makes a fresh one
    assert form_token(client, "/staff") != before


def test_sign_in_returns_to_the_staff_page_asked_for_but_never_to_another_site(app, client, clock):
    secret = make_account(app, EMAIL, role="auditor")
    assert client.get("/staff/audit-log").headers["Location"] == (
        "/staff/sign-in?next=/staff/audit-log"
    )
    submit_password(client, EMAIL, next_path="/staff/audit-log")
    assert submit_code(client, pyotp.TOTP(secret).now()).headers["Location"] == "/staff/audit-log"
    other = app.test_client()
    submit_password(other, EMAIL, next_path="//evil.example/staff")
    clock.shift(timedelta(seconds=30))
    assert submit_code(other, pyotp.TOTP(secret).now()).headers["Location"] == "/staff"


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong(app, client, clock):
    make_account(app, EMAIL)
    for email, password in ((EMAIL, "not the password"), ("nobody@essex.gov.uk", PASSWORD)):
        response = submit_password(client, email, password)
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Enter a correct email address and password" in page
        assert "<title>Error:" in page
    assert actions(app)[-2:] == ["sign-in-failed", "sign-in-failed"]


def test_the_code_page_needs_a_password_first(client):
    assert client.get("/staff/sign-in/code").headers["Location"] == "/staff/sign-in"


def test_failures_slow_down_after_three_and_a_correct_password_must_wait_too(app, client, clock):
    make_account(app, EMAIL)
    for _ in range(3):
        page = submit_password(client, EMAIL, "not the password").get_data(as_text=True)
    assert "Wait 5 seconds before you try again" in page
    refused = submit_password(client, EMAIL).get_data(as_text=True)
    assert "Wait 5 seconds before you try again" in refused
    clock.shift(timedelta(seconds=6))
    assert submit_password(client, EMAIL).status_code == 303


def test_the_tenth_failure_locks_the_account_for_an_hour_and_says_when_to_try_again(
    app, client, clock
):
    secret = make_account(app, EMAIL)
    for _ in range(9):
        submit_password(client, EMAIL, "not the password")
        clock.shift(timedelta(minutes=10))
    page = submit_password(client, EMAIL, "not the password").get_data(as_text=True)
    # 10 failures, 10 minutes apart from 9am: locked at 10:30am until 11:30am (GMT).
    assert "Your account is locked" in page
    assert "Try again after 11:30am, or ask an account administrator to unlock it" in page
    assert "Your account is locked" in submit_password(client, EMAIL).get_data(as_text=True)
    assert "account-locked" in actions(app)
    clock.shift(timedelta(hours=1))
    assert sign_in(client, EMAIL, secret).headers["Location"] == "/staff"


def test_wrong_codes_count_with_wrong_passwords_so_a_stolen_password_cannot_guess_codes(
    app, client, clock
):
    make_account(app, EMAIL)
    for _ in range(10):
        # The right password each time (past each wait): only the wrong codes count.
        assert submit_password(client, EMAIL).status_code == 303
        page = submit_code(client, "000000").get_data(as_text=True)
        clock.shift(timedelta(minutes=6))
    assert "Your account is locked" in page
    with app.app_context():
        assert by_email(EMAIL).failed_attempts == 10


def test_a_disabled_account_is_told_so_only_with_the_right_password(app, client, clock):
    make_account(app, EMAIL)
    result = app.test_cli_runner().invoke(args=["users", "disable", EMAIL])
    assert result.exit_code == 0, result.output
    assert "has been disabled" in submit_password(client, EMAIL).get_data(as_text=True)
    assert "has been disabled" not in submit_password(client, EMAIL, "wrong guess here").get_data(
        as_text=True
    )


def test_a_recovery_code_signs_in_once_and_the_start_page_says_how_many_are_left(
    app, client, clock
):
    make_account(app, EMAIL, enrolled=False)
    submit_password(client, EMAIL)
    page = client.get("/staff/sign-in/set-up-app").get_data(as_text=True)
    secret = re.search(r'id="secret-key">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    done = submit_code(client, pyotp.TOTP(secret).now(), "/staff/sign-in/set-up-app")
    code = re.findall(r"<code>([a-z2-9-]{19})</code>", done.get_data(as_text=True))[0]

    other = app.test_client()
    submit_password(other, EMAIL)
    response = submit_code(other, code, "/staff/sign-in/recovery-code")
    assert response.headers["Location"] == "/staff"
    assert "You have 9 left" in other.get("/staff").get_data(as_text=True)
    third = app.test_client()
    submit_password(third, EMAIL)
    again = submit_code(third, code, "/staff/sign-in/recovery-code").get_data(as_text=True)
    assert "not right or has been used" in again
    assert "recovery-code-used" in actions(app)


def test_a_second_set_up_is_refused_once_the_app_is_set_up(app, client, clock):
    make_account(app, EMAIL)
    submit_password(client, EMAIL)
    assert client.get("/staff/sign-in/set-up-app").headers["Location"] == "/staff/sign-in/code"


def test_signing_out_ends_the_session_here_and_on_every_other_device(app, client, clock):
    secret = make_account(app, EMAIL)
    sign_in(client, EMAIL, secret)
    elsewhere = app.test_client()
    clock.shift(timedelta(seconds=30))
    sign_in(elsewhere, EMAIL, secret)
    csrf = form_token(client, "/staff")
    response = client.post("/staff/sign-out", data={"csrf_token": csrf})
    assert response.headers["Location"] == "/staff/signed-out"
    assert client.get("/staff").status_code == 302
    assert elsewhere.get("/staff").status_code == 302
    assert actions(app)[-1] == "signed-out"


def test_thirty_minutes_without_a_request_signs_out_and_the_sign_in_page_says_why(
    app, client, clock
):
    secret = make_account(app, EMAIL)
    sign_in(client, EMAIL, secret)
    clock.shift(timedelta(minutes=29))
    assert client.get("/staff").status_code == 200  # a request renews the session
    clock.shift(timedelta(minutes=31))
    response = client.get("/staff")
    assert response.headers["Location"] == "/staff/sign-in?next=/staff&reason=timed-out"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "had not done anything for 30 minutes" in page
    assert actions(app)[-1] == "timed-out"


def test_the_start_page_carries_the_timeout_warning_of_the_journeys(app, client, clock):
    secret = make_account(app, EMAIL)
    sign_in(client, EMAIL, secret)
    page = client.get("/staff").get_data(as_text=True)
    assert 'data-module="app-timeout-warning" data-timeout="1800" data-warning="300"' in page
    assert 'data-keep-alive="/staff/keep-alive"' in page
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    clock.shift(timedelta(minutes=28))
    assert client.post("/staff/keep-alive", headers={"X-CSRFToken": csrf}).status_code == 200
    clock.shift(timedelta(minutes=28))
    assert client.get("/staff").status_code == 200


def test_the_warning_page_signs_out_only_a_session_that_has_really_been_idle(app, client, clock):
    secret = make_account(app, EMAIL)
    sign_in(client, EMAIL, secret)
    assert client.get("/staff/session-ended").headers["Location"] == "/staff"
    clock.shift(timedelta(minutes=30))
    assert "You have been signed out" in client.get("/staff/session-ended").get_data(as_text=True)
    assert client.get("/staff").status_code == 302


@pytest.mark.parametrize("path", ["/staff/sign-in", "/staff", "/staff/no-such-page"])
def test_staff_pages_are_never_cached_or_indexed(client, path):
    response = client.get(path)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"


def test_robots_txt_keeps_crawlers_out_of_the_staff_pages_and_the_sitemap_lists_none(client):
    assert "Disallow: /staff\n" in client.get("/robots.txt").get_data(as_text=True)
    assert "/staff" not in client.get("/sitemap.xml").get_data(as_text=True)


def test_a_sign_in_posted_without_its_csrf_token_is_shown_again_and_checks_nothing(
    app, client, clock
):
    make_account(app, EMAIL)
    response = client.post("/staff/sign-in", data={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 400
    assert "Your session timed out" in response.get_data(as_text=True)
    assert client.get("/staff/sign-in/code").headers["Location"] == "/staff/sign-in"
    assert actions(app) == ["user-created"]
