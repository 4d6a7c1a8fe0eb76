"""The small summary of the streak's events that the status bar reads, and how it is checked.

`recover streak --json` and `--format` run every few seconds in status bars, and importing
pydantic alone costs more than their budget. So every save also writes `summary.json`, and
that path reads it here with the standard library only. This module never writes and never
imports storage: it builds the summary's values for storage to save, and it reads a summary
back, answering with the streak's events or None ("none usable": load fully instead).

A summary is usable only when it checks out on its own terms: its checksum matches its
contents (a hand edit of a count is caught), each file it came from still has the size,
modification time and inode it recorded, no month log appeared that it never saw, and it
carries the check-ins of every month today's calendar shows (after a clock set back and
forward again, it may not). Nothing here is a counter: the streak is derived from the events
each time, so a summary written yesterday gives today's figures.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from recover_coach import clock, paths
from recover_coach.streak import HEATMAP_WEEKS, StreakEvents

if TYPE_CHECKING:
    from recover_coach.models import MonthLog, Profile

SUMMARY_VERSION = 3


class MonthFacts(NamedTuple):
    """What the streak needs from one month log: its check-ins' contact kinds, by day, and
    on how many days the person looked at the ex's social media."""

    checkins: dict[str, str]
    socials: int


def month_facts(log: MonthLog) -> MonthFacts:
    return MonthFacts(
        {checkin.on.isoformat(): checkin.contact for checkin in log.checkins},
        sum(1 for checkin in log.checkins if checkin.checked_socials),
    )


def months_around(today: date) -> list[str]:
    """The months whose check-ins the calendar of recent weeks shows on `today`, oldest first."""
    first = today - timedelta(weeks=HEATMAP_WEEKS)
    months: list[str] = []
    day = first.replace(day=1)
    while day <= today:
        months.append(f"{day:%Y-%m}")
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def build(profile: Profile, months: Mapping[str, MonthFacts], recent: list[str]) -> dict[str, Any]:
    """Everything the streak views need, as plain JSON-ready values.

    `months` holds every month log's facts; the calendar keeps the check-ins of `recent`.
    """
    no_contact = profile.no_contact
    socials = {month: facts.socials for month, facts in months.items() if facts.socials}
    return {
        "version": SUMMARY_VERSION,
        "started_on": _iso(no_contact.started_on),
        "goal_days": profile.settings.goal_days,
        "day_starts_at": profile.settings.day_starts_at.strftime("%H:%M"),
        "breakup_on": _iso(profile.onboarding.breakup_on),
        "slips": sorted({slip.on.isoformat() for slip in no_contact.slips}),
        "socials_checked": sum(socials.values()),
        "socials_by_month": dict(sorted(socials.items())),
        "recent_months": recent,
        "checkins": dict(
            sorted(
                (day, kind)
                for month in recent
                if month in months
                for day, kind in months[month].checkins.items()
            )
        ),
    }


def seal(derived: dict[str, Any], sources: list[Path]) -> str:
    """The summary as saved: its values, the fingerprints of its sources, and a checksum."""
    sealed = {**derived, "fingerprints": [[str(path), *_stat(path)] for path in sources]}
    sealed["checksum"] = _checksum(sealed)
    return json.dumps(sealed, sort_keys=True)


def read_checked() -> dict[str, Any] | None:
    """The saved summary when it checks out and still matches its sources; None otherwise."""
    try:
        derived = json.loads(paths.summary_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(derived, dict) or derived.get("version") != SUMMARY_VERSION:
        return None
    if derived.pop("checksum", None) != _checksum(derived):
        return None
    recorded = derived.get("fingerprints")
    if not isinstance(recorded, list):
        return None
    for entry in recorded:
        if not isinstance(entry, list) or len(entry) != 4 or not isinstance(entry[0], str):
            return None
        if list(_stat(Path(entry[0]))) != entry[1:]:
            return None
    # A month log the summary never saw (this month's first check-in, a file copied in by
    # hand, a save by an older version) makes it stale.
    watched = {entry[0] for entry in recorded}
    if any(str(log) not in watched for log in paths.month_logs()):
        return None
    return derived


def read_events(now: datetime) -> StreakEvents | None:
    """The streak's events from a usable summary, with the standard library only; else None."""
    derived = read_checked()
    if derived is None:
        return None
    try:
        events = parse(derived)
        today = clock.logical_date(now, events.day_starts_at)
        covered = set(months_around(today)) <= set(derived["recent_months"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return events if covered else None


def parse(derived: dict[str, Any]) -> StreakEvents:
    """Turn a summary (or a fresh `build`) back into dates and times."""
    return StreakEvents(
        started_on=_day(derived["started_on"]),
        slip_dates=tuple(date.fromisoformat(day) for day in derived["slips"]),
        goal_days=int(derived["goal_days"]),
        day_starts_at=time.fromisoformat(derived["day_starts_at"]),
        breakup_on=_day(derived["breakup_on"]),
        socials_checked=int(derived["socials_checked"]),
        checkins={date.fromisoformat(day): str(kind) for day, kind in derived["checkins"].items()},
    )


def carried_facts(
    previous: dict[str, Any] | None, month: str, log: Path, *, recent: bool
) -> MonthFacts | None:
    """A month's facts from a checked earlier summary that watched its log, else None.

    The calendar's check-ins are carried only for months the earlier summary kept them for.
    """
    if previous is None or str(log) not in {entry[0] for entry in previous["fingerprints"]}:
        return None
    try:
        if recent and month not in previous["recent_months"]:
            return None
        prefix = f"{month}-"
        kinds = {day: k for day, k in previous["checkins"].items() if day.startswith(prefix)}
        return MonthFacts(kinds, int(previous["socials_by_month"].get(month, 0)))
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def watched_months(previous: dict[str, Any]) -> set[str]:
    """The months whose logs a checked summary was derived from."""
    folder = paths.log_dir()
    return {
        Path(entry[0]).stem for entry in previous["fingerprints"] if Path(entry[0]).parent == folder
    }


def _checksum(values: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode("utf-8")).hexdigest()


def _stat(path: Path) -> tuple[int | None, int | None, int | None]:
    try:
        info = path.stat()
    except OSError:
        return (None, None, None)
    # Every save replaces the file, so a new inode catches a same-size edit within one clock tick.
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
