"""`recover slip`: record contact you started or answered, kindly, and look at what led to it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from recover_coach.cli.flags import NoInput
from recover_coach.crisis import crisis_check
from recover_coach.errors import Stopped

if TYPE_CHECKING:
    from datetime import date

    from recover_coach.models import ContactKind
    from recover_coach.slips import SlipAnswers, SlipOutcome
    from recover_coach.streak import StreakFigures


def slip(
    on: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="The day of the slip (default: today)."),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", metavar="TEXT", help="A note about what happened; '-' reads it from stdin."
        ),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help="Remove a slip recorded by mistake (asks first).")
    ] = False,
    contact: Annotated[
        str | None,
        typer.Option(
            "--contact",
            metavar="KIND",
            help="With --undo, when that day's check-in said slip: none, ignored or necessary.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="With --undo: do not ask first.")] = False,
    no_input: NoInput = False,
) -> None:
    """Record a slip: contact you started or answered when it wasn't needed.

    A slip does not erase the days you kept: your longest stretch and total
    days stay, and the streak is counted again from what was recorded. At a
    terminal it asks three short questions about what led to it (the time,
    the feeling, what made contact easy); without one, the flags are enough.
    Recording a slip again for the same day adds to it. A slip recorded by
    mistake can be undone with --undo; the streak is counted again without it.

    Examples:
      recover slip
      recover slip --date 2025-03-02 --note "Answered a late message."
      recover slip --undo --date 2025-03-02 --contact ignored --yes
    """
    from recover_coach import clock, parse, slips, storage, ui
    from recover_coach.cli import flags
    from recover_coach.views import daily

    profile = storage.read_profile()
    region = profile.settings.region
    today = clock.today(profile.settings.day_starts_at)
    answers = slips.SlipAnswers(note=flags.note(note) or None)
    in_crisis = crisis_check(answers.note or "", region)
    day = flags.optional("--date", partial(parse.day, today=today), on) or today
    if undo:
        contact_instead = flags.optional("--contact", parse.contact, contact)
        _undo(day, today, contact_instead, confirmed=yes, can_ask=ui.is_interactive(no_input))
        return
    slips.check_slip(profile, day)
    if not in_crisis and ui.is_interactive(no_input):
        ui.say("Thank you for being honest about it. Three short questions; Enter skips any.")
        try:
            for field, prompt in daily.SLIP_QUESTIONS.items():
                text = ui.ask_text(prompt)
                setattr(answers, field, text or None)
                if crisis_check(text, region):
                    in_crisis = True
                    break
        except Stopped:
            _save(answers, day, today)
            raise
    outcome = _save(answers, day, today)
    if in_crisis:
        ui.say(daily.saved_after_crisis())
        return
    ui.say(daily.slip_summary(outcome))


def _undo(
    day: date, today: date, contact: ContactKind | None, *, confirmed: bool, can_ask: bool
) -> None:
    """Remove the slip recorded for `day`, after asking (or --yes)."""
    from recover_coach import models, slips, ui
    from recover_coach.errors import UsageError
    from recover_coach.views import daily

    if not confirmed:
        if not can_ask:
            raise UsageError("Undoing a slip asks first; without a terminal, add --yes.")
        if not ui.ask_yes_no(f"Remove the slip recorded for {day.isoformat()}?", default=False):
            ui.say("Nothing was changed.")
            return
    try:
        figures = _remove(day, today, contact)
    except slips.ContactNeeded:
        # That day's check-in said "slip" too: it needs what the contact was instead.
        if not can_ask:
            raise UsageError(
                f"The check-in for {day.isoformat()} says you reached out or answered.",
                "Add --contact none, ignored or necessary: what it was instead.",
            ) from None
        kinds = [kind for kind in models.CONTACT_KINDS if kind != "slip"]
        picked = ui.ask_choice(
            "That day's check-in says you reached out. What was it instead?",
            [daily.CONTACT_LABELS[kind] for kind in kinds],
        )
        figures = _remove(day, today, kinds[picked[0]])
    ui.say(daily.slip_undone(day, figures))


def _remove(day: date, today: date, contact: ContactKind | None) -> StreakFigures:
    from recover_coach import slips, storage, ui

    with storage.transaction(today, on_wait=ui.waiting_to_save()) as tx:
        return slips.undo_slip(
            tx.profile, tx.month(f"{day:%Y-%m}"), day, contact=contact, today=today
        )


def _save(answers: SlipAnswers, day: date, today: date) -> SlipOutcome:
    from recover_coach import clock, slips, storage, ui

    with storage.transaction(today, on_wait=ui.waiting_to_save()) as tx:
        return slips.record_slip(tx.profile, answers, on=day, at=clock.now(), today=today)
