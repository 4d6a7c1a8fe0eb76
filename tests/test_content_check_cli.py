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
        "steps/04-change.toml: sessions[0].beats[4]: refers to '3a.nope', "
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


# --- situations: each person meets the beats for their situation --------------------------

EXTRA_SESSION = """
[[sessions]]
id = "m9"
title = "Extra"
minutes = 2

[[sessions.beats]]
type = "read"
situations = {situations}
text = "Only for some."
"""


def _problems(runner: CliRunner, folder: Path) -> list[str]:
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 1
    return result.stderr.splitlines()


def test_an_unknown_situation_is_a_problem_naming_the_known_ones(
    runner: CliRunner, folder: Path
) -> None:
    _edit(folder / "steps" / "02-heal.toml", 'situations = ["harmed"]', 'situations = ["hurt"]')
    [line] = _problems(runner, folder)
    assert line.startswith("steps/02-heal.toml: sessions[0].beats[1]")
    for known in ("'harmed'", "'own_behaviour'", "'ex_asked_no_contact'", "'clear'"):
        assert known in line


def test_a_walk_through_a_question_one_situation_never_met_is_a_problem_for_it_alone(
    runner: CliRunner, folder: Path
) -> None:
    _edit(folder / "steps" / "04-change.toml", 'for_each = "3b.needs"', 'for_each = "3b.own_part"')
    assert _problems(runner, folder) == [
        "steps/04-change.toml: sessions[0].beats[6]: refers to '3b.own_part', which someone "
        "in the 'harmed' situation is never asked before this beat; narrow this beat's "
        "`situations`, or point it at a question they see"
    ]


def test_a_recall_shown_to_everyone_must_point_at_a_question_everyone_met(
    runner: CliRunner, folder: Path
) -> None:
    _edit(
        folder / "moveon.toml",
        'situations = ["clear"]\ntext = "Here is what you learned',
        'text = "Here is what you learned',
    )
    lines = _problems(runner, folder)
    assert lines == [
        "moveon.toml: sessions[1].beats[0]: refers to '3a.why', which someone in the 'harmed' "
        "situation is never asked before this beat; narrow this beat's `situations`, or point "
        "it at a question they see",
        "moveon.toml: sessions[1].beats[0]: refers to '3b.lesson', which someone in the "
        "'harmed' situation is never asked before this beat; narrow this beat's `situations`, "
        "or point it at a question they see",
        "moveon.toml: sessions[1].beats[0]: refers to '4b.tomorrow', which someone in the "
        "'harmed' or 'own_behaviour' or 'ex_asked_no_contact' situation is never asked before "
        "this beat; narrow this beat's `situations`, or point it at a question they see",
    ]


def test_a_step_its_gate_keeps_from_a_situation_need_not_speak_to_it(
    runner: CliRunner, folder: Path
) -> None:
    # Step 6 walks through clear-only answers: only a clear screen ever opens it...
    assert runner.invoke(app, ["check", str(folder)]).exit_code == 0
    # ...but a gate without that condition would let the other situations reach it.
    _edit(
        folder / "steps" / "06-conversation.toml",
        'condition = "safety_clear"',
        'condition = "steps_1_to_4_done"',
    )
    lines = _problems(runner, folder)
    assert all(line.startswith("steps/06-conversation.toml: sessions[0].") for line in lines)
    assert any("which someone in the 'harmed' or 'own_behaviour' situation" in x for x in lines)
    assert not any("ex_asked_no_contact" in line for line in lines)  # still kept out


def test_a_session_that_shows_a_situation_nothing_is_a_problem(
    runner: CliRunner, folder: Path
) -> None:
    with (folder / "moveon.toml").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_SESSION.format(situations='["clear", "harmed"]'))
    assert _problems(runner, folder) == [
        "moveon.toml: sessions[3]: shows nothing to someone in the 'own_behaviour' or "
        "'ex_asked_no_contact' situation"
    ]


def test_a_beat_for_no_situation_is_a_problem(runner: CliRunner, folder: Path) -> None:
    with (folder / "moveon.toml").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_SESSION.format(situations="[]"))
    assert _problems(runner, folder) == [
        "moveon.toml: sessions[3]: shows nothing to someone in the 'harmed' or 'own_behaviour' "
        "or 'ex_asked_no_contact' or 'clear' situation",
        "moveon.toml: sessions[3].beats[0].situations: names no situation, so nobody would see "
        "this beat (leave `situations` out to show it to everyone)",
    ]
