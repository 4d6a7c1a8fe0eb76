"""Write a realistic recover profile, for benchmarks and for trying the app on long histories.

Everything goes through recover's own storage API (`storage.transaction`), so the files
have exactly the format, end markers, backups and summary the app writes itself.

    RECOVER_HOME=/tmp/five-years python benchmarks/generate_profile.py --years 5
    python benchmarks/generate_profile.py --home /tmp/empty --years 0

With --years N (N >= 1): onboarding done, Steps 1-4 done with reflections, a no-contact
period that began N years ago with about 8 slips a year, social-media checks on ~20% of days,
one check-in every day with a short note, and about two urges a week with unsent drafts,
saved one month per transaction. With --years 0: onboarding done and a period that began
a few weeks ago, nothing else.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

EMPTY_PERIOD_DAYS = 40  # --years 0 still has a period, so past dates inside it exist
SLIPS_PER_YEAR = 8
SOCIALS_SHARE = 0.20
URGES_PER_WEEK = 2
SEED = 20260101

NOTE_SENTENCES = [
    "Slept badly but got up anyway.",
    "Walked to the river after work and felt a bit lighter.",
    "A song in the shop brought everything back for a minute.",
    "Called my sister, which helped more than I expected.",
    "Cooked a proper dinner for the first time in weeks.",
    "Wanted to check their profile and didn't.",
    "Work was busy, which kept my mind off things.",
    "Cried in the car, then felt calmer.",
    "Went to the gym and pushed a little harder than usual.",
    "Read for an hour before bed instead of scrolling.",
    "Saw a couple who looked like us and had to look away.",
    "Had coffee with an old friend and laughed a lot.",
    "Wrote down three things I'm proud of this week.",
    "The evening was the hardest part again.",
    "Noticed I'm blaming myself less than last month.",
    "Made plans for the weekend so it won't feel empty.",
]
NEEDS = ["comfort", "closure", "reassurance", "company", "to be heard", "distraction"]
DRAFTS = [
    "Hey, I just wanted to say I miss you.",
    "Saw this and thought of you. Hope you're well.",
    "Can we talk? I keep thinking about what happened.",
    "I'm sorry for how things ended. I wish I'd listened more.",
    "Are you happy now? I need to know.",
]
SELFCARE = ["sleep", "food", "movement", "people", "enjoyable"]
REFLECTIONS: dict[int, list[tuple[str, str, list[str]]]] = {
    1: [
        (
            "why-space",
            "Why does some space help you right now?",
            ["So I stop checking my phone every ten minutes.", "To hear my own thoughts again."],
        ),
    ],
    2: [
        (
            "calm",
            "What helps you feel calm when the feelings are strongest?",
            ["Long walks.", "Long walks, music, and calling my sister."],
        ),
    ],
    3: [
        (
            "patterns",
            "What happened between you, as honestly as you can see it now?",
            [
                "We stopped making time for each other.",
                "We stopped making time for each other, and I got defensive when we argued.",
                "Both of us let work come first, and I went quiet instead of talking.",
            ],
        ),
        ("own-part", "What was your part in it?", ["I shut down instead of saying what I felt."]),
    ],
    4: [
        (
            "change",
            "What will you do differently, concretely?",
            ["Say how I feel the same day.", "Say how I feel the same day, kindly and plainly."],
        ),
    ],
}
FALLBACK_SESSIONS = {1: ["1a"], 2: ["2a"], 3: ["3a", "3b"], 4: ["4a"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5, help="years of history (0 = empty)")
    parser.add_argument("--home", type=Path, help="profile folder (default: $RECOVER_HOME)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.years < 0:
        parser.error("--years must be 0 or more")
    if args.home is not None:
        os.environ["RECOVER_HOME"] = str(args.home)
    home = os.environ.get("RECOVER_HOME")
    if not home:
        parser.error("give --home or set RECOVER_HOME (this never writes to your real profile)")
    if Path(home, "profile.toml").exists():
        parser.error(f"{home} already has a profile; pick an empty folder")
    generate(args.years, random.Random(args.seed))
    return 0


def generate(years: int, rng: random.Random) -> None:
    from recover_coach import clock

    today = clock.today()
    started = today - timedelta(days=365 * years if years else EMPTY_PERIOD_DAYS)
    slips = _slip_days(started, today, years, rng)
    socials = (
        [
            started + timedelta(days=offset)
            for offset in range(1, (today - started).days)
            if rng.random() < SOCIALS_SHARE
        ]
        if years
        else []
    )
    _write_core(started, today, years, slips, rng)
    if years:
        _write_months(started, today, set(slips), set(socials), rng)


def _slip_days(started: date, today: date, years: int, rng: random.Random) -> list[date]:
    span = (today - started).days
    if not years or span < 2:
        return []
    count = min(SLIPS_PER_YEAR * years, span - 1)
    return sorted(started + timedelta(days=d) for d in rng.sample(range(1, span), count))


def _moment(day: date, rng: random.Random, hour: int = 21) -> datetime:
    return datetime.combine(day, time(hour, rng.randrange(60))).astimezone()


def _write_core(
    started: date,
    today: date,
    years: int,
    slips: list[date],
    rng: random.Random,
) -> None:
    from recover_coach import storage
    from recover_coach.models import Answer, Reflection, ScreenAnswer, Screening, Slip

    onboarded = started - timedelta(days=2)
    with storage.transaction(today) as tx:
        profile = tx.profile
        profile.settings.region = "GB"
        profile.onboarding.completed_on = onboarded
        profile.onboarding.breakup_on = started - timedelta(days=21)
        profile.safety.screenings = [
            Screening(
                began_on=onboarded,
                finished_on=onboarded,
                answers=[ScreenAnswer(question=q, yes=False) for q in _screen_questions()],
            )
        ]
        # Set directly rather than through the streak domain function: the generator must
        # also work while that function is being written, and the stored shape is the same.
        profile.no_contact.started_on = started
        if not years:
            profile.program.sessions_done = {_sessions(1)[0]: started}
            return
        sessions = {step: _sessions(step) for step in range(1, 5)}
        done_on = started
        for step in range(1, 5):
            for session in sessions[step]:
                profile.program.sessions_done[session] = done_on
                done_on += timedelta(days=rng.randint(1, 6))
        for step, questions in REFLECTIONS.items():
            session = sessions[step][0]
            for key, prompt, answers in questions:
                entries = [
                    Answer(at=_moment(started + timedelta(days=30 * i + step), rng), value=text)
                    for i, text in enumerate(answers)
                ]
                profile.reflections.append(
                    Reflection(key=f"{session}.{key}", step=step, prompt=prompt, entries=entries)
                )
        profile.no_contact.slips = [
            Slip(
                on=day,
                recorded_at=_moment(day, rng, hour=22),
                note=rng.choice(["Replied to their message.", "Texted them late at night."]),
                time_of_day=rng.choice(["evening", "late night", "morning"]),
                feeling=rng.choice(["lonely", "tired", "anxious"]),
                made_it_easy=rng.choice(["their number was still saved", "a few drinks"]),
            )
            for day in slips
        ]


def _write_months(
    started: date, today: date, slips: set[date], socials: set[date], rng: random.Random
) -> None:
    from recover_coach import storage
    from recover_coach.models import CheckIn, DailyAnswer, Urge

    day = started
    while day <= today:
        month = f"{day:%Y-%m}"
        # One transaction per month: the app itself only ever touches one or two per save.
        with storage.transaction(today) as tx:
            log = tx.month(month)
            while day <= today and f"{day:%Y-%m}" == month:
                contact = "slip" if day in slips else _other_contact(rng)
                urge = rng.randint(0, 8)
                log.checkins.append(
                    CheckIn(
                        on=day,
                        recorded_at=_moment(day, rng),
                        mood=rng.randint(2, 9),
                        contact=contact,
                        checked_socials=day in socials,
                        urge=urge,
                        selfcare=sorted(rng.sample(SELFCARE, rng.randint(0, 4))),
                        note=" ".join(rng.sample(NOTE_SENTENCES, rng.randint(1, 3))),
                        daily=[
                            DailyAnswer(
                                step=2,
                                question="What helped a little today?",
                                at=_moment(day, rng),
                                answer=rng.choice(NOTE_SENTENCES),
                            )
                        ],
                    )
                )
                if rng.random() < URGES_PER_WEEK / 7:
                    before = rng.randint(5, 10)
                    log.urges.append(
                        Urge(
                            at=_moment(day, rng, hour=23),
                            on=day,
                            before=before,
                            after=max(0, before - rng.randint(1, 5)),
                            need=rng.choice(NEEDS),
                            draft=rng.choice(DRAFTS),
                            paused_seconds=rng.choice([120, 300, 600]),
                        )
                    )
                day += timedelta(days=1)


def _other_contact(rng: random.Random) -> str:
    roll = rng.random()
    return "ignored" if roll < 0.03 else "necessary" if roll < 0.05 else "none"


def _sessions(step: int) -> list[str]:
    """The real session ids of a step when the content loads; stand-ins otherwise."""
    try:
        from recover_coach import content

        ids = [session.id for session in content.load().steps[step - 1].sessions]
    except Exception:
        return FALLBACK_SESSIONS[step]
    return ids or FALLBACK_SESSIONS[step]


def _screen_questions() -> list[str]:
    try:
        from recover_coach import content

        return [question.id for question in content.load().onboarding.screen.questions]
    except Exception:
        return ["hurt", "afraid", "control", "own-behaviour"]


if __name__ == "__main__":
    sys.exit(main())
