"""What `recover support` and the crisis notice show: helplines and the emergency number.

Plain lines that read the same without colour; content text is never read as markup.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from recover_coach.content_models import Helpline, HelplineKind, Support
from recover_coach.safety import Resources

HEADINGS: dict[HelplineKind, str] = {
    "crisis": "If you're thinking about suicide or hurting yourself",
    "abuse": "If someone has hurt, threatened or controlled you",
    "own_behaviour": "If you're worried about your own behaviour",
    "directory": "Anywhere in the world",
}


def resources_view(resources: Resources, support: Support) -> RenderableType:
    """Everything for the person's region, then the worldwide directories."""
    lines: list[RenderableType] = [Text(support.intro), Text(), emergency(resources)]
    if resources.region is None:
        codes = ", ".join(sorted(support.regions))
        lines.append(
            Text(
                f"For local lines, add --region with one of {codes}. "
                "The ones below work everywhere.",
                "dim",
            )
        )
    for kind, helplines in resources.helplines.items():
        lines += [Text(), *_section(HEADINGS[kind], helplines)]
    lines += [Text(), *_section(HEADINGS["directory"], resources.international)]
    checked = resources.last_verified()
    if checked is not None:
        lines += [
            Text(),
            Text(
                f"These numbers were checked on {checked.isoformat()}. If one doesn't work, "
                "findahelpline.com lists current lines.",
                "dim",
            ),
        ]
    return Group(*lines)


def emergency(resources: Resources, style: str = "") -> Text:
    """The emergency number, the first thing anyone in danger needs."""
    return Text.assemble(
        ("If you are in danger right now, call ", style),
        (resources.emergency, "bold"),
        (".", style),
    )


def reach(line: Helpline) -> str:
    """How to reach a service, in words: "call 13 11 14, or text 0477 13 11 14"."""
    ways = [way for way in (line.number and f"call {line.number}", line.text, line.web) if way]
    said = ways[0] if len(ways) == 1 else f"{', '.join(ways[:-1])}, or {ways[-1]}"
    if line.hours:
        said += f", {line.hours}"
    if line.note:
        said += f" ({line.note})"
    return said


def _section(heading: str, helplines: list[Helpline]) -> list[RenderableType]:
    return [Text(heading, "bold"), *(helpline(line) for line in helplines)]


def helpline(line: Helpline) -> RenderableType:
    # Indented as a block, so a line that wraps in a narrow terminal stays under its name.
    text = Text.assemble((line.name, "bold"), f": {reach(line)}")
    return Padding(text, (0, 0, 0, 2), expand=False)
