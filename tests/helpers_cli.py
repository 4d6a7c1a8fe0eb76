"""Running the real `recover` entry point inside tests, and the daily commands' shared setup."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from recover_coach import storage
from recover_coach.cli.app import main

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=LONDON)  # the daily commands' tests live on this day
TODAY = NOW.date()
CRISIS_TEXT = "I don\u2019t want to wake up tomorrow"


@dataclass
class Run:
    code: int
    out: str
    err: str


def recover(runner: CliRunner, *args: str, input: str | None = None) -> Run:
    """The real entry point, error boundary included, on the CliRunner's streams."""
    argv = sys.argv
    with runner.isolation(input=input) as (out, err, _):
        sys.argv = ["recover", *args]
        try:
            main()
            code = 0
        except SystemExit as exited:
            code = int(exited.code or 0)
        finally:
            sys.argv = argv
            sys.stdout.flush()
            sys.stderr.flush()
        return Run(code, out.getvalue().decode(), err.getvalue().decode())


def begin_period(since: date, region: str = "GB") -> None:
    with storage.transaction(TODAY) as tx:
        tx.profile.no_contact.started_on = since
        tx.profile.settings.region = region


def files(home: Path) -> dict[str, bytes]:
    """Every saved file and its bytes (the lock file aside: it holds no data)."""
    return {
        str(path.relative_to(home)): path.read_bytes()
        for path in sorted(home.rglob("*"))
        if path.is_file() and path.name != "recover.lock"
    }
