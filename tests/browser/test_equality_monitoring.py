"""The optional equality questions in a real browser: axe, 320 px, without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_loaded_page
from tests.journey_walker import draft_base, example, walk

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("locale", ["en", "pl", "ur"])
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_optional_questions_pass_axe_and_work_without_javascript(
    make_page, live_server, axe_source, locale, javascript
):
    prefix = "" if locale == "en" else f"/{locale}"
    client = live_server.app.test_client()
    journey = live_server.app.extensions["frontdoor.journeys"]["carers-assessment"]
    base = draft_base(
        walk(client, journey, example("carers-assessment"), prefix=prefix).request.path
    )
    label = f"{prefix}/forms/carers-assessment/<reference>"
    page = make_page(320, javascript=javascript)
    cookie = client.get_cookie("frontdoor_session")
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])

    page.goto(f"{live_server.url}{base}/sent")
    page.locator(f'a[href="{base}/about-you"]').click()
    page.wait_for_url(f"**{base}/about-you")  # a click starts a navigation; it may not have ended
    if javascript:  # axe runs as a script: without JavaScript the flow itself is the test
        check_loaded_page(page, axe_source, f"{label}/about-you")
    page.locator('input[name="age_band"][value="35-44"]').check()
    page.locator("#main-form button.govuk-button").click()
    page.wait_for_url(f"**{base}/about-you/done")
    if javascript:
        check_loaded_page(page, axe_source, f"{label}/about-you/done")
