"""The status bar (cli/status_bar.py) answers as the full `recover streak` command, byte for byte.

`recover streak --json` and `--format` are answered before Typer is imported, from a module
that repeats the summary's checks and the streak's figures with the standard library. These
tests keep the two equal: the same bytes where it answers, and where it does not (no usable
summary, a template the full command refuses), nothing printed, so the full command answers.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers_cli import Run
from recover_coach import clock, paths, storage, streak, summary, ui
from recover_coach.cli import entry, status_bar
from recover_coach.models import CheckIn, Slip

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=LONDON)
FIELDS = sorted(streak.figures(streak.StreakEvents(None, (), 30, time(0, 0)), NOW.date()).as_json())
ANSWERED = [
    ["streak", "--json"],
    ["streak", "--format", "{current_days}"],
    ["streak", "--format", "NC {current_days}/{goal_days}d next {next_milestone}"],
    ["streak", "--format=" + "|".join("{" + field + "}" for field in FIELDS)],
    ["streak", "--format", "{current_days:>4} {{braces}} {goal_reached!r} 🌱 {started_on:.4}"],
    ["streak", "--format", "-{slips} --json"],
    ["streak", "--format", ""],
]
REFUSED = [
    "{days}",  # an unknown field
    "{current_days",  # a stray brace
    "}",
    "{}",
    "{current_days.real}",
    "{started_on:%Y}",  # a spec the value cannot take
    "{current_days:{x}}",  # a KeyError: the full command's "something unexpected" line
]
# The libraries the status bar must not import, and recover's own modules.
WATCHED = ["typer", "click", "rich", "pydantic", "filelock", "platformdirs", "recover_coach"]


@pytest.fixture
def full(main_run: Callable[..., Run]) -> Callable[..., Run]:
    """The full command, through Typer and its error boundary, on recover's (patched) clock."""
    return main_run


@pytest.fixture
def fast(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[bool, str]]:
    """The status bar's answer at NOW: whether it answered, and what it printed."""

    def run(*args: str, now: datetime = NOW) -> tuple[bool, str]:
        capsys.readouterr()
        answered = status_bar.answer(list(args), now)
        captured = capsys.readouterr()
        assert captured.err == ""
        return answered, captured.out

    return run


@pytest.fixture
def on_the_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], None]:
    """recover's clock (the full command's) reads NOW, or the moment it is set to."""

    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)

    set_to(NOW)
    return set_to


def save_history(today: date, *, day_starts_at: time = time(0, 0)) -> None:
    """A period of 80 days with three slips (two on one day), check-ins and social-media looks."""
    begun = today - timedelta(days=80)
    with storage.transaction(today) as tx:
        tx.profile.no_contact.started_on = begun
        tx.profile.onboarding.breakup_on = begun - timedelta(days=9)
        tx.profile.settings.goal_days = 45
        tx.profile.settings.day_starts_at = day_starts_at
        for days_in in (12, 12, 50):
            on = begun + timedelta(days=days_in)
            moment = datetime.combine(on, time(21, 0), LONDON)
            tx.profile.no_contact.slips.append(Slip(on=on, recorded_at=moment))
    with storage.transaction(today) as tx:
        for days_ago in range(0, 70, 3):
            on = today - timedelta(days=days_ago)
            tx.month(f"{on:%Y-%m}").checkins.append(
                CheckIn(
                    on=on,
                    recorded_at=datetime.combine(on, time(21, 0), LONDON),
                    mood=6,
                    contact="none",
                    checked_socials=days_ago % 2 == 0,
                )
            )


# --- where it answers, it answers as the full command --------------------------------------


def test_its_copies_of_recovers_constants_are_the_same() -> None:
    assert status_bar.SUMMARY_VERSION == summary.SUMMARY_VERSION
    assert status_bar.MILESTONES == streak.MILESTONES
    assert status_bar.HEATMAP_WEEKS == streak.HEATMAP_WEEKS


@pytest.mark.usefixtures("on_the_clock")
@pytest.mark.parametrize("args", ANSWERED, ids=lambda args: " ".join(args))
def test_a_saved_summary_is_answered_byte_for_byte_as_the_full_command(
    args: list[str], full: Callable[..., Run], fast: Callable[..., tuple[bool, str]]
) -> None:
    save_history(NOW.date())

    answered, out = fast(*args)

    assert answered
    assert full(*args) == Run(0, out, "")


