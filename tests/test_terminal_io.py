"""Between recover and the terminal: Ctrl-C at any moment, any encoding, --no-input, stray words.

These run the installed entry point in child processes, as a shell does.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import sysconfig
import time
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import CRISIS_TEXT, files, recover
from recover_coach import checkins, clock, paths, storage

SCRIPT = Path(sysconfig.get_path("scripts")) / ("recover.exe" if os.name == "nt" else "recover")


def run(
    home: Path, *args: str, stdin: bytes = b"", **env: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, "RECOVER_HOME": str(home), **env},
        check=False,
        timeout=60,
    )


@pytest.fixture
def begun(recover_home: Path) -> Path:
    """A no-contact period that began ten days ago on the real clock (children run on it)."""
    with storage.transaction(clock.today()) as tx:
        tx.profile.no_contact.started_on = clock.today() - timedelta(days=10)
        tx.profile.settings.region = "GB"
    return recover_home


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to a child process")
def test_ctrl_c_at_random_moments_exits_130_quietly_and_saves_all_or_nothing(begun: Path) -> None:
    rng = random.Random(2026)
    day = clock.today() - timedelta(days=1)
    exits = {0: 0, 130: 0}
    for attempt in range(24):
        contact = "slip" if attempt % 2 else "none"
        child = subprocess.Popen(
            [
                *(str(SCRIPT), "checkin", "--no-input", "--date", day.isoformat(), "--mood", "5"),
                *("--contact", contact, "--note", f"note {attempt}"),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "RECOVER_HOME": str(begun)},
        )
        time.sleep(rng.uniform(0, 0.45))
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
        message = err.decode()
        exits[child.returncode] = exits.get(child.returncode, 0) + 1
        if child.returncode not in (0, 130):
            # Python's own start-up, before recover's `main` runs (a traceback, if any, never
            # passes through it), or its shut-down after recover finished (killed by the
            # signal itself, which a shell shows as 130): none of recover's work was under way.
            assert "in main" not in message, message
        else:
            assert child.returncode in (0, 130), message
            assert "Traceback" not in message and "went wrong" not in message
        check_in = checkins.find(storage.read_month(f"{day:%Y-%m}"), day)
        slipped = any(slip.on == day for slip in storage.read_profile().no_contact.slips)
        assert slipped == (check_in is not None and check_in.contact == "slip")
    print(f"24 interrupts, by exit code: {exits}")


def test_output_to_a_pipe_is_utf8_whatever_the_locale_says(begun: Path) -> None:
    note = "un café 💔 → demain"
    done = run(
        begun,
        *("checkin", "--no-input", "--mood", "5", "--contact", "none", "--note", "-"),
        stdin=note.encode("utf-8"),
        PYTHONIOENCODING="cp1252",
        PYTHONUTF8="0",
    )
    assert done.returncode == 0, done.stderr
    shown = run(begun, "history", PYTHONIOENCODING="cp1252", PYTHONUTF8="0")
    progress = run(begun, "progress", PYTHONIOENCODING="cp1252", PYTHONUTF8="0")

    assert shown.returncode == 0 and note in shown.stdout.decode("utf-8")
    assert progress.returncode == 0, progress.stderr
    assert storage.read_month(f"{clock.today():%Y-%m}").checkins[0].note == note


@pytest.mark.usefixtures("interactive")
@pytest.mark.parametrize(
    ("args", "code"),
    [(["slip", "--note", "Called them."], 0), (["urge"], 4), (["start"], 4)],
)
def test_no_input_asks_nothing_even_at_a_terminal(
    runner: CliRunner, begun: Path, args: list[str], code: int
) -> None:
    done = recover(runner, *args, "--no-input", input="")  # a question would meet Ctrl-D

    assert done.code == code, done.err


def test_recover_no_input_in_the_environment_is_no_input_for_every_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from recover_coach import ui

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert ui.is_interactive()
    monkeypatch.setenv("RECOVER_NO_INPUT", "1")
    assert not ui.is_interactive()
    monkeypatch.setenv("RECOVER_NO_INPUT", "0")
    assert ui.is_interactive()


def test_words_after_the_flags_are_never_repeated_but_are_checked_for_crisis(
    runner: CliRunner, begun: Path
) -> None:
    before = files(begun)
    ordinary = run(
        begun, "checkin", "--mood", "2", "--contact", "none", "--note", "I", "miss", "her"
    )
    assert files(begun) == before
    crisis = run(
        begun, "checkin", "--mood", "2", "--contact", "none", "--note", *CRISIS_TEXT.split()
    )

    for done in (ordinary, crisis):
        assert done.returncode == 2
        assert "miss her" not in done.stderr.decode() and "wake up" not in done.stderr.decode()
        assert "put it in quotes" in done.stderr.decode()
    assert "Talk to someone now" in crisis.stderr.decode()
    assert "Talk to someone now" not in ordinary.stderr.decode()
    # No check-in was saved; only the day is noted, so the next check-in asks how they are.
    assert not paths.log_dir().exists()
    assert storage.read_profile().safety.crisis_noticed_on is not None


def test_streak_json_still_answers_with_no_input_set(begun: Path) -> None:
    done = run(begun, "streak", "--json", RECOVER_NO_INPUT="1")

    started = storage.read_profile().no_contact.started_on
    assert done.returncode == 0 and started is not None
    # The child reads the real clock: a run across midnight counts one more day.
    assert json.loads(done.stdout)["current_days"] in (10, (clock.today() - started).days)
