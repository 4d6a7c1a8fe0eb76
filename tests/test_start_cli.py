"""`recover start`: onboarding, one session at a time, resuming, revisiting, the safety rules."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import TODAY, recover
from recover_coach import clock, reflections, safety, storage
from recover_coach import content as content_module
from recover_coach.content_models import (
    ActionBeat,
    ChooseBeat,
    CommitBeat,
    PlanBeat,
    ReflectBeat,
    Session,
    Situation,
)
from recover_coach.models import Profile

# Every test here runs on 2026-03-20, whatever the real date: a run at midnight stays one day.
pytestmark = pytest.mark.usefixtures("march_clock")

MINI = Path(__file__).parent / "fixtures" / "content-mini"
CLEAR_ONBOARDING = "1\n3 weeks ago\nn\nn\nn\n"  # United Kingdom, a date, three "no"s
STEP_ONE = "1,2\nnights are hardest\n"  # pledges, then the reflection


def saved() -> Profile:
    return storage.read_profile()


def values(profile: Profile, key: str) -> list[object]:
    found = next((r for r in profile.reflections if r.key == key), None)
    return [entry.value for entry in found.entries] if found else []


def test_without_a_terminal_start_fails_at_once_and_names_the_flag_commands(
    runner: CliRunner, mini: Path, recover_home: Path
) -> None:
    run = recover(runner, "start")
    assert run.code == 4
    lines = run.err.strip().splitlines()
    assert len(lines) == 1
    assert "needs a terminal" in lines[0]
    for command in ("progress", "journal", "checkin", "streak set", "config set"):
        assert f"recover {command}" in lines[0]
    assert not recover_home.exists()


@pytest.mark.usefixtures("interactive", "mini")
def test_the_first_run_onboards_then_runs_step_one_and_offers_step_two(runner: CliRunner) -> None:
    run = recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + "\n")
    assert run.code == 0, run.err
    for shown in ("Welcome to the mini program.", "Privacy note", "Screen clear", "Space read"):
        assert shown in run.err
    assert "Next: “Who you want to be” (Step 2, about 3 min). Go on now? [y/N]" in run.err
    assert "`recover start` picks up right there" in run.err
    profile = saved()
    today = clock.today()
    assert profile.settings.region == "GB"
    assert profile.onboarding.completed_on == today
    assert profile.onboarding.breakup_on == today - timedelta(days=21)
    [screening] = profile.safety.screenings
    assert screening.began_on == screening.finished_on == today
    assert [(a.question, a.yes) for a in screening.answers] == [
        ("hurt", False),
        ("frightened_them", False),
        ("asked_no_contact", False),
    ]
    assert not safety.reconnect_closed(profile)
    assert profile.no_contact.started_on == today
    assert profile.program.sessions_done == {"1a": today}
    assert profile.program.position is None
    assert values(profile, "1a.pledge") == [["No texts", "No socials"]]
    assert values(profile, "1a.hardest") == ["nights are hardest"]
    assert run.out == ""  # the conversation is on stderr; stdout stays for data


@pytest.mark.usefixtures("interactive", "mini")
def test_saying_yes_runs_the_next_session_and_the_next_run_resumes_after_it(
    runner: CliRunner,
) -> None:
    answers = CLEAR_ONBOARDING + STEP_ONE + "y\n" + "kind\na bath\n1,3\ndancing\n" + "n\n"
    assert recover(runner, "start", input=answers).code == 0
    assert values(saved(), "2a.care") == [["Sleep", "dancing"]]
    run = recover(runner, "start", input="walk daily\nSam\nn\n")
    assert "Step 2: Heal · A plan" in run.err
    assert values(saved(), "2b.week") == [{"Move how?": "walk daily", "Call whom?": "Sam"}]


@pytest.mark.usefixtures("interactive", "mini")
def test_stopping_mid_session_keeps_the_answers_and_resumes_at_that_question(
    runner: CliRunner,
) -> None:
    # The input runs out at the second question of Step 2: the same as Ctrl-D there.
    run = recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + "y\nsomeone kind\n")
    assert run.code == 130
    assert "Everything you answered before this question is saved." in run.err
    profile = saved()
    assert values(profile, "2a.person") == ["someone kind"]
    assert profile.program.position is not None
    assert (profile.program.position.session, profile.program.position.beat) == ("2a", 1)
    again = recover(runner, "start", input="a bath\n1\nn\n")
    assert again.code == 0
    assert "Picking up where you left off." in again.err
    assert "Who do you want to be?" not in again.err
    assert values(saved(), "2a.small-thing") == ["a bath"]
    assert "2a" in saved().program.sessions_done


@pytest.mark.usefixtures("interactive", "mini")
def test_stopping_inside_a_plan_keeps_the_fields_already_written(runner: CliRunner) -> None:
    step_two = "y\nsomeone kind\na bath\n1\ny\na run\n"  # 2a, then the first field of 2b
    run = recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + step_two)
    assert run.code == 130
    assert values(saved(), "2b.week") == [{"Move how?": "a run"}]
    again = recover(runner, "start", input="a swim\nSam\nn\n")
    assert again.code == 0
    assert values(saved(), "2b.week") == [
        {"Move how?": "a run"},
        {"Move how?": "a swim", "Call whom?": "Sam"},
    ]


@pytest.mark.usefixtures("interactive", "mini")
def test_stopping_at_in_your_own_words_keeps_the_options_picked(runner: CliRunner) -> None:
    recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + "n\n")
    with storage.transaction(TODAY) as tx:
        for session in ("2a", "2b"):
            tx.profile.program.sessions_done[session] = clock.today()
    run = recover(runner, "start", input="1,4\n")  # "something else", then Ctrl-D
    assert run.code == 130
    assert values(saved(), "3a.reasons") == [["Poor communication"]]


@pytest.mark.usefixtures("interactive", "mini")
def test_later_steps_walk_through_what_earlier_steps_named(runner: CliRunner) -> None:
    answers = (
        CLEAR_ONBOARDING
        + STEP_ONE
        + "y\nkind\nbath\n1\ny\nwalk\nSam\ny\n"  # Step 2, both sessions
        + "1,4\nmoney worries\nI went quiet\nI worked late\n\ny\n"  # Step 3: a list answer
        + "listen first\nbudget together\n"  # Step 4: one change per reason,
        + "pause\nask first\n2\n"  # one plan per line of Step 3's answer; move on
    )
    run = recover(runner, "start", input=answers + "n\n")
    assert run.code == 0, run.err
    profile = saved()
    assert values(profile, "3a.reasons") == [["Poor communication", "money worries"]]
    assert values(profile, "3a.mine") == ["I went quiet\nI worked late"]
    assert "What will you do differently about Poor communication?" in run.err
    assert values(profile, "4a.change.poor-communication") == ["listen first"]
    assert values(profile, "4a.change.money-worries") == ["budget together"]
    plan = values(profile, "4a.instead.i-worked-late")
    assert plan == [{"What will you do instead?": "ask first"}]
    assert "When you notice I went quiet:" in run.err
    assert "You named these:" in run.err and "Poor communication, money worries" in run.err
    assert profile.program.track == "move_on"
    assert "Next: “New beginning” (Move on, about 3 min)" in run.err


@pytest.mark.usefixtures("interactive", "mini")
def test_stopping_between_items_resumes_at_the_next_item(runner: CliRunner) -> None:
    before_step_four = (
        CLEAR_ONBOARDING
        + STEP_ONE
        + "y\nkind\nbath\n1\ny\nwalk\nSam\ny\n"
        + "1,2\nI went quiet\n\ny\n"
    )
    stopped = recover(runner, "start", input=before_step_four + "listen first\n")
    assert stopped.code == 130
    position = saved().program.position
    assert position is not None and (position.session, position.beat, position.item) == ("4a", 1, 1)
    run = recover(runner, "start", input="trust more\nsit with it\n1\n")
    assert run.code == 0, run.err
    assert "about Poor communication?" not in run.err
    assert "What will you do differently about Jealousy?" in run.err
    assert values(saved(), "4a.change.poor-communication") == ["listen first"]
    assert values(saved(), "4a.change.jealousy") == ["trust more"]


@pytest.mark.usefixtures("interactive", "mini")
def test_revisiting_a_step_shows_the_last_answer_and_keeps_both(runner: CliRunner) -> None:
    recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + "n\n")
    run = recover(runner, "start", "--step", "1", input="1\nmornings now\nn\n")
    assert run.code == 0, run.err
    assert "Last time (" in run.err and "nights are hardest" in run.err
    assert values(saved(), "1a.hardest") == ["nights are hardest", "mornings now"]
    assert saved().no_contact.started_on == clock.today()


@pytest.mark.usefixtures("interactive", "mini")
def test_a_locked_step_says_in_one_line_what_is_pending(runner: CliRunner) -> None:
    recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + "n\n")
    run = recover(runner, "start", "--step", "5")
    assert run.code == 1
    assert run.err.strip().splitlines()[-1] == (
        "recover: Step 5 is not open yet: Finish Steps 1-4 first. "
        "30 more days of no contact (goal 30). Meanwhile, keep checking in."
    )


@pytest.mark.usefixtures("interactive", "mini")
def test_a_yes_on_the_safety_screen_closes_reconnecting_and_shows_help(runner: CliRunner) -> None:
    run = recover(runner, "start", input="1\n\nn\nn\ny\n\n" + STEP_ONE + "n\n")
    assert run.code == 0, run.err
    for shown in (
        "Screen closed",
        "Repeated contact after a no can be harassment.",
        "Samaritans",
        "999",
    ):
        assert shown in run.err
    assert "Harmed: not your fault." not in run.err  # the words fit the reason
    assert "How often?" not in run.err  # a request for no contact is not asked "how often"
    profile = saved()
    assert safety.closed_reasons(profile) == ["ex_asked_no_contact"]
    assert profile.program.track == "move_on"
    assert profile.onboarding.breakup_on is None
    back = recover(runner, "start", "--track", "reconnect")
    assert back.code == 1
    assert "Reconnecting stays closed" in back.err and "recover support" in back.err
    assert saved().program.track == "move_on"


@pytest.mark.usefixtures("interactive", "mini")
def test_a_yes_on_the_screen_counts_even_if_the_person_stops_right_after_it(
    runner: CliRunner,
) -> None:
    run = recover(runner, "start", input="1\n3 weeks ago\ny\n")  # then Ctrl-D
    assert run.code == 130
    assert "How often?" in run.err  # stopped here: the "yes" before it is kept
    assert safety.closed_reasons(saved()) == ["harm"]
    assert saved().onboarding.completed_on is None
    again = recover(runner, "start", input="1\nn\nn\nn\n")
    assert "Did they ever hurt you?" not in again.err  # answered before the stop: kept
    assert "Did you ever frighten them?" in again.err
    [screening] = saved().safety.screenings
    assert [(a.question, a.yes, a.how_often) for a in screening.answers] == [
        ("hurt", True, None),
        ("frightened_them", False, None),
        ("asked_no_contact", False, None),
    ]
    assert saved().program.track == "move_on"


@pytest.mark.usefixtures("interactive", "mini")
def test_harm_closes_reconnecting_without_the_harassment_note(runner: CliRunner) -> None:
    run = recover(runner, "start", input="3\n\ny\n2\nn\nn\nn\n")
    assert "Screen closed" in run.err and "harassment" not in run.err
    assert "Harmed: not your fault." in run.err
    assert "Own behaviour" not in run.err  # someone harmed is never asked for their part
    assert "Go on to Step 1 now? [Y/n]" in run.err and "Space read" not in run.err
    assert "Find A Helpline" in run.err
    assert safety.closed_reasons(saved()) == ["harm"]
    assert saved().safety.screenings[0].answers[0].how_often == "a_few_times"


@pytest.mark.usefixtures("interactive", "mini")
def test_crisis_language_saves_the_answer_and_stops_coaching(runner: CliRunner) -> None:
    run = recover(runner, "start", input=CLEAR_ONBOARDING + "1\nsome nights I want to die\n")
    assert run.code == 0
    assert "You matter; please reach out now." in run.err
    assert "Samaritans" in run.err
    assert "Well done" not in run.err and "Next:" not in run.err
    profile = saved()
    assert values(profile, "1a.hardest") == ["some nights I want to die"]
    assert "1a" not in profile.program.sessions_done


@pytest.mark.usefixtures("interactive", "mini")
def test_a_breakup_date_that_cannot_be_read_is_asked_again(runner: CliRunner) -> None:
    answers = "2\nlast spring\nyesterday\nn\nn\nn\n" + STEP_ONE + "n\n"
    run = recover(runner, "start", input=answers)
    assert run.code == 0, run.err
    assert "Please type a date like 2025-03-15" in run.err
    assert saved().onboarding.breakup_on == clock.today() - timedelta(days=1)
    assert saved().settings.region == "US"


@pytest.mark.usefixtures("interactive", "mini")
def test_switching_to_move_on_takes_effect_at_once(runner: CliRunner) -> None:
    recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + "n\n")
    run = recover(runner, "start", "--track", "move-on", input="n\n")
    assert "You're on the move-on path now." in run.err
    assert saved().program.track == "move_on"
    assert recover(runner, "start", "--track", "sideways").code == 2


@pytest.mark.usefixtures("interactive", "mini")
def test_after_no_reply_start_offers_move_on_and_never_a_second_message(
    runner: CliRunner,
) -> None:
    recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + "n\n")
    with storage.transaction(TODAY) as tx:
        program = tx.profile.program
        for session in ("2a", "2b", "3a", "4a", "5a"):
            program.sessions_done[session] = clock.today()
        program.reply = "none"
    run = recover(runner, "start", input="y\nstarting fresh\nn\n")
    assert "Step 6: Talk stays closed." in run.err and "not open yet" not in run.err
    assert "Take the move-on path now? [y/N]" in run.err
    assert "Move on · New beginning" in run.err
    assert values(saved(), "mo1.new") == ["starting fresh"]
    again = recover(runner, "start", "--step", "5")
    assert again.code == 1 and "won't help send another message" in again.err


@pytest.mark.usefixtures("interactive", "mini")
def test_a_message_not_sent_yet_waits_for_its_reply_without_recording_one(
    runner: CliRunner,
) -> None:
    recover(runner, "start", input=CLEAR_ONBOARDING + STEP_ONE + "n\n")
    with storage.transaction(TODAY) as tx:
        for session in ("2a", "2b", "3a", "4a"):
            tx.profile.program.sessions_done[session] = clock.today()
        tx.profile.no_contact.started_on = clock.today() - timedelta(days=40)
    run = recover(runner, "start", input="n\nhello, hope you're well\n5\n")
    assert "Answer the safety questions again first? [Y/n]" in run.err
    assert run.code == 0 and "Send it when you're ready" in run.err
    assert saved().program.reply is None
    again = recover(runner, "start", input="1\nn\n")
    assert "Draft one light message." not in again.err
    assert saved().program.reply == "warm"


# --- the real content, end to end ----------------------------------------------------------


def asks_nothing(beat: ChooseBeat | CommitBeat | ActionBeat, situation: Situation) -> bool:
    """Actions that ask nothing; choosing a path asks nothing once reconnecting is closed."""
    if not isinstance(beat, ActionBeat):
        return False
    if beat.action == "choose_track":
        return situation != "clear"
    return beat.action in ("begin_no_contact", "finish_program")


def scripted(
    session: Session, listed: set[str], items: dict[str, int], situation: Situation = "clear"
) -> str:
    """Plain answers for every question a person in this situation meets in a session,
    whatever the content's wording."""
    lines: list[str] = []
    for beat in session.beats:
        if not content_module.shown_to(beat, situation):
            continue
        if isinstance(beat, ReflectBeat | PlanBeat):
            for _ in range(items.get(beat.for_each or "", 1)):
                if isinstance(beat, PlanBeat):
                    lines += ["a small plan"] * len(beat.fields)
                elif f"{session.id}.{beat.id}" in listed:
                    lines += ["something I mean", "and another thing", ""]
                else:
                    lines.append("something I mean")
        elif isinstance(beat, ChooseBeat | CommitBeat | ActionBeat) and not asks_nothing(
            beat, situation
        ):
            lines.append("1")  # a numbered choice: the first option
    return "".join(f"{line}\n" for line in lines)


