"""Daily entries: check-ins, the slips and social-media checks they imply, and the history.

Pure: values in, values out. A check-in lives in its month's log; the slips and social-media
checks it implies live in the core profile, because the streak is derived from them.

A second check-in for the same day updates it and loses nothing: answers given again replace
the earlier ones, a new note is added below the earlier note, and self-care items are merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, get_args, overload

from recover_coach import reflections, streak
from recover_coach.errors import RecoverError, UsageError
from recover_coach.models import (
    Answer,
    CheckIn,
    ContactKind,
    DailyAnswer,
    MonthLog,
    NoContact,
    Profile,
    Reflection,
    SelfCareItem,
    Slip,
    Urge,
)
from recover_coach.streak import StreakFigures

if TYPE_CHECKING:
    from recover_coach.content_models import Content

CONTACT_KINDS: tuple[ContactKind, ...] = get_args(ContactKind)
SELFCARE_ITEMS: tuple[SelfCareItem, ...] = get_args(SelfCareItem)
DAILY_KEY_PREFIX = "daily."
NOTE_SEPARATOR = "\n\n"
_WHOLE = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() also accepts "²", which int() refuses
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


@dataclass(frozen=True)
class DailyQuestion:
    """The current step's question of the day; its answer is saved as a reflection."""

    text: str
    step: int


@dataclass
class Answers:
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


@dataclass(frozen=True)
class Entry:
    """One line of the history: a check-in, a slip or an urge, on its day."""

    on: date
    kind: str  # "check-in", "slip" or "urge"
    record: CheckIn | Slip | Urge


# Parsing flag values. Errors name the flag and what it accepts, never the value typed.


def parse_month(text: str | None, flag: str) -> str | None:
    if text is None:
        return None
    if not _MONTH.fullmatch(text) or not 1 <= int(text[5:]) <= 12:
        raise UsageError(f"{flag} takes a month written YYYY-MM.", f"For example: {flag} 2025-01")
    return text


@overload
def parse_scale(text: str, flag: str, low: int, high: int) -> int: ...
@overload
def parse_scale(text: str | None, flag: str, low: int, high: int) -> int | None: ...
def parse_scale(text: str | None, flag: str, low: int, high: int) -> int | None:
    """A whole number from `low` to `high`; None when the flag was not given."""
    if text is None:
        return None
    value = text.strip()
    if not _WHOLE.fullmatch(value) or not low <= int(value) <= high:
        raise UsageError(f"{flag} takes a whole number from {low} to {high}.")
    return int(value)


def parse_contact(text: str | None) -> ContactKind | None:
    if text is None:
        return None
    for kind in CONTACT_KINDS:
        if text.strip().lower() == kind:
            return kind
    raise UsageError(f"--contact takes one of: {', '.join(CONTACT_KINDS)}.")


def parse_selfcare(text: str | None) -> list[SelfCareItem]:
    if text is None:
        return []
    picked: list[SelfCareItem] = []
    for part in text.split(","):
        name = part.strip().lower()
        if not name:
            continue
        item = next((item for item in SELFCARE_ITEMS if item == name), None)
        if item is None:
            raise UsageError(
                f"--selfcare takes a comma-separated list of: {', '.join(SELFCARE_ITEMS)}."
            )
        if item not in picked:
            picked.append(item)
    return picked


# Check-ins.


def find(log: MonthLog, on: date) -> CheckIn | None:
    return next((check_in for check_in in log.checkins if check_in.on == on), None)


