"""`recover history`: check-ins, slips and urges in date order."""

from __future__ import annotations

from typing import Annotated

import typer


def history(
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM", help="Start with this month.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="YYYY-MM", help="End with this month.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print every field of every entry as JSON.")
    ] = False,
) -> None:
    """Show your check-ins, slips and urges in date order.

    Everything is shown unless --since or --until name the months to keep to.
    --json prints every field of every entry, notes and drafts included.

    Examples:
      recover history
      recover history --since 2025-01 --until 2025-03
      recover history --json > my-history.json
    """
    from recover_coach import checkins, storage, ui
    from recover_coach.views import daily

    first = checkins.parse_month(since, "--since")
    last = checkins.parse_month(until, "--until")
    months = checkins.months_in_range(storage.saved_months(), first, last)
    entries = checkins.history(
        storage.read_profile().no_contact.slips,
        [storage.read_month(m) for m in months],
        first,
        last,
    )
    if as_json:
        ui.emit_json(checkins.history_json(entries))
    else:
        ui.show(daily.history_table(entries))
