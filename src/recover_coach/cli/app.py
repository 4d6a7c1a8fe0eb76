"""The root `recover` command: global options, command registration, the error boundary."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError

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
        typer.Option(
            "--version", help="Show the version and exit.", callback=_print_version, is_eager=True
        ),
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
    """Run the app; every problem becomes one line on stderr, never a traceback."""
    try:
        exit_code = app(standalone_mode=False)
    except RecoverError as error:
        _fail(str(error), error.exit_code)
    except typer.Abort:
        _fail("Stopped.", 130)
    except NoArgsIsHelpError as shown:
        sys.exit(shown.exit_code)  # the help is already on screen
    except ClickException as error:
        _fail(_usage_line(error), error.exit_code)
    except Exception as error:
        if os.environ.get("RECOVER_DEBUG"):
            raise
        # The type only: a message or traceback could contain something the person wrote.
        _fail(
            f"something unexpected went wrong ({type(error).__name__}). Everything saved before "
            "it is safe. Run again with RECOVER_DEBUG=1 to see details.",
            70,
        )
    sys.exit(exit_code if isinstance(exit_code, int) else 0)


def _usage_line(error: ClickException) -> str:
    message = " ".join(error.format_message().split())
    context = getattr(error, "ctx", None)
    if context is not None:
        message += f" See `{context.command_path} --help`."
    return message


def _fail(message: str, exit_code: int) -> None:
    sys.stderr.write(f"recover: {message}\n")
    sys.exit(exit_code)
