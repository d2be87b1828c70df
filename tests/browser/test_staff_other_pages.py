"""The staff pages the other browser tests do not reach: the staff accounts page (account
administrators), the recovery-code page (with an error) and the page shown when a session has
ended. Each passes axe at 320px and 1280px and fits."""

from __future__ import annotations

import pytest

from tests.browser.clicks import follow
from tests.browser.conftest import check_at_every_width
from tests.browser.staff_sign_in import sign_in_as
from tests.staff import PASSWORD, make_account

pytestmark = pytest.mark.browser


def test_the_staff_accounts_page_passes_axe_at_every_width(narrow_page, live_server, axe_source):
    page = narrow_page
    sign_in_as(page, live_server, "account-administrator")
    page.goto(live_server.url + "/staff/users")
    assert "caseworker@demo.example" in page.locator("main").inner_text()
    check_at_every_width(page, axe_source, "/staff/users")


def test_the_recovery_code_and_session_ended_pages_pass_axe_at_every_width(
    narrow_page, live_server, axe_source
):
    page, base = narrow_page, live_server.url
    make_account(live_server.app, "recovery.jo@essex.gov.uk", "caseworker")
    page.goto(base + "/staff/sign-in")
    page.fill("#email", "recovery.jo@essex.gov.uk")
    page.fill("#password", PASSWORD)
    follow(page.locator("button[name=submit]"))
    page.goto(base + "/staff/sign-in/recovery-code")
    check_at_every_width(page, axe_source, "/staff/sign-in/recovery-code")
    page.fill("#code", "not-a-code")
    follow(page.locator("button[name=submit]"))
    assert page.locator(".govuk-error-summary").count() == 1
    check_at_every_width(
        page, axe_source, "/staff/sign-in/recovery-code", "/staff/sign-in/recovery-code (error)"
    )
    page.context.clear_cookies()
    page.goto(base + "/staff/session-ended")
    check_at_every_width(page, axe_source, "/staff/session-ended")
