"""How the workspace words times, clocks, priorities, people and a submission's history.

All in English and London time (staff pages are English only); "5pm on Tuesday 3 March 2026",
"2 days 4 hours left", "Assigned to Jo Bloggs" by "Sam Smith".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.data.work import SubmissionEvent
from portal.i18n import clock_time
from portal.routing.clock import LONDON
from portal.work_items.outcomes import outcomes
from portal.work_items.statuses import status_name

PRIORITY_NAMES = {"urgent": "Urgent", "high": "High", "standard": "Standard"}
# The clocks forms/routing.yaml names (its `standard_clock` and `clocks`), in staff's words; a
# clock added there later is shown by its id until it is named here.
CLOCK_NAMES = {
    "screening": "Screening",
    "first-response": "First response",
    "allocation": "Allocation to a worker",
    "s42-decision": "Decision on a section 42 enquiry",
}
# The doors a form comes through (Submission.channel).
CHANNELS = {
    "self-service": "online",
    "phone": "by phone, through a call handler",
    "provider": "by a care provider",
    "api": "through the API",
}
FORMER_STAFF = "a member of staff whose account has gone"


def when(moment: datetime | None) -> str:
    """'3:15pm on Tuesday 3 March 2026', London time."""
    if moment is None:
        return ""
    local = moment.astimezone(LONDON)
    return f"{clock_time(local.time(), 'en')} on {local:%A %-d %B %Y}"


def day(moment: datetime) -> str:
    return f"{moment.astimezone(LONDON):%-d %B %Y}"


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours and days < 7:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes and not days:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts) or "less than a minute"


def clock_due(clock: dict) -> datetime:
    """A routing decision's clock's due time (kept as ISO text in the decision's JSON)."""
    due = clock["due_at"]
    return datetime.fromisoformat(due) if isinstance(due, str) else due


def time_left(due: datetime, now: datetime) -> tuple[str, bool]:
    """('2 days 4 hours left', False) or ('Overdue by 3 hours', True)."""
    if due >= now:
        return f"{_span(due - now)} left", False
    return f"Overdue by {_span(now - due)}", True


def priority_name(priority: str | None, rank: int | None = None) -> str:
    name = PRIORITY_NAMES.get(priority or "", priority or "")
    return f"{name} (priority {rank})" if rank else name


def clock_name(clock_id: str) -> str:
    return CLOCK_NAMES.get(clock_id) or clock_id.replace("-", " ").capitalize()


def channel_name(channel: str) -> str:
    return CHANNELS.get(channel, channel)


def person(actor: str | None, names: dict[str, str]) -> str:
    if actor is None:
        return "nobody"
    if actor.isdigit():
        return names.get(actor, FORMER_STAFF)
    return channel_name(actor)


def event_words(event: SubmissionEvent, names: dict, queues: dict) -> dict:
    """{title, by (or None), detail (or None)} for an event in the timeline."""
    kind, before, after = event.kind, event.from_value, event.to_value
    by = person(event.actor, names) if event.actor.isdigit() else None
    detail = event.detail
    if kind == "submitted":
        title = f"Sent {channel_name(event.actor) if not by else ''}".strip()
        detail = f"Routed to {queues.get(after, after)}" if after else None
    elif kind == "assigned" and after:
        title = f"Assigned to {person(after, names)}"
    elif kind == "assigned":
        title = "Released"
        detail = f"It was with {person(before, names)}" if before else None
    elif kind == "status":
        title = f"Status changed from {status_name(before)} to {status_name(after)}"
    elif kind == "rerouted":
        title = f"Transferred from {queues.get(before, before)} to {queues.get(after, after)}"
    elif kind == "priority":
        title = f"Priority changed from {priority_name(before)} to {priority_name(after)}"
    elif kind == "note":
        title = "Note"
    elif kind == "outcome":
        title = f"Outcome recorded: {outcomes().name(after)}"
        if before:
            detail = f"It was: {outcomes().name(before)}"
    elif kind == "closed":
        title = "Closed"
    elif kind == "reopened":
        title = "Reopened"
    else:
        title = kind.replace("-", " ").capitalize()
    return {"title": title, "by": by, "detail": detail}


def timeline(events: list[SubmissionEvent], queues: dict, names: dict[str, str]) -> list[dict]:
    """The history, newest first (as items.history gives it), in words, for the MOJ timeline;
    ``names`` holds the display names of the accounts among its actors and values."""
    return [
        {**event_words(event, names, queues), "at": event.at, "when": when(event.at)}
        for event in events
    ]
