"""`recover progress`: where you are in the program, and what comes next."""

from __future__ import annotations

from typing import Annotated

import typer

from recover_coach import ui


def progress(
    as_json: Annotated[bool, typer.Option("--json", help="Print the progress as JSON.")] = False,
) -> None:
    """Show each step (done, open, or locked and why), your path, and your next session.

    Examples:
      recover progress
      recover progress --json
    """
    from recover_coach import clock, content, program, storage

    profile = storage.read_profile()
    today = clock.today(profile.settings.day_starts_at)
    report = program.progress(profile, content.load(), today)
    if as_json:
        ui.emit_json(report.as_json())
        return
    from recover_coach.views import program as views

    ui.show(views.progress(report))
