"""Steps and their gates: which parts a track walks through, and why a part is not open.

Pure: the profile and the content come in, values come out; `today` is an argument. The
gates' conditions are named in content and checked here; what comes next is program.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from recover_coach import safety, streak
from recover_coach.content_models import Content, GateCondition, Part
from recover_coach.models import Profile, ReplyOutcome, Track

StatusName = Literal["done", "open", "locked"]

SAFETY_CLOSED = "Reconnecting stays closed, because of your answers to the safety questions."
MOVE_ON_CHOSEN = "You chose the move-on path; `recover start --track reconnect` switches back."
MOVE_ON_OFF_TRACK = (
    "This is the move-on path; choose it any time with `recover start --track move-on`."
)
# Instead of "meanwhile" for a step that will not open: where the person's path goes on.
MOVE_ON_OPEN = "The move-on path is yours: `recover start --track move-on` begins it."
MOVE_ON_GOES_ON = "Your path goes on: `recover start` carries on with the move-on path."
AFTER_SILENCE = (
    "There was no reply, or they asked for space. That is their answer, and recover respects "
    "it: there is no second message."
)
AFTER_NO = "The conversation ended in a no. That is their answer, and recover respects it."
# Respecting "no": after silence or a request for space there is no second message.
REPLY_ENDS_CONTACT: tuple[ReplyOutcome, ...] = ("none", "asked_for_space")


@dataclass(frozen=True)
class StepStatus:
    key: str
    number: int
    title: str
    is_step: bool  # a numbered step of the guide, shown as "Step N"
    track: str
    status: StatusName
    locked_because: tuple[str, ...] = ()
    meanwhile: str | None = None
    # Locked for good (a closed safety screen, their silence or their "no"): it will not open,
    # so nothing counts down to it and there is no "meanwhile", only where to go instead.
    closed_for_good: bool = False
    sessions_done: int = 0
    sessions_total: int = 0

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "number": self.number,
            "title": self.title,
            "track": self.track,
            "status": self.status,
            "sessions_done": self.sessions_done,
            "sessions_total": self.sessions_total,
        }
        if self.status == "locked":
            data["locked_because"] = list(self.locked_because)
            data["meanwhile"] = self.meanwhile
            data["closed_for_good"] = self.closed_for_good
        return data


def track_parts(content: Content, track: Track) -> list[Part]:
    """The parts a track walks through, in order: Steps 1-4, its own parts, then the final."""
    return [part for part in content.parts() if part.track in ("both", track)]


def part_done(part: Part, profile: Profile) -> bool:
    done = profile.program.sessions_done
    return all(session.id in done for session in part.sessions)


def gate_pending(part: Part, profile: Profile, content: Content, today: date) -> list[str]:
    """What a part's gate still waits for, in the content's words; empty when it is open."""
    if part.gate is None:
        return []
    goal = profile.settings.goal_days
    days_left = max(goal - _no_contact_days(profile, today), 0)
    return [
        requirement.pending.replace("{days_left}", str(days_left)).replace("{goal_days}", str(goal))
        for requirement in part.gate.requires
        if not _condition_met(requirement.condition, profile, content, today)
    ]


def closed_for_good(part: Part, profile: Profile) -> list[str]:
    """What keeps a part closed for good; empty when it may still open.

    A closed safety screen, silence or a request for space after the one message, and a
    "no" at the end of the conversation are answers: nothing the person does reopens them.
    The safety reasons are the content's own words (written as final); the others are here,
    because the content's `pending` for them speaks of a reply still to come.
    """
    program = profile.program
    final = {
        "safety_clear": safety.reconnect_closed(profile),
        "ex_has_not_asked_for_no_contact": "ex_asked_no_contact" in safety.closed_reasons(profile),
    }
    requires = part.gate.requires if part.gate else []
    reasons: list[str] = []
    # The screen closes every reconnect step, even one whose content forgot to say so.
    asks_safety = any(r.condition == "safety_clear" for r in requires)
    if part.track == "reconnect" and final["safety_clear"] and not asks_safety:
        reasons.append(SAFETY_CLOSED)
    for requirement in requires:
        condition = requirement.condition
        if final.get(condition):
            reasons.append(requirement.pending)
        elif condition == "reply_was_warm" and program.reply in REPLY_ENDS_CONTACT:
            reasons.append(AFTER_SILENCE)
        elif condition == "conversation_said_lets_try" and program.conversation == "no":
            reasons.append(AFTER_NO)
    return reasons


def _condition_met(
    condition: GateCondition, profile: Profile, content: Content, today: date
) -> bool:
    program = profile.program
    closed = safety.closed_reasons(profile)
    if condition == "steps_1_to_4_done":
        return all(part_done(part, profile) for part in content.steps if part.number <= 4)
    if condition == "no_contact_goal_reached":
        figures = streak.figures(profile.streak_events(), today)
        return figures.started_on is not None and figures.goal_reached
    if condition == "safety_clear":
        return not closed
    if condition == "ex_has_not_asked_for_no_contact":
        return "ex_asked_no_contact" not in closed
    if condition == "reply_was_warm":
        return program.reply == "warm"
    return program.conversation == "lets_try"  # conversation_said_lets_try


def _no_contact_days(profile: Profile, today: date) -> int:
    return streak.figures(profile.streak_events(), today).current_days


def status_of(part: Part, profile: Profile, content: Content, today: date) -> StepStatus:
    """Done, open, or locked with every reason; a part off the chosen track counts as locked."""
    track = profile.program.track
    base = StepStatus(
        key=part.key,
        number=part.number,
        title=part.title,
        is_step=part.is_step,
        track=part.track,
        status="open",
        meanwhile=part.gate.meanwhile if part.gate else None,
        sessions_done=sum(1 for s in part.sessions if s.id in profile.program.sessions_done),
        sessions_total=len(part.sessions),
    )
    never = closed_for_good(part, profile)
    if never and not part_done(part, profile):
        return replace(
            base,
            status="locked",
            locked_because=tuple(never),
            meanwhile=MOVE_ON_GOES_ON if track == "move_on" else MOVE_ON_OPEN,
            closed_for_good=True,
        )
    if part.track not in ("both", track):
        return replace(base, status="locked", locked_because=(_off_track_reason(part, profile),))
    if part_done(part, profile):
        return replace(base, status="done")
    reasons = gate_pending(part, profile, content, today)
    previous = _previous_part(part, content, track)
    gate_checks_steps = part.gate is not None and any(
        r.condition == "steps_1_to_4_done" for r in part.gate.requires
    )
    if previous is not None and not part_done(previous, profile) and not gate_checks_steps:
        reasons.insert(0, f"Finish {_part_name(previous)} first.")
    if reasons:
        return replace(base, status="locked", locked_because=tuple(reasons))
    return base


def _off_track_reason(part: Part, profile: Profile) -> str:
    if part.track == "move_on":
        return MOVE_ON_OFF_TRACK
    if safety.reconnect_closed(profile):
        return SAFETY_CLOSED
    return MOVE_ON_CHOSEN


def _previous_part(part: Part, content: Content, track: Track) -> Part | None:
    parts = track_parts(content, track)
    index = parts.index(part)
    return parts[index - 1] if index > 0 else None


def _part_name(part: Part) -> str:
    return f"Step {part.number} ({part.title})" if part.is_step else f"“{part.title}”"


def step_statuses(profile: Profile, content: Content, today: date) -> list[StepStatus]:
    return [status_of(part, profile, content, today) for part in content.parts()]
