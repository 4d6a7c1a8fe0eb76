"""Consoles, prompts and the one answer to "is this interactive?".

Data goes to stdout (views of what is saved, JSON); everything else (questions, what was
just saved, messages, errors) to stderr, the same way in every command. Rich is
imported only when something is rendered, so scripted paths stay fast. Tests monkeypatch
`is_interactive` and feed prompts through stdin.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache, wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from recover_coach.errors import NeedsTerminal, Stopped

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

NO_INPUT_VARIABLE = "RECOVER_NO_INPUT"

P = ParamSpec("P")
R = TypeVar("R")


def printable(text: str) -> str:
    """Text safe to show at a terminal: control characters (escape sequences that could
    clear the screen, retitle the window or write the clipboard) are shown as `\\x1b`;
    new lines and tabs stay. `--json` output keeps the exact text instead."""
    return "".join(
        char if char in "\n\t" or unicodedata.category(char) != "Cc" else f"\\x{ord(char):02x}"
        for char in text
    )


def is_interactive(no_input: bool = False) -> bool:
    """True when a person can answer questions: stdin and stderr are terminals, and neither
    --no-input nor RECOVER_NO_INPUT (for every command at once) says not to ask."""
    if no_input or os.environ.get(NO_INPUT_VARIABLE, "") not in ("", "0"):
        return False
    return sys.stdin.isatty() and sys.stderr.isatty()


def waiting_to_save() -> Callable[[], None] | None:
    """For a save of answers a person typed: what to tell them while another command holds
    the lock (the save then waits as long as it takes); None in scripts, which fail fast."""
    if not is_interactive():
        return None
    return lambda: say(
        "Another recover command is saving right now (in another window?). "
        "Waiting for it to finish, so that your answers are saved too."
    )


def require_terminal(command: str, instead: str, *, no_input: bool = False) -> None:
    """Fail at once, before any question, when nobody can answer."""
    if not is_interactive(no_input):
        raise NeedsTerminal(f"`recover {command}` asks questions, so it needs a terminal.", instead)


@cache
def out() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@cache
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def show(renderable: RenderableType) -> None:
    """Print a rendered view of data to stdout."""
    out().print(renderable)


def say(text: str, style: str = "") -> None:
    """A message to the person, on stderr, so stdout stays clean for data.

    At a terminal Rich wraps and styles it; to a pipe or a log (cron, scripts) it is plain
    text, and Rich is never imported for it.
    """
    if not sys.stderr.isatty():
        sys.stderr.write(printable(text) + "\n")
        return
    err().print(printable(text), style=style or None, markup=False)


def _stoppable(ask: Callable[P, R]) -> Callable[P, R]:
    """Ctrl-C or Ctrl-D anywhere in a question, its printing included, stops as Stopped."""

    @wraps(ask)
    def asking(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return ask(*args, **kwargs)
        except (KeyboardInterrupt, EOFError):
            err().print()
            raise Stopped() from None

    return asking


def _ask(prompt: str) -> str:
    err().print(printable(prompt), end="", markup=False, highlight=False)
    return input()


@_stoppable
def ask_text(prompt: str, *, hint: str | None = None, allow_empty: bool = True) -> str:
    err().print(printable(prompt), markup=False)
    if hint:  # after the question it explains, so it reads as help, not as a new question
        err().print(printable(hint), style="dim", markup=False)
    while True:
        answer = _ask("> ").strip()
        if answer or allow_empty:
            return answer
        say("Please write a few words (or press Ctrl-C to stop here).")


@_stoppable
def ask_int(prompt: str, low: int, high: int) -> int:
    from recover_coach import parse  # only when asked: every command imports this module

    while True:
        try:
            return parse.whole_number(_ask(f"{prompt} ({low}-{high}): "), low, high)
        except parse.Invalid as problem:
            say(f"Please type {problem}.")


@_stoppable
def ask_yes_no(prompt: str, default: bool | None = None) -> bool:
    suffix = {None: "[y/n]", True: "[Y/n]", False: "[y/N]"}[default]
    while True:
        answer = _ask(f"{prompt} {suffix} ").strip().lower()
        if not answer and default is not None:
            return default
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        say("Please answer y or n.")


@_stoppable
def ask_choice(
    prompt: str, labels: Sequence[str], *, multiple: bool = False, allow_none: bool = False
) -> list[int]:
    """Numbered options; returns the chosen indexes (several, comma-separated, if `multiple`)."""
    err().print(printable(prompt), markup=False)
    for number, label in enumerate(labels, start=1):
        err().print(f"  {number}. {printable(label)}", markup=False)
    hint = "numbers separated by commas" if multiple else "a number"
    if allow_none:
        hint += ", or Enter to skip"
    while True:
        answer = _ask(f"Choose ({hint}): ").strip()
        if not answer and allow_none:
            return []
        picked = _parse_numbers(answer, len(labels))
        if picked and (multiple or len(picked) == 1):
            return picked
        say(f"Please type {hint}, from 1 to {len(labels)}.")


def _parse_numbers(answer: str, count: int) -> list[int]:
    picked: list[int] = []
    for part in answer.replace(" ", ",").split(","):
        if not part:
            continue
        if not part.isascii() or not part.isdigit() or not 1 <= int(part) <= count:
            return []
        if int(part) - 1 not in picked:
            picked.append(int(part) - 1)
    return picked


def pause(seconds: int, on_tick: Callable[[int], None] | None = None) -> int:
    """Wait up to `seconds`; Ctrl-C skips the rest. Returns the seconds actually waited."""
    import time

    started = time.monotonic()
    try:
        for remaining in range(seconds, 0, -1):
            if on_tick:
                on_tick(remaining)
            time.sleep(1)
    except KeyboardInterrupt:
        err().print()
    return int(time.monotonic() - started)


@_stoppable
def ask_more() -> str:
    """One more line of a list answer (after `ask_text`); an empty line ends the list."""
    return _ask("> ").strip()


def enter_pressed() -> bool:
    """True when the person pressed Enter since the last look (that line is read); never waits."""
    if sys.platform == "win32":
        import msvcrt

        pressed = False
        while msvcrt.kbhit():
            pressed = msvcrt.getwch() in "\r\n" or pressed
        return pressed
    import select

    try:
        ready, _, _ = select.select([sys.stdin], [], [], 0)
    except (OSError, ValueError, TypeError):  # not a real terminal (a test runner, a pipe)
        return False
    if ready:
        sys.stdin.readline()
    return bool(ready)


class Pacer:
    """A calm breathing line on stderr: updated in place on a terminal, else one line a phase."""

    def __init__(self, seconds: int, phase_at: Callable[[int], str]) -> None:
        self.seconds = seconds
        self.phase_at = phase_at  # the phase's name, given the seconds elapsed
        self.in_place = err().is_terminal
        self.last_phase = ""

    def tick(self, remaining: int) -> None:
        phase = self.phase_at(self.seconds - remaining)
        if self.in_place:
            minutes, secs = divmod(remaining, 60)
            sys.stderr.write(f"\r  {phase:<12} {minutes:2d}:{secs:02d} left ")
            sys.stderr.flush()
        elif phase != self.last_phase:
            say(f"  {phase}")
        self.last_phase = phase

    def finish(self) -> None:
        if self.in_place and self.last_phase:
            sys.stderr.write("\r" + " " * 32 + "\r")  # clear the line, wherever a skip left it
            sys.stderr.flush()
