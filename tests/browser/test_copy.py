"""The copy of the answers, with its note on what it leaves out, passes axe at every width and in
every language, and the note sits where a reader sees it before the answers."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import check_loaded_page
from tests.journey_walker import EXAMPLES, draft_base, walk

pytestmark = pytest.mark.browser
ALTERNATE = EXAMPLES.parent.parent / "tests" / "fixtures" / "carers-assessment-alternate.json"


@pytest.mark.parametrize("locale", ["en", "pl", "ur"])
def test_the_copy_says_what_it_leaves_out_and_passes_axe(page, live_server, axe_source, locale):
    prefix = "" if locale == "en" else f"/{locale}"
    journey = live_server.app.extensions["frontdoor.journeys"]["carers-assessment"]
    client = live_server.app.test_client()
    sent = walk(client, journey, json.loads(ALTERNATE.read_text()), prefix=prefix)
    cookie = client.get_cookie("frontdoor_session")
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    path = f"{draft_base(sent.request.path)}/copy"
    assert page.goto(live_server.url + path).status == 200
    note = page.locator("#not-shown")
    assert note.is_visible()
    assert note.bounding_box()["y"] < page.locator(".govuk-summary-card").first.bounding_box()["y"]
    check_loaded_page(page, axe_source, f"{prefix}/forms/{journey.slug}/<reference>/copy")
