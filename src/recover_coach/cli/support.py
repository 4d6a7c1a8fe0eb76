"""`recover support`: crisis lines, abuse support and the emergency number.

It reads only support.toml (and safety_plan.toml for the person's plan), never the rest of
the content, and never needs a readable profile: the safety net must work when nothing
else does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from recover_coach import ui
from recover_coach.errors import RecoverError

if TYPE_CHECKING:
    from recover_coach.content_models import Support
    from recover_coach.models import Profile
    from recover_coach.safety import Resources
    from recover_coach.safety_plan import SafetyPlan

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
        bool,
        typer.Option(
            "--json",
            help=(
                "Print the lines as JSON: region (its code, or null), emergency (digits, or "
                "null), helplines and international, each line with name, number (digits and "
                "spaces, or null), text (e.g. 'text SHOUT to 85258', or null), web, hours "
                "(e.g. '24/7', or null), note, kind (crisis, abuse, own_behaviour or "
                "directory), source and last_verified."
            ),
        ),
    ] = False,
) -> None:
    """Show crisis lines, abuse support and your emergency number.

    Works any time, even before `recover start`. Your safety plan, if you have
    made one (`recover safety-plan`), follows the lines. Examples:

      recover support

      recover support --region GB

      recover support --json
    """
    from recover_coach import content, safety

    try:
        support_content = content.load_support()
    except RecoverError as error:
        raise RecoverError(error.what, f"{error.fix} {LAST_RESORT}") from None
    profile = _saved_profile()
    if region is None:
        code = support_content.region_code(profile.settings.region) if profile else None
    else:
        code = _region_flag(region, support_content)
    found = safety.resources_for(code or "", support_content)
    if as_json:
        ui.emit_json(_as_json(code, found))
        return
    from recover_coach.views import safety_plan as plan_view
    from recover_coach.views import support as view

    ui.show(view.resources_view(found, support_content))
    if profile is not None:
        ui.show(plan_view.in_support(_saved_plan(profile)))


def _region_flag(text: str, support_content: Support) -> str:
    """The code --region names; one line listing the known codes when there is none."""
    from recover_coach.errors import UsageError

    code = support_content.region_code(text)
    if code is None:
        known = ", ".join(sorted(support_content.regions))
        raise UsageError(
            f"--region takes one of {known}.",
            "For other countries, findahelpline.com lists local helplines; "
            "if you are in danger, call your local emergency number.",
        )
    return code


def _as_json(code: str | None, found: Resources) -> dict[str, Any]:
    """What scripts get: each line's fields as they are in support.toml."""
    lines = [line for kind_lines in found.helplines.values() for line in kind_lines]
    return {
        "region": code,
        "name": found.region,
        "emergency": found.emergency if code else None,
        "helplines": [line.model_dump(mode="json") for line in lines],
        "international": [line.model_dump(mode="json") for line in found.international],
    }


def _saved_profile() -> Profile | None:
    """The person's profile; None when it cannot be read (that must not hide the helplines)."""
    from recover_coach import storage

    try:
        return storage.read_profile()
    except RecoverError:
        return None


def _saved_plan(profile: Profile) -> SafetyPlan:
    """The safety plan, titled from safety_plan.toml, or by its own questions without it."""
    from recover_coach import content
    from recover_coach import safety_plan as plan_domain

    try:
        parts = content.load_safety_plan().parts
    except RecoverError:
        parts = []
    return plan_domain.saved_plan(profile, parts)
