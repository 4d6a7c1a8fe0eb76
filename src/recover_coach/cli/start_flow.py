"""`recover start` top to bottom: switch track if asked, onboard once, then sessions one by one."""

from __future__ import annotations

from recover_coach import crisis, program, ui
from recover_coach.cli import onboarding
from recover_coach.cli.session_runner import Runner
from recover_coach.models import Track
from recover_coach.program import Next, SessionRef
from recover_coach.views import program as views

INSTEAD = (
    "Without one, these take flags instead: `recover progress`, `recover journal`, "
    "`recover checkin` (with flags), `recover streak set`, `recover config set`."
)


def run(step: int | None, track: Track | None, *, no_input: bool = False) -> None:
    """The whole `recover start`; `step` revisits that step instead of carrying on."""
    ui.require_terminal("start", INSTEAD, no_input=no_input)
    runner = Runner()
    runner.asked_how_they_are = crisis.ask_how_they_are(runner.profile.settings.region)
    if track is not None:
        switch_track(runner, track)
    if runner.profile.onboarding.completed_on is None and not onboarding.onboard(runner):
        return
    sessions(runner, step)


def sessions(runner: Runner, step: int | None) -> None:
    """One session after another, asking before each next one, until the person stops."""
    revisiting = step is not None
    if step is not None:
        ref: SessionRef | None = program.revisit(runner.profile, runner.content, runner.today, step)
    else:
        ref = settle(runner, program.where_next(runner.profile, runner.content, runner.today))
    while ref is not None:
        if program.screen_again_first(runner.profile, runner.content, ref):
            ref = screen_first(runner, ref)
            if ref is None:
                return
        if not runner.run_session(ref):
            return  # stopped early (crisis language, or a message not sent yet): all is saved
        upcoming = program.after_session(
            ref, runner.profile, runner.content, runner.today, revisiting=revisiting
        )
        # A revisit walks through the rest of that step, then goes back to the usual order.
        revisiting = (
            revisiting and upcoming.session is not None and upcoming.session.part == ref.part
        )
        ref = offer(runner, upcoming)


def screen_first(runner: Runner, step_five: SessionRef) -> SessionRef | None:
    """Before Step 5 begins, offer the safety questions again: things can surface later.

    Returns Step 5's session, or None when the answers closed it (the move-on path is next).
    """
    runner.gap()
    if not ui.ask_yes_no(runner.content.onboarding.screen.offer_again, default=True):
        return step_five
    if not onboarding.ask_screen(runner, again=True).closed:
        return step_five
    runner.gap()
    ui.say("Come back whenever you like: `recover start` carries on with the move-on path.")
    return None


def settle(runner: Runner, upcoming: Next) -> SessionRef | None:
    """The session to run now, or explain why there is none (and offer move-on after a no)."""
    if upcoming.session is not None:
        return upcoming.session
    if upcoming.finished:
        runner.show(views.finished(runner.profile.program.finished_on))
        return None
    if upcoming.blocked is not None:
        runner.show(views.blocked(upcoming.blocked))
    if upcoming.propose_move_on:
        runner.show(views.text(views.MOVE_ON_OFFER))
        if ui.ask_yes_no("Take the move-on path now?", default=False):
            switch_track(runner, "move_on")
            return settle(runner, program.where_next(runner.profile, runner.content, runner.today))
    return None


def offer(runner: Runner, upcoming: Next) -> SessionRef | None:
    """After a session: say what comes next and ask before starting it (default no)."""
    if upcoming.session is None:
        return settle(runner, upcoming)
    if ui.ask_yes_no(views.next_up(upcoming.session), default=False):
        return upcoming.session
    ui.say("Come back whenever you like: `recover start` picks up right there.")
    return None


def switch_track(runner: Runner, track: Track) -> None:
    changed = runner.save(lambda p: program.switch_track(p, runner.content, track, runner.today))
    name = "move-on" if track == "move_on" else "reconnect"
    ui.say(f"You're on the {name} path now." if changed else f"You're already on the {name} path.")
