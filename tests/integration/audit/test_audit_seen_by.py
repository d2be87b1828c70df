"""Who has seen a submission: every audit row about it, newest first, a page at a time and as a
CSV download, for an auditor (any submission) and a manager of a team that may see it; 403 for
everyone else; the page and the download are themselves audited."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from tests.audit_world import (
    CASEY,
    NAMES,
    NOW,
    SAM,
    as_role,
    rows,
    two_forms_two_workers,
    write,
    write_minutes_before,
)

pytestmark = pytest.mark.database


@pytest.fixture
def world(app, clock):
    """A carers assessment and a safeguarding alert, each seen and acted on by a caseworker."""
    world = two_forms_two_workers(app, casey_name="Cáit Worker")
    morning = NOW - timedelta(hours=4)  # 10am in London
    casey = world["casey"]
    on_carers = {"actor": CASEY, "actor_id": casey, "submission_id": world["carers_id"]}
    write(app, "submission-viewed", at=morning, **on_carers, address="192.0.2.10")
    write(app, "submission-printed", at=morning + timedelta(minutes=5), **on_carers)
    write(
        app,
        "submission-assigned",
        at=morning + timedelta(minutes=6),
        **on_carers,
        detail={"to": casey},
    )
    on_alert = {"actor": SAM, "actor_id": world["sam"], "submission_id": world["alert_id"]}
    write(app, "submission-viewed", at=morning, **on_alert)
    write(app, "list-viewed", at=morning, actor=CASEY, actor_id=casey, detail={"queue": "carers"})
    return world


def test_a_manager_of_the_team_sees_every_row_about_the_submission_newest_first(app, world):
    client, manager = as_role(app, "team-manager", ["carers"])
    response = client.get(f"/staff/submissions/{world['carers']}/seen-by")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"Who has seen {world['carers']}" in page
    assert "Rows 1 to 3 of 3, newest first." in page
    positions = [
        page.index(words)
        for words in ("Assigned the submission", "Printed the submission", "Viewed the submission")
    ]
    assert positions == sorted(positions)
    # Who (name and email), when (London time: BST here), from where and which request.
    assert "Cáit Worker" in page and "casey@essex.gov.uk" in page
    assert '<time datetime="2026-07-01T10:00:00+01:00">1 July 2026, 10:00:00am</time>' in page
    assert "192.0.2.10" in page and "Request " in page
    # Nothing about the other submission, nor a list someone viewed, nor the form's answers.
    assert "Sam Safe" not in page and "queue: carers" not in page
    assert not any(name in page for name in NAMES)
    # A manager cannot open a person's activity: no link to it.
    assert "/staff/audit-log/people/" not in page

    [viewed] = rows(app, "seen-by-viewed")
    assert (viewed.actor_id, viewed.submission_id, viewed.detail) == (
        manager,
        world["carers_id"],
        {"page": 1},
    )
    assert viewed.client_address and viewed.request_id


def test_an_auditor_sees_the_trail_of_any_submission_but_never_its_answers(app, world):
    client, _ = as_role(app, "auditor")
    for reference in (world["carers"], world["alert"]):
        page = client.get(f"/staff/submissions/{reference}/seen-by").get_data(as_text=True)
        assert "Viewed the submission" in page
        assert not any(name in page for name in NAMES)
    # The reference is found however it is typed; an unknown one is not found.
    lower = world["alert"].lower().replace("-", "")
    assert client.get(f"/staff/submissions/{lower}/seen-by").status_code == 200
    assert client.get("/staff/submissions/SAF-2222-2222/seen-by").status_code == 404
    # An auditor may follow a name to what that person has seen.
    page = client.get(f"/staff/submissions/{world['carers']}/seen-by").get_data(as_text=True)
    assert "/staff/audit-log/people/" in page


@pytest.mark.parametrize(
    ("role", "teams", "which"),
    [
        ("caseworker", ["carers"], "carers"),  # no caseworker sees who has seen anything
        ("caseworker", ["carers"], "alert"),
        ("safeguarding-practitioner", ["central-safeguarding-triage"], "alert"),
        ("team-manager", ["countywide-duty"], "carers"),  # another team's manager
        ("team-manager", ["carers"], "alert"),  # a safeguarding alert, not their team's
        ("account-administrator", [], "carers"),
    ],
)
def test_everyone_else_gets_403_for_the_page_and_the_download_and_nothing_is_recorded(
    app, world, role, teams, which
):
    client, _ = as_role(app, role, teams)
    for path in (
        f"/staff/submissions/{world[which]}/seen-by",
        f"/staff/submissions/{world[which]}/seen-by.csv",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        body = response.get_data(as_text=True)
        assert "Cáit Worker" not in body and "Sam Safe" not in body
    assert rows(app, "seen-by-viewed") == [] and rows(app, "audit-downloaded") == []


def test_the_rows_come_a_page_at_a_time_and_each_look_is_one_more_row(app, world):
    write_minutes_before(
        app,
        117,
        "submission-viewed",
        actor=CASEY,
        actor_id=world["casey"],
        submission_id=world["carers_id"],
    )
    client, _ = as_role(app, "auditor")
    path = f"/staff/submissions/{world['carers']}/seen-by"
    first = client.get(path).get_data(as_text=True)
    assert "Rows 1 to 50 of 120, newest first." in first
    assert first.count('<tr class="govuk-table__row">') == 51  # the head and 50 rows
    assert f'href="{path}?page=2"' in first and f'href="{path}?page=3"' in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    # The first look is now a row too: 121.
    last = client.get(path + "?page=3").get_data(as_text=True)
    assert "Rows 101 to 121 of 121, newest first." in last
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert "Rows 1 to 50" in client.get(path + "?page=nonsense").get_data(as_text=True)
    assert "Rows 101 to" in client.get(path + "?page=99").get_data(as_text=True)
    assert [row.detail["page"] for row in rows(app, "seen-by-viewed")] == [1, 3, 1, 3]


def test_the_download_has_every_row_with_iso_times_and_no_formula_a_spreadsheet_would_run(
    app, world
):
    hostile = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]
    for number, actor in enumerate(hostile):
        write(
            app,
            "submission-viewed",
            at=NOW - timedelta(minutes=number + 1),
            actor=actor,
            submission_id=world["carers_id"],
            address="198.51.100.4",
        )
    client, manager = as_role(app, "team-manager", ["carers"])
    response = client.get(f"/staff/submissions/{world['carers']}/seen-by.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="seen-by-{world["carers"]}-2026-07-01.csv"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
    assert table[0] == [
        "Row",
        "When (London time)",
        "Name",
        "Email",
        "Action",
        "What",
        "Submission",
        "Details",
        "Address",
        "Request",
    ]
    body = table[1:]
    assert len(body) == 3 + len(hostile)
    assert {row[6] for row in body} == {world["carers"]}
    names = [row[2] for row in body]
    assert names[:6] == ["'" + actor for actor in reversed(hostile)]  # the newest first
    assert not any(cell[:1] in "=+-@\t\r" for row in body for cell in row if cell)
    viewed = next(row for row in body if row[4] == "submission-viewed" and row[2] == "Cáit Worker")
    assert viewed[1] == "2026-07-01T10:00:00+01:00" and viewed[3] == "casey@essex.gov.uk"
    assert viewed[8] == "192.0.2.10" and viewed[9]
    assert not any(name in response.data.decode() for name in NAMES)

    [download] = rows(app, "audit-downloaded")
    assert download.actor_id == manager
    assert download.submission_id == world["carers_id"]
    assert download.detail == {"download": "seen-by", "rows": 9}
