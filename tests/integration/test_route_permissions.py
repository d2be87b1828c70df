"""Every staff route declares its permission, and each role gets exactly what it is allowed.

The URL map is walked, so a route added later without ``@permission(...)`` fails here (ADR 0025).
"""

from __future__ import annotations

import pytest

from portal.accounts.permissions import ANYONE, PASSWORD_CHECKED, PERMISSIONS, ROLES, allows
from tests.staff import ROLE_TEAMS, declared, make_account, sign_in, staff_pages

# Blueprints whose every route is for anyone: residents' pages, the journeys, machine routes and
# the open directory API. Any other blueprint's route, and any route under /staff, must declare.
PUBLIC_BLUEPRINTS = {"public", "advice", "directory", "journeys", "ops", "oruk_api"}


def test_every_route_outside_the_public_blueprints_declares_a_known_permission(app):
    undeclared = []
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.rpartition(".")[0]
        if blueprint in PUBLIC_BLUEPRINTS and not rule.rule.startswith("/staff"):
            continue
        permission = declared(app, rule.endpoint)
        if permission not in {*PERMISSIONS, ANYONE, PASSWORD_CHECKED}:
            undeclared.append(f"{rule.rule} ({rule.endpoint}): {permission!r}")
    assert not undeclared, "Routes without a permission declaration:\n" + "\n".join(undeclared)


def test_the_walk_sees_the_staff_routes_and_would_catch_one_without_a_declaration(app):
    staff = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/staff")]
    assert len(staff) >= 10
    app.add_url_rule("/staff/forgotten", "staff_forgotten", lambda: "no declaration")
    with pytest.raises(AssertionError, match="/staff/forgotten"):
        test_every_route_outside_the_public_blueprints_declares_a_known_permission(app)


@pytest.mark.parametrize("role", sorted(ROLE_TEAMS))
def test_each_role_reaches_the_staff_pages_its_permissions_allow_and_gets_403_elsewhere(app, role):
    client = app.test_client()
    secret = make_account(app, f"{role}@essex.gov.uk", role=role)
    sign_in(client, f"{role}@essex.gov.uk", secret)
    pages = staff_pages(app)
    assert {"/staff", "/staff/users", "/staff/audit-log"} <= set(pages)
    seen = {}
    for path, needed in pages.items():
        seen[path] = client.get(path).status_code
        assert seen[path] == (200 if allows([role], needed) else 403), (path, needed)
    if role == "account-administrator":
        assert seen["/staff/users"] == 200 and seen["/staff/audit-log"] == 403
    if role == "auditor":
        assert seen["/staff/audit-log"] == 200 and seen["/staff/users"] == 403


def test_someone_not_signed_in_is_sent_to_sign_in_from_every_staff_page(client, app):
    for path in staff_pages(app):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/staff/sign-in?next=")


def test_every_role_has_a_signed_in_page_to_land_on(app):
    assert all(allows([role], "use-workspace") for role in ROLES)
