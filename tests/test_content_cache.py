"""The program content's parsed TOML is kept between runs, and never trusted over the files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from recover_coach import content, paths

REAL = Path(__file__).resolve().parents[1] / "content"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recover_home: Path) -> Path:
    """A copy of the real content to change, and a recover folder that already exists."""
    copy = tmp_path / "content"
    shutil.copytree(REAL, copy)
    monkeypatch.setenv("RECOVER_CONTENT", str(copy))
    recover_home.mkdir()
    return copy


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every content file parsed from TOML from here on."""
    seen: list[str] = []
    real = content._read_toml

    def counting(path: Path, problems: list[content.Problem]) -> dict[str, Any]:
        seen.append(path.name)
        return real(path, problems)

    monkeypatch.setattr(content, "_read_toml", counting)
    return seen


@pytest.mark.usefixtures("folder")
def test_a_second_run_reads_the_kept_parse_and_gets_the_same_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = content.load()
    assert paths.content_cache_path().exists()
    content.load.cache_clear()
    seen = parses(monkeypatch)

    assert content.load() == first
    assert seen == []


def test_a_changed_file_is_parsed_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content.load()
    content.load.cache_clear()
    step = folder / "steps" / "02-heal.toml"
    text = step.read_text(encoding="utf-8")
    step.write_text(text.replace('title = "Look after yourself first"', 'title = "Be gentle"', 1))
    seen = parses(monkeypatch)

    loaded = content.load()

    assert "02-heal.toml" in seen
    assert loaded.steps[1].title == "Be gentle"


@pytest.mark.usefixtures("folder")
@pytest.mark.parametrize("kept", ["not json", '{"key": "x", "raw": {}}', "[]"])
def test_a_damaged_or_foreign_cache_is_ignored(monkeypatch: pytest.MonkeyPatch, kept: str) -> None:
    paths.content_cache_path().write_text(kept, encoding="utf-8")
    seen = parses(monkeypatch)

    assert content.load().steps[0].number == 1
    assert seen  # parsed from the files, and kept again
    assert paths.content_cache_path().read_text(encoding="utf-8") != kept


def test_loading_the_content_never_creates_recovers_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "not-yet"
    monkeypatch.setenv("RECOVER_HOME", str(home))

    content.load()

    assert not home.exists()


@pytest.mark.usefixtures("folder")
def test_content_check_always_reads_the_files(monkeypatch: pytest.MonkeyPatch) -> None:
    content.load()
    seen = parses(monkeypatch)

    problems, tally = content.check_and_tally(content.content_root())

    assert problems == [] and tally is not None
    assert "01-space.toml" in seen


def test_the_cache_file_is_private(folder: Path) -> None:
    content.load()
    if os.name == "posix":
        assert paths.content_cache_path().stat().st_mode & 0o777 == 0o600
