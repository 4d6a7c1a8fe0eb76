"""The installed `recover` at chosen dates, times and zones, with the system clock faked.

libfaketime (`faketime`) makes the whole process, Python's clock included, believe it is
another moment, and TZ picks the zone: nothing inside recover is patched. CI installs it
with `apt-get install faketime`; without it these tests are skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FAKETIME = shutil.which("faketime")
pytestmark = pytest.mark.skipif(
    FAKETIME is None, reason="faketime (libfaketime) is not installed: apt-get install faketime"
)


def installed_recover() -> str:
    beside_python = Path(sys.executable).with_name("recover.exe" if os.name == "nt" else "recover")
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("recover")
    if found is None:
        pytest.skip("the recover command is not installed in this environment")
    return found


def recover_at(moment: str, zone: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run `recover *args` as if the local time in `zone` were `moment` ('YYYY-MM-DD HH:MM:SS')."""
    assert FAKETIME is not None
    env = {
        **os.environ,
        "TZ": zone,
        "RECOVER_HOME": str(home),
        "NO_COLOR": "1",
        # Only the wall clock is faked; timeouts and sleeps keep real time.
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
    }
    return subprocess.run(
        [FAKETIME, moment, installed_recover(), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=60,
    )


def streak_at(moment: str, zone: str, home: Path) -> dict[str, object]:
    done = recover_at(moment, zone, "streak", "--json", home=home)
    assert done.returncode == 0, done.stderr
    data: dict[str, object] = json.loads(done.stdout)
    return data


def begin(moment: str, zone: str, since: str, home: Path) -> None:
    done = recover_at(moment, zone, "streak", "set", "--since", since, home=home)
    assert done.returncode == 0, done.stderr


def test_the_faked_clock_reaches_the_installed_command(recover_home: Path) -> None:
    begin("2026-03-01 10:00:00", "Europe/London", "2026-03-01", recover_home)

    assert streak_at("2026-03-01 23:59:00", "Europe/London", recover_home)["current_days"] == 0
    assert streak_at("2026-03-02 00:01:00", "Europe/London", recover_home)["current_days"] == 1


def test_a_start_set_once_is_counted_at_later_dates(recover_home: Path) -> None:
    begin("2026-03-01 10:00:00", "Europe/London", "2026-02-20", recover_home)

    at_first = streak_at("2026-03-01 10:00:05", "Europe/London", recover_home)
    a_week_on = streak_at("2026-03-08 09:00:00", "Europe/London", recover_home)
    months_on = streak_at("2026-06-01 12:00:00", "Europe/London", recover_home)

    assert (at_first["started_on"], at_first["current_days"]) == ("2026-02-20", 9)
    assert (a_week_on["current_days"], a_week_on["next_milestone"]) == (16, 21)
    assert (months_on["current_days"], months_on["goal_reached"]) == (101, True)


def test_a_start_after_the_faked_today_is_refused(recover_home: Path) -> None:
    done = recover_at(
        "2026-03-01 10:00:00",
        "Europe/London",
        "streak",
        "set",
        "--since",
        "2026-03-02",
        home=recover_home,
    )

    assert done.returncode == 2
    assert "--since" in done.stderr
    assert not (recover_home / "profile.toml").exists()


def test_the_spring_dst_change_in_london_neither_gains_nor_loses_a_day(recover_home: Path) -> None:
    # Clocks go from 01:00 GMT to 02:00 BST on 2026-03-29.
    begin("2026-03-28 12:00:00", "Europe/London", "2026-03-28", recover_home)

    before_change = streak_at("2026-03-29 00:30:00", "Europe/London", recover_home)
    after_change = streak_at("2026-03-29 23:30:00", "Europe/London", recover_home)
    next_day = streak_at("2026-03-30 00:30:00", "Europe/London", recover_home)

    assert before_change["current_days"] == 1
    assert after_change["current_days"] == 1
    assert next_day["current_days"] == 2


def test_the_autumn_dst_change_in_london_counts_its_25_hours_as_one_day(
    recover_home: Path,
) -> None:
    # Clocks go from 02:00 BST back to 01:00 GMT on 2026-10-25.
    begin("2026-10-24 12:00:00", "Europe/London", "2026-10-24", recover_home)

    assert streak_at("2026-10-25 00:30:00", "Europe/London", recover_home)["current_days"] == 1
    assert streak_at("2026-10-25 23:30:00", "Europe/London", recover_home)["current_days"] == 1
    assert streak_at("2026-10-26 00:10:00", "Europe/London", recover_home)["current_days"] == 2


def test_with_the_day_starting_at_4_am_3_30_is_still_yesterday(recover_home: Path) -> None:
    configured = recover_at(
        "2026-03-10 12:00:00",
        "Europe/London",
        "config",
        "set",
        "day_starts_at",
        "04:00",
        home=recover_home,
    )
    assert configured.returncode == 0, configured.stderr
    begin("2026-03-10 12:00:00", "Europe/London", "2026-03-10", recover_home)

    night = streak_at("2026-03-12 03:30:00", "Europe/London", recover_home)
    morning = streak_at("2026-03-12 04:30:00", "Europe/London", recover_home)
    too_early = recover_at(
        "2026-03-12 03:30:00",
        "Europe/London",
        "streak",
        "set",
        "--since",
        "2026-03-12",
        home=recover_home,
    )

    assert night["current_days"] == 1
    assert morning["current_days"] == 2
    assert too_early.returncode == 2  # at 03:30 it is still the 11th


def test_flying_from_new_york_to_london_overnight_continues_the_streak(
    recover_home: Path,
) -> None:
    begin("2026-03-01 12:00:00", "America/New_York", "2026-03-01", recover_home)

    evening_in_new_york = streak_at("2026-03-10 23:30:00", "America/New_York", recover_home)
    morning_in_london = streak_at("2026-03-11 08:00:00", "Europe/London", recover_home)

    assert evening_in_new_york["current_days"] == 9
    assert morning_in_london["current_days"] == 10


def test_a_clock_set_back_a_month_and_forward_again_keeps_everything(
    recover_home: Path,
) -> None:
    begin("2026-03-20 12:00:00", "Europe/London", "2026-03-01", recover_home)

    wrong = streak_at("2026-02-20 12:00:00", "Europe/London", recover_home)
    shown_wrong = recover_at("2026-02-20 12:00:00", "Europe/London", "streak", home=recover_home)
    right_again = streak_at("2026-03-20 12:00:00", "Europe/London", recover_home)

    assert (wrong["started_on"], wrong["current_days"]) == ("2026-03-01", 0)
    assert "begins on 2026-03-01" in shown_wrong.stdout
    assert (right_again["started_on"], right_again["current_days"]) == ("2026-03-01", 19)


def test_the_status_bar_format_at_a_faked_time(recover_home: Path) -> None:
    begin("2026-03-01 10:00:00", "Australia/Sydney", "2026-03-01", recover_home)

    done = recover_at(
        "2026-04-05 02:30:00",
        "Australia/Sydney",
        "streak",
        "--format",
        "{current_days}d",
        home=recover_home,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout == "35d\n"
