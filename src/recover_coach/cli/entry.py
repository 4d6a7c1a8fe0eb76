"""The `recover` command's entry point: the status bar's answer first, then the Typer app."""

from __future__ import annotations

import sys


def main() -> None:
    """Answer `recover streak --json` or `--format` without Typer when it can; else run the app."""
    if sys.argv[1:2] == ["streak"]:  # the rest never pay for the status bar's imports
        from datetime import datetime

        from recover_coach.cli import status_bar

        if status_bar.answer(sys.argv[1:], datetime.now().astimezone()):  # as clock.now()
            return
    from recover_coach.cli import app

    app.main()
