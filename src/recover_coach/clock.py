"""Local time and dates: the one place recover asks the system what day it is, and reads
the dates people type.

Days are calendar dates in the person's local time zone. A late night belongs to the
previous day until `day_starts_at` (default 00:00), so a 1 a.m. check-in can count for
the evening before.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from recover_coach.errors import UsageError


def now() -> datetime:
    """The current local wall-clock time, with its UTC offset."""
    return datetime.now().astimezone()


def logical_date(moment: datetime, day_starts_at: time = time(0, 0)) -> date:
    """The calendar day a moment belongs to when the day starts at `day_starts_at`."""
    shift = timedelta(hours=day_starts_at.hour, minutes=day_starts_at.minute)
    return (moment.replace(tzinfo=None) - shift).date()


def today(day_starts_at: time = time(0, 0)) -> date:
    return logical_date(now(), day_starts_at)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str | None, today: date, flag: str = "--date") -> date:
    """A YYYY-MM-DD date no later than today; today when not given."""
    if text is None:
        return today
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{flag} takes a date written YYYY-MM-DD.", f"For example: {flag} {today.isoformat()}"
        ) from None
    if day > today:
        raise UsageError(
            f"{flag} cannot be in the future.",
            f"Use today ({today.isoformat()}) or an earlier day.",
        )
    return day


def parse_day_start(text: str) -> time:
    """Parse 'HH:MM' (00:00 to 11:59); later starts would make afternoons belong to yesterday."""
    try:
        parsed = time.fromisoformat(text)
    except ValueError:
        raise ValueError("use HH:MM, for example 04:00") from None
    if parsed.hour >= 12 or parsed.second or parsed.microsecond:
        raise ValueError("use a time from 00:00 to 11:59, for example 04:00")
    return parsed


ROUGH_DATE_EXAMPLES = "a date like 2025-03-15, 'yesterday', '3 weeks ago' or 'last month'"
_HEDGES = ("about ", "around ", "roughly ", "maybe ", "almost ", "nearly ", "over ", "just over ")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3,
    "a couple of": 2, "couple of": 2, "a couple": 2,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_AGO = re.compile(r"^(\d{1,4}|[a-z ]+?)\s*(day|week|month|year)s?(?:\s+ago)?$")


def parse_rough_date(text: str, today: date) -> date | None:
    """A rough or exact date: 2025-03-15, 'yesterday', '3 weeks ago', 'last month'; '' skips."""
    text = " ".join(text.strip().lower().split())
    for hedge in _HEDGES:
        text = text.removeprefix(hedge)
    if not text:
        return None
    if text == "today":
        return today
    if text == "yesterday":
        return today - timedelta(days=1)
    if text.startswith("last ") and text[5:] in _UNIT_DAYS:
        return today - timedelta(days=_UNIT_DAYS[text[5:]])
    match = _AGO.match(text)
    if match:
        amount = match.group(1).strip()
        count = int(amount) if amount.isdigit() else _NUMBER_WORDS.get(amount)
        if count is not None:
            return today - timedelta(days=_UNIT_DAYS[match.group(2)] * count)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(ROUGH_DATE_EXAMPLES) from None
    if day > today:
        raise ValueError("a date that is not in the future")
    return day
