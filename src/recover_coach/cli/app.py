"""The root `recover` command: global options, command registration, the error boundary."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from recover_coach import __version__
from recover_coach.cli import (
    checkin,
    config,
    content,
    history,
    journal,
    progress,
    slip,
    start,
    streak,
    support,
    urge,
)
from recover_coach.errors import RecoverError

app = typer.Typer(
    name="recover",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        print(f"recover {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version and exit.", callback=_print_version, is_eager=True),
    ] = False,
) -> None:
    """A private coach for getting through a breakup, one small step at a time.

    Everything you write stays on this computer. Begin with `recover start`;
    come back daily with `recover checkin`; reach for `recover urge` before texting your ex.
    """


app.command("start")(start.start)
app.command("progress")(progress.progress)
app.command("journal")(journal.journal)
app.command("checkin")(checkin.checkin)
app.command("slip")(slip.slip)
app.command("urge")(urge.urge)
app.command("history")(history.history)
app.command("support")(support.support)
app.add_typer(streak.app, name="streak")
app.add_typer(config.app, name="config")
app.add_typer(content.app, name="content")


def main() -> None:
    """Run the app; expected problems become one line on stderr, never a traceback."""
    try:
        app()
    except RecoverError as error:
        sys.stderr.write(f"recover: {error}\n")
        sys.exit(error.exit_code)
    except Exception as error:
        if os.environ.get("RECOVER_DEBUG"):
            raise
        # The type only: a message or traceback could contain something the person wrote.
        sys.stderr.write(
            f"recover: something unexpected went wrong ({type(error).__name__}). Your saved data "
            "was not changed by this error. Run again with RECOVER_DEBUG=1 to see details.\n"
        )
        sys.exit(70)
