"""Staff teams and the queues each works, read from config/staff-teams.yaml and checked at
start-up against the queues in forms/routing.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal import filecheck
from portal.config import PROJECT_ROOT, ConfigError

TEAMS_FILE = PROJECT_ROOT / "config" / "staff-teams.yaml"
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


class TeamsError(ConfigError, ValueError):
    """config/staff-teams.yaml is wrong; the message lists every problem."""


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    queues: tuple[str, ...]
    safeguarding: bool = False


def read_teams(path: Path, queue_ids: set[str]) -> dict[str, Team]:
    """The teams in ``path``, each queue checked against ``queue_ids`` (forms/routing.yaml)."""
    raw = filecheck.safe_load(path.read_text(encoding="utf-8")) or {}
    problems: list[str] = []
    if not isinstance(raw, dict) or raw.get("kind") != "staff-teams":
        problems.append("the file must say `kind: staff-teams`")
        raw = raw if isinstance(raw, dict) else {}
    unknown = sorted(set(raw) - {"kind", "teams"})
    if unknown:
        problems.append(f"unknown keys {', '.join(unknown)}")
    entries = raw.get("teams")
    if not isinstance(entries, dict) or not entries:
        problems.append("teams must be a mapping of team id to {name, queues}")
        entries = {}
    teams: dict[str, Team] = {}
    for team_id, entry in entries.items():
        team_id = str(team_id)
        if not _ID.match(team_id):
            problems.append(f"team id {team_id!r} must be lower-case-with-dashes")
        if not isinstance(entry, dict):
            problems.append(f"team {team_id}: must be a mapping of name, queues and safeguarding")
            continue
        extra = sorted(set(entry) - {"name", "queues", "safeguarding"})
        if extra:
            problems.append(f"team {team_id}: unknown keys {', '.join(extra)}")
        name = str(entry.get("name") or "").strip()
        if not name:
            problems.append(f"team {team_id}: needs a name")
        queues = entry.get("queues")
        if not isinstance(queues, list) or not queues:
            problems.append(f"team {team_id}: queues must be a list of queue ids")
            queues = []
        for queue in queues:
            if queue not in queue_ids:
                problems.append(
                    f"team {team_id}: queue {queue!r} is not in forms/routing.yaml "
                    f"(one of {', '.join(sorted(queue_ids))})"
                )
        safeguarding = entry.get("safeguarding", False)
        if not isinstance(safeguarding, bool):
            problems.append(f"team {team_id}: safeguarding must be true or false")
        teams[team_id] = Team(team_id, name, tuple(map(str, queues)), safeguarding is True)
    worked = {queue for team in teams.values() for queue in team.queues}
    for queue in sorted(queue_ids - worked):
        problems.append(f"queue {queue!r} is worked by no team: its submissions would reach nobody")
    if problems:
        raise TeamsError(f"{path.name} has problems:\n  - " + "\n  - ".join(problems))
    return teams


@cache
def teams() -> dict[str, Team]:
    from portal.routing import config as routing_config

    return read_teams(TEAMS_FILE, set(routing_config().queues))
