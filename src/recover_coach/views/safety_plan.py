"""What `recover safety-plan` shows: the plan, its Markdown, the questions' headings, and the
short section `recover support` adds after the helplines.

Plain text that reads the same without colour; what the person wrote is shown as text, with
any control characters made visible, never as markup.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from recover_coach import ui
from recover_coach.content_models import SafetyPlanPart
from recover_coach.safety import Resources
from recover_coach.safety_plan import PlanPart, SafetyPlan
from recover_coach.views.support import reach

NOTHING_YET = "(nothing written yet)"
NO_PLAN = (
    "You haven't made a safety plan yet. At a terminal, `recover safety-plan` walks you "
    "through it, one short part at a time."
)
WHAT_NOW = "What would you like to do?"
EVERY_PART = "Go through every part (Enter keeps what is there)"
LEAVE_IT = "Leave it as it is for now"
KEEP_OR_REPLACE = "Enter keeps this; anything you write replaces it."
AFTER_CRISIS = (
    "What you wrote is saved, and the plan can wait. Talking to someone comes first: "
    "the lines above are there for you right now."
)
CHANGE_IT = "Change it any time: recover safety-plan"
MAKE_ONE = (
    "A personal safety plan can help in the hardest moments: "
    "`recover safety-plan` makes one with you, a few lines at a time."
)


def plan_view(plan: SafetyPlan, title: str, lines: Resources | None) -> RenderableType:
    """The whole plan, part by part; the region's lines go with the part that offers them."""
    shown: list[RenderableType] = [Text(title, "bold")]
    for number, part in enumerate(plan.parts, start=1):
        shown += [Text(), Text(f"{number}. {part.title}", "bold")]
        shown += [_indented(Text(f"• {_theirs(item)}")) for item in part.items]
        if part.offer_lines and lines is not None:
            shown += [_indented(Text(line)) for line in _lines(lines)]
        elif not part.items:
            shown.append(_indented(Text(NOTHING_YET, "dim")))
    shown += [Text(), Text(_footer(plan), "dim")]
    return Group(*shown)


def markdown(plan: SafetyPlan, title: str, lines: Resources | None) -> str:
    """The plan as Markdown, to print or keep: the same parts, lines and words as the view."""
    out = [f"# {title}"]
    for number, part in enumerate(plan.parts, start=1):
        out += ["", f"## {number}. {part.title}", ""]
        bullets = [_theirs(item) for item in part.items]
        if part.offer_lines and lines is not None:
            bullets += _lines(lines)
        out += [f"- {bullet}" for bullet in bullets] or ["_Nothing written yet._"]
    out += ["", f"_{_footer(plan)}_"]
    return "\n".join(out) + "\n"


def in_support(plan: SafetyPlan) -> RenderableType:
    """After the helplines in `recover support`: the parts written, one line each."""
    if plan.is_empty():
        return Group(Text(), Text(MAKE_ONE, "dim"))
    shown: list[RenderableType] = [Text(), Text("Your safety plan", "bold")]
    for part in plan.written:
        items = "; ".join(_theirs(item) for item in part.items)
        shown.append(_indented(Text.assemble((part.title, "bold"), f": {items}"), 2))
    shown.append(Text("The whole plan, with its lines: recover safety-plan", "dim"))
    return Group(*shown)


def fill_in(empty: int) -> str:
    return "Fill in the part still empty" if empty == 1 else f"Fill in the {empty} empty parts"


def part_heading(number: int, total: int, part: SafetyPlanPart) -> Text:
    return Text(f"{number} of {total} · {part.title}", "bold")


def earlier(part: PlanPart) -> RenderableType:
    """What the person wrote for this part last time, before they are asked again."""
    items = "; ".join(_theirs(item) for item in part.items)
    return Group(Text(f"Your plan says: {items}", "dim"), Text(KEEP_OR_REPLACE, "dim"))


def offered_lines(lines: Resources) -> RenderableType:
    """The region's lines, shown before the question about professionals and lines."""
    return Group(
        Text("Lines you can call or text:"), *(_indented(Text(line)) for line in _lines(lines))
    )


def _lines(resources: Resources) -> list[str]:
    found = [f"{line.name}: {reach(line)}" for line in resources.crisis_lines()]
    return [*found, f"In an emergency: call {resources.emergency}"]


def _footer(plan: SafetyPlan) -> str:
    written = [part.written_at for part in plan.parts if part.written_at is not None]
    if not written:
        return CHANGE_IT
    return f"Last changed {_day(max(written))}. {CHANGE_IT}"


def _day(moment: datetime) -> str:
    return f"{moment:%d %b %Y}".lstrip("0")


def _theirs(item: str) -> str:
    return ui.printable(item.strip())


def _indented(renderable: RenderableType, spaces: int = 3) -> Padding:
    return Padding(renderable, (0, 0, 0, spaces), expand=False)
