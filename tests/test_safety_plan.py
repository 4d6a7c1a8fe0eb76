"""The personal safety plan: seven parts asked one at a time, saved like every answer, shown
with the helplines, and never asked for without a terminal."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import CRISIS_TEXT, NOW, TODAY, recover
from recover_coach import content, reflections, storage
from recover_coach import safety_plan as plan_domain
from recover_coach.content_models import SafetyPlanContent, SafetyPlanPart
from recover_coach.models import Profile

CONTENT = Path(__file__).resolve().parents[1] / "content"
WORDS: SafetyPlanContent = content.load_safety_plan()
PARTS = {part.id: part for part in WORDS.parts}
STANLEY_BROWN = [
    "warning_signs",
    "calming",
    "distraction",
    "people",
    "professionals",
    "safer_surroundings",
    "reasons",
]
# One answer per part, in order: lines, then an empty line to move on; a lone empty line skips.
A_WHOLE_PLAN = (
    "Lying awake going over it\nReaching for my phone\n\n"  # warning signs
    "A walk round the block\n\n"  # calming
    "\n"  # people and places: skipped
    "Sam 07700 900123\n\n"  # people to ask
    "Dr Patel at the surgery\n\n"  # professionals
    "\n"  # surroundings: skipped
    "My sister\nThe dog\n\n"  # reasons
)


def set_region(region: str) -> None:
    with storage.transaction(TODAY) as tx:
        tx.profile.settings.region = region


def saved_items(part_id: str) -> list[str]:
    found = reflections.latest(storage.read_profile(), plan_domain.answer_key(part_id))
    return reflections.answer_items(found.value) if found else []


# --- the content -----------------------------------------------------------------------


def test_the_plan_has_the_stanley_brown_parts_and_reasons_for_going_on_in_order() -> None:
    assert [part.id for part in WORDS.parts] == STANLEY_BROWN
    assert [part.id for part in WORDS.parts if part.offer_lines] == ["professionals"]
    assert all(part.prompt.strip() and part.title.strip() for part in WORDS.parts)


def test_content_check_validates_the_safety_plan(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    (folder / "safety_plan.toml").write_text('title = "Plan"\nparts = []\n', encoding="utf-8")
    problems = [str(problem) for problem in content.check(folder)]
    assert any(problem.startswith("safety_plan.toml: intro: ") for problem in problems)
    assert any(problem.startswith("safety_plan.toml: parts: ") for problem in problems)


def test_two_parts_with_one_id_are_refused() -> None:
    part = {"id": "calming", "title": "T", "prompt": "P?"}
    with pytest.raises(ValueError, match="own `id`"):
        SafetyPlanContent.model_validate(
            {"title": "T", "intro": "I", "done": "D", "parts": [part, part]}
        )


# --- the domain --------------------------------------------------------------------------


def test_an_empty_profile_has_an_empty_plan_with_every_part_in_order() -> None:
    plan = plan_domain.saved_plan(Profile(), WORDS.parts)
    assert plan.is_empty()
    assert [part.id for part in plan.parts] == STANLEY_BROWN
    assert plan.unwritten() == STANLEY_BROWN


def test_a_part_is_saved_as_a_reflection_and_writing_it_again_keeps_the_history() -> None:
    profile = Profile()
    part = PARTS["calming"]
    assert plan_domain.record_part(profile, part, ["A walk", "  "], NOW)
    assert plan_domain.record_part(profile, part, ["A bath"], NOW + timedelta(days=1))
    [reflection] = profile.reflections
    assert (reflection.key, reflection.step, reflection.prompt) == (
        "safety_plan.calming",
        0,
        part.prompt,
    )
    assert [entry.value for entry in reflection.entries] == [["A walk"], ["A bath"]]
    plan = plan_domain.saved_plan(profile, WORDS.parts)
    [written] = plan.written
    assert (written.id, written.items, written.written_at) == (
        "calming",
        ["A bath"],
        NOW + timedelta(days=1),
    )
    assert "calming" not in plan.unwritten()


def test_nothing_written_saves_nothing_and_the_earlier_answer_stands() -> None:
    profile = Profile()
    plan_domain.record_part(profile, PARTS["reasons"], ["My sister"], NOW)
    assert not plan_domain.record_part(profile, PARTS["reasons"], ["", "   "], NOW)
    assert plan_domain.saved_plan(profile, WORDS.parts).written[0].items == ["My sister"]


def test_an_answer_that_held_crisis_language_is_kept_but_never_shown_in_the_plan() -> None:
    profile = Profile()
    part = PARTS["warning_signs"]
    plan_domain.record_part(profile, part, ["Lying awake"], NOW)
    later = NOW + timedelta(hours=1)
    plan_domain.record_part(profile, part, ["Pacing", CRISIS_TEXT], later, crisis=True)
    [reflection] = profile.reflections
    assert [(entry.value, entry.crisis) for entry in reflection.entries] == [
        (["Lying awake"], False),
        (["Pacing"], False),  # the lines before it are saved as usual
        ([CRISIS_TEXT], True),
    ]
    assert plan_domain.saved_plan(profile, WORDS.parts).written[0].items == ["Pacing"]


def test_a_part_saved_under_an_id_the_content_no_longer_has_is_still_in_the_plan() -> None:
    profile = Profile()
    old = SafetyPlanPart(id="old_part", title="Old", prompt="Something we used to ask?")
    plan_domain.record_part(profile, old, ["Still mine"], NOW)
    plan = plan_domain.saved_plan(profile, WORDS.parts)
    assert plan.parts[-1].id == "old_part"
    assert (plan.parts[-1].title, plan.parts[-1].items) == (old.prompt, ["Still mine"])
    assert plan_domain.saved_plan(profile, []).written[0].items == ["Still mine"]


def test_the_plan_as_json_lists_every_part_with_its_key_items_and_date() -> None:
    profile = Profile()
    plan_domain.record_part(profile, PARTS["people"], ["Sam"], NOW)
    data = plan_domain.saved_plan(profile, WORDS.parts).as_json()
    people = data["parts"][3]
    assert people == {
        "id": "people",
        "key": "safety_plan.people",
        "title": PARTS["people"].title,
        "items": ["Sam"],
        "written_at": NOW.isoformat(),
    }
    assert data["parts"][0]["items"] == [] and data["parts"][0]["written_at"] is None


# --- the command -------------------------------------------------------------------------


@pytest.mark.usefixtures("march_clock", "interactive")
def test_at_a_terminal_it_asks_each_part_in_turn_and_saves_each_as_a_reflection(
    runner: CliRunner,
) -> None:
    set_region("GB")
    done = recover(runner, "safety-plan", input=A_WHOLE_PLAN)
    assert done.code == 0, done.err
    said = " ".join(done.err.split())
    asked = [said.index(part.prompt) for part in WORDS.parts]
    assert asked == sorted(asked)
    assert "1 of 7 · Warning signs" in done.err
    assert saved_items("warning_signs") == ["Lying awake going over it", "Reaching for my phone"]
    assert saved_items("distraction") == []  # skipped with Enter
    assert saved_items("reasons") == ["My sister", "The dog"]
    keys = {r.key for r in storage.read_profile().reflections}
    assert keys == {
        "safety_plan.warning_signs",
        "safety_plan.calming",
        "safety_plan.people",
        "safety_plan.professionals",
        "safety_plan.reasons",
    }
    assert all(r.step == 0 for r in storage.read_profile().reflections)
    assert "Samaritans: call 116 123" in done.err  # the region's lines, offered with part 5
    assert "• Dr Patel at the surgery" in done.out  # the plan, shown when done
    assert "Your plan is saved." in done.err


@pytest.mark.usefixtures("march_clock", "interactive")
def test_changing_the_plan_keeps_every_earlier_version(runner: CliRunner) -> None:
    recover(runner, "safety-plan", input=A_WHOLE_PLAN)
    # Two parts are still empty: filling them in (1) asks only those.
    again = recover(runner, "safety-plan", input="1\nThe library\n\n\n")
    assert again.code == 0, again.err
    assert PARTS["calming"].prompt not in again.err
    assert PARTS["distraction"].prompt in again.err
    assert saved_items("distraction") == ["The library"]
    # Going through every part (2): Enter keeps a part as it is.
    third = recover(runner, "safety-plan", input="2\nPacing at night\n\n" + "\n" * 6)
    assert third.code == 0, third.err
    assert "Your plan says: Lying awake going over it; Reaching for my phone" in third.err
    assert saved_items("warning_signs") == ["Pacing at night"]
    assert saved_items("calming") == ["A walk round the block"]
    history = reflections.find_reflection(storage.read_profile(), "safety_plan.warning_signs")
    assert history is not None
    assert [entry.value for entry in history.entries] == [
        ["Lying awake going over it", "Reaching for my phone"],
        ["Pacing at night"],
    ]
    journal = json.loads(recover(runner, "journal", "--json").out)
    shown = json.dumps(journal)
    assert "safety_plan.warning_signs" in shown and "Pacing at night" in shown


@pytest.mark.usefixtures("march_clock", "interactive")
def test_ctrl_c_half_way_keeps_what_was_written_and_the_next_run_goes_on_from_there(
    runner: CliRunner,
) -> None:
    stopped = recover(runner, "safety-plan", input="Lying awake\n\nA walk\n")
    assert stopped.code == 130
    assert saved_items("warning_signs") == ["Lying awake"]
    assert saved_items("calming") == ["A walk"]  # the line written before stopping
    assert PARTS["distraction"].prompt not in stopped.err
    again = recover(runner, "safety-plan", input="1\n" + "\n" * 5)
    assert again.code == 0, again.err
    assert "• Lying awake" in again.out  # shown first
    assert PARTS["warning_signs"].prompt not in again.err
    assert PARTS["distraction"].prompt in again.err


@pytest.mark.usefixtures("march_clock", "interactive")
def test_crisis_words_in_an_answer_save_it_and_stop_gently(runner: CliRunner) -> None:
    set_region("GB")
    done = recover(runner, "safety-plan", input=f"Lying awake\n{CRISIS_TEXT}\n")
    assert done.code == 0, done.err
    assert "116 123" in done.err and "call 999" in done.err
    assert "the plan can wait" in done.err
    assert PARTS["calming"].prompt not in done.err  # nothing more is asked
    [reflection] = storage.read_profile().reflections
    assert [(entry.value, entry.crisis) for entry in reflection.entries] == [
        (["Lying awake"], False),  # the lines before it stay in the plan
        ([CRISIS_TEXT], True),  # kept, and marked: never shown again
    ]
    plan = json.loads(recover(runner, "safety-plan", "--json").out)
    assert plan["parts"][0]["items"] == ["Lying awake"]
    assert CRISIS_TEXT not in json.dumps(plan, ensure_ascii=False)
    assert "wake up" not in recover(runner, "support").out


@pytest.mark.usefixtures("march_clock")
def test_without_a_terminal_it_shows_the_saved_plan_and_asks_nothing(runner: CliRunner) -> None:
    empty = recover(runner, "safety-plan", input="Would be an answer\n")
    assert empty.code == 0, empty.err
    assert empty.out == ""
    assert "haven't made a safety plan yet" in empty.err
    assert "> " not in empty.err
    with storage.transaction(TODAY) as tx:
        plan_domain.record_part(tx.profile, PARTS["reasons"], ["The dog"], NOW)
    shown = recover(runner, "safety-plan", input="Would be an answer\n")
    assert shown.code == 0, shown.err
    assert "7. My reasons for going on" in shown.out and "• The dog" in shown.out
    assert "(nothing written yet)" in shown.out
    assert PARTS["reasons"].prompt not in shown.err
    assert saved_items("reasons") == ["The dog"]


@pytest.mark.usefixtures("march_clock", "interactive")
def test_no_input_shows_the_plan_even_at_a_terminal(runner: CliRunner) -> None:
    done = recover(runner, "safety-plan", "--no-input")
    assert done.code == 0
    assert WORDS.parts[0].prompt not in done.err


@pytest.mark.usefixtures("march_clock")
def test_json_prints_the_plan_exactly_as_written(runner: CliRunner) -> None:
    with storage.transaction(TODAY) as tx:
        plan_domain.record_part(tx.profile, PARTS["people"], ["Sam \x1b[2J", "Alex"], NOW)
    done = recover(runner, "safety-plan", "--json")
    assert done.code == 0, done.err
    parts = {part["id"]: part for part in json.loads(done.out)["parts"]}
    assert list(parts) == STANLEY_BROWN
    assert parts["people"]["items"] == ["Sam \x1b[2J", "Alex"]
    assert parts["people"]["key"] == "safety_plan.people"
    assert parts["calming"]["items"] == []


@pytest.mark.usefixtures("march_clock")
def test_markdown_prints_the_plan_with_the_regions_lines_to_print_or_keep(
    runner: CliRunner,
) -> None:
    set_region("GB")
    with storage.transaction(TODAY) as tx:
        plan_domain.record_part(tx.profile, PARTS["professionals"], ["Dr Patel"], NOW)
        plan_domain.record_part(tx.profile, PARTS["people"], ["Sam \x1b[2J"], NOW)
    done = recover(runner, "safety-plan", "--markdown")
    assert done.code == 0, done.err
    assert done.out.startswith(f"# {WORDS.title}\n")
    assert "## 5. Professionals and lines I can call\n\n- Dr Patel\n" in done.out
    assert "- Samaritans: call 116 123\n" in done.out
    assert "- In an emergency: call 999\n" in done.out
    assert "## 1. Warning signs\n\n_Nothing written yet._\n" in done.out
    assert "- Sam \\x1b[2J" in done.out and "\x1b" not in done.out  # no raw escapes
    assert done.err == ""


def test_json_and_markdown_together_is_a_usage_error(runner: CliRunner) -> None:
    done = recover(runner, "safety-plan", "--json", "--markdown")
    assert done.code == 2
    assert len(done.err.splitlines()) == 1


# --- with the helplines ------------------------------------------------------------------


@pytest.mark.usefixtures("march_clock")
def test_support_shows_the_saved_plan_after_the_lines(runner: CliRunner) -> None:
    set_region("GB")
    with storage.transaction(TODAY) as tx:
        plan_domain.record_part(tx.profile, PARTS["reasons"], ["My sister", "The dog"], NOW)
    shown = recover(runner, "support").out
    assert shown.index("Your safety plan") > shown.index("Samaritans")
    assert "My reasons for going on: My sister; The dog" in shown
    assert "recover safety-plan" in shown


def test_support_without_a_plan_mentions_how_to_make_one(runner: CliRunner) -> None:
    shown = recover(runner, "support").out
    assert "Your safety plan" not in shown
    assert "recover safety-plan" in shown


@pytest.mark.usefixtures("march_clock")
def test_support_shows_the_plan_even_when_its_content_file_is_missing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with storage.transaction(TODAY) as tx:
        plan_domain.record_part(tx.profile, PARTS["reasons"], ["The dog"], NOW)
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("support.toml", "crisis.toml"):
        shutil.copy(CONTENT / name, folder / name)
    monkeypatch.setenv("RECOVER_CONTENT", str(folder))
    done = recover(runner, "support")
    assert done.code == 0, done.err
    assert f"{PARTS['reasons'].prompt}: The dog" in done.out


def test_plan_dates_are_shown_as_days(runner: CliRunner) -> None:
    with storage.transaction(TODAY) as tx:
        plan_domain.record_part(tx.profile, PARTS["calming"], ["A walk"], NOW - timedelta(days=18))
    assert "Last changed 2 Mar 2026." in recover(runner, "safety-plan", "--no-input").out


@pytest.mark.usefixtures("march_clock", "interactive")
def test_a_saved_plan_is_shown_first_and_can_be_left_as_it_is(runner: CliRunner) -> None:
    with storage.transaction(TODAY) as tx:
        for part in WORDS.parts:
            plan_domain.record_part(tx.profile, part, [f"For {part.id}"], NOW)
    done = recover(runner, "safety-plan", input="2\n")
    assert done.code == 0, done.err
    assert "• For reasons" in done.out
    assert "1. Go through every part" in done.err  # nothing is empty: no "fill in"
    assert WORDS.parts[0].prompt not in done.err
    assert sum(len(r.entries) for r in storage.read_profile().reflections) == len(WORDS.parts)
