"""Placeholder: being built."""

from __future__ import annotations


def support() -> None:
    """Not built yet."""
    raise NotImplementedError
