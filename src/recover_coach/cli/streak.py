"""`recover streak`: the no-contact streak, for a person, a script or a status bar.

`--json` and `--format` are the status-bar path: they read the small summary with the
standard library (no pydantic, Rich or filelock) unless it is missing or stale.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from recover_coach import clock, summary, ui
from recover_coach import streak as streak_domain
from recover_coach.errors import UsageError

if TYPE_CHECKING:
    from recover_coach.streak import StreakEvents

app = typer.Typer(add_completion=False)


@app.callback(invoke_without_command=True)
def streak(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures as JSON (dates as YYYY-MM-DD).")
    ] = False,
    template: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="TEMPLATE",
            help="Print one line filled from the JSON fields, e.g. '{current_days}d'.",
        ),
    ] = None,
) -> None:
    """Show your no-contact streak: today's count, longest, slips, goal, recent weeks.

    --json and --format (for a status bar or prompt) read a small summary and stay fast.

    Examples:
      recover streak
      recover streak --json
      recover streak --format '{current_days}/{goal_days}d'
      recover streak set --since 2026-03-01
    """
    if ctx.invoked_subcommand is not None:
        return
    if as_json and template is not None:
        raise UsageError("Use --json or --format, not both.", "Pick the one your script reads.")
    events = _events()
    today = clock.today(events.day_starts_at)
    figures = streak_domain.figures(events, today)
    if as_json:
        ui.emit_json(figures.as_json())
    elif template is not None:
        print(streak_domain.format_line(template, figures))
    else:
        from recover_coach.views import streak as view

        ui.show(view.streak_view(figures, streak_domain.calendar(events, today), today))


@app.command("set")
def set_start(
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help="The first day of no contact."),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option("--goal", metavar="DAYS", help="Days of no contact to aim for (21 to 365)."),
    ] = None,
) -> None:
    """Begin the no-contact period on a date, or correct when it began; or change the goal.

    Slips you recorded stay recorded.

    Examples:
      recover streak set --since 2026-03-01
      recover streak set --since 2026-03-01 --goal 45
      recover streak set --goal 60
    """
    from recover_coach import parse, program, storage
    from recover_coach.cli import flags
    from recover_coach.views import streak as view

    if since is None and goal is None:
        raise UsageError(
            "Say what to set: --since (when no contact began), --goal (days), or both.",
            "For example: recover streak set --since 2026-03-01",
        )
    # Refused before anything is opened: a bad value leaves no trace. begin_period checks
    # the date again against today as the person's day_starts_at sees it.
    first_day = flags.optional("--since", partial(parse.day, today=clock.today()), since)
    goal_days = flags.optional("--goal", parse.goal_days, goal)
    today = clock.today(storage.read_profile().settings.day_starts_at)
    with storage.transaction(today) as tx:
        program.begin_period(tx.profile, first_day, today, goal_days=goal_days)
    figures = streak_domain.figures(_events(), today)
    ui.say(view.period_begun(figures) if first_day else view.goal_set(figures))


def _events() -> StreakEvents:
    """From the summary when it is usable (standard library only), else every file."""
    events = summary.read_events(clock.now())
    if events is None:
        from recover_coach import storage

        events = storage.load_streak_events(clock.now())
    return events
