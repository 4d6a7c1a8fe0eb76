"""Slips: contact the person started or answered when it wasn't needed, recorded kindly.

Pure: values in, values out. Slips live in the core profile, because the streak is derived
from them. A slip comes from `recover slip` (with answers about what led to it) or from a
day's check-in that says "slip"; a day has at most one slip, and answers given again are
added to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from recover_coach import streak
from recover_coach.errors import RecoverError, UsageError
from recover_coach.models import (
    CheckIn,
    ContactKind,
    MonthLog,
    NoContact,
    Profile,
    Slip,
    joined_note,
)
from recover_coach.streak import StreakFigures


@dataclass
class SlipAnswers:
    note: str | None = None
    time_of_day: str | None = None
    feeling: str | None = None
    made_it_easy: str | None = None


@dataclass(frozen=True)
class SlipOutcome:
    slip: Slip
    updated: bool  # a slip was already recorded for that day; the answers were added to it
    streak: StreakFigures


def check_slip(profile: Profile, on: date) -> None:
    """A slip needs a no-contact period that had begun by its day."""
    if profile.no_contact.started_on is None:
        raise RecoverError(
            "Your no-contact period has not begun yet, so there is no streak to record a slip in.",
            "Step 1 (`recover start`) or `recover streak set --since YYYY-MM-DD` begins it.",
        )
    check_slip_day(profile.no_contact, on)


def check_slip_day(no_contact: NoContact, on: date) -> None:
    """Contact on a day before the no-contact period began cannot be a slip."""
    began = no_contact.started_on
    if began is not None and on < began:
        raise UsageError(
            f"{on.isoformat()} is before your no-contact period began on {began.isoformat()}.",
            "A slip can only be recorded from that day on.",
        )


def record_slip(
    profile: Profile, answers: SlipAnswers, *, on: date, at: datetime, today: date
) -> SlipOutcome:
    """Record a slip (one per day): answers given again are added to that day's slip."""
    no_contact = profile.no_contact
    check_slip(profile, on)
    slip = next((slip for slip in no_contact.slips if slip.on == on), None)
    updated = slip is not None
    if slip is None:
        slip = Slip(on=on, recorded_at=at)
        no_contact.slips.append(slip)
        no_contact.slips.sort(key=lambda entry: entry.on)
    # Recorded on purpose now: a later check-in for that day must not remove it.
    slip.from_checkin = False
    if answers.note:
        slip.note = joined_note(slip.note, answers.note)
    for name in ("time_of_day", "feeling", "made_it_easy"):
        value = getattr(answers, name)
        if value:
            setattr(slip, name, value)
    return SlipOutcome(
        slip=slip, updated=updated, streak=streak.figures(profile.streak_events(), today)
    )


class ContactNeeded(UsageError):
    """Undoing a slip that a day's check-in also records needs what the contact was instead."""

    def __init__(self, on: date) -> None:
        super().__init__(
            f"The check-in for {on.isoformat()} says you reached out or answered.",
            "Say what the contact was instead: none, ignored or necessary.",
        )


def undo_slip(
    profile: Profile, log: MonthLog, on: date, *, contact: ContactKind | None, today: date
) -> StreakFigures:
    """Remove a slip recorded by mistake; a check-in that said "slip" takes `contact` instead.

    The figures are derived again from what is left.
    """
    slip = next((slip for slip in profile.no_contact.slips if slip.on == on), None)
    check_in = next((entry for entry in log.checkins if entry.on == on), None)
    said_slip = check_in is not None and check_in.contact == "slip"
    if slip is None and not said_slip:
        raise UsageError(
            f"There is no slip recorded for {on.isoformat()}.", "`recover history` lists them."
        )
    if check_in is not None and said_slip:
        if contact is None or contact == "slip":
            raise ContactNeeded(on)
        check_in.contact = contact
    profile.no_contact.slips = [slip for slip in profile.no_contact.slips if slip.on != on]
    return streak.figures(profile.streak_events(), today)


def follow_checkin(no_contact: NoContact, check_in: CheckIn, *, at: datetime) -> None:
    """Keep the profile's slips in step with the day's check-in.

    A check-in's slip is marked `from_checkin`, so changing that day's answer removes it
    again; a slip recorded with `recover slip` is never removed here.
    """
    day = check_in.on
    if check_in.contact == "slip":
        if not any(slip.on == day for slip in no_contact.slips):
            no_contact.slips.append(Slip(on=day, recorded_at=at, from_checkin=True))
            no_contact.slips.sort(key=lambda slip: slip.on)
    else:
        no_contact.slips = [
            slip for slip in no_contact.slips if not (slip.on == day and slip.from_checkin)
        ]
