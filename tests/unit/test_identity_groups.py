"""config/identity-groups.yaml: provider groups to roles and teams, checked at start-up by its
schema and then against the roles and teams that exist."""

from __future__ import annotations

import pytest

from portal.accounts.identity_groups import (
    IdentityGroupsError,
    access_for,
    init_identity_groups,
    read_identity_groups,
)
from portal.accounts.teams import teams
from portal.config import IDENTITY_GROUPS_FILE
from tests.conftest import build_app
from tests.oidc_provider import (
    AUDITORS,
    CARERS_CASEWORKERS,
    DUTY_MANAGERS,
    DUTY_TEAM_ONLY,
    SAFEGUARDING,
    groups_file,
)

GUID = "0b6a3c1e-5d2f-4a8b-9c7d-1e2f3a4b5c6d"


def problems_in(tmp_path, text: str) -> str:
    path = tmp_path / "identity-groups.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IdentityGroupsError) as raised:
        read_identity_groups(path, teams())
    return str(raised.value)


def test_the_shipped_file_maps_no_group_until_the_council_adds_its_own():
    assert read_identity_groups(IDENTITY_GROUPS_FILE, teams()) == {}
    assert "# groups:\n#   0b6a3c1e-" in IDENTITY_GROUPS_FILE.read_text(encoding="utf-8")


def test_someones_groups_give_every_role_and_team_they_map_to_together(tmp_path, sqlite_url):
    app = build_app(sqlite_url, migrated=False)
    init_identity_groups(app, groups_file(tmp_path), teams())
    with app.app_context():
        access = access_for([SAFEGUARDING, "unknown-group", AUDITORS, CARERS_CASEWORKERS])
        assert access.roles == ("auditor", "caseworker", "safeguarding-practitioner")
        assert access.teams == ("carers", "central-safeguarding-triage")
        assert access.groups == (SAFEGUARDING, AUDITORS, CARERS_CASEWORKERS)
        only_teams = access_for([DUTY_TEAM_ONLY, DUTY_MANAGERS])
        assert (only_teams.roles, only_teams.teams) == (("team-manager",), ("countywide-duty",))
        assert access_for(["unknown-group"]).roles == ()


def test_roles_and_teams_that_do_not_exist_are_named(tmp_path):
    message = problems_in(
        tmp_path,
        f"kind: identity-groups\ngroups:\n  {GUID}:\n    name: Carers\n"
        "    roles: [case-worker]\n    teams: [carer]\n",
    )
    assert f"group {GUID}: role 'case-worker' does not exist (one of caseworker, " in message
    assert f"group {GUID}: team 'carer' is not in config/staff-teams.yaml (one of " in message


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("    name: Nothing\n", "gives no role and no team"),
        ("    name: Empty\n    roles: []\n", "gives no role and no team"),
        (
            "    name: Carers\n    role: [caseworker]\n",
            "unknown key 'role' (did you mean 'roles'?)",
        ),
        ("    roles: [caseworker]\n    teams: [carers]\n", "missing key 'name'"),
        ("    name: Carers\n    roles: caseworker\n", "must be a list"),
    ],
)
def test_an_entry_that_gives_nothing_or_is_misspelt_is_named(tmp_path, entry, expected):
    message = problems_in(tmp_path, f"kind: identity-groups\ngroups:\n  {GUID}:\n{entry}")
    assert "identity-groups.yaml has problems" in message and expected in message


def test_a_group_listed_twice_is_refused_rather_than_keeping_the_last(tmp_path):
    entry = "    name: Auditors\n    roles: [auditor]\n"
    message = problems_in(
        tmp_path, f"kind: identity-groups\ngroups:\n  auditors:\n{entry}  auditors:\n{entry}"
    )
    assert "listed more than once: auditors" in message


def test_an_entra_object_id_in_upper_case_would_match_nobody_and_is_refused(tmp_path):
    message = problems_in(
        tmp_path,
        f"kind: identity-groups\ngroups:\n  {GUID.upper()}:\n    name: A\n    roles: [auditor]\n",
    )
    assert "write the id in lower case, as tokens carry it" in message


def test_a_mistake_in_the_file_stops_start_up(tmp_path, sqlite_url):
    path = tmp_path / "identity-groups.yaml"
    path.write_text("kind: identity-groups\ngroups:\n  a:\n    name: A\n    roles: [boss]\n")
    with pytest.raises(IdentityGroupsError, match="role 'boss' does not exist"):
        build_app(sqlite_url, migrated=False, identity_groups_file=path)
