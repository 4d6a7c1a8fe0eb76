"""The guided program: which session comes next, tracks, progress, and what actions record.

Pure: the profile and the content come in, values come out; `today` is an argument.
Which parts are open and why a gate is closed is gates.py's; how answers are keyed and
kept is reflections.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from recover_coach import safety, streak
from recover_coach.content_models import Content, Part, Session
from recover_coach.errors import RecoverError, UsageError
from recover_coach.gates import (
    MOVE_ON_OPEN,
    StepStatus,
    part_done,
    status_of,
    step_statuses,
    track_parts,
)
from recover_coach.gates import REPLY_ENDS_CONTACT as REPLY_ENDS_CONTACT  # the runner's too
from recover_coach.models import (
    ConversationOutcome,
    Position,
    Profile,
    ReplyOutcome,
    Track,
)


@dataclass(frozen=True)
class SessionRef:
    """A session to run, and where in it to begin (a resumed session starts mid-way)."""

    part: str
    step: int
    step_title: str
    is_step: bool  # a numbered step of the guide, shown as "Step N"
    session: str
    title: str
    minutes: int
    beat: int = 0
    item: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "title": self.title,
            "step": self.step,
            "part": self.part,
            "minutes": self.minutes,
            "resumes_mid_session": self.beat > 0 or self.item > 0,
        }


@dataclass(frozen=True)
class Next:
    """What `recover start` does now: run a session, explain a closed gate, or say it's done."""

    session: SessionRef | None = None
    blocked: StepStatus | None = None
    finished: bool = False
    propose_move_on: bool = False


@dataclass(frozen=True)
class Progress:
    track: Track
    current_step: int | None
    current_part: str | None
    steps: list[StepStatus]
    next_session: SessionRef | None
    no_contact_days: int | None
    goal_days: int
    finished_on: date | None
    onboarded: bool
    propose_move_on: bool = field(default=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "track": self.track,
            "current_step": self.current_step,
            "current_part": self.current_part,
            "steps": [status.as_json() for status in self.steps],
            "next_session": self.next_session.as_json() if self.next_session else None,
            "no_contact_days": self.no_contact_days,
            "goal_days": self.goal_days,
            "finished_on": self.finished_on.isoformat() if self.finished_on else None,
            "onboarded": self.onboarded,
        }


# --- what comes next -----------------------------------------------------------------------


def _ref(part: Part, session: Session, beat: int = 0, item: int = 0) -> SessionRef:
    return SessionRef(
        part=part.key,
        step=part.number,
        step_title=part.title,
        is_step=part.is_step,
        session=session.id,
        title=session.title,
        minutes=session.minutes,
        beat=beat,
        item=item,
    )


def _resume(profile: Profile, content: Content) -> SessionRef | None:
    position = profile.program.position
    if position is None:
        return None
    try:
        part, session = content.session(position.session)
    except KeyError:
        return None  # the content changed under an old position: start the session fresh
    if part.track not in ("both", profile.program.track):
        return None
    return _ref(part, session, position.beat, position.item)


def should_propose_move_on(profile: Profile) -> bool:
    """After silence, a refusal or a closed safety screen, offer the move-on path."""
    program = profile.program
    if program.track != "reconnect":
        return False
    return (
        program.reply in REPLY_ENDS_CONTACT
        or program.conversation == "no"
        or safety.reconnect_closed(profile)
    )


def screen_again_first(profile: Profile, content: Content, ref: SessionRef) -> bool:
    """Offer the safety questions again just before Step 5 begins: things surface later."""
    if ref.part != "step5" or ref.beat or ref.item or safety.reconnect_closed(profile):
        return False
    done = profile.program.sessions_done
    return not any(session.id in done for session in content.part("step5").sessions)


def where_next(profile: Profile, content: Content, today: date) -> Next:
    """The session to run now (resuming an unfinished one first), or why there is none."""
    resumed = _resume(profile, content)
    if resumed is not None:
        return Next(session=resumed)
    for part in track_parts(content, profile.program.track):
        if part_done(part, profile):
            continue
        status = status_of(part, profile, content, today)
        if status.status == "locked":
            return Next(blocked=status, propose_move_on=should_propose_move_on(profile))
        session = next(s for s in part.sessions if s.id not in profile.program.sessions_done)
        return Next(session=_ref(part, session))
    return Next(finished=True)


def current_part_key(profile: Profile, content: Content, today: date) -> str | None:
    """The part the person is in now: the next session's, or the one waiting at its gate."""
    upcoming = where_next(profile, content, today)
    if upcoming.session is not None:
        return upcoming.session.part
    if upcoming.blocked is not None:
        return upcoming.blocked.key
    return None


def after_session(
    done: SessionRef, profile: Profile, content: Content, today: date, *, revisiting: bool
) -> Next:
    """What to offer once a session ends: the rest of a revisited step, else the program's next."""
    if revisiting:
        part = content.part(done.part)
        ids = [s.id for s in part.sessions]
        later = part.sessions[ids.index(done.session) + 1 :]
        if later:
            return Next(session=_ref(part, later[0]))
    return where_next(profile, content, today)


