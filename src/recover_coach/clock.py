"""Local time and dates: the one place recover asks the system what day it is.

Days are calendar dates in the person's local time zone. A late night belongs to the
previous day until `day_starts_at` (default 00:00), so a 1 a.m. check-in can count for
the evening before.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta


def now() -> datetime:
    """The current local wall-clock time, with its UTC offset."""
    return datetime.now().astimezone()


def logical_date(moment: datetime, day_starts_at: time = time(0, 0)) -> date:
    """The calendar day a moment belongs to when the day starts at `day_starts_at`."""
    shift = timedelta(hours=day_starts_at.hour, minutes=day_starts_at.minute)
    return (moment.replace(tzinfo=None) - shift).date()


def today(day_starts_at: time = time(0, 0)) -> date:
    return logical_date(now(), day_starts_at)