@pytest.mark.parametrize(
    ("moment", "day_starts_at"),
    [
        (NOW, time(0, 0)),
        (datetime(2026, 3, 21, 2, 30, tzinfo=LONDON), time(4, 0)),  # still the 20th
        (datetime(2026, 3, 21, 4, 0, tzinfo=LONDON), time(4, 0)),
        (datetime(2026, 3, 29, 1, 30, tzinfo=LONDON), time(0, 0)),  # the night clocks go forward
        (datetime(2026, 3, 31, 23, 59, tzinfo=LONDON), time(0, 0)),  # days after the last save
    ],
)
def test_the_day_is_counted_as_the_full_command_counts_it(
    moment: datetime,
    day_starts_at: time,
    on_the_clock: Callable[[datetime], None],
    full: Callable[..., Run],
    fast: Callable[..., tuple[bool, str]],
) -> None:
    save_history(NOW.date(), day_starts_at=day_starts_at)
    on_the_clock(moment)

    answered, out = fast("streak", "--json", now=moment)

    assert answered
    assert full("streak", "--json") == Run(0, out, "")


@pytest.mark.usefixtures("on_the_clock")
def test_before_any_start_a_saved_summary_is_answered_as_the_full_command(
    full: Callable[..., Run], fast: Callable[..., tuple[bool, str]]
) -> None:
    with storage.transaction(NOW.date()) as tx:
        tx.profile.settings.region = "GB"

    for args in (["streak", "--json"], ["streak", "--format", "{current_days}d{started_on}"]):
        answered, out = fast(*args)
        assert answered
        assert full(*args) == Run(0, out, "")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.none() | st.integers(-20, 800),
    slips=st.lists(st.integers(-30, 820), max_size=12),
    breakup=st.none() | st.integers(-10, 900),
    goal=st.integers(21, 365),
    socials=st.integers(0, 500),
    day_starts_at=st.sampled_from([time(0, 0), time(4, 0), time(11, 59)]),
    hour=st.integers(0, 23),
)
def test_any_summary_gives_the_figures_the_domain_derives(
    recover_home: Path,
    start: int | None,
    slips: list[int],
    breakup: int | None,
    goal: int,
    socials: int,
    day_starts_at: time,
    hour: int,
) -> None:
    """Days are counted back from today: negative ones are after it (a clock set back)."""
    now = datetime(2026, 3, 20, hour, 0, tzinfo=LONDON)
    today = clock.logical_date(now, day_starts_at)

    def day(days_ago: int) -> str:
        return (today - timedelta(days=days_ago)).isoformat()

    derived: dict[str, object] = {
        "version": summary.SUMMARY_VERSION,
        "started_on": None if start is None else day(start),
        "goal_days": goal,
        "day_starts_at": day_starts_at.strftime("%H:%M"),
        "breakup_on": None if breakup is None else day(breakup),
        "slips": sorted({day(days_ago) for days_ago in slips}),
        "socials_checked": socials,
        "socials_by_month": {},
        "recent_months": summary.months_around(today),
        "checkins": {},
    }
    recover_home.mkdir(exist_ok=True)
    paths.summary_path().write_text(summary.seal(derived, []), encoding="utf-8")
    events = summary.read_events(now)
    assert events is not None
    figures = streak.figures(events, today)
    template = " ".join("{" + field + "}" for field in FIELDS)

    assert answer_text(["streak", "--json"], now) == printed(ui.emit_json, figures.as_json())
    assert answer_text(["streak", "--format", template], now) == (
        streak.format_line(template, figures) + "\n"
    )


def answer_text(args: list[str], now: datetime) -> str:
    stdout, sys.stdout = sys.stdout, io.StringIO()
    try:
        assert status_bar.answer(args, now)
        return sys.stdout.getvalue()
    finally:
        sys.stdout = stdout


def printed(emit: Callable[[object], None], data: object) -> str:
    stdout, sys.stdout = sys.stdout, io.StringIO()
    try:
        emit(data)
        return sys.stdout.getvalue()
    finally:
        sys.stdout = stdout


# --- where it does not answer, it prints nothing and the full command answers ---------------


@pytest.mark.usefixtures("on_the_clock")
@pytest.mark.parametrize("template", REFUSED)
def test_a_template_the_full_command_refuses_is_left_to_it(
    template: str, full: Callable[..., Run], fast: Callable[..., tuple[bool, str]]
) -> None:
    save_history(NOW.date())

    assert fast("streak", "--format", template) == (False, "")
    assert fast("streak", f"--format={template}") == (False, "")
    refused = full("streak", "--format", template)
    assert refused.code in (2, 70)
    assert refused.out == ""
    assert refused.err.startswith("recover: ") and refused.err.count("\n") == 1


