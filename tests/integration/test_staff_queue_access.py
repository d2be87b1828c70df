"""Need to know in the queues and the search: nothing outside a person's queues is listed,
counted or found, and the roles that see no submission are refused the pages (ADR 0027)."""

from __future__ import annotations

import pytest
import time_machine

from tests.work_queue import (
    ALERT,
    CARERS,
    NOW,
    SAM,
    TECHNOLOGY,
    change,
    listed,
    safeguarding_practitioner,
    search_for_person,
    send,
    signed_in,
    staff,
)

pytestmark = pytest.mark.database
QUEUE_PAGES = ("/staff/my-work", "/staff/available-work", "/staff/all-work", "/staff/search")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def html(client, path: str, data: dict | None = None) -> str:
    response = client.post(path, data=data) if data else client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_a_carers_caseworker_never_sees_counts_or_finds_a_safeguarding_alert(db_app, frozen):
    me, secret = staff(db_app, "casey@essex.gov.uk", "caseworker", ["carers"], "Casey Worker")
    carer = send(db_app, CARERS)
    alert = send(db_app, ALERT)
    # Even assigned to them (it could have been, before it moved queue), it is not theirs to see.
    assigned_alert = send(db_app, ALERT)
    change(db_app, assigned_alert, assignee=me, status="in-progress")
    client = signed_in(db_app, "casey@essex.gov.uk", secret)

    available = html(client, "/staff/available-work")
    assert listed(available) == [carer]
    assert "Available work (1)" in available and "My work (0)" in available
    assert listed(html(client, "/staff/my-work")) == []
    assert alert not in html(client, "/staff/available-work?priority=urgent&language=ro")
    start = html(client, "/staff")
    assert "My work: 0 open submissions" in start and "Available work: 1 submission" in start

    by_reference = html(client, f"/staff/search?reference={alert}")
    assert "No submission found" in by_reference
    about_ron = search_for_person(client, {"name": "Ron Example", "nhs-number": "943 476 5919"})
    assert "0 submissions found" in about_ron and listed(about_ron) == []


def test_a_safeguarding_practitioner_sees_a_carers_form_only_through_its_second_queue(
    db_app, frozen
):
    _, secret = safeguarding_practitioner(db_app)
    carer = send(db_app, CARERS)
    unsafe_carer = send(db_app, CARERS, feel_safe="no", feel_safe_detail="Shouting")
    alert = send(db_app, ALERT)
    client = signed_in(db_app, SAM, secret)

    available = html(client, "/staff/available-work")
    assert set(listed(available)) == {alert, unsafe_carer} and carer not in available
    assert "Available work (2)" in available
    # The queue filter finds a form whose second queue it is, too.
    in_triage = html(client, "/staff/available-work?queue=central-safeguarding-triage")
    assert set(listed(in_triage)) == {alert, unsafe_carer}
    # Carers is not a queue this person may choose.
    assert "Select a queue from the list" in html(client, "/staff/available-work?queue=carers")
    assert "No submission found" in html(client, f"/staff/search?reference={carer}")
    response = client.get(f"/staff/search?reference={unsafe_carer}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/staff/submissions/{unsafe_carer}"


def test_a_caseworker_placed_in_a_safeguarding_team_sees_none_of_its_alerts(db_app, frozen):
    _, secret = staff(
        db_app, "cw@essex.gov.uk", "caseworker", ["central-safeguarding-triage"], "Cam Worker"
    )
    send(db_app, ALERT)
    client = signed_in(db_app, "cw@essex.gov.uk", secret)
    page = html(client, "/staff/available-work")
    assert listed(page) == [] and "Available work (0)" in page


def test_a_manager_sees_only_the_queues_of_their_own_teams(db_app, frozen):
    _, secret = staff(db_app, "m@essex.gov.uk", "team-manager", ["care-technology"], "Mo")
    send(db_app, CARERS)
    technology = send(db_app, TECHNOLOGY)
    client = signed_in(db_app, "m@essex.gov.uk", secret)
    assert listed(html(client, "/staff/all-work")) == [technology]
    assert listed(html(client, "/staff/all-work?status=new&status=closed")) == [technology]


@pytest.mark.parametrize("role", ["account-administrator", "auditor"])
def test_administrators_and_auditors_are_refused_every_queue_and_the_search(db_app, role):
    _, secret = staff(db_app, f"{role}@essex.gov.uk", role, [], "Someone")
    send(db_app, CARERS)
    client = signed_in(db_app, f"{role}@essex.gov.uk", secret)
    for path in QUEUE_PAGES:
        assert client.get(path).status_code == 403, path
    assert client.get("/staff/search?reference=CAR-7K3M-9QXK").status_code == 403
    start = html(client, "/staff")
    assert "My work" not in start and 'href="/staff/search"' not in start


def test_the_two_parts_of_need_to_know_are_visible_split_in_two(db_app):
    """The queue views count and list through access.visible_parts (each part answered from an
    index): together they must be exactly access.visible's rows, and never overlap."""
    from sqlalchemy import or_, select

    from portal.data import db
    from portal.data.journeys import Submission
    from portal.work_items import access

    placed = [
        ("carers", None),
        ("carers", "central-safeguarding-triage"),
        ("central-safeguarding-triage", None),
        ("central-safeguarding-triage", "carers"),
        ("care-technology", "central-safeguarding-triage"),
        ("ascc-duty", None),
        (None, "carers"),
    ]
    for queue, second_queue in placed:
        change(db_app, send(db_app, CARERS), queue=queue, second_queue=second_queue)
    accounts = {
        "caseworker": (("caseworker",), ("carers",)),
        "practitioner": (("safeguarding-practitioner",), ("central-safeguarding-triage",)),
        "manager": (("team-manager",), ("carers", "central-safeguarding-triage")),
        "auditor": (("auditor",), ()),
    }
    with db_app.app_context():

        def ids(*where):
            return set(db.session.scalars(select(Submission.id).where(*where)))

        for name, (roles, teams) in accounts.items():
            user = type("Account", (), {"roles": roles, "teams": teams})()
            for within in (None, ["central-safeguarding-triage"], ["carers"]):
                expected = ids(access.visible(user))
                if within is not None:
                    # Narrowed to those of the person's queues that are within.
                    queues = access.visible_queues(user) & set(within)
                    expected &= ids(
                        or_(Submission.queue.in_(queues), Submission.second_queue.in_(queues))
                    )
                parts = access.visible_parts(user, within)
                if parts is None:
                    assert expected == set(), (name, within)
                    continue
                first, second = ids(parts[0]), ids(parts[1])
                assert first | second == expected, (name, within)
                assert not first & second, (name, within)
