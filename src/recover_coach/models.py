"""The person's data as pydantic models, with the migrations that bring old files up to date.

Two kinds of file: the small core profile (settings, safety, program progress, reflections,
no-contact events) and one log file per calendar month (check-ins and urges), so the core
stays the same size however long someone uses recover.
"""

from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from typing import Any, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field

from recover_coach.streak import GOAL_MAX_DAYS, GOAL_MIN_DAYS, StreakEvents

SCHEMA_VERSION = 2

Track = Literal["reconnect", "move_on"]
ContactKind = Literal["none", "ignored", "necessary", "slip"]
SelfCareItem = Literal["sleep", "food", "movement", "people", "enjoyable"]
ReplyOutcome = Literal["warm", "short", "none", "asked_for_space"]
ConversationOutcome = Literal["lets_try", "need_time", "no"]
ReconnectClosedReason = Literal["harm", "own_behaviour", "ex_asked_no_contact"]
HowOften = Literal["once", "a_few_times", "often"]  # content_models.Frequency, as saved
AnswerValue = str | list[str] | dict[str, str]
NOTE_SEPARATOR = "\n\n"
CONTACT_KINDS: tuple[ContactKind, ...] = get_args(ContactKind)
SELFCARE_ITEMS: tuple[SelfCareItem, ...] = get_args(SelfCareItem)


class Record(BaseModel):
    # Unknown keys survive a load and save (a newer minor field, a hand-added note);
    # validation errors never echo what the person wrote. Validators are built on first
    # use, so a command pays only for the records it reads (start-up budget).
    model_config = ConfigDict(
        extra="allow", hide_input_in_errors=True, validate_assignment=True, defer_build=True
    )

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        """Only numbers, dates and yes/no in a repr (tracebacks, logs, debuggers): any text
        may be the person's words, so text, lists and tables are shown by their size."""
        for name, value in super().__repr_args__():
            if isinstance(value, str | list | dict):
                yield name, _Size(len(value), "chars" if isinstance(value, str) else "items")
            else:
                yield name, value


class _Size(NamedTuple):
    length: int
    unit: str

    def __repr__(self) -> str:
        return f"<{self.length} {self.unit}>"


class Settings(Record):
    region: str = ""
    goal_days: int = Field(default=30, ge=GOAL_MIN_DAYS, le=GOAL_MAX_DAYS)
    day_starts_at: time = time(0, 0)


class Onboarding(Record):
    completed_on: date | None = None
    breakup_on: date | None = None


class ScreenAnswer(Record):
    """One answer to one safety question, as given. Answers are only ever added."""

    question: str  # the question's id in the content
    yes: bool
    # What a "yes" closes reconnecting as, saved with the answer, so a later change of
    # content can never reopen it. None only for an answer from release 1 that named none.
    closes: ReconnectClosedReason | None = None
    high_danger: bool = False
    how_often: HowOften | None = None  # asked after a "yes"; filled in once, if answered


class Screening(Record):
    """One time through the safety screen: its answers in the order given."""

    began_on: date | None = None  # None only for answers kept from release 1 without a date
    finished_on: date | None = None  # None while it is under way (it resumes there)
    answers: list[ScreenAnswer] = Field(default_factory=list)


class Safety(Record):
    # Every screening ever answered. Whether reconnecting is closed, and why, is derived from
    # these answers every time (safety.py), never stored on its own: a "yes" stays a "yes".
    screenings: list[Screening] = Field(default_factory=list)
    # The day an answer last held crisis language: the next check-in or `recover start`
    # asks gently how they are, then clears it.
    crisis_noticed_on: date | None = None


class Position(Record):
    """Where an unfinished session stopped, so the next `recover start` resumes there."""

    session: str
    beat: int = Field(ge=0)
    item: int = Field(default=0, ge=0)  # within a beat asked once per earlier item


class Program(Record):
    track: Track = "reconnect"
    track_changed_on: date | None = None
    sessions_done: dict[str, date] = Field(default_factory=dict)
    position: Position | None = None
    reply: ReplyOutcome | None = None
    conversation: ConversationOutcome | None = None
    finished_on: date | None = None


class Answer(Record):
    at: datetime
    value: AnswerValue
    # It held crisis language: never recalled, walked through or quoted back later.
    crisis: bool = False


class Reflection(Record):
    """One question's answers over time: re-answering adds an entry, never overwrites."""

    key: str
    step: int = Field(ge=0, le=8)
    prompt: str
    entries: list[Answer] = Field(default_factory=list)


class Slip(Record):
    on: date
    recorded_at: datetime
    from_checkin: bool = False
    note: str | None = None
    time_of_day: str | None = None
    feeling: str | None = None
    made_it_easy: str | None = None


class NoContact(Record):
    started_on: date | None = None
    slips: list[Slip] = Field(default_factory=list)


