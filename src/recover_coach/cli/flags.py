"""Flag values: where a value recover cannot accept becomes an error naming its flag."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from recover_coach.errors import UsageError
from recover_coach.parse import Invalid

T = TypeVar("T")

# Every command that can ask questions takes it; RECOVER_NO_INPUT=1 does the same for all.
NoInput = Annotated[
    bool,
    typer.Option(
        "--no-input", help="Ask nothing; use only the flags (RECOVER_NO_INPUT=1 does it for all)."
    ),
]


def optional(flag: str, parse: Callable[[str], T], text: str | None) -> T | None:
    """The value of a flag that may be left out; None when it was."""
    return None if text is None else given(flag, parse, text)


def given(flag: str, parse: Callable[[str], T], text: str) -> T:
    """The value of a flag, or one line saying what the flag takes (never what was typed)."""
    try:
        return parse(text)
    except Invalid as problem:
        example = f"For example: {flag} {problem.example}" if problem.example else ""
        raise UsageError(f"{flag} takes {problem}.", example) from None


def note(text: str | None) -> str:
    """A --note's text, stripped; `-` reads it from standard input (UTF-8)."""
    if text != "-":
        return (text or "").strip()
    try:
        return sys.stdin.buffer.read().decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise UsageError(
            "--note - reads UTF-8 text from standard input, and this was not.",
            "Save the note as UTF-8 (most editors can), then try again.",
        ) from None
