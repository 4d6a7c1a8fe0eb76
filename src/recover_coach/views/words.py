"""Small wording shared by the views: counts said the way a person says them."""

from __future__ import annotations


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def minutes(seconds: int) -> str:
    whole = seconds // 60
    if whole == 0:
        return "under a minute"
    return "1 minute" if whole == 1 else f"{whole} minutes"
