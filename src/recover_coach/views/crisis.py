"""The crisis notice: what someone sees when an answer holds crisis language.

Safe-messaging: it never quotes what the person wrote and never names a method. It says
what it noticed, asks whether they are safe right now, gives the lines for their region and
the emergency number, and ends with hope that promises nothing. The words are content
(crisis.toml's responses, support.toml's crisis_line); this module lays them out. Plain
lines that read the same without colour; content text is never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from recover_coach.content_models import Crisis, CrisisKind, Helpline, HelplineKind
from recover_coach.safety import Resources
from recover_coach.views.support import emergency, helpline, reach

# The lines for each kind; a region without them gets its crisis lines (or the worldwide
# directories), which listen to anyone.
LINES_FOR: dict[CrisisKind, HelplineKind] = {
    "danger_from_ex": "abuse",
    "self_harm": "crisis",
    "harm_to_ex": "own_behaviour",
}


def lines_to_call(kinds: Sequence[CrisisKind], resources: Resources) -> list[Helpline]:
    """The lines for the kinds found, in the kinds' order, each line once."""
    lines: list[Helpline] = []
    for kind in kinds:
        wanted = resources.helplines.get(LINES_FOR[kind]) or resources.crisis_lines()
        lines += [line for line in wanted if line not in lines]
    return lines


def crisis_notice(
    kinds: Sequence[CrisisKind], resources: Resources, crisis: Crisis, caring_line: str
) -> RenderableType:
    """What was noticed, are you safe, the lines to call and the emergency number, and hope.

    `kinds` come most urgent first; the first one's words are said. With danger from the ex,
    the emergency number comes before the lines.
    """
    response = crisis.responses.get(kinds[0])
    lines: list[RenderableType] = (
        [Text(response.noticed, "bold"), Text(response.ask)]
        if response
        else [Text(caring_line, "bold")]
    )
    to_call: list[RenderableType] = [Text("Talk to someone now:", "bold")]
    to_call += [helpline(line) for line in lines_to_call(kinds, resources)]
    if "danger_from_ex" in kinds:
        lines += [Text(), emergency(resources), *to_call]
    else:
        lines += [Text(), *to_call, emergency(resources)]
    lines.append(Text())
    if response:
        lines.append(Text(caring_line))
    lines.append(Text("For more support, any time: recover support"))
    return Group(*lines)


def reach_out_now(resources: Resources) -> RenderableType:
    """Someone who says they are not safe right now: the emergency number and the lines."""
    lines: list[RenderableType] = [
        Text(
            "Thank you for saying so. Please reach out to someone now; you deserve support.", "bold"
        ),
        Text(f"If you are in danger right now, call {resources.emergency}."),
    ]
    lines += [Text(f"  {line.name}: {reach(line)}") for line in resources.crisis_lines()]
    lines.append(Text("For more support, any time: recover support"))
    return Group(*lines)