class Profile(Record):
    schema_version: int = SCHEMA_VERSION
    settings: Settings = Field(default_factory=Settings)
    onboarding: Onboarding = Field(default_factory=Onboarding)
    safety: Safety = Field(default_factory=Safety)
    program: Program = Field(default_factory=Program)
    no_contact: NoContact = Field(default_factory=NoContact)
    reflections: list[Reflection] = Field(default_factory=list)

    def streak_events(self) -> StreakEvents:
        """The streak's events as the core profile records them (no month logs read)."""
        return StreakEvents(
            started_on=self.no_contact.started_on,
            slip_dates=tuple(slip.on for slip in self.no_contact.slips),
            goal_days=self.settings.goal_days,
            day_starts_at=self.settings.day_starts_at,
            breakup_on=self.onboarding.breakup_on,
        )


class DailyAnswer(Record):
    """The answer to the step's question of the day, kept with that day's check-in.

    It lives in the month log, not the core, so the core stays the same size over the years.
    """

    step: int = Field(ge=0, le=8)
    question: str
    at: datetime
    answer: str


class CheckIn(Record):
    on: date
    recorded_at: datetime
    mood: int = Field(ge=1, le=10)
    contact: ContactKind
    checked_socials: bool = False
    urge: int | None = Field(default=None, ge=0, le=10)
    selfcare: list[SelfCareItem] = Field(default_factory=list)
    note: str | None = None
    daily: list[DailyAnswer] = Field(default_factory=list)


class Urge(Record):
    at: datetime
    on: date
    before: int = Field(ge=0, le=10)
    after: int | None = Field(default=None, ge=0, le=10)
    need: str | None = None
    draft: str | None = None  # an unsent message: saved here, never sent anywhere
    paused_seconds: int = Field(default=0, ge=0)


class MonthLog(Record):
    schema_version: int = SCHEMA_VERSION
    month: str = Field(pattern=r"^\d{4}-\d{2}$")
    checkins: list[CheckIn] = Field(default_factory=list)
    urges: list[Urge] = Field(default_factory=list)


def joined_note(earlier: str | None, new: str) -> str:
    """A note written again for the same day or slip goes below the earlier one."""
    return f"{earlier}{NOTE_SEPARATOR}{new}" if earlier else new


# Each migration is a pure function turning a file of version N into version N+1.
# Add one here (and a fixture of the old version under tests/fixtures/) whenever a
# released file format changes.
Migration = Callable[[dict[str, Any]], dict[str, Any]]

# Release 1's screen questions and what a "yes" to each closed. Its reasons were stored as a
# list beside the answers; release 2 derives them from the answers alone.
V1_SCREEN_REASONS: dict[str, ReconnectClosedReason] = {
    "hurt_physically": "harm",
    "put_down": "harm",
    "threatened": "harm",
    "afraid": "harm",
    "controlled": "harm",
    "lied_cheated": "harm",
    "own_frightened": "own_behaviour",
    "ex_afraid": "own_behaviour",
    "asked_no_contact": "ex_asked_no_contact",
}
# The question id under which a reason release 1 stored, and no answer names, is kept.
V1_STORED_REASON = "closed_in_release_1"


def _safety_answers_as_screenings(raw: dict[str, Any]) -> dict[str, Any]:
    """Release 1 -> 2: the screen's answers and stored reasons become one recorded screening.

    Every stored reason survives as a recorded "yes", so nothing a release-1 screen closed
    can reopen. Month logs have no safety table and pass through unchanged.
    """
    if not isinstance(raw.get("safety"), dict):
        return raw
    old = dict(raw["safety"])
    screened_on = old.pop("screened_on", None)
    given = old.pop("answers", {})
    stored = old.pop("reconnect_closed", [])
    answers: list[dict[str, Any]] = []
    for question, said in given.items():
        answer: dict[str, Any] = {"question": question, "yes": said}
        if question in V1_SCREEN_REASONS:
            answer["closes"] = V1_SCREEN_REASONS[question]
        answers.append(answer)
    named = {a.get("closes") for a in answers if a["yes"]}
    for reason in stored:
        if reason not in named:
            answers.append({"question": V1_STORED_REASON, "yes": True, "closes": reason})
            named.add(reason)
    screenings: list[dict[str, Any]] = []
    if answers:
        screening: dict[str, Any] = {"answers": answers}
        if screened_on is not None:
            screening["began_on"] = screened_on
            # Release 1 finished the screen in the same step that completed onboarding.
            if raw.get("onboarding", {}).get("completed_on") is not None:
                screening["finished_on"] = screened_on
        screenings.append(screening)
    return {**raw, "safety": {**old, "screenings": screenings}}


MIGRATIONS: dict[int, Migration] = {1: _safety_answers_as_screenings}


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring a parsed file up to SCHEMA_VERSION; the caller refuses versions above it."""
    version = int(raw.get("schema_version", 1))
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["schema_version"] = version
    return raw