@pytest.mark.usefixtures("interactive")
def test_the_real_content_walks_from_onboarding_through_step_four(runner: CliRunner) -> None:
    real = content_module.load()
    listed = reflections.listed_sources(real)
    # How many items each answer names when scripted: one pick, or two lines of a list.
    items = {
        f"{session.id}.{beat.id}": 2 if f"{session.id}.{beat.id}" in listed else 1
        for part in real.steps
        for session in part.sessions
        for beat in session.beats
        if isinstance(beat, ReflectBeat)
    }
    screen = "n\n" * len(real.onboarding.screen.questions)
    steps = [session for part in real.steps[:4] for session in part.sessions]
    script = "y\n".join(scripted(s, listed, items) for s in steps)
    run = recover(runner, "start", input="1\n2 weeks ago\n" + screen + script)
    assert run.code == 0, run.err[-3000:]
    profile = saved()
    assert set(profile.program.sessions_done) == {s.id for s in steps}
    assert profile.no_contact.started_on == clock.today()
    assert profile.program.position is None and profile.program.track == "reconnect"
    assert len(profile.reflections) >= len(steps)
    assert "Step 5: " in run.err and "is not open yet." in run.err


@pytest.mark.usefixtures("interactive")
def test_the_real_content_walks_the_reconnect_path_to_the_final_thoughts(
    runner: CliRunner,
) -> None:
    real = content_module.load()
    listed = reflections.listed_sources(real)
    with storage.transaction(TODAY) as tx:
        profile = tx.profile
        profile.onboarding.completed_on = clock.today() - timedelta(days=41)
        for part in real.steps[:4]:
            for session in part.sessions:
                profile.program.sessions_done[session.id] = clock.today() - timedelta(days=1)
        profile.no_contact.started_on = clock.today() - timedelta(days=40)
    later = [s for part in real.steps[4:] for s in part.sessions] + list(real.final.sessions)
    # Each reply and outcome question picks its first answer: warm, then "let's try".
    script = "y\n".join(scripted(s, listed, {}) for s in later)
    screen_again = "y\n" + "n\n" * len(real.onboarding.screen.questions)  # before Step 5
    run = recover(runner, "start", input=screen_again + script)
    assert run.code == 0, run.err[-3000:]
    assert "Before you reach out" in run.err and "[Y/n]" in run.err
    profile = saved()
    assert len(profile.safety.screenings) == 1 and not safety.reconnect_closed(profile)
    assert (profile.program.reply, profile.program.conversation) == ("warm", "lets_try")
    assert set(profile.program.sessions_done) >= {s.id for s in later}
    assert profile.program.finished_on == clock.today()
    last = real.final.sessions[-1]
    final_question = [b for b in last.beats if content_module.shown_to(b, "clear")][-2]
    assert isinstance(final_question, ReflectBeat)
    assert values(profile, f"{real.final.sessions[-1].id}.{final_question.id}") == [
        "something I mean"
    ]


