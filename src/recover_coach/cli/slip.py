"""`recover slip`: record contact you started or answered, kindly, and look at what led to it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from recover_coach.crisis import crisis_check
from recover_coach.errors import Stopped

if TYPE_CHECKING:
    from datetime import date

    from recover_coach.slips import SlipAnswers, SlipOutcome


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
) -> None:
    """Record a slip: contact you started or answered when it wasn't needed.

    A slip does not erase the days you kept: your longest stretch and total
    days stay, and the streak is counted again from what was recorded. At a
    terminal it asks three short questions about what led to it (the time,
    the feeling, what made contact easy); without one, the flags are enough.
    Recording a slip again for the same day adds to it.

    Examples:
      recover slip
      recover slip --date 2025-03-02 --note "Answered a late message."
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
    slips.check_slip(profile, day)
    if not in_crisis and ui.is_interactive():
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
    ui.show(daily.slip_summary(outcome))


def _save(answers: SlipAnswers, day: date, today: date) -> SlipOutcome:
    from recover_coach import clock, slips, storage, ui

    with storage.transaction(today, on_wait=ui.waiting_to_save()) as tx:
        return slips.record_slip(tx.profile, answers, on=day, at=clock.now(), today=today)
