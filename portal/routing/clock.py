"""The working-day clock: due times that skip weekends and England and Wales bank holidays.

Opening hours have one source, Adult Social Care's hours in config/contacts.yaml (the help block
shows the same table), so a due time is always the close of a day the team works: 5pm Monday to
Thursday, 4:30pm on Friday today. Bank holidays come from the `holidays` package (England
subdivision, including substitute days when a holiday falls at a weekend); days the council
adds, like a one-off closure, can be listed in forms/routing.yaml under `closures`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


def london_midnight(day: date) -> datetime:
    """The first moment of a London day, in UTC (23 or 25 hours after the one before when the
    clocks change)."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC)


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def hours_by_weekday(slots: Iterable) -> dict[int, tuple[time, time]]:
    """{0 (Monday): (opens, closes), ...} from contacts.yaml slots (first_day, last_day, opens,
    closes); a day no slot covers is a day the team does not work."""
    days: dict[int, tuple[time, time]] = {}
    for slot in slots:
        first, last = DAYS.index(slot.first_day), DAYS.index(slot.last_day)
        for weekday in range(first, last + 1):
            days[weekday] = (slot.opens, slot.closes)
    return days


class WorkingDayClock:
    def __init__(
        self, hours: Mapping[int, tuple[time, time]], closures: Iterable[date] = ()
    ) -> None:
        if not hours:
            raise ValueError("The working-day clock needs opening hours for at least one day")
        self.hours = dict(hours)
        self.closures = frozenset(closures)
        self._holidays = holidays.country_holidays("GB", subdiv="ENG")

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() in self.hours and day not in self._holidays and day not in self.closures
        )

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def closes(self, day: date) -> datetime:
        return datetime.combine(day, self.hours[day.weekday()][1], tzinfo=LONDON)

    def is_open(self, moment: datetime) -> bool:
        """True while the team is at work: a working day, between opening and closing."""
        local = moment.astimezone(LONDON)
        if not self.is_working_day(local.date()):
            return False
        opens, closes = self.hours[local.weekday()]
        return opens <= local.time().replace(tzinfo=None) < closes

    def add_working_days(self, received: datetime, days: int) -> datetime:
        """The close of the ``days``-th working day after ``received`` (local time, aware).

        Something received on a Friday afternoon with 1 working day is due at the end of
        Monday, or of Tuesday when Monday is a bank holiday.
        """
        day = received.astimezone(LONDON).date()
        for _ in range(days):
            day = self.next_working_day(day)
        return self.closes(day)

    def same_working_day(self, received: datetime) -> datetime:
        """The close of today if it is a working day and the team has not closed yet, else the
        close of the next working day."""
        local = received.astimezone(LONDON)
        if self.is_working_day(local.date()) and local < self.closes(local.date()):
            return self.closes(local.date())
        return self.add_working_days(received, 1)

    def add_hours(self, received: datetime, hours: int) -> datetime:
        return (received + timedelta(hours=hours)).astimezone(LONDON)

    def within_hours(self, moment: datetime) -> datetime:
        """A time the team works by which ``moment`` has passed or is reached: ``moment`` itself
        while open, else the close of that day or the next working day. What we promise a
        resident is never a time nobody is at work."""
        local = moment.astimezone(LONDON)
        if self.is_working_day(local.date()):
            opens, closes = self.hours[local.weekday()]
            if opens <= local.time().replace(tzinfo=None) <= closes:  # the close itself counts
                return local
        return self.same_working_day(moment)
