"""Storage and input under attack: each reproduction from a careless user or an attacker.

Every case here once lost data, leaked a terminal escape, touched another program's files or
ended in exit 70; each now gets a clear one-line answer and leaves saved data as it was.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import NOW, TODAY, files, recover
from helpers_storage import edited_on_purpose
from recover_coach import disk, paths, storage, summary

pytestmark = pytest.mark.usefixtures("march_clock")
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes, FIFOs and links")
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b]52;c;aGk=\x07"


def check_in(runner: CliRunner, *args: str, input: str | None = None) -> None:
    done = recover(runner, "checkin", "--no-input", *args, input=input)
    assert done.code == 0, done.err


# --- the summary is checked, not trusted ----------------------------------------------------


@pytest.mark.usefixtures("started")
def test_a_summary_whose_counts_were_edited_is_ignored_and_rebuilt(runner: CliRunner) -> None:
    check_in(runner, "--mood", "3", "--contact", "slip", "--date", "2026-03-10")
    derived = json.loads(paths.summary_path().read_text(encoding="utf-8"))
    derived["slips"], derived["started_on"] = [], "2019-01-01"
    paths.summary_path().write_text(json.dumps(derived), encoding="utf-8")

    figures = json.loads(recover(runner, "streak", "--json").out)

    assert (figures["slips"], figures["current_days"]) == (1, 10)
    assert json.loads(paths.summary_path().read_text(encoding="utf-8"))["slips"] == ["2026-03-10"]


@pytest.mark.usefixtures("started")
def test_a_clock_set_back_once_does_not_hide_a_check_in_from_the_calendar(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from recover_coach import clock

    check_in(runner, "--mood", "5", "--contact", "none")  # 2026-03-20
    monkeypatch.setattr(clock, "now", lambda: NOW - timedelta(days=120))  # set back 4 months
    with storage.transaction(clock.today()) as tx:
        tx.profile.settings.goal_days = 45
    monkeypatch.setattr(clock, "now", lambda: NOW)  # and put right

    events = summary.read_events(NOW) or storage.load_streak_events(NOW)

    assert events.checkins.get(TODAY) == "none"


# --- damage anywhere in a file --------------------------------------------------------------


@pytest.mark.usefixtures("started")
def test_lines_deleted_from_the_middle_are_caught_and_a_deliberate_edit_can_be_resealed(
    runner: CliRunner,
) -> None:
    profile = paths.profile_path()
    text = profile.read_text(encoding="utf-8")
    damaged = text.replace("started_on = 2026-03-01\n", "")
    assert damaged != text and damaged.endswith("complete = true\n")
    profile.write_text(damaged, encoding="utf-8")

    refused = recover(runner, "streak", "--json")

    assert refused.code == 3 and "changed outside recover" in refused.err
    assert "delete the line `checksum = ...`" in refused.err
    assert profile.read_text(encoding="utf-8") == damaged  # never written over

    profile.write_text(edited_on_purpose(damaged), encoding="utf-8")
    assert recover(runner, "config", "set", "goal_days", "40").code == 0
    assert 'checksum = "sha256:' in profile.read_text(encoding="utf-8")  # sealed again


# --- links, special files and folders that are not recover's --------------------------------


@POSIX_ONLY
def test_a_linked_profile_is_written_where_it_points_and_stays_a_link(
    runner: CliRunner, recover_home: Path, tmp_path: Path
) -> None:
    assert recover(runner, "streak", "set", "--since", "2026-03-01").code == 0
    elsewhere = tmp_path / "synced" / "profile.toml"
    elsewhere.parent.mkdir()
    paths.profile_path().rename(elsewhere)
    paths.profile_path().symlink_to(elsewhere)

    assert recover(runner, "config", "set", "goal_days", "40").code == 0

    assert paths.profile_path().is_symlink()
    assert "goal_days = 40" in elsewhere.read_text(encoding="utf-8")


@POSIX_ONLY
def test_a_dangling_link_is_named_not_read_as_an_empty_profile(
    runner: CliRunner, recover_home: Path, tmp_path: Path
) -> None:
    recover_home.mkdir()
    paths.profile_path().symlink_to(tmp_path / "unplugged-drive" / "profile.toml")

    done = recover(runner, "streak", "--json")

    assert done.code == 3 and "a link to a file that does not exist" in done.err
    assert paths.profile_path().is_symlink()


@POSIX_ONLY
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_something_that_is_not_a_file_in_place_of_the_profile_is_refused(
    runner: CliRunner, recover_home: Path, kind: str
) -> None:
    recover_home.mkdir()
    if kind == "fifo":
        os.mkfifo(paths.profile_path())
    elif kind == "dev-zero":
        paths.profile_path().symlink_to("/dev/zero")
    else:
        paths.profile_path().mkdir()

    done = recover(runner, "streak", "--json")

    assert done.code == 3 and "not a regular file" in done.err


@POSIX_ONLY
def test_a_recover_home_that_holds_another_programs_files_is_left_alone(
    runner: CliRunner, recover_home: Path
) -> None:
    recover_home.mkdir()
    recover_home.chmod(0o755)
    theirs = {".bashrc": b"alias ll='ls -l'\n", ".bashrc.tmp-abc123": b"half an edit"}
    for name, data in theirs.items():
        (recover_home / name).write_bytes(data)

    done = recover(runner, "streak", "set", "--since", "2026-03-01")

    assert done.code == 1 and "not recover's" in done.err
    assert stat.S_IMODE(recover_home.stat().st_mode) == 0o755
    assert files(recover_home) == {name: data for name, data in theirs.items()}


@POSIX_ONLY
def test_missing_parent_folders_are_made_private_under_an_open_umask(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "a" / "b" / "recover"
    monkeypatch.setenv("RECOVER_HOME", str(home))
    old = os.umask(0)
    try:
        assert recover(runner, "streak", "set", "--since", "2026-03-01").code == 0
    finally:
        os.umask(old)

    for folder in (tmp_path / "a", tmp_path / "a" / "b", home):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.profile_path().stat().st_mode) == 0o600


@pytest.mark.usefixtures("started")
def test_a_stray_file_among_the_month_logs_breaks_nothing(
    runner: CliRunner, recover_home: Path
) -> None:
    check_in(runner, "--mood", "5", "--contact", "none")
    stray = paths.log_dir() / "2026-13.toml"
    stray.write_text("not recover's", encoding="utf-8")

    for args in (["history"], ["streak", "--json"], ["checkin", "--no-input", "--mood", "6"]):
        done = recover(runner, *args)
        assert done.code == 0, (args, done.err)
    assert stray.read_text(encoding="utf-8") == "not recover's"


# --- what is shown, and what is read --------------------------------------------------------


@pytest.mark.usefixtures("started")
def test_escape_sequences_in_a_note_never_reach_the_terminal_but_json_keeps_them(
    runner: CliRunner,
) -> None:
    check_in(runner, "--mood", "5", "--contact", "none", "--note", f"calm{ESCAPES}day")

    shown = recover(runner, "history")
    exact = json.loads(recover(runner, "history", "--json").out)

    assert "\x1b" not in shown.out and "\x07" not in shown.out
    assert "\\x1b]52;c;" in shown.out  # visible, so the person sees what is there
    assert exact["checkins"][0]["note"] == f"calm{ESCAPES}day"


@pytest.mark.usefixtures("started")
def test_a_slip_note_from_stdin_is_read_not_saved_as_a_dash(runner: CliRunner) -> None:
    done = recover(runner, "slip", "--note", "-", input="Answered at 2 a.m.\n")

    assert done.code == 0, done.err
    assert storage.read_profile().no_contact.slips[0].note == "Answered at 2 a.m."


# --- input that once ended in exit 70 --------------------------------------------------------


@pytest.mark.usefixtures("started")
@pytest.mark.parametrize(
    "args",
    [
        ["checkin", "--mood", "5", "--contact", "none", "--date", "0001-01-01"],
        ["slip", "--date", "0999-12-31"],
        ["streak", "set", "--since", "0001-01-01"],
        ["config", "set", "day_starts_at", "04:00+05:00"],
        ["config", "set", "goal_days", "\u00b2"],
        ["streak", "set", "--goal", "\u00b2"],
        ["history", "--since", "0000-01"],
    ],
)
def test_values_out_of_range_are_one_line_exit_2_and_change_nothing(
    runner: CliRunner, recover_home: Path, args: list[str]
) -> None:
    before = files(recover_home)

    done = recover(runner, *args)

    assert done.code == 2, done.err
    assert done.err.startswith("recover: ") and done.err.count("\n") == 1
    assert files(recover_home) == before


@pytest.mark.usefixtures("started")
@pytest.mark.parametrize("command", [["checkin", "--mood", "5", "--contact", "none"], ["slip"]])
def test_a_note_that_is_not_utf8_is_refused_clearly(
    runner: CliRunner, recover_home: Path, command: list[str]
) -> None:
    before = files(recover_home)
    with runner.isolation(input=b"caf\xe9 \xff\xfe") as (_, err, _):
        argv = sys.argv
        sys.argv = ["recover", *command, "--note", "-"]
        try:
            from recover_coach.cli.app import main

            with pytest.raises(SystemExit) as exited:
                main()
        finally:
            sys.argv = argv
            sys.stderr.flush()
        message = err.getvalue().decode()

    assert exited.value.code == 2 and "UTF-8" in message
    assert files(recover_home) == before


@pytest.mark.usefixtures("started", "interactive")
def test_a_superscript_digit_at_a_number_prompt_is_asked_again(runner: CliRunner) -> None:
    done = recover(runner, "urge", "--pause", "0", input="\u00b2\n7\n\n\n5\n")

    assert done.code == 0, done.err
    assert "Please type a whole number from 0 to 10." in done.err
    assert storage.read_month("2026-03").urges[0].before == 7


def test_changing_only_the_goal_works_and_a_goal_out_of_range_says_its_range(
    runner: CliRunner,
) -> None:
    too_short = recover(runner, "streak", "set", "--goal", "10")
    changed = recover(runner, "streak", "set", "--goal", "45")

    assert too_short.code == 2 and "from 21 to 365" in too_short.err
    assert changed.code == 0 and "45 days" in changed.err
    assert storage.read_profile().settings.goal_days == 45
    assert storage.read_profile().no_contact.started_on is None


# --- a slip from a check-in on a past day ----------------------------------------------------


@pytest.mark.usefixtures("started")
def test_a_past_days_slip_points_to_that_day_and_its_answers_join_the_same_slip(
    runner: CliRunner,
) -> None:
    done = recover(runner, "checkin", "--no-input", "--date", "2026-03-04", "--mood", "3")
    assert done.code == 2  # a day's first check-in needs the contact too
    checked = recover(
        runner, "checkin", "--no-input", "--date", "2026-03-04", "--mood", "3", "--contact", "slip"
    )
    assert "`recover slip --date 2026-03-04`" in " ".join(checked.err.split())

    followed = recover(runner, "slip", "--date", "2026-03-04", "--note", "It was late.")

    assert followed.code == 0 and "Added to the slip recorded for 2026-03-04" in followed.err
    [slip] = storage.read_profile().no_contact.slips
    assert (slip.on, slip.note) == (date(2026, 3, 4), "It was late.")
    assert json.loads(recover(runner, "streak", "--json").out)["current_days"] == 16


@pytest.mark.usefixtures("started")
def test_a_slip_recorded_by_mistake_is_undone_with_confirmation(runner: CliRunner) -> None:
    recover(runner, "checkin", "--no-input", "--mood", "3", "--contact", "slip")
    assert json.loads(recover(runner, "streak", "--json").out)["current_days"] == 0

    unconfirmed = recover(runner, "slip", "--undo")
    needs_contact = recover(runner, "slip", "--undo", "--yes")
    undone = recover(runner, "slip", "--undo", "--yes", "--contact", "ignored")

    assert unconfirmed.code == 2 and "--yes" in unconfirmed.err
    assert needs_contact.code == 2 and "--contact" in needs_contact.err
    assert undone.code == 0, undone.err
    assert storage.read_profile().no_contact.slips == []
    assert storage.read_month("2026-03").checkins[0].contact == "ignored"
    figures = json.loads(recover(runner, "streak", "--json").out)
    assert (figures["current_days"], figures["slips"]) == (19, 0)


@pytest.mark.usefixtures("started")
def test_undoing_a_day_without_a_slip_says_so(runner: CliRunner) -> None:
    done = recover(runner, "slip", "--undo", "--yes", "--date", "2026-03-10")

    assert done.code == 2 and "no slip recorded for 2026-03-10" in done.err


# --- a busy save, and the disk's own failures ------------------------------------------------

HOLDER = r"""
import os, sys, time
from datetime import date
from recover_coach import storage

