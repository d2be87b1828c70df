"""Signing in through the council's identity provider in a browser: the portal's sign-in page,
the provider's own sign-in page (oidc-provider-mock's, where a person types who they are), and
back to the workspace. axe runs on the portal's pages at 320 and 1280 px, not on the provider's,
which is not ours to fix."""

from __future__ import annotations

import pytest

from tests.browser.clicks import follow
from tests.browser.conftest import NO_LIMITS, LiveServer, check_at_every_width
from tests.conftest import build_app
from tests.oidc_provider import CARERS_CASEWORKERS, MFA, environ, groups_file

pytestmark = pytest.mark.browser

BUTTON = "Sign in with your Essex County Council account"


@pytest.fixture(scope="module")
def oidc_server(provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-browser")
    app = build_app(
        f"sqlite:///{folder / 'frontdoor.db'}",
        environ={**NO_LIMITS, **environ(provider.url)},
        identity_groups_file=groups_file(folder),
    )
    with LiveServer(app) as server:
        yield server
    app.extensions["frontdoor.db"][0].dispose()


def at_the_provider(page, provider, server, sub: str) -> None:
    """From the portal's sign-in page, through the provider's page, signed in as ``sub``."""
    # The provider's page styles itself from a CDN; these tests never reach the internet.
    page.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    follow(page.get_by_role("button", name=BUTTON))
    assert page.url.startswith(provider.url + "/oauth2/authorize?")
    page.fill("input[name=sub]", sub)
    follow(page.get_by_role("button", name="Authorize"))
    page.wait_for_url(server.url + "/**")


def test_a_caseworker_signs_in_through_the_providers_page_and_every_portal_page_passes_axe(
    narrow_page, oidc_server, provider, axe_source
):
    provider.set_user(
        "robin",
        email="robin.page@essex.gov.uk",
        name="Robin Page",
        groups=[CARERS_CASEWORKERS],
        amr=MFA,
    )
    page = narrow_page
    page.goto(oidc_server.url + "/staff")
    assert page.url.endswith("/staff/sign-in?next=/staff")
    check_at_every_width(page, axe_source, "/staff/sign-in", "/staff/sign-in (with a provider)")

    at_the_provider(page, provider, oidc_server, "robin")
    assert page.url == oidc_server.url + "/staff"
    main = page.locator("main").inner_text()
    assert "Robin Page" in main and "Carers" in main
    check_at_every_width(page, axe_source, "/staff", "/staff (signed in through the provider)")

    follow(page.locator("button", has_text="Sign out"))
    assert page.url.endswith("/staff/signed-out")
    assert "still signed in to that account" in page.locator("main").inner_text()
    check_at_every_width(page, axe_source, "/staff/signed-out", "/staff/signed-out (provider)")


def test_someone_the_council_has_not_set_up_is_told_whom_to_ask_on_a_page_that_passes_axe(
    narrow_page, oidc_server, provider, axe_source
):
    provider.set_user(
        "stranger", email="stranger@essex.gov.uk", groups=["another-service"], amr=["mfa"]
    )
    page = narrow_page
    page.goto(oidc_server.url + "/staff/sign-in")
    at_the_provider(page, provider, oidc_server, "stranger")
    assert page.locator("h1").inner_text() == "Your council account is not set up for this service"
    assert "ask your manager" in page.locator("main").inner_text()
    check_at_every_width(page, axe_source, "/staff/sign-in/callback", "callback (not set up)")

    follow(page.get_by_role("link", name="Go back to sign in"))
    assert page.url == oidc_server.url + "/staff/sign-in"


def test_an_expired_sign_in_page_passes_axe(narrow_page, oidc_server, axe_source):
    page = narrow_page
    page.goto(oidc_server.url + "/staff/sign-in/callback?code=old&state=from-yesterday")
    assert page.locator("h1").inner_text() == "Your sign-in has expired"
    check_at_every_width(page, axe_source, "/staff/sign-in/callback", "callback (expired)")
