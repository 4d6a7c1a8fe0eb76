"""`recover support`: crisis lines, abuse support and the emergency number.

It reads only support.toml, never the rest of the content, and never needs a readable
profile: the safety net must work when nothing else does.
"""

from __future__ import annotations

from typing import Annotated

import typer

from recover_coach import ui
from recover_coach.errors import RecoverError

# Shown only when support.toml itself cannot be read, so even then nobody leaves empty-handed.
LAST_RESORT = (
    "Meanwhile, if you are in danger call your local emergency number; "
    "findahelpline.com lists helplines in every country."
)


def support(
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="CODE",
            help="Country code, e.g. US, GB, CA, AU, IE, IN. Default: the region you chose.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the lines as JSON, with sources and dates.")
    ] = False,
) -> None:
    """Show crisis lines, abuse support and your emergency number.

    Works any time, even before `recover start`. Examples:

      recover support

      recover support --region GB

      recover support --json
    """
    from recover_coach import content, safety

    try:
        support_content = content.load_support()
    except RecoverError as error:
        raise RecoverError(error.what, f"{error.fix} {LAST_RESORT}") from None
    found = safety.resources_for(_saved_region() if region is None else region, support_content)
    if as_json:
        ui.emit_json(found.to_json())
    else:
        from recover_coach.views import support as view

        ui.show(view.resources_view(found, support_content))


def _saved_region() -> str:
    """The region from the profile; none when the profile is missing or cannot be read."""
    from recover_coach import storage

    try:
        return storage.read_profile().settings.region
    except RecoverError:
        return ""  # an unreadable profile must not hide the helplines
