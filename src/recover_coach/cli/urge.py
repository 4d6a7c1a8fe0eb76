"""`recover urge`: the SOS for the moment you want to message your ex."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from recover_coach.cli.flags import NoInput
from recover_coach.crisis import crisis_check
from recover_coach.errors import Stopped

if TYPE_CHECKING:
    from datetime import date

    from recover_coach.models import Urge
    from recover_coach.urges import UrgeAnswers


def urge(
    log: Annotated[
        str | None,
        typer.Option(
            "--log", metavar="0-10", help="Only log an urge of this strength (for scripts)."
        ),
    ] = None,
    pause: Annotated[
        str | None,
        typer.Option(
            "--pause", metavar="MINUTES", help="How long to pause, 0-30 minutes (default 10)."
        ),
    ] = None,
    no_input: NoInput = False,
) -> None:
    """Before you message your ex: pause, breathe, and write it here instead.

    Shows your streak and your own reasons, then a calm pause (Enter or
    Ctrl-C skips it). You can write the message you want to send: it is
    saved on this computer as an unsent draft and never sent anywhere. It
    asks what the message is really after, and logs how strong the urge
    was before and after.

    Examples:
      recover urge
      recover urge --pause 2
      recover urge --log 7
    """
    from recover_coach import clock, parse, storage, streak, ui, urges
    from recover_coach.cli import flags
    from recover_coach.views import daily

    profile = storage.read_profile()
    today = clock.today(profile.settings.day_starts_at)
    minutes = flags.optional(
        "--pause", partial(parse.whole_number, low=0, high=urges.PAUSE_MINUTES_MAX), pause
    )
    seconds = 60 * (urges.PAUSE_MINUTES_DEFAULT if minutes is None else minutes)
    if log is not None:
        strength = flags.given("--log", partial(parse.whole_number, low=0, high=10), log)
        ui.say(daily.urge_saved(_save(today, urges.UrgeAnswers(before=strength))))
        return
    ui.require_terminal(
        "urge",
        "To log an urge from a script, pass --log N (a strength from 0 to 10).",
        no_input=no_input,
    )
    region = profile.settings.region
    ui.say(
        daily.urge_intro(
            streak.figures(profile.streak_events(), today), urges.own_reasons(profile.reflections)
        )
    )
    answers = urges.UrgeAnswers(before=ui.ask_int(daily.STRENGTH_BEFORE, 0, 10))
    try:
        if seconds:
            answers.paused_seconds = _pause(seconds)
        answers.draft = ui.ask_text(daily.DRAFT_PROMPT, hint=daily.DRAFT_HINT) or None
        if crisis_check(answers.draft or "", region):
            _save(today, answers)
            ui.say(daily.saved_after_crisis())
            return
        labels = [daily.NEED_LABELS[need] for need in urges.NEEDS]
        picked = ui.ask_choice(daily.NEED_PROMPT, labels, allow_none=True)
        answers.need = urges.NEEDS[picked[0]] if picked else None
        answers.after = ui.ask_int(daily.STRENGTH_AFTER, 0, 10)
    except Stopped:
        _save(today, answers)
        raise
    ui.say(daily.urge_saved(_save(today, answers)))


def _pause(seconds: int) -> int:
    from recover_coach import ui, urges
    from recover_coach.views import daily

    ui.say(daily.pause_intro(seconds))
    pacer = ui.Pacer(seconds, urges.breath_phase)

    def tick(remaining: int) -> None:
        pacer.tick(remaining)
        if ui.enter_pressed():
            raise KeyboardInterrupt  # ui.pause ends the pause on it, as on Ctrl-C

    waited = ui.pause(seconds, tick)
    pacer.finish()
    return waited


def _save(today: date, answers: UrgeAnswers) -> Urge:
    from recover_coach import clock, storage, ui, urges

    with storage.transaction(today, on_wait=ui.waiting_to_save()) as tx:
        return urges.log_urge(tx.month(f"{today:%Y-%m}"), answers, on=today, at=clock.now())
