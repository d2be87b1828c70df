"""What a member of staff has seen, for auditors: picked from the list of accounts, their
submissions, lists and searches in a date range of London days, a page at a time and as a CSV;
the page and the download are audited; nobody but an auditor opens either."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from tests.audit_world import (
    CASEY,
    NAMES,
    account,
    as_role,
    rows,
    send_carers,
    write,
    write_minutes_before,
)

pytestmark = pytest.mark.database

# 11:30pm on 30 June in UTC is 12:30am on 1 July in London.
LATE_JUNE_30_UTC = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)


@pytest.fixture
def casey(app, clock):
    """A caseworker who signed in, saw a list, searched, and viewed and printed a submission,
    on 29 June and on 1 July (London time); and someone else who viewed it too."""
    reference, submission_id = send_carers(app, received=datetime(2026, 6, 29, 8, tzinfo=UTC))
    casey, _ = account(app, CASEY, "caseworker", ["carers"], "Casey Worker")
    other, _ = account(app, "other@essex.gov.uk", "caseworker", ["carers"], "Other Person")
    june_29 = datetime(2026, 6, 29, 9, tzinfo=UTC)
    mine = {"actor": CASEY, "actor_id": casey}
    write(app, "signed-in", at=june_29, **mine, detail={"method": "password"})
    write(app, "list-viewed", at=june_29, **mine, detail={"filters": {"queue": "carers"}})
    write(app, "searched", at=june_29, **mine, detail={"by": "reference"})
    write(app, "submission-viewed", at=june_29, **mine, submission_id=submission_id)
    write(app, "submission-printed", at=LATE_JUNE_30_UTC, **mine, submission_id=submission_id)
    write(
        app,
        "submission-viewed",
        at=june_29,
        actor="other@essex.gov.uk",
        actor_id=other,
        submission_id=submission_id,
    )
    return {"id": casey, "reference": reference, "submission_id": submission_id}


def test_an_auditor_finds_a_person_by_name_or_email_and_follows_the_link(app, casey, auditor):
    client, _ = auditor
    every = client.get("/staff/audit-log/people").get_data(as_text=True)
    assert "Casey Worker" in every and "Other Person" in every and "Audrey Auditor" in every
    found = client.get("/staff/audit-log/people?q=CASEY").get_data(as_text=True)
    assert "Casey Worker" in found and "Other Person" not in found
    assert f'href="/staff/audit-log/people/{casey["id"]}"' in found
    assert "Other Person" in client.get("/staff/audit-log/people?q=other@").get_data(as_text=True)
    nobody = client.get("/staff/audit-log/people?q=zzz").get_data(as_text=True)
    assert "No staff account has a name or email address with “zzz” in it." in nobody


def test_the_activity_shows_submissions_lists_and_searches_but_not_sign_ins(app, casey, auditor):
    client, audrey = auditor
    page = client.get(f"/staff/audit-log/people/{casey['id']}").get_data(as_text=True)
    assert "What Casey Worker has seen" in page and "casey@essex.gov.uk" in page
    assert "Rows 1 to 4 of 4, newest first." in page
    for words in ("Printed the submission", "Viewed the submission", "Searched", "Viewed a list"):
        assert words in page
    assert "filters: queue carers" in page and "by: reference" in page
    assert "Signed in" not in page.split("<table")[1]
    assert "1 submission viewed, printed or acted on" in page
    assert "1 list viewed" in page and "1 search" in page
    # Each submission links to who has seen it; the answers are nowhere.
    assert f'href="/staff/submissions/{casey["reference"]}/seen-by"' in page
    assert not any(name in page for name in NAMES)
    [viewed] = rows(app, "activity-viewed")
    assert viewed.actor_id == audrey and viewed.detail == {"person": casey["id"], "page": 1}


def test_the_dates_are_london_days_and_go_into_the_address_and_the_audit_row(app, casey, auditor):
    client, _ = auditor
    base = f"/staff/audit-log/people/{casey['id']}"
    july = client.get(base + "?from-day=1&from-month=7&from-year=2026").get_data(as_text=True)
    # Printed at 11:30pm UTC on 30 June: 12:30am on 1 July in London.
    assert "Rows 1 to 1 of 1" in july and "Printed the submission" in july
    assert "Since 1 July 2026" in july
    june = client.get(
        base + "?from-day=29&from-month=6&from-year=2026&to-day=30&to-month=6&to-year=2026"
    ).get_data(as_text=True)
    assert "Rows 1 to 3 of 3" in june and "Printed the submission" not in june
    assert "From 29 June 2026 to 30 June 2026" in june
    assert 'value="29"' in june  # what was typed stays in the boxes
    assert [row.detail for row in rows(app, "activity-viewed")] == [
        {"person": casey["id"], "page": 1, "from": "2026-07-01"},
        {"person": casey["id"], "page": 1, "from": "2026-06-29", "to": "2026-06-30"},
    ]


@pytest.mark.parametrize(
    ("query", "message", "focus"),
    [
        ("from-day=31&from-month=2&from-year=2026", "From date must be a real date", "from-day"),
        ("from-day=1&from-month=7", "From date must include a year", "from-year"),
        ("to-month=7&to-year=2026", "To date must include a day", "to-day"),
        ("to-day=1&to-year=2026", "To date must include a month", "to-month"),
        (
            "from-day=1&from-month=7&from-year=26",
            "From date&#39;s year must include 4 numbers",
            "from-year",
        ),
        ("from-day=x&from-month=7&from-year=2026", "From date must be a real date", "from-day"),
        (
            "from-day=2&from-month=7&from-year=2026&to-day=1&to-month=7&to-year=2026",
            "To date must be the same as or after the from date",
            "to-day",
        ),
    ],
)
def test_a_wrong_date_is_named_on_the_page_and_nothing_is_shown_or_recorded(
    app, casey, auditor, query, message, focus
):
    client, _ = auditor
    response = client.get(f"/staff/audit-log/people/{casey['id']}?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<title>Error: What Casey Worker has seen" in page
    assert f'<a href="#{focus}">{message}</a>' in page  # the error summary
    assert f'id="{focus}"' in page and "govuk-input--error" in page
    assert "<table" not in page
    assert rows(app, "activity-viewed") == []
    download = client.get(f"/staff/audit-log/people/{casey['id']}.csv?{query}&person_id=1")
    assert download.status_code == 302
    assert download.headers["Location"].startswith(f"/staff/audit-log/people/{casey['id']}?")
    assert rows(app, "audit-downloaded") == []


def test_the_activity_comes_a_page_at_a_time(app, casey, auditor):
    write_minutes_before(
        app, 60, "list-viewed", actor=CASEY, actor_id=casey["id"], detail={"queue": "carers"}
    )
    client, _ = auditor
    base = f"/staff/audit-log/people/{casey['id']}?from-day=1&from-month=7&from-year=2026"
    first = client.get(base).get_data(as_text=True)
    assert "Rows 1 to 50 of 61" in first
    # The next page keeps the dates.
    assert "from-day=1&amp;from-month=7&amp;from-year=2026" in first.split('rel="next"')[0][-400:]
    second = client.get(base + "&page=2").get_data(as_text=True)
    assert "Rows 51 to 61 of 61" in second


def test_the_download_has_the_rows_in_the_range_and_is_audited(app, casey, auditor):
    client, audrey = auditor
    response = client.get(
        f"/staff/audit-log/people/{casey['id']}.csv?to-day=30&to-month=6&to-year=2026"
    )
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="activity-of-account-{casey["id"]}-to-2026-06-30.csv"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    table = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
    assert [row[4] for row in table[1:]] == ["submission-viewed", "searched", "list-viewed"]
    assert {row[3] for row in table[1:]} == {"casey@essex.gov.uk"}
    assert table[1][6] == casey["reference"] and table[1][1] == "2026-06-29T10:00:00+01:00"
    [download] = rows(app, "audit-downloaded")
    assert download.actor_id == audrey
    assert download.detail == {
        "download": "activity",
        "person": casey["id"],
        "rows": 3,
        "to": "2026-06-30",
    }
    everything = client.get(f"/staff/audit-log/people/{casey['id']}.csv")
    assert (
        f"activity-of-account-{casey['id']}-all-dates.csv"
        in everything.headers["Content-Disposition"]
    )


@pytest.mark.parametrize(
    ("role", "teams"),
    [
        ("caseworker", ["carers"]),
        ("team-manager", ["carers"]),
        ("safeguarding-practitioner", ["central-safeguarding-triage"]),
        ("account-administrator", []),
    ],
)
def test_only_an_auditor_opens_a_persons_activity_or_the_list_of_people(app, casey, role, teams):
    client, person_id = as_role(app, role, teams)
    for path in (
        "/staff/audit-log/people",
        f"/staff/audit-log/people/{casey['id']}",
        f"/staff/audit-log/people/{casey['id']}.csv",
        f"/staff/audit-log/people/{person_id}",  # not even their own
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Casey Worker" not in response.get_data(as_text=True)
    assert rows(app, "activity-viewed") == [] and rows(app, "audit-downloaded") == []


def test_an_unknown_person_is_not_found(app, auditor):
    client, _ = auditor
    for person in ("999", "99999999999", "-1"):
        assert client.get(f"/staff/audit-log/people/{person}").status_code == 404
        assert client.get(f"/staff/audit-log/people/{person}.csv").status_code == 404
