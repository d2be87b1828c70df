"""The dashboard in a browser, signed in as a team manager: with figures, with a locality, with
errors, each passing axe at 320 px and 1280 px without sideways scrolling; and without
JavaScript, the form, the charts and the downloads still work (a GET form, links and SVG)."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from portal.accounts.teams import teams
from portal.data import db
from portal.data.journeys import FormProgress
from tests.browser.clicks import follow
from tests.browser.conftest import check_at_every_width
from tests.browser.staff_sign_in import sign_in
from tests.dashboard_data import Q2, seed
from tests.staff import make_account

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def figures(live_server):
    """The seeded forms, once for the (session-wide) server, whichever test comes first."""
    with live_server.app.app_context():
        done = db.session.scalar(
            select(FormProgress.id).where(FormProgress.reference == "SAF-AAAA-0001")
        )
    if done is None:
        seed(live_server.app)
    return live_server


def signed_in_manager(page, server, email: str) -> None:
    """A head of service: a team manager in every team, so every measure has figures."""
    with server.app.app_context():
        every_team = list(teams())
    secret = make_account(server.app, email, role="team-manager", teams=every_team)
    sign_in(page, server.url, email, secret)


def test_the_dashboard_with_figures_a_locality_and_errors_passes_axe_at_every_width(
    narrow_page, figures, axe_source
):
    page = narrow_page
    signed_in_manager(page, figures, "dashboard.manager@essex.gov.uk")
    follow(page.get_by_role("link", name="Dashboard"))
    page.goto(f"{figures.url}/staff/dashboard?{urlencode(Q2)}")
    heading = page.get_by_role("heading", name="Figures from 1 April 2025 to 30 June 2025")
    assert heading.is_visible()
    assert page.locator("svg.app-chart[role=img]").count() == 16
    # Each chart is an image named by its title; the table's caption names its region.
    chart = page.get_by_role("img", name="Bar chart: Submissions by form")
    assert chart.count() == 1
    region = page.get_by_role("region", name="Submissions by form")
    assert "Report a concern about an adult" in region.inner_text()
    check_at_every_width(page, axe_source, "/staff/dashboard", "/staff/dashboard (a quarter)")

    page.select_option("#locality", "mid-essex")
    follow(page.get_by_role("button", name="Show the figures"))
    assert "locality=mid-essex" in page.url
    assert page.get_by_role("heading", name="Figures from 1 April 2025 to 30 June 2025, Mid Essex")
    assert page.locator(".govuk-inset-text").count() == 3
    check_at_every_width(page, axe_source, "/staff/dashboard", "/staff/dashboard (a locality)")

    page.fill("#from-month", "13")
    page.fill("#to-year", "")
    follow(page.get_by_role("button", name="Show the figures"))
    summary = page.locator(".govuk-error-summary")
    assert "The first day of the period must be a real date" in summary.inner_text()
    assert "The last day of the period must include a year" in summary.inner_text()
    assert page.locator("svg.app-chart").count() == 0
    assert page.title().startswith("Error: Dashboard")
    check_at_every_width(page, axe_source, "/staff/dashboard", "/staff/dashboard (with errors)")
    # The summary's link takes the keyboard to the box to correct.
    summary.get_by_role("link", name="The first day of the period must be a real date").click()
    page.wait_for_function("document.activeElement.id === 'from-day'")


def test_the_dashboard_works_without_javascript_and_its_downloads_arrive(
    make_page, figures, axe_source
):
    page = make_page(320, javascript=False)
    signed_in_manager(page, figures, "dashboard.nojs@essex.gov.uk")
    page.goto(f"{figures.url}/staff/dashboard")
    for name, value in Q2.items():
        page.fill(f"#{name}", value)
    page.select_option("#locality", "mid-essex")
    follow(page.get_by_role("button", name="Show the figures"))
    assert page.locator("svg.app-chart").count() == 16
    # axe needs JavaScript to run (the first test checks the same pages with it); the page
    # still fits a 320 px screen.
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    # The link's name says which figures (the measure's title is visually hidden).
    name = re.compile(r"^Download these figures \(CSV\)\W+Submissions by form$")
    link = page.get_by_role("link", name=name)
    with page.expect_download() as arrived:
        link.click()
    download = arrived.value
    assert download.suggested_filename == "forms-2025-04-01-to-2025-06-30-mid-essex.csv"
    with open(download.path(), encoding="utf-8-sig") as file:
        rows = list(csv.reader(io.StringIO(file.read())))
    assert rows[0] == ["Form", "Submissions"]
    assert ["Report a concern about an adult", "1"] in rows
