"""When a work item is due, in the words staff read in a queue: "Overdue by 3 hours", "Due today
at 5pm", "Due tomorrow at 4:30pm", "Due in 3 days". Days and times are London's, whatever the
server's zone; ``now`` is always given, so a test fixes it and the words never depend on the day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.i18n import clock_time
from portal.routing.clock import LONDON, london_midnight


def _plural(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def _overdue_by(late: timedelta) -> str:
    """The time past the due time, in its largest whole unit: minutes under an hour, hours
    under two days, days after that (a weekend late reads "2 days", not "49 hours")."""
    minutes = int(late.total_seconds() // 60)
    if minutes < 60:
        return _plural(max(minutes, 1), "minute")
    hours = minutes // 60
    if hours < 48:
        return _plural(hours, "hour")
    return _plural(hours // 24, "day")


def due_words(due_at: datetime | None, now: datetime) -> str:
    """The due time of a work item relative to ``now`` (both aware datetimes)."""
    if due_at is None:
        return "No due time"
    if due_at < now:
        return f"Overdue by {_overdue_by(now - due_at)}"
    due, today = due_at.astimezone(LONDON), now.astimezone(LONDON).date()
    days = (due.date() - today).days
    if days == 0:
        return f"Due today at {clock_time(due.time(), 'en')}"
    if days == 1:
        return f"Due tomorrow at {clock_time(due.time(), 'en')}"
    return f"Due in {days} days"


def is_overdue(due_at: datetime | None, now: datetime) -> bool:
    return due_at is not None and due_at < now


def end_of_day(now: datetime) -> datetime:
    """The first moment of London's next day after ``now``: "due today" is before it."""
    return london_midnight(now.astimezone(LONDON).date() + timedelta(days=1))


def end_of_week(now: datetime) -> datetime:
    """The first moment of the next Monday in London: "due this week" is before it."""
    today = now.astimezone(LONDON).date()
    return london_midnight(today + timedelta(days=7 - today.weekday()))
