"""`recover history`: check-ins, slips and urges in date order."""

from __future__ import annotations

from typing import Annotated

import typer

from recover_coach.errors import UsageError


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
    from recover_coach import parse, storage, timeline, ui
    from recover_coach.cli import flags
    from recover_coach.views import daily

    first = flags.optional("--since", parse.month, since)
    last = flags.optional("--until", parse.month, until)
    if first and last and first > last:
        raise UsageError("--since must not be later than --until.")
    months = timeline.months_in_range(storage.saved_months(), first, last)
    entries = timeline.entries(
        storage.read_profile().no_contact.slips,
        [storage.read_month(m) for m in months],
        first,
        last,
    )
    if as_json:
        ui.emit_json(timeline.as_json(entries))
    else:
        ui.show(daily.timeline_table(entries))
