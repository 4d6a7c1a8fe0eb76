"""`recover progress`, `journal` and `config`: readable, scriptable, never prompting."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers_cli import TODAY, recover
from recover_coach import clock, reflections, storage
from recover_coach.cli.app import app
from test_start_cli import CLEAR_ONBOARDING, STEP_ONE

# Every test here runs on 2026-03-20, whatever the real date: a run at midnight stays one day.
pytestmark = pytest.mark.usefixtures("march_clock")

MINI = Path(__file__).parent / "fixtures" / "content-mini"
AT = datetime(2026, 3, 10, 21, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def mini(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECOVER_CONTENT", str(MINI))
    return MINI


def json_of(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- progress --------------------------------------------------------------------------------


def test_progress_before_anything_shows_step_one_open_and_the_rest_locked(
    runner: CliRunner, recover_home: Path
) -> None:
    data = json_of(runner, "progress", "--json")
    assert data["current_step"] == 1 and data["track"] == "reconnect"
    assert data["no_contact_days"] is None
    assert data["next_session"] == {
        "session": "1a",
        "title": "Why space",
        "step": 1,
        "part": "step1",
        "minutes": 3,
        "resumes_mid_session": False,
    }
    steps = data["steps"]
    assert isinstance(steps, list)
    assert [(s["number"], s["status"]) for s in steps[:3]] == [
        (1, "open"),
        (2, "locked"),
        (3, "locked"),
    ]
    assert steps[1]["locked_because"] == ["Finish Step 1 (Space) first."]
    assert "locked_because" not in steps[0]
    assert not recover_home.exists()  # reading never creates files


@pytest.mark.usefixtures("interactive")
def test_progress_after_step_one_counts_no_contact_days_and_names_the_next_session(
    runner: CliRunner,
) -> None:
    recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + "n\n")
    data = json_of(runner, "progress", "--json")
    assert data["current_step"] == 2 and data["no_contact_days"] == 0
    assert isinstance(data["next_session"], dict) and data["next_session"]["session"] == "2a"
    shown = runner.invoke(app, ["progress"]).stdout
    assert "no contact: 0 of 30 days" in shown
    assert "✓ done" in shown and "Next session: Step 2: Heal · Who you want to be" in shown
    # While earlier steps are still open, the reconnect gate already says what it waits for.
    assert "Step 5: Reach out is not open yet." in shown
    assert "30 more days of no contact (goal 30)." in shown


def test_progress_explains_a_closed_gate_with_its_days_left(runner: CliRunner) -> None:
    with storage.transaction(TODAY) as tx:
        profile = tx.profile
        for session in ("1a", "2a", "2b", "3a", "4a"):
            profile.program.sessions_done[session] = clock.today()
        profile.no_contact.started_on = clock.today() - timedelta(days=10)
    data = json_of(runner, "progress", "--json")
    assert data["current_step"] == 5 and data["next_session"] is None
    step5 = data["steps"][4]
    assert step5["locked_because"] == ["20 more days of no contact (goal 30)."]
    shown = runner.invoke(app, ["progress"]).stdout
    assert "Step 5: Reach out is not open yet." in shown
    assert "20 more days of no contact (goal 30)." in shown
    assert "Meanwhile, keep checking in." in shown


# --- journal ---------------------------------------------------------------------------------


def save_answers() -> None:
    with storage.transaction(TODAY) as tx:
        profile = tx.profile
        reflections.record_answer(profile, "1a.hardest", 1, "What will be hardest?", "nights", AT)
        reflections.record_answer(profile, "2a.person", 2, "Who do you want to be?", "kind", AT)
        later = AT + timedelta(days=2)
        reflections.record_answer(
            profile, "1a.hardest", 1, "What will be hardest?", "mornings", later
        )
        reflections.record_answer(
            profile, "daily.2026-03-11", 2, "What helped today?", "a walk", later
        )


def test_the_journal_json_holds_every_entry_oldest_first_with_dates(runner: CliRunner) -> None:
    save_answers()
    data = json_of(runner, "journal", "--json")
    steps = data["steps"]
    assert isinstance(steps, list)
    assert [(s["number"], s["title"]) for s in steps] == [(1, "Step 1: Space"), (2, "Step 2: Heal")]
    hardest = steps[0]["reflections"][0]
    assert hardest["prompt"] == "What will be hardest?"
    assert [(e["at"][:10], e["value"]) for e in hardest["entries"]] == [
        ("2026-03-10", "nights"),
        ("2026-03-12", "mornings"),
    ]
    assert [r["key"] for r in steps[1]["reflections"]] == ["2a.person", "daily.2026-03-11"]


def test_the_journal_for_one_step_shows_its_history(runner: CliRunner) -> None:
    save_answers()
    result = runner.invoke(app, ["journal", "--step", "1"])
    assert result.exit_code == 0
    assert "What will be hardest?" in result.stdout
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[1:6] == [
        "What will be hardest?",
        "10 Mar 2026",
        "nights",
        "12 Mar 2026",
        "mornings",
    ]
    assert "Who do you want to be?" not in result.stdout


def test_an_empty_journal_says_where_answers_will_come_from(runner: CliRunner) -> None:
    result = runner.invoke(app, ["journal"])
    assert result.exit_code == 0 and "Nothing written yet" in result.stdout
    assert json_of(runner, "journal", "--json") == {"steps": []}


def test_the_journal_opens_even_when_the_content_is_broken(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    save_answers()
    monkeypatch.setenv("RECOVER_CONTENT", str(tmp_path / "nowhere"))
    data = json_of(runner, "journal", "--json")
    assert [s["title"] for s in data["steps"]] == ["Step 1", "Step 2"]


def test_the_journal_refuses_a_step_number_that_does_not_exist(runner: CliRunner) -> None:
    run = recover(runner, "journal", "--step", "12")
    assert run.code == 2 and "from 0 (getting started) to 8" in run.err


# --- config ----------------------------------------------------------------------------------


def test_config_show_lists_the_defaults(runner: CliRunner) -> None:
    assert json_of(runner, "config", "show", "--json") == {
        "region": "",
        "goal_days": 30,
        "day_starts_at": "00:00",
    }
    shown = runner.invoke(app, ["config", "show"]).stdout
    assert "goal_days" in shown and "worldwide resources" in shown


def test_config_set_saves_each_setting(runner: CliRunner) -> None:
    for key, value in (("region", "gb"), ("goal_days", "45"), ("day_starts_at", "04:30")):
        run = recover(runner, "config", "set", key, value)
        assert run.code == 0, run.err
    assert "Saved: day_starts_at is now 04:30." in run.err
    settings = storage.read_profile().settings
    assert (settings.region, settings.goal_days) == ("GB", 45)
    assert settings.day_starts_at == time(4, 30)
    assert "United Kingdom" in runner.invoke(app, ["config", "show"]).stdout


def test_a_goal_under_21_days_is_refused_and_nothing_is_written(
    runner: CliRunner, recover_home: Path
) -> None:
    run = recover(runner, "config", "set", "goal_days", "14")
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1 and "never under 21" in run.err
    assert not recover_home.exists()


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("region", "FR", "region takes one of GB, US"),
        ("day_starts_at", "4pm", "day_starts_at takes a time from 00:00 to 11:59"),
        ("day_starts_at", "13:00", "from 00:00 to 11:59"),
        ("colour", "blue", "Settings are: region, goal_days, day_starts_at."),
    ],
)
def test_a_bad_setting_is_one_line_exit_2(
    runner: CliRunner, key: str, value: str, message: str
) -> None:
    run = recover(runner, "config", "set", key, value)
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1 and message in run.err


def test_any_country_code_is_accepted_when_the_helplines_cannot_load(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("RECOVER_CONTENT", str(tmp_path / "nowhere"))
    assert recover(runner, "config", "set", "region", "fr").code == 0
    assert storage.read_profile().settings.region == "FR"


def test_an_empty_region_means_worldwide_resources(runner: CliRunner) -> None:
    recover(runner, "config", "set", "region", "US")
    run = recover(runner, "config", "set", "region", "")
    assert run.code == 0 and "worldwide" in run.err
    assert storage.read_profile().settings.region == ""
