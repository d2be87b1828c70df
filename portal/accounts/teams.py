"""Staff teams and the queues each works, read from config/staff-teams.yaml and checked at
start-up against the queues in forms/routing.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal import filecheck
from portal.config import PROJECT_ROOT, ConfigError

TEAMS_FILE = PROJECT_ROOT / "config" / "staff-teams.yaml"


class TeamsError(ConfigError, ValueError):
    """config/staff-teams.yaml is wrong; the message lists every problem."""


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    queues: tuple[str, ...]
    safeguarding: bool = False


def read_teams(path: Path, queue_ids: set[str]) -> dict[str, Team]:
    """The teams in ``path``, each queue checked against ``queue_ids`` (forms/routing.yaml).
    The shape is checked by forms/schemas/staff-teams.schema.json, like every council file."""
    raw, problems = filecheck.read(path)
    problems = problems or filecheck.problems(raw, "staff-teams")
    if problems:
        _raise(path, problems)
    teams = {
        str(team_id): Team(
            str(team_id),
            entry["name"].strip(),
            tuple(entry["queues"]),
            entry.get("safeguarding", False),
        )
        for team_id, entry in raw["teams"].items()
    }
    problems = [
        f"team {team.id}: queue {queue!r} is not in forms/routing.yaml "
        f"(one of {', '.join(sorted(queue_ids))})"
        for team in teams.values()
        for queue in team.queues
        if queue not in queue_ids
    ]
    worked = {queue for team in teams.values() for queue in team.queues}
    problems += [
        f"queue {queue!r} is worked by no team: its submissions would reach nobody"
        for queue in sorted(queue_ids - worked)
    ]
    if problems:
        _raise(path, problems)
    return teams


def _raise(path: Path, problems: list[str]) -> None:
    raise TeamsError(f"{path.name} has problems:\n  - " + "\n  - ".join(problems))


@cache
def teams() -> dict[str, Team]:
    from portal.routing import config as routing_config

    return read_teams(TEAMS_FILE, set(routing_config().queues))
