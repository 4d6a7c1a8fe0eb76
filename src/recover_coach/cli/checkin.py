"""`recover checkin`: the daily check-in, asked in under a minute or given as flags."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from recover_coach.cli.flags import NoInput
from recover_coach.crisis import crisis_check
from recover_coach.errors import Stopped, UsageError

if TYPE_CHECKING:
    from datetime import date

    from recover_coach.checkins import CheckinAnswers, DailyQuestion, Outcome
    from recover_coach.models import Profile


def checkin(
    mood: Annotated[
        str | None,
        typer.Option("--mood", metavar="1-10", help="Your mood: 1 very low, 10 very good."),
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option(
            "--contact",
            metavar="KIND",
            help="Contact with your ex: none; ignored (they reached out, you did not answer); "
            "necessary (children, lease, work); slip (you reached out or answered).",
        ),
    ] = None,
    checked_socials: Annotated[
        bool | None,
        typer.Option(
            "--checked-socials/--no-checked-socials",
            help="Whether you looked at their social media.",
        ),
    ] = None,
    urge: Annotated[
        str | None,
        typer.Option(
            "--urge", metavar="0-10", help="Your urge to contact them: 0 none, 10 very strong."
        ),
    ] = None,
    selfcare: Annotated[
        str | None,
        typer.Option(
            "--selfcare",
            metavar="ITEM,...",
            help="What you did for yourself: sleep, food, movement, people, enjoyable.",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="A note for the day; '-' reads it from stdin."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Check in for a missed day (default: today)."
        ),
    ] = None,
    no_input: NoInput = False,
) -> None:
    """Check in for the day: mood, contact, urge and a little self-care.

    At a terminal it asks whatever the flags leave open. Without one (cron,
    scripts, --no-input) the flags are the only input, and a day's first
    check-in needs --mood and --contact.

    Checking in again for the same day updates it and loses nothing: answers
    given again replace the earlier ones, a new note is added below the
    earlier note, and self-care items are added to the earlier ones.

    Examples:
      recover checkin
      recover checkin --mood 6 --contact none --urge 3 --selfcare sleep,people
      echo "Long day." | recover checkin --mood 4 --contact ignored --note -
      recover checkin --date 2025-03-02 --mood 5 --contact none
    """
    from recover_coach import checkins, clock, parse, storage, ui
    from recover_coach.cli import flags
    from recover_coach.views import daily

    profile = storage.read_profile()
    region = profile.settings.region
    today = clock.today(profile.settings.day_starts_at)
    note_text = flags.note(note)
    in_crisis = crisis_check(note_text, region)  # before anything else, even a flag's error
    answers = checkins.CheckinAnswers(
        mood=flags.optional("--mood", partial(parse.whole_number, low=1, high=10), mood),
        contact=flags.optional("--contact", parse.contact, contact),
        checked_socials=checked_socials,
        urge=flags.optional("--urge", partial(parse.whole_number, low=0, high=10), urge),
        selfcare=flags.optional("--selfcare", parse.selfcare, selfcare) or [],
        note=note_text or None,
    )
    day = flags.optional("--date", partial(parse.day, today=today), on) or today
    checkins.check_contact(profile, answers.contact, day)
    if not in_crisis and ui.is_interactive(no_input):
        try:
            in_crisis = _ask(answers, profile, day, today, ask_selfcare=selfcare is None)
        except Stopped as stopped:
            try:
                _save(answers, day, today)
            except checkins.FirstCheckInIncomplete:
                stopped.fix = "Nothing was saved: a check-in needs your mood and contact."
            raise
    try:
        outcome = _save(answers, day, today)
    except checkins.FirstCheckInIncomplete as incomplete:
        needed = " and ".join(f"--{name}" for name in incomplete.missing)
        raise UsageError(
            f"A day's first check-in needs {needed}.",
            "For example: recover checkin --mood 5 --contact none",
        ) from None
    if in_crisis:
        ui.say(daily.saved_after_crisis())
        return
    ui.say(daily.checkin_summary(outcome, today))


def _ask(
    answers: CheckinAnswers, profile: Profile, day: date, today: date, *, ask_selfcare: bool
) -> bool:
    """Ask what the flags left open, filling in `answers`; True when a crisis ends the questions."""
    from recover_coach import checkins, crisis, models, storage, ui
    from recover_coach.views import daily

    crisis.ask_how_they_are(profile.settings.region)
    if checkins.find(storage.read_month(f"{day:%Y-%m}"), day):
        ui.say("You already checked in for this day: this updates it, and keeps what you wrote.")
    elif day != today:
        ui.say(f"Checking in for {day:%A %d %B %Y}.")
    if answers.mood is None:
        answers.mood = ui.ask_int("Your mood, 1 very low to 10 very good", 1, 10)
    while answers.contact is None:
        picked = ui.ask_choice("Contact with your ex:", list(daily.CONTACT_LABELS.values()))
        try:
            checkins.check_contact(profile, models.CONTACT_KINDS[picked[0]], day)
        except UsageError:
            ui.say(daily.not_a_slip_yet(profile.no_contact.started_on))
            continue
        answers.contact = models.CONTACT_KINDS[picked[0]]
    if answers.checked_socials is None:
        answers.checked_socials = ui.ask_yes_no(
            "Did you look at their social media?", default=False
        )
    if answers.urge is None:
        answers.urge = ui.ask_int("Your urge to contact them, 0 none to 10 very strong", 0, 10)
    if ask_selfcare:
        picked = ui.ask_choice(
            "What did you do for yourself?",
            list(daily.SELFCARE_LABELS.values()),
            multiple=True,
            allow_none=True,
        )
        answers.selfcare = [models.SELFCARE_ITEMS[index] for index in picked]
    region = profile.settings.region
    answers.daily_question = _daily_question(profile, day, today)
    if answers.daily_question is not None:
        text = ui.ask_text(
            answers.daily_question.text, hint="The question of the day (Enter to skip)."
        )
        answers.daily_answer = text or None
        if crisis_check(text, region):
            return True
    if answers.note is None:
        text = ui.ask_text("Anything else about the day? (Enter to skip)")
        answers.note = text or None
        if crisis_check(text, region):
            return True
    return False


def _save(answers: CheckinAnswers, day: date, today: date) -> Outcome:
    from recover_coach import checkins, clock, storage, ui

    with storage.transaction(today, on_wait=ui.waiting_to_save()) as tx:
        return checkins.record(
            tx.profile,
            tx.month(f"{day:%Y-%m}"),
            answers,
            on=day,
            at=clock.now(),
            today=today,
        )


def _daily_question(profile: Profile, day: date, today: date) -> DailyQuestion | None:
    """The current step's question of the day; none when the content cannot load (optional)."""
    from recover_coach import checkins, content, program
    from recover_coach.errors import RecoverError

    try:
        loaded = content.load()
    except RecoverError:
        return None
    part_key = program.current_part_key(profile, loaded, today)
    return checkins.daily_question(loaded, part_key, day) if part_key else None
