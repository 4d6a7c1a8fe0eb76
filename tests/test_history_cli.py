"""`recover history`: everything in date order, as a table or as JSON, optionally by month."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import begin_period, files, recover

pytestmark = pytest.mark.usefixtures("march_clock")


@pytest.fixture
def lived_in(runner: CliRunner, march_clock: None) -> None:
    """Three months of entries, recorded through the commands themselves."""
    begin_period(date(2026, 1, 5))
    for args in (
        [
            "checkin",
            "--date",
            "2026-01-10",
            "--mood",
            "3",
            "--contact",
            "none",
            "--note",
            "First week.",
        ],
        ["slip", "--date", "2026-02-14", "--note", "Answered."],
        ["checkin", "--date", "2026-02-14", "--mood", "2", "--contact", "slip"],
        [
            "checkin",
            "--date",
            "2026-03-19",
            "--mood",
            "7",
            "--contact",
            "ignored",
            "--selfcare",
            "people",
        ],
        ["urge", "--log", "6"],
    ):
        done = recover(runner, *args)
        assert done.code == 0, done.err


@pytest.mark.usefixtures("lived_in")
def test_the_table_lists_check_ins_slips_and_urges_in_date_order(runner: CliRunner) -> None:
    done = recover(runner, "history")
    assert done.code == 0, done.err
    rows = [line.split()[:2] for line in done.out.splitlines() if line[:4].isdigit()]
    assert rows == [
        ["2026-01-10", "check-in"],
        ["2026-02-14", "check-in"],
        ["2026-02-14", "slip"],
        ["2026-03-19", "check-in"],
        ["2026-03-20", "urge"],
    ]
    assert "First week." in done.out
    assert "they reached out, not answered" in done.out
    assert "\x1b[" not in done.out


@pytest.mark.usefixtures("lived_in")
def test_json_lists_every_check_in_with_its_date_and_fields(runner: CliRunner) -> None:
    done = recover(runner, "history", "--json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert set(data) == {"version", "checkins", "slips", "urges"}
    assert [entry["on"] for entry in data["checkins"]] == ["2026-01-10", "2026-02-14", "2026-03-19"]
    first = data["checkins"][0]
    assert {
        "on",
        "recorded_at",
        "mood",
        "contact",
        "checked_socials",
        "urge",
        "selfcare",
        "note",
    } <= set(first)
    assert (first["mood"], first["contact"], first["note"]) == (3, "none", "First week.")
    [slip] = data["slips"]
    assert (slip["on"], slip["from_checkin"], slip["note"]) == ("2026-02-14", False, "Answered.")
    assert [urge["before"] for urge in data["urges"]] == [6]


@pytest.mark.usefixtures("lived_in")
def test_since_and_until_keep_to_the_months_asked_for(runner: CliRunner) -> None:
    data = json.loads(
        recover(runner, "history", "--json", "--since", "2026-02", "--until", "2026-02").out
    )
    assert [entry["on"] for entry in data["checkins"]] == ["2026-02-14"]
    assert [slip["on"] for slip in data["slips"]] == ["2026-02-14"]
    assert data["urges"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-3"], "--since takes a month written YYYY-MM"),
        (["--until", "March"], "--until takes a month written YYYY-MM"),
        (["--since", "2026-03", "--until", "2026-01"], "--since must not be later than --until"),
    ],
)
def test_a_bad_month_is_one_line_naming_the_flag(
    runner: CliRunner, recover_home: Path, args: list[str], message: str
) -> None:
    done = recover(runner, "history", *args)
    assert done.code == 2
    assert done.err.startswith("recover: ") and message in done.err


def test_an_empty_history_says_where_to_begin_and_writes_nothing(
    runner: CliRunner, recover_home: Path
) -> None:
    done = recover(runner, "history")
    assert done.code == 0, done.err
    assert "recover checkin" in done.out
    assert files(recover_home) == {}
    assert json.loads(recover(runner, "history", "--json").out) == {
        "version": 1,
        "checkins": [],
        "slips": [],
        "urges": [],
    }
