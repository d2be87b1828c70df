"""Signing in to the staff workspace in a browser, through its pages as a person would: email
and password, then the authenticator's code."""

from __future__ import annotations

from collections.abc import Callable

import pyotp

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