@pytest.mark.usefixtures("on_the_clock")
@pytest.mark.parametrize(
    "args",
    [
        ["streak"],
        ["streak", "--json", "--format", "{slips}"],
        ["streak", "--json", "--json"],
        ["streak", "--format"],
        ["streak", "--format", "{slips}", "--format", "{slips}"],
        ["streak", "--json", "--help"],
        ["streak", "-h"],
        ["streak", "set", "--since", "2026-03-01"],
        ["--json"],
        ["progress", "--json"],
        [],
    ],
    ids=lambda args: " ".join(args) or "(none)",
)
def test_any_other_arguments_are_left_to_typer(
    args: list[str], fast: Callable[..., tuple[bool, str]]
) -> None:
    save_history(NOW.date())

    assert fast(*args) == (False, "")


@pytest.mark.usefixtures("on_the_clock")
def test_without_a_summary_the_full_command_answers_and_saves_one_for_next_time(
    full: Callable[..., Run], fast: Callable[..., tuple[bool, str]]
) -> None:
    save_history(NOW.date())
    paths.summary_path().unlink()

    assert fast("streak", "--json") == (False, "")
    expected = full("streak", "--json")
    assert expected.code == 0
    assert fast("streak", "--json") == (True, expected.out)


@pytest.mark.usefixtures("on_the_clock")
def test_before_anything_is_saved_the_full_command_answers(
    fast: Callable[..., tuple[bool, str]], recover_home: Path
) -> None:
    assert fast("streak", "--json") == (False, "")
    assert not recover_home.exists()


def edit_values(text: str) -> str:
    """A summary whose values were edited by hand, its checksum left as it was."""
    derived = json.loads(text)
    derived["started_on"] = "2025-01-01"
    return json.dumps(derived)


def edit_and_reseal(text: str) -> str:
    """Sealed again as storage seals it, checksum and all, but the slips are not dates."""
    derived = json.loads(text)
    derived.pop("checksum")
    sources = [Path(entry[0]) for entry in derived.pop("fingerprints")]
    derived["slips"] = ["not a date"]
    return summary.seal(derived, sources)


@pytest.mark.usefixtures("on_the_clock")
@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "not json",
        lambda text: "[]",
        lambda text: text[: len(text) // 2],
        lambda text: text.replace(f'"version": {summary.SUMMARY_VERSION}', '"version": 1'),
        edit_values,
        edit_and_reseal,
    ],
    ids=["not-json", "a-list", "truncated", "old-version", "edited", "resealed-bad-dates"],
)
def test_a_damaged_summary_is_left_to_the_full_command(
    damage: Callable[[str], str],
    full: Callable[..., Run],
    fast: Callable[..., tuple[bool, str]],
) -> None:
    save_history(NOW.date())
    expected = full("streak", "--json")
    summary_file = paths.summary_path()
    summary_file.write_text(damage(summary_file.read_text(encoding="utf-8")), encoding="utf-8")

    assert fast("streak", "--json") == (False, "")
    assert full("streak", "--json") == expected


@pytest.mark.usefixtures("on_the_clock")
def test_a_profile_or_month_log_changed_after_the_summary_is_left_to_the_full_command(
    full: Callable[..., Run], fast: Callable[..., tuple[bool, str]]
) -> None:
    save_history(NOW.date())
    profile = paths.profile_path()
    touched = profile.stat().st_mtime_ns + 1_000_000
    os.utime(profile, ns=(touched, touched))  # as an editor saving the same bytes would
    assert fast("streak", "--json") == (False, "")
    full("streak", "--json")  # saves a fresh summary
    assert fast("streak", "--json")[0]

    for other in ("2019_01.toml", "2019-01.toml.bak", "2019-1.toml", "notes.toml"):
        (paths.log_dir() / other).write_text("", encoding="utf-8")  # not month logs
    assert fast("streak", "--json") == (True, full("streak", "--json").out)

    paths.month_log_path("2019-01").write_text("", encoding="utf-8")  # one it never saw

    assert fast("streak", "--json") == (False, "")


@pytest.mark.usefixtures("on_the_clock")
def test_a_summary_whose_calendar_months_are_gone_is_left_to_the_full_command(
    fast: Callable[..., tuple[bool, str]],
) -> None:
    save_history(NOW.date())

    assert fast("streak", "--json", now=NOW + timedelta(weeks=20)) == (False, "")


