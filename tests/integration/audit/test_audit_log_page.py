"""The audit log page, for auditors: filters in the address (what, who, which submission, from
and to), a page at a time, the hash chain's state, and each look recorded with its filters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.staff import audit_log as audit_log_view
from tests.audit_world import (
    CASEY,
    NOW,
    SAM,
    alter_by_hand,
    rows,
    signed_in_auditor,
    two_forms_two_workers,
    write,
    write_minutes_before,
)

pytestmark = pytest.mark.database


@pytest.fixture
def log(app, clock):
    log = two_forms_two_workers(app)
    on_carers = {"actor": CASEY, "actor_id": log["casey"], "submission_id": log["carers_id"]}
    on_alert = {"actor": SAM, "actor_id": log["sam"], "submission_id": log["alert_id"]}
    write(app, "submission-viewed", at=datetime(2026, 6, 10, 9, tzinfo=UTC), **on_carers)
    write(app, "submission-viewed", at=NOW - timedelta(hours=1), **on_alert)
    write(app, "note-added", at=NOW - timedelta(hours=1), **on_alert)
    log["client"], log["auditor"] = signed_in_auditor(app)
    return log


def table_of(page: str) -> str:
    return (
        page.split('id="audit-rows"')[1].split("</table>")[0] if 'id="audit-rows"' in page else ""
    )


def test_the_log_shows_every_row_newest_first_with_links_and_the_chain_intact(app, log):
    page = log["client"].get("/staff/audit-log").get_data(as_text=True)
    # The accounts made (user-created), their sign-ins and the three rows above.
    total = len(rows(app)) - 1  # less this look at the page, written after it was read
    assert f"The newest {total} rows of the log are intact" in page
    assert f"Rows 1 to {total} of {total}, newest first." in page
    body = table_of(page)
    assert body.index("Added a note") < body.index(log["carers"])
    assert f'href="/staff/submissions/{log["alert"]}/seen-by"' in body
    assert f'href="/staff/audit-log/people/{log["sam"]}">Sam Safe</a>' in body
    assert 'href="/staff/audit-log/people"' in page
    [viewed] = rows(app, "audit-log-viewed")
    assert viewed.actor_id == log["auditor"] and viewed.detail == {"filters": {}, "page": 1}


def test_the_filters_narrow_the_rows_stay_in_the_address_and_are_recorded(app, log):
    client = log["client"]
    by_action = table_of(client.get("/staff/audit-log?action=note-added").get_data(as_text=True))
    assert "Added a note" in by_action and "Viewed the submission" not in by_action

    by_person = client.get("/staff/audit-log?person=SAM@essex.gov.uk").get_data(as_text=True)
    assert "Sam Safe" in table_of(by_person) and "Casey Worker" not in table_of(by_person)
    assert 'value="SAM@essex.gov.uk"' in by_person and "Clear filters" in by_person

    typed = log["alert"].lower()
    by_reference = table_of(client.get(f"/staff/audit-log?reference={typed}").get_data(True))
    assert by_reference.count("<tr") == 1 + 2 and log["carers"] not in by_reference

    by_dates = table_of(
        client.get(
            "/staff/audit-log?from-day=1&from-month=6&from-year=2026"
            "&to-day=30&to-month=6&to-year=2026"
        ).get_data(as_text=True)
    )
    assert by_dates.count("<tr") == 1 + 1 and log["carers"] in by_dates

    assert [row.detail for row in rows(app, "audit-log-viewed")] == [
        {"filters": {"action": "note-added"}, "page": 1},
        {"filters": {"person": log["sam"]}, "page": 1},
        {"filters": {"reference": log["alert"]}, "page": 1},
        {"filters": {"from": "2026-06-01", "to": "2026-06-30"}, "page": 1},
    ]


@pytest.mark.parametrize(
    ("query", "message", "field"),
    [
        ("action=made-up", "Select an action from the list", "action"),
        (
            "person=nobody@essex.gov.uk",
            "There is no staff account with that email address",
            "person",
        ),
        (
            "reference=hello",
            "Enter a reference like SAF-7K3M-9QXK, as the form gave it",
            "reference",
        ),
        ("reference=SAF-2222-2222", "There is no submission with that reference", "reference"),
        ("to-day=31&to-month=4&to-year=2026", "To date must be a real date", "to-day"),
    ],
)
def test_a_filter_that_cannot_be_used_is_named_and_no_rows_are_shown(
    app, log, query, message, field
):
    page = log["client"].get(f"/staff/audit-log?{query}").get_data(as_text=True)
    assert page.count(message) == 2  # the summary and the field
    assert f'<a href="#{field}">' in page and "<title>Error: Audit log" in page
    assert 'id="audit-rows"' not in page
    if field != "action":  # a list keeps only its own choices
        typed = query.split("=", 1)[1].split("&")[0]
        assert f'value="{typed}"' in page  # what was typed is kept
    [viewed] = rows(app, "audit-log-viewed")
    assert viewed.detail == {"filters": {}}


def test_the_log_comes_a_page_at_a_time_keeping_its_filters(app, log):
    write_minutes_before(app, 120, "list-viewed", actor=CASEY, actor_id=log["casey"])
    client = log["client"]
    first = client.get("/staff/audit-log?action=list-viewed").get_data(as_text=True)
    assert "Rows 1 to 50 of 120" in first
    assert 'href="/staff/audit-log?page=2&amp;action=list-viewed"' in first
    last = client.get("/staff/audit-log?action=list-viewed&page=3").get_data(as_text=True)
    assert "Rows 101 to 120 of 120" in last
    assert rows(app, "audit-log-viewed")[-1].detail == {
        "filters": {"action": "list-viewed"},
        "page": 3,
    }


def test_a_log_too_long_to_count_pages_through_its_newest_rows_and_says_there_are_more(
    app, log, monkeypatch
):
    monkeypatch.setattr(audit_log_view, "PAGED_AT_MOST", 100)
    write_minutes_before(app, 120, "list-viewed", actor=CASEY, actor_id=log["casey"])
    client = log["client"]
    first = client.get("/staff/audit-log?action=list-viewed").get_data(as_text=True)
    assert "Rows 1 to 50 of more than 100, newest first. To see older rows, choose dates." in first
    assert "Audit log rows, page 1<" in first  # no "of 2": there are more pages than that
    assert 'href="/staff/audit-log?page=2&amp;action=list-viewed"' in first
    assert "page=3" not in first
    beyond = client.get("/staff/audit-log?action=list-viewed&page=3").get_data(as_text=True)
    assert "Rows 51 to 100 of more than 100" in beyond  # the last page that can be paged to
    exact = client.get("/staff/audit-log?action=note-added").get_data(as_text=True)
    assert "more than" not in exact and "To see older rows" not in exact


def test_a_row_altered_in_the_database_shows_the_log_broken_at_that_row(app, log):
    target = rows(app, "note-added")[0].id
    alter_by_hand(app, "UPDATE audit_event SET actor = 'someone else' WHERE id = :id", id=target)
    page = log["client"].get("/staff/audit-log").get_data(as_text=True)
    assert f"The log's hash chain is broken at row {target}: its content does not match" in page
    assert "rows are intact" not in page
