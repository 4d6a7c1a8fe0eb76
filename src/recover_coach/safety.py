"""The safety net: the relationship-safety screen, and the support resources shown.

Pure domain code: values in, values out. Whether reconnecting is closed, and why, is derived
from every screen answer ever recorded, each time it is asked (like the streak from its
events): nothing stores it, so no edit of a stored flag can reopen Steps 5-7. The helplines
live in content (support.toml); this module only applies them. Crisis language is matched
in crisis_language.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from recover_coach import parse
from recover_coach.content_models import (
    ClosedReason,
    Frequency,
    Helpline,
    HelplineKind,
    Region,
    Screen,
    ScreenQuestion,
    Situation,
    Support,
)
from recover_coach.models import Profile, ScreenAnswer, Screening

LOCAL_EMERGENCY = "your local emergency number"
KIND_ORDER: tuple[HelplineKind, ...] = ("crisis", "abuse", "own_behaviour", "directory")
REASON_ORDER: tuple[ClosedReason, ...] = ("harm", "own_behaviour", "ex_asked_no_contact")


# --- what the recorded answers say ------------------------------------------------------------


def answers_ever(profile: Profile) -> Iterator[ScreenAnswer]:
    """Every screen answer ever recorded, oldest first."""
    for screening in profile.safety.screenings:
        yield from screening.answers


def closed_reasons(profile: Profile) -> list[ClosedReason]:
    """Why Steps 5-7 are closed, from every "yes" ever recorded, the most serious first.

    A "yes" that names no reason (kept from release 1) counts as harm: the words chosen
    for it are then the most careful ones.
    """
    found = {answer.closes or "harm" for answer in answers_ever(profile) if answer.yes}
    return [reason for reason in REASON_ORDER if reason in found]


def reconnect_closed(profile: Profile) -> bool:
    """True when any recorded answer has closed Steps 5-7; nothing reopens them."""
    return any(answer.yes for answer in answers_ever(profile))


def situation(profile: Profile) -> Situation:
    """The situation the program's words are chosen for, the most serious first."""
    reasons = closed_reasons(profile)
    if "harm" in reasons:
        return "harmed"
    if "own_behaviour" in reasons:
        return "own_behaviour"
    if "ex_asked_no_contact" in reasons:
        return "ex_asked_no_contact"
    return "clear"


def in_danger(profile: Profile) -> bool:
    """True when any recorded "yes" was to a high-danger question (choking, weapons...)."""
    return any(answer.yes and answer.high_danger for answer in answers_ever(profile))


# --- recording a screening --------------------------------------------------------------------


def under_way(profile: Profile) -> Screening | None:
    """The screening begun and not finished (stopped part-way), if there is one."""
    screenings = profile.safety.screenings
    if screenings and screenings[-1].finished_on is None:
        return screenings[-1]
    return None


def begin(profile: Profile, today: date) -> None:
    """Start a new time through the screen; one already under way is left as it stopped."""
    profile.safety.screenings.append(Screening(began_on=today))


def still_to_ask(profile: Profile, screen: Screen) -> list[ScreenQuestion]:
    """The questions the screening under way has not had an answer to yet."""
    current = under_way(profile)
    answered = {answer.question for answer in current.answers} if current else set()
    return [question for question in screen.questions if question.id not in answered]


def record_answer(profile: Profile, question: ScreenQuestion, yes: bool, today: date) -> None:
    """Add one answer, as given, to the screening under way (beginning one if none is)."""
    if under_way(profile) is None:
        begin(profile, today)
    current = profile.safety.screenings[-1]
    current.answers.append(
        ScreenAnswer(
            question=question.id,
            yes=yes,
            closes=question.closes_reconnect_as,
            high_danger=question.high_danger,
        )
    )


def record_how_often(profile: Profile, question: ScreenQuestion, how_often: Frequency) -> None:
    """Fill in how often, once, on the "yes" just given to `question`; nothing is overwritten."""
    current = under_way(profile)
    mine = [a for a in current.answers if a.question == question.id] if current else []
    if not mine or not mine[-1].yes:
        raise ValueError("how often follows a recorded yes to the same question")
    if mine[-1].how_often is None:
        mine[-1].how_often = how_often


def finish(profile: Profile, today: date) -> None:
    current = under_way(profile)
    if current is not None:
        current.finished_on = today


@dataclass(frozen=True)
class Outcome:
    """What the latest screening means, for the words shown after it."""

    closed: bool  # Steps 5-7 are closed, by these answers or by earlier ones
    closed_now: bool  # a "yes" in this screening
    situation: Situation
    reasons: tuple[ClosedReason, ...]
    in_danger_now: bool  # a high-danger "yes" in this screening
    helplines: tuple[HelplineKind, ...]  # the kinds of line to show, most needed first


def outcome(profile: Profile) -> Outcome:
    latest = profile.safety.screenings[-1].answers if profile.safety.screenings else []
    reasons = tuple(closed_reasons(profile))
    return Outcome(
        closed=reconnect_closed(profile),
        closed_now=any(answer.yes for answer in latest),
        situation=situation(profile),
        reasons=reasons,
        in_danger_now=any(answer.yes and answer.high_danger for answer in latest),
        helplines=helpline_kinds(reasons),
    )


def helpline_kinds(reasons: tuple[ClosedReason, ...]) -> tuple[HelplineKind, ...]:
    """The lines a closed screen shows: abuse support for someone harmed, the lines for people
    worried about their own behaviour, and crisis lines for everyone."""
    kinds: list[HelplineKind] = []
    if "harm" in reasons:
        kinds.append("abuse")
    if "own_behaviour" in reasons:
        kinds.append("own_behaviour")
    return (*kinds, "crisis")


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
