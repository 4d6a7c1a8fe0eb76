"""The root `recover` command: global options, command registration, the error boundary."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from difflib import get_close_matches
from typing import TYPE_CHECKING, Annotated

import typer

# Typer 0.28 vendors Click here and exports neither error publicly; pyproject pins typer<0.29.
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from recover_coach import __version__
from recover_coach.errors import RecoverError

if TYPE_CHECKING:
    from typer import _click as click

# Each command's module, imported only when that command runs (or help lists them all), so
# `recover --version` and the status-bar `recover streak --json` pay for nothing else.
# In the order `recover --help` lists them.
COMMANDS = (
    "start",
    "progress",
    "journal",
    "checkin",
    "slip",
    "urge",
    "history",
    "streak",
    "support",
    "safety",
    "safety-plan",
    "config",
    "content",
)


class LazyCommands(TyperGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            self.commands[cmd_name] = _load(cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            matches = get_close_matches(args[0], COMMANDS) if args else []
            if matches and "Did you mean" not in error.message:
                error.message = f"{error.message.rstrip('.')}. Did you mean {matches[0]!r}?"
            raise


def _load(name: str) -> click.Command:
    module_name = name.replace("-", "_")  # `safety-plan` lives in cli/safety_plan.py
    module = importlib.import_module(f"recover_coach.cli.{module_name}")
    group: typer.Typer | None = getattr(module, "app", None)
    if group is None:  # a single command: the module's function of the same name
        group = typer.Typer(add_completion=False)
        group.command(name)(getattr(module, module_name))
    command = typer.main.get_command(group)
    command.name = name  # a group built on its own has no name for help to list
    return command


app = typer.Typer(
    name="recover",
    cls=LazyCommands,
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


def main() -> None:
    """Run the app; every problem becomes one line on stderr, never a traceback.

    The `recover` command starts in `entry.main`, which answers the status bar's two forms
    before this module (and Typer) is imported.
    """
    # A command lives for a fraction of a second and frees its objects by reference count;
    # cyclic collection during start-up (pydantic builds many objects) only costs time.
    gc.disable()
    try:
        exit_code = app(standalone_mode=False)
    except RecoverError as error:
        _fail(str(error), error.exit_code)
    except typer.Abort:
        _fail("Stopped.", 130)
    except NoArgsIsHelpError as shown:
        sys.exit(shown.exit_code)  # the help is already on screen
    except typer.TyperException as error:  # Click's own errors (ClickException) derive from it
        _fail(_usage_line(error), error.exit_code)
    except KeyboardInterrupt:
        _fail("Stopped.", 130)
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


def _usage_line(error: typer.TyperException) -> str:
    message = " ".join(error.format_message().split())
    if message.startswith("Got unexpected extra argument"):
        message = _stray_words()
    context = getattr(error, "ctx", None)
    if context is not None:
        message += f" See `{context.command_path} --help`."
    return message


def _stray_words() -> str:
    """Words after the flags are often a note typed without quotes: never repeat them, but
    check them like any note first, then say how to give a note."""
    from recover_coach import crisis, storage

    try:
        region = storage.read_profile().settings.region
    except RecoverError:
        region = ""
    crisis.crisis_check(" ".join(sys.argv[1:]), region)
    return (
        "There are words after the flags that no flag takes. If they are a note, put it in "
        'quotes (--note "...") or use --note - and type it.'
    )


def _fail(message: str, exit_code: int) -> None:
    sys.stderr.write(f"recover: {message}\n")
    sys.exit(exit_code)
