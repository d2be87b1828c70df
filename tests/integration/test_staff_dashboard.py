"""The dashboard page and its CSV downloads: who may see them, the filters and their errors,
what each download holds, the audit rows, and how few queries the page makes."""

from __future__ import annotations

import csv
import io
import re
from contextlib import contextmanager

import pytest
import time_machine
from sqlalchemy import event

from portal.accounts.teams import teams as all_teams
from portal.data import db
from portal.data.journeys import Submission
from portal.work_items.measure_tables import KINDS
from tests.audit_world import rows as audit_rows
from tests.dashboard_data import NOW, Q2, TECH, Sent, answered, seed, send, utc
from tests.staff import make_account, sign_in


@contextmanager
def signed_in(app, role: str = "team-manager", teams: list[str] | None = None):
    """A client signed in with this role, the clock at NOW (15 July 2025, 10am in London). A
    team manager is in every team (a head of service): the dashboard counts the queues the
    reader's teams work, and these tests count them all."""
    if teams is None and role == "team-manager":
        teams = list(all_teams())
    with time_machine.travel(NOW, tick=True):
        client = app.test_client()
        secret = make_account(app, f"{role}@essex.gov.uk", role=role, teams=teams)
        sign_in(client, f"{role}@essex.gov.uk", secret)
        yield client


@pytest.fixture
def seeded(app):
    seed(app)
    return app


@pytest.fixture
def seeded_db(db_app):
    """The same forms on each engine, for the tests of what the page and a download show."""
    seed(db_app)
    return db_app


@pytest.mark.database
def test_the_dashboard_shows_each_measure_as_a_chart_a_table_and_a_download(seeded_db):
    with signed_in(seeded_db) as client:
        response = client.get("/staff/dashboard", query_string=Q2)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Figures from 1 April 2025 to 30 June 2025, every locality" in html
    for measure_id, kind in KINDS.items():
        assert f'<h2 class="govuk-heading-m" id="{measure_id}">{kind.title}</h2>' in html
        link = re.search(rf'href="(/staff/dashboard/{measure_id}\.csv\?[^"]+)"', html)
        assert link, measure_id
        assert "from-day=1&amp;from-month=4&amp;from-year=2025" in link.group(1)
    # One chart per table with rows (the care technology form has nobody stopping in it).
    charts = re.findall(r'<svg class="app-chart"[^>]*role="img"', html)
    assert len(charts) == html.count('<table class="govuk-table') == 16
    assert '<title id="chart-forms-1-title">Bar chart: Submissions by form</title>' in html
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--s">Submissions by form' in html
    )
    assert "33.3%" in html and "Not applicable" in html  # a share, and one with nothing to share
    # The same figures in the table as in the chart.
    assert re.search(r">Report a concern about an adult</th>\s*<td[^>]*>\s*3\s*</td>", html)
    [viewed] = audit_rows(seeded_db, "dashboard-viewed")
    assert viewed.detail == {"from": "2025-04-01", "to": "2025-06-30", "locality": None}
    assert viewed.actor == "team-manager@essex.gov.uk"


def test_with_no_dates_it_shows_this_quarter_with_links_to_this_and_the_last(seeded):
    with signed_in(seeded) as client:
        html = client.get("/staff/dashboard").get_data(as_text=True)
    assert "Figures from 1 July 2025 to 30 September 2025" in html
    assert "This quarter: 1 July 2025 to 30 September 2025" in html
    assert "Last quarter: 1 April 2025 to 30 June 2025" in html
    last = re.search(r'href="([^"]+)">Last quarter', html).group(1)
    assert "from-day=1&amp;from-month=4&amp;from-year=2025&amp;to-day=30&amp;to-month=6" in last
    assert 'value="7"' in html  # the month boxes show the quarter asked for


