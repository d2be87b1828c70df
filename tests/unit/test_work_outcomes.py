"""config/work-outcomes.yaml: the outcomes staff record per queue, checked at start-up by its
schema and against the queues in forms/routing.yaml."""

from __future__ import annotations

import pytest

from portal.routing import config as routing_config
from portal.work_items import outcomes as outcomes_module
from portal.work_items.outcomes import OUTCOMES_FILE, OutcomesError, read_outcomes
from tests.conftest import make_settings

QUEUES = set(routing_config().queues)
GOOD = """kind: work-outcomes
queues:
  central-safeguarding-triage: &safeguarding
    - {id: section-42-enquiry, name: Section 42 enquiry}
    - {id: no-further-action, name: No further action}
  organisational-safeguarding: *safeguarding
  carers: [{id: signposted, name: Signposted}]
  care-technology: [{id: signposted, name: Signposted}]
  ascc-duty: [{id: signposted, name: Signposted}]
"""


def problems_of(tmp_path, text: str) -> str:
    path = tmp_path / "work-outcomes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OutcomesError) as raised:
        read_outcomes(path, QUEUES)
    return str(raised.value)


def test_every_queue_has_outcomes_and_safeguarding_has_the_issues_list():
    found = read_outcomes(OUTCOMES_FILE, QUEUES)
    assert set(found.by_queue) == QUEUES
    assert [o.name for o in found.for_queue("central-safeguarding-triage")] == [
        "Section 42 enquiry",
        "Other safeguarding enquiry",
        "Information and advice given",
        "Passed to another council",
        "No further action",
    ]
    assert "Carer's assessment booked" in [o.name for o in found.for_queue("carers")]
    # An outcome recorded before a transfer is still named in the new queue.
    assert found.name("section-42-enquiry", "ascc-duty") == "Section 42 enquiry"


def test_a_misspelt_key_is_named_with_what_was_meant(tmp_path):
    message = problems_of(tmp_path, GOOD.replace("name: Signposted}]\n  ascc", "nmae: x}]\n  ascc"))
    assert "unknown key 'nmae' (did you mean 'name'?)" in message
    assert "missing key 'name'" in message


def test_a_queue_routing_does_not_know_is_named(tmp_path):
    message = problems_of(tmp_path, GOOD + "  carer: [{id: signposted, name: Signposted}]\n")
    assert "queue 'carer' is not in forms/routing.yaml" in message


def test_a_queue_without_outcomes_is_named_whether_empty_or_left_out(tmp_path):
    message = problems_of(
        tmp_path, GOOD.replace("  ascc-duty: [{id: signposted, name: Signposted}]\n", "")
    )
    assert "queue 'ascc-duty' has no outcomes: its submissions could never be closed" in message
    message = problems_of(
        tmp_path, GOOD.replace("ascc-duty: [{id: signposted, name: Signposted}]", "ascc-duty: []")
    )
    assert "ascc-duty: must not be empty" in message


def test_an_outcome_listed_twice_in_a_queue_is_named(tmp_path):
    twice = GOOD.replace(
        "carers: [{id: signposted, name: Signposted}]",
        "carers: [{id: signposted, name: Signposted}, {id: signposted, name: Again}]",
    )
    assert "queue 'carers': outcome 'signposted' is listed twice" in problems_of(tmp_path, twice)


def test_a_broken_outcomes_file_stops_start_up_with_the_problem_named(tmp_path, monkeypatch):
    from portal import create_app

    broken = tmp_path / "work-outcomes.yaml"
    broken.write_text(GOOD.replace("  carers: [{id: signposted, name: Signposted}]\n", ""))
    monkeypatch.setattr(outcomes_module, "OUTCOMES_FILE", broken)
    outcomes_module.outcomes.cache_clear()
    try:
        with pytest.raises(OutcomesError, match="queue 'carers' has no outcomes"):
            create_app(make_settings(f"sqlite:///{tmp_path / 'start.db'}"))
    finally:
        outcomes_module.outcomes.cache_clear()
