"""Derive every no-contact figure from recorded events; nothing is stored as a counter.

Pure and standard-library only: the status-bar path imports this without pydantic.
Days are local calendar dates. A slip on day D makes D day 0 again; the start day is day 0.
Events dated after `today` (a clock set backwards) are kept but not counted until their day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

MILESTONES = (1, 3, 7, 14, 21, 30, 60, 90, 180, 365)


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
    socials_checked: int

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


def figures(
    started_on: date | None,
    slip_dates: Iterable[date],
    goal_days: int,
    today: date,
    *,
    breakup_on: date | None = None,
    socials_checked: int = 0,
) -> StreakFigures:
    since_breakup = (today - breakup_on).days if breakup_on and breakup_on <= today else None
    if started_on is None or today < started_on:
        return StreakFigures(
            started_on, 0, 0, 0, goal_days, 0, None, MILESTONES[0], None, since_breakup, socials_checked
        )
    slips = sorted({day for day in slip_dates if started_on <= day <= today})
    boundaries = sorted({started_on, *slips})
    current = (today - boundaries[-1]).days
    # Within each stretch the streak peaks the day before the next slip.
    peaks = [(later - earlier).days - 1 for earlier, later in zip(boundaries, boundaries[1:])]
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
        socials_checked=socials_checked,
    )
