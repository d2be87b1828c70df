"""What a keyboard user, a right-to-left reader and a browser without JavaScript can do."""

from __future__ import annotations

import pytest

from tests.browser.clicks import follow

pytestmark = pytest.mark.browser


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_server):
    page.goto(live_server.url + "/contact")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "govuk-skip-link" in focused
    # Visible when focused, so a sighted keyboard user sees it.
    box = page.locator(".govuk-skip-link").bounding_box()
    assert box and box["height"] > 10 and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    )
    assert inside_main


def test_language_switcher_works_from_the_keyboard(page, live_server):
    page.goto(live_server.url + "/cookies")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "pl":
            break
    else:
        pytest.fail("Tabbing never reached the Polish link of the language switcher")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/pl/cookies")
    assert page.evaluate("document.documentElement.lang") == "pl"
    # And back to English, keeping the page.
    page.locator("a[hreflang=en]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/cookies")


@pytest.mark.parametrize("path", ["/ur/", "/ur/contact", "/ur/feedback"])
def test_urdu_pages_are_laid_out_right_to_left(page, live_server, path):
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    heading = page.locator("h1").bounding_box()
    container = page.locator("main").bounding_box()
    # The heading starts at the right-hand edge of the content, not the left.
    assert abs((heading["x"] + heading["width"]) - (container["x"] + container["width"])) <= 2
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"


def test_urdu_radio_buttons_sit_on_the_right_of_their_labels(page, live_server):
    page.goto(live_server.url + "/ur/feedback")
    circle = page.evaluate(
        """() => {
          const label = document.querySelector('.govuk-radios__label');
          const item = label.closest('.govuk-radios__item').getBoundingClientRect();
          const before = getComputedStyle(label, '::before');
          return {itemRight: item.right, right: before.right, left: before.left};
        }"""
    )
    assert circle["right"] == "2px"


def test_the_portal_works_without_javascript(make_page, live_server):
    page = make_page(320, javascript=False)
    page.goto(live_server.url + "/feedback")
    assert page.locator("h1").inner_text() == "Give feedback on Essex Adult Social Care"
    page.locator("label[for=satisfaction-2]").click()
    page.locator("#improvement").fill("Works on my old phone")
    page.locator("button[name=submit]").click()
    page.wait_for_url(live_server.url + "/feedback/sent")
    assert "Thank you for your feedback" in page.locator("h1").inner_text()


def test_javascript_enhancements_run_under_the_content_security_policy(page, live_server):
    page.goto(live_server.url + "/feedback")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    page.locator("#improvement").fill("x" * 1190)
    message = page.locator(".govuk-character-count__status")
    assert "10 characters remaining" in message.inner_text()
    assert not page.csp_violations, page.csp_violations


def test_exit_this_page_leaves_with_three_presses_of_shift(page, live_server):
    # The neutral site is outside this sandbox, so the request is answered here instead.
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<p>Weather</p>"))
    page.goto(live_server.url + "/advice/safeguarding/report-a-concern")
    assert page.locator(".govuk-exit-this-page").is_visible()
    page.locator("h1").click()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("https://www.bbc.co.uk/weather")


def test_a_carer_can_find_help_by_searching_on_a_phone(make_page, live_server):
    page = make_page(320)
    page.goto(live_server.url + "/")
    page.locator("#q").fill("I look after my mum and I'm exhausted")
    follow(page.locator("form[role=search] button"))
    results = page.locator(".app-search-results a").all_inner_texts()
    assert any("carer" in text.lower() for text in results[:2])
    assert any("break" in text.lower() for text in results[:3])


# 320 x 568: the smallest phone screen still in common use.
SMALL_PHONE = {"width": 320, "height": 568}


def test_a_carer_can_find_help_by_browsing_on_a_phone(make_page, live_server):
    page = make_page(**SMALL_PHONE)
    page.goto(live_server.url + "/")
    follow(page.get_by_role("link", name="Support for carers"))
    follow(page.get_by_role("link", name="Get a carer's assessment"))
    assert page.locator("h1").inner_text() == "Get a carer's assessment"
    page.go_back()
    follow(page.get_by_role("link", name="Get a break from caring"))
    assert page.locator("h1").inner_text() == "Get a break from caring"


@pytest.mark.parametrize("prefix", ["", "/pl", "/ur"])
def test_the_emergency_number_is_on_the_first_screen_of_reporting_abuse(
    make_page, live_server, prefix
):
    page = make_page(**SMALL_PHONE)
    page.goto(f"{live_server.url}{prefix}/")
    follow(page.locator('main a[href$="/advice/safeguarding/report-a-concern"]').first)
    emergency = page.locator('main a[href="tel:999"]').first
    box = emergency.bounding_box()
    assert box is not None and box["y"] + box["height"] <= SMALL_PHONE["height"], box
