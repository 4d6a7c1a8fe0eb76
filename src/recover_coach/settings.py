"""The settings `recover config set` can change, each parsed and checked from its text form.

Pure and standard-library only: a value in, a checked value (or one clear error) out.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import time

from recover_coach import clock
from recover_coach.errors import UsageError
from recover_coach.streak import GOAL_MAX_DAYS, GOAL_MIN_DAYS

KEYS = ("region", "goal_days", "day_starts_at")

SettingValue = str | int | time


def parse(key: str, text: str, regions: Collection[str] | None) -> SettingValue:
    """The checked value for `key`; `regions` are the known codes (None: content unavailable)."""
    if key == "region":
        return _region(text, regions)
    if key == "goal_days":
        return _goal_days(text)
    if key == "day_starts_at":
        try:
            return clock.parse_day_start(text.strip())
        except ValueError as problem:
            raise UsageError(f"day_starts_at: {problem}.") from None
    raise UsageError(f"Unknown setting {key!r}.", f"Settings are: {', '.join(KEYS)}.")


def _region(text: str, regions: Collection[str] | None) -> str:
    from recover_coach.safety import REGION_ALIASES

    code = text.strip().upper()
    if code in ("", "INTERNATIONAL", "WORLDWIDE"):
        return ""
    code = REGION_ALIASES.get(code, code)
    if regions is None:
        if re.fullmatch(r"[A-Z]{2}", code):
            return code
        raise UsageError(
            'region takes a two-letter country code such as GB or US, or "" for worldwide.'
        )
    if code in regions:
        return code
    known = ", ".join(sorted(regions))
    raise UsageError(
        f'region takes one of {known}, or "" for worldwide resources.',
        "Other countries get the worldwide directory (findahelpline.com) for now.",
    )


def _goal_days(text: str) -> int:
    stripped = text.strip()
    if not stripped.isdigit() or not GOAL_MIN_DAYS <= int(stripped) <= GOAL_MAX_DAYS:
        raise UsageError(
            f"goal_days takes a whole number from {GOAL_MIN_DAYS} to {GOAL_MAX_DAYS}: "
            f"never under {GOAL_MIN_DAYS}, so the space has time to work."
        )
    return int(stripped)


def shown(value: SettingValue) -> str:
    """A setting as a person reads it back."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if value == "":
        return '"" (worldwide resources)'
    return str(value)
