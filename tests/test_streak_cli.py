"""`recover streak` and `recover streak set`: the contract a person or a status bar relies on."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from helpers_cli import Run
from helpers_storage import edited_on_purpose
from recover_coach import clock, paths, storage, streak, summary
from recover_coach.models import CheckIn, Slip
from recover_coach.views import streak as view
from test_startup import RUN_MAIN_THEN_REPORT, run_child

LONDON = ZoneInfo("Europe/London")
JSON_FIELDS = {
    "started_on",
    "current_days",
    "longest_days",
    "total_days",
    "goal_days",
    "slips",
    "last_slip_on",
    "next_milestone",
}


@pytest.fixture
def recover(main_run: Callable[..., Run]) -> Callable[..., Run]:
    """The real entry point in-process, error boundary included."""
    return main_run


@pytest.fixture
def set_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Set the local time recover sees, as `(year, month, day, hour=12, minute=0)` in London."""

    def set_to(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> None:
        moment = datetime(year, month, day, hour, minute, tzinfo=LONDON)
        monkeypatch.setattr(clock, "now", lambda: moment)

    set_to(2026, 3, 20)
    return set_to


def streak_json(recover: Callable[..., Run]) -> dict[str, object]:
    done = recover("streak", "--json")
    assert done.code == 0, done.err
    data: dict[str, object] = json.loads(done.out)
    return data


def record_slip(on: date) -> None:
    """A slip as the check-in and slip commands record it."""
    with storage.transaction(clock.today()) as tx:
        moment = datetime.combine(on, time(21, 0), LONDON)
        tx.profile.no_contact.slips.append(Slip(on=on, recorded_at=moment, from_checkin=True))


def record_checkin(on: date, contact: str = "none") -> None:
    with storage.transaction(clock.today()) as tx:
        moment = datetime.combine(on, time(21, 0), LONDON)
        tx.month(f"{on:%Y-%m}").checkins.append(
            CheckIn(on=on, recorded_at=moment, mood=5, contact=contact)
        )


def folder_snapshot(home: Path) -> dict[str, bytes]:
    if not home.exists():
        return {}
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}


# --- before the period begins ---------------------------------------------------------------


@pytest.mark.usefixtures("set_clock")
def test_before_any_start_it_says_how_to_begin_and_exits_0(recover: Callable[..., Run]) -> None:
    done = recover("streak")

    assert done.code == 0
    assert "recover start" in done.out
    assert "recover streak set --since YYYY-MM-DD" in done.out


@pytest.mark.usefixtures("set_clock")
def test_before_any_start_json_has_a_null_start_and_zero_days(recover: Callable[..., Run]) -> None:
    data = streak_json(recover)

    assert set(data) >= JSON_FIELDS
    assert data["started_on"] is None
    assert data["current_days"] == 0
    assert data["last_slip_on"] is None


# --- recover streak set -----------------------------------------------------------------------


@pytest.mark.usefixtures("set_clock")
def test_set_since_begins_the_period_and_streak_counts_from_it(recover: Callable[..., Run]) -> None:
    done = recover("streak", "set", "--since", "2026-03-01", "--goal", "45")

    assert done.code == 0, done.err
    assert done.out == ""  # the confirmation is a message: stderr
    assert "2026-03-01" in done.err and "day 19" in done.err
    data = streak_json(recover)
    assert data["started_on"] == "2026-03-01"
    assert data["current_days"] == 19
    assert data["goal_days"] == 45
    assert data["next_milestone"] == 21
    assert storage.read_profile().no_contact.started_on == date(2026, 3, 1)


@pytest.mark.usefixtures("set_clock")
def test_set_since_today_is_day_0(recover: Callable[..., Run]) -> None:
    assert recover("streak", "set", "--since", "2026-03-20").code == 0

    assert streak_json(recover)["current_days"] == 0


@pytest.mark.usefixtures("set_clock")
def test_correcting_the_start_keeps_recorded_slips(recover: Callable[..., Run]) -> None:
    recover("streak", "set", "--since", "2026-03-10")
    record_slip(date(2026, 3, 12))

    assert recover("streak", "set", "--since", "2026-03-01").code == 0

    data = streak_json(recover)
    assert (data["started_on"], data["slips"], data["last_slip_on"]) == (
        "2026-03-01",
        1,
        "2026-03-12",
    )
    assert data["current_days"] == 8
    assert data["longest_days"] == 10


@pytest.mark.usefixtures("set_clock")
@pytest.mark.parametrize(
    "since", ["2026-3-1", "01/03/2026", "2026-02-30", "yesterday", "20260301", ""]
)
def test_a_malformed_date_is_refused_naming_the_flag_and_format(
    recover: Callable[..., Run], recover_home: Path, since: str
) -> None:
    done = recover("streak", "set", "--since", since)

    assert done.code == 2
    assert done.err.count("\n") == 1
    assert "--since" in done.err and "YYYY-MM-DD" in done.err
    assert "Traceback" not in done.err
    assert folder_snapshot(recover_home) == {}


