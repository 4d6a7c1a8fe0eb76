"""The personal safety plan (Stanley-Brown): its parts, saved as answers, and the plan they make.

Pure. Each part is a reflection keyed "safety_plan.<part>", so writing a part again adds a
dated entry (the history stays, and the journal shows it). The plan is the latest entry of
each part that held no crisis language: such an answer is kept, never quoted back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recover_coach import reflections

if TYPE_CHECKING:
    from datetime import datetime

    from recover_coach.content_models import SafetyPlanPart
    from recover_coach.models import Answer, Profile

KEY_PREFIX = "safety_plan."
STEP = 0  # in the journal, with the answers from getting started


def answer_key(part_id: str) -> str:
    return f"{KEY_PREFIX}{part_id}"


@dataclass(frozen=True)
class PlanPart:
    """One part of the person's plan: what they wrote last, one item per line."""

    id: str
    title: str
    items: list[str]
    written_at: datetime | None  # None: nothing written yet
    offer_lines: bool = False  # the region's helplines belong with this part

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": answer_key(self.id),
            "title": self.title,
            "items": self.items,
            "written_at": self.written_at.isoformat() if self.written_at else None,
        }


@dataclass(frozen=True)
class SafetyPlan:
    parts: list[PlanPart]

    @property
    def written(self) -> list[PlanPart]:
        return [part for part in self.parts if part.items]

    def is_empty(self) -> bool:
        return not self.written

    def unwritten(self) -> list[str]:
        """The ids of the parts with nothing in them yet."""
        return [part.id for part in self.parts if not part.items]

    def as_json(self) -> dict[str, Any]:
        return {"parts": [part.as_json() for part in self.parts]}


def saved_plan(profile: Profile, parts: Sequence[SafetyPlanPart]) -> SafetyPlan:
    """The plan as saved: every part in the content's order, then any part saved under an id
    the content no longer has (titled by the question it answered), so nothing written is lost."""
    found: list[PlanPart] = []
    for part in parts:
        entry = reflections.latest(profile, answer_key(part.id))
        found.append(_part(part.id, part.title, entry, part.offer_lines))
    known = {answer_key(part.id) for part in parts}
    for reflection in profile.reflections:
        if reflection.key.startswith(KEY_PREFIX) and reflection.key not in known:
            entry = reflections.latest(profile, reflection.key)
            if entry is not None:
                part_id = reflection.key.removeprefix(KEY_PREFIX)
                found.append(_part(part_id, reflection.prompt, entry, False))
    return SafetyPlan(found)


def record_part(
    profile: Profile,
    part: SafetyPlanPart,
    items: Sequence[str],
    at: datetime,
    *,
    crisis: bool = False,
) -> bool:
    """Save what was written for one part as a new dated entry; False when nothing was
    (the earlier answer then stands).

    `crisis`: the last item held crisis language. It is kept in an entry of its own, marked,
    and never shown again; the items before it are saved as usual and stay in the plan.
    """
    kept = [item.strip() for item in items if item.strip()]
    plain, marked = (kept[:-1], kept[-1:]) if crisis else (kept, [])
    key = answer_key(part.id)
    if plain:
        reflections.record_answer(profile, key, STEP, part.prompt, plain, at)
    if marked:
        reflections.record_answer(profile, key, STEP, part.prompt, marked, at, crisis=True)
    return bool(kept)


def _part(part_id: str, title: str, entry: Answer | None, offer_lines: bool) -> PlanPart:
    if entry is None:
        return PlanPart(part_id, title, [], None, offer_lines)
    return PlanPart(part_id, title, reflections.answer_items(entry.value), entry.at, offer_lines)
