"""The Ordnance Survey Places API lookup, against a local server answering in the API's shape.

The answers follow the Places API's documented postcode response: a header with totalresults,
then results[].DPA with UPRN, ADDRESS, POSTCODE and LOCAL_CUSTODIAN_CODE (an integer) with its
description. The addresses are made up for the tests.
"""

from __future__ import annotations

import json
import logging
import time

import pytest

from portal.config import ConfigError, Settings, load_settings
from portal.places import os_places
from portal.places.postcodes import area_for
from tests.conftest import TEST_SECRET, build_app
from tests.places_fake import answer, dpa
from tests.unit.test_routing import WEDNESDAY, decide


@pytest.fixture
def server(running_server):
    """The server with no routes and no requests yet, and nothing remembered from before."""
    running_server.routes.clear()
    running_server.requests.clear()
    os_places.clear_cache()
    yield running_server
    os_places.clear_cache()


@pytest.fixture(scope="module")
def places_app(running_server, tmp_path_factory):
    # One app for the module: building one takes a while, and the lookups need no database.
    database = tmp_path_factory.mktemp("places") / "frontdoor.db"
    return build_app(
        f"sqlite:///{database}",
        migrated=False,
        os_places_api_key="test-places-key",
        os_places_url=running_server.url,
        os_places_timeout=0.3,
    )


def test_one_council_at_the_postcode_names_it_and_lists_the_addresses(server, places_app):
    # The table can only ask about CM1 4; the addresses say High Easter is Uttlesford.
    server.routes["CM1 4QR"] = (
        200,
        answer("CM1 4QR", [dpa("CM1 4QR", n, 1570) for n in (1, 2)]),
        0,
    )
    with places_app.app_context():
        area = area_for("cm1 4qr")
        found = os_places.lookup("CM1 4QR")
    assert (area.known, area.source) == ("uttlesford", "places")
    assert found.council == "uttlesford"
    assert [(a.uprn, a.text, a.town) for a in found.addresses] == [
        ("100090000001", "1, MILL LANE, CHELMSFORD, CM1 4QR", "CHELMSFORD"),
        ("100090000002", "2, MILL LANE, CHELMSFORD, CM1 4QR", "CHELMSFORD"),
    ]
    # One request for both look-ups; the key in a header, never in the address asked for.
    assert len(server.requests) == 1
    assert server.requests[0]["key"] == "test-places-key"
    assert "key" not in server.requests[0]["query"]
    assert server.requests[0]["query"]["dataset"] == "DPA"


def test_mixed_councils_at_one_postcode_ask_between_just_those(server, places_app):
    addresses = [dpa("CM8 3TB", 1, 1545), dpa("CM8 3TB", 2, 1510), dpa("CM8 3TB", 3, 1545)]
    server.routes["CM8 3TB"] = (200, answer("CM8 3TB", addresses), 0)
    with places_app.app_context():
        assert area_for("CM8 3TB").councils == ("maldon", "braintree")
        assert os_places.lookup("CM8 3TB").council is None
        decision = decide("care-technology-request", {"postcode": "CM8 3TB"}, WEDNESDAY)
    assert decision.locality_check is True and decision.district is None


def test_outside_essex_by_the_addresses_wins_over_the_table(server, places_app):
    # The table says CM20 1 is Harlow; these addresses are kept by East Hertfordshire.
    server.routes["CM20 1AA"] = (200, answer("CM20 1AA", [dpa("CM20 1AA", 1, 1915)]), 0)
    with places_app.app_context():
        decision = decide("care-technology-request", {"postcode": "CM20 1AA"}, WEDNESDAY)
    assert decision.out_of_area["council"] == "outside" and decision.queue is None


def test_a_postcode_with_many_addresses_is_read_page_by_page(server, places_app):
    def pages(offset):
        numbers = range(offset + 1, min(offset + 100, 150) + 1)
        results = [dpa("CM1 1QH", n, 1510) for n in numbers]
        return 200, answer("CM1 1QH", results, offset=offset, total=150), 0

    server.routes["CM1 1QH"] = pages
    with places_app.app_context():
        found = os_places.lookup("CM1 1QH")
    assert len(found.addresses) == 150 and found.complete and found.council == "braintree"
    assert [r["query"]["offset"] for r in server.requests] == ["0", "100"]


def test_a_partial_answer_lists_addresses_but_leaves_the_council_to_the_table(
    server, places_app, monkeypatch
):
    monkeypatch.setattr(os_places, "MAX_PAGES", 1)
    results = [dpa("CM1 1QH", n, 1510) for n in range(1, 101)]
    server.routes["CM1 1QH"] = (200, answer("CM1 1QH", results, total=150), 0)
    with places_app.app_context():
        assert not os_places.lookup("CM1 1QH").complete
        assert (area_for("CM1 1QH").known, area_for("CM1 1QH").source) == ("chelmsford", "table")


