"""A save that touches several files is all or nothing, whenever the process dies.

Each multi-file save runs as the real command in a forked child process that kills itself
(SIGKILL) at its Nth write flush or rename, for every N the save has. After each kill the
files are read as every command reads them: the change is there in full or not at all, and
the status bar's summary agrees with the files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from helpers_storage import temp_files
from recover_coach import checkins, clock, paths, storage, summary

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")

# Imports recover once, then forks one child per line read on stdin (JSON: the step to kill
# at, 0 for never; RECOVER_HOME; the arguments), so each run costs a fork, not a Python
# start. The child counts every file flush and rename (os.fsync, os.replace), kills itself
# with SIGKILL at the numbered one, and otherwise reports how many there were.
KILLER_FACTORY = r"""
import json, os, signal, sys, tempfile
from recover_coach.cli import app, checkin, entry, slip  # imported once, before any fork
from recover_coach import storage

os.environ["RECOVER_HOME"] = tempfile.mkdtemp()  # nothing there: builds the validators only
storage.read_profile(), storage.read_month("2026-01")

real_replace, real_fsync = os.replace, os.fsync
for line in sys.stdin:
    kill_at, home, args = json.loads(line)
    pid = os.fork()
    if pid == 0:
        steps = 0

        def step():
            global steps
            steps += 1
            if steps == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

        def replace(*a, **k):
            step()
            return real_replace(*a, **k)

        def fsync(*a, **k):
            step()
            return real_fsync(*a, **k)

        os.replace, os.fsync = replace, fsync
        os.environ["RECOVER_HOME"] = home
        sys.argv = ["recover", *args]
        code = 0
        try:
            entry.main()
        except SystemExit as exited:
            code = exited.code if isinstance(exited.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
        os.write(1, f"STEPS={steps}\n".encode())
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    os.write(1, f"EXIT={os.waitstatus_to_exitcode(status)}\n".encode())
"""


class Killer:
    """The factory above, driven one run at a time."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", KILLER_FACTORY],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def run(self, home: Path, kill_at: int, *args: str) -> tuple[int, int | None]:
        """The run's exit code (-9: killed) and, when it was not killed, its step count."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps([kill_at, str(home), list(args)]) + "\n")
        self.process.stdin.flush()
        steps = None
        while not (line := self.process.stdout.readline()).startswith("EXIT="):
            assert line, "the factory stopped"
            if line.startswith("STEPS="):
                steps = int(line.removeprefix("STEPS="))
        return int(line.removeprefix("EXIT=")), steps

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def killer() -> Iterator[Killer]:
    started = Killer()
    yield started
    started.close()


def slip_state(day: date) -> tuple[str | None, bool]:
    """That day's check-in contact and whether the profile records a slip, as commands read."""
    check_in = checkins.find(storage.read_month(f"{day:%Y-%m}"), day)
    slipped = any(slip.on == day for slip in storage.read_profile().no_contact.slips)
    return (check_in.contact if check_in else None, slipped)


def every_kill_leaves_old_or_new(
    killer: Killer,
    base: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    day: date,
    *args: str,
) -> dict[str, int]:
    monkeypatch.setenv("RECOVER_HOME", str(base))
    old = slip_state(day)
    dry = tmp_path / "dry"
    shutil.copytree(base, dry)
    code, steps = killer.run(dry, 0, *args)
    assert code == 0 and steps is not None
    monkeypatch.setenv("RECOVER_HOME", str(dry))
    new = slip_state(day)
    assert new != old and steps >= 6
    seen = {"old": 0, "new": 0}
    for kill_at in range(1, steps + 1):
        home = tmp_path / f"killed-at-{kill_at}"
        shutil.copytree(base, home)
        code, _ = killer.run(home, kill_at, *args)
        assert code == -9, f"step {kill_at} of {steps} did not happen"
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


def checked_in(killer: Killer, home: Path, day: date, *args: str) -> None:
    code, _ = killer.run(home, 0, "checkin", "--no-input", "--date", day.isoformat(), *args)
    assert code == 0


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
    killer: Killer, base: Callable[[], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, day = base(), clock.today() - timedelta(days=2)
    args = ("checkin", "--no-input", "--date", day.isoformat(), "--mood", "3", "--contact")
    every_kill_leaves_old_or_new(killer, home, tmp_path, monkeypatch, day, *args, "slip")


@POSIX_ONLY
def test_a_check_in_changed_from_slip_to_none_is_saved_whole_or_not_at_all(
    killer: Killer, base: Callable[[], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, day = base(), clock.today() - timedelta(days=2)
    checked_in(killer, home, day, "--mood", "3", "--contact", "slip")
    args = ("checkin", "--no-input", "--date", day.isoformat(), "--contact", "none")
    every_kill_leaves_old_or_new(killer, home, tmp_path, monkeypatch, day, *args)


@POSIX_ONLY
def test_undoing_a_slip_a_check_in_also_records_is_whole_or_not_at_all(
    killer: Killer, base: Callable[[], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, day = base(), clock.today() - timedelta(days=2)
    checked_in(killer, home, day, "--mood", "3", "--contact", "slip")
    args = ("slip", "--undo", "--yes", "--date", day.isoformat(), "--contact", "ignored")
    every_kill_leaves_old_or_new(killer, home, tmp_path, monkeypatch, day, *args)
