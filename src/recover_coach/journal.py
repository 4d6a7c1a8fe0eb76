"""The person's journal: every reflection, grouped by step, each with its dated history.

Pure: reflections in, groups out. Answers to the questions of the day (kept with the
check-ins) join them, each question read back as a reflection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recover_coach.errors import UsageError

if TYPE_CHECKING:
    from recover_coach.content_models import Content
    from recover_coach.models import CheckIn, Profile, Reflection

GETTING_STARTED = 0
LAST_STEP = 8  # the move-on path and the final thoughts


@dataclass(frozen=True)
class JournalStep:
    number: int
    title: str
    reflections: list[Reflection]

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "reflections": [
                {
                    "key": reflection.key,
                    "prompt": reflection.prompt,
                    "entries": [
                        {"at": entry.at.isoformat(), "value": entry.value}
                        for entry in reflection.entries  # appended in order: oldest first
                    ],
                }
                for reflection in self.reflections
            ],
        }


def by_step(
    profile: Profile,
    titles: Mapping[int, str],
    step: int | None = None,
    check_ins: Iterable[CheckIn] = (),
) -> list[JournalStep]:
    """Reflections with at least one answer, by step, each in the order first answered.

    The check-ins' answers to the questions of the day join their step's reflections.
    """
    from recover_coach.checkins import daily_reflections

    if step is not None and not 0 <= step <= LAST_STEP:
        raise UsageError(
            f"Steps are numbered from 0 (getting started) to {LAST_STEP} (the last part)."
        )
    every = [*profile.reflections, *daily_reflections(check_ins)]
    numbers = sorted({r.step for r in every if r.entries})
    if step is not None:
        numbers = [n for n in numbers if n == step]
    groups: list[JournalStep] = []
    for number in numbers:
        reflections = [r for r in every if r.step == number and r.entries]
        groups.append(JournalStep(number, titles.get(number, _fallback_title(number)), reflections))
    return groups


def titles(content: Content) -> dict[int, str]:
    """Each step number's title; move-on and final thoughts share number 8."""
    found: dict[int, list[str]] = {}
    for part in content.parts():
        title = f"Step {part.number}: {part.title}" if part.is_step else part.title
        found.setdefault(part.number, []).append(title)
    return {number: " · ".join(names) for number, names in found.items()}


def as_json(groups: list[JournalStep]) -> dict[str, Any]:
    return {"steps": [group.as_json() for group in groups]}


def _fallback_title(number: int) -> str:
    return "Getting started" if number == GETTING_STARTED else f"Step {number}"
