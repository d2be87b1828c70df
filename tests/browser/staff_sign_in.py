"""Signing in to the staff workspace in a browser, through its pages as a person would: email
and password, then the authenticator's code."""

from __future__ import annotations

import time
from collections.abc import Callable

import pyotp

from portal.data.accounts import by_email
from portal.demo import DEMO_PASSWORD, DEMO_STAFF
from tests.browser.clicks import follow
from tests.staff import PASSWORD


def sign_in(
    page,
    base: str,
    email: str,
    secret: str,
    *,
    password: str = PASSWORD,
    code: Callable[[], str] | None = None,
) -> None:
    """Signed in and at the staff start page. ``code`` gives the authenticator's code when
    the current one will not do (a shared account that may have used it already)."""
    page.goto(base + "/staff/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    follow(page.locator("button[name=submit]"))
    page.fill("#code", code() if code else pyotp.TOTP(secret).now())
    follow(page.locator("button[name=submit]"))
    assert page.url == base + "/staff", page.locator("main").inner_text()


# The demo accounts (portal/demo.py), by role: (email, name, authenticator secret).
DEMO = {role: (email, name, secret) for email, name, role, _teams, secret in DEMO_STAFF}


def next_code(app, email: str, secret: str) -> str:
    """The authenticator's code for a step this account has not used yet: the demo accounts
    are shared by the browser tests, and a code is never accepted twice."""
    with app.app_context():
        last = by_email(email).totp_last_step or 0
    step = max(int(time.time() // 30), last + 1)
    return pyotp.TOTP(secret).generate_otp(step)


def sign_in_as(page, live_server, role: str) -> None:
    email, _name, secret = DEMO[role]
    page.context.clear_cookies()
    sign_in(
        page,
        live_server.url,
        email,
        secret,
        password=DEMO_PASSWORD,
        code=lambda: next_code(live_server.app, email, secret),
    )
