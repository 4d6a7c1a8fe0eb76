"""The status bar's answer: `recover streak --json` and `--format TEMPLATE`, before Typer.

Status bars and prompts run these two forms on every refresh, so they should cost little
more than Python's own start-up (about 10 ms). Importing Typer costs five times that, and
`typing`, `dataclasses` and `pathlib`, which the domain modules use, about as much as the
start-up each. So this module answers the two forms with `json`, `datetime` and `os` alone,
and repeats, on purpose, three small pieces of recover:

- where the profile lives (`paths.data_dir`), in the ordinary cases only;
- when the summary is usable (`summary.read_events`): the same checks, in the same order;
- the figures and their two renderings (`streak.figures`, `StreakFigures.as_json`,
  `streak.format_line`, `ui.emit_json`).

It answers only when everything is ordinary: exactly `streak --json`, `streak --format T` or
`streak --format=T`, a usable summary, a template that fills in. Anything else (another
argument, no summary, an unknown field, an unexpected error) returns False before printing,
and the full command answers instead, its errors included. tests/test_status_bar.py keeps
the output byte-for-byte equal to the full command's; change the pieces above together.
"""

# pathlib alone costs about as much as everything this module imports: os and os.path instead.
# ruff: noqa: PTH111, PTH116, PTH118, PTH123, PTH208

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from string import Formatter

try:  # the built-in sha256: hashlib loads OpenSSL first, a tenth of this path's budget
    from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.11
    except ImportError:  # a Python built without its own hashes
        from hashlib import sha256

TYPE_CHECKING = False  # importing `typing` alone costs half of Python's own start-up
if TYPE_CHECKING:
    from typing import Any

SUMMARY_VERSION = 3  # summary.SUMMARY_VERSION
MILESTONES = (1, 3, 7, 14, 21, 30, 60, 90, 180, 365)  # streak.MILESTONES
HEATMAP_WEEKS = 12  # streak.HEATMAP_WEEKS
MONTH_LOG_DIGITS = frozenset("0123456789")


def answer(argv: list[str], now: datetime) -> bool:
    """Print what `recover *argv` prints and return True; or print nothing and return False."""
    template = _template(argv)
    if argv != ["streak", "--json"] and template is None:
        return False
    # Not on Windows, where Click expands wildcards in arguments; not for shell completion.
    if os.name != "posix" or os.environ.get("_RECOVER_COMPLETE"):
        return False
    folder = data_dir()
    if folder is None:
        return False
    try:
        fields = _figures(folder, now)
        if fields is None:
            return False
        if template is None:
            text: str | None = json.dumps(fields, indent=2, ensure_ascii=False, default=str)
        else:
            text = _fill(template, fields)
        if text is None:
            return False
        sys.stdout.write(text + "\n")
    except Exception:  # whatever it is, the full command meets it too and reports it properly
        return False
    return True


def _template(argv: list[str]) -> str | None:
    """T of `streak --format T` or `streak --format=T`; None for any other arguments."""
    if len(argv) == 3 and argv[:2] == ["streak", "--format"]:
        return argv[2]
    if len(argv) == 2 and argv[0] == "streak" and argv[1].startswith("--format="):
        return argv[1].removeprefix("--format=")
    return None


def data_dir() -> str | None:
    """The folder `paths.data_dir()` names, where every platformdirs 4 agrees; else None."""
    override = os.environ.get("RECOVER_HOME")
    if override:
        return os.path.expanduser(override)
    home, xdg = os.environ.get("HOME", ""), os.environ.get("XDG_DATA_HOME", "")
    if not home.startswith("/") or hasattr(sys, "getandroidapilevel"):  # unusual: ask platformdirs
        return None
    if sys.platform == "linux":
        if xdg.startswith("/"):
            return os.path.join(xdg, "recover")
        return os.path.join(home, ".local", "share", "recover") if not xdg else None
    if sys.platform == "darwin" and not xdg:
        return os.path.join(home, "Library", "Application Support", "recover")
    return None


