"""The actions that move a submission on (issue #9 §5): each change comes with its event, its
audit row and a banner, all in one transaction; reasons and notes are required; outcomes come
from the queue's list; closing needs an outcome; reopening is for managers; and someone acting
on a page that is out of date is told who changed it, loses nothing they typed, and changes
nothing."""

from __future__ import annotations

import re

import pytest
import time_machine
from sqlalchemy import func, select

from portal.data import db
from portal.data.work import RoutingDecision
from portal.staff.submission_view import load
from portal.work_items import items
from tests.audit_world import rows as audited
from tests.staff import form_token
from tests.submissions import CARERS, LATER, account_id, row, send, signed_in

pytestmark = pytest.mark.database

PRACTITIONER = ("safeguarding-practitioner", ["central-safeguarding-triage"])
MANAGER = ("team-manager", ["central-safeguarding-triage"])


@pytest.fixture
def clock():
    with time_machine.travel(LATER, tick=False):
        yield


def act(client, reference: str, action: str, version: int | None = None, **data):
    """Post an action with the page's token and the submission's version (its current one,
    unless given)."""
    app = client.application
    data["csrf_token"] = form_token(client, "/staff")
    data["version"] = str(row(app, reference).version if version is None else version)
    return client.post(f"/staff/submissions/{reference}/{action}", data=data)


def events(app, reference: str) -> list[tuple]:
    with app.app_context():
        return [
            (e.kind, e.actor, e.from_value, e.to_value, e.detail)
            for e in items.history(load(reference))
        ]


def banner_after(client, response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    found = re.search(r'govuk-notification-banner__heading">\s*(.*?)\s*</', page, re.S)
    assert found, "no banner"
    return found.group(1)


def errors_of(response) -> list[str]:
    html = response.get_data(as_text=True)
    summary = html.split("govuk-error-summary__list")[1].split("</ul>")[0]
    return [" ".join(item.split()) for item in re.findall(r"<a [^>]*>(.*?)</a>", summary, re.S)]


def test_assign_to_me_then_release_each_with_its_event_audit_row_and_banner(db_app, clock):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER, name="Sam Smith")
    me = str(account_id(db_app, "sam@essex.gov.uk"))
    assert row(db_app, reference).screened_at is None
    assert banner_after(sam, act(sam, reference, "assign-to-me")) == "Assigned to you"
    found = row(db_app, reference)
    assert (found.assignee, found.version) == (me, 2)
    assert found.screened_at == LATER  # the first action screens it
    assert events(db_app, reference)[0] == ("assigned", me, None, me, None)
    [assigned] = audited(db_app, "submission-assigned")
    assert assigned.detail == {"reference": reference, "assignee": int(me)}

    response = act(sam, reference, "release")
    assert banner_after(sam, response) == "Released: it is back in the queue for the team"
    assert row(db_app, reference).assignee is None
    assert events(db_app, reference)[0] == ("assigned", me, me, None, None)
    assert len(audited(db_app, "submission-released")) == 1


def test_a_manager_assigns_to_a_member_who_may_work_it_and_nobody_else_may(db_app, clock):
    reference = send(db_app)
    manager = signed_in(db_app, "morgan@essex.gov.uk", *MANAGER, name="Morgan Manager")
    practitioner = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER, name="Sam Smith")
    # In the team but a caseworker: a safeguarding team's queue is not theirs to see.
    signed_in(db_app, "casey@essex.gov.uk", "caseworker", ["central-safeguarding-triage"])
    signed_in(
        db_app, "carol@essex.gov.uk", "safeguarding-practitioner", ["organisational-safeguarding"]
    )
    page = manager.get(f"/staff/submissions/{reference}/assign").get_data(as_text=True)
    assert "Sam Smith (sam@essex.gov.uk)" in page and "Morgan Manager" in page
    assert "casey@" not in page and "carol@" not in page
    assert practitioner.get(f"/staff/submissions/{reference}/assign").status_code == 403

    sam = str(account_id(db_app, "sam@essex.gov.uk"))
    response = act(manager, reference, "assign", assignee=sam)
    assert banner_after(manager, response) == "Assigned to Sam Smith"
    manager_id = str(account_id(db_app, "morgan@essex.gov.uk"))
    assert events(db_app, reference)[0] == ("assigned", manager_id, None, sam, None)
    page = manager.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    assert "Assigned to Sam Smith" in page and "by Morgan Manager" in page


