"""The statuses staff move work through are configuration, checked when they are read."""

from __future__ import annotations

import pytest

from portal.work_items.statuses import StatusError, read_statuses, statuses


def write(tmp_path, body: str):
    path = tmp_path / "work-statuses.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_the_councils_statuses_have_one_initial_open_status_and_a_closed_one():
    loaded = statuses()
    assert loaded.initial.id == "new" and loaded.initial.open
    assert "closed" not in loaded.open_ids
    assert [status.name for status in loaded.all] == ["New", "In progress", "Waiting", "Closed"]


def test_a_renamed_status_keeps_its_id(tmp_path):
    loaded = read_statuses(
        write(
            tmp_path,
            "statuses:\n  - {id: new, name: To triage, open: true, initial: true}\n"
            "  - {id: closed, name: Done, open: false}\n",
        )
    )
    assert loaded.get("new").name == "To triage"


def test_every_problem_in_the_file_is_reported_at_once(tmp_path):
    path = write(
        tmp_path,
        "statuses:\n  - {id: New, name: New, open: yes please, initial: true, colour: red}\n"
        "  - {id: waiting, name: '', open: true}\n  - {id: waiting, name: Waiting, open: true}\n",
    )
    with pytest.raises(StatusError) as raised:
        read_statuses(path)
    message = str(raised.value)
    assert message.startswith("work-statuses.yaml has problems:")
    for problem in (
        "status 1: unknown keys colour",
        "id 'New' must be lower-case-with-dashes",
        "status New: open must be true or false",
        "status waiting: needs a name",
        "status 'waiting' is listed twice",
        "the initial status 'New' must be open",
    ):
        assert problem in message
