"""The first `recover start`: welcome, privacy, region, breakup date, the safety screen.

The screen itself (`ask_screen`) also runs for `recover safety` and before Step 5. Each
answer is saved as it is given, like every answer in the program: a "yes" on the safety
screen closes Steps 5-7 at once, even if the person stops right after it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from recover_coach import parse, program, safety, ui
from recover_coach.cli.session_runner import Runner
from recover_coach.content import load_support
from recover_coach.content_models import FREQUENCIES
from recover_coach.models import Profile
from recover_coach.views import program as views
from recover_coach.views import safety as safety_views


def onboard(runner: Runner) -> bool:
    """Welcome, privacy, region, breakup date, safety screen. False when no session follows."""
    intro = runner.content.onboarding
    runner.show(views.onboarding_heading())
    runner.show(views.text(intro.welcome))
    runner.gap()
    runner.show(views.text(intro.privacy, "dim"))
    runner.gap()
    regions = sorted(load_support().regions.items(), key=lambda item: item[1].name)
    labels = [region.name for _, region in regions] + ["Somewhere else (worldwide resources)"]
    picked = ui.ask_choice(intro.region_prompt, labels)[0]
    code = regions[picked][0] if picked < len(regions) else ""
    runner.save(lambda p: setattr(p.settings, "region", code))
    runner.gap()
    if runner.profile.onboarding.breakup_on is None:
        hint: str | None = f"Type {parse.ROUGH_DATE_EXAMPLES}; or press Enter to skip."
        while True:
            answer = ui.ask_text(intro.breakup_prompt, hint=hint)
            hint = None
            if runner.crisis(answer):
                return False
            try:
                day = parse.rough_date(answer, runner.today)
            except parse.Invalid as problem:
                ui.say(f"Please type {problem}, or press Enter to skip.")
                continue
            if day is not None:
                runner.save(partial(_set_breakup, day=day))
            break
    return screen(runner)


def screen(runner: Runner) -> bool:
    """The first relationship-safety screen; False when the person stops before Step 1."""
    result = ask_screen(runner, again=False, then=_onboarded(runner.today))
    if not result.closed:
        return True
    runner.gap()
    # That was a lot to read: let the person choose when Step 1 begins.
    if ui.ask_yes_no("Go on to Step 1 now?", default=True):
        return True
    ui.say("Come back whenever you like: `recover start` begins Step 1.")
    return False


def ask_screen(
    runner: Runner, *, again: bool, then: Callable[[Profile], None] | None = None
) -> safety.Outcome:
    """Ask the safety questions, saving each answer as it is given, and say what they mean.

    The first time resumes a screening stopped part-way; `again` begins a new one. Any "yes"
    closes Steps 5-7 at once, even if the person stops right after it; a high-danger "yes"
    brings the emergency number and the abuse line before the next question. `then` is
    saved with the end of the screening.
    """
    questions = runner.content.onboarding.screen
    runner.gap()
    if again:
        runner.show(safety_views.heading())
        runner.show(views.text(questions.again))
        runner.save(lambda p: safety.begin(p, runner.today))
    else:
        runner.show(views.text(questions.intro))
    labels = [questions.how_often[frequency] for frequency in FREQUENCIES]
    for question in safety.still_to_ask(runner.profile, questions):
        yes = ui.ask_yes_no(question.text)
        runner.save(partial(safety.record_answer, question=question, yes=yes, today=runner.today))
        if yes and question.high_danger:
            runner.gap()
            runner.show(safety_views.urgent(_resources(runner), questions.urgent))
            runner.gap()
        if yes and question.asks_how_often:
            picked = ui.ask_choice(questions.how_often_prompt, labels, allow_none=True)
            if picked:
                often = FREQUENCIES[picked[0]]
                runner.save(partial(safety.record_how_often, question=question, how_often=often))

    def finish(profile: Profile) -> None:
        safety.finish(profile, runner.today)
        if safety.reconnect_closed(profile) and profile.program.track == "reconnect":
            program.switch_track(profile, runner.content, "move_on", runner.today)
        if then is not None:
            then(profile)

    runner.save(finish)
    result = safety.outcome(runner.profile)
    runner.gap()
    unhealthy = runner.content.unhealthy
    runner.show(safety_views.outcome(result, questions, unhealthy, _resources(runner)))
    return result


def _resources(runner: Runner) -> safety.Resources:
    return safety.resources_for(runner.profile.settings.region, load_support())


def _onboarded(today: date) -> Callable[[Profile], None]:
    def change(profile: Profile) -> None:
        profile.onboarding.completed_on = today

    return change


def _set_breakup(profile: Profile, day: date) -> None:
    profile.onboarding.breakup_on = day
