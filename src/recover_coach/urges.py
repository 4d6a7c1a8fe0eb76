"""The urge to contact an ex: what the SOS records, and the person's own reasons to wait.

Pure: values in, values out. An urge is logged in its month's log with its strength before
and after the pause; a draft written during it is kept there and never sent anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from recover_coach.models import MonthLog, Reflection, Urge

# What a message to an ex is often really after (stored by id).
NEEDS = ("reassurance", "closure", "apology", "reaction", "other")
PAUSE_MINUTES_DEFAULT = 10
PAUSE_MINUTES_MAX = 30
# Answers shown during an urge: "<answer key>" or "<plan answer key>:<field>" (content/steps).
REASON_SOURCES = (
    "1c.instead:reminder",
    "1c.instead:do_instead",
    "1c.instead:person",
    "2a.who",
    "2a.kindness",
)
REASONS_SHOWN = 3
BREATH = ((4, "Breathe in"), (2, "Hold"), (6, "Breathe out"))  # seconds, one calm cycle


@dataclass
class UrgeAnswers:
    """What the SOS asked so far; only `before` is needed to log an urge."""

    before: int
    after: int | None = None
    need: str | None = None
    draft: str | None = None
    paused_seconds: int = 0


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


def own_reasons(
    reflections: Iterable[Reflection], limit: int = REASONS_SHOWN
) -> list[tuple[str, str]]:
    """The person's own words for a hard moment, as (source, text), most useful first.

    Only answers written for it: the plan for when the urge hits (Step 1), then who they
    want to be and what they would tell a friend (Step 2). Never their reasons to reach out.
    """
    latest = {r.key: r.entries[-1].value for r in reflections if r.entries}
    found: list[tuple[str, str]] = []
    for source in REASON_SOURCES:
        key, _, field_id = source.partition(":")
        value = latest.get(key)
        text = value.get(field_id) if isinstance(value, dict) else value
        if isinstance(text, str) and text.strip():
            found.append((source, text.strip()))
    return found[:limit]


def breath_phase(elapsed: int) -> str:
    """The phase of the calm breathing cycle `elapsed` seconds into the pause."""
    moment = elapsed % sum(length for length, _ in BREATH)
    for length, phase in BREATH:
        if moment < length:
            return phase
        moment -= length
    return BREATH[-1][1]
