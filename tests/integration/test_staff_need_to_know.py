"""Need to know, tried by every kind of account against every staff route (issue #9 §2): a
submission someone may not see is 403 on every route that takes its reference, and it never
leaks through a list, a count, a search or a download they can open.

Nothing here names a route. The routes come from the app's URL map, so the routes added later
(queues, search, a submission's page and its actions, the dashboard) are tried as they arrive:
- every GET route under /staff whose one argument is a submission ``reference``, for a carer's
  assessment and a safeguarding alert: 200 exactly where the route's permission and the
  need-to-know check allow it (``access.may_view``, or ``access.may_see_who_has_seen`` for the
  audit trail), 403 everywhere else;
- every page and download the account reaches by following links from the argument-free
  staff pages: the reference of a form it may not see never appears (unless it may read that
  form's audit trail), nor a word of the name of anyone a form it may not read is about;
- searches: each argument-free page asked for those names and references (under the names a
  search box might have) gives nothing else about them, and reads as a search that finds
  nothing does;
- counts: each of those pages reads the same after more forms the account may not see arrive.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus, urlencode, urlsplit

import pytest
import time_machine
from flask import url_for
from markupsafe import escape
from werkzeug.exceptions import MethodNotAllowed, NotFound

from portal.accounts.permissions import PERMISSIONS, READ_AUDIT_LOG, SEE_WHO_HAS_SEEN, allows
from portal.data import db
from portal.data.accounts import by_id
from portal.data.journeys import Submission
from portal.journeys import references
from portal.work_items import access
from tests.audit_world import (
    ADULT,
    CARER,
    NOW,
    REPORTER,
    account,
    send_carers,
    send_safeguarding,
    signed_in,
    write,
)
from tests.staff import ROLE_TEAMS, declared, staff_pages

pytestmark = pytest.mark.database

# One account per role in the teams that fit it, and the accounts where need to know is
# finest: a caseworker placed in a safeguarding team (sees none of its alerts), the managers
# of Central Safeguarding Triage and of Carers (each sees their own team's forms only).
ACCOUNTS = {role: (role, teams) for role, teams in ROLE_TEAMS.items()} | {
    "caseworker in a safeguarding team": ("caseworker", ["central-safeguarding-triage"]),
    "manager of safeguarding triage": ("team-manager", ["central-safeguarding-triage"]),
    "manager of carers": ("team-manager", ["carers"]),
}
KINDS = ("carers", "alert")
# Routes whose question is not "may they read it" but "may they read who has seen it".
TRAIL_PERMISSIONS = {SEE_WHO_HAS_SEEN, READ_AUDIT_LOG}
PEOPLE = {
    "carers": f"{CARER['first_name']} {CARER['last_name']}",
    "alert": f"{ADULT['adult_first_name']} {ADULT['adult_last_name']}",
}
# Every word of every name on each form.
NAME_WORDS = {
    "carers": PEOPLE["carers"].split(),
    "alert": PEOPLE["alert"].split() + REPORTER["reporter_name"].split(),
}
SEARCH_BOXES = ("q", "query", "search", "name", "reference", "postcode")
MOST_PAGES_FOLLOWED = 150


@pytest.fixture
def app(db_app):
    return db_app


@pytest.fixture
def world(app):
    """Both forms, each already seen by a colleague (so the audit pages have rows about them)."""
    with time_machine.travel(NOW, tick=False):
        carers = send_carers(app)
        alert = send_safeguarding(app)
        colleague, _ = account(
            app,
            "colleague@essex.gov.uk",
            "team-manager",
            ["carers", "central-safeguarding-triage"],
            "Col League",
        )
    for _reference, submission_id in (carers, alert):
        write(
            app,
            "submission-viewed",
            at=NOW,
            actor="colleague@essex.gov.uk",
            actor_id=colleague,
            submission_id=submission_id,
        )
    return {"carers": carers, "alert": alert}


def reference_routes(app) -> dict[str, str]:
    """Every GET route under /staff taking just a submission's reference: rule -> permission."""
    return {
        rule.rule: declared(app, rule.endpoint)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/staff/")
        and "GET" in rule.methods
        and set(rule.arguments) == {"reference"}
    }


def sign_in_as(app, name: str):
    role, teams = ACCOUNTS[name]
    email = re.sub(r"[^a-z]+", ".", name) + "@essex.gov.uk"
    person_id, secret = account(app, email, role, teams, "Person Under Test")
    return signed_in(app, email, secret), person_id


def submission(world, kind: str) -> Submission:
    return db.session.get(Submission, world[kind][1])


def may_open(user, permission: str, item: Submission) -> bool:
    if not allows(user.roles, permission):
        return False
    if permission in TRAIL_PERMISSIONS:
        return access.may_see_who_has_seen(user, item)
    return access.may_view(user, item)


def forbidden_words(app, person_id: int, world) -> dict[str, list[str]]:
    """For each form, what this person's pages must never show of it: the words of the names
    on a form they may not read, and its reference unless they may read its audit trail."""
    with app.app_context():
        user = by_id(person_id)
        words = {}
        for kind in KINDS:
            item = submission(world, kind)
            words[kind] = []
            if not access.may_view(user, item):
                words[kind] += NAME_WORDS[kind]
                if not access.may_see_who_has_seen(user, item):
                    words[kind].append(world[kind][0])
        return words