def test_the_status_changes_among_the_open_statuses(db_app, clock):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    page = sam.get(f"/staff/submissions/{reference}/status").get_data(as_text=True)
    assert 'value="in-progress"' in page and 'value="waiting"' in page
    assert 'value="new"' not in page and 'value="closed"' not in page  # current; closing is apart
    assert "Select the new status" in errors_of(act(sam, reference, "status"))
    response = act(sam, reference, "status", status="waiting")
    assert banner_after(sam, response) == "Status changed to Waiting"
    assert row(db_app, reference).status == "waiting"
    [changed] = audited(db_app, "status-changed")
    assert changed.detail == {"reference": reference, "from": "new", "to": "waiting"}


def test_a_change_of_priority_needs_a_reason_and_counts_the_due_times_again(db_app, clock):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    refused = act(sam, reference, "priority", priority="high", reason="  ")
    assert refused.status_code == 200
    assert errors_of(refused) == ["Enter the reason for changing the priority"]
    html = refused.get_data(as_text=True)
    assert re.search(r'value="high"\s+checked', html)  # the choice is kept
    assert 'id="reason-error"' in html
    assert row(db_app, reference).priority == "urgent"

    reason = "Spoke to the adult: the nephew has moved away"
    response = act(sam, reference, "priority", priority="high", reason=reason)
    assert banner_after(sam, response) == "Priority changed to High (priority 2)"
    found = row(db_app, reference)
    assert (found.priority, found.priority_rank) == ("high", 2)
    # High: screened by the close of the next working day after it was sent; the allocation and
    # s.42 clocks are for priority 1 only.
    assert [clock["id"] for clock in found.routing["clocks"]] == ["screening"]
    assert found.due_at.isoformat() == "2026-03-05T17:00:00+00:00"
    kind, _actor, before, after, detail = events(db_app, reference)[0]
    assert (kind, before, after, detail) == ("priority", "urgent", "high", reason)
    with db_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(RoutingDecision)) == 2
    [changed] = audited(db_app, "priority-changed")
    assert changed.detail == {"reference": reference, "from": "urgent", "to": "high"}
    assert reason not in str(changed.detail)


def test_a_transfer_needs_a_reason_and_moves_it_to_the_new_queue_unassigned(db_app, clock):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    act(sam, reference, "assign-to-me")
    page = sam.get(f"/staff/submissions/{reference}/transfer").get_data(as_text=True)
    assert 'value="ascc-duty"' in page and 'value="central-safeguarding-triage"' not in page
    refused = act(sam, reference, "transfer", queue="ascc-duty")
    assert errors_of(refused) == ["Enter the reason for the transfer"]
    assert row(db_app, reference).queue == "central-safeguarding-triage"

    reason = "Not a safeguarding matter: needs a Care Act assessment"
    response = act(sam, reference, "transfer", queue="ascc-duty", reason=reason)
    # The practitioner's teams no longer see it: they land on the start page, told so.
    assert response.status_code == 303 and response.headers["Location"] == "/staff"
    start = sam.get("/staff").get_data(as_text=True)
    assert f"{reference}: Transferred to ASCC Duty" in start
    found = row(db_app, reference)
    assert (found.queue, found.assignee) == ("ascc-duty", None)
    # ASCC Duty's standard for priority 1 (24 hours), from the moment of the transfer.
    assert found.due_at.isoformat() == "2026-03-05T12:00:00+00:00"
    assert [clock["id"] for clock in found.routing["clocks"]] == ["first-response"]
    assert found.routing["reasons"][-1]["text"] == (
        f"Transferred from Central Safeguarding Triage to ASCC Duty: {reason}"
    )
    kinds = [event[0] for event in events(db_app, reference)]
    assert kinds[:3] == ["assigned", "rerouted", "assigned"]
    assert events(db_app, reference)[1][2:] == ("central-safeguarding-triage", "ascc-duty", reason)
    [moved] = audited(db_app, "submission-transferred")
    assert moved.detail == {
        "reference": reference,
        "from": "central-safeguarding-triage",
        "to": "ascc-duty",
    }
    duty = signed_in(db_app, "duty@essex.gov.uk", "team-manager", ["countywide-duty"])
    page = duty.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    assert "Transferred from Central Safeguarding Triage to ASCC Duty" in page
    assert reason in page


