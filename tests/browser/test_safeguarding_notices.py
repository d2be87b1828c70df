"""What a reporter must do now comes first: the other council's number when no place is in
Essex, "call us now" for an urgent alert. Both pass axe and are on the first screen of a small
phone, on check answers and on the confirmation."""

from __future__ import annotations

import pytest

from tests.browser.conftest import check_loaded_page
from tests.journey_walker import draft_base, example, walk

pytestmark = pytest.mark.browser

THURROCK_NOT_URGENT = {"postcode": "RM17 6SL", "still_happening": "not-sure"}


def _show(page, live_server, client, path):
    cookie = client.get_cookie("frontdoor_session")
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    assert page.goto(live_server.url + path).status == 200


@pytest.mark.parametrize(
    ("changes", "heading"),
    [(THURROCK_NOT_URGENT, "Contact Thurrock Council"), ({}, "Call us now")],
    ids=["forwarded", "urgent"],
)
def test_the_notice_is_on_the_first_screen_and_passes_axe(
    make_page, live_server, axe_source, changes, heading
):
    page = make_page(320)
    page.set_viewport_size({"width": 320, "height": 568})
    journey = live_server.app.extensions["frontdoor.journeys"]["safeguarding-alert"]
    answers = {**example("safeguarding-alert"), **changes}
    for submit, end in ((False, "check"), (True, "sent")):
        client = live_server.app.test_client()
        form = draft_base(walk(client, journey, answers, submit=submit).request.path)
        _show(page, live_server, client, f"{form}/{end}")
        label = f"/forms/{journey.slug}/<reference>/{end} ({heading})"
        check_loaded_page(page, axe_source, label)
        notice = page.get_by_role("heading", name=heading)
        box = notice.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 568, f"{end}: {box}"
