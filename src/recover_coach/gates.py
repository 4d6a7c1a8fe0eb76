"""Steps and their gates: which parts a track walks through, and why a part is not open.

Pure: the profile and the content come in, values come out; `today` is an argument. The
gates' conditions are named in content and checked here; what comes next is program.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from recover_coach import streak
from recover_coach.content_models import Content, GateCondition, Part
from recover_coach.models import Profile, Track

StatusName = Literal["done", "open", "locked"]

SAFETY_CLOSED = (
    "Reconnecting stays closed, to keep you safe (from your answers to the safety questions)."
)
MOVE_ON_CHOSEN = "You chose the move-on path; `recover start --track reconnect` switches back."
MOVE_ON_OFF_TRACK = (
    "This is the move-on path; choose it any time with `recover start --track move-on`."
)


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


def _condition_met(
    condition: GateCondition, profile: Profile, content: Content, today: date
) -> bool:
    program = profile.program
    closed = profile.safety.reconnect_closed
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
    if profile.safety.reconnect_closed:
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