def test_a_locality_is_kept_in_the_quarter_links_and_the_downloads(seeded):
    with signed_in(seeded) as client:
        html = client.get(
            "/staff/dashboard", query_string={**Q2, "locality": "mid-essex"}
        ).get_data(as_text=True)
    assert "Figures from 1 April 2025 to 30 June 2025, Mid Essex" in html
    assert re.search(r'href="[^"]*locality=mid-essex[^"]*">This quarter', html)
    assert re.search(r'href="/staff/dashboard/forms\.csv\?[^"]*locality=mid-essex', html)
    # The measures a locality cannot filter say so.
    assert html.count("These figures are for every locality") == 3
    [viewed] = audit_rows(seeded, "dashboard-viewed")
    assert viewed.detail["locality"] == "mid-essex"


@pytest.mark.parametrize(
    ("changes", "message", "href"),
    [
        (
            {"from-day": "", "from-month": "", "from-year": ""},
            "Enter the first day of the period",
            "#from-day",
        ),
        ({"to-month": ""}, "The last day of the period must include a month", "#to-month"),
        (
            {"from-day": "", "from-year": ""},
            "The first day of the period must include a day and year",
            "#from-day",
        ),
        (
            {"from-day": "31", "from-month": "2"},
            "The first day of the period must be a real date",
            "#from-day",
        ),
        ({"to-day": "first"}, "The last day of the period must be a real date", "#to-day"),
        (
            {"to-year": "25"},
            "The year of the last day of the period must have 4 numbers, like 2025",
            "#to-year",
        ),
        (
            {"from-year": "1066"},
            "The first day of the period must be between 2000 and 2099",
            "#from-year",
        ),
        (
            {"from-month": "7"},
            "The last day of the period must be the same as or after the first",
            "#to-day",
        ),
        (
            {"to-year": "2026"},
            "The period can be at most 366 days long: choose a last day on or before 1 April 2026",
            "#to-day",
        ),
        ({"locality": "atlantis"}, "Select a locality from the list", "#locality"),
    ],
)
def test_bad_filters_are_named_in_the_error_summary_with_no_figures(seeded, changes, message, href):
    with signed_in(seeded) as client:
        response = client.get("/staff/dashboard", query_string={**Q2, **changes})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Error: Dashboard" in html
    assert f'<a href="{href}">{message}</a>' in html  # the summary links to the part
    assert html.count(message) == 2  # and the field says it too
    assert "Figures from" not in html and "app-chart" not in html
    assert 'value="first"' in html or "first" not in changes.values()  # kept as typed
    assert audit_rows(seeded, "dashboard-viewed") == []


def download(client, measure_id: str, **filters):
    response = client.get(f"/staff/dashboard/{measure_id}.csv", query_string={**Q2, **filters})
    assert response.status_code == 200, response.status_code
    return response, list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


@pytest.mark.database
def test_each_download_is_a_utf8_csv_with_a_header_row_and_the_tables_figures(seeded_db):
    with signed_in(seeded_db) as client:
        response, rows = download(client, "forms")
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.data.startswith("\ufeff".encode())
        disposition = response.headers["Content-Disposition"]
        assert disposition == 'attachment; filename="forms-2025-04-01-to-2025-06-30.csv"'
        assert rows == [
            ["Form", "Submissions"],
            ["Carer's self-assessment", "1"],
            ["Ask for care technology", "1"],
            ["Report a concern about an adult", "3"],
        ]
        _, rows = download(client, "screening")
        assert rows[0][-1] == "Share within the standard (%)"
        assert rows[1] == ["Central Safeguarding Triage", "1", "1", "1", "0", "33.3"]
        assert rows[-1] == ["ASCC Duty", "0", "0", "0", "0", ""]
        _, rows = download(client, "who-reported")
        assert rows[0] == ["Form", "Who filled it in", "Submissions"]
        assert ["Ask for care technology", "An unpaid carer for the person", "1"] in rows
        response, rows = download(client, "forms", locality="mid-essex")
        assert response.headers["Content-Disposition"].endswith('-mid-essex.csv"')
        assert rows[1:] == [
            ["Carer's self-assessment", "0"],
            ["Ask for care technology", "1"],
            ["Report a concern about an adult", "1"],
        ]
    downloaded = audit_rows(seeded_db, "dashboard-downloaded")
    assert [row.detail["measure"] for row in downloaded] == [
        "forms",
        "screening",
        "who-reported",
        "forms",
    ]
    assert downloaded[0].detail == {
        "measure": "forms",
        "from": "2025-04-01",
        "to": "2025-06-30",
        "locality": None,
    }
    assert downloaded[-1].detail["locality"] == "mid-essex"