# --- where the profile lives ----------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"RECOVER_HOME": "/tmp/recover-here"},
        {"RECOVER_HOME": "~/recover-here", "HOME": "/home/someone"},
        {"HOME": "/home/someone"},
        {"HOME": "/home/someone/", "XDG_DATA_HOME": ""},
        {"HOME": "/home/someone", "XDG_DATA_HOME": "/data/someone"},
        {"HOME": "/home/someone", "XDG_DATA_HOME": "relative/data"},
        {"HOME": "relative/home"},
    ],
)
def test_it_looks_for_the_profile_where_recover_keeps_it_or_leaves_it_to_the_full_command(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("RECOVER_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    found = status_bar.data_dir()

    if found is not None:
        assert found == str(paths.data_dir())
    ordinary = env.get("HOME", "/").startswith("/") and not env.get("XDG_DATA_HOME")
    if "RECOVER_HOME" in env or (ordinary and sys.platform in ("linux", "darwin")):
        assert found is not None


# --- the installed command, in a fresh interpreter ------------------------------------------

CHILD = """
import atexit, importlib, json, sys
args, module, heavy = json.loads(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
sys.argv = ["recover", *args]

def report():
    loaded = sorted(name for name in sys.modules if name.split(".")[0] in heavy)
    sys.stderr.write("\\nLOADED=" + json.dumps(loaded) + "\\n")

atexit.register(report)
importlib.import_module(module).main()
"""


def run_child(
    module: str, args: list[str], home: Path
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """`recover *args` through `module.main` in a fresh interpreter, and what it had imported."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(args), module, json.dumps(WATCHED)],
        capture_output=True,
        text=True,
        env={**os.environ, "RECOVER_HOME": str(home)},
        stdin=subprocess.DEVNULL,
        check=False,
    )
    marker = done.stderr.rfind("\nLOADED=")
    assert marker >= 0, done.stderr
    loaded: list[str] = json.loads(done.stderr[marker:].strip().removeprefix("LOADED="))
    stderr = done.stderr[:marker]
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout, stderr), loaded


# The children run on the real clock, so the history is saved relative to it.


T = TypeVar("T")


def on_one_day(runs: Callable[[], T]) -> T:
    """Children read the real clock: when midnight passes while they run, run them again."""
    while True:
        day = clock.today()
        result = runs()
        if clock.today() == day:
            return result


@pytest.mark.parametrize(
    "args",
    [["streak", "--json"], ["streak", "--format", "{current_days}/{goal_days}"]],
    ids=lambda args: " ".join(args),
)
def test_the_entry_point_answers_without_typer_click_rich_pydantic_or_filelock(
    args: list[str], recover_home: Path
) -> None:
    save_history(clock.today())

    (fast_run, loaded), (full_run, _) = on_one_day(
        lambda: (
            run_child("recover_coach.cli.entry", args, recover_home),
            run_child("recover_coach.cli.app", args, recover_home),
        )
    )

    assert (fast_run.returncode, fast_run.stdout, fast_run.stderr) == (
        full_run.returncode,
        full_run.stdout,
        full_run.stderr,
    )
    assert fast_run.returncode == 0 and fast_run.stdout
    assert loaded == [
        "recover_coach",
        "recover_coach.cli",
        "recover_coach.cli.entry",
        "recover_coach.cli.status_bar",
    ]


@pytest.mark.parametrize("template", ["{days}", "{current_days"])
def test_through_the_entry_point_a_refused_template_gets_the_full_commands_error(
    template: str, recover_home: Path
) -> None:
    save_history(clock.today())
    args = ["streak", "--format", template]

    (fast_run, _), (full_run, _) = on_one_day(
        lambda: (
            run_child("recover_coach.cli.entry", args, recover_home),
            run_child("recover_coach.cli.app", args, recover_home),
        )
    )

    assert fast_run.returncode == full_run.returncode == 2
    assert fast_run.stdout == full_run.stdout == ""
    assert fast_run.stderr == full_run.stderr
    assert fast_run.stderr.startswith("recover: --format has")


def test_the_installed_command_and_python_m_use_the_entry_point(recover_home: Path) -> None:
    save_history(clock.today())
    scripts = Path(sysconfig.get_path("scripts"))
    env = {**os.environ, "RECOVER_HOME": str(recover_home), "PYTHONPROFILEIMPORTTIME": "1"}
    commands = [
        [str(scripts / ("recover.exe" if os.name == "nt" else "recover"))],
        [sys.executable, "-m", "recover_coach"],
    ]
    for command in commands:
        done = subprocess.run(
            [*command, "streak", "--format", "{goal_days}"],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert (done.returncode, done.stdout) == (0, "45\n"), done.stderr
        imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
        assert "recover_coach.cli.status_bar" in imported
        assert "typer" not in imported


def test_entry_main_runs_the_full_command_for_everything_else(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["recover", "--version"])

    with pytest.raises(SystemExit) as exited:
        entry.main()

    assert exited.value.code in (0, None)
    assert capsys.readouterr().out.startswith("recover ")
