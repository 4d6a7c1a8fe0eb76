"""`recover urge`: the SOS pauses, keeps the draft unsent, and logs the urge before and after."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import CRISIS_TEXT, TODAY, files, recover
from recover_coach import storage, ui
from recover_coach.models import Answer, Reflection

pytestmark = pytest.mark.usefixtures("march_clock")


@pytest.fixture
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record each pause instead of waiting; every tick is still drawn once."""
    asked: list[int] = []

    def pause(seconds: int, on_tick: Callable[[int], None] | None = None) -> int:
        asked.append(seconds)
        if on_tick:
            for remaining in range(seconds, 0, -1):
                on_tick(remaining)
        return seconds

    monkeypatch.setattr(ui, "pause", pause)
    return asked


def test_log_only_logs_the_urge_for_scripts(runner: CliRunner) -> None:
    done = recover(runner, "urge", "--log", "7")
    assert done.code == 0, done.err
    [urge] = storage.read_month("2026-03").urges
    assert (urge.on, urge.before, urge.after, urge.draft) == (TODAY, 7, None, None)
    assert "Logged an urge of 7" in done.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--log", "11"], "--log takes a whole number from 0 to 10"),
        (["--log", "strong"], "--log takes a whole number from 0 to 10"),
        (["--log", "5", "--pause", "45"], "--pause takes a whole number from 0 to 30"),
    ],
)
def test_bad_flags_are_one_line_and_nothing_is_written(
    runner: CliRunner, recover_home: Path, args: list[str], message: str
) -> None:
    before = files(recover_home)
    done = recover(runner, "urge", *args)
    assert done.code == 2
    assert done.err.startswith("recover: ") and message in done.err
    assert files(recover_home) == before


def test_without_a_terminal_it_names_the_log_flag(runner: CliRunner, recover_home: Path) -> None:
    done = recover(runner, "urge")
    assert done.code == 4
    assert "needs a terminal" in done.err and "--log N" in done.err
    assert files(recover_home) == {}


@pytest.mark.usefixtures("started", "interactive")
def test_the_sos_keeps_the_draft_unsent_and_logs_before_and_after(
    runner: CliRunner, pauses: list[int]
) -> None:
    # strength before, the draft, what it is after (1: reassurance), strength after
    done = recover(runner, "urge", "--pause", "0", input="9\nI miss you so much.\n1\n4\n")
    assert done.code == 0, done.err
    assert pauses == []  # --pause 0 skips the pause
    assert "No contact: 19 days" in done.err
    assert "Nothing was sent." in done.err
    assert "from 9 to 4" in done.err
    assert "Who could you talk to today?" in done.err
    [urge] = storage.read_month("2026-03").urges
    assert (urge.before, urge.after, urge.need) == (9, 4, "reassurance")
    assert urge.draft == "I miss you so much."
    assert "I miss you so much." not in done.err  # the draft is not printed back


@pytest.mark.usefixtures("started", "interactive")
def test_the_pause_lasts_ten_minutes_by_default_with_a_breathing_line(
    runner: CliRunner, pauses: list[int]
) -> None:
    done = recover(runner, "urge", input="6\n\n\n6\n")
    assert done.code == 0, done.err
    assert pauses == [600]
    assert "Breathe in" in done.err and "Hold" in done.err and "Breathe out" in done.err
    [urge] = storage.read_month("2026-03").urges
    assert (urge.paused_seconds, urge.draft, urge.need) == (600, None, None)
    assert "still at 6" in done.err


@pytest.mark.usefixtures("started", "interactive")
def test_the_persons_own_reasons_are_shown(runner: CliRunner) -> None:
    with storage.transaction(TODAY) as tx:
        tx.profile.reflections.append(
            Reflection(
                key="2a.who",
                step=2,
                prompt="Picture the person you'd like to be.",
                entries=[Answer(at=datetime(2026, 3, 1, 20, 0), value="So I can think clearly.")],
            )
        )
    done = recover(runner, "urge", "--pause", "0", input="5\n\n\n5\n")
    assert "Who you want to be: So I can think clearly." in done.err


@pytest.mark.usefixtures("started", "interactive")
def test_crisis_words_in_the_draft_save_it_and_stop(runner: CliRunner) -> None:
    done = recover(runner, "urge", "--pause", "0", input=f"10\n{CRISIS_TEXT}\n")
    assert done.code == 0, done.err
    assert "116 123" in done.err
    assert "really after" not in done.err
    [urge] = storage.read_month("2026-03").urges
    assert (urge.before, urge.draft) == (10, CRISIS_TEXT)


@pytest.mark.usefixtures("started", "interactive")
def test_stopping_after_the_first_answer_keeps_the_urge(runner: CliRunner) -> None:
    done = recover(runner, "urge", "--pause", "0", input="8\nDraft.\n")
    assert done.code == 130
    [urge] = storage.read_month("2026-03").urges
    assert (urge.before, urge.draft, urge.after) == (8, "Draft.", None)


@pytest.mark.usefixtures("started", "interactive")
def test_enter_skips_the_pause_and_the_sos_carries_on(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui, "enter_pressed", lambda: True)
    done = recover(runner, "urge", "--pause", "30", input="7\n\n\n5\n")
    assert done.code == 0, done.err
    [urge] = storage.read_month("2026-03").urges
    assert (urge.paused_seconds, urge.after) == (0, 5)
