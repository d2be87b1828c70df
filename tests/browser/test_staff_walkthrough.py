"""Issue #9's acceptance, tried as a new user would after `make run`: a resident reports a
concern on the public form; the demo safeguarding practitioner finds it in Available work,
assigns it, adds a note, transfers it, records an outcome and closes it, and sees each step in
its timeline; the demo auditor finds each step in the audit log; the carers caseworker cannot
open the alert, and the safeguarding practitioner cannot open a carer's form."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import Submission
from tests.browser.clicks import follow
from tests.browser.journey_filler import complete
from tests.browser.staff_sign_in import sign_in_as
from tests.journey_walker import example
from tests.submissions import CARERS, send

pytestmark = pytest.mark.browser


def send_from_the_public_form(page, live_server, journey_id: str) -> str:
    journey = live_server.app.extensions["frontdoor.journeys"][journey_id]
    complete(page, live_server.url, journey, example(journey_id))
    return page.locator(".govuk-panel strong").inner_text().strip()


def test_an_alert_from_the_public_form_is_worked_to_its_outcome_and_audited(make_page, live_server):
    page = make_page(1280)
    base = live_server.url
    alert = send_from_the_public_form(page, live_server, "safeguarding-alert")
    carers = send(live_server.app, CARERS)  # sent by the pages elsewhere: here only its reader

    # The carers caseworker: the carer's form opens, the alert does not, and it is in no list.
    sign_in_as(page, live_server, "caseworker")
    assert page.goto(f"{base}/staff/submissions/{carers}").status == 200
    assert page.goto(f"{base}/staff/submissions/{alert}").status == 403
    page.goto(f"{base}/staff/available-work")
    assert alert not in page.locator("main").inner_text()

    # The safeguarding practitioner finds the alert a moment after it was sent.
    sign_in_as(page, live_server, "safeguarding-practitioner")
    assert page.goto(f"{base}/staff/submissions/{carers}").status == 403
    with live_server.app.app_context():
        locality = db.session.scalar(
            select(Submission.locality).where(Submission.reference == alert)
        )
    page.goto(f"{base}/staff/available-work?locality={locality}")
    follow(page.get_by_role("link", name=alert))
    assert page.locator("h1").inner_text() == alert

    follow(page.get_by_role("button", name="Assign to me"))
    follow(page.get_by_role("link", name="Add a note"))
    page.fill("#note", "Rang the adult at a safe time: he is safe today.")
    follow(page.get_by_role("button", name="Add note"))
    follow(page.get_by_role("link", name="Transfer to another queue"))
    page.get_by_label("Organisational Safeguarding").check()
    page.fill("#reason", "The concern is about the day centre he attends")
    follow(page.get_by_role("button", name="Transfer"))
    follow(page.get_by_role("link", name="Record an outcome"))
    page.get_by_label("Section 42 enquiry").check()
    follow(page.get_by_role("button", name="Record"))
    follow(page.get_by_role("button", name="Close"))

    timeline = "\n".join(page.locator(".moj-timeline__title").all_inner_texts())
    for step in (
        "Closed",
        "Outcome recorded: Section 42 enquiry",
        "Transferred from Central Safeguarding Triage to Organisational Safeguarding",
        "Note",
        "Assigned to Sam Safeguarding",
    ):
        assert step in timeline, (step, timeline)
    assert "Rang the adult at a safe time" in page.locator(".moj-timeline").inner_text()

    # The auditor reads every step in the audit log, by the alert's reference.
    sign_in_as(page, live_server, "auditor")
    page.goto(f"{base}/staff/audit-log?reference={alert}")
    log = page.locator("main").inner_text()
    for action in (
        "Viewed the submission",
        "Assigned the submission",
        "Added a note",
        "Transferred the submission",
        "Recorded an outcome",
        "Closed the submission",
    ):
        assert action in log, (action, log)
    assert "caseworker@demo.example" not in log  # the caseworker's 403 opened nothing
