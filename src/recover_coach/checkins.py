"""The daily check-in, and the step's question of the day answered with it.

Pure: values in, values out. A check-in lives in its month's log; a check-in that says
"slip" also records the slip in the core profile (slips.py), because the streak is
derived from the slips.

A second check-in for the same day updates it and loses nothing: answers given again replace
the earlier ones, a new note is added below the earlier note, and self-care items are merged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from recover_coach import reflections, slips, streak
from recover_coach.errors import UsageError
from recover_coach.models import (
    SELFCARE_ITEMS,
    Answer,
    CheckIn,
    ContactKind,
    DailyAnswer,
    MonthLog,
    Profile,
    Reflection,
    SelfCareItem,
    joined_note,
)
from recover_coach.streak import StreakFigures

if TYPE_CHECKING:
    from recover_coach.content_models import Content

DAILY_KEY_PREFIX = "daily."


@dataclass(frozen=True)
class DailyQuestion:
    """The current step's question of the day; its answer is kept with the day's check-in."""

    text: str
    step: int


@dataclass
class CheckinAnswers:
    """One check-in's answers; None (or empty) means not answered this time."""

    mood: int | None = None
    contact: ContactKind | None = None
    checked_socials: bool | None = None
    urge: int | None = None
    selfcare: list[SelfCareItem] = field(default_factory=list)
    note: str | None = None
    daily_question: DailyQuestion | None = None
    daily_answer: str | None = None


@dataclass(frozen=True)
class Outcome:
    check_in: CheckIn
    updated: bool  # the day already had a check-in, and this one updated it
    streak: StreakFigures


class FirstCheckInIncomplete(UsageError):
    """A day's first check-in needs the mood and the contact; later ones may add to it."""

    def __init__(self, *, mood: bool, contact: bool) -> None:
        self.missing = [name for name, absent in (("mood", mood), ("contact", contact)) if absent]
        super().__init__(
            f"A day's first check-in needs {' and '.join(self.missing)}.",
            "Mood is a number from 1 to 10; contact is none, ignored, necessary or slip.",
        )


def find(log: MonthLog, on: date) -> CheckIn | None:
    return next((check_in for check_in in log.checkins if check_in.on == on), None)


def record(
    profile: Profile,
    log: MonthLog,
    answers: CheckinAnswers,
    *,
    on: date,
    at: datetime,
    today: date,
) -> Outcome:
    """Save one day's check-in (and the answer to the question of the day, if any).

    A day that already has a check-in is updated without losing anything written earlier.
    """
    earlier = find(log, on)
    check_contact(profile, answers.contact or (earlier.contact if earlier else None), on)
    if earlier is not None:
        check_in = earlier
        _update(check_in, answers, at)
    elif answers.mood is None or answers.contact is None:
        raise FirstCheckInIncomplete(mood=answers.mood is None, contact=answers.contact is None)
    else:
        check_in = CheckIn(
            on=on,
            recorded_at=at,
            mood=answers.mood,
            contact=answers.contact,
            checked_socials=bool(answers.checked_socials),
            urge=answers.urge,
            selfcare=_merge([], answers.selfcare),
            note=answers.note or None,
        )
        log.checkins.append(check_in)
        log.checkins.sort(key=lambda entry: entry.on)
    slips.follow_checkin(profile.no_contact, check_in, at=at)
    if answers.daily_question is not None and answers.daily_answer:
        answer_daily_question(check_in, answers.daily_question, answers.daily_answer, at)
    return Outcome(
        check_in=check_in,
        updated=earlier is not None,
        streak=streak.figures(profile.streak_events(), today),
    )


def _update(check_in: CheckIn, answers: CheckinAnswers, at: datetime) -> None:
    if answers.mood is not None:
        check_in.mood = answers.mood
    if answers.contact is not None:
        check_in.contact = answers.contact
    if answers.checked_socials is not None:
        check_in.checked_socials = answers.checked_socials
    if answers.urge is not None:
        check_in.urge = answers.urge
    check_in.selfcare = _merge(check_in.selfcare, answers.selfcare)
    if answers.note:
        check_in.note = joined_note(check_in.note, answers.note)
    check_in.recorded_at = at


def _merge(earlier: Sequence[SelfCareItem], new: Sequence[SelfCareItem]) -> list[SelfCareItem]:
    chosen = set(earlier) | set(new)
    return [item for item in SELFCARE_ITEMS if item in chosen]


def check_contact(profile: Profile, contact: ContactKind | None, on: date) -> None:
    """Contact on a day before the no-contact period began cannot be a slip."""
    if contact == "slip":
        slips.check_slip_day(profile.no_contact, on)


# The step's question of the day, answered with the check-in and read back as a reflection.


def question_of_the_day(part_questions: list[str], day: date) -> str | None:
    """The same question all day, the next one tomorrow; None when the step has none."""
    if not part_questions:
        return None
    return part_questions[day.toordinal() % len(part_questions)]


def daily_question(program: Content, part_key: str, day: date) -> DailyQuestion | None:
    """The question of the day for the step the person is on, if that step has any."""
    try:
        part = program.part(part_key)
    except KeyError:
        return None
    text = question_of_the_day(part.daily_questions, day)
    return DailyQuestion(text=text, step=part.number) if text else None


def daily_key(question: str) -> str:
    """The reflection key of a daily question: re-answering it adds to the same history."""
    return DAILY_KEY_PREFIX + reflections.item_slug(question)


def answer_daily_question(
    check_in: CheckIn, question: DailyQuestion, answer: str, at: datetime
) -> None:
    """Keep the answer with the day's check-in; answering again adds to it, never replaces."""
    check_in.daily.append(
        DailyAnswer(step=question.step, question=question.text, at=at, answer=answer)
    )


def daily_reflections(check_ins: Iterable[CheckIn]) -> list[Reflection]:
    """The questions of the day as reflections: one per question, its answers oldest first."""
    by_key: dict[str, Reflection] = {}
    for check_in in check_ins:
        for daily in check_in.daily:
            key = daily_key(daily.question)
            if key not in by_key:
                by_key[key] = Reflection(key=key, step=daily.step, prompt=daily.question)
            by_key[key].entries.append(Answer(at=daily.at, value=daily.answer))
    for reflection in by_key.values():
        reflection.entries.sort(key=lambda entry: entry.at)
    return list(by_key.values())