def test_a_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(seeded):
    for page_id in ('=HYPERLINK("http://example.com")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        answered(seeded, page_id, False, utc(2025, 5, 1, 12, 0))
    with signed_in(seeded) as client:
        _, rows = download(client, "page-usefulness")
    labels = {row[0] for row in rows[1:]}
    assert {
        '\'=HYPERLINK("http://example.com")',
        "'+1+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
    } <= labels
    assert "Get a carer's assessment" in labels  # an apostrophe inside is left alone


def test_a_download_with_bad_filters_goes_back_to_the_page_that_names_them(seeded):
    with signed_in(seeded) as client:
        response = client.get("/staff/dashboard/forms.csv", query_string={**Q2, "to-day": "x"})
        assert response.status_code == 303
        assert response.headers["Location"].startswith("/staff/dashboard?")
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "The last day of the period must be a real date" in page
        assert client.get("/staff/dashboard/people.csv", query_string=Q2).status_code == 404
    assert audit_rows(seeded, "dashboard-downloaded") == []


@pytest.mark.parametrize(
    "role", ["caseworker", "safeguarding-practitioner", "account-administrator"]
)
def test_only_those_who_report_on_the_service_may_see_it(app, role):
    with signed_in(app, role) as client:
        assert client.get("/staff/dashboard").status_code == 403
        assert client.get("/staff/dashboard/forms.csv", query_string=Q2).status_code == 403
        assert "Dashboard</a>" not in client.get("/staff").get_data(as_text=True)
    assert audit_rows(app, "dashboard-viewed") == audit_rows(app, "dashboard-downloaded") == []


def test_team_managers_find_it_in_the_menu_and_auditors_do_not(app):
    with signed_in(app) as client:
        home = client.get("/staff").get_data(as_text=True)
        assert re.search(r'href="/staff/dashboard"[^>]*>\s*Dashboard', home)
        assert client.get("/staff/dashboard").status_code == 200
    # An auditor reads who saw what, not the service's figures.
    with signed_in(app, "auditor") as client:
        assert "/staff/dashboard" not in client.get("/staff").get_data(as_text=True)
        assert client.get("/staff/dashboard").status_code == 403


def test_a_manager_counts_only_the_queues_their_teams_work(seeded):
    with signed_in(seeded, teams=["carers"]) as client:
        html = client.get("/staff/dashboard").get_data(as_text=True)
    assert "the queues your teams work: Carers." in html
    assert "Report a concern about an adult" not in html
    assert "Carer&#39;s self-assessment" in html or "Carer's self-assessment" in html


def test_a_form_that_reached_the_managers_queue_from_another_is_named_by_its_title(app):
    reached = send(app, Sent(TECH, utc(2025, 6, 27, 10, 0), {}))
    with app.app_context():
        db.session.get(Submission, reached).queue = "ascc-duty"  # routed or transferred there
        db.session.commit()
    with signed_in(app, teams=["countywide-duty"]) as client:
        html = client.get("/staff/dashboard", query_string=Q2).get_data(as_text=True)
    assert app.extensions["frontdoor.journeys"][TECH].title in html
    assert TECH not in html


def test_the_page_counts_with_three_aggregate_queries(seeded):
    statements: list[str] = []
    with signed_in(seeded) as client:
        engine = seeded.extensions["frontdoor.db"][0]
        listen = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listen)
        try:
            client.get("/staff/dashboard", query_string=Q2)
        finally:
            event.remove(engine, "before_cursor_execute", listen)
    counting = [s for s in statements if "count(*)" in s.lower()]
    assert len(counting) == 3, counting
    assert all("GROUP BY" in s for s in counting)
    assert len(statements) <= 10, statements