def record(
    profile: Profile,
    log: MonthLog,
    answers: Answers,
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
    elif answers.mood is None:
        raise UsageError("--mood is needed for the first check-in of a day: a number from 1 to 10.")
    elif answers.contact is None:
        raise UsageError(
            "--contact is needed for the first check-in of a day: "
            f"one of {', '.join(CONTACT_KINDS)}."
        )
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
    _sync_slip(profile.no_contact, check_in, at=at)
    if answers.daily_question is not None and answers.daily_answer:
        answer_daily_question(check_in, answers.daily_question, answers.daily_answer, at)
    return Outcome(
        check_in=check_in,
        updated=earlier is not None,
        streak=streak.figures(streak.events_in(profile), today),
    )


def _update(check_in: CheckIn, answers: Answers, at: datetime) -> None:
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
        check_in.note = (
            f"{check_in.note}{NOTE_SEPARATOR}{answers.note}" if check_in.note else answers.note
        )
    check_in.recorded_at = at


def _merge(earlier: Sequence[SelfCareItem], new: Sequence[SelfCareItem]) -> list[SelfCareItem]:
    chosen = set(earlier) | set(new)
    return [item for item in SELFCARE_ITEMS if item in chosen]


def _sync_slip(no_contact: NoContact, check_in: CheckIn, *, at: datetime) -> None:
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


def check_contact(profile: Profile, contact: ContactKind | None, on: date) -> None:
    """Contact on a day before the no-contact period began cannot be a slip."""
    if contact == "slip":
        _check_slip_day(profile.no_contact, on)


def _check_slip_day(no_contact: NoContact, on: date) -> None:
    began = no_contact.started_on
    if began is not None and on < began:
        raise UsageError(
            f"--date is before your no-contact period began on {began.isoformat()}.",
            "A slip can only be recorded from that day on.",
        )


# Slips recorded on their own.


def check_slip(profile: Profile, on: date) -> None:
    """A slip needs a no-contact period that had begun by its day."""
    if profile.no_contact.started_on is None:
        raise RecoverError(
            "Your no-contact period has not begun yet, so there is no streak to record a slip in.",
            "Step 1 (`recover start`) or `recover streak set --since YYYY-MM-DD` begins it.",
        )
    _check_slip_day(profile.no_contact, on)


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
        slip.note = f"{slip.note}{NOTE_SEPARATOR}{answers.note}" if slip.note else answers.note
    for name in ("time_of_day", "feeling", "made_it_easy"):
        value = getattr(answers, name)
        if value:
            setattr(slip, name, value)
    return SlipOutcome(
        slip=slip, updated=updated, streak=streak.figures(streak.events_in(profile), today)
    )


# The step's question of the day, answered as a reflection.


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


# History.


def months_in_range(saved: Iterable[str], since: str | None, until: str | None) -> list[str]:
    if since and until and since > until:
        raise UsageError("--since must not be later than --until.")
    return [m for m in saved if (since is None or m >= since) and (until is None or m <= until)]


def history(
    slips: Iterable[Slip],
    logs: Iterable[MonthLog],
    since: str | None = None,
    until: str | None = None,
) -> list[Entry]:
    """Check-ins, slips and urges in date order (within the months given, when given)."""
    entries = [
        Entry(check_in.on, "check-in", check_in) for log in logs for check_in in log.checkins
    ]
    entries += [Entry(urge.on, "urge", urge) for log in logs for urge in log.urges]
    entries += [
        Entry(slip.on, "slip", slip)
        for slip in slips
        if (since is None or f"{slip.on:%Y-%m}" >= since)
        and (until is None or f"{slip.on:%Y-%m}" <= until)
    ]
    order = {"check-in": 0, "slip": 1, "urge": 2}
    return sorted(entries, key=lambda entry: (entry.on, order[entry.kind], _moment(entry.record)))


def history_json(entries: Iterable[Entry]) -> dict[str, Any]:
    data: dict[str, list[dict[str, Any]]] = {"checkins": [], "slips": [], "urges": []}
    for entry in entries:
        bucket = {"check-in": "checkins", "slip": "slips", "urge": "urges"}[entry.kind]
        data[bucket].append(entry.record.model_dump(mode="json"))
    return {"version": 1, **data}


def _moment(record: CheckIn | Slip | Urge) -> float:
    return (record.at if isinstance(record, Urge) else record.recorded_at).timestamp()
