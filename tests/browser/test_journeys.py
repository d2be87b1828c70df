"""The three journeys in a real browser: every page in every language at both widths passes axe;
a form can be completed without JavaScript, saved and resumed in a fresh browser, and changed
from check answers."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.browser.clicks import follow
from tests.browser.conftest import (
    check_at_every_width,
    describe,
    record_axe_pass,
    run_axe,
)
from tests.browser.journey_filler import answer_until_done, complete, fill_question
from tests.journey_walker import EXAMPLES, JOURNEYS, example, walk

pytestmark = pytest.mark.browser
FIXTURES = EXAMPLES.parent.parent / "tests" / "fixtures"


def journeys(live_server):
    return live_server.app.extensions["frontdoor.journeys"]


# Answers that end each journey at one of its stop pages.
STOPS = {
    "care-technology-request": [
        {"postcode": "SS1 1AA"},
        {"consent_referral": "no"},
        {"responders": [], "mobile_responder": "no"},
        # Asking for themselves: each way to contact them, then a stop.
        {
            "who_is_asking": "myself",
            "contact_method": "phone",
            "own_phone": "01621 960 001",
            "consent_referral": "no",
        },
        {
            "who_is_asking": "myself",
            "contact_method": "email",
            "own_email": "joan@example.com",
            "consent_referral": "no",
        },
    ],
    "safeguarding-alert": [
        {"immediate_danger": "yes"},
        {"about_child": "yes"},
        {"dols_request": "yes"},
    ],
    "carers-assessment": [
        {"in_crisis": "yes"},
        {"postcode": "SS9 1AA", "council_area": "southend"},
        {"carer_age": "no"},
        {"cared_for_age": "child"},
        {
            "filling_in": "family-or-friend",
            "helper_name": "Jo",
            "helper_relationship": "Friend",
            "carer_agrees": "no",
        },
        # 17 years old by the date typed, after saying 18 or over.
        {"date_of_birth": {"date": (date.today() - timedelta(days=17 * 365)).isoformat()}},
    ],
}


# Further answers that reach pages the example and the alternate do not, and are sent.
MORE = {
    "safeguarding-alert": [
        # The adult reports for themselves, lives in Thurrock and is there now: never turned
        # away, the check and sent pages name Thurrock Council's number first.
        {
            "postcode": "RM17 6SL",
            "reporter_type": "the-adult",
            "my_safe_times": "some-times",
            "my_safe_times_detail": "After 6pm",
            "my_message_ok": "no",
            "my_say_who": "no",
            "still_happening": "not-sure",
        },
    ],
}


@pytest.mark.parametrize("locale", ["en", "pl", "ur"])
@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_every_page_of_every_journey_passes_axe(
    narrow_page, live_server, axe_source, journey_id, locale
):
    """The example answers, a second set that reaches every other page, and each stop page.

    The app's own client fills the forms in (fast); the browser, sharing its session, shows each
    page the resident would see and runs axe on it at every width.
    """
    page = narrow_page
    prefix = "" if locale == "en" else f"/{locale}"
    journey = journeys(live_server)[journey_id]
    label = f"{prefix}/forms/{journey.slug}"
    shown: set[str] = set()

    def check(name):
        check_at_every_width(page, axe_source, f"{label} {name}", f"{label}/{name}")

    def show(client):
        def on_page(url, response):
            # The page's name after the draft's reference: each walk has its own reference,
            # so a page the walks share is known by its name and checked once.
            tail = url.split("?")[0].rsplit(f"/forms/{journey.slug}", 1)[-1].strip("/")
            name = tail.split("/", 1)[1] if "/" in tail else "start"
            if response.status_code != 200 or name in shown:
                return
            shown.add(name)
            cookie = client.get_cookie("frontdoor_session")
            page.context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
            assert page.goto(live_server.url + url).status == 200
            check(name)

        return on_page

    alternate = json.loads((FIXTURES / f"{journey_id}-alternate.json").read_text())
    more = [{**example(journey_id), **answers} for answers in MORE.get(journey_id, [])]
    for answers in (example(journey_id), alternate, *more):
        client = live_server.app.test_client()
        sent = walk(client, journey, answers, prefix=prefix, on_page=show(client))
        assert sent.request.path.endswith("/sent")
    for stop_answers in STOPS[journey_id]:
        client = live_server.app.test_client()
        stopped = walk(
            client,
            journey,
            {**example(journey_id), **stop_answers},
            prefix=prefix,
            on_page=show(client),
        )
        assert "/stop/" in stopped.request.path
    reachable = {page.id for page in journey.pages}
    missed = reachable - {name.rsplit("/", 1)[-1] for name in shown}
    assert not missed, f"pages never shown: {sorted(missed)}"


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_error_pages_pass_axe_and_their_links_reach_the_fields(
    make_page, live_server, axe_source, journey_id
):
    page = make_page(320)
    journey = journeys(live_server)[journey_id]
    page.goto(f"{live_server.url}/forms/{journey.slug}")
    follow(page.locator("form button.govuk-button--start"))
    follow(page.locator("#main-form > button.govuk-button"))  # Continue without answering
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    violations = run_axe(page, axe_source)
    assert not violations, describe(violations)
    summary.locator("a").first.click()
    focused = page.evaluate("document.activeElement.name")
    assert focused == journey.pages[0].questions[0].id
    record_axe_pass(f"/forms/{journey.slug} (with errors)", 320)


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_each_journey_works_without_javascript_on_a_small_phone(make_page, live_server, journey_id):
    page = make_page(320, javascript=False)
    journey = journeys(live_server)[journey_id]
    complete(page, live_server.url, journey, example(journey_id))
    assert "We have received your form" in page.locator("h1").inner_text()


# For each journey: an answer to change from check answers, and how it then reads.
CHANGES = {
    "care-technology-request": ("housing", "sheltered", "Sheltered housing"),
    "carers-assessment": ("hours", "35-49", "35 to 49 hours"),
    # A change that opens no new page (care-home for where_happened now asks its postcode).
    "safeguarding-alert": ("adult_location", "not-known", "I don't know"),
}


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_save_part_way_resume_on_a_fresh_browser_change_and_send(
    make_page, live_server, journey_id, javascript
):
    journey = journeys(live_server)[journey_id]
    answers = example(journey_id)
    phone = make_page(320, javascript=javascript)
    phone.goto(f"{live_server.url}/forms/{journey.slug}")
    follow(phone.locator("form button.govuk-button--start"))
    first = journey.pages[0]
    fill_question(phone, first.questions[0], answers[first.questions[0].id])
    follow(phone.locator("#main-form > button.govuk-button"))
    follow(phone.locator(".app-save-link a"))
    reference = phone.locator("dd.app-code").nth(0).inner_text()
    code = phone.locator("dd.app-code").nth(1).inner_text()
    phone.context.close()

    fresh = make_page(320, javascript=javascript)
    fresh.goto(f"{live_server.url}/forms/resume")
    fresh.locator("#reference").fill(reference)
    fresh.locator("#code").fill(code)
    follow(fresh.locator("#main-form button"))
    assert not fresh.url.endswith("/resume")
    answer_until_done(fresh, live_server.url, journey, answers, submit=False)
    assert fresh.url.endswith("/check")
    question, value, shown = CHANGES[journey_id]
    follow(fresh.locator(f'a[href$="/{question}?change=1"]'))
    fresh.locator(f'input[name="{question}"][value="{value}"]').check()
    follow(fresh.locator("#main-form > button.govuk-button"))
    assert fresh.url.endswith("/check")
    assert shown in fresh.locator("main").inner_text()
    follow(fresh.locator("main a.govuk-button").first)
    fresh.locator('input[name="confirm"]').check()
    follow(fresh.locator("#main-form button.govuk-button"))
    assert fresh.locator(".govuk-panel strong").inner_text() == reference
    assert "What happens next" in fresh.locator("main").inner_text()


def test_the_start_page_lists_the_forms_started_here_to_carry_on_with_one(
    narrow_page, live_server, axe_source
):
    page = narrow_page
    start = f"{live_server.url}/forms/contact-form"
    first_page = journeys(live_server)["safeguarding-alert"].pages[0]
    first = first_page.questions[0]
    started = []
    for _ in range(2):
        page.goto(start)
        page.locator("form button.govuk-button--start").click()
        page.wait_for_url(f"**/{first_page.id}")  # a click only starts the navigation
        started.append(page.url)
        fill_question(page, first, "no")
        page.locator("#main-form > button.govuk-button").click()
        page.wait_for_url("**/about_child")  # saved before the next start page is asked for
    page.goto(start)
    check_at_every_width(page, axe_source, "/forms/contact-form (forms started)")
    rows = page.locator(".govuk-summary-list__row")
    assert rows.count() == 2
    # The first form started is listed last (the last saved comes first); carry on with it.
    rows.nth(1).get_by_role("link").click()
    page.wait_for_url("**/about_child")
    assert page.url.rsplit("/", 1)[0] == started[0].rsplit("/", 1)[0]


def test_the_timeout_warning_lets_the_person_stay(make_page, live_server):
    page = make_page(1280)
    page.clock.install()
    page.goto(f"{live_server.url}/forms/care-technology-request")
    page.locator("form button.govuk-button--start").click()
    dialog = page.locator("dialog.app-timeout-dialog")
    assert not dialog.is_visible()
    page.clock.run_for(56 * 60 * 1000)  # 56 minutes: the warning comes 5 minutes before the end
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.id") == "timeout-heading"
    page.locator("button[data-action=stay]").click()
    assert not dialog.is_visible()
