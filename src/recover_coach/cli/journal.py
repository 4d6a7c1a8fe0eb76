"""`recover journal`: everything you've written, by step, with dates and history."""

from __future__ import annotations

from typing import Annotated

import typer

from recover_coach import ui


def journal(
    as_json: Annotated[bool, typer.Option("--json", help="Print the journal as JSON.")] = False,
    step: Annotated[
        int | None,
        typer.Option(
            "--step",
            help="Only this step (0 = getting started, 8 = the last part).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read your reflections, oldest answer first; re-answered questions keep every version.

    Examples:
      recover journal
      recover journal --step 3
      recover journal --json
    """
    from recover_coach import journal as journal_domain
    from recover_coach import storage

    # Every month's check-ins: their questions of the day belong in the journal too.
    check_ins = [
        check_in
        for month in storage.saved_months()
        for check_in in storage.read_month(month).checkins
    ]
    groups = journal_domain.by_step(storage.read_profile(), _titles(), step, check_ins)
    if as_json:
        ui.emit_json(journal_domain.as_json(groups))
        return
    from recover_coach.views import program as views

    ui.show(views.journal([(group.number, group.title, group.reflections) for group in groups]))


def _titles() -> dict[int, str]:
    """Step titles from the content; your journal still opens when the content can't load."""
    from recover_coach import content
    from recover_coach import journal as journal_domain
    from recover_coach.errors import RecoverError

    try:
        return journal_domain.titles(content.load())
    except RecoverError:
        return {}
