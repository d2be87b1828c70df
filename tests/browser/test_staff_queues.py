"""The queue views and the search in a browser: every view, with and without filters, and the
search with results, pass axe at 320px and 1280px without scrolling sideways; the filters work
without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.clicks import follow
from tests.browser.conftest import LiveServer, app_with_content, check_at_every_width
from tests.browser.staff_sign_in import sign_in
from tests.work_queue import CARERS, TECHNOLOGY, change, send, staff

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """A server of this module's own: its counts are exact, so no other test's forms may be
    in its queues (the session's shared server has the walk-through's and the dashboard's)."""
    app = app_with_content(tmp_path_factory.mktemp("queues") / "frontdoor.db")
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="module")
def work(live_server):
    """Open work in Carers and Care Technology, one piece of it the manager's own."""
    app = live_server.app
    manager, secret = staff(
        app, "queues.manager@essex.gov.uk", "team-manager", ["carers", "care-technology"], "Mo"
    )
    _, caseworker_secret = staff(
        app, "queues.caseworker@essex.gov.uk", "caseworker", ["carers"], "Kit"
    )
    carers = [send(app, CARERS, locale="pl")] + [send(app, CARERS) for _ in range(26)]
    technology = send(app, TECHNOLOGY, channel="phone")
    change(app, carers[0], assignee=manager, status="in-progress", locality_check=True)
    return {
        "carers": carers,
        "technology": technology,
        "manager": ("queues.manager@essex.gov.uk", secret),
        "caseworker": ("queues.caseworker@essex.gov.uk", caseworker_secret),
    }


def test_each_view_with_and_without_filters_and_the_search_pass_axe_at_every_width(
    narrow_page, live_server, axe_source, work
):
    page, base = narrow_page, live_server.url
    sign_in(page, base, *work["manager"])
    check_at_every_width(page, axe_source, "/staff", "/staff (with work)")
    for path in ("/staff/my-work", "/staff/available-work", "/staff/all-work"):
        page.goto(base + path)
        assert page.locator("table.app-queue-table tbody tr").count() >= 1, path
        check_at_every_width(page, axe_source, path)
        filtered = f"{path}?priority=high&priority=urgent&due=overdue&locality=north-east-essex"
        page.goto(base + filtered)
        assert page.locator(".moj-filter__tag").count() == 4
        check_at_every_width(page, axe_source, path, f"{path} (filtered)")
    page.goto(base + "/staff/all-work?queue=nowhere&page=2")  # an error, and a second page
    assert page.locator(".govuk-error-summary").count() == 1
    assert page.locator(".govuk-pagination").count() == 1
    check_at_every_width(page, axe_source, "/staff/all-work", "/staff/all-work (error, page 2)")

    page.goto(base + "/staff/search")
    check_at_every_width(page, axe_source, "/staff/search")
    page.fill("#nhs-number", "943 476 5919")
    follow(page.get_by_role("button", name="Search for the person"))
    assert work["technology"] in page.locator("table.app-queue-table").inner_text()
    check_at_every_width(page, axe_source, "/staff/search", "/staff/search (a person's results)")
    page.fill("#reference", "not a reference")
    follow(page.get_by_role("button", name="Find by reference"))
    assert page.locator(".govuk-error-summary").count() == 1
    check_at_every_width(page, axe_source, "/staff/search", "/staff/search (with errors)")


def test_the_filters_work_without_javascript(make_page, live_server, work):
    page, base = make_page(320, javascript=False), live_server.url
    sign_in(page, base, *work["caseworker"])
    page.goto(base + "/staff/available-work")
    assert "Available work (26)" in page.locator(".moj-sub-navigation").inner_text()
    page.get_by_label("Language or interpreter").select_option("pl")
    page.get_by_label("High", exact=True).check()
    follow(page.get_by_role("button", name="Apply filters"))
    assert page.url == base + "/staff/available-work?priority=high&language=pl"
    assert "26 submissions" in page.locator("#results").inner_text()

    page.get_by_label("Only those that need a locality check").check()
    follow(page.get_by_role("button", name="Apply filters"))
    assert "0 submissions" in page.locator("#results").inner_text()  # that one is the manager's
    follow(page.get_by_role("link", name="Remove this filter: Needs a locality check"))
    assert page.url == base + "/staff/available-work?priority=high&language=pl"

    follow(page.get_by_role("link", name="Page 2", exact=True))
    assert page.url.endswith("?priority=high&language=pl&page=2")
    assert page.locator("table.app-queue-table tbody tr").count() == 1
    follow(page.get_by_role("link", name="Clear filters"))
    assert page.url == base + "/staff/available-work"
