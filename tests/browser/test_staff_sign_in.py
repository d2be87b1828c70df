"""Signing in to the staff workspace: every step passes axe at 320px and 1280px, and fits."""

from __future__ import annotations

import pyotp
import pytest

from portal.demo import DEMO_PASSWORD, DEMO_STAFF
from tests.browser.conftest import check_at_every_width
from tests.staff import PASSWORD, make_account

pytestmark = pytest.mark.browser


def test_a_demo_caseworker_signs_in_and_every_page_passes_axe_at_every_width(
    narrow_page, live_server, axe_source
):
    email, name, _role, _teams, secret = DEMO_STAFF[0]
    page = narrow_page
    page.goto(live_server.url + "/staff")
    assert page.url.endswith("/staff/sign-in?next=/staff")
    check_at_every_width(page, axe_source, "/staff/sign-in")

    page.locator("button[name=submit]").click()  # nothing typed: the error summary
    page.locator(".govuk-error-summary").wait_for()
    check_at_every_width(page, axe_source, "/staff/sign-in", "/staff/sign-in (with errors)")

    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.locator("button[name=submit]").click()
    page.wait_for_url("**/staff/sign-in/code")
    check_at_every_width(page, axe_source, "/staff/sign-in/code")

    page.fill("#code", pyotp.TOTP(secret).now())
    page.locator("button[name=submit]").click()
    page.wait_for_url(live_server.url + "/staff")
    assert name in page.locator("main").inner_text()
    check_at_every_width(page, axe_source, "/staff")

    page.locator("button", has_text="Sign out").click()
    page.wait_for_url("**/staff/signed-out")
    check_at_every_width(page, axe_source, "/staff/signed-out")


def test_setting_up_the_app_passes_axe_at_every_width_and_shows_the_recovery_codes(
    narrow_page, live_server, axe_source
):
    email = "new.starter@essex.gov.uk"
    make_account(live_server.app, email, enrolled=False)
    page = narrow_page
    page.goto(live_server.url + "/staff/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("button[name=submit]").click()
    page.wait_for_url("**/staff/sign-in/set-up-app")
    check_at_every_width(page, axe_source, "/staff/sign-in/set-up-app")
    assert page.locator("svg[role=img] title").count() == 1

    secret = page.locator("#secret-key").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    page.locator("button[name=submit]").click()
    page.locator("#recovery-codes").wait_for()
    assert page.locator("#recovery-codes li").count() == 10
    check_at_every_width(page, axe_source, "/staff/sign-in/set-up-app", "recovery codes")
