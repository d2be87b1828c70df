"""A submission's page, its print view and every action's page, with and without errors, and the
page shown when someone else changed it first: each passes axe at 320px and 1280px and fits.
Then the whole assign / note / transfer / outcome / close flow, at 320px without JavaScript."""

from __future__ import annotations

import pytest

from portal.data import db
from portal.staff.submission_view import load
from portal.work_items import items
from tests.browser.clicks import follow
from tests.browser.conftest import check_at_every_width
from tests.browser.staff_sign_in import sign_in
from tests.submissions import account, account_id, row, send

pytestmark = pytest.mark.browser

SAFEGUARDING_TEAMS = ["central-safeguarding-triage", "organisational-safeguarding"]


def banner(page) -> str:
    return page.locator(".govuk-notification-banner__heading").inner_text().strip()


def test_a_practitioner_reads_an_alert_and_every_action_page_passes_axe(
    narrow_page, live_server, axe_source
):
    app, base = live_server.app, live_server.url
    secret = account(app, "axe.sam@essex.gov.uk", "safeguarding-practitioner", SAFEGUARDING_TEAMS)
    reference = send(app)
    earlier = send(app)  # possibly the same person: a link on the page
    page = narrow_page
    sign_in(page, base, "axe.sam@essex.gov.uk", secret)
    here = f"/staff/submissions/{reference}"

    page.goto(base + here)
    assert page.locator("h1").inner_text() == reference
    assert page.locator(f"a[href='/staff/submissions/{earlier}']").count() == 1
    check_at_every_width(page, axe_source, "/staff/submissions/<reference>")
    page.goto(base + here + "/print")
    assert page.locator("#actions").count() == 0
    check_at_every_width(page, axe_source, "/staff/submissions/<reference>/print")

    for slug in ("note", "status", "priority", "transfer", "outcome"):
        page.goto(base + here + "/" + slug)
        check_at_every_width(page, axe_source, f"/staff/submissions/<reference>/{slug}")
        follow(page.locator("#main-form button[type=submit]"))  # nothing chosen or typed
        assert page.locator(".govuk-error-summary").count() == 1, slug
        label = f"/staff/submissions/<reference>/{slug} (with errors)"
        check_at_every_width(page, axe_source, label)

    # Button errors: closing without an outcome says so on the submission's page.
    page.goto(base + here)
    page.locator("#close-needs-outcome").wait_for()

    # Someone else assigns it while the note page is open: the note comes back, with a banner.
    page.goto(base + here + "/note")
    page.fill("#note", "Called the adult: safe today.")
    with app.app_context():
        other = account_id(app, "axe.sam@essex.gov.uk")
        items.assign(load(reference), str(other), actor=str(other))
        db.session.commit()
    follow(page.locator("#main-form button[type=submit]"))
    assert page.locator("#conflict").count() == 1
    assert page.locator("#note").input_value() == "Called the adult: safe today."
    check_at_every_width(page, axe_source, "/staff/submissions/<reference>/note", "conflict")

    # A manager's page: assign to a member of the team.
    manager = "axe.morgan@essex.gov.uk"
    secret = account(app, manager, "team-manager", ["central-safeguarding-triage"])
    page.context.clear_cookies()
    sign_in(page, base, manager, secret)
    page.goto(base + here + "/assign")
    check_at_every_width(page, axe_source, "/staff/submissions/<reference>/assign")


def test_the_whole_flow_works_at_320px_without_javascript(make_page, live_server):
    app, base = live_server.app, live_server.url
    email = "nojs.sam@essex.gov.uk"
    secret = account(app, email, "safeguarding-practitioner", SAFEGUARDING_TEAMS, "Sam Smith")
    reference = send(app)
    page = make_page(320, javascript=False)
    sign_in(page, base, email, secret)
    page.goto(f"{base}/staff/submissions/{reference}")

    follow(page.get_by_role("button", name="Assign to me"))
    assert banner(page) == "Assigned to you"

    follow(page.get_by_role("link", name="Add a note"))
    follow(page.locator("#main-form button[type=submit]"))
    assert "Enter the note" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#note", "Spoke to the GP surgery.")
    follow(page.get_by_role("button", name="Add note"))
    assert banner(page) == "Note added"

    follow(page.get_by_role("link", name="Transfer to another queue"))
    page.get_by_label("Organisational Safeguarding").check()
    page.fill("#reason", "The concern is about the care home he attends")
    follow(page.get_by_role("button", name="Transfer"))
    assert banner(page) == "Transferred to Organisational Safeguarding"

    follow(page.get_by_role("link", name="Record an outcome"))
    page.get_by_label("Section 42 enquiry").check()
    follow(page.get_by_role("button", name="Record"))
    assert banner(page).startswith("Outcome recorded: Section 42 enquiry")

    follow(page.get_by_role("button", name="Close"))
    assert banner(page) == "Closed"
    found = row(app, reference)
    assert (found.status, found.queue, found.outcome) == (
        "closed",
        "organisational-safeguarding",
        "section-42-enquiry",
    )
    history = page.locator(".moj-timeline__title").all_inner_texts()
    assert history[:4] == [
        "Closed",
        "Outcome recorded: Section 42 enquiry",
        "Released",
        "Transferred from Central Safeguarding Triage to Organisational Safeguarding",
    ]