def staff_path(app, href: str) -> str | None:
    """A link to a GET staff page that needs a permission (not sign-in or sign-out), or None."""
    parts = urlsplit(href)
    if parts.netloc or not parts.path.startswith("/staff"):
        return None
    try:
        endpoint, _ = app.url_map.bind("localhost").match(parts.path, method="GET")
    except (NotFound, MethodNotAllowed):
        return None
    if declared(app, endpoint) not in PERMISSIONS:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def reachable(app, client, starts: list[str]) -> dict[str, str]:
    """Every staff page and download reachable by links from ``starts``: path -> body."""
    bodies: dict[str, str] = {}
    waiting = list(starts)
    while waiting and len(bodies) < MOST_PAGES_FOLLOWED:
        path = waiting.pop(0)
        if path in bodies:
            continue
        response = client.get(path)
        bodies[path] = response.get_data(as_text=True)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for href in re.findall(r'href="([^"]+)"', bodies[path]):
            found = staff_path(app, href.replace("&amp;", "&"))
            if found and found not in bodies:
                waiting.append(found)
    return bodies


def normalised(response) -> str:
    """The page without what differs on every response (the CSP nonce, CSRF tokens)."""
    body = response.get_data(as_text=True)
    body = re.sub(r'nonce="[^"]*"', 'nonce=""', body)
    body = re.sub(r'(name="csrf_token"[^>]*value=")[^"]*', r"\1", body)
    return re.sub(r'(name="csrf-token" content=")[^"]*', r"\1", body)


def without(response, term: str) -> str:
    """The page with what was searched for taken out, as typed and as a page may echo it."""
    body = normalised(response)
    for form in (str(escape(term)), quote_plus(term), quote(term), term):
        body = body.replace(form, "TERM")
    return body


def decoy_for(term: str) -> str:
    """A term of the same kind that finds nothing: a valid reference no form has, or a name."""
    if references.is_valid(term):
        return references.new_reference(term[:3])
    return "Zebulon Nobodyknows"


def searched(client, path: str, term: str):
    return client.get(f"{path}?{urlencode(dict.fromkeys(SEARCH_BOXES, term))}")


def steady_pages(client, paths: list[str]) -> dict[str, str]:
    """The pages that read the same twice running, normalised (not the audit log, which
    records each look and shows it)."""
    steady = {}
    for path in paths:
        first, second = (normalised(client.get(path)) for _ in range(2))
        if first == second:
            steady[path] = second
    return steady


@pytest.mark.parametrize("name", sorted(ACCOUNTS))
def test_every_route_taking_a_reference_is_403_unless_need_to_know_allows_it(app, world, name):
    routes = reference_routes(app)
    assert "/staff/submissions/<reference>/seen-by" in routes
    with time_machine.travel(NOW, tick=False):
        client, person_id = sign_in_as(app, name)
        with app.app_context():
            user = by_id(person_id)
            expected = {
                (rule, kind): 200 if may_open(user, permission, submission(world, kind)) else 403
                for rule, permission in routes.items()
                for kind in KINDS
            }
        words = forbidden_words(app, person_id, world)
        hidden = [word for kind in KINDS for word in words[kind]]
        for (rule, kind), status in expected.items():
            path = rule.replace("<reference>", world[kind][0])
            response = client.get(path)
            assert response.status_code == status, (name, path)
            # The reference asked for may be echoed (the 403 page's feedback link has the path).
            body = without(response, world[kind][0])
            leaked = [word for word in hidden if word in body]
            assert not leaked, (name, path, leaked)


@pytest.mark.parametrize("name", sorted(ACCOUNTS))
def test_no_list_search_download_or_count_shows_what_the_account_may_not_see(app, world, name):
    with time_machine.travel(NOW, tick=False):
        client, person_id = sign_in_as(app, name)
        words = forbidden_words(app, person_id, world)
        hidden = [word for kind in KINDS for word in words[kind]]
        unseen = [kind for kind in KINDS if words[kind]]
        starts = sorted(staff_pages(app))
        assert {"/staff", "/staff/audit-log"} <= set(starts)

        bodies = reachable(app, client, starts)
        assert "Person Under Test" in bodies["/staff"], "the start page opened"
        for path, body in bodies.items():
            leaked = [word for word in hidden if word in body]
            assert not leaked, (name, path, leaked)

        steady = steady_pages(client, starts)
        assert "/staff" in steady
        terms = [PEOPLE[kind] for kind in unseen]
        terms += [world[kind][0] for kind in unseen if world[kind][0] in words[kind]]
        for path in starts:
            for term in terms:
                body = without(searched(client, path, term), term)
                leaked = [word for word in hidden if word in body and word not in term]
                assert not leaked, (name, path, term, leaked)
                if path in steady:
                    decoy = decoy_for(term)
                    nothing = without(searched(client, path, decoy), decoy)
                    assert body == nothing, (name, path, term, "the search found something")

        for kind in unseen:
            for _ in range(3):
                (send_carers if kind == "carers" else send_safeguarding)(app)
        for path, before in steady.items():
            assert normalised(client.get(path)) == before, (name, path, "a count changed")


def test_a_carers_form_is_never_opened_by_safeguarding_nor_an_alert_by_a_carers_caseworker(
    app, world
):
    """The acceptance point of issue #9 §2, on the submission's own page."""
    with time_machine.travel(NOW, tick=False):
        practitioner, _ = sign_in_as(app, "safeguarding-practitioner")
        caseworker, _ = sign_in_as(app, "caseworker")
        with app.test_request_context():
            carers = url_for("staff.submission", reference=world["carers"][0])
            alert = url_for("staff.submission", reference=world["alert"][0])
        assert practitioner.get(carers).status_code == 403
        assert caseworker.get(alert).status_code == 403
        assert practitioner.get(alert).status_code == 200
        assert caseworker.get(carers).status_code == 200
