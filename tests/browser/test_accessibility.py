"""Every page in the sitemap, in every language, at 320px and 1280px: zero axe violations,
no sideways scrolling, nothing blocked by the Content-Security-Policy."""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    check_at_every_width,
    describe,
    record_axe_pass,
    run_axe,
    sitemap_paths,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", sitemap_paths())
def test_page_passes_axe_and_fits_the_screen(loading_page, live_server, axe_source, path):
    response = loading_page.goto(live_server.url + path)
    assert response.status == 200
    check_at_every_width(loading_page, axe_source, path)


@pytest.mark.parametrize("path", ["/feedback", "/pl/feedback", "/ur/feedback"])
def test_form_errors_pass_axe_and_link_to_the_fields(page, live_server, axe_source, path):
    page.goto(live_server.url + path)
    page.locator("button[name=submit]").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert page.title().split(" ", 1)[0].endswith(":")  # "Error:" in the page's language
    violations = run_axe(page, axe_source)
    assert not violations, describe(violations)
    # GOV.UK Frontend moves focus to the summary; its link takes the user to the field.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "satisfaction"
    record_axe_pass(f"{path} (with errors)", page.width)


@pytest.mark.parametrize("path", ["/no-such-page", "/ur/no-such-page"])
def test_error_pages_pass_axe(loading_page, live_server, axe_source, path):
    response = loading_page.goto(live_server.url + path)
    assert response.status == 404
    check_at_every_width(loading_page, axe_source, path, f"{path} (404)")


@pytest.mark.parametrize(
    "path",
    [
        "/advice/search?q=I+look+after+my+mum+and+I%27m+exhausted",
        "/advice/search?q=xylophone",
        "/pl/advice/search?q=opieka",
        "/ur/advice/search?q=carer",
        "/services?district=harlow&language=pl",
    ],
)
def test_search_and_filter_results_pass_axe(loading_page, live_server, axe_source, path):
    response = loading_page.goto(live_server.url + path)
    assert response.status == 200
    check_at_every_width(loading_page, axe_source, path)