def test_a_note_is_required_kept_when_too_long_and_never_put_in_the_audit_log(db_app, clock):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    assert errors_of(act(sam, reference, "note", note=" ")) == ["Enter the note"]
    too_long = "Phoned the GP. " * 400
    refused = act(sam, reference, "note", note=too_long)
    assert errors_of(refused) == ["The note must be 5,000 characters or fewer"]
    assert too_long.strip() in refused.get_data(as_text=True)  # what was typed is still there
    assert row(db_app, reference).version == 1

    note = "Phoned the GP: they know of the nephew."
    assert banner_after(sam, act(sam, reference, "note", note=note)) == "Note added"
    assert events(db_app, reference)[0][0] == "note" and events(db_app, reference)[0][4] == note
    [added] = audited(db_app, "note-added")
    assert added.detail == {"reference": reference}
    assert row(db_app, reference).version == 2  # a note moves the version on too


def test_outcomes_come_from_the_queues_own_list(db_app, clock):
    alert, carer = send(db_app), send(db_app, CARERS)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    page = sam.get(f"/staff/submissions/{alert}/outcome").get_data(as_text=True)
    names = re.findall(r'class="govuk-label govuk-radios__label"[^>]*>\s*(.*?)\s*</label>', page)
    assert names == [
        "Section 42 enquiry",
        "Other safeguarding enquiry",
        "Information and advice given",
        "Passed to another council",
        "No further action",
    ]
    casey = signed_in(db_app, "casey@essex.gov.uk", "caseworker", ["carers"])
    page = casey.get(f"/staff/submissions/{carer}/outcome").get_data(as_text=True)
    assert "Carer&#39;s assessment booked" in page and "Section 42 enquiry" not in page
    refused = act(casey, carer, "outcome", outcome="section-42-enquiry")
    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)

    response = act(sam, alert, "outcome", outcome="section-42-enquiry")
    assert banner_after(sam, response) == (
        "Outcome recorded: Section 42 enquiry. You can close it now"
    )
    assert row(db_app, alert).outcome == "section-42-enquiry"
    assert events(db_app, alert)[0][0:4:3] == ("outcome", "section-42-enquiry")
    [recorded] = audited(db_app, "outcome-recorded")
    assert recorded.detail == {"reference": alert, "outcome": "section-42-enquiry"}


def test_closing_needs_an_outcome_and_reopening_needs_a_manager(db_app, clock):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    page = sam.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    assert "To close it, record an outcome first." in page
    refused = act(sam, reference, "close")
    assert refused.status_code == 409
    assert errors_of(refused) == ["Record an outcome before you close this submission."]
    assert row(db_app, reference).status == "new" and audited(db_app, "submission-closed") == []

    act(sam, reference, "outcome", outcome="no-further-action")
    assert banner_after(sam, act(sam, reference, "close")) == "Closed"
    found = row(db_app, reference)
    assert (found.status, found.closed_at) == ("closed", LATER)
    assert events(db_app, reference)[0][0:4:3] == ("closed", "closed")
    assert len(audited(db_app, "submission-closed")) == 1
    page = sam.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    assert "It is closed. A team manager can reopen it." in page
    assert "Assign to me" not in page
    # Nothing but a note changes a closed submission.
    assert act(sam, reference, "assign-to-me").status_code == 409
    assert act(sam, reference, "status", status="waiting").status_code == 409
    assert act(sam, reference, "note", note="Letter sent").status_code == 303

    assert act(sam, reference, "reopen").status_code == 403
    manager = signed_in(db_app, "morgan@essex.gov.uk", *MANAGER)
    assert banner_after(manager, act(manager, reference, "reopen")) == "Reopened"
    found = row(db_app, reference)
    assert (found.status, found.closed_at, found.outcome) == ("new", None, "no-further-action")
    assert len(audited(db_app, "submission-reopened")) == 1


ACTIONS = {
    "assign-to-me": {},
    "release": {},
    "close": {},
    "reopen": {},
    "status": {"status": "waiting"},
    "priority": {"priority": "high", "reason": "Because"},
    "transfer": {"queue": "ascc-duty", "reason": "Because"},
    "note": {"note": "A note"},
    "outcome": {"outcome": "no-further-action"},
    "assign": {"assignee": "1"},
}


@pytest.mark.parametrize(
    ("role", "teams"),
    [
        ("caseworker", ["carers"]),  # not their queue
        ("caseworker", ["central-safeguarding-triage"]),  # a safeguarding queue: not theirs
        ("auditor", []),
        ("account-administrator", []),
    ],
)
def test_those_who_may_not_work_it_get_403_for_every_action_and_page(db_app, clock, role, teams):
    reference = send(db_app)
    client = signed_in(db_app, f"{role}@essex.gov.uk", role, teams)
    for action, data in ACTIONS.items():
        assert act(client, reference, action, **data).status_code == 403, action
        if data:
            assert client.get(f"/staff/submissions/{reference}/{action}").status_code == 403
    found = row(db_app, reference)
    assert (found.version, found.screened_at) == (1, None)
    assert [event[0] for event in events(db_app, reference)] == ["submitted"]


