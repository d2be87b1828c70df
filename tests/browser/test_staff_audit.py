"""The audit pages in a browser, signed in as an auditor: the audit log and its filters, a
person's activity, a submission's seen-by page. With JavaScript each passes axe at 320px and
1280px and fits; without it (axe is a script, so cannot run) the same walk works, every filter
being a plain GET form, and each page fits at both widths."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.audit_world import account, send_carers, write
from tests.browser.clicks import follow
from tests.browser.conftest import WIDTHS, check_at_every_width
from tests.browser.staff_sign_in import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def trail(live_server):
    """A carer's assessment a caseworker viewed and printed, in the live server's database."""
    app = live_server.app
    now = datetime.now(UTC).replace(microsecond=0)
    reference, submission_id = send_carers(app, received=now)
    caseworker, _ = account(
        app, "browser.caseworker@essex.gov.uk", "caseworker", ["carers"], "Bryony Caseworker"
    )
    for action in ("list-viewed", "submission-viewed", "submission-printed"):
        write(
            app,
            action,
            at=now,
            actor="browser.caseworker@essex.gov.uk",
            actor_id=caseworker,
            submission_id=None if action == "list-viewed" else submission_id,
            detail={"filters": {"queue": "carers"}} if action == "list-viewed" else None,
        )
    return {"reference": reference, "caseworker": caseworker}


def sign_in_as_auditor(page, live_server, email: str) -> None:
    _, secret = account(live_server.app, email, "auditor", [], "Audra Auditor")
    sign_in(page, live_server.url, email, secret)


def checked(page, axe_source: str, path: str, label: str) -> None:
    """axe and the layout checks at every width; without JavaScript, the layout alone."""
    if page.javascript:
        check_at_every_width(page, axe_source, path, label)
        return
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{label} scrolls sideways by {overflow}px at {width}px"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_an_auditor_reads_the_log_a_persons_activity_and_who_has_seen_a_submission(
    make_page, live_server, axe_source, trail, javascript
):
    page = make_page(320, javascript=javascript)
    sign_in_as_auditor(page, live_server, f"audra.{'js' if javascript else 'nojs'}@essex.gov.uk")

    follow(page.get_by_role("link", name="Audit log"))
    assert page.locator("h1").inner_text() == "Audit log"
    checked(page, axe_source, "/staff/audit-log", "/staff/audit-log")

    # Filter: what was done, by whom.
    page.select_option("#action", "submission-printed")
    page.fill("#person", "browser.caseworker@essex.gov.uk")
    follow(page.get_by_role("button", name="Apply filters"))
    assert "action=submission-printed" in page.url
    rows = page.locator("#audit-rows tbody tr")
    assert rows.count() == 1 and "Printed the submission" in rows.first.inner_text()
    checked(page, axe_source, "/staff/audit-log", "/staff/audit-log (filtered)")

    # A date that is not a date: the error summary, and the field marked.
    page.fill("#from-day", "31")
    page.fill("#from-month", "2")
    page.fill("#from-year", "2026")
    follow(page.get_by_role("button", name="Apply filters"))
    assert "From date must be a real date" in page.locator(".govuk-error-summary").inner_text()
    assert page.title().startswith("Error: Audit log")
    checked(page, axe_source, "/staff/audit-log", "/staff/audit-log (with errors)")

    # Whose activity: the list of people, then the caseworker.
    follow(page.get_by_role("link", name="What has a member of staff seen?"))
    checked(page, axe_source, "/staff/audit-log/people", "/staff/audit-log/people")
    follow(page.get_by_role("link", name="What Bryony Caseworker has seen"))
    assert page.locator("h1").inner_text() == "What Bryony Caseworker has seen"
    assert page.locator("#activity tbody tr").count() == 3
    checked(page, axe_source, "/staff/audit-log/people/<id>", "/staff/audit-log/people/<id>")

    # From the activity to who has seen the submission.
    follow(page.get_by_role("link", name=f"Who has seen {trail['reference']}").first)
    assert page.locator("h1").inner_text() == f"Who has seen {trail['reference']}"
    assert "Bryony Caseworker" in page.locator("#seen-by").inner_text()
    checked(
        page,
        axe_source,
        "/staff/submissions/<reference>/seen-by",
        "/staff/submissions/<reference>/seen-by",
    )
