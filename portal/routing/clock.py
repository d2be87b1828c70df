"""The working-day clock: due times that skip weekends and England and Wales bank holidays.

Bank holidays come from the `holidays` package (England subdivision, including substitute days
when a holiday falls at a weekend); days the council adds, like a one-off closure, can be
listed in forms/routing.yaml under `closures`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


class WorkingDayClock:
    def __init__(self, day_ends: time, closures: Iterable[date] = ()) -> None:
        self.day_ends = day_ends
        self.closures = frozenset(closures)
        self._holidays = holidays.country_holidays("GB", subdiv="ENG")

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays and day not in self.closures

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, received: datetime, days: int) -> datetime:
        """The end of the ``days``-th working day after ``received`` (local time, aware).

        Something received on a Friday afternoon with 1 working day is due at the end of
        Monday, or of Tuesday when Monday is a bank holiday.
        """
        local = received.astimezone(LONDON)
        day = local.date()
        for _ in range(days):
            day = self.next_working_day(day)
        return datetime.combine(day, self.day_ends, tzinfo=LONDON)

    def add_hours(self, received: datetime, hours: int) -> datetime:
        return (received + timedelta(hours=hours)).astimezone(LONDON)