BAD_ANSWERS = {
    "server error": (503, b'{"error": {"statuscode": 503}}', 0),
    "bad key": (401, b'{"fault": {"faultstring": "Invalid ApiKey"}}', 0),
    "not JSON": (200, b"<html>Service unavailable</html>", 0),
    "a list": (200, b"[]", 0),
    "no header": (200, json.dumps({"results": [dpa("CM1 4QR", 1, 1570)]}).encode(), 0),
    "results not a list": (
        200,
        json.dumps({"header": {"totalresults": 1}, "results": {}}).encode(),
        0,
    ),
    "no DPA": (200, json.dumps({"header": {"totalresults": 1}, "results": [{}]}).encode(), 0),
    "another postcode": (200, answer("CM1 4QR", [dpa("CM2 0AA", 1, 1570)]), 0),
}


@pytest.mark.parametrize("kind", BAD_ANSWERS)
def test_a_failed_or_garbled_answer_falls_back_to_the_table(server, places_app, caplog, kind):
    server.routes["CM1 4QR"] = BAD_ANSWERS[kind]
    with caplog.at_level(logging.WARNING), places_app.app_context():
        area = area_for("CM1 4QR")
        assert os_places.lookup("CM1 4QR") is None
        area_for("CM1 4QR")
    assert (area.councils, area.source) == (("chelmsford", "uttlesford"), "table")
    assert len(server.requests) == 1  # a failure is remembered briefly, not retried per page
    logged = caplog.text
    assert "OS Places lookup failed" in logged
    assert "CM1" not in logged and "test-places-key" not in logged


def test_a_missing_custodian_code_is_garbage_too(server, places_app):
    record = dpa("CM1 4QR", 1, 1570)
    del record["DPA"]["LOCAL_CUSTODIAN_CODE"]
    server.routes["CM1 4QR"] = (200, answer("CM1 4QR", [record]), 0)
    with places_app.app_context():
        assert area_for("CM1 4QR").source == "table"


def test_a_slow_answer_is_not_waited_for(server, places_app):
    server.routes["CM1 4QR"] = (200, answer("CM1 4QR", [dpa("CM1 4QR", 1, 1570)]), 1.5)
    with places_app.app_context():
        began = time.monotonic()
        area = area_for("CM1 4QR")
        waited = time.monotonic() - began
    assert area.source == "table" and waited < 1.0  # the test app waits 0.3 s


def test_no_key_means_no_request_and_the_table(server, sqlite_url):
    app = build_app(sqlite_url, migrated=False, os_places_url=server.url)
    server.routes["CM1 4QR"] = (200, answer("CM1 4QR", [dpa("CM1 4QR", 1, 1570)]), 0)
    with app.app_context():
        assert os_places.lookup("CM1 4QR") is None
        assert area_for("CM1 4QR").source == "table"
    assert area_for("CM1 4QR").source == "table"  # outside the app too (scripts, unit tests)
    assert server.requests == []


def test_an_empty_postcode_gives_no_addresses_and_the_table_decides(server, places_app):
    server.routes["CM1 4QR"] = (200, answer("CM1 4QR", []), 0)
    with places_app.app_context():
        found = os_places.lookup("CM1 4QR")
        assert found.addresses == () and found.council is None
        assert area_for("CM1 4QR").source == "table"


def test_the_council_question_offers_the_councils_at_the_postcode(server, sqlite_url):
    from tests.integration.test_journeys import TECH, post, started

    app = build_app(
        sqlite_url, os_places_api_key="k", os_places_url=server.url, os_places_timeout=0.3
    )
    addresses = [dpa("CM8 3TB", 1, 1545), dpa("CM8 3TB", 2, 1510)]
    server.routes["CM8 3TB"] = (200, answer("CM8 3TB", addresses), 0)
    client = app.test_client()
    csrf, form = started(client, TECH)
    response = post(client, f"{form}/postcode", csrf, postcode="CM8 3TB")
    assert response.headers["Location"].endswith("/council_area")
    html = client.get(f"{form}/council_area").get_data(as_text=True)
    assert "Maldon" in html and "Braintree" in html and "Chelmsford" not in html
    assert len(server.requests) == 1  # every page after the first reuses the answer
    app.extensions["frontdoor.db"][0].dispose()


def test_the_settings_default_to_two_seconds_and_refuse_nonsense():
    assert Settings().os_places_timeout == 2.0
    env = {"FRONTDOOR_ENV": "test", "SECRET_KEY": TEST_SECRET}
    assert load_settings({**env, "OS_PLACES_TIMEOUT": "0.5"}).os_places_timeout == 0.5
    settings = load_settings({**env, "OS_PLACES_API_KEY": " abc "})
    assert settings.flask_config()["OS_PLACES_API_KEY"] == "abc"
    assert settings.os_places_url == "https://api.os.uk/search/places/v1/postcode"
    for name, value in [("OS_PLACES_TIMEOUT", "soon"), ("OS_PLACES_TIMEOUT", "30")]:
        with pytest.raises(ConfigError, match=name):
            load_settings({**env, name: value})
    with pytest.raises(ConfigError, match="OS_PLACES_URL"):
        load_settings({**env, "OS_PLACES_URL": "api.os.uk"})
