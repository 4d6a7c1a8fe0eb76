"""Placeholder: being built."""

from __future__ import annotations


def urge() -> None:
    """Not built yet."""
    raise NotImplementedError
