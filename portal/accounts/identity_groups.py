"""Which groups at the council's identity provider give which roles and teams: read from
config/identity-groups.yaml and checked at start-up, by its schema and then against the roles
(portal/accounts/permissions.py) and teams (config/staff-teams.yaml) that exist (ADR 0032)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from portal import filecheck
from portal.accounts.permissions import ROLES
from portal.accounts.teams import Team
from portal.config import ConfigError

_GUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
_EXTENSION = "frontdoor.identity_groups"


class IdentityGroupsError(ConfigError, ValueError):
    """config/identity-groups.yaml is wrong; the message lists every problem."""


@dataclass(frozen=True)
class GroupGrant:
    id: str
    name: str
    roles: tuple[str, ...]
    teams: tuple[str, ...]


@dataclass(frozen=True)
class Access:
    """What someone's groups give them together, and which of their groups counted."""

    roles: tuple[str, ...]
    teams: tuple[str, ...]
    groups: tuple[str, ...]


def read_identity_groups(path: Path, teams: Mapping[str, Team]) -> dict[str, GroupGrant]:
    """The groups in ``path``; every role must exist and every team be one of ``teams``."""
    raw, problems = filecheck.read(path, filecheck.UniqueKeyLoader)
    problems = problems or filecheck.problems(raw, "identity-groups")
    if problems:
        _raise(path, problems)
    grants = {
        group_id: GroupGrant(
            group_id,
            entry["name"].strip(),
            tuple(entry.get("roles", ())),
            tuple(entry.get("teams", ())),
        )
        for group_id, entry in (raw["groups"] or {}).items()
    }
    for grant in grants.values():
        problems += [
            f"group {grant.id}: role {role!r} does not exist (one of {', '.join(ROLES)})"
            for role in grant.roles
            if role not in ROLES
        ]
        problems += [
            f"group {grant.id}: team {team!r} is not in config/staff-teams.yaml "
            f"(one of {', '.join(teams)})"
            for team in grant.teams
            if team not in teams
        ]
        if _GUID.match(grant.id) and grant.id != grant.id.lower():
            # Entra ID writes object ids in lower case in its tokens: an upper-case copy
            # would never match anyone.
            problems.append(f"group {grant.id}: write the id in lower case, as tokens carry it")
    if problems:
        _raise(path, problems)
    return grants


def _raise(path: Path, problems: list[str]) -> None:
    raise IdentityGroupsError(f"{path.name} has problems:\n  - " + "\n  - ".join(problems))


def init_identity_groups(app, path: Path, teams: Mapping[str, Team]) -> None:
    app.extensions[_EXTENSION] = read_identity_groups(path, teams)


def access_for(group_ids: Iterable[str]) -> Access:
    """The roles and teams the groups give together (groups the file does not list give
    nothing)."""
    grants: Mapping[str, GroupGrant] = current_app.extensions[_EXTENSION]
    counted = [grants[group] for group in dict.fromkeys(group_ids) if group in grants]
    return Access(
        roles=tuple(sorted({role for grant in counted for role in grant.roles})),
        teams=tuple(sorted({team for grant in counted for team in grant.teams})),
        groups=tuple(grant.id for grant in counted),
    )