@pytest.mark.usefixtures("set_clock")
def test_a_start_in_the_future_is_refused_and_nothing_is_written(
    recover: Callable[..., Run], recover_home: Path
) -> None:
    recover("streak", "set", "--since", "2026-03-01")
    before = folder_snapshot(recover_home)

    done = recover("streak", "set", "--since", "2026-03-21")

    assert done.code == 2
    assert "--since" in done.err and done.err.count("\n") == 1
    assert folder_snapshot(recover_home) == before


@pytest.mark.usefixtures("set_clock")
@pytest.mark.parametrize("goal", ["20", "366", "0"])
def test_a_goal_outside_21_to_365_is_refused_and_nothing_is_written(
    recover: Callable[..., Run], recover_home: Path, goal: str
) -> None:
    done = recover("streak", "set", "--since", "2026-03-01", "--goal", goal)

    assert done.code == 2
    assert "--goal" in done.err and "never under 21" in done.err
    assert done.err.count("\n") == 1
    assert storage.read_profile().no_contact.started_on is None
    assert not paths.profile_path().exists()


def test_set_with_a_4_am_day_start_uses_the_logical_day(
    recover: Callable[..., Run], set_clock: Callable[..., None]
) -> None:
    with storage.transaction(clock.today()) as tx:
        tx.profile.settings.day_starts_at = time(4, 0)
    set_clock(2026, 3, 20, hour=2, minute=30)  # still the 19th until 04:00

    assert recover("streak", "set", "--since", "2026-03-20").code == 2
    assert recover("streak", "set", "--since", "2026-03-19").code == 0
    assert streak_json(recover)["current_days"] == 0

    set_clock(2026, 3, 20, hour=4, minute=0)
    assert streak_json(recover)["current_days"] == 1


# --- --json and --format ------------------------------------------------------------------------


@pytest.mark.usefixtures("set_clock")
def test_json_carries_every_figure_with_iso_dates(recover: Callable[..., Run]) -> None:
    with storage.transaction(clock.today()) as tx:
        tx.profile.onboarding.breakup_on = date(2026, 2, 14)
    recover("streak", "set", "--since", "2026-03-01")
    record_slip(date(2026, 3, 5))

    data = streak_json(recover)

    assert data == {
        "started_on": "2026-03-01",
        "current_days": 15,
        "longest_days": 15,
        "total_days": 18,
        "goal_days": 30,
        "slips": 1,
        "last_slip_on": "2026-03-05",
        "next_milestone": 21,
        "milestone_today": None,
        "days_since_breakup": 34,
        "socials_checked": 0,
        "goal_reached": False,
    }


@pytest.mark.usefixtures("set_clock")
def test_social_media_checks_are_their_own_count_not_slips(recover: Callable[..., Run]) -> None:
    recover("streak", "set", "--since", "2026-03-01")
    for day in ("2026-03-04", "2026-03-09"):
        args = ("--mood", "5", "--contact", "none", "--checked-socials", "--date", day)
        assert recover("checkin", *args).code == 0

    data = streak_json(recover)

    assert data["socials_checked"] == 2
    assert data["slips"] == 0
    assert data["current_days"] == 19
    assert "social media: 2 days" in recover("streak").out


@pytest.mark.usefixtures("set_clock")
def test_format_prints_one_line_for_a_status_bar(recover: Callable[..., Run]) -> None:
    recover("streak", "set", "--since", "2026-03-01")

    done = recover("streak", "--format", "NC {current_days}/{goal_days}d next {next_milestone}")

    assert done.code == 0
    assert done.out == "NC 19/30d next 21\n"


@pytest.mark.usefixtures("set_clock")
def test_format_before_any_start_still_prints_a_line(recover: Callable[..., Run]) -> None:
    assert recover("streak", "--format", "{current_days}d{started_on}").out == "0d\n"


@pytest.mark.usefixtures("set_clock")
def test_an_unknown_format_field_is_a_one_line_usage_error(recover: Callable[..., Run]) -> None:
    done = recover("streak", "--format", "{current_days} {days}")

    assert done.code == 2
    assert done.out == ""
    assert done.err.count("\n") == 1
    assert "{days}" in done.err
    assert all(field in done.err for field in JSON_FIELDS)


@pytest.mark.usefixtures("set_clock")
def test_json_and_format_together_are_refused(recover: Callable[..., Run]) -> None:
    done = recover("streak", "--json", "--format", "{current_days}")

    assert done.code == 2
    assert done.out == ""


