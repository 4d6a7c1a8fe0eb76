"""A small summary of the streak inputs, derived at every validated save.

`recover streak --json` and `--format` run every few seconds in status bars, and importing
pydantic alone costs more than their budget. So every save also writes `summary.json`, and
that path reads it with the standard library only. Each summary records the size and
modification time of the files it came from; when any differs (a hand edit, a save by an
older version) the summary is stale and the caller falls back to the full, validated load.
Nothing here is a counter: the summary holds events (start, slips, recent check-ins), and the
streak is derived from them each time, so a summary written yesterday gives today's figures.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recover_coach import clock, paths
from recover_coach.streak import HEATMAP_WEEKS, History

if TYPE_CHECKING:
    from recover_coach.models import MonthLog, Profile

SUMMARY_VERSION = 1


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


def build(profile: Profile, checkins: Mapping[str, str]) -> dict[str, Any]:
    """Everything the streak views need, as plain JSON-ready values.

    `checkins` maps each recent check-in's day (ISO) to its contact kind.
    """
    no_contact = profile.no_contact
    return {
        "version": SUMMARY_VERSION,
        "started_on": _iso(no_contact.started_on),
        "goal_days": profile.settings.goal_days,
        "day_starts_at": profile.settings.day_starts_at.strftime("%H:%M"),
        "breakup_on": _iso(profile.onboarding.breakup_on),
        "slips": sorted({slip.on.isoformat() for slip in no_contact.slips}),
        "socials_checked": len(set(no_contact.socials_checked_on)),
        "checkins": dict(sorted(checkins.items())),
    }


def checkin_kinds(log: MonthLog) -> dict[str, str]:
    return {checkin.on.isoformat(): checkin.contact for checkin in log.checkins}


def carried_checkins(
    previous: dict[str, Any] | None, month: str, log: Path
) -> dict[str, str] | None:
    """A month's check-in kinds from a fresh earlier summary that watched its log, else None.

    A save then re-reads only the months it changed, so a check-in costs the same after
    five years as on the first day.
    """
    if previous is None or not isinstance(previous.get("checkins"), dict):
        return None
    if str(log) not in {entry[0] for entry in previous["fingerprints"]}:
        return None
    prefix = f"{month}-"
    return {day: kind for day, kind in previous["checkins"].items() if day.startswith(prefix)}


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
    try:
        today = clock.today(time.fromisoformat(derived["day_starts_at"]))
    except (KeyError, TypeError, ValueError):
        return None
    # A month log the summary never saw (copied in by hand, saved by an older version) that
    # the calendar of recent weeks would show, such as this month's first check-in.
    watched = {entry[0] for entry in recorded}
    for month in _months_around(today):
        log = paths.month_log_path(month)
        if str(log) not in watched and log.exists():
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
    kinds: dict[str, str] = {}
    for month in recent:
        kinds.update(checkin_kinds(storage.read_month(month)))
    events = parse(build(profile, kinds))
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