with storage.transaction(date(2026, 3, 20)) as tx:
    os.write(1, b"holding\n")
    time.sleep(float(sys.argv[1]))
"""


@pytest.mark.usefixtures("started", "interactive")
def test_an_interactive_check_in_waits_for_a_busy_save_instead_of_losing_the_answers(
    runner: CliRunner, recover_home: Path
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, "3"],
        stdout=subprocess.PIPE,
        env={**os.environ, "RECOVER_HOME": str(recover_home)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"holding\n"
        started = time.monotonic()
        done = recover(runner, "checkin", input="4\n1\nn\n3\n\n\nA long day.\n")
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)

    assert done.code == 0, done.err
    assert "Waiting for it to finish" in done.err
    assert storage.read_month("2026-03").checkins[0].note == "A long day."
    assert waited > 0.5  # it really waited for the holder rather than failing at once


def test_a_volume_without_full_fsync_falls_back_to_fsync(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import types

    flushed: list[int] = []

    def refuse(fd: int, command: int) -> None:
        raise OSError(errno.ENOTSUP, "Operation not supported")

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setitem(sys.modules, "fcntl", types.SimpleNamespace(F_FULLFSYNC=51, fcntl=refuse))
    monkeypatch.setattr(os, "fsync", flushed.append)
    with (tmp_path / "file").open("wb") as handle:
        disk.fsync_file(handle.fileno())

    assert len(flushed) == 1


@pytest.mark.parametrize(
    ("error", "system", "said"),
    [
        (PermissionError(errno.EACCES, "Access is denied"), "nt", "another program has it open"),
        (PermissionError(errno.EACCES, "Permission denied"), "posix", "no permission"),
        (OSError(errno.ENOSPC, "No space left on device"), "posix", "the disk is full"),
    ],
)
def test_each_disk_failure_gets_its_own_words(
    monkeypatch: pytest.MonkeyPatch, error: OSError, system: str, said: str
) -> None:
    monkeypatch.setattr(os, "name", system)

    assert said in disk.explain(error)
