"""Placeholder: being built."""

from __future__ import annotations


def progress() -> None:
    """Not built yet."""
    raise NotImplementedError
