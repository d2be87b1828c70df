"""When a work item is due, in the words a queue shows (portal/work_items/due.py), in London time
whatever the server's zone, from a fixed ``now``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.work_items.due import due_words, end_of_day, end_of_week, is_overdue

# Wednesday 4 March 2026, 10am in London (GMT, so UTC too).
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (NOW + timedelta(hours=7), "Due today at 5pm"),
        (NOW, "Due today at 10am"),
        (datetime(2026, 3, 5, 16, 30, tzinfo=UTC), "Due tomorrow at 4:30pm"),
        (datetime(2026, 3, 7, 17, 0, tzinfo=UTC), "Due in 3 days"),
        (datetime(2026, 3, 6, 9, 0, tzinfo=UTC), "Due in 2 days"),
        (NOW - timedelta(hours=3), "Overdue by 3 hours"),
        (NOW - timedelta(hours=1), "Overdue by 1 hour"),
        (NOW - timedelta(minutes=25), "Overdue by 25 minutes"),
        (NOW - timedelta(seconds=20), "Overdue by 1 minute"),
        (NOW - timedelta(hours=47, minutes=59), "Overdue by 47 hours"),
        (NOW - timedelta(hours=48), "Overdue by 2 days"),
        (NOW - timedelta(days=1, hours=1), "Overdue by 25 hours"),
        (NOW - timedelta(days=9), "Overdue by 9 days"),
        (None, "No due time"),
    ],
)
def test_due_times_read_as_plain_words(due, words):
    assert due_words(due, NOW) == words


def test_days_and_times_are_londons_in_summer_time():
    # 11:30pm on 10 June in London is 10:30pm UTC; a due time 60 minutes later is 12:30am
    # on 11 June in London (the same day in UTC): tomorrow, at London's clock time.
    now = datetime(2026, 6, 10, 22, 30, tzinfo=UTC)
    assert due_words(now + timedelta(hours=1), now) == "Due tomorrow at 12:30am"
    assert due_words(datetime(2026, 6, 11, 16, 0, tzinfo=UTC), now) == "Due tomorrow at 5pm"


def test_overdue_is_strictly_after_the_due_time():
    assert not is_overdue(NOW, NOW)
    assert is_overdue(NOW - timedelta(seconds=1), NOW)
    assert not is_overdue(None, NOW)


def test_today_ends_at_londons_midnight_across_the_change_to_summer_time():
    assert end_of_day(NOW) == datetime(2026, 3, 5, 0, 0, tzinfo=UTC)
    # Sunday 29 March 2026: the clocks go forward, so that day ends at 11pm UTC.
    assert end_of_day(datetime(2026, 3, 29, 12, 0, tzinfo=UTC)) == datetime(
        2026, 3, 29, 23, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "now",
    [
        NOW,  # Wednesday
        datetime(2026, 3, 2, 0, 0, tzinfo=UTC),  # Monday's first moment
        datetime(2026, 3, 8, 23, 59, tzinfo=UTC),  # Sunday's last minute
    ],
)
def test_this_week_ends_at_the_next_monday_in_london(now):
    assert end_of_week(now) == datetime(2026, 3, 9, 0, 0, tzinfo=UTC)
