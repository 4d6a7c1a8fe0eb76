"""How the safety screen's answers are met: the urgent response, and the words after it.

The urgent response puts the emergency number and the region's abuse line before anything
else. After a closed screen the words fit the reason: someone who was harmed, someone
worried about their own behaviour, someone whose ex asked for no contact. Content text is
never read as markup.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from recover_coach.content_models import Helpline, HelplineKind, Screen, Unhealthy
from recover_coach.safety import Outcome, Resources
from recover_coach.views.support import HEADINGS, emergency, helpline

MORE_LINES = "`recover support` shows every line for your region, at any time."


def heading() -> RenderableType:
    return Rule("Safety questions")


def urgent(resources: Resources, note: str) -> RenderableType:
    """After a high-danger "yes": the emergency number and the abuse line first, then the note."""
    lines: list[RenderableType] = [emergency(resources, "bold")]
    lines += _lines(HEADINGS["abuse"], resources.helplines.get("abuse") or resources.international)
    lines += [Text(), Text(note.strip())]
    return Group(*lines)


def outcome(
    result: Outcome, screen: Screen, unhealthy: Unhealthy, resources: Resources
) -> RenderableType:
    """The words after the last question: clear, or closed with the reason's own words."""
    if not result.closed:
        return Text(screen.clear.strip())
    parts: list[RenderableType] = []
    if result.in_danger_now:
        parts += [urgent(resources, screen.urgent), Text()]
    said = screen.closed if result.closed_now else screen.still_closed
    parts += [Text(said.strip(), "bold"), Text()]
    for text in _for_the_reason(result, unhealthy):
        parts += [Text(text.strip()), Text()]
    # The urgent lines opened these words already: below come the others, not them again.
    kinds = tuple(k for k in result.helplines if not (result.in_danger_now and k == "abuse"))
    lines = _resources(kinds, resources, with_emergency=not result.in_danger_now)
    parts += [*lines, Text(), Text(MORE_LINES, "dim")]
    return Group(*parts)


def _for_the_reason(result: Outcome, unhealthy: Unhealthy) -> list[str]:
    # Someone who was harmed never reads about "their part", even if they also said they
    # pushed back: self-defence is often answered that way.
    if result.situation == "harmed":
        return [unhealthy.harmed]
    texts: list[str] = []
    if result.situation == "own_behaviour":
        texts.append(unhealthy.own_behaviour)
    if "ex_asked_no_contact" in result.reasons:
        texts.append(unhealthy.harassment)
    return texts


def _resources(
    kinds: tuple[HelplineKind, ...], resources: Resources, *, with_emergency: bool
) -> list[RenderableType]:
    lines: list[RenderableType] = [emergency(resources, "bold")] if with_emergency else []
    missing = False
    for kind in kinds:
        found = resources.helplines.get(kind)
        if found:
            lines += _lines(HEADINGS[kind], found)
        missing = missing or not found
    if missing:  # the worldwide directories find a line recover does not list for the region
        lines += _lines(HEADINGS["directory"], resources.international)
    return lines


def _lines(title: str, helplines: list[Helpline]) -> list[RenderableType]:
    return [Text(title, "bold"), *(helpline(line) for line in helplines)]
