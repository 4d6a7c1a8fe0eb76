"""Start-up discipline: the fast paths never import what they do not need.

Importing pydantic and building a first model costs more than a whole trivial Typer command,
and Rich is needed only to draw. Each check runs in a fresh interpreter (as Typer's own
tests/test_rich_import.py does), since this test process has long imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from datetime import timedelta
from pathlib import Path

HEAVY = ("rich", "pydantic", "filelock", "platformdirs")

REPORT_MODULES = """
import json, sys
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(json.loads(sys.argv[1])))
sys.stderr.write("\\nHEAVY=" + json.dumps(heavy) + "\\n")
"""

RUN_MAIN_THEN_REPORT = """
import atexit, json, sys
heavy_wanted = set(json.loads(sys.argv[1]))
sys.argv = ["recover", *json.loads(sys.argv[2])]

def report():
    heavy = sorted({name.split(".")[0] for name in sys.modules} & heavy_wanted)
    sys.stderr.write("\\nHEAVY=" + json.dumps(heavy) + "\\n")

atexit.register(report)
from recover_coach.cli.app import main
main()
"""


def run_child(
    code: str, *args: str, env: dict[str, str] | None = None
) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    """Run code in a fresh interpreter; return the heavy modules it had loaded at exit."""
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(HEAVY), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    marker = [line for line in done.stderr.splitlines() if line.startswith("HEAVY=")]
    assert marker, f"the child did not report its modules (exit {done.returncode}): {done.stderr}"
    heavy: list[str] = json.loads(marker[-1].removeprefix("HEAVY="))
    return heavy, done


def test_importing_the_app_loads_no_heavy_library() -> None:
    heavy, done = run_child("import recover_coach.cli.app\n" + REPORT_MODULES)
    assert done.returncode == 0, done.stderr
    assert heavy == []


def test_recover_version_loads_neither_pydantic_nor_rich() -> None:
    heavy, done = run_child(RUN_MAIN_THEN_REPORT, json.dumps(["--version"]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("recover ")
    assert "pydantic" not in heavy
    assert "rich" not in heavy


def test_the_installed_recover_version_stays_light() -> None:
    """The real entry point, as a status bar or a person runs it."""
    scripts = Path(sysconfig.get_path("scripts"))  # not always beside python (Windows)
    script = scripts / ("recover.exe" if os.name == "nt" else "recover")
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(
        [str(script), "--version"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("recover ")
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert imported, "PYTHONPROFILEIMPORTTIME produced no import lines"
    assert not imported & {"pydantic", "rich"}


def test_the_status_bar_streak_reads_the_summary_without_pydantic_or_rich(
    recover_home: Path,
) -> None:
    """`recover streak --json` and `--format` run every few seconds: the summary path only."""
    from recover_coach import clock, storage

    started = clock.today() - timedelta(days=12)
    with storage.transaction(clock.today()) as tx:  # every save writes the summary
        tx.profile.no_contact.started_on = started
    assert (recover_home / "summary.json").exists()
    env = {**os.environ, "RECOVER_HOME": str(recover_home)}

    heavy, done = run_child(RUN_MAIN_THEN_REPORT, json.dumps(["streak", "--json"]), env=env)
    assert done.returncode == 0, done.stderr
    # The child reads the real clock: a run across midnight counts one more day.
    assert json.loads(done.stdout)["current_days"] in (12, (clock.today() - started).days)
    assert not {"pydantic", "rich"} & set(heavy)

    args = ["streak", "--format", "{current_days}"]
    heavy, done = run_child(RUN_MAIN_THEN_REPORT, json.dumps(args), env=env)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) in (12, (clock.today() - started).days)
    assert not {"pydantic", "rich"} & set(heavy)


LOADED_COMMANDS = """
import atexit, json, sys
sys.argv = ["recover", *json.loads(sys.argv[2])]

def report():
    loaded = sorted(name for name in sys.modules if name.startswith("recover_coach.cli."))
    sys.stderr.write("\\nLOADED=" + json.dumps(loaded) + "\\n")

atexit.register(report)
from recover_coach.cli.app import main
main()
"""


def loaded_command_modules(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED_COMMANDS, "[]", json.dumps(args)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    marker = [line for line in done.stderr.splitlines() if line.startswith("LOADED=")]
    assert marker, done.stderr
    loaded: list[str] = json.loads(marker[-1].removeprefix("LOADED="))
    return loaded


def test_version_loads_no_command_and_a_command_loads_only_its_own_module() -> None:
    assert loaded_command_modules("--version") == ["recover_coach.cli.app"]
    assert loaded_command_modules("streak", "--json") == [
        "recover_coach.cli.app",
        "recover_coach.cli.streak",
    ]
