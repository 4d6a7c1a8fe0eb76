"""The settings `recover config set` can change, each read from its text form.

Pure and standard-library only: a value in, a checked value (or one clear error) out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import time

from recover_coach import parse
from recover_coach.errors import UsageError

KEYS = ("region", "goal_days", "day_starts_at")

SettingValue = str | int | time


def parse_setting(key: str, text: str, regions: Collection[str] | None) -> SettingValue:
    """The checked value for `key`; `regions` are the known codes (None: content unavailable)."""
    if key == "region":
        return _region(text, regions)
    readers: dict[str, Callable[[str], SettingValue]] = {
        "goal_days": parse.goal_days,
        "day_starts_at": parse.day_start,
    }
    if key not in readers:
        raise UsageError("Unknown setting.", f"Settings are: {', '.join(KEYS)}.")
    try:
        return readers[key](text)
    except parse.Invalid as problem:
        example = f"For example: recover config set {key} {problem.example}."
        raise UsageError(f"{key} takes {problem}.", example) from None


def _region(text: str, regions: Collection[str] | None) -> str:
    code = parse.region_code(text)
    if code in ("", "INTERNATIONAL", "WORLDWIDE"):
        return ""
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


def shown(value: SettingValue) -> str:
    """A setting as a person reads it back."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if value == "":
        return '"" (worldwide resources)'
    return str(value)
