"""The guided program in a real pseudo-terminal: the installed `recover`, typed into."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(os.name == "nt", reason="pexpect.spawn needs a POSIX pseudo-terminal"),
]
Child = Any  # pexpect.spawn; pexpect ships no type hints

MINI = Path(__file__).parent / "fixtures" / "content-mini"
RECOVER = Path(sys.executable).parent / ("recover.exe" if os.name == "nt" else "recover")
TIMEOUT = 20


@pytest.fixture
def env(recover_home: Path) -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    values.update(
        RECOVER_HOME=str(recover_home), RECOVER_CONTENT=str(MINI), TERM="xterm", LINES="40"
    )
    values.pop("_TYPER_FORCE_DISABLE_TERMINAL", None)
    return values


def spawn(env: dict[str, str], *args: str) -> Child:
    if not RECOVER.exists():
        pytest.skip("the recover command is not installed next to this Python")
    child = pexpect.spawn(
        str(RECOVER), list(args), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 100)
    )
    child.delaybeforesend = 0.05
    return child


def answer(child: Child, question: str, reply: str) -> None:
    child.expect_exact(question)
    child.sendline(reply)


def finish(child: Child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus)


def test_onboard_stop_with_ctrl_c_mid_session_resume_and_read_it_all_back(
    env: dict[str, str],
) -> None:
    child = spawn(env, "start")
    answer(child, "Choose (a number):", "1")
    answer(child, "When did the breakup happen?", "2 weeks ago")
    for question in ("hurt you?", "frighten them?", "not to contact them?"):
        answer(child, question, "n")
    child.expect_exact("Screen clear")
    answer(child, "Choose (numbers separated by commas, or Enter to skip):", "1,2")
    child.expect_exact("today is day 0 of your no-contact period")
    answer(child, "What will be hardest?", "the evenings")
    answer(child, "Go on now? [y/N]", "y")
    answer(child, "Who do you want to be?", "someone steady")
    child.expect_exact("One small kind thing for yourself?")
    child.expect_exact("> ")  # at the prompt, as a person pressing Ctrl-C there would be
    child.sendintr()
    child.expect_exact("Everything you answered before this question is saved.")
    assert finish(child) == 130

    child = spawn(env, "start")
    child.expect_exact("Picking up where you left off.")
    index = child.expect_exact(["Who do you want to be?", "One small kind thing for yourself?"])
    assert index == 1, "the resumed session asked an answered question again"
    child.sendline("a long bath")
    answer(child, "Choose (numbers separated by commas, or Enter to skip):", "3")
    answer(child, "In your own words:", "calling my sister")
    answer(child, "Go on now? [y/N]", "")
    child.expect_exact("recover start` picks up right there")
    assert finish(child) == 0

    result = subprocess.run(
        [str(RECOVER), "journal", "--json"], env=env, capture_output=True, text=True, check=True
    )
    answers = {
        reflection["key"]: [entry["value"] for entry in reflection["entries"]]
        for step in json.loads(result.stdout)["steps"]
        for reflection in step["reflections"]
    }
    assert answers == {
        "1a.pledge": [["No texts", "No socials"]],
        "1a.hardest": ["the evenings"],
        "2a.person": ["someone steady"],
        "2a.small-thing": ["a long bath"],
        "2a.care": [["calling my sister"]],
    }


def test_start_with_stdin_not_a_terminal_never_prompts(env: dict[str, str]) -> None:
    if not RECOVER.exists():
        pytest.skip("the recover command is not installed next to this Python")
    result = subprocess.run(
        [str(RECOVER), "start"], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert result.returncode == 4
    assert result.stderr.count("\n") == 1 and "needs a terminal" in result.stderr
    assert result.stdout == ""
