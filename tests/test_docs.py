"""The README and --help keep up with the app (the sqlite-utils trick).

Every command the app registers is shown in a README code block and has help with an
example; the README's set-up commands are the very lines CI runs.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from typer import _click as click
from typer.testing import CliRunner

from recover_coach.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CI_SCRIPT = ROOT / ".ci" / "run"
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def subcommands(command: Any) -> dict[str, Any]:
    """A group's commands through click's own API (the root loads its commands lazily)."""
    if not hasattr(command, "list_commands"):
        return {}
    context = click.Context(command)
    return {name: command.get_command(context, name) for name in command.list_commands(context)}


def command_paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, Any]]:
    """Every visible command and group below the root, as ('streak set', command)."""
    found: list[tuple[str, Any]] = []
    for name, sub in sorted(subcommands(command).items()):
        if getattr(sub, "hidden", False):
            continue
        path = (*prefix, name)
        found.append((" ".join(path), sub))
        found.extend(command_paths(sub, path))
    return found


COMMANDS = command_paths(typer.main.get_command(app))


def readme_code() -> str:
    return "\n".join(FENCE.findall(README.read_text(encoding="utf-8")))


def setup_commands() -> list[str]:
    """The command lines in the fenced block(s) under the README's '## Set up' heading."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Set up\b.*?$(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, "README.md needs a '## Set up' section"
    lines = "\n".join(FENCE.findall(match.group(1))).splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_the_app_registers_commands() -> None:
    names = {path for path, _ in COMMANDS}
    assert {"start", "checkin", "streak", "support"} <= names


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS])
def test_every_command_is_shown_in_a_readme_code_block(path: str) -> None:
    pattern = re.compile(rf"(^|[\s$]){re.escape('recover ' + path)}(\s|$)", re.MULTILINE)
    assert pattern.search(readme_code()), f"add an example of `recover {path}` to README.md"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path: str, command: Any) -> None:
    help_text = f"{command.help or ''}\n{command.epilog or ''}"
    assert help_text.strip(), f"`recover {path}` has no help text"
    assert "Example" in help_text, f"`recover {path} --help` shows no example"


def readme_examples() -> list[str]:
    """Every `recover ...` line in the README's code blocks, without leading VAR=value."""
    examples = []
    for line in readme_code().splitlines():
        words = shlex.split(line)
        while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
            words = words[1:]
        if words and words[0] == "recover":
            examples.append(shlex.join(words))
    return examples


@pytest.mark.parametrize("example", readme_examples())
def test_every_readme_example_uses_options_the_command_has(example: str) -> None:
    command: Any = typer.main.get_command(app)
    words = shlex.split(example)[1:]
    path = []
    while words and words[0] in subcommands(command):
        path.append(words[0])
        command = subcommands(command)[words.pop(0)]
    assert path, f"`{example}`: no such command"
    known = {"--help", "-h"}
    for param in command.params:
        known.update(getattr(param, "opts", []), getattr(param, "secondary_opts", []))
    flags = {word.split("=")[0] for word in words if word.startswith("-") and word != "-"}
    assert flags <= known, f"`{example}`: `recover {' '.join(path)}` has no {flags - known}"


def test_the_readme_has_two_setup_commands_one_to_use_and_one_to_test() -> None:
    commands = setup_commands()
    assert len(commands) == 2, commands
    use, test = commands
    assert use.endswith("recover start")
    assert test.endswith("pytest")


def test_ci_runs_the_readme_setup_commands_verbatim() -> None:
    ci_lines = {line.strip() for line in CI_SCRIPT.read_text(encoding="utf-8").splitlines()}
    for command in setup_commands():
        assert command in ci_lines, f".ci/run must run the README's `{command}` as it is"


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS])
def test_no_command_offers_shell_completion_it_cannot_install(path: str) -> None:
    # recover has no completion; a sub-app built on its own would add the options back.
    done = CliRunner().invoke(app, [*path.split(), "--help"])
    assert done.exit_code == 0, done.output
    assert "--install-completion" not in done.output
