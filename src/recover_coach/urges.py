"""The urge to contact an ex: what the SOS records, and the person's own reasons to wait.

Pure: values in, values out. An urge is logged in its month's log with its strength before
and after the pause; a draft written during it is kept there and never sent anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from recover_coach.checkins import DAILY_KEY_PREFIX
from recover_coach.errors import UsageError
from recover_coach.models import MonthLog, Reflection, Urge

# What a message to an ex is often really after (stored by id).
NEEDS: dict[str, str] = {
    "reassurance": "reassurance",
    "closure": "closure",
    "apology": "an apology",
    "reaction": "a reaction",
    "other": "something else",
}
PAUSE_MINUTES_DEFAULT = 10
PAUSE_MINUTES_MAX = 30
REASON_STEPS = (1, 2)  # why to keep the space (Step 1) and who they want to be (Step 2)
REASONS_SHOWN = 3


@dataclass
class UrgeAnswers:
    """What the SOS asked so far; only `before` is needed to log an urge."""

    before: int
    after: int | None = None
    need: str | None = None
    draft: str | None = None
    paused_seconds: int = 0


def parse_pause(text: str | None) -> int:
    """The pause in seconds, from --pause MINUTES (0 to 30; 10 when not given)."""
    if text is None:
        return PAUSE_MINUTES_DEFAULT * 60
    minutes = text.strip()
    if not minutes.isascii() or not minutes.isdigit() or int(minutes) > PAUSE_MINUTES_MAX:
        raise UsageError(f"--pause takes a number of minutes from 0 to {PAUSE_MINUTES_MAX}.")
    return int(minutes) * 60


def log_urge(log: MonthLog, answers: UrgeAnswers, *, on: date, at: datetime) -> Urge:
    urge = Urge(
        at=at,
        on=on,
        before=answers.before,
        after=answers.after,
        need=answers.need,
        draft=answers.draft or None,
        paused_seconds=answers.paused_seconds,
    )
    log.urges.append(urge)
    return urge


def own_reasons(reflections: Iterable[Reflection], limit: int = REASONS_SHOWN) -> list[str]:
    """The person's latest written answers from Steps 1-2, the reasons in their own words.

    Daily questions are left out: the program's reflections are the considered ones.
    """
    found: list[tuple[int, datetime, str]] = []
    for reflection in reflections:
        if (
            reflection.step not in REASON_STEPS
            or reflection.key.startswith(DAILY_KEY_PREFIX)
            or not reflection.entries
        ):
            continue
        latest = reflection.entries[-1]
        if isinstance(latest.value, str) and latest.value.strip():
            found.append((reflection.step, latest.at, latest.value.strip()))
    found.sort(key=lambda item: (item[0], -item[1].timestamp()))
    return [text for _, _, text in found[:limit]]
