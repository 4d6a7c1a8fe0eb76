"""Errors the person can act on. The CLI prints each as one line and exits with its code.

Messages never contain anything the person wrote: only paths, flags and our own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class RecoverError(Exception):
    """A problem the person can act on: what happened, and how to fix it."""

    exit_code = 1

    def __init__(self, what: str, fix: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.what} {self.fix}".strip()


class UsageError(RecoverError):
    """A flag or argument has a value recover cannot accept."""

    exit_code = 2


class ProfileUnreadable(RecoverError):
    """A data file failed to parse or validate; it is left exactly as it is."""

    exit_code = 3

    def __init__(self, path: Path, backup: Path | None, reason: str) -> None:
        """`backup` is the last good copy, None when there is none yet."""
        if backup is not None:
            fix = (
                f"It was not changed. The last good copy is {backup}; to restore it, "
                f"move it over the damaged file (keep a copy of the damaged one first)."
            )
        else:
            fix = "It was not changed, and there is no backup yet; fix or move the file to go on."
        super().__init__(f"Cannot read {path} ({reason}).", fix)


class ProfileTooNew(RecoverError):
    """A data file was written by a newer recover; this version must not touch it."""

    exit_code = 3

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer recover "
            f"(data version {found}; this one reads up to {supported}).",
            "It was not changed. Upgrade recover to use it.",
        )


class NeedsTerminal(RecoverError):
    """An interactive command was run without a terminal to ask questions in."""

    exit_code = 4


class Busy(RecoverError):
    """Another recover process holds the profile lock for too long."""

    exit_code = 5


class Stopped(RecoverError):
    """The person pressed Ctrl-C or Ctrl-D at a prompt."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("Stopped.", "Everything you answered before this question is saved.")
