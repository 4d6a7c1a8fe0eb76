"""Placeholder: being built."""

from __future__ import annotations


def journal() -> None:
    """Not built yet."""
    raise NotImplementedError
