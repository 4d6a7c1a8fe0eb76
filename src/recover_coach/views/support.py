"""What `recover support` and the crisis notice show: helplines and the emergency number.

Plain lines that read the same without colour; content text is never read as markup.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
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
    lines: list[RenderableType] = [Text(support.intro), Text(), _emergency(resources)]
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


def crisis_notice(resources: Resources, caring_line: str) -> RenderableType:
    """Shown when an answer holds crisis language: short, and the crisis line first."""
    lines: list[RenderableType] = [
        Text(caring_line, "bold"),
        Text(),
        *_section("Talk to someone now:", resources.crisis_lines()),
        _emergency(resources),
        Text(),
    ]
    lines.append(Text("For more support, any time: recover support"))
    return Group(*lines)


def _emergency(resources: Resources) -> Text:
    return Text.assemble(
        ("If you are in danger right now, call ", ""),
        (resources.emergency, "bold"),
        (".", ""),
    )


def _section(heading: str, helplines: list[Helpline]) -> list[Text]:
    return [Text(heading, "bold"), *(_helpline(line) for line in helplines)]


def _helpline(line: Helpline) -> Text:
    return Text.assemble("  ", (line.name, "bold"), f": {line.contact}")
