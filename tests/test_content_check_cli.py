"""`recover content check`: one line per problem, a count, and an exit code scripts can use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recover_coach.cli.content import app
from recover_coach.errors import RecoverError
from test_content import write_program_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_program_folder(tmp_path / "content")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_good_folder_passes_with_what_it_holds(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("Content OK: 7 steps, ")
    assert "sessions" in result.stderr and "questions" in result.stderr
    assert result.stdout == ""


def test_without_a_folder_it_checks_the_content_recover_runs_on(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVER_CONTENT", str(folder))
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.stderr
    assert "Content OK" in result.stderr


def test_each_problem_is_one_line_naming_the_file_and_the_place(
    runner: CliRunner, folder: Path
) -> None:
    _edit(folder / "final.toml", 'title = "Final thoughts', 'heading = "Final thoughts')
    _edit(folder / "steps" / "01-space.toml", "minutes = 4", "minutes = 90")
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "final.toml: title: Field required" in lines
    assert any(line.startswith("steps/01-space.toml: sessions[0].minutes: ") for line in lines)
    assert isinstance(result.exception, RecoverError)
    assert str(result.exception).startswith(f"{len(lines)} problems in ")
    assert result.stdout == ""


def test_a_reference_to_an_answer_nobody_gave_is_a_problem(runner: CliRunner, folder: Path) -> None:
    _edit(folder / "steps" / "04-change.toml", 'for_each = "3a.reasons"', 'for_each = "3a.nope"')
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "steps/04-change.toml: sessions[0].beats[2]: refers to '3a.nope', "
        "which no earlier question answers"
    ]
    assert str(result.exception).startswith("1 problem in ")


def test_a_missing_folder_is_reported_as_a_problem(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("folder: not found")


def test_help_shows_an_example(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    assert "Example: recover content check" in result.stdout


def test_the_installed_command_ends_with_a_one_line_count(folder: Path, tmp_path: Path) -> None:
    (folder / "unhealthy.toml").unlink()
    env = {**os.environ, "RECOVER_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "recover_coach", "content", "check", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "unhealthy.toml: file: missing",
        f"recover: 1 problem in {folder}. Fix it and run `recover content check` again.",
    ]
    assert "Traceback" not in result.stderr


def test_problems_in_the_helplines_and_crisis_rules_are_reported_too(
    runner: CliRunner, folder: Path
) -> None:
    (folder / "support.toml").write_text('intro = "Help"\n', encoding="utf-8")
    (folder / "crisis.toml").write_text("rules = []\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "support.toml: crisis_line: Field required" in lines
    assert any(line.startswith("crisis.toml: rules: ") for line in lines)
