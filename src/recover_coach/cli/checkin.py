"""Placeholder: being built."""

from __future__ import annotations


def checkin() -> None:
    """Not built yet."""
    raise NotImplementedError
