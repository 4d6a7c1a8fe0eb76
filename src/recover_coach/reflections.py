"""Reflections: the person's answers over time, how they are keyed, and the items they name.

Pure. Answers are keyed "<session>.<beat>"; a `for_each` beat, asked once per item of an
earlier answer, keys each item's answer "<session>.<beat>.<item-slug>". Re-answering adds
a dated entry to the question's history; nothing is overwritten. An answer that brought the
crisis response is kept (it is the person's) but marked, and never used again: not shown as
"last time", not recalled, not walked through item by item.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept light: the check-in keys its answers without loading content models
    from datetime import datetime

    from recover_coach.content_models import Content, PlanBeat, ReflectBeat
    from recover_coach.models import Answer, AnswerValue, Profile, Reflection


def answer_key(session_id: str, beat_id: str, item: str | None = None) -> str:
    key = f"{session_id}.{beat_id}"
    return f"{key}.{item_slug(item)}" if item is not None else key


def item_slug(item: str) -> str:
    """A stable key part for a named item: "Poor communication" -> "poor-communication"."""
    ascii_text = unicodedata.normalize("NFKD", item).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    if slug:
        return slug
    return "item-" + hashlib.sha1(item.encode("utf-8")).hexdigest()[:8]


def answer_items(value: AnswerValue) -> list[str]:
    """The items an answer names: chosen labels and "other" text, or the lines of a reflection."""
    if isinstance(value, str):
        raw = value.splitlines()
    elif isinstance(value, list):
        raw = value
    else:
        raw = list(value.values())
    return [line.strip() for line in raw if line.strip()]


def latest(profile: Profile, key: str) -> Answer | None:
    """The newest answer to a question that may be used again: never one marked as a crisis."""
    reflection = find_reflection(profile, key)
    return _usable(reflection) if reflection else None


def _usable(reflection: Reflection) -> Answer | None:
    return next((entry for entry in reversed(reflection.entries) if not entry.crisis), None)


def find_reflection(profile: Profile, key: str) -> Reflection | None:
    return next((r for r in profile.reflections if r.key == key), None)


def expand_for_each(
    session_id: str, beat: ReflectBeat | PlanBeat, profile: Profile
) -> list[tuple[str, str]]:
    """(item, answer key) for each item of the earlier answer a `for_each` beat walks through."""
    if beat.for_each is None:
        return [("", answer_key(session_id, beat.id))]
    source = latest(profile, beat.for_each)
    if source is None:
        return []
    pairs: list[tuple[str, str]] = []
    used: set[str] = set()
    for item in answer_items(source.value):
        key = answer_key(session_id, beat.id, item)
        suffix = 2
        while key in used:  # two items with the same slug keep separate answers
            key = f"{answer_key(session_id, beat.id, item)}-{suffix}"
            suffix += 1
        used.add(key)
        pairs.append((item, key))
    return pairs


def listed_sources(content: Content) -> set[str]:
    """Answer keys a later `for_each` walks through: these questions take one item per line."""
    sources: set[str] = set()
    for part in content.parts():
        for session in part.sessions:
            for beat in session.beats:
                source = getattr(beat, "for_each", None)  # reflect and plan beats
                if source:
                    sources.add(source)
    return sources


def item_prompt(prompt: str, item: str) -> str:
    return prompt.replace("{item}", item) if "{item}" in prompt or not item else f"{item}: {prompt}"


def recall(profile: Profile, keys: list[str]) -> list[tuple[str, Answer]]:
    """The latest usable entry of each listed answer; a `for_each` beat's key gathers its items."""
    shown: list[tuple[str, Answer]] = []
    for key in keys:
        exact = find_reflection(profile, key)
        matches = (
            [exact] if exact else [r for r in profile.reflections if r.key.startswith(key + ".")]
        )
        for reflection in matches:
            entry = _usable(reflection)
            if entry is not None:
                shown.append((reflection.prompt, entry))
    return shown


def _session_entries(profile: Profile, session_id: str) -> list[Answer]:
    prefix = f"{session_id}."
    return [e for r in profile.reflections if r.key.startswith(prefix) for e in r.entries]


def held_crisis(profile: Profile, session_id: str) -> bool:
    """Some answer in this session brought the crisis response: it ends without praise."""
    return any(entry.crisis for entry in _session_entries(profile, session_id))


def stopped_at_crisis(profile: Profile, session_id: str) -> bool:
    """The last answer given in this session brought the crisis response: coaching stopped there."""
    entries = _session_entries(profile, session_id)
    newest = max((entry.at for entry in entries), default=None)
    return any(entry.crisis for entry in entries if entry.at == newest)


def record_answer(
    profile: Profile,
    key: str,
    step: int,
    prompt: str,
    value: AnswerValue,
    at: datetime,
    *,
    crisis: bool = False,
) -> Reflection:
    """Add a dated entry to a question's history; an earlier answer is kept, never overwritten.

    `crisis`: the answer held crisis language, so it is kept but never used again.
    """
    from recover_coach.models import Answer, Reflection

    reflection = find_reflection(profile, key)
    if reflection is None:
        reflection = Reflection(key=key, step=step, prompt=prompt)
        profile.reflections.append(reflection)
        reflection = profile.reflections[-1]
    reflection.entries.append(Answer(at=at, value=value, crisis=crisis))
    return reflection
