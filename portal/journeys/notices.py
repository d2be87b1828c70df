"""What a reporter must do now, shown first on check answers and on the confirmation.

Two notices come from the routing decision, never from the wording of a page: a report whose
places are all outside Essex names the council to call, and an urgent alert tells the reporter
to phone now: Adult Social Care while it is open, the Emergency Duty Service when it is closed
(the opening hours are the working-day clock's, from config/contacts.yaml).
"""

from __future__ import annotations

from datetime import datetime

from portal.journeys import routing_rules


def phone_now(journey_id: str, priority: str | None, now: datetime) -> str | None:
    """For an urgent alert (routing.yaml urgent_phone_now): "open" while the team is at
    work, "closed" when the Emergency Duty Service is the number to call; else None."""
    settings = routing_rules()
    if not settings.journeys.get(journey_id, {}).get("urgent_phone_now") or priority != "urgent":
        return None
    return "open" if settings.clock.is_open(now) else "closed"


def notices(journey_id: str, decision: dict, now: datetime) -> dict:
    """{"forward_to": council or None, "phone_now": None or "open" / "closed"} for a decision
    as stored (Decision.as_json())."""
    return {
        "forward_to": decision.get("forward_to"),
        "phone_now": phone_now(journey_id, decision.get("priority"), now),
    }


def promised_by(due_at: datetime) -> datetime:
    """The time we tell a resident we will have looked at their form: the due time itself, or
    the close of the next working day when it falls while the team is not at work."""
    return routing_rules().clock.within_hours(due_at)
