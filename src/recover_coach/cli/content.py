"""`recover content check`: validate a content folder before shipping or translating it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from recover_coach.errors import RecoverError

app = typer.Typer(no_args_is_help=True, add_completion=False)


@app.callback()
def group() -> None:
    """Check the program's content files (for translators and maintainers).

    Example: recover content check
    """


@app.command()
def check(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help="The content folder to check (default: the one recover runs on).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a content folder: every file, field, session and cross-reference.

    Prints each problem as `file: where: message`, one per line; exits 1 on any problem.

    Example: recover content check ./my-translation/content
    """
    from recover_coach import content

    root = folder if folder is not None else content.content_root()
    problems, tally = content.check_and_tally(root)
    for problem in problems:
        typer.echo(str(problem), err=True)
    if tally is None:
        count = len(problems)
        raise RecoverError(
            f"{count} {'problem' if count == 1 else 'problems'} in {root}.",
            f"Fix {'it' if count == 1 else 'them'} and run `recover content check` again.",
        )
    typer.echo(
        f"Content OK: {tally.steps} steps, {tally.sessions} sessions, {tally.questions} questions",
        err=True,
    )