def test_someone_else_may_not_release_it_or_take_it_over_but_a_manager_may(db_app, clock):
    reference = send(db_app, CARERS)
    jo = signed_in(db_app, "jo@essex.gov.uk", "caseworker", ["carers"])
    casey = signed_in(db_app, "casey@essex.gov.uk", "caseworker", ["carers"])
    act(jo, reference, "assign-to-me")
    assert act(casey, reference, "release").status_code == 403
    taken = act(casey, reference, "assign-to-me")
    assert taken.status_code == 409
    assert errors_of(taken) == [
        "It is assigned to someone else. Ask them or a team manager to release it first."
    ]
    manager = signed_in(db_app, "morgan@essex.gov.uk", "team-manager", ["carers"])
    assert banner_after(manager, act(manager, reference, "release")).startswith("Released")


def test_the_second_of_two_people_is_told_who_changed_it_keeps_their_note_and_changes_nothing(
    db_app, clock
):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER, name="Sam Smith")
    kim = signed_in(db_app, "kim@essex.gov.uk", *PRACTITIONER, name="Kim Lee")
    seen = row(db_app, reference).version  # both opened the page at this version
    act(sam, reference, "assign-to-me", version=seen)

    mine = "Called the adult at 11am.\nHe is safe today."
    response = act(kim, reference, "note", version=seen, note=mine)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Sam Smith changed this submission at 12pm on Wednesday 4 March 2026" in html
    assert "What they did: Assigned to Sam Smith." in html
    assert "Nothing you sent has been saved" in html
    assert f">{mine}</textarea>" in html  # exactly what was typed
    assert re.search(r'name="version" value="2"', html)  # ready to send again, as it is now
    assert "Sam Smith" in html.split("Assigned to")[-1]  # the current state
    assert [event[0] for event in events(db_app, reference)] == ["assigned", "submitted"]

    again = act(kim, reference, "note", version=2, note=mine)
    assert banner_after(kim, again) == "Note added"

    # A button's conflict is the submission's page again, saying the same.
    clash = act(sam, reference, "release", version=2)
    assert clash.status_code == 409
    html = clash.get_data(as_text=True)
    assert "Kim Lee changed this submission at" in html and "What they did: Note." in html
    assert row(db_app, reference).assignee == str(account_id(db_app, "sam@essex.gov.uk"))


def test_a_change_landing_between_reading_and_writing_is_caught_and_nothing_applied(
    db_app, clock, monkeypatch
):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER, name="Sam Smith")
    signed_in(db_app, "kim@essex.gov.uk", *PRACTITIONER, name="Kim Lee")
    kim_id = str(account_id(db_app, "kim@essex.gov.uk"))
    real_add_note = items.add_note

    def colleague_first(submission, text, *, actor):
        # Kim's note is written and committed by another request after Sam's was checked.
        with db_app.app_context():
            real_add_note(load(reference), "Kim's note", actor=kim_id)
            db.session.commit()
        return real_add_note(submission, text, actor=actor)

    monkeypatch.setattr(items, "add_note", colleague_first)
    response = act(sam, reference, "note", note="Sam's note")
    monkeypatch.undo()
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Kim Lee changed this submission at" in html and "What they did: Note." in html
    assert '<p class="govuk-body app-pre-line">Kim&#39;s note</p>' in html  # their note
    assert ">Sam&#39;s note</textarea>" in html
    assert [(e[0], e[4]) for e in events(db_app, reference)] == [
        ("note", "Kim's note"),
        ("submitted", None),
    ]
    assert audited(db_app, "note-added") == []  # rolled back with the change
    assert row(db_app, reference).version == 2


def test_an_expired_token_changes_nothing_and_keeps_what_was_typed(db_app, clock):
    reference = send(db_app)
    sam = signed_in(db_app, "sam@essex.gov.uk", *PRACTITIONER)
    version = str(row(db_app, reference).version)
    typed = "Spoke to the GP."
    response = sam.post(
        f"/staff/submissions/{reference}/note",
        data={"csrf_token": "expired", "version": version, "note": typed},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Your session timed out" in html and f">{typed}</textarea>" in html
    button = sam.post(
        f"/staff/submissions/{reference}/assign-to-me",
        data={"csrf_token": "expired", "version": version},
    )
    assert button.status_code == 400 and "Your session timed out" in button.get_data(as_text=True)
    assert row(db_app, reference).version == 1
    assert [event[0] for event in events(db_app, reference)] == ["submitted"]
