"""`recover config`: show and change your settings (region, no-contact goal, when a day starts)."""

from __future__ import annotations

from typing import Annotated

import typer

from recover_coach import ui

app = typer.Typer(
    help="Show or change your settings: region, goal_days, day_starts_at.",
    epilog="Examples: recover config show --json · recover config set goal_days 45",
    no_args_is_help=True,
    add_completion=False,
)


@app.command("show")
def show(
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as JSON.")] = False,
) -> None:
    """Show your settings.

    Examples:
      recover config show
      recover config show --json
    """
    from recover_coach import storage

    values = storage.read_profile().settings
    if as_json:
        ui.emit_json(
            {
                "region": values.region,
                "goal_days": values.goal_days,
                "day_starts_at": values.day_starts_at.strftime("%H:%M"),
            }
        )
        return
    from recover_coach.views import program as views

    ui.show(views.settings(values, _region_name(values.region)))


@app.command("set")
def set_(
    key: Annotated[
        str, typer.Argument(help="region, goal_days or day_starts_at.", show_default=False)
    ],
    value: Annotated[str, typer.Argument(help="The new value.", show_default=False)],
) -> None:
    """Change one setting.

    region: a country code for local helplines (GB, US, ...), or "" for worldwide ones.
    goal_days: your no-contact goal, 21 to 365 days (never under 21).
    day_starts_at: when a new day begins for check-ins, HH:MM from 00:00 to 11:59.

    Examples:
      recover config set region GB
      recover config set goal_days 45
      recover config set day_starts_at 04:00
    """
    from recover_coach import clock, settings, storage

    checked = settings.parse_setting(key, value, _known_regions())
    today = clock.today(storage.read_profile().settings.day_starts_at)
    with storage.transaction(today) as tx:
        setattr(tx.profile.settings, key, checked)
    ui.say(f"Saved: {key} is now {settings.shown(checked)}.")


def _known_regions() -> set[str] | None:
    """The region codes with helplines; None when support content can't load (any code goes)."""
    from recover_coach import content
    from recover_coach.errors import RecoverError

    try:
        return set(content.load_support().regions)
    except RecoverError:
        return None


def _region_name(code: str) -> str:
    from recover_coach import content
    from recover_coach.errors import RecoverError

    if not code:
        return "worldwide resources"
    try:
        region = content.load_support().regions.get(code)
    except RecoverError:
        return code
    return region.name if region else code