def _figures(folder: str, now: datetime) -> dict[str, Any] | None:
    """`StreakFigures.as_json()` from a usable summary in `folder`; None when it is not usable."""
    derived = _checked_summary(folder)
    if derived is None:
        return None
    try:  # summary.parse and read_events, which refuse the summary on these errors
        started_on = _day(derived["started_on"])
        slip_dates = [date.fromisoformat(day) for day in derived["slips"]]
        goal_days = int(derived["goal_days"])
        day_starts_at = time.fromisoformat(derived["day_starts_at"])
        breakup_on = _day(derived["breakup_on"])
        socials_checked = int(derived["socials_checked"])
        for day, _ in derived["checkins"].items():  # the calendar's: unused, still checked
            date.fromisoformat(day)
        shift = timedelta(hours=day_starts_at.hour, minutes=day_starts_at.minute)
        today = (now.replace(tzinfo=None) - shift).date()  # clock.logical_date
        if not set(_months_around(today)) <= set(derived["recent_months"]):
            return None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None

    current = longest = total = 0
    slips: list[date] = []
    next_milestone: int | None = MILESTONES[0]
    milestone_today: int | None = None
    if started_on is not None and today >= started_on:
        slips = sorted({day for day in slip_dates if started_on <= day <= today})
        boundaries = sorted({started_on, *slips})
        current = (today - boundaries[-1]).days
        longest = max([current, *((b - a).days - 1 for a, b in pairwise(boundaries))])
        total = (today - started_on).days - sum(1 for day in slips if day > started_on)
        next_milestone = next((m for m in MILESTONES if m > current), None)
        milestone_today = current if current in MILESTONES else None
    return {
        "started_on": started_on.isoformat() if started_on else None,
        "current_days": current,
        "longest_days": longest,
        "total_days": total,
        "goal_days": goal_days,
        "slips": len(slips),
        "last_slip_on": slips[-1].isoformat() if slips else None,
        "next_milestone": next_milestone,
        "milestone_today": milestone_today,
        "days_since_breakup": (today - breakup_on).days
        if breakup_on and breakup_on <= today
        else None,
        "socials_checked": socials_checked,
        "goal_reached": started_on is not None and current >= goal_days,
    }


def _checked_summary(folder: str) -> dict[str, Any] | None:
    """The summary when it checks out and matches its sources, as `summary.read_checked`."""
    try:
        with open(os.path.join(folder, "summary.json"), encoding="utf-8") as file:
            derived = json.loads(file.read())
    except (OSError, ValueError):
        return None
    if not isinstance(derived, dict) or derived.get("version") != SUMMARY_VERSION:
        return None
    claimed = derived.pop("checksum", None)
    if claimed != sha256(json.dumps(derived, sort_keys=True).encode("utf-8")).hexdigest():
        return None
    recorded = derived.get("fingerprints")
    if not isinstance(recorded, list):
        return None
    for entry in recorded:
        if not isinstance(entry, list) or len(entry) != 4 or not isinstance(entry[0], str):
            return None
        if _stat(entry[0]) != entry[1:]:
            return None
    watched = {entry[0] for entry in recorded}
    logs = os.path.join(folder, "log")
    return None if any(log not in watched for log in _month_logs(logs)) else derived


def _stat(path: str) -> list[int | None]:
    try:
        info = os.stat(path)
    except OSError:
        return [None, None, None]
    return [info.st_ino, info.st_mtime_ns, info.st_size]


def _month_logs(folder: str) -> list[str]:
    """Every `YYYY-MM.toml` in the log folder, as `paths.month_logs` globs them."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [
        os.path.join(folder, name)
        for name in names
        if len(name) == 12
        and name.endswith(".toml")
        and name[4] == "-"
        and MONTH_LOG_DIGITS.issuperset(name[:4] + name[5:7])
    ]


def _months_around(today: date) -> list[str]:
    """`summary.months_around`: the months the calendar of recent weeks shows."""
    first = today - timedelta(weeks=HEATMAP_WEEKS)
    months: list[str] = []
    day = first.replace(day=1)
    while day <= today:
        months.append(f"{day:%Y-%m}")
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _fill(template: str, fields: dict[str, Any]) -> str | None:
    """`streak.format_line`, or None wherever it would refuse the template."""
    values = {key: _plain(value) for key, value in fields.items()}
    names = [name for _, name, _, _ in Formatter().parse(template) if name is not None]
    if any(name not in values for name in names):
        return None
    return template.format_map(values)


def _plain(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