@pytest.mark.usefixtures("interactive")
def test_the_real_content_walks_the_move_on_path_to_the_final_thoughts(runner: CliRunner) -> None:
    real = content_module.load()
    listed = reflections.listed_sources(real)
    with storage.transaction(TODAY) as tx:
        profile = tx.profile
        profile.onboarding.completed_on = clock.today()
        for part in real.steps[:4]:
            for session in part.sessions:
                profile.program.sessions_done[session.id] = clock.today()
    later = [*real.move_on.sessions, *real.final.sessions]
    script = "y\n".join(scripted(s, listed, {}) for s in later)
    run = recover(runner, "start", "--track", "move-on", input=script)
    assert run.code == 0, run.err[-3000:]
    profile = saved()
    assert profile.program.track == "move_on" and profile.program.reply is None
    assert set(profile.program.sessions_done) >= {s.id for s in later}
    assert profile.program.finished_on == clock.today()


def test_every_action_content_can_name_has_a_step_that_runs_it() -> None:
    from typing import get_args

    from recover_coach.cli import session_runner
    from recover_coach.content_models import Action

    assert set(session_runner.ACTIONS) == set(get_args(Action))


# --- after crisis language ------------------------------------------------------------------


@pytest.mark.usefixtures("interactive")
def test_an_answer_that_brought_the_crisis_response_is_never_praised_or_walked_through(
    runner: CliRunner,
) -> None:
    # Issue 6: "Something else" in Step 3 held a sentence about killing oneself. The next
    # `recover start` said "Well done" and Step 4 listed that sentence as a reason to work on.
    real = content_module.load()
    listed = reflections.listed_sources(real)
    with storage.transaction(TODAY) as tx:
        profile = tx.profile
        profile.settings.region = "GB"
        profile.onboarding.completed_on = clock.today()
        for part in real.steps[:2]:
            for session in part.sessions:
                profile.program.sessions_done[session.id] = clock.today()
    _, why = real.session("3a")
    reasons = next(b for b in why.beats if getattr(b, "id", None) == "reasons")
    assert isinstance(reasons, ChooseBeat)
    before = Session(id="3a", title="", minutes=1, beats=why.beats[: why.beats.index(reasons)])
    something_else = len(reasons.options) + 1
    crisis_text = "I keep thinking about killing myself"
    first = recover(
        runner,
        "start",
        input=scripted(before, listed, {}) + f"1,{something_else}\n{crisis_text}\n",
    )
    assert first.code == 0, first.err[-3000:]
    assert "Samaritans" in first.err
    assert "Well done" not in first.err and "Next:" not in first.err
    saved_reason = next(r for r in saved().reflections if r.key == "3a.reasons").entries[-1]
    assert crisis_text in saved_reason.value and saved_reason.crisis

    # The next run asks gently whether to go on now or later, and never praises.
    rest = why.beats[why.beats.index(reasons) + 1 :]
    rest_of_3a = Session(id="3a", title="", minutes=1, beats=rest) if rest else None
    later = [s for p in real.steps[2:4] for s in p.sessions if s.id != "3a"][:2]  # 3b, 4a
    # First a gentle "how are you right now?" (1: a little better), asked once.
    script = "1\ny\n" + (scripted(rest_of_3a, listed, {}) if rest_of_3a else "") + "y\n"
    script += "y\n".join(scripted(s, listed, {"3a.reasons": 0}) for s in later) + "n\n"
    second = recover(runner, "start", input=script)
    assert "Well done" not in second.err
    assert second.code == 0, second.err[-3000:]
    assert "Carry on" in second.err and "now?" in second.err
    assert second.err.count("How are you") == 1
    assert crisis_text not in second.err  # never recalled, listed or walked through
    assert not [r.key for r in saved().reflections if "killing" in r.key]
    assert {"3a", "3b", "4a"} <= set(saved().program.sessions_done)


@pytest.mark.usefixtures("interactive", "mini")
def test_after_crisis_language_the_next_run_asks_gently_whether_to_go_on_now_or_later(
    runner: CliRunner,
) -> None:
    recover(runner, "start", input=CLEAR_ONBOARDING + "1\nsome nights I want to die\n")
    [entry] = next(r for r in saved().reflections if r.key == "1a.hardest").entries
    assert entry.crisis
    # How are you right now (2: about the same), then Enter: the default, later.
    later = recover(runner, "start", input="2\n\n")
    assert later.code == 0, later.err
    assert "you wrote something that sounded very painful. How are you right now?" in later.err
    assert later.err.count("How are you") == 1  # asked once, not again by the session
    assert "Carry on with “Why space” now? Later is fine too. [y/N]" in later.err
    assert "`recover start` picks it up" in later.err and "Next:" not in later.err
    now = recover(runner, "start", input="y\nn\n")
    assert now.code == 0, now.err
    assert "“Why space” is saved. There's no hurry with what comes next." in now.err
    assert "Well done" not in now.err
    assert "1a" in saved().program.sessions_done
