"""Derive every no-contact figure from recorded events; nothing is stored as a counter.

Pure and standard-library only: the status-bar path imports this without pydantic.

Days are calendar dates, counted by calendar arithmetic (`toordinal` differences), never by
24-hour blocks, so DST changes, time zones and travel cannot gain or lose a day. The start
day is day 0, and a slip on day D makes D day 0 again. Events dated after `today` (a clock
set backwards, a flight west after midnight) are kept but not counted until their day comes.

A calendar date a time zone skipped (Pacific/Apia jumped from 2011-12-29 to 2011-12-31) still
counts: the count is the same calendar arithmetic everywhere. Dates are stored without a zone,
and a traveller crossing the date line skips or repeats dates in just the same way, so any
other rule would make the same history give different streaks.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, time, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import Any

from recover_coach.errors import UsageError

MILESTONES = (1, 3, 7, 14, 21, 30, 60, 90, 180, 365)
GOAL_MIN_DAYS = 21
GOAL_MAX_DAYS = 365
HEATMAP_WEEKS = 12


@dataclass(frozen=True)
class StreakFigures:
    started_on: date | None
    current_days: int
    longest_days: int
    total_days: int
    goal_days: int
    slips: int
    last_slip_on: date | None
    next_milestone: int | None
    milestone_today: int | None
    days_since_breakup: int | None
    # Days they looked at the ex's social media; None where only the core profile was read
    # (the count comes from the month logs, through the summary).
    socials_checked: int | None

    @property
    def goal_reached(self) -> bool:
        return self.started_on is not None and self.current_days >= self.goal_days

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, date):
                data[key] = value.isoformat()
        data["goal_reached"] = self.goal_reached
        return data


@dataclass(frozen=True)
class StreakEvents:
    """The recorded events every streak figure is derived from (summary.py or the profile)."""

    started_on: date | None
    slip_dates: tuple[date, ...]
    goal_days: int
    day_starts_at: time
    breakup_on: date | None = None
    # None where only the core profile was read: the count comes from the month logs.
    socials_checked: int | None = None
    # The contact kind of each recent check-in, by day: enough for the calendar of recent weeks.
    checkins: Mapping[date, str] = field(default_factory=dict)


class Mark(StrEnum):
    """What the calendar shows for one day."""

    NO_CHECKIN = "no_checkin"
    CHECKED_IN = "checked_in"
    SLIP = "slip"
    NOT_YET = "not_yet"


def figures(events: StreakEvents, today: date) -> StreakFigures:
    """Every figure `recover streak` shows. Several slips on one day count as one slip day."""
    started_on, goal_days, breakup_on = events.started_on, events.goal_days, events.breakup_on
    since_breakup = (today - breakup_on).days if breakup_on and breakup_on <= today else None
    if started_on is None or today < started_on:
        return StreakFigures(
            started_on=started_on,
            current_days=0,
            longest_days=0,
            total_days=0,
            goal_days=goal_days,
            slips=0,
            last_slip_on=None,
            next_milestone=MILESTONES[0],
            milestone_today=None,
            days_since_breakup=since_breakup,
            socials_checked=events.socials_checked,
        )
    slips = sorted({day for day in events.slip_dates if started_on <= day <= today})
    boundaries = sorted({started_on, *slips})
    current = (today - boundaries[-1]).days
    # Within each stretch the streak peaks the day before the next slip.
    peaks = [(later - earlier).days - 1 for earlier, later in pairwise(boundaries)]
    longest = max([current, *peaks])
    total = (today - started_on).days - sum(1 for day in slips if day > started_on)
    return StreakFigures(
        started_on=started_on,
        current_days=current,
        longest_days=longest,
        total_days=total,
        goal_days=goal_days,
        slips=len(slips),
        last_slip_on=slips[-1] if slips else None,
        next_milestone=next((m for m in MILESTONES if m > current), None),
        milestone_today=current if current in MILESTONES else None,
        days_since_breakup=since_breakup,
        socials_checked=events.socials_checked,
    )


def calendar(
    events: StreakEvents, today: date, weeks: int = HEATMAP_WEEKS
) -> list[list[tuple[date, Mark]]]:
    """The last `weeks` calendar weeks (Monday first, oldest first), each day with its mark.

    A slip shows even on a day with a check-in; days after today are NOT_YET.
    """
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    slips = set(events.slip_dates)
    grid: list[list[tuple[date, Mark]]] = []
    for week in range(weeks):
        days = [first + timedelta(weeks=week, days=offset) for offset in range(7)]
        grid.append([(day, _mark(day, today, slips, events.checkins)) for day in days])
    return grid


def _mark(day: date, today: date, slips: set[date], checkins: Mapping[date, str]) -> Mark:
    if day > today:
        return Mark.NOT_YET
    if day in slips:
        return Mark.SLIP
    return Mark.CHECKED_IN if day in checkins else Mark.NO_CHECKIN


def format_line(template: str, figures: StreakFigures) -> str:
    """Fill a `--format` template such as '{current_days}d' for a status bar or prompt.

    Any JSON field name works; a missing date is empty, yes/no is true/false.
    """
    values = {key: _plain(value) for key, value in figures.as_json().items()}
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        raise UsageError(
            f"--format has a stray brace ({error}).", "Write {{ or }} for a brace."
        ) from None
    for name in names:
        if name not in values:
            shown = "{" + name + "}" if name else "{}"
            raise UsageError(
                f"--format has an unknown field {shown}.",
                "Valid fields: " + ", ".join(sorted(values)) + ".",
            )
    try:
        return template.format_map(values)
    except (ValueError, TypeError) as error:
        raise UsageError(
            f"--format cannot be filled in ({error}).", "Check the format spec."
        ) from None


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
