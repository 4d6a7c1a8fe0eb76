"""Storage under real processes: saves killed with SIGKILL, writers racing, a lock holder dying."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO

import pytest

from helpers_storage import snapshot, temp_files
from recover_coach import paths, storage
from recover_coach.errors import Busy

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="needs fork and SIGKILL")
KILLS = 100
DAY = date(2026, 11, 1)

# Forks one saver per line read on stdin, so that each run costs a fork, not a Python start.
# A saver loops: add one to a counter kept in settings.region and mirrored in the month log
# (written first), then print the value it committed.
SAVER_FACTORY = r"""
import os, sys
import filelock, tempfile  # imported once here, not in every saver
from datetime import date, datetime, timezone
from recover_coach import storage
from recover_coach.models import CheckIn

def save_forever():
    while True:
        with storage.transaction(date(2026, 11, 1)) as tx:
            count = int(tx.profile.settings.region or "0") + 1
            tx.profile.settings.region = str(count)
            tx.month("2026-11").checkins = [CheckIn(
                on=date(2026, 11, 1), recorded_at=datetime(2026, 11, 1, tzinfo=timezone.utc),
                mood=5, contact="none", note=str(count),
            )]
        os.write(1, b"%d\n" % count)

# Validators are built on first use: build them once here, not in every saver.
storage.read_profile(), storage.read_month("2026-11")
CheckIn(on=date(2026, 11, 1), recorded_at=datetime.now(timezone.utc), mood=5, contact="none")

while sys.stdin.readline():
    pid = os.fork()
    if pid == 0:
        try:
            save_forever()
        finally:
            os._exit(1)
    os.write(1, b"saver %d\n" % pid)
    os.waitpid(pid, 0)
    os.write(1, b"gone\n")
"""

WRITER = r"""
import sys, time
from datetime import date, datetime, timezone
from recover_coach import storage
from recover_coach.models import Answer, Reflection

writer, start = sys.argv[1], float(sys.argv[2])
while time.time() < start:  # all writers begin together
    time.sleep(0.001)
for n in range(25):
    with storage.transaction(date(2026, 11, 1)) as tx:
        reflections = tx.profile.reflections
        if not reflections:
            reflections.append(Reflection(key="who-saved", step=0, prompt="Who saved?"))
        reflections[0].entries.append(Answer(at=datetime.now(timezone.utc), value=f"{writer}-{n}"))
"""

HOLDER = r"""
import os, time
from datetime import date
from recover_coach import storage

with storage.transaction(date(2026, 11, 1)) as tx:
    tx.profile.settings.region = "from-the-holder"
    os.write(1, b"holding\n")
    time.sleep(60)
"""

SAVE_LOOP = r"""
from datetime import date
from recover_coach import storage

for n in range(150):
    with storage.transaction(date(2026, 11, 1)) as tx:
        tx.profile.settings.region = "x" * (n % 50)
        tx.profile.settings.goal_days = 21 + n
