"""`recover support` always shows help, and the crisis check speaks up on stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import recover
from recover_coach.cli.app import app
from recover_coach.crisis import crisis_check

CONTENT = Path(__file__).resolve().parents[1] / "content"


def save_region(home: Path, region: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "profile.toml").write_text(
        f'schema_version = 1\n\n[settings]\nregion = "{region}"\n\n[end]\ncomplete = true\n'
    )


def test_support_works_before_start_and_shows_the_worldwide_directory(runner: CliRunner) -> None:
    result = runner.invoke(app, ["support"])
    assert result.exit_code == 0, result.output
    assert "findahelpline.com" in result.stdout
    assert "your local emergency number" in result.stdout
    assert "--region" in result.stdout


def test_support_for_a_region_shows_its_lines_and_emergency_number(runner: CliRunner) -> None:
    result = runner.invoke(app, ["support", "--region", "GB"])
    assert result.exit_code == 0, result.output
    assert "call 999" in result.stdout
    assert "116 123" in result.stdout  # Samaritans
    assert "0808 2000 247" in result.stdout  # National Domestic Abuse Helpline
    assert "0808 802 4040" in result.stdout  # Respect Phoneline, own behaviour
    assert "findahelpline.com" in result.stdout


def test_support_uses_the_region_saved_in_the_profile(
    runner: CliRunner, recover_home: Path
) -> None:
    save_region(recover_home, "AU")
    result = runner.invoke(app, ["support"])
    assert result.exit_code == 0, result.output
    assert "13 11 14" in result.stdout  # Lifeline
    assert "call 000" in result.stdout


def test_the_region_flag_wins_over_the_profile(runner: CliRunner, recover_home: Path) -> None:
    save_region(recover_home, "AU")
    result = runner.invoke(app, ["support", "--region", "US"])
    assert "988" in result.stdout
    assert "13 11 14" not in result.stdout


LINE_FIELDS = {"name", "number", "text", "web", "hours", "note", "kind", "source"}


def test_support_json_gives_each_line_in_fields_a_script_can_use(runner: CliRunner) -> None:
    result = runner.invoke(app, ["support", "--region", "gb", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["region"], data["name"], data["emergency"]) == ("GB", "United Kingdom", "999")
    lines = {line["name"]: line for line in data["helplines"]}
    assert lines["Samaritans"]["number"] == "116 123"
    assert lines["Shout"]["number"] is None
    assert lines["Shout"]["text"] == "text SHOUT to 85258"
    assert lines["Respect Phoneline"]["kind"] == "own_behaviour"
    for line in [*data["helplines"], *data["international"]]:
        assert LINE_FIELDS | {"last_verified"} == set(line)
        assert line["number"] is None or re.fullmatch(r"[0-9]+( [0-9]+)*", line["number"])
        assert line["source"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", line["last_verified"])
    assert any(line["web"] == "findahelpline.com" for line in data["international"])


def test_support_json_without_a_region_has_the_directory_and_no_emergency_number(
    runner: CliRunner,
) -> None:
    data = json.loads(runner.invoke(app, ["support", "--json"]).stdout)
    assert (data["region"], data["emergency"], data["helplines"]) == (None, None, [])
    assert data["international"]


def test_the_json_fields_are_documented_in_the_help(runner: CliRunner) -> None:
    shown = " ".join(runner.invoke(app, ["support", "--help"]).stdout.replace("│", " ").split())
    for field in [*LINE_FIELDS, "last_verified", "emergency", "region"]:
        assert re.search(rf"\b{field}\b", shown), field


def test_an_unknown_region_is_one_line_naming_the_known_codes(runner: CliRunner) -> None:
    done = recover(runner, "support", "--region", "ZZ")
    assert done.code == 2
    assert done.out == ""
    [line] = done.err.splitlines()
    assert "AU, CA, GB, IE, IN, US" in line
    assert "findahelpline.com" in line  # nobody leaves empty-handed
    assert "ZZ" not in line


@pytest.mark.parametrize("region", ["uk", "Ireland", " ie "])
def test_a_region_is_found_by_alias_or_name(runner: CliRunner, region: str) -> None:
    assert runner.invoke(app, ["support", "--region", region]).exit_code == 0


def test_ireland_shows_its_lines_and_emergency_number(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["support", "--region", "IE"]).stdout
    assert "call 112" in shown
    assert "Samaritans: call 116 123" in shown
    assert "text TALK to 50808, 24/7" in shown
    assert "Pieta: call 1800 247 247, or text HELP to 51444" in shown


def test_a_saved_region_recover_has_no_lines_for_shows_the_worldwide_ones(
    runner: CliRunner, recover_home: Path
) -> None:
    save_region(recover_home, "NZ")
    result = runner.invoke(app, ["support"])
    assert result.exit_code == 0, result.output
    assert "findahelpline.com" in result.stdout


def test_the_lines_read_at_80_columns_without_colour(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    from recover_coach import ui

    monkeypatch.setenv("COLUMNS", "80")
    ui.out.cache_clear()  # the console keeps the width it was made with
    request.addfinalizer(ui.out.cache_clear)
    for region in ("US", "GB", "CA", "AU", "IE", "IN"):
        shown = runner.invoke(app, ["support", "--region", region]).stdout
        assert "\x1b[" not in shown
        assert max(len(line.rstrip()) for line in shown.splitlines()) <= 80
        # A helpline that wraps stays indented under its name: no number at the margin.
        assert not [line for line in shown.splitlines() if line[:1].isdigit()]


def test_support_works_with_a_garbled_profile_and_leaves_it_alone(
    runner: CliRunner, recover_home: Path
) -> None:
    recover_home.mkdir(parents=True)
    garbled = b"\x00\xff not toml [[[ region = 'GB'"
    (recover_home / "profile.toml").write_bytes(garbled)
    result = runner.invoke(app, ["support"])
    assert result.exit_code == 0, result.output
    assert "findahelpline.com" in result.stdout
    assert (recover_home / "profile.toml").read_bytes() == garbled
    with_flag = runner.invoke(app, ["support", "--region", "IE"])
    assert with_flag.exit_code == 0
    assert "116 123" in with_flag.stdout
    assert "call 112" in with_flag.stdout
    assert "safety plan" not in with_flag.stdout  # no profile to read it from


def test_support_works_when_the_rest_of_the_content_is_missing(
    runner: CliRunner, only_safety_content: Path
) -> None:
    result = runner.invoke(app, ["support", "--region", "CA"])
    assert result.exit_code == 0, result.output
    assert "988" in result.stdout


def test_support_reads_without_colour(runner: CliRunner) -> None:
    result = runner.invoke(app, ["support", "--region", "GB"])
    assert "\x1b[" not in result.stdout


def test_crisis_check_shows_the_caring_line_crisis_line_and_emergency_number_on_stderr(
    capsys: pytest.CaptureFixture[str], only_safety_content: Path
) -> None:
    assert crisis_check("I don\u2019t want to wake up tomorrow", "GB")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "you don't have to face this alone" in captured.err
    assert "116 123" in captured.err
    assert "call 999" in captured.err
    assert "recover support" in captured.err
    assert "wake up" not in captured.err  # never echoes what the person wrote


def test_crisis_check_with_no_region_offers_the_worldwide_directory(
    capsys: pytest.CaptureFixture[str], only_safety_content: Path
) -> None:
    assert crisis_check("everyone would be better off without me", "")
    err = capsys.readouterr().err
    assert "findahelpline.com" in err
    assert "your local emergency number" in err


def test_crisis_check_stays_quiet_for_ordinary_answers(
    capsys: pytest.CaptureFixture[str], only_safety_content: Path
) -> None:
    assert not crisis_check("I nailed the presentation, killed it", "US")
    assert capsys.readouterr().err == ""


def test_a_broken_support_file_still_points_to_help(
    runner: CliRunner, only_safety_content: Path
) -> None:
    (only_safety_content / "support.toml").write_text("intro = [unclosed\n")
    result = runner.invoke(app, ["support"])
    assert result.exit_code != 0
    assert "support.toml" in str(result.exception)
    assert "findahelpline.com" in str(result.exception)
    assert "emergency number" in str(result.exception)


def test_an_empty_answer_is_no_crisis_and_loads_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECOVER_CONTENT", "/nowhere")  # loading the rules would fail
    assert crisis_check("   ", "GB") is False
    assert capsys.readouterr().err == ""