def test_help_shows_examples(recover: Callable[..., Run]) -> None:
    done = recover("streak", "--help")

    assert done.code == 0
    assert "recover streak --json" in done.out
    assert "--format" in done.out
    assert "recover streak set --since" in done.out
    assert recover("streak", "set", "--help").code == 0


# --- the view ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("set_clock")
def test_the_view_shows_every_figure_and_a_calendar_with_its_legend(
    recover: Callable[..., Run],
) -> None:
    with storage.transaction(clock.today()) as tx:
        tx.profile.onboarding.breakup_on = date(2026, 2, 14)
    recover("streak", "set", "--since", "2026-03-01")
    record_checkin(date(2026, 3, 16))
    record_slip(date(2026, 3, 17))
    record_checkin(date(2026, 3, 17), contact="slip")

    done = recover("streak")

    assert done.code == 0
    out = done.out
    assert "3 days without contact" in out
    assert "Longest: 15 days" in out
    assert "No-contact days in all: 18" in out
    assert "Slips: 1 (last on 2026-03-17)" in out
    assert "Goal: 3 of 30 days" in out and "27 to go" in out
    assert "Next milestone: 7 days, in 4 days" in out
    assert "Since the breakup: 34 days" in out
    assert "Today you reach 3 days" in out
    assert "· no check-in" in out and "○ checked in" in out and "◆ slip" in out
    week = next(line for line in out.splitlines() if line.startswith("Mon"))
    assert week.endswith("○")  # Monday the 16th, checked in
    assert next(line for line in out.splitlines() if line.startswith("Tue")).endswith("◆")
    assert "\x1b[" not in out


@pytest.mark.usefixtures("set_clock")
def test_a_slip_today_is_met_with_kindness(recover: Callable[..., Run]) -> None:
    recover("streak", "set", "--since", "2026-03-01")
    record_slip(date(2026, 3, 20))

    out = recover("streak").out

    assert "0 days without contact" in out
    assert "doesn't undo the days behind you" in out
    for harsh in ("fail", "ruin", "broke", "shame", "again?"):
        assert harsh not in out.lower()


def test_the_calendar_falls_back_to_ascii_where_symbols_cannot_be_encoded() -> None:
    today = date(2026, 3, 20)
    events = streak.StreakEvents(
        date(2026, 3, 1), (date(2026, 3, 17),), 30, time(0, 0), checkins={date(2026, 3, 16): "none"}
    )
    figures = streak.figures(events, today)
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="ascii")
    console = Console(file=stream, width=80, color_system=None)

    console.print(view.streak_view(figures, streak.calendar(events, today), today))
    stream.flush()
    text = buffer.getvalue().decode("ascii")

    assert ". no check-in" in text and "o checked in" in text and "* slip" in text
    assert "Goal: 3 of 30 days  ##------------------  27 to go" in text


@pytest.mark.usefixtures("set_clock")
def test_a_start_the_clock_has_not_reached_yet_is_explained(
    recover: Callable[..., Run], set_clock: Callable[..., None]
) -> None:
    recover("streak", "set", "--since", "2026-03-15")
    set_clock(2026, 2, 15)  # the computer's clock set back a month

    done = recover("streak")

    assert done.code == 0
    assert "begins on 2026-03-15" in done.out
    assert "nothing you recorded is lost" in done.out


# --- the summary: fast, and never wrong ---------------------------------------------------------


# The child processes below run on the real clock, so the period begins relative to it.


def test_the_status_bar_path_loads_no_pydantic_rich_or_filelock(
    recover: Callable[..., Run], recover_home: Path
) -> None:
    since = (clock.today() - timedelta(days=19)).isoformat()
    recover("streak", "set", "--since", since)
    env = {**os.environ, "RECOVER_HOME": str(recover_home)}

    for args in (["streak", "--json"], ["streak", "--format", "{started_on}"]):
        heavy, done = run_child(RUN_MAIN_THEN_REPORT, json.dumps(args), env=env)

        assert done.returncode == 0, done.stderr
        assert since in done.stdout
        assert heavy == []


def test_the_pretty_view_also_reads_the_summary_without_pydantic(
    recover: Callable[..., Run], recover_home: Path
) -> None:
    recover("streak", "set", "--since", (clock.today() - timedelta(days=19)).isoformat())
    env = {**os.environ, "RECOVER_HOME": str(recover_home)}

    heavy, done = run_child(RUN_MAIN_THEN_REPORT, json.dumps(["streak"]), env=env)

    assert done.returncode == 0, done.stderr
    assert "without contact" in done.stdout
    assert "pydantic" not in heavy and "filelock" not in heavy


