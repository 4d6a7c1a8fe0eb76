"""Placeholder: being built."""

from __future__ import annotations


def slip() -> None:
    """Not built yet."""
    raise NotImplementedError
