"""The safety net: the relationship-safety screen, and the support resources shown.

Pure domain code: values in, values out. The helplines live in content (support.toml); this
module only applies them. Crisis language is matched in crisis_language.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from recover_coach import parse
from recover_coach.content_models import (
    ClosedReason,
    Helpline,
    HelplineKind,
    Region,
    Screen,
    Situation,
    Support,
)
from recover_coach.models import Profile

LOCAL_EMERGENCY = "your local emergency number"
KIND_ORDER: tuple[HelplineKind, ...] = ("crisis", "abuse", "own_behaviour", "directory")


def record_screen(
    profile: Profile, answers: dict[str, bool], screen: Screen, today: date
) -> list[str]:
    """Save the screen's answers; every "yes" closes Steps 5-7 for good. Returns new reasons.

    Reasons are only ever added: answering "no" to everything later reopens nothing.
    """
    known = {question.id for question in screen.questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValueError(f"not questions of this screen: {unknown}")
    safety = profile.safety
    safety.answers = dict(answers)
    safety.screened_on = today
    new: list[ClosedReason] = []
    for question in screen.questions:
        reason = question.closes_reconnect_as
        if answers.get(question.id) and reason not in safety.reconnect_closed and reason not in new:
            new.append(reason)
    if new:
        safety.reconnect_closed = [*safety.reconnect_closed, *new]
    return [*new]


def reconnect_closed(profile: Profile) -> bool:
    """True when anything has closed Steps 5-7; nothing reopens them."""
    return bool(profile.safety.reconnect_closed)


def situation(profile: Profile) -> Situation:
    """The situation the program's words are chosen for, the most serious first."""
    closed = profile.safety.reconnect_closed
    if "harm" in closed:
        return "harmed"
    if "own_behaviour" in closed:
        return "own_behaviour"
    if "ex_asked_no_contact" in closed:
        return "ex_asked_no_contact"
    return "clear"


@dataclass(frozen=True)
class Resources:
    """What to show someone who needs help now: their region's lines and the worldwide ones."""

    region: str | None  # the region's name; None when recover has no lines for it
    emergency: str  # "999", or "your local emergency number" when the region is unknown
    helplines: dict[HelplineKind, list[Helpline]] = field(default_factory=dict)  # by kind
    international: list[Helpline] = field(default_factory=list)

    def crisis_lines(self) -> list[Helpline]:
        """The region's crisis lines, or the worldwide directories when it has none."""
        return self.helplines.get("crisis") or self.international

    def last_verified(self) -> date | None:
        """The oldest check among the lines shown."""
        shown = [line for lines in self.helplines.values() for line in lines]
        dates = [line.last_verified for line in [*shown, *self.international]]
        return min(dates, default=None)

    def to_json(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "emergency": self.emergency,
            "helplines": {
                kind: [line.model_dump(mode="json") for line in lines]
                for kind, lines in self.helplines.items()
            },
            "international": [line.model_dump(mode="json") for line in self.international],
        }


def resources_for(region: str, support: Support) -> Resources:
    """Support for a region (code like GB, or name); unknown or empty gets the worldwide list."""
    international = list(support.international)
    found = _find_region(region, support)
    if found is None:
        return Resources(region=None, emergency=LOCAL_EMERGENCY, international=international)
    grouped: dict[HelplineKind, list[Helpline]] = {}
    for kind in KIND_ORDER:
        lines = [line for line in found.helplines if line.kind == kind]
        if lines:
            grouped[kind] = lines
    return Resources(
        region=found.name, emergency=found.emergency, helplines=grouped, international=international
    )


def _find_region(region: str, support: Support) -> Region | None:
    wanted = parse.region_code(region)
    if wanted in support.regions:
        return support.regions[wanted]
    for candidate in support.regions.values():
        if candidate.name.upper() == wanted:
            return candidate
    return None
