"""The first `recover start`: welcome, privacy, region, breakup date, the safety screen.

Each answer is saved as it is given, like every answer in the program: a "yes" on the
safety screen closes Steps 5-7 at once, even if the person stops right after it.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from recover_coach import parse, program, safety, ui
from recover_coach.cli.session_runner import Runner
from recover_coach.content import load_support
from recover_coach.models import Profile
from recover_coach.views import program as views
from recover_coach.views.support import resources_view


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
    """The relationship-safety screen; False when the person stops before Step 1."""
    questions = runner.content.onboarding.screen
    runner.gap()
    runner.show(views.text(questions.intro))
    for question in questions.questions:
        if question.id in runner.profile.safety.answers:
            continue  # answered before a stop: kept, not asked again
        answered = {**runner.profile.safety.answers, question.id: ui.ask_yes_no(question.text)}
        runner.save(
            partial(safety.record_screen, answers=answered, screen=questions, today=runner.today)
        )

    def finish(profile: Profile) -> None:
        if safety.reconnect_closed(profile):
            program.switch_track(profile, runner.content, "move_on", runner.today)
        profile.onboarding.completed_on = runner.today

    runner.save(finish)
    runner.gap()
    if not safety.reconnect_closed(runner.profile):
        runner.show(views.text(questions.clear))
        return True
    unhealthy = runner.content.unhealthy
    runner.show(views.text(questions.closed, "bold"))
    runner.gap()
    runner.show(views.text(unhealthy.guidance))
    if "ex_asked_no_contact" in runner.profile.safety.reconnect_closed:
        runner.gap()
        runner.show(views.text(unhealthy.harassment))
    runner.gap()
    _show_support(runner)
    runner.gap()
    # That was a lot to read: let the person choose when Step 1 begins.
    if ui.ask_yes_no("Go on to Step 1 now?", default=True):
        return True
    ui.say("Come back whenever you like: `recover start` begins Step 1.")
    return False


def _show_support(runner: Runner) -> None:
    support = load_support()
    found = safety.resources_for(runner.profile.settings.region, support)
    runner.show(resources_view(found, support))


def _set_breakup(profile: Profile, day: date) -> None:
    profile.onboarding.breakup_on = day
