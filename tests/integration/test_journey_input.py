"""Whatever is posted to any page of any journey: a page with a message, never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tests.conftest import build_app
from tests.journey_walker import JOURNEYS, draft_base, example, form_token, walk

# Things people (and robots) type: ordinary text, other scripts, control characters, markup,
# very long strings, numbers and dates that are nearly right.
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "31",
            "2",
            "99999999999",
            "1-123",
            "CM1 1QH",
            "cm11qh",
            "SS1 1AA",
            "943 476 5919",
            "<script>alert(1)</script>",
            "'; DROP TABLE submission; --",
            "\x00",
            "07700 900 982",
            "a@b",
            "yes",
            "no",
            "not-sure",
            "x" * 6000,
            "١٢٣",
            "Łódź",
        ]
    ),
)


def field_names(journey) -> list[str]:
    names = {"action", "confirm", "csrf_token"}
    for page in journey.pages:
        for question in page.questions:
            for item in [question, *question.fields]:
                base = item.id if item is question else f"{question.id}-{item.id}"
                names.add(base)
                names.update(
                    f"{base}-{part}"
                    for part in (
                        "day",
                        "month",
                        "year",
                        "approximate",
                        "unknown",
                        "line_1",
                        "line_2",
                        "town",
                        "postcode",
                    )
                )
    return sorted(names)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """An app with each journey filled in up to check answers, in its own browser session, and
    the address of each draft."""
    database = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    app = build_app(f"sqlite:///{database}", environ={"PAGE_SAVE_RATE_LIMIT": "100000 per minute"})
    clients = {}
    for journey_id in JOURNEYS:
        client = app.test_client()
        check = walk(
            client,
            app.extensions["frontdoor.journeys"][journey_id],
            example(journey_id),
            submit=False,
        )
        clients[journey_id] = client, draft_base(check.request.path)
    return app, clients


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_every_page_shows_errors_properly_when_posted_empty(filled, journey_id):
    app, clients = filled
    client, form = clients[journey_id]
    journey = app.extensions["frontdoor.journeys"][journey_id]
    csrf = form_token(client, f"/forms/{journey.slug}")
    shown = 0
    for page in journey.pages:
        path = f"{form}/{page.id}?change=1"
        if client.get(path).status_code != 200:
            continue  # not on this example's path
        # The page check (valid HTML, "Error:" title, one h1...) runs on this response.
        response = client.post(path, data={"csrf_token": csrf, "action": "continue"})
        assert response.status_code in (200, 303), page.id
        if response.status_code == 200:
            shown += 1
            html = response.get_data(as_text=True)
            assert "govuk-error-summary" in html and "<title>Error:" in html, page.id
    assert shown >= 10


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_no_post_to_any_page_makes_a_server_error(filled, journey_id):
    app, clients = filled
    client, form = clients[journey_id]
    journey = app.extensions["frontdoor.journeys"][journey_id]
    csrf = form_token(client, f"/forms/{journey.slug}")
    pages = [page.id for page in journey.pages] + ["declaration", "save", "check", "nowhere"]
    names = field_names(journey)

    @settings(
        max_examples=250,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        page=st.sampled_from(pages),
        fields=st.lists(st.tuples(st.sampled_from(names), TEXT), max_size=12),
        change=st.booleans(),
    )
    def post_anything(page, fields, change):
        data = MultiDict([("csrf_token", csrf), *fields])
        path = f"{form}/{page}" + ("?change=1" if change else "")
        response = client.post(path, data=data)
        assert response.status_code < 500, (path, fields, response.status_code)

    post_anything()
