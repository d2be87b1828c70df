"""New routing decisions made by staff (portal/routing/moves.py): a change of priority counts the
due times again from when the submission arrived in its queue; a transfer counts the new queue's
standard from the moment of the transfer; the first decision's other findings and reasons stay."""

from __future__ import annotations

from datetime import datetime

from portal.routing import Decision, Places, decide
from portal.routing.clock import LONDON
from portal.routing.moves import moved
from tests.submissions import ALERT, CARERS, answers

RECEIVED = datetime(2026, 3, 4, 10, 0, tzinfo=LONDON)  # a Wednesday morning
ALERT_PLACES = Places("postcode", "council_area", "forward")
CARER_PLACES = Places("postcode", "council_area")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def test_a_decision_read_back_from_its_json_is_the_same_decision():
    first = decide(ALERT, answers(ALERT), RECEIVED, places=ALERT_PLACES)
    assert Decision.from_json(first.as_json()) == first


def test_lowering_an_urgent_alert_drops_the_priority_1_clocks_and_keeps_the_rest():
    first = decide(ALERT, answers(ALERT), RECEIVED, places=ALERT_PLACES)
    assert first.priority == "urgent" and len(first.clocks) == 3
    reason = {"id": "priority-changed", "text": "Lowered: the nephew has moved away"}
    lowered = moved(first, priority="high", start=RECEIVED, reason=reason)
    assert (lowered.queue, lowered.priority) == ("central-safeguarding-triage", "high")
    assert lowered.clocks == [{"id": "screening", "due_at": at("2026-03-05 17:00")}]
    assert lowered.due_at == at("2026-03-05 17:00")
    assert lowered.reasons == [*first.reasons, reason]
    assert (lowered.district, lowered.flags) == (first.district, first.flags)


def test_raising_a_carers_assessment_to_urgent_counts_from_when_it_was_sent():
    first = decide(CARERS, answers(CARERS), RECEIVED, places=CARER_PLACES)
    assert (first.priority, first.due_at) == ("high", at("2026-03-09 17:00"))  # 3 working days
    raised = moved(first, priority="urgent", start=RECEIVED, reason={"id": "x", "text": "x"})
    assert raised.due_at == at("2026-03-05 17:00")  # the close of the next working day
    assert [clock["id"] for clock in raised.clocks] == ["first-response"]


def test_a_transfer_counts_the_new_queues_standard_from_the_transfer_without_the_s42_clocks():
    first = decide(ALERT, answers(ALERT), RECEIVED, places=ALERT_PLACES)
    transferred_at = at("2026-03-06 16:00")  # a Friday afternoon
    reason = {"id": "transferred", "text": "For a Care Act assessment"}
    duty = moved(first, queue="ascc-duty", start=transferred_at, reason=reason)
    assert (duty.queue, duty.queue_name, duty.priority) == ("ascc-duty", "ASCC Duty", "urgent")
    assert duty.clocks == [{"id": "first-response", "due_at": at("2026-03-07 16:00")}]


def test_a_carer_moved_to_their_second_queue_has_no_second_queue_left():
    unsafe = answers(CARERS, feel_safe="no", feel_safe_detail="Shouting")
    first = decide(CARERS, unsafe, RECEIVED, places=CARER_PLACES)
    assert first.second_queue["queue"] == "central-safeguarding-triage"
    moved_on = moved(
        first,
        queue="central-safeguarding-triage",
        start=RECEIVED,
        reason={"id": "transferred", "text": "Safeguarding"},
    )
    assert moved_on.second_queue is None
    assert [clock["id"] for clock in moved_on.clocks] == ["first-response"]
