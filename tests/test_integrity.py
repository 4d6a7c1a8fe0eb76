"""A save that touches several files is all or nothing, whenever the process dies.

Each multi-file save runs as the real command in a child process that kills itself
(SIGKILL) at its Nth write flush or rename, for every N the save has. After each kill the
files are read as every command reads them: the change is there in full or not at all, and
the status bar's summary agrees with the files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from helpers_storage import temp_files
from recover_coach import checkins, clock, paths, storage, summary

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")

# Counts every file flush and rename (os.fsync, os.replace) and kills the process at the
# one numbered in argv[1] (0: never); prints how many there were when it ends normally.
KILLED_AT_STEP = r"""
import atexit, os, signal, sys

kill_at, steps = int(sys.argv[1]), 0
real_replace, real_fsync = os.replace, os.fsync

def step():
    global steps
    steps += 1
    if steps == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

def replace(*args, **kwargs):
    step()
    return real_replace(*args, **kwargs)

def fsync(*args, **kwargs):
    step()
    return real_fsync(*args, **kwargs)

os.replace, os.fsync = replace, fsync
atexit.register(lambda: sys.stderr.write(f"\nSTEPS={steps}\n"))
sys.argv = ["recover", *sys.argv[2:]]
from recover_coach.cli.entry import main
main()
"""


def run_killed(home: Path, kill_at: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLED_AT_STEP, str(kill_at), *args],
        env={**os.environ, "RECOVER_HOME": str(home)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def slip_state(day: date) -> tuple[str | None, bool]:
    """That day's check-in contact and whether the profile records a slip, as commands read."""
    check_in = checkins.find(storage.read_month(f"{day:%Y-%m}"), day)
    slipped = any(slip.on == day for slip in storage.read_profile().no_contact.slips)
    return (check_in.contact if check_in else None, slipped)


def every_kill_leaves_old_or_new(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: date, *args: str
) -> dict[str, int]:
    monkeypatch.setenv("RECOVER_HOME", str(base))
    old = slip_state(day)
    dry = tmp_path / "dry"
    shutil.copytree(base, dry)
    done = run_killed(dry, 0, *args)
    assert done.returncode == 0, done.stderr
    steps = int(done.stderr.rsplit("STEPS=", 1)[1])
    monkeypatch.setenv("RECOVER_HOME", str(dry))
    new = slip_state(day)
    assert new != old and steps >= 6
    seen = {"old": 0, "new": 0}
    for kill_at in range(1, steps + 1):
        home = tmp_path / f"killed-at-{kill_at}"
        shutil.copytree(base, home)
        killed = run_killed(home, kill_at, *args)
        assert killed.returncode == -9, killed.stderr
        monkeypatch.setenv("RECOVER_HOME", str(home))
        state = slip_state(day)  # finishes a save whose commit record was written
        assert state in (old, new), f"killed at step {kill_at} of {steps}: {state}"
        seen["new" if state == new else "old"] += 1
        now = clock.now()
        for events in (summary.read_events(now), storage.load_streak_events(now)):
            if events is not None:
                assert (day in events.slip_dates) == state[1], f"summary at step {kill_at}"
        with storage.transaction(clock.today()):
            pass  # the next save sweeps what the kill left
        assert not temp_files(home) and not paths.commit_record_path().exists()
    assert seen["old"] and seen["new"]  # kills landed before and after the change happened
    return seen


def checked_in(home: Path, day: date, *args: str) -> None:
    done = run_killed(home, 0, "checkin", "--no-input", "--date", day.isoformat(), *args)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], Path]:
    """A profile whose no-contact period began 30 days ago (on the real clock: the child
    processes run on it, and every date here is relative to it)."""

    def make() -> Path:
        home = tmp_path / "base"
        monkeypatch.setenv("RECOVER_HOME", str(home))
        with storage.transaction(clock.today()) as tx:
            tx.profile.no_contact.started_on = clock.today() - timedelta(days=30)
            tx.profile.settings.region = "GB"
        return home

    return make


@POSIX_ONLY
def test_a_check_in_that_is_a_slip_is_saved_whole_or_not_at_all(
    base: Callable[[], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, day = base(), clock.today() - timedelta(days=2)
    args = ("checkin", "--no-input", "--date", day.isoformat(), "--mood", "3", "--contact")
    every_kill_leaves_old_or_new(home, tmp_path, monkeypatch, day, *args, "slip")


@POSIX_ONLY
def test_a_check_in_changed_from_slip_to_none_is_saved_whole_or_not_at_all(
    base: Callable[[], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, day = base(), clock.today() - timedelta(days=2)
    checked_in(home, day, "--mood", "3", "--contact", "slip")
    args = ("checkin", "--no-input", "--date", day.isoformat(), "--contact", "none")
    every_kill_leaves_old_or_new(home, tmp_path, monkeypatch, day, *args)


@POSIX_ONLY
def test_undoing_a_slip_a_check_in_also_records_is_whole_or_not_at_all(
    base: Callable[[], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, day = base(), clock.today() - timedelta(days=2)
    checked_in(home, day, "--mood", "3", "--contact", "slip")
    args = ("slip", "--undo", "--yes", "--date", day.isoformat(), "--contact", "ignored")
    every_kill_leaves_old_or_new(home, tmp_path, monkeypatch, day, *args)
