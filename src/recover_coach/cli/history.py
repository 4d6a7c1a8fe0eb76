"""Placeholder: being built."""

from __future__ import annotations


def history() -> None:
    """Not built yet."""
    raise NotImplementedError
