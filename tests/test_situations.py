"""Words for the person's situation: someone who was harmed is never asked for their share,
nobody whose reconnecting is closed hears about getting back together, and a clear screen
keeps the program as it was. Walked with the real content, as a person would."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import TODAY, recover
from recover_coach import clock, reflections, safety, storage
from recover_coach import content as content_module
from recover_coach.content_models import Content, ReadBeat, Situation
from recover_coach.models import Profile
from test_start_cli import scripted

pytestmark = pytest.mark.usefixtures("march_clock", "interactive")

CONTENT = Path(__file__).resolve().parents[1] / "content"
SITUATIONS: tuple[Situation, ...] = content_module.SITUATIONS
# What someone harmed must never read: a share of the blame for what was done to them.
BLAME = ("your part", "your share", "what you did wrong", "where you went wrong")
# What nobody whose reconnecting is closed should read: a way back to the ex.
GETTING_BACK = (
    "get back together",
    "getting back together",
    "couple again",
    "talk again",
    "find their way back",
    "finds their way back",
    "win them back",
    "get them back",
    "with them or",
    "while you're apart",
)
# The questions a clear screen meets in Steps 1-4, on the move-on path and in the final
# thoughts, in order: the answer keys people already have (issue 6 kept every one).
CLEAR_KEYS = [
    "1a.pull",
    "1b.pledges",
    "1c.instead",
    "2a.kindness",
    "2a.who",
    "2b.selfcare",
    "2b.this_week",
    "3a.why",
    "3a.reasons",
    "3b.own_part",
    "3b.lesson",
    "4a.changes",
    "4b.instead",
    "4b.tomorrow",
    "4b.start_now",
    "m1.grief",
    "m2.learned",
    "m2.proud",
    "m3.life",
    "f1.grown",
    "f1.next",
]


@pytest.fixture
def real() -> Content:
    return content_module.load()


def in_situation(monkeypatch: pytest.MonkeyPatch, situation: Situation) -> None:
    """The screen's answers put this person in `situation` (safety.py derives it; it is
    tested there): here the program only has to follow it."""
    monkeypatch.setattr(safety, "situation", lambda profile: situation)
    monkeypatch.setattr(safety, "reconnect_closed", lambda profile: situation != "clear")


def onboarded(situation: Situation) -> None:
    with storage.transaction(TODAY) as tx:
        profile = tx.profile
        profile.settings.region = "GB"
        profile.onboarding.completed_on = clock.today()
        profile.program.track = "reconnect" if situation == "clear" else "move_on"


def walk(runner: CliRunner, real: Content, situation: Situation) -> str:
    """Steps 1-4, then the move-on path and the final thoughts, answering every question."""
    listed = reflections.listed_sources(real)
    steps = [s for part in real.steps[:4] for s in part.sessions]
    script = "y\n".join(scripted(s, listed, {}, situation) for s in steps)
    first = recover(runner, "start", input=script + "n\n")
    assert first.code == 0, first.err[-3000:]
    later = [*real.move_on.sessions, *real.final.sessions]
    script = "y\n".join(scripted(s, listed, {}, situation) for s in later)
    second = recover(runner, "start", "--track", "move-on", input=script)
    assert second.code == 0, second.err[-3000:]
    profile = saved()
    assert {s.id for s in steps + later} <= set(profile.program.sessions_done)
    assert profile.program.finished_on == clock.today()
    return _flat(first.err + second.err)


def saved() -> Profile:
    return storage.read_profile()


def answer_keys(profile: Profile) -> list[str]:
    return [r.key.split(".")[0] + "." + r.key.split(".")[1] for r in profile.reflections]


def _flat(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


# --- walked as a person ---------------------------------------------------------------------


def test_someone_harmed_is_never_asked_for_their_share_nor_told_of_getting_back_together(
    runner: CliRunner, real: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_situation(monkeypatch, "harmed")
    onboarded("harmed")
    shown = walk(runner, real, "harmed")
    assert [p for p in BLAME + GETTING_BACK if p in shown] == []
    assert "not your fault" in shown and "never the fault of the person" in shown
    assert "which of these do you want more of" in shown
    assert "which ones were part of yours" not in shown  # the common reasons are not theirs
    keys = answer_keys(saved())
    assert "3b.needs" in keys and "4a.for_you" in keys
    assert not {"3a.reasons", "3b.own_part", "3b.lesson", "4b.tomorrow"} & set(keys)


@pytest.mark.parametrize("situation", ["own_behaviour", "ex_asked_no_contact"])
def test_when_reconnecting_is_closed_nothing_speaks_of_getting_back_together(
    runner: CliRunner, real: Content, monkeypatch: pytest.MonkeyPatch, situation: Situation
) -> None:
    in_situation(monkeypatch, situation)
    onboarded(situation)
    shown = walk(runner, real, situation)
    assert [p for p in GETTING_BACK if p in shown] == []
    assert "recover support" in shown


def test_someone_worried_about_their_own_behaviour_owns_it_without_shame_and_is_pointed_to_help(
    runner: CliRunner, real: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_situation(monkeypatch, "own_behaviour")
    onboarded("own_behaviour")
    shown = walk(runner, real, "own_behaviour")
    assert "responsibility without shame" in shown
    assert "worried about their own behaviour" in shown
    assert "frighten or threaten them" in shown  # named plainly, to change it
    assert "4b.instead_own" in answer_keys(saved())


def test_when_they_asked_for_no_contact_it_is_respected_as_their_answer(
    runner: CliRunner, real: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_situation(monkeypatch, "ex_asked_no_contact")
    onboarded("ex_asked_no_contact")
    shown = walk(runner, real, "ex_asked_no_contact")
    assert "they have asked for no contact" in shown and "respecting that" in shown
    assert "for the next few weeks, try a period of no contact" not in shown


def test_a_clear_screen_keeps_the_program_and_its_answer_keys_as_they_were(
    runner: CliRunner, real: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_situation(monkeypatch, "clear")
    onboarded("clear")
    shown = walk(runner, real, "clear")
    assert answer_keys(saved()) == CLEAR_KEYS
    for words in (
        "if you and your ex ever talk again",
        "imagine you were a couple again",
        "finds their way back",
        "seeing your part",
        "which ones were part of yours",
    ):
        assert words in shown, words


def test_everyone_meets_the_signs_a_relationship_is_not_healthy_to_return_to_in_step_three(
    real: Content,
) -> None:
    for situation in SITUATIONS:
        seen = [
            _flat(beat.text)
            for session in real.part("step3").sessions
            for beat in session.beats
            if content_module.shown_to(beat, situation) and isinstance(beat, ReadBeat)
        ]
        signs = next((text for text in seen if "again and again" in text), "")
        for sign in ("violence", "threats", "put", "cheating", "disrespect", "control"):
            assert sign in signs, (situation, sign)


def test_step_three_says_the_signs_in_its_own_words_not_a_copy_of_the_closed_screen_page() -> None:
    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.sub(r"[^\w\s]", " ", text.lower().replace("'", "")).split()
        return {tuple(words[i : i + 6]) for i in range(len(words) - 5)}

    unhealthy = tomllib.loads((CONTENT / "unhealthy.toml").read_text(encoding="utf-8"))
    theirs = set().union(*(runs(t) for t in _strings(unhealthy)))
    step = tomllib.loads((CONTENT / "steps" / "03-understand.toml").read_text(encoding="utf-8"))
    ours = set().union(*(runs(t) for t in _strings(step)))
    assert ours & theirs == set()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


# --- when the situation changes, or an earlier answer is missing -------------------------------


def test_a_situation_that_changed_after_step_three_skips_what_it_has_nothing_for(
    runner: CliRunner, real: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Step 3 answered with a clear screen; then the screen, run again, closed reconnecting.
    in_situation(monkeypatch, "clear")
    onboarded("clear")
    listed = reflections.listed_sources(real)
    with storage.transaction(TODAY) as tx:
        for part in real.steps[:2]:
            for session in part.sessions:
                tx.profile.program.sessions_done[session.id] = clock.today()
    step3 = "y\n".join(scripted(s, listed, {}) for s in real.part("step3").sessions)
    assert recover(runner, "start", input=step3 + "n\n").code == 0
    in_situation(monkeypatch, "harmed")
    step4 = real.part("step4").sessions
    script = "y\n".join(scripted(s, listed, {"3b.needs": 0}, "harmed") for s in step4)
    run = recover(runner, "start", input=script + "n\n")
    assert run.code == 0, run.err[-3000:]
    shown = _flat(run.err)
    assert "you named what you want more of" not in shown  # nothing to recall: no intro
    assert "nothing written here yet" not in shown
    assert "your own part" not in shown and "couple again" not in shown
    assert {"4a", "4b", "4c"} <= set(saved().program.sessions_done)
    assert not [k for k in answer_keys(saved()) if k.startswith("4a.")]
