"""Shared fixtures: every test gets its own empty profile folder and no network."""

from __future__ import annotations

import shutil
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import Run
from recover_coach import content as content_module


@pytest.fixture(autouse=True)
def recover_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "recover-home"
    monkeypatch.setenv("RECOVER_HOME", str(home))
    monkeypatch.delenv("RECOVER_CONTENT", raising=False)
    monkeypatch.delenv("RECOVER_NO_INPUT", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return home


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("recover must not open network connections")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(autouse=True)
def fresh_content_cache() -> Iterator[None]:
    content_module.load.cache_clear()
    yield
    content_module.load.cache_clear()


CONTENT = Path(__file__).resolve().parents[1] / "content"
MINI = Path(__file__).parent / "fixtures" / "content-mini"


@pytest.fixture
def mini(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small content folder the program tests run on."""
    monkeypatch.setenv("RECOVER_CONTENT", str(MINI))
    return MINI


@pytest.fixture
def only_safety_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content folder holding the shipped support.toml and crisis.toml and nothing else."""
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("support.toml", "crisis.toml"):
        shutil.copy(CONTENT / name, folder / name)
    monkeypatch.setenv("RECOVER_CONTENT", str(folder))
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def main_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    """`recover ARGS` through the Typer app and its error boundary, in this process (so on
    recover's patched clock), with what it printed."""
    from recover_coach.cli import app

    def run(*args: str) -> Run:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["recover", *args])
        with pytest.raises(SystemExit) as exited:
            app.main()
        captured = capsys.readouterr()
        return Run(int(exited.value.code or 0), captured.out, captured.err)

    return run


@pytest.fixture
def interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a person is at a terminal, so prompts read the CliRunner's input."""
    from recover_coach import ui

    monkeypatch.setattr(ui, "is_interactive", lambda no_input=False: not no_input)


@pytest.fixture
def march_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The daily commands' tests: recover's clock reads 2026-03-20 12:00 in London."""
    from helpers_cli import NOW
    from recover_coach import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def started() -> None:
    """A no-contact period that began on 2026-03-01."""
    from datetime import date

    from helpers_cli import begin_period

    begin_period(date(2026, 3, 1))