def revisit(profile: Profile, content: Content, today: date, number: int) -> SessionRef:
    """The session to run for `--step N`: a done or open step; a locked one says what is pending."""
    part = next((p for p in content.steps if p.number == number), None)
    if part is None:
        raise UsageError(f"--step takes a step number from 1 to {len(content.steps)}.")
    program = profile.program
    if part.key == "step5" and program.reply in REPLY_ENDS_CONTACT:
        raise RecoverError(
            "Step 5 stays closed: after no reply or a request for space, "
            "recover won't help send another message.",
            "Their answer deserves respect, and so do you: "
            "`recover start --track move-on` is there when you're ready.",
        )
    if part.key == "step6" and program.conversation == "no":
        raise RecoverError(
            "Step 6 stays closed: the conversation ended in a no, and recover respects that.",
            "`recover start --track move-on` is there when you're ready.",
        )
    status = status_of(part, profile, content, today)
    if status.closed_for_good:
        raise RecoverError(
            f"Step {number} stays closed: {' '.join(status.locked_because)}",
            status.meanwhile or MOVE_ON_OPEN,
        )
    if status.status == "locked":
        meanwhile = status.meanwhile or "Run `recover start` to carry on where you are."
        raise RecoverError(
            f"Step {number} is not open yet: {' '.join(status.locked_because)}", meanwhile
        )
    resumed = _resume(profile, content)
    if resumed is not None and resumed.part == part.key:
        return resumed
    if status.status == "open":
        session = next(s for s in part.sessions if s.id not in program.sessions_done)
        return _ref(part, session)
    return _ref(part, part.sessions[0])


def switch_track(profile: Profile, content: Content, track: Track, today: date) -> bool:
    """Change track; False when already on it. Reconnecting never reopens after safety closed it."""
    program = profile.program
    if track == "reconnect" and safety.reconnect_closed(profile):
        raise RecoverError(
            "Reconnecting stays closed, because of what you shared in the safety questions.",
            "That is to keep you safe, not a judgement of you; the move-on path is yours, "
            "and `recover support` lists people who can help.",
        )
    if program.track == track:
        return False
    program.track = track
    program.track_changed_on = today
    if program.position is not None and _resume(profile, content) is None:
        program.position = None  # the unfinished session belongs to the other track
    return True


def progress(profile: Profile, content: Content, today: date) -> Progress:
    upcoming = where_next(profile, content, today)
    current = current_part_key(profile, content, today)
    number = content.part(current).number if current else None
    figures = streak.figures(profile.streak_events(), today)
    return Progress(
        track=profile.program.track,
        current_step=number,
        current_part=current,
        steps=step_statuses(profile, content, today),
        next_session=upcoming.session,
        no_contact_days=figures.current_days if figures.started_on else None,
        goal_days=profile.settings.goal_days,
        finished_on=profile.program.finished_on,
        onboarded=profile.onboarding.completed_on is not None,
        propose_move_on=upcoming.propose_move_on,
    )


def move_to(profile: Profile, session_id: str, beat: int, item: int = 0) -> None:
    """Remember where the session stands, so Ctrl-C and the next `recover start` resume here."""
    profile.program.position = Position(session=session_id, beat=beat, item=item)


def complete_session(profile: Profile, ref: SessionRef, today: date) -> None:
    program = profile.program
    program.sessions_done.setdefault(ref.session, today)
    program.sessions_done = dict(program.sessions_done)
    program.position = None


# --- actions -------------------------------------------------------------------------------


def begin_no_contact(profile: Profile, today: date) -> bool:
    """Start the no-contact period today; a period already running keeps its start date."""
    if profile.no_contact.started_on is not None:
        return False
    begin_period(profile, since=today, today=today)
    return True


def begin_period(
    profile: Profile, since: date | None, today: date, goal_days: int | None = None
) -> None:
    """Begin the no-contact period on `since` (or correct its start), and or set the goal.

    Slips stay recorded.
    """
    if since is not None and since > today:
        raise UsageError(
            f"{since.isoformat()} is in the future (today is {today.isoformat()}).",
            "Use today's date or an earlier one, as YYYY-MM-DD.",
        )
    if goal_days is not None and not streak.GOAL_MIN_DAYS <= goal_days <= streak.GOAL_MAX_DAYS:
        raise UsageError(
            f"A no-contact goal is from {streak.GOAL_MIN_DAYS} to {streak.GOAL_MAX_DAYS} days.",
            "A few weeks gives the space time to work, so it is never under "
            f"{streak.GOAL_MIN_DAYS}; 30 is a good start.",
        )
    if since is not None:
        profile.no_contact.started_on = since
    if goal_days is not None:
        profile.settings.goal_days = goal_days


def record_reply(profile: Profile, reply: ReplyOutcome) -> None:
    profile.program.reply = reply


def record_conversation(profile: Profile, outcome: ConversationOutcome) -> None:
    profile.program.conversation = outcome


def finish(profile: Profile, today: date) -> None:
    profile.program.finished_on = profile.program.finished_on or today
