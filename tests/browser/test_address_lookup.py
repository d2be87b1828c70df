"""The address list (OS Places) in a real browser: axe at both widths, and picking an address
without JavaScript."""

from __future__ import annotations

import pytest

from portal.places import os_places
from tests.browser.conftest import NO_LIMITS, LiveServer, check_loaded_page
from tests.conftest import build_app
from tests.journey_walker import draft_base, example, walk
from tests.places_fake import answer, dpa

pytestmark = pytest.mark.browser
POSTCODE = "CM3 5AB"


@pytest.fixture(scope="module")
def lookup_server(running_server, tmp_path_factory):
    """A portal whose postcode lookups go to a local server answering as the Places API does."""
    addresses = [dpa(POSTCODE, n, 1545, street="SAMPLE ROAD", town="MALDON") for n in range(1, 9)]
    running_server.routes[POSTCODE] = (200, answer(POSTCODE, addresses), 0)
    os_places.clear_cache()
    app = build_app(
        f"sqlite:///{tmp_path_factory.mktemp('lookup') / 'frontdoor.db'}",
        environ=NO_LIMITS,
        os_places_api_key="test-places-key",
        os_places_url=running_server.url,
        os_places_timeout=1.0,
    )
    with LiveServer(app) as server:
        yield server
    os_places.clear_cache()


@pytest.mark.parametrize("locale", ["en", "ur"])
@pytest.mark.parametrize(("width", "javascript"), [(320, True), (1280, True), (320, False)])
def test_an_address_can_be_picked_from_the_list(
    make_page, lookup_server, axe_source, width, javascript, locale
):
    prefix = "" if locale == "en" else f"/{locale}"
    client = lookup_server.app.test_client()
    journey = lookup_server.app.extensions["frontdoor.journeys"]["care-technology-request"]
    check = walk(client, journey, example("care-technology-request"), prefix=prefix, submit=False)
    base = draft_base(check.request.path)
    label = f"{prefix}/forms/care-technology-request/<reference>"
    page = make_page(width, javascript=javascript)
    cookie = client.get_cookie("frontdoor_session")
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": lookup_server.url}]
    )
    page.goto(f"{lookup_server.url}{base}/person_address?change=1")
    if javascript:  # axe runs as a script
        check_loaded_page(page, axe_source, f"{label}/person_address (address list)")
    page.locator("#person_address-uprn").select_option("100090000004")
    page.locator("#main-form button.govuk-button").click()
    page.wait_for_url(f"**{base}/check")  # a click only starts the navigation
    assert "4, SAMPLE ROAD" in page.locator("main").inner_text()
