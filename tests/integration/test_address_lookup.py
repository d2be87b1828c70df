"""Picking an address from those at the postcode (OS Places), instead of typing it.

Against the local server of tests/unit/test_places.py, answering in the Places API's shape.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.data import db
from portal.data.journeys import Draft
from portal.places import os_places
from tests.conftest import build_app
from tests.journey_walker import draft_base, example, token, walk
from tests.places_fake import answer, dpa

POSTCODE = "CM3 5AB"  # the example's postcode
MALDON = 1545


@pytest.fixture
def lookup_app(running_server, tmp_path):
    running_server.routes.clear()
    os_places.clear_cache()
    app = build_app(
        f"sqlite:///{tmp_path / 'frontdoor.db'}",
        os_places_api_key="test-places-key",
        os_places_url=running_server.url,
        os_places_timeout=0.5,
    )
    yield app
    os_places.clear_cache()
    app.extensions["frontdoor.db"][0].dispose()


def _at_address_page(app):
    """A browser at the address question of a finished care technology form, the page, and the
    address of the form."""
    client = app.test_client()
    check = walk(
        client,
        app.extensions["frontdoor.journeys"]["care-technology-request"],
        example("care-technology-request"),
        submit=False,
    )
    form = draft_base(check.request.path)
    page = client.get(f"{form}/person_address?change=1")
    assert page.status_code == 200
    return client, page.get_data(as_text=True), form


def _saved_address(app):
    with app.app_context():
        [draft] = db.session.scalars(select(Draft))
        return draft.answers["person_address"]


def test_the_person_picks_their_address_and_its_council_is_kept(lookup_app, running_server):
    running_server.routes[POSTCODE] = (
        200,
        answer(
            POSTCODE,
            [dpa(POSTCODE, n, MALDON, street="SAMPLE ROAD", town="MALDON") for n in (1, 2, 3)],
        ),
        0,
    )
    client, html, form = _at_address_page(lookup_app)
    assert 'id="person_address-uprn"' in html
    assert "3 addresses found" in html
    assert "2, SAMPLE ROAD, MALDON, CM3 5AB" in html
    assert "If the address is not in the list, type it in the boxes below." in html
    sent = client.post(
        f"{form}/person_address?change=1",
        data={"csrf_token": token(html), "person_address-uprn": "100090000002"},
    )
    assert sent.status_code == 303
    assert _saved_address(lookup_app) == {
        "line_1": "2, SAMPLE ROAD",
        "line_2": "",
        "town": "MALDON",
        "postcode": "CM3 5AB",
        "uprn": "100090000002",
        "council": "maldon",
    }
    check = client.get(f"{form}/check").get_data(as_text=True)
    assert "2, SAMPLE ROAD<br>MALDON<br>CM3 5AB" in check


def test_an_address_that_was_not_offered_gets_a_message_and_keeps_the_form(
    lookup_app, running_server
):
    running_server.routes[POSTCODE] = (200, answer(POSTCODE, [dpa(POSTCODE, 1, MALDON)]), 0)
    client, html, form = _at_address_page(lookup_app)
    before = _saved_address(lookup_app)
    page = client.post(
        f"{form}/person_address?change=1",
        data={"csrf_token": token(html), "person_address-uprn": "999"},
    )
    assert page.status_code == 200
    assert "Select the address from the list, or type it in the boxes below" in page.get_data(
        as_text=True
    )
    assert _saved_address(lookup_app) == before


def test_without_an_answer_from_places_the_address_is_typed_as_before(lookup_app, running_server):
    running_server.routes[POSTCODE] = (503, b"{}", 0)
    _client, html, _form = _at_address_page(lookup_app)
    assert "person_address-uprn" not in html
    assert 'id="person_address-line_1"' in html


def test_without_a_key_there_is_no_list(app):
    _client, html, _form = _at_address_page(app)
    assert "person_address-uprn" not in html
