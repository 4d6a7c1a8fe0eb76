"""Placeholder: being built."""

from __future__ import annotations


def start() -> None:
    """Not built yet."""
    raise NotImplementedError
