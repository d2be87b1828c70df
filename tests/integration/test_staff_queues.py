"""The queue views (My work, Available work, All work): what each lists and counts, in what
order, its filters in the URL, its pages, and the audit row each list viewed writes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from portal.work_items import queues
from tests.audit_world import rows as audit_rows
from tests.work_queue import (
    ALERT,
    CARERS,
    NOW,
    TECHNOLOGY,
    change,
    listed,
    send,
    signed_in,
    staff,
)

pytestmark = pytest.mark.database


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def team(db_app, frozen):
    """A carers caseworker, a colleague and a manager of Carers and Care Technology, and work
    in each state: the caseworker's own, the colleague's, a closed one, one nobody has, a care
    technology request and a safeguarding alert (which none of them may see)."""
    casey, casey_secret = staff(
        db_app, "casey@essex.gov.uk", "caseworker", ["carers"], "Casey Worker"
    )
    chris, _ = staff(db_app, "chris@essex.gov.uk", "caseworker", ["carers"], "Chris Colleague")
    _, morgan_secret = staff(
        db_app,
        "morgan@essex.gov.uk",
        "team-manager",
        ["carers", "care-technology"],
        "Morgan Manager",
    )
    work = {name: send(db_app, CARERS) for name in ("mine", "theirs", "done", "waiting")}
    work["technology"] = send(db_app, TECHNOLOGY)
    work["alert"] = send(db_app, ALERT)
    change(db_app, work["mine"], assignee=casey, status="in-progress")
    change(db_app, work["theirs"], assignee=chris, status="waiting")
    change(db_app, work["done"], assignee=casey, status="closed")
    return {
        "app": db_app,
        "work": work,
        "casey": lambda: signed_in(db_app, "casey@essex.gov.uk", casey_secret),
        "morgan": lambda: signed_in(db_app, "morgan@essex.gov.uk", morgan_secret),
    }


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_my_work_lists_my_open_work_and_who_has_it(team):
    work, client = team["work"], team["casey"]()
    html = page(client, "/staff/my-work")
    assert listed(html) == [work["mine"]]
    assert "My work (1)" in html and "Available work (1)" in html
    assert "All work" not in html  # a caseworker does not manage the team's work
    assert "Casey Worker" in html and "In progress" in html
    assert f'href="/staff/submissions/{work["mine"]}"' in html


def test_available_work_is_open_work_nobody_has_in_my_queues(team):
    work = team["work"]
    assert listed(page(team["casey"](), "/staff/available-work")) == [work["waiting"]]
    html = page(team["morgan"](), "/staff/available-work")
    # The urgent care technology request first, then the carer's form (high).
    assert listed(html) == [work["technology"], work["waiting"]]
    assert "Nobody" in html
    assert "My work (0)" in html and "Available work (2)" in html and "All work (4)" in html


def test_all_work_is_every_open_submission_in_the_managers_queues_whoever_has_it(team):
    work, client = team["work"], team["morgan"]()
    html = page(client, "/staff/all-work")
    assert listed(html) == [work["technology"], work["mine"], work["theirs"], work["waiting"]]
    assert "Casey Worker" in html and "Chris Colleague" in html and "Nobody" in html
    # Closed work is there when the status filter asks for it.
    assert listed(page(client, "/staff/all-work?status=closed")) == [work["done"]]
    assert listed(page(client, "/staff/all-work?status=waiting&status=closed")) == [
        work["theirs"],
        work["done"],
    ]


def test_a_caseworker_cannot_open_all_work(team):
    assert team["casey"]().get("/staff/all-work").status_code == 403


def test_the_default_order_is_priority_then_due_time_then_first_sent(db_app, frozen):
    _, secret = staff(db_app, "morgan@essex.gov.uk", "team-manager", ["carers"], "Morgan Manager")
    shape = {
        "standard-tomorrow": ("standard", 3, NOW + timedelta(days=1)),
        "urgent-in-3-days": ("urgent", 1, NOW + timedelta(days=3)),
        "urgent-in-an-hour": ("urgent", 1, NOW + timedelta(hours=1)),
        "urgent-no-due-time": ("urgent", 1, None),
        "high-overdue": ("high", 2, NOW - timedelta(hours=5)),
        "urgent-in-an-hour-later": ("urgent", 1, NOW + timedelta(hours=1)),
    }
    made = {}
    for name, (priority, rank, due) in shape.items():
        made[name] = send(db_app, CARERS)
        change(db_app, made[name], priority=priority, priority_rank=rank, due_at=due)
    html = page(signed_in(db_app, "morgan@essex.gov.uk", secret), "/staff/all-work")
    order = [
        "urgent-in-an-hour",
        "urgent-in-an-hour-later",  # the same due time: the one sent first comes first
        "urgent-in-3-days",
        "urgent-no-due-time",
        "high-overdue",
        "standard-tomorrow",
    ]
    assert listed(html) == [made[name] for name in order]
    assert "Due today at 11am" in html and "Overdue by 5 hours" in html
    assert "Due tomorrow at 10am" in html and "Due in 3 days" in html
    assert "No due time" in html


@pytest.fixture
def variety(db_app, frozen):
    """Open work that differs in each thing a filter looks at, seen by a manager of Carers and
    Care Technology on Wednesday 4 March 2026 at 10am (NOW)."""
    _, secret = staff(
        db_app, "morgan@essex.gov.uk", "team-manager", ["carers", "care-technology"], "Morgan"
    )
    rows = {
        # In Polish, needs a Polish interpreter; Colchester; high; due Thursday 5pm; online.
        "polish": send(db_app, CARERS, locale="pl"),
        # Needs an interpreter for another language; Maldon; urgent; overdue since Tuesday 5pm.
        "technology": send(db_app, TECHNOLOGY),
        "harlow": send(db_app, CARERS, channel="phone"),
        "sunday": send(db_app, CARERS),
        "next-week": send(db_app, CARERS, locale="ur"),
    }
    change(
        db_app,
        rows["harlow"],
        locality="west-essex",
        district="harlow",
        locality_check=True,
        status="in-progress",
        due_at=NOW + timedelta(hours=2),
        interpreter="bfi",
        priority="standard",
        priority_rank=3,
    )
    change(db_app, rows["sunday"], due_at=NOW + timedelta(days=4), interpreter=None)
    change(db_app, rows["next-week"], due_at=NOW + timedelta(days=6), interpreter=None)
    return rows, signed_in(db_app, "morgan@essex.gov.uk", secret)


FILTERED = [
    ("queue=care-technology", ["technology"]),
    ("queue=carers", ["polish", "sunday", "next-week", "harlow"]),
    ("locality=west-essex", ["harlow"]),
    ("district=harlow", ["harlow"]),
    ("district=colchester", ["polish", "sunday", "next-week"]),
    ("priority=urgent", ["technology"]),
    ("priority=urgent&priority=standard", ["technology", "harlow"]),
    ("status=in-progress", ["harlow"]),
    ("status=new", ["technology", "polish", "sunday", "next-week"]),
    ("due=overdue", ["technology"]),
    ("due=today", ["harlow"]),
    ("due=this-week", ["polish", "sunday", "harlow"]),
    ("language=pl", ["polish"]),  # the form's language and the interpreter's
    ("language=ur", ["next-week"]),  # the form's language only
    ("language=other", ["technology"]),
    ("language=bfi", ["harlow"]),
    ("language=ro", []),
    ("channel=phone", ["harlow"]),
    ("channel=self-service", ["technology", "polish", "sunday", "next-week"]),
    ("locality-check=yes", ["harlow"]),
    ("priority=high&due=this-week", ["polish", "sunday"]),
    ("locality=north-east-essex&language=pl&channel=self-service", ["polish"]),
    ("queue=carers&priority=urgent", []),
]


def test_each_filter_and_combinations_of_them_narrow_the_list(variety):
    rows, client = variety
    everything = listed(page(client, "/staff/all-work"))
    assert everything == [
        rows[name] for name in ("technology", "polish", "sunday", "next-week", "harlow")
    ]
    for query, expected in FILTERED:
        html = page(client, f"/staff/all-work?{query}")
        assert listed(html) == [rows[name] for name in expected], query
        assert "There is a problem" not in html, query
    empty = page(client, "/staff/all-work?language=ro")
    assert "No submissions match these filters." in empty


def test_a_row_shows_each_thing_staff_sort_work_by(variety):
    rows, client = variety
    html = page(client, "/staff/all-work?queue=carers&locality-check=yes")
    assert listed(html) == [rows["harlow"]]
    for text in (
        "Carer&#39;s self-assessment",
        "Standard",
        "Due today at 12pm",
        "West Essex",
        "Harlow",
        "Locality check",
        "English",
        "BSL",
        "Phone",
        "In progress",
        "Nobody",
    ):
        assert text in html, text
    polish = page(client, "/staff/all-work?language=pl")
    assert "Polish" in polish and "Interpreter: Polish" in polish and "Online" in polish
    other = page(client, "/staff/all-work?language=other")
    assert "Interpreter: another language" in other and "Overdue by 17 hours" in other


def test_the_filters_are_a_get_form_that_shows_what_is_chosen_and_how_to_remove_it(variety):
    _rows, client = variety
    html = page(client, "/staff/all-work?district=harlow&priority=urgent&priority=high")
    assert 'method="get" action="/staff/all-work"' in html
    assert "Apply filters" in html and 'href="/staff/all-work">Clear filters</a>' in html
    assert "Selected filters" in html
    # Each tag's link is the same list without it.
    assert 'href="/staff/all-work?district=harlow&amp;priority=high"' in html
    assert 'href="/staff/all-work?priority=urgent&amp;priority=high"' in html
    assert '<option value="harlow" selected>' in html
    assert 'name="priority" type="checkbox" value="urgent" checked' in html


def test_the_form_sent_as_it_is_leads_to_one_address_per_choice(variety):
    _rows, client = variety
    sent = "/staff/all-work?queue=&locality=&priority=high&priority=urgent&due=&page=1"
    response = client.get(sent)
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/all-work?priority=urgent&priority=high"
    assert client.get("/staff/all-work?page=1").headers["Location"] == "/staff/all-work"
    # Nothing was shown, so nothing is audited until the list itself is.
    assert audit_rows(client.application, "list-viewed") == []


def test_bad_filter_values_are_named_and_left_out_never_a_server_error(variety):
    rows, client = variety
    html = page(
        client, "/staff/all-work?queue=central-safeguarding-triage&due=yesterday&priority=urgent"
    )
    assert "There is a problem" in html
    assert "Select a queue from the list" in html and 'href="#queue"' in html
    assert "Select when it is due from the list" in html
    # The good filter still applies; the bad ones are left out.
    assert listed(html) == [rows["technology"]]
    bad_page = page(client, "/staff/all-work?page=first")
    assert "The page number must be a whole number, like 2" in bad_page
    assert len(listed(bad_page)) == 5


def test_long_lists_come_in_pages_of_25_that_keep_the_filters(db_app, frozen):
    casey, secret = staff(db_app, "casey@essex.gov.uk", "caseworker", ["carers"], "Casey")
    made = [send(db_app, CARERS) for _ in range(27)]
    client = signed_in(db_app, "casey@essex.gov.uk", secret)
    first = page(client, "/staff/available-work?priority=high")
    assert listed(first) == made[:25]
    assert "Showing 1 to 25 of 27" in first
    assert 'href="/staff/available-work?priority=high&amp;page=2"' in first
    second = page(client, "/staff/available-work?priority=high&page=2")
    assert listed(second) == made[25:]
    assert "Showing 26 to 27 of 27" in second
    assert 'href="/staff/available-work?priority=high"' in second  # back to page 1
    past = page(client, "/staff/available-work?priority=high&page=9")
    assert listed(past) == [] and "There is no page 9: the list has 2 pages." in past
    with db_app.app_context():
        assert queues.PAGE_SIZE == 25
    assert casey  # the accounts' ids are numbers kept as text in assignee


def test_each_list_viewed_is_audited_with_its_view_filters_and_page(team):
    client = team["morgan"]()
    page(client, "/staff/all-work?queue=carers&status=closed")
    page(client, "/staff/my-work")
    page(client, "/staff/available-work?page=2")
    rows = audit_rows(team["app"], "list-viewed")
    assert [row.actor for row in rows] == ["morgan@essex.gov.uk"] * 3
    assert [row.detail for row in rows] == [
        {
            "view": "all-work",
            "filters": {"queue": "carers", "status": ["closed"]},
            "page": 1,
            "results": 1,
        },
        {"view": "my-work", "filters": {}, "page": 1, "results": 0},
        {"view": "available-work", "filters": {}, "page": 2, "results": 2},
    ]
    assert all(row.submission_id is None for row in rows)


def test_the_start_page_shows_my_work_and_available_work_with_their_counts(team):
    html = page(team["casey"](), "/staff")
    assert "The queues of submissions will appear here." not in html
    assert 'href="/staff/my-work">My work: 1 open submission</a>' in html
    assert 'href="/staff/available-work">Available work: 1 submission nobody has' in html
    # The menu: the views and the search, All work only for managers.
    assert 'href="/staff/search"' in html and 'href="/staff/all-work"' not in html
    assert 'href="/staff/all-work"' in page(team["morgan"](), "/staff")


def test_counting_stops_at_the_limit_and_the_pages_still_lead_on(db_app, frozen, monkeypatch):
    monkeypatch.setattr(queues, "COUNT_LIMIT", 3)
    monkeypatch.setattr(queues, "PAGE_SIZE", 2)
    _, secret = staff(db_app, "morgan@essex.gov.uk", "team-manager", ["carers"], "Morgan")
    made = [send(db_app, CARERS) for _ in range(5)]
    client = signed_in(db_app, "morgan@essex.gov.uk", secret)
    first = page(client, "/staff/all-work")
    assert "All work (3+)" in first and "Available work (3+)" in first
    assert "More than 3 submissions" in first and "Showing 1 to 2 of more than 3" in first
    assert listed(first) == made[:2]
    assert 'href="/staff/all-work?page=2"' in first  # next, though the last page is not known
    third = page(client, "/staff/all-work?page=3")
    assert listed(third) == made[4:]
    assert 'rel="next"' not in third  # the rows ran out: no next page
    assert "Available work: 3+ submissions nobody has picked up" in page(client, "/staff")
    assert [row.detail["results"] for row in audit_rows(db_app, "list-viewed")] == ["3+", "3+"]