"""


@pytest.fixture
def stderr_log(tmp_path: Path) -> Iterator[IO[bytes]]:
    with (tmp_path / "children-stderr.txt").open("w+b") as log:
        yield log


def start(code: str, stderr: IO[bytes], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        env=dict(os.environ),  # RECOVER_HOME comes from conftest
    )


def read_line(process: subprocess.Popen[bytes], stderr: IO[bytes]) -> bytes:
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        stderr.seek(0)
        raise AssertionError(f"child stopped early:\n{stderr.read().decode(errors='replace')}")
    return line


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


def backup_is_whole(path: Path) -> bool:
    backup = paths.backup_path(path)
    if not backup.exists():
        return True
    end = tomllib.loads(backup.read_text(encoding="utf-8")).get("end", {})
    return bool(end.get("complete"))


@POSIX_ONLY
def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_state(
    recover_home: Path, stderr_log: IO[bytes]
) -> None:
    rng = random.Random(2026)
    factory = start(SAVER_FACTORY, stderr_log)
    assert factory.stdin is not None
    committed = 0  # the last value a saver reported as saved
    outcomes: Counter[str] = Counter()
    try:
        for _ in range(KILLS):
            factory.stdin.write(b"go\n")
            factory.stdin.flush()
            while not (line := read_line(factory, stderr_log)).startswith(b"saver"):
                committed = int(line)
            saver = int(line.split()[1])
            # Wait for this saver's first save, however slow the disk, so every kill lands
            # while saves are under way; then kill it at a random moment of a later one.
            committed = int(read_line(factory, stderr_log))
            time.sleep(rng.uniform(0, 0.02))
            os.kill(saver, signal.SIGKILL)
            while (line := read_line(factory, stderr_log)) != b"gone\n":
                committed = int(line)
            on_disk = int(storage.read_profile().settings.region or "0")
            assert on_disk in (committed, committed + 1)
            checkins = storage.read_month("2026-11").checkins
            in_log = int(checkins[0].note or "0") if checkins else 0
            assert in_log == on_disk  # both files changed together, or neither did
            assert backup_is_whole(paths.profile_path())
            assert backup_is_whole(paths.month_log_path("2026-11"))
            outcomes["new" if on_disk > committed else "old"] += 1
            outcomes["temp files left"] += bool(temp_files(recover_home))
            committed = on_disk
    finally:
        stop(factory)
    with storage.transaction(date(2026, 11, 1)) as tx:
        assert tx.profile.settings.region == str(committed)
    assert not temp_files(recover_home)
    assert committed >= KILLS  # each saver saved once before its kill, so kills hit saves
    print(f"{KILLS} SIGKILLs, {committed} saves: {dict(outcomes)}")


def test_four_writers_at_once_lose_no_entry(recover_home: Path, stderr_log: IO[bytes]) -> None:
    begin = time.time() + 1.0
    writers = [start(WRITER, stderr_log, f"w{w}", str(begin)) for w in range(4)]
    try:
        codes = [writer.wait(timeout=60) for writer in writers]
    finally:
        for writer in writers:
            stop(writer)
    stderr_log.seek(0)
    assert codes == [0, 0, 0, 0], stderr_log.read().decode(errors="replace")
    [reflection] = storage.read_profile().reflections
    saved = [str(entry.value) for entry in reflection.entries]
    assert sorted(saved) == sorted(f"w{w}-{n}" for w in range(4) for n in range(25))
    for w in range(4):  # each writer's entries in the order it made them
        mine = [value for value in saved if value.startswith(f"w{w}-")]
        assert mine == [f"w{w}-{n}" for n in range(25)]


def test_a_reader_never_sees_a_half_written_file(recover_home: Path, stderr_log: IO[bytes]) -> None:
    writer = start(SAVE_LOOP, stderr_log)
    reads = 0
    try:
        while writer.poll() is None or reads == 0:
            storage.read_profile()  # raises ProfileUnreadable on a torn file
            reads += 1
    finally:
        stop(writer)
    assert writer.returncode == 0
    assert reads > 0
    assert storage.read_profile().settings.goal_days == 21 + 149


@POSIX_ONLY
def test_a_lock_holder_killed_does_not_block_the_next_change(
    recover_home: Path, stderr_log: IO[bytes]
) -> None:
    holder = start(HOLDER, stderr_log)
    try:
        assert read_line(holder, stderr_log) == b"holding\n"
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        # Busy if the dead holder's lock were still held.
        with storage.transaction(DAY, lock_timeout=2.0) as tx:
            assert tx.profile.settings.region == ""  # its unfinished change was not saved
            tx.profile.settings.region = "after"
    finally:
        stop(holder)
    assert storage.read_profile().settings.region == "after"


def test_a_change_while_another_holds_the_lock_too_long_is_busy(
    recover_home: Path, stderr_log: IO[bytes]
) -> None:
    holder = start(HOLDER, stderr_log)
    try:
        assert read_line(holder, stderr_log) == b"holding\n"
        before = snapshot(recover_home)
        with pytest.raises(Busy) as refused, storage.transaction(DAY, lock_timeout=0.5) as tx:
            tx.profile.settings.region = "never saved"
        assert snapshot(recover_home) == before
    finally:
        stop(holder)
    assert refused.value.exit_code == 5
    assert "Another recover command is saving" in str(refused.value)
    assert storage.read_profile().settings.region == ""
