"""`recover safety-plan`: make, change and show a personal safety plan for the hardest moments."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from recover_coach.cli.flags import NoInput
from recover_coach.crisis import crisis_check
from recover_coach.errors import Stopped

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from recover_coach.content_models import SafetyPlanContent, SafetyPlanPart
    from recover_coach.safety import Resources
    from recover_coach.safety_plan import SafetyPlan


def safety_plan(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print your plan as JSON; asks nothing.")
    ] = False,
    markdown: Annotated[
        bool,
        typer.Option(
            "--markdown", help="Print your plan as Markdown, to print or keep; asks nothing."
        ),
    ] = False,
    no_input: NoInput = False,
) -> None:
    """Make or change your safety plan: what to do, step by step, when things feel too much.

    At a terminal it asks seven short parts, one at a time: your warning signs,
    what calms you, people and places that take your mind off things, people to
    ask for help, professionals and lines to call, making your surroundings
    safer, and your reasons for going on. Enter skips a part; Ctrl-C stops and
    keeps what you wrote. Each part is saved with your answers (the journal
    keeps every version), and `recover support` shows the plan with the lines.
    Without a terminal, or with --no-input, it shows your saved plan.

    Examples:
      recover safety-plan
      recover safety-plan --markdown > my-safety-plan.md
      recover safety-plan --json
    """
    from recover_coach import clock, content, storage, ui
    from recover_coach import safety_plan as plan_domain
    from recover_coach.errors import UsageError
    from recover_coach.views import safety_plan as view

    if as_json and markdown:
        raise UsageError("Choose one of --json or --markdown.")
    words = content.load_safety_plan()
    profile = storage.read_profile()
    plan = plan_domain.saved_plan(profile, words.parts)
    if as_json:
        ui.emit_json(plan.as_json())
        return
    region = profile.settings.region
    lines = _lines(region)
    if markdown:
        sys.stdout.write(view.markdown(plan, words.title, lines))
        return
    if not ui.is_interactive(no_input):
        if plan.is_empty():
            ui.say(view.NO_PLAN)
        else:
            ui.show(view.plan_view(plan, words.title, lines))
        return
    to_ask = _parts_to_ask(plan, words, lines)
    if not to_ask:
        return
    today = clock.today(profile.settings.day_starts_at)
    if not _ask_parts(to_ask, plan, words, region, lines, today):
        return
    ui.err().print()
    ui.show(view.plan_view(_saved(words), words.title, lines))
    ui.say(words.done)


def _parts_to_ask(
    plan: SafetyPlan, words: SafetyPlanContent, lines: Resources | None
) -> list[SafetyPlanPart]:
    """Every part for a new plan; for a saved one, show it first and ask what to do."""
    from recover_coach import ui
    from recover_coach.views import safety_plan as view

    if plan.is_empty():
        ui.say(words.intro)
        return list(words.parts)
    ui.show(view.plan_view(plan, words.title, lines))
    ui.err().print()
    unwritten = plan.unwritten()
    options: list[tuple[str, list[SafetyPlanPart]]] = [
        (view.EVERY_PART, list(words.parts)),
        (view.LEAVE_IT, []),
    ]
    if unwritten:
        empty = [part for part in words.parts if part.id in unwritten]
        options.insert(0, (view.fill_in(len(empty)), empty))
    [picked] = ui.ask_choice(view.WHAT_NOW, [label for label, _ in options])
    return options[picked][1]


def _ask_parts(
    parts: Sequence[SafetyPlanPart],
    plan: SafetyPlan,
    words: SafetyPlanContent,
    region: str,
    lines: Resources | None,
    today: date,
) -> bool:
    """Ask each part and save it as soon as it is written; False when crisis language
    stopped it (what was written is saved)."""
    from recover_coach import ui
    from recover_coach.views import safety_plan as view

    saved = {part.id: part for part in plan.parts}
    for part in parts:
        ui.err().print()
        ui.err().print(view.part_heading(words.parts.index(part) + 1, len(words.parts), part))
        if part.offer_lines and lines is not None:
            ui.err().print(view.offered_lines(lines))
        if saved[part.id].items:
            ui.err().print(view.earlier(saved[part.id]))
        items, in_crisis = _ask_items(part, region, today)
        _save(part, items, today, crisis=in_crisis)
        if in_crisis:
            ui.err().print()
            ui.say(view.AFTER_CRISIS)
            return False
    return True


def _ask_items(part: SafetyPlanPart, region: str, today: date) -> tuple[list[str], bool]:
    """One item per line until an empty one; each line is checked for crisis language as
    it comes. Ctrl-C saves the lines written so far, then stops."""
    from recover_coach import ui

    items: list[str] = []
    try:
        line = ui.ask_text(part.prompt, hint=part.hint)
        while line:
            items.append(line)
            if crisis_check(line, region):
                return items, True
            line = ui.ask_more()
    except Stopped:
        _save(part, items, today)
        raise
    return items, False


def _save(part: SafetyPlanPart, items: list[str], today: date, *, crisis: bool = False) -> None:
    """Save a part's lines (with `crisis`, the last one held crisis language)."""
    from recover_coach import clock, storage, ui
    from recover_coach import safety_plan as plan_domain

    if not items:
        return  # nothing written: the part keeps what it had, and nothing waits on the lock
    with storage.transaction(today, on_wait=ui.waiting_to_save()) as tx:
        plan_domain.record_part(tx.profile, part, items, clock.now(), crisis=crisis)


def _saved(words: SafetyPlanContent) -> SafetyPlan:
    from recover_coach import safety_plan as plan_domain
    from recover_coach import storage

    return plan_domain.saved_plan(storage.read_profile(), words.parts)


def _lines(region: str) -> Resources | None:
    """The region's crisis lines for the plan; None when support.toml cannot be read (the
    plan is still shown: it must never depend on another file)."""
    from recover_coach import content, safety
    from recover_coach.errors import RecoverError

    try:
        return safety.resources_for(region, content.load_support())
    except RecoverError:
        return None