@pytest.mark.usefixtures("set_clock")
def test_without_a_summary_the_figures_come_from_the_full_load(
    recover: Callable[..., Run],
) -> None:
    recover("streak", "set", "--since", "2026-03-01")
    record_slip(date(2026, 3, 10))
    expected = streak_json(recover)
    paths.summary_path().unlink()

    assert summary.read_checked() is None
    assert streak_json(recover) == expected
    assert summary.read_checked() is not None  # derived again, so the next call is fast


def test_reading_before_anything_is_saved_leaves_no_trace(
    recover: Callable[..., Run], recover_home: Path
) -> None:
    assert streak_json(recover)["started_on"] is None
    assert not recover_home.exists()


@pytest.mark.usefixtures("set_clock")
def test_a_hand_edited_profile_makes_the_summary_stale(recover: Callable[..., Run]) -> None:
    recover("streak", "set", "--since", "2026-03-01")
    profile = paths.profile_path()
    text = profile.read_text(encoding="utf-8")
    assert "started_on = 2026-03-01" in text

    profile.write_text(
        edited_on_purpose(
            text.replace("started_on = 2026-03-01", "started_on = 2026-03-11 # fixed by hand")
        ),
        encoding="utf-8",
    )

    assert summary.read_checked() is None
    assert streak_json(recover)["current_days"] == 9


@pytest.mark.usefixtures("set_clock")
@pytest.mark.parametrize("damage", ["not json", "[]", '{"version": 1, "fingerprints": [["x"]]}'])
def test_a_damaged_summary_falls_back_to_the_full_load(
    recover: Callable[..., Run], damage: str
) -> None:
    recover("streak", "set", "--since", "2026-03-01")
    paths.summary_path().write_text(damage, encoding="utf-8")

    assert streak_json(recover)["current_days"] == 19


@pytest.mark.usefixtures("set_clock")
def test_a_summary_with_fresh_fingerprints_but_edited_values_falls_back(
    recover: Callable[..., Run],
) -> None:
    recover("streak", "set", "--since", "2026-03-01")
    derived = json.loads(paths.summary_path().read_text(encoding="utf-8"))
    derived["slips"] = ["not a date"]
    paths.summary_path().write_text(json.dumps(derived), encoding="utf-8")

    assert streak_json(recover)["current_days"] == 19
    assert json.loads(paths.summary_path().read_text(encoding="utf-8"))["slips"] == []


def test_a_summary_written_days_ago_gives_todays_figures(
    recover: Callable[..., Run], set_clock: Callable[..., None]
) -> None:
    set_clock(2026, 3, 1, hour=9)
    recover("streak", "set", "--since", "2026-03-01")
    written = paths.summary_path().read_bytes()

    set_clock(2026, 3, 8, hour=23, minute=59)

    assert summary.read_checked() is not None
    data = streak_json(recover)
    assert (data["current_days"], data["next_milestone"]) == (7, 14)
    assert paths.summary_path().read_bytes() == written


def test_this_months_log_written_after_the_summary_is_noticed(
    recover: Callable[..., Run], set_clock: Callable[..., None]
) -> None:
    set_clock(2026, 2, 27)
    recover("streak", "set", "--since", "2026-02-20")
    february_summary = paths.summary_path().read_bytes()
    set_clock(2026, 3, 2)
    record_checkin(date(2026, 3, 2))
    # As if the log had been copied in by hand: the summary has never seen March.
    paths.summary_path().write_bytes(february_summary)

    assert summary.read_checked() is None
    week = next(line for line in recover("streak").out.splitlines() if line.startswith("Mon"))
    assert week.endswith("○")


def test_the_summary_uses_its_own_day_start_to_know_today(
    recover: Callable[..., Run], set_clock: Callable[..., None]
) -> None:
    set_clock(2026, 3, 30)
    with storage.transaction(clock.today()) as tx:
        tx.profile.settings.day_starts_at = time(4, 0)
    recover("streak", "set", "--since", "2026-03-01")
    set_clock(2026, 4, 1, hour=2)  # still 31 March until 04:00

    assert summary.read_checked() is not None
    assert streak_json(recover)["current_days"] == 30
    set_clock(2026, 4, 1, hour=4)
    assert streak_json(recover)["current_days"] == 31


def test_a_clock_set_back_a_month_and_forward_again_erases_nothing(
    recover: Callable[..., Run], set_clock: Callable[..., None]
) -> None:
    set_clock(2026, 3, 20)
    recover("streak", "set", "--since", "2026-03-01")
    record_slip(date(2026, 3, 10))

    set_clock(2026, 2, 20)
    back_then = streak_json(recover)
    set_clock(2026, 3, 20)
    restored = streak_json(recover)

    assert (back_then["started_on"], back_then["current_days"]) == ("2026-03-01", 0)
    assert (restored["current_days"], restored["slips"], restored["total_days"]) == (10, 1, 18)
    assert [slip.on for slip in storage.read_profile().no_contact.slips] == [date(2026, 3, 10)]
