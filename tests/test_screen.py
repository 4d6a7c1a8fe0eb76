"""The relationship-safety screen end to end: answers kept, Steps 5-7 never reopened.

Whether reconnecting is closed is derived from every recorded answer, so no hand edit of a
stored flag, no new "no" and no path through the commands brings Steps 5-7 back.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import TODAY, recover
from helpers_storage import edited_on_purpose
from recover_coach import clock, paths, safety, storage
from recover_coach import content as content_module
from recover_coach.content_models import Content, ScreenQuestion
from recover_coach.models import Profile

# Every test here runs on 2026-03-20, whatever the real date.
pytestmark = pytest.mark.usefixtures("march_clock")

MINI = Path(__file__).parent / "fixtures" / "content-mini"
MINI_STEPS_1_TO_4 = ("1a", "2a", "2b", "3a", "4a")
STEP_FIVE_DRAFT = "Draft one light message."  # the mini content's first Step 5 question
# United Kingdom, no breakup date, "yes" to being hurt (how often: Enter skips), two "no"s,
# then "not now" to Step 1.
MINI_HURT = "1\n\ny\n\nn\nn\nn\n"


def saved() -> Profile:
    return storage.read_profile()


def ready_for_step_five(sessions: tuple[str, ...]) -> None:
    """Steps 1-4 done and the no-contact goal long reached: only the screen can close Step 5."""
    with storage.transaction(TODAY) as tx:
        for session in sessions:
            tx.profile.program.sessions_done[session] = clock.today()
        tx.profile.no_contact.started_on = clock.today() - timedelta(days=40)


def edit_by_hand(change: str = "", to: str = "", drop: str = "") -> str:
    """Edit profile.toml as a person would (deleting the checksum line); returns the text."""
    target = paths.profile_path()
    text = target.read_text(encoding="utf-8").replace(change, to) if change else None
    text = text if text is not None else target.read_text(encoding="utf-8")
    if drop:
        text = "".join(_without_key(text.splitlines(keepends=True), drop))
    target.write_text(edited_on_purpose(text), encoding="utf-8")
    return text


def _without_key(lines: list[str], key: str) -> list[str]:
    """The lines without `key = ...`, a multi-line array included, as a person deletes it."""
    kept: list[str] = []
    in_array = False
    for line in lines:
        if in_array:
            in_array = line.strip() != "]"
        elif line.startswith(f"{key} = "):
            in_array = line.rstrip().endswith("[")
        else:
            kept.append(line)
    return kept


def screen_input(real: Content, yes: set[str], how_often: str = "3") -> str:
    """Answers to the real screen: "yes" (then how often) to the ids in `yes`, "no" to the rest."""
    lines: list[str] = []
    for question in real.onboarding.screen.questions:
        lines.append("y" if question.id in yes else "n")
        if question.id in yes and question.asks_how_often:
            lines.append(how_often)
    return "".join(f"{line}\n" for line in lines)


def uk_choice() -> str:
    regions = sorted(content_module.load_support().regions.values(), key=lambda r: r.name)
    return str([r.name for r in regions].index("United Kingdom") + 1)


def first_high_danger(real: Content) -> ScreenQuestion:
    return next(q for q in real.onboarding.screen.questions if q.high_danger)


# --- the issue: a hand edit reopened Step 5 ------------------------------------------------


@pytest.mark.usefixtures("interactive", "mini")
def test_deleting_a_line_of_the_profile_by_hand_never_reopens_step_five(
    runner: CliRunner,
) -> None:
    # Issue 6: after a "yes", deleting `reconnect_closed = [...]` from profile.toml let
    # `recover start --track reconnect` reach Step 5.
    assert recover(runner, "start", input=MINI_HURT).code == 0
    ready_for_step_five(MINI_STEPS_1_TO_4)
    edit_by_hand(drop="reconnect_closed")
    back = recover(runner, "start", "--track", "reconnect", input="n\nhello\n5\n")
    assert back.code == 1, back.err
    assert "Reconnecting stays closed" in back.err
    revisit = recover(runner, "start", "--step", "5", input="n\nhello\n5\n")
    assert revisit.code == 1
    assert STEP_FIVE_DRAFT not in back.err + revisit.err
    assert saved().program.track == "move_on"


@pytest.mark.usefixtures("interactive", "mini")
def test_a_stored_flag_added_by_hand_is_not_what_closes_reconnecting(runner: CliRunner) -> None:
    recover(runner, "start", input="1\n\nn\nn\nn\n" + "1\nnights\n" + "n\n")
    text = edit_by_hand("[safety]\n", '[safety]\nreconnect_closed = ["harm"]\n')
    assert "[safety]" in text or "[[safety.screenings]]" in text
    assert not safety.reconnect_closed(saved())  # only recorded answers count


# --- how often ------------------------------------------------------------------------------


@pytest.mark.usefixtures("interactive", "mini")
def test_how_often_is_asked_after_a_yes_and_once_still_closes(runner: CliRunner) -> None:
    run = recover(runner, "start", input="1\n\ny\n1\nn\nn\nn\n")
    assert run.code == 0, run.err
    assert "How often?" in run.err and "1. Once" in run.err
    [first, *_] = saved().safety.screenings[0].answers
    assert (first.question, first.yes, first.how_often) == ("hurt", True, "once")
    assert safety.reconnect_closed(saved())


# --- recover safety -------------------------------------------------------------------------


@pytest.mark.usefixtures("mini")
def test_recover_safety_needs_a_terminal(runner: CliRunner, recover_home: Path) -> None:
    run = recover(runner, "safety")
    assert run.code == 4
    [line] = run.err.strip().splitlines()
    assert "needs a terminal" in line and "recover support" in line
    assert not recover_home.exists()


@pytest.mark.usefixtures("interactive", "mini")
def test_recover_safety_with_no_input_asks_nothing(runner: CliRunner) -> None:
    run = recover(runner, "safety", "--no-input", input="y\n")
    assert run.code == 4 and "needs a terminal" in run.err


@pytest.mark.usefixtures("interactive", "mini")
def test_recover_safety_adds_a_screening_and_a_new_no_never_reopens(runner: CliRunner) -> None:
    recover(runner, "start", input=MINI_HURT)
    run = recover(runner, "safety", input="n\nn\nn\n")
    assert run.code == 0, run.err
    assert "Safety questions" in run.err and "The same questions again." in run.err
    assert "Still closed: earlier answers stand." in run.err
    assert "Harmed: not your fault." in run.err and "999" in run.err
    screenings = saved().safety.screenings
    assert [[a.yes for a in s.answers] for s in screenings] == [
        [True, False, False],
        [False, False, False],
    ]
    assert all(s.finished_on == clock.today() for s in screenings)
    assert safety.closed_reasons(saved()) == ["harm"]


@pytest.mark.usefixtures("interactive", "mini")
def test_a_new_yes_in_recover_safety_closes_reconnecting_and_leaves_the_reconnect_path(
    runner: CliRunner,
) -> None:
    recover(runner, "start", input="1\n\nn\nn\nn\n" + "1\nnights\n" + "n\n")
    assert saved().program.track == "reconnect"
    run = recover(runner, "safety", input="n\ny\n2\nn\n")
    assert run.code == 0, run.err
    assert "Screen closed" in run.err
    assert "Own behaviour: take responsibility." in run.err
    assert "Find A Helpline" in run.err  # the mini content's region has no line for it
    assert "Harmed: not your fault." not in run.err
    assert saved().program.track == "move_on"
    assert safety.closed_reasons(saved()) == ["own_behaviour"]


@pytest.mark.usefixtures("interactive", "mini")
def test_recover_safety_stopped_part_way_keeps_every_answer_given(runner: CliRunner) -> None:
    recover(runner, "start", input="1\n\nn\nn\nn\n" + "1\nnights\n" + "n\n")
    stopped = recover(runner, "safety", input="n\ny\n")  # then Ctrl-D at "how often"
    assert stopped.code == 130
    latest = saved().safety.screenings[-1]
    assert latest.finished_on is None
    assert [(a.question, a.yes) for a in latest.answers] == [
        ("hurt", False),
        ("frightened_them", True),
    ]
    assert safety.reconnect_closed(saved())


# --- offered again before Step 5 -----------------------------------------------------------


@pytest.mark.usefixtures("interactive", "mini")
def test_before_step_five_the_screen_is_offered_again_and_can_close_it(runner: CliRunner) -> None:
    recover(runner, "start", input="1\n\nn\nn\nn\n" + "1\nnights\n" + "n\n")
    ready_for_step_five(MINI_STEPS_1_TO_4)
    run = recover(runner, "start", input="\ny\n3\nn\nn\n")  # Enter: yes, ask again
    assert run.code == 0, run.err
    assert "Answer the safety questions again first? [Y/n]" in run.err
    assert "Screen closed" in run.err and STEP_FIVE_DRAFT not in run.err
    assert "`recover start` carries on with the move-on path" in run.err
    assert len(saved().safety.screenings) == 2
    assert saved().program.track == "move_on"
    after = recover(runner, "start", "--step", "5")
    assert after.code == 1 and "Step 5 stays closed" in after.err


@pytest.mark.usefixtures("interactive", "mini")
@pytest.mark.parametrize("answers", ["y\nn\nn\nn\n", "n\n"], ids=["clear-screen", "no-thanks"])
def test_before_step_five_a_clear_screen_or_a_no_thanks_goes_on_to_step_five(
    runner: CliRunner, answers: str
) -> None:
    recover(runner, "start", input="1\n\nn\nn\nn\n" + "1\nnights\n" + "n\n")
    ready_for_step_five(MINI_STEPS_1_TO_4)
    run = recover(runner, "start", "--step", "5", input=answers + "hello\n5\n")
    assert run.code == 0, run.err
    assert STEP_FIVE_DRAFT in run.err
    assert len(saved().safety.screenings) == (2 if answers.startswith("y") else 1)
    assert not safety.reconnect_closed(saved())


# --- closed for good, said plainly ---------------------------------------------------------


@pytest.mark.usefixtures("interactive", "mini")
def test_a_closed_step_says_so_plainly_without_counting_days(runner: CliRunner) -> None:
    recover(runner, "start", input=MINI_HURT)
    run = recover(runner, "start", "--step", "5")
    assert run.code == 1
    [line] = run.err.strip().splitlines()
    assert line.startswith("recover: Step 5 stays closed: Closed by the safety questions.")
    assert "not open yet" not in line and "more days" not in line
    assert "move-on" in line
    steps = json.loads(recover(runner, "progress", "--json").out)["steps"]
    closed = {s["key"]: s for s in steps if s.get("closed_for_good")}
    assert set(closed) == {"step5", "step6", "step7"}
    assert not any("days" in r for s in closed.values() for r in s["locked_because"])


@pytest.mark.usefixtures("interactive", "mini")
def test_after_silence_progress_says_the_next_step_stays_closed(runner: CliRunner) -> None:
    recover(runner, "start", input="1\n\nn\nn\nn\n" + "1\nnights\n" + "n\n")
    ready_for_step_five((*MINI_STEPS_1_TO_4, "5a"))
    with storage.transaction(TODAY) as tx:
        tx.profile.program.reply = "none"
    shown = recover(runner, "progress").out
    assert "Step 6: Talk stays closed." in shown
    assert "recover respects it" in shown and "not open yet" not in shown
    assert "--track move-on" in shown


# --- a high-danger answer -------------------------------------------------------------------


@pytest.mark.usefixtures("interactive")
def test_a_high_danger_yes_brings_the_emergency_and_abuse_lines_first_and_never_step_five(
    runner: CliRunner,
) -> None:
    real = content_module.load()
    danger = first_high_danger(real)
    questions = real.onboarding.screen.questions
    after = questions[questions.index(danger) + 1]
    run = recover(
        runner, "start", input=f"{uk_choice()}\n\n" + screen_input(real, {danger.id}) + "n\n"
    )
    assert run.code == 0, run.err
    err = run.err
    asked = err.index(danger.text[:40])
    # The very next words after the answer: the emergency number, then the abuse line.
    following = err[asked + len(danger.text) :].split("\n", 1)[1].lstrip()
    assert following.startswith("If you are in danger right now, call 999.")
    order = [
        "call 999",
        "National Domestic Abuse Helpline",
        "most dangerous time",
        real.onboarding.screen.how_often_prompt,
        after.text[:40],
    ]
    positions = [err.index(words, asked) for words in order]
    assert positions == sorted(positions)
    # The words after the last question begin with the same urgent lines.
    closing = err[err.index(questions[-1].text) :]
    assert closing.split("\n", 1)[1].lstrip().startswith("If you are in danger right now")
    assert "not your fault" in closing and "Taking responsibility" not in closing
    answer = next(a for a in saved().safety.screenings[0].answers if a.yes)
    assert (answer.question, answer.high_danger, answer.how_often) == (danger.id, True, "often")

    # No path leads to Steps 5-7: not the flags, not a hand edit, not a new "no" to all.
    ready_for_step_five(tuple(s.id for part in real.steps[:4] for s in part.sessions))
    assert recover(runner, "start", "--track", "reconnect").code == 1
    revisit = recover(runner, "start", "--step", "5")
    assert revisit.code == 1 and "Step 5 stays closed" in revisit.err
    edit_by_hand('track = "move_on"', 'track = "reconnect"', drop="reconnect_closed")
    assert saved().program.track == "reconnect"
    hand_edited = recover(runner, "start", input="n\n")
    assert "Step 5: Reach out, gently, once stays closed." in hand_edited.err
    again = recover(runner, "safety", input=screen_input(real, set()))
    assert again.code == 0, again.err
    assert "What you shared before still stands" in again.err
    assert again.err.index("call 999") < again.err.index("National Domestic Abuse Helpline")
    for attempt in (
        recover(runner, "start", "--track", "reconnect"),
        recover(runner, "start", "--step", "6"),
        recover(runner, "start", "--step", "7"),
        recover(runner, "start", input="n\n"),
    ):
        assert "Reach out, gently, once ·" not in attempt.err  # no Step 5 session began
    steps = json.loads(recover(runner, "progress", "--json").out)["steps"]
    assert [s["key"] for s in steps if s.get("closed_for_good")] == ["step5", "step6", "step7"]
    assert safety.in_danger(saved()) and len(saved().safety.screenings) == 2


# --- the closing words fit the reason (real content) ---------------------------------------


@pytest.mark.usefixtures("interactive")
@pytest.mark.parametrize(
    ("yes", "shown", "never"),
    [
        (
            {"put_down"},
            ["not your fault", "National Domestic Abuse Helpline", "move-on path"],
            ["Taking responsibility", "Respect Phoneline", "harassment"],
        ),
        (
            {"own_physical"},
            ["Taking responsibility", "Respect Phoneline", "no messages or calls"],
            ["not your fault", "National Domestic Abuse Helpline", "leave for good"],
        ),
        (
            {"asked_no_contact"},
            ["deserves respect", "harassment", "move-on path"],
            ["leave for good", "not your fault", "Taking responsibility"],
        ),
    ],
    ids=["harmed", "own-behaviour", "they-asked-for-no-contact"],
)
def test_the_closing_words_fit_the_reason(
    runner: CliRunner, yes: set[str], shown: list[str], never: list[str]
) -> None:
    real = content_module.load()
    run = recover(runner, "start", input=f"{uk_choice()}\n\n" + screen_input(real, yes) + "n\n")
    assert run.code == 0, run.err
    closing = " ".join(run.err[run.err.index("Thank you for answering honestly") :].split())
    for words in shown:
        assert words in closing, words
    for words in never:
        assert words not in closing, words
    for words in ("confront", "counsel", "therap"):
        assert words not in closing.lower()
