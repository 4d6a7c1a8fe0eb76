"""`recover start`: the guided program, one short session at a time."""

from __future__ import annotations

from typing import Annotated

import typer

from recover_coach.cli.flags import NoInput


def start(
    step: Annotated[
        int | None,
        typer.Option(
            "--step", help="Revisit a step that is open or done (1-7).", show_default=False
        ),
    ] = None,
    track: Annotated[
        str | None,
        typer.Option(
            "--track",
            help="Switch path: move-on, or reconnect (Steps 5-7, while it is safe).",
            show_default=False,
        ),
    ] = None,
    no_input: NoInput = False,
) -> None:
    """Begin, or carry on with, the guided program.

    The first run walks you through a short welcome and a few safety questions, then Step 1.
    Later runs pick up at your next session; each takes a few minutes, and everything you
    answer is saved as you go (Ctrl-C keeps it).

    Examples:
      recover start
      recover start --step 3
      recover start --track move-on
    """
    from recover_coach import parse
    from recover_coach.cli import flags, start_flow

    start_flow.run(
        step=step, track=flags.optional("--track", parse.track, track), no_input=no_input
    )
