"""config/staff-teams.yaml: which team works which queue, checked against forms/routing.yaml."""

from __future__ import annotations

import pytest

from portal.accounts.teams import TEAMS_FILE, TeamsError, read_teams
from portal.routing import config as routing_config


def test_every_queue_in_routing_is_worked_by_a_team_and_safeguarding_teams_are_marked():
    teams = read_teams(TEAMS_FILE, set(routing_config().queues))
    worked = {queue for team in teams.values() for queue in team.queues}
    assert worked == set(routing_config().queues)
    assert teams["countywide-duty"].queues == ("ascc-duty",)
    assert {team.id for team in teams.values() if team.safeguarding} == {
        "central-safeguarding-triage",
        "organisational-safeguarding",
    }


def test_a_queue_no_team_works_and_a_queue_routing_does_not_know_are_both_named(tmp_path):
    path = tmp_path / "staff-teams.yaml"
    path.write_text(
        "kind: staff-teams\nteams:\n  carers:\n    name: Carers\n    queues: [carer]\n",
        encoding="utf-8",
    )
    with pytest.raises(TeamsError) as raised:
        read_teams(path, {"carers", "ascc-duty"})
    message = str(raised.value)
    assert "queue 'carer' is not in forms/routing.yaml" in message
    assert "queue 'ascc-duty' is worked by no team" in message
    assert "queue 'carers' is worked by no team" in message
