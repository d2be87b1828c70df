"""The local services directory: ORUK import, filters, pages and the ORUK 3.0 API."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from portal.cli import directory_import
from portal.config import PROJECT_ROOT
from portal.links import is_placeholder
from portal.oruk import SEED_FILE, OrukError, import_file

SEED = json.loads(SEED_FILE.read_text())["contents"]
BY_NAME = {service["name"]: service for service in SEED}
AFFC = BY_NAME["Carers support in West and North Essex"]
CARERS_FIRST = BY_NAME["Carers support in Mid and South Essex"]


# The UK profile's own schemas, copied with their source noted in tests/fixtures/oruk/README.md.
PROFILE_DIR = PROJECT_ROOT / "tests" / "fixtures" / "oruk"
PROFILE_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
PROFILE_FILES = {
    "openapi.json": "openapi.json",
    "compiled/service.json": "service.json",
    "compiled/service_list.json": "service_list.json",
}


def profile_response(path: str) -> Draft202012Validator:
    """A validator for the 200 response the profile's OpenAPI document gives for ``path``.

    The copies are registered under the addresses the OpenAPI document refers to them by, and the
    registry has no way to fetch, so every $ref resolves locally or the test fails.
    """
    registry = Registry().with_resources(
        (
            PROFILE_URL + published,
            Resource.from_contents(
                json.loads((PROFILE_DIR / local).read_text(encoding="utf-8")),
                default_specification=DRAFT202012,
            ),
        )
        for published, local in PROFILE_FILES.items()
    )
    pointer = path.replace("~", "~0").replace("/", "~1")
    response = "get/responses/200/content/application~1json/schema"
    ref = f"{PROFILE_URL}openapi.json#/paths/{pointer}/{response}"
    return Draft202012Validator(
        {"$ref": ref}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def profile_problems(validator: Draft202012Validator, body) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(body)
    ]


def topics(app) -> set[str]:
    return {topic.id for topic in app.extensions["frontdoor.content"].topics}


@pytest.fixture
def directory_app(db_app):
    with db_app.app_context():
        import_file(SEED_FILE, topics(db_app))
    return db_app


@pytest.mark.database
def test_the_seed_file_imports_every_service(directory_app):
    response = directory_app.test_client().get("/api/oruk/services?per_page=100")
    assert response.json["total_items"] == len(SEED) >= 15
    names = {service["name"] for service in response.json["contents"]}
    assert {"Essex Wellbeing Service", "Healthwatch Essex", "Reablement"} <= names


@pytest.mark.database
def test_the_api_pages_results_in_the_oruk_shape(directory_app):
    client = directory_app.test_client()
    first = client.get("/api/oruk/services?per_page=5").json
    assert set(first) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    assert (first["page_number"], first["size"], first["first_page"], first["last_page"]) == (
        1,
        5,
        True,
        False,
    )
    assert first["total_pages"] == -(-len(SEED) // 5)
    last = client.get(f"/api/oruk/services?per_page=5&page={first['total_pages']}").json
    assert last["last_page"] is True and last["first_page"] is False
    beyond = client.get("/api/oruk/services?per_page=5&page=99").json
    assert beyond["empty"] is True and beyond["contents"] == []
    item = first["contents"][0]
    assert {"id", "name", "status", "url", "organization_id"} <= set(item)
    assert "phones" not in item  # the list holds one-to-one fields only


@pytest.mark.database
def test_one_service_comes_back_fully_nested(directory_app):
    client = directory_app.test_client()
    service = client.get(f"/api/oruk/services/{AFFC['id']}").json
    assert service["organization"]["name"] == "Action for Family Carers"
    assert {area["name"] for area in service["service_areas"]} >= {"Harlow", "Tendring"}
    assert client.get("/api/oruk/services/no-such-id").status_code == 404


def test_the_api_describes_itself_and_refuses_bad_parameters(client):
    about = client.get("/api/oruk/").json
    assert about["version"] == "3.0" and about["openapi_url"].endswith("/api/oruk/openapi.json")
    assert client.get("/api/oruk/openapi.json").json["openapi"].startswith("3.")
    for query in ("page=0", "page=two", "per_page=101", "district=narnia"):
        response = client.get(f"/api/oruk/services?{query}")
        assert response.status_code == 400 and "error" in response.json
    assert client.get("/api/oruk/nothing-here").json == {"error": "Not Found"}


@pytest.mark.database
def test_filtering_by_district_shows_that_areas_carers_service(directory_app):
    client = directory_app.test_client()
    harlow = client.get("/services?district=harlow").get_data(as_text=True)
    assert AFFC["name"] in harlow and CARERS_FIRST["name"] not in harlow
    chelmsford = client.get("/api/oruk/services?district=chelmsford&per_page=100").json
    names = {service["name"] for service in chelmsford["contents"]}
    assert CARERS_FIRST["name"] in names and AFFC["name"] not in names
    assert "Essex Wellbeing Service" in names  # county-wide services are everywhere


@pytest.mark.database
def test_filtering_by_language_finds_services_that_arrange_interpreters(directory_app):
    client = directory_app.test_client()
    polish = client.get("/api/oruk/services?language=pl&per_page=100").json["contents"]
    assert polish and all(service.get("interpretation_services") for service in polish)
    html = client.get("/pl/services?language=pl").get_data(as_text=True)
    assert "Adult Social Care Connects" in html
    assert "Healthwatch Essex" not in html


@pytest.mark.database
def test_a_service_page_shows_how_to_contact_it(directory_app):
    client = directory_app.test_client()
    ews = BY_NAME["Essex Wellbeing Service"]
    html = client.get(f"/services/{ews['id']}").get_data(as_text=True)
    assert 'href="tel:03003039988"' in html
    assert "All of Essex" in html
    affc = client.get(f"/ur/services/{AFFC['id']}").get_data(as_text=True)
    assert "Harlow" in affc and '<h1 class="govuk-heading-xl" lang="en">' in affc


def test_unknown_filter_values_get_a_clear_error(client):
    html = client.get("/services?district=narnia&language=klingon").get_data(as_text=True)
    assert "<title>Error:" in html
    assert "Select a district from the list" in html
    assert "Select a language from the list" in html


@pytest.mark.database
def test_advice_pages_link_to_local_services_for_their_topic(directory_app):
    html = (
        directory_app.test_client().get("/advice/carers/breaks-for-carers").get_data(as_text=True)
    )
    assert "Local services that can help" in html
    assert (
        f'href="/services/{AFFC["id"]}"' in html or f'href="/services/{CARERS_FIRST["id"]}"' in html
    )


def test_a_bad_directory_file_is_refused_with_every_problem_listed(app, tmp_path):
    broken = [dict(SEED[0], status="open", url="http://insecure.example")]
    broken.append(dict(SEED[1], service_areas=[{"name": "Narnia"}]))
    broken.append(
        dict(
            SEED[2],
            attributes=[
                {"taxonomy_term": {"code": "gardening", "vocabulary": "essex-advice-topics"}}
            ],
        )
    )
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    with app.app_context(), pytest.raises(OrukError) as error:
        import_file(path, topics(app))
    message = str(error.value)
    for problem in (
        "status must be one of",
        "url must be an https address",
        "'Narnia' is not an Essex district",
        "unknown advice topic 'gardening'",
    ):
        assert problem in message
    result = app.test_cli_runner().invoke(directory_import, [str(path)])
    assert result.exit_code != 0 and "Narnia" in result.output


def test_importing_again_replaces_the_directory(app, tmp_path):
    path = tmp_path / "two.json"
    path.write_text(json.dumps(SEED[:2]))
    with app.app_context():
        import_file(SEED_FILE, topics(app))
        import_file(path, topics(app))
    assert app.test_client().get("/api/oruk/services").json["total_items"] == 2


def test_no_service_in_the_directory_uses_a_placeholder_address():
    placeholders = [service["name"] for service in SEED if is_placeholder(service["url"])]
    assert not placeholders, f"Services linking to a bare home page: {placeholders}"
    assert is_placeholder("https://www.essex.gov.uk") and is_placeholder("https://essex.gov.uk/")
    assert not is_placeholder(
        "https://www.essex.gov.uk/request-carers-assessment/carers-assessments"
    )


def test_a_service_whose_address_is_a_council_home_page_is_refused(app, tmp_path):
    path = tmp_path / "placeholder.json"
    path.write_text(json.dumps([dict(SEED[0], url="https://www.essex.gov.uk/")]))
    with app.app_context(), pytest.raises(OrukError, match="is a home page"):
        import_file(path, topics(app))


@pytest.mark.database
def test_every_api_response_meets_the_open_referral_uk_profile(directory_app):
    client = directory_app.test_client()
    listing, service = profile_response("/services"), profile_response("/services/{id}")
    first = client.get("/api/oruk/services?per_page=5").json
    queries = [f"per_page=5&page={n}" for n in range(1, first["total_pages"] + 2)]
    queries += ["", "per_page=100", "search=carers", "district=harlow", "language=pl"]
    problems = {}
    for query in queries:
        body = client.get(f"/api/oruk/services?{query}").json
        problems[f"list {query}"] = profile_problems(listing, body)
    for item in SEED:
        body = client.get(f"/api/oruk/services/{item['id']}").json
        problems[item["name"]] = profile_problems(service, body)
    about = profile_response("/")
    problems["about"] = profile_problems(about, client.get("/api/oruk/").json)
    assert not {name: found for name, found in problems.items() if found}
    # The check has teeth: the shape the API used to return (a term without a name) fails.
    old = copy.deepcopy(client.get(f"/api/oruk/services/{AFFC['id']}").json)
    del old["attributes"][0]["taxonomy_term"]["name"]
    assert any("'name' is a required property" in p for p in profile_problems(service, old))
