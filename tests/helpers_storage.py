"""Shared pieces of the storage tests: a profile with every field set, and folder snapshots."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

from recover_coach import disk, paths, storage
from recover_coach.models import (
    Answer,
    CheckIn,
    DailyAnswer,
    MonthLog,
    NoContact,
    Onboarding,
    Position,
    Profile,
    Program,
    Reflection,
    Safety,
    ScreenAnswer,
    Screening,
    Settings,
    Slip,
    Urge,
)

TODAY = date(2026, 11, 20)  # the storage tests save as on this day
CANARY = "CANARY-7f3a-what-I-never-told-anyone"
PARIS = timezone(timedelta(hours=1))


def full_profile() -> Profile:
    """A profile with every field set, and text that is hard to store: quotes, newlines, emoji."""
    return Profile(
        settings=Settings(region="FR", goal_days=60, day_starts_at=time(4, 30)),
        onboarding=Onboarding(completed_on=date(2026, 9, 1), breakup_on=date(2026, 8, 20)),
        safety=Safety(
            screenings=[
                Screening(
                    began_on=date(2026, 9, 1),
                    finished_on=date(2026, 9, 1),
                    answers=[
                        ScreenAnswer(question="hurt", yes=False, closes="harm"),
                        ScreenAnswer(question="choked", yes=False, closes="harm", high_danger=True),
                        ScreenAnswer(
                            question="frightened_them",
                            yes=True,
                            closes="own_behaviour",
                            how_often="once",
                        ),
                    ],
                ),
                Screening(began_on=date(2026, 10, 30)),  # begun, then stopped at once
            ]
        ),
        program=Program(
            track="move_on",
            track_changed_on=date(2026, 10, 2),
            sessions_done={"1a": date(2026, 9, 1), "1b": date(2026, 9, 2)},
            position=Position(session="2a", beat=4),
            reply="short",
            conversation="need_time",
            finished_on=date(2026, 11, 20),
        ),
        no_contact=NoContact(
            started_on=date(2026, 9, 1),
            slips=[
                Slip(
                    on=date(2026, 9, 14),
                    recorded_at=datetime(2026, 9, 15, 0, 20, tzinfo=PARIS),
                    from_checkin=True,
                    note='I said "just checking in" \\ and then\nregretted it 😔',
                    time_of_day="after midnight",
                    feeling="lonely; a bit 'numb'",
                    made_it_easy="wine\tand their story",
                )
            ],
        ),
        reflections=[
            Reflection(
                key="step1.pull",
                step=1,
                prompt="What pulls you to get in touch?",
                entries=[
                    Answer(at=datetime(2026, 9, 1, 22, 5, 1, tzinfo=PARIS), value=CANARY),
                    Answer(
                        at=datetime(2026, 9, 20, 23, 59, 59, 999999),
                        value='Line "two"\r\n\ttabbed — ünïcödé 💔 [end]\ncomplete = true',
                    ),
                    Answer(at=datetime(2026, 10, 1, 8, 0, tzinfo=UTC), value=""),
                ],
            ),
            Reflection(
                key="step2.plan",
                step=2,
                prompt="A kind plan",
                entries=[
                    Answer(
                        at=datetime(2026, 9, 5, 9, 0, tzinfo=PARIS), value=["walk", "call 'Sam'"]
                    ),
                    Answer(
                        at=datetime(2026, 9, 6, 9, 0, tzinfo=PARIS),
                        value={"morning": "run 🏃", 'key with spaces = "odd"': "yes"},
                    ),
                ],
            ),
        ],
    )


def full_month(month: str = "2026-11") -> MonthLog:
    return MonthLog(
        month=month,
        checkins=[
            CheckIn(
                on=date(2026, 11, 1),
                recorded_at=datetime(2026, 11, 2, 1, 15, tzinfo=PARIS),
                mood=3,
                contact="slip",
                checked_socials=True,
                urge=9,
                selfcare=["sleep", "people"],
                note="Hard night.\nI'm OK now 🌙",
                daily=[
                    DailyAnswer(
                        step=2,
                        question="What helped today?",
                        at=datetime(2026, 11, 2, 1, 16, tzinfo=PARIS),
                        answer="Calling my sister 📞",
                    )
                ],
            ),
            CheckIn(
                on=date(2026, 11, 2),
                recorded_at=datetime(2026, 11, 2, 20, 0),
                mood=7,
                contact="none",
            ),
        ],
        urges=[
            Urge(
                at=datetime(2026, 11, 1, 23, 40, tzinfo=PARIS),
                on=date(2026, 11, 1),
                before=9,
                after=3,
                need="company",
                draft='Hey… "I miss you" 💔\nsorry',
                paused_seconds=900,
            ),
            Urge(at=datetime(2026, 11, 2, 12, 0, tzinfo=PARIS), on=date(2026, 11, 2), before=2),
        ],
    )


def save_profile(profile: Profile) -> None:
    """Save `profile` through a transaction, the way every command does."""
    with storage.transaction(TODAY) as tx:
        for name in Profile.model_fields:
            setattr(tx.profile, name, getattr(profile, name))


def save_month(log: MonthLog) -> None:
    with storage.transaction(TODAY) as tx:
        month = tx.month(log.month)
        month.checkins = log.checkins
        month.urges = log.urges


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (but the lock file, which holds no data) with its bytes."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != paths.LOCK_FILE
    }


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"*{disk.TEMP_MARKER}*"))


def edited_on_purpose(text: str) -> str:
    """A file's text as a person leaves it after editing by hand: without the checksum line
    (the README's advice), so recover checks the edit and seals the file again."""
    return "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith("checksum = ")
    )
