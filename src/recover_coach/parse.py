"""Everything a person types, read in one place: flags, `config set` and prompts share it.

Each function takes the text as typed and returns the value, or raises `Invalid` saying what
it accepts ("a whole number from 1 to 10"). Messages speak of values, never of flags: the
CLI adds the flag or setting's name (cli/flags.py), a prompt asks again. Nothing the person
typed is ever quoted back. Standard library only, so prompts and the status bar stay light.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from recover_coach.streak import GOAL_MAX_DAYS, GOAL_MIN_DAYS

if TYPE_CHECKING:
    from recover_coach.models import ContactKind, SelfCareItem, Track

# Dates people give (a check-in, a slip, the start of no contact, the breakup) fall in here:
# earlier years are typing mistakes, and date arithmetic near year 1 fails.
EARLIEST_DAY = date(1900, 1, 1)
REGION_ALIASES = {"UK": "GB"}  # people type UK; ISO 3166 says GB
TRACKS: dict[str, Track] = {"move-on": "move_on", "reconnect": "reconnect"}
ROUGH_DATE_EXAMPLES = "a date like 2025-03-15, 'yesterday', '3 weeks ago' or 'last month'"

_WHOLE = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() also accepts "²", which int() refuses
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_CLOCK_TIME = re.compile(r"([0-9]{2}):([0-9]{2})")
_HEDGES = ("about ", "around ", "roughly ", "maybe ", "almost ", "nearly ", "over ", "just over ")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3,
    "a couple of": 2, "couple of": 2, "a couple": 2,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_AGO = re.compile(r"^([0-9]{1,4}|[a-z ]+?)\s*(day|week|month|year)s?(?:\s+ago)?$")


class Invalid(ValueError):
    """Typed text recover cannot accept: `str()` says what it takes, `example` shows one."""

    def __init__(self, takes: str, example: str = "") -> None:
        super().__init__(takes)
        self.example = example


def whole_number(text: str, low: int, high: int) -> int:
    value = text.strip()
    if not _WHOLE.fullmatch(value) or not low <= int(value) <= high:
        raise Invalid(f"a whole number from {low} to {high}")
    return int(value)


def goal_days(text: str) -> int:
    """The no-contact goal in days: never under three weeks, so the space has time to work."""
    try:
        return whole_number(text, GOAL_MIN_DAYS, GOAL_MAX_DAYS)
    except Invalid:
        raise Invalid(
            f"a whole number of days from {GOAL_MIN_DAYS} to {GOAL_MAX_DAYS} "
            f"(never under {GOAL_MIN_DAYS}, so the space has time to work)",
            "30",
        ) from None


def day(text: str, today: date) -> date:
    """A YYYY-MM-DD date from 1900 to today."""
    value = text.strip()
    try:
        if not _ISO_DAY.fullmatch(value):
            raise ValueError
        parsed = date.fromisoformat(value)
    except ValueError:
        raise Invalid("a date written YYYY-MM-DD", today.isoformat()) from None
    if not EARLIEST_DAY <= parsed <= today:
        raise Invalid(
            f"a date from {EARLIEST_DAY.year} to today ({today.isoformat()})", today.isoformat()
        )
    return parsed


def month(text: str) -> str:
    """A month written YYYY-MM, from 1900 on."""
    found = _MONTH.fullmatch(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < EARLIEST_DAY.year:
        raise Invalid("a month written YYYY-MM", "2026-01")
    return found.group(0)


def day_start(text: str) -> time:
    """When a new day begins, HH:MM from 00:00 to 11:59 (later would make afternoons yesterday)."""
    found = _CLOCK_TIME.fullmatch(text.strip())
    if not found or int(found.group(1)) >= 12 or int(found.group(2)) >= 60:
        raise Invalid("a time from 00:00 to 11:59, written HH:MM", "04:00")
    return time(int(found.group(1)), int(found.group(2)))


def rough_date(text: str, today: date) -> date | None:
    """A rough or exact date: 2025-03-15, 'yesterday', '3 weeks ago', 'last month'; '' skips."""
    value = " ".join(text.strip().lower().split())
    for hedge in _HEDGES:
        value = value.removeprefix(hedge)
    if not value:
        return None
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    if value.startswith("last ") and value[5:] in _UNIT_DAYS:
        return today - timedelta(days=_UNIT_DAYS[value[5:]])
    found = _AGO.match(value)
    if found:
        amount = found.group(1).strip()
        count = int(amount) if _WHOLE.fullmatch(amount) else _NUMBER_WORDS.get(amount)
        if count is not None:
            days_ago = _UNIT_DAYS[found.group(2)] * count
            if days_ago <= (today - EARLIEST_DAY).days:
                return today - timedelta(days=days_ago)
    if _ISO_DAY.fullmatch(value):
        return day(value, today)
    raise Invalid(ROUGH_DATE_EXAMPLES)


def region_code(text: str) -> str:
    """A region as typed ("gb", " uk ") in the form support.toml keys it ("GB")."""
    code = text.strip().upper()
    return REGION_ALIASES.get(code, code)


def track(text: str) -> Track:
    name = text.strip().lower().replace("_", "-")
    if name not in TRACKS:
        raise Invalid("move-on or reconnect", "move-on")
    return TRACKS[name]


def contact(text: str) -> ContactKind:
    from recover_coach.models import CONTACT_KINDS

    name = text.strip().lower()
    if name not in CONTACT_KINDS:
        raise Invalid(f"one of: {', '.join(CONTACT_KINDS)}", "none")
    return name


def selfcare(text: str) -> list[SelfCareItem]:
    """A comma-separated list of self-care items, each once, in the order given."""
    from recover_coach.models import SELFCARE_ITEMS

    picked: list[SelfCareItem] = []
    for part in text.split(","):
        name = part.strip().lower()
        if not name:
            continue
        if name not in SELFCARE_ITEMS:
            raise Invalid(f"a comma-separated list of: {', '.join(SELFCARE_ITEMS)}", "sleep,people")
        if name not in picked:
            picked.append(name)
    return picked
