"""A small summary of the streak inputs, derived at every validated save.

`recover streak --json` and `--format` run every few seconds in status bars, and importing
pydantic alone costs more than their budget. So every save also writes `summary.json`, and
that path reads it with the standard library only. Each summary records the size and
modification time of the files it came from; when any differs (a hand edit, a save by an
older version) the summary is stale and the caller falls back to the full, validated load.
Nothing here is a counter: the summary holds events (start, slips, recent check-ins) and
per-month facts derived from the month logs, and the streak is derived from them each time,
so a summary written yesterday gives today's figures.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from recover_coach import clock, paths
from recover_coach.streak import HEATMAP_WEEKS, History

if TYPE_CHECKING:
    from recover_coach.models import MonthLog, Profile

SUMMARY_VERSION = 2


def months_for_summary(day_starts_at: time) -> list[str]:
    """The months whose check-ins the heatmap of recent weeks can show, oldest first."""
    return _months_around(clock.today(day_starts_at))


def _months_around(today: date) -> list[str]:
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


def carried_facts(
    previous: dict[str, Any] | None, month: str, log: Path, *, recent: bool
) -> MonthFacts | None:
    """A month's facts from a fresh earlier summary that watched its log, else None.

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
    """The months whose logs a fresh summary was derived from."""
    folder = paths.log_dir()
    return {
        Path(entry[0]).stem for entry in previous["fingerprints"] if Path(entry[0]).parent == folder
    }


def fingerprints(files: list[Path]) -> list[list[Any]]:
    return [[str(path), *_stat(path)] for path in files]


def encode(derived: dict[str, Any]) -> str:
    return json.dumps(derived, sort_keys=True)


def read_fresh() -> dict[str, Any] | None:
    """The summary when it still matches the files it came from; None means: load fully."""
    try:
        derived = json.loads(paths.summary_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(derived, dict) or derived.get("version") != SUMMARY_VERSION:
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


def history() -> History:
    """The streak's events: from a fresh summary (standard library only), else fully loaded."""
    derived = read_fresh()
    if derived is not None:
        try:
            return parse(derived)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a summary edited by hand: the validated files are the truth
    from recover_coach import storage

    profile = storage.read_profile()
    recent = months_for_summary(profile.settings.day_starts_at)
    months = {m: month_facts(storage.read_month(m)) for m in {*storage.saved_months(), *recent}}
    events = parse(build(profile, months, recent))
    storage.refresh_summary()  # so the next status-bar call takes the fast path again
    return events


def parse(derived: dict[str, Any]) -> History:
    """Turn a summary (or a fresh `build`) back into dates and times."""
    return History(
        started_on=_day(derived["started_on"]),
        slip_dates=tuple(date.fromisoformat(day) for day in derived["slips"]),
        goal_days=int(derived["goal_days"]),
        day_starts_at=time.fromisoformat(derived["day_starts_at"]),
        breakup_on=_day(derived["breakup_on"]),
        socials_checked=int(derived["socials_checked"]),
        checkins={date.fromisoformat(day): str(kind) for day, kind in derived["checkins"].items()},
    )


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
