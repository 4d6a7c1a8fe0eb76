"""The program's rules: what comes next, gates, tracks, respecting "no", and answers over time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from recover_coach import content as content_module
from recover_coach import gates, journal, program, reflections, safety, settings
from recover_coach.content_models import (
    ClosedReason,
    Content,
    PlanBeat,
    ReflectBeat,
    ScreenQuestion,
)
from recover_coach.errors import RecoverError, UsageError
from recover_coach.models import Position, Profile, Slip

MINI = Path(__file__).parent / "fixtures" / "content-mini"
TODAY = date(2026, 3, 10)
AT = datetime(2026, 3, 10, 21, 30, tzinfo=UTC)


@pytest.fixture
def mini(monkeypatch: pytest.MonkeyPatch) -> Content:
    monkeypatch.setenv("RECOVER_CONTENT", str(MINI))
    return content_module.load()


def finish(profile: Profile, mini: Content, *keys: str) -> None:
    for key in keys:
        for session in mini.part(key).sessions:
            profile.program.sessions_done[session.id] = TODAY


def ready_for_step_five(mini: Content) -> Profile:
    profile = Profile()
    finish(profile, mini, "step1", "step2", "step3", "step4")
    profile.no_contact.started_on = TODAY - timedelta(days=30)
    return profile


def status(profile: Profile, mini: Content, key: str) -> gates.StepStatus:
    return gates.status_of(mini.part(key), profile, mini, TODAY)


def answer_yes(profile: Profile, reason: ClosedReason) -> None:
    """A "yes" on the safety screen, recorded as the screen records it."""
    question = ScreenQuestion(id=f"q-{reason}", text="?", closes_reconnect_as=reason)
    safety.record_answer(profile, question, True, TODAY)
    safety.finish(profile, TODAY)


# --- what comes next -------------------------------------------------------------------------


def test_a_fresh_profile_starts_with_the_first_session_of_step_one(mini: Content) -> None:
    upcoming = program.where_next(Profile(), mini, TODAY)
    assert upcoming.session is not None
    assert (upcoming.session.session, upcoming.session.beat) == ("1a", 0)
    assert program.current_part_key(Profile(), mini, TODAY) == "step1"


def test_an_unfinished_session_resumes_at_the_saved_beat_and_item(mini: Content) -> None:
    profile = Profile()
    finish(profile, mini, "step1")
    profile.program.position = Position(session="2a", beat=1, item=0)
    ref = program.where_next(profile, mini, TODAY).session
    assert ref is not None and (ref.session, ref.beat) == ("2a", 1)


def test_a_step_with_two_sessions_continues_with_its_second(mini: Content) -> None:
    profile = Profile()
    finish(profile, mini, "step1")
    profile.program.sessions_done["2a"] = TODAY
    ref = program.where_next(profile, mini, TODAY).session
    assert ref is not None and ref.session == "2b"
    assert status(profile, mini, "step2").status == "open"


def test_steps_open_one_after_another(mini: Content) -> None:
    profile = Profile()
    step2 = status(profile, mini, "step2")
    assert step2.status == "locked"
    assert step2.locked_because == ("Finish Step 1 (Space) first.",)
    finish(profile, mini, "step1")
    assert status(profile, mini, "step1").status == "done"
    assert status(profile, mini, "step2").status == "open"


def test_step_five_says_how_many_no_contact_days_are_left(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    profile.no_contact.started_on = TODAY - timedelta(days=12)
    upcoming = program.where_next(profile, mini, TODAY)
    assert upcoming.session is None and upcoming.blocked is not None
    assert upcoming.blocked.locked_because == ("18 more days of no contact (goal 30).",)
    assert upcoming.blocked.meanwhile == "Meanwhile, keep checking in."
    assert not upcoming.propose_move_on


def test_a_slip_restarts_the_days_left_before_step_five(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    profile.no_contact.slips.append(Slip(on=TODAY - timedelta(days=2), recorded_at=AT))
    assert status(profile, mini, "step5").locked_because == (
        "28 more days of no contact (goal 30).",
    )


def test_step_five_waits_for_steps_one_to_four(mini: Content) -> None:
    profile = Profile()
    profile.no_contact.started_on = TODAY - timedelta(days=40)
    finish(profile, mini, "step1", "step2", "step3")
    assert status(profile, mini, "step5").locked_because == ("Finish Steps 1-4 first.",)


def test_step_five_opens_when_the_goal_is_reached_and_all_is_clear(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    ref = program.where_next(profile, mini, TODAY).session
    assert ref is not None and ref.session == "5a"


def test_a_longer_goal_keeps_step_five_closed_longer(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    profile.settings.goal_days = 45
    assert status(profile, mini, "step5").locked_because == (
        "15 more days of no contact (goal 45).",
    )


def test_a_closed_safety_screen_keeps_reconnecting_closed_at_any_streak(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    answer_yes(profile, "ex_asked_no_contact")
    step5 = status(profile, mini, "step5")
    assert step5.locked_because == (
        "Closed by the safety questions.",
        "They asked for no contact.",
    )
    assert step5.closed_for_good and step5.meanwhile == gates.MOVE_ON_OPEN
    assert program.where_next(profile, mini, TODAY).propose_move_on
    with pytest.raises(RecoverError, match="Step 5 stays closed") as refused:
        program.revisit(profile, mini, TODAY, 5)
    assert "not open yet" not in str(refused.value)
    assert "--track move-on" in str(refused.value)


def test_a_closed_step_never_counts_down_to_itself(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    profile.no_contact.started_on = TODAY - timedelta(days=3)  # 27 days short of the goal
    answer_yes(profile, "harm")
    # The mini content's Steps 6 and 7 forget the safety condition: they close all the same.
    for key in ("step5", "step6", "step7"):
        closed = status(profile, mini, key)
        expected = "Closed by the safety questions." if key == "step5" else gates.SAFETY_CLOSED
        assert closed.closed_for_good, key
        assert closed.locked_because == (expected,), key
        assert not any("days" in reason for reason in closed.locked_because), key
        assert closed.as_json()["closed_for_good"] is True
    assert status(profile, mini, "step2").as_json().get("closed_for_good") is None


def test_a_step_that_waits_is_not_closed_for_good(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    profile.no_contact.started_on = TODAY - timedelta(days=3)
    step5 = status(profile, mini, "step5")
    assert step5.status == "locked" and not step5.closed_for_good
    assert step5.as_json()["closed_for_good"] is False


def test_the_move_on_track_skips_steps_five_to_seven_and_ends_with_the_final(mini: Content) -> None:
    profile = Profile()
    finish(profile, mini, "step1", "step2", "step3", "step4")
    assert program.switch_track(profile, mini, "move_on", TODAY)
    assert profile.program.track_changed_on == TODAY
    ref = program.where_next(profile, mini, TODAY).session
    assert ref is not None and ref.part == "move_on"
    assert status(profile, mini, "step5").locked_because == (gates.MOVE_ON_CHOSEN,)
    finish(profile, mini, "move_on")
    ref = program.where_next(profile, mini, TODAY).session
    assert ref is not None and ref.part == "final"
    finish(profile, mini, "final")
    assert program.where_next(profile, mini, TODAY).finished


def test_the_move_on_part_is_offered_not_required_on_the_reconnect_track(mini: Content) -> None:
    move_on = status(Profile(), mini, "move_on")
    assert move_on.status == "locked"
    assert "--track move-on" in move_on.locked_because[0]


def test_switching_back_to_reconnect_is_refused_once_safety_closed_it(mini: Content) -> None:
    profile = Profile()
    answer_yes(profile, "harm")
    program.switch_track(profile, mini, "move_on", TODAY)
    with pytest.raises(RecoverError, match="keep you safe"):
        program.switch_track(profile, mini, "reconnect", TODAY)
    assert profile.program.track == "move_on"
    step5 = status(profile, mini, "step5")
    assert step5.locked_because == ("Closed by the safety questions.",)
    assert step5.closed_for_good and step5.meanwhile == gates.MOVE_ON_GOES_ON


def test_switching_track_forgets_an_unfinished_session_of_the_other_track(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    profile.program.position = Position(session="5a", beat=1)
    program.switch_track(profile, mini, "move_on", TODAY)
    assert profile.program.position is None
    profile = Profile()
    profile.program.position = Position(session="2a", beat=1)
    program.switch_track(profile, mini, "move_on", TODAY)
    assert profile.program.position == Position(session="2a", beat=1)


def test_no_reply_proposes_move_on_and_step_five_is_never_redone(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    finish(profile, mini, "step5")
    program.record_reply(profile, "none")
    upcoming = program.where_next(profile, mini, TODAY)
    assert upcoming.blocked is not None and upcoming.blocked.key == "step6"
    assert upcoming.blocked.locked_because == (gates.AFTER_SILENCE,)
    assert upcoming.blocked.closed_for_good
    assert upcoming.propose_move_on
    with pytest.raises(RecoverError, match="won't help send another message"):
        program.revisit(profile, mini, TODAY, 5)


def test_a_short_reply_keeps_step_six_closed_without_forbidding_step_five(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    finish(profile, mini, "step5")
    program.record_reply(profile, "short")
    assert status(profile, mini, "step6").status == "locked"
    assert not status(profile, mini, "step6").closed_for_good
    assert not program.where_next(profile, mini, TODAY).propose_move_on
    assert program.revisit(profile, mini, TODAY, 5).session == "5a"


def test_a_warm_reply_opens_step_six_and_a_no_closes_the_rest(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    finish(profile, mini, "step5")
    program.record_reply(profile, "warm")
    assert status(profile, mini, "step6").status == "open"
    finish(profile, mini, "step6")
    program.record_conversation(profile, "no")
    step7 = status(profile, mini, "step7")
    assert step7.locked_because == (gates.AFTER_NO,) and step7.closed_for_good
    assert program.where_next(profile, mini, TODAY).propose_move_on
    with pytest.raises(RecoverError, match="respects that"):
        program.revisit(profile, mini, TODAY, 6)


def test_lets_try_opens_step_seven(mini: Content) -> None:
    profile = ready_for_step_five(mini)
    finish(profile, mini, "step5", "step6")
    program.record_reply(profile, "warm")
    program.record_conversation(profile, "lets_try")
    ref = program.where_next(profile, mini, TODAY).session
    assert ref is not None and ref.session == "7a"


# --- revisiting ------------------------------------------------------------------------------


def test_revisiting_a_done_step_starts_at_its_first_session(mini: Content) -> None:
    profile = Profile()
    finish(profile, mini, "step1", "step2")
    ref = program.revisit(profile, mini, TODAY, 2)
    assert (ref.session, ref.beat) == ("2a", 0)
    after = program.after_session(ref, profile, mini, TODAY, revisiting=True)
    assert after.session is not None and after.session.session == "2b"


def test_revisiting_a_locked_step_says_what_is_pending(mini: Content) -> None:
    with pytest.raises(RecoverError) as caught:
        program.revisit(Profile(), mini, TODAY, 3)
    assert "Step 3 is not open yet: Finish Step 2 (Heal) first." in str(caught.value)


def test_revisit_takes_only_step_numbers(mini: Content) -> None:
    with pytest.raises(UsageError, match="--step takes a step number from 1 to 7"):
        program.revisit(Profile(), mini, TODAY, 9)


# --- answers ---------------------------------------------------------------------------------


def test_answering_again_adds_a_dated_entry_and_keeps_the_first(mini: Content) -> None:
    profile = Profile()
    reflections.record_answer(profile, "1a.hardest", 1, "What will be hardest?", "nights", AT)
    later = AT + timedelta(days=3)
    reflections.record_answer(profile, "1a.hardest", 1, "What will be hardest?", "mornings", later)
    assert len(profile.reflections) == 1
    entries = profile.reflections[0].entries
    assert [(e.at, e.value) for e in entries] == [(AT, "nights"), (later, "mornings")]
    latest = reflections.latest(profile, "1a.hardest")
    assert latest is not None and latest.value == "mornings"


def test_for_each_asks_once_per_chosen_label_and_own_words(mini: Content) -> None:
    profile = Profile()
    reflections.record_answer(
        profile, "3a.reasons", 3, "What played a part?", ["Poor communication", "Money worries"], AT
    )
    _, session = mini.session("4a")
    beat = session.beats[1]
    assert isinstance(beat, ReflectBeat)
    assert reflections.expand_for_each("4a", beat, profile) == [
        ("Poor communication", "4a.change.poor-communication"),
        ("Money worries", "4a.change.money-worries"),
    ]
    assert reflections.item_prompt(beat.prompt, "Money worries") == (
        "What will you do differently about Money worries?"
    )


def test_for_each_walks_the_lines_of_a_written_answer(mini: Content) -> None:
    profile = Profile()
    reflections.record_answer(profile, "3a.reasons", 3, "p", "I shouted\n\n  I sulked  \n", AT)
    beat = mini.session("4a")[1].beats[1]
    assert isinstance(beat, ReflectBeat)
    items = [item for item, _ in reflections.expand_for_each("4a", beat, profile)]
    assert items == ["I shouted", "I sulked"]


def test_for_each_over_a_skipped_question_asks_nothing(mini: Content) -> None:
    beat = mini.session("4a")[1].beats[1]
    assert isinstance(beat, ReflectBeat)
    assert reflections.expand_for_each("4a", beat, Profile()) == []


def test_items_with_the_same_slug_keep_separate_answers(mini: Content) -> None:
    profile = Profile()
    reflections.record_answer(profile, "3a.reasons", 3, "p", ["Time!", "time"], AT)
    beat = mini.session("4a")[1].beats[1]
    assert isinstance(beat, ReflectBeat)
    keys = [key for _, key in reflections.expand_for_each("4a", beat, profile)]
    assert keys == ["4a.change.time", "4a.change.time-2"]


@pytest.mark.parametrize(
    ("item", "slug"),
    [
        ("Poor communication", "poor-communication"),
        ("Jealousy / trust issues", "jealousy-trust-issues"),
        ("Café talks", "cafe-talks"),
        ("x" * 90, "x" * 40),
    ],
)
def test_item_slugs_are_readable(item: str, slug: str) -> None:
    assert reflections.item_slug(item) == slug
    assert reflections.answer_key("4a", "change", item) == f"4a.change.{slug}"


def test_an_item_without_latin_letters_still_gets_a_stable_key() -> None:
    slug = reflections.item_slug("嫉妒")
    assert slug.startswith("item-") and slug == reflections.item_slug("嫉妒")
    assert slug != reflections.item_slug("沟通")


def test_recall_shows_the_latest_entry_of_each_item_of_a_for_each_answer() -> None:
    profile = Profile()
    reflections.record_answer(profile, "4a.change.time", 4, "About time?", "old", AT)
    reflections.record_answer(profile, "4a.change.time", 4, "About time?", "new", AT + timedelta(1))
    reflections.record_answer(profile, "4a.change.money", 4, "About money?", "budget", AT)
    reflections.record_answer(profile, "4a.changed", 4, "Unrelated", "no", AT)
    shown = [
        (prompt, answer.value) for prompt, answer in reflections.recall(profile, ["4a.change"])
    ]
    assert shown == [("About time?", "new"), ("About money?", "budget")]


def test_an_answer_that_held_crisis_language_is_kept_but_never_used_again(mini: Content) -> None:
    profile = Profile()
    reflections.record_answer(profile, "3a.reasons", 3, "p", ["Jealousy"], AT)
    later = AT + timedelta(days=1)
    reflections.record_answer(profile, "3a.reasons", 3, "p", ["I want to die"], later, crisis=True)
    entries = profile.reflections[0].entries
    assert [e.crisis for e in entries] == [False, True]  # kept: it is the person's own
    found = reflections.latest(profile, "3a.reasons")  # "Last time": the answer before it
    assert found is not None and found.value == ["Jealousy"]
    beat = mini.session("4a")[1].beats[1]
    assert isinstance(beat, ReflectBeat)
    assert [item for item, _ in reflections.expand_for_each("4a", beat, profile)] == ["Jealousy"]
    assert [a.value for _, a in reflections.recall(profile, ["3a.reasons"])] == [["Jealousy"]]


def test_a_question_answered_only_with_crisis_language_has_nothing_to_walk_through(
    mini: Content,
) -> None:
    profile = Profile()
    reflections.record_answer(profile, "3a.mine", 3, "p", "I want to die", AT, crisis=True)
    reflections.record_answer(profile, "4a.change.x", 4, "p", "kill myself", AT, crisis=True)
    beat = mini.session("4a")[1].beats[2]
    assert isinstance(beat, PlanBeat)
    assert reflections.latest(profile, "3a.mine") is None
    assert reflections.expand_for_each("4a", beat, profile) == []
    assert reflections.recall(profile, ["3a.mine", "4a.change"]) == []


def test_a_session_remembers_it_stopped_at_crisis_language_until_answered_again() -> None:
    profile = Profile()
    reflections.record_answer(profile, "3a.why", 3, "p", "we drifted", AT)
    assert not reflections.stopped_at_crisis(profile, "3a")
    reflections.record_answer(profile, "3a.reasons", 3, "p", ["x"], AT + timedelta(1), crisis=True)
    assert reflections.stopped_at_crisis(profile, "3a") and reflections.held_crisis(profile, "3a")
    assert not reflections.stopped_at_crisis(profile, "3b")
    reflections.record_answer(profile, "3a.more", 3, "p", "calmer now", AT + timedelta(2))
    assert not reflections.stopped_at_crisis(profile, "3a")
    assert reflections.held_crisis(profile, "3a")  # the session still ends without praise


def test_the_questions_a_later_step_walks_through_take_a_list(mini: Content) -> None:
    assert reflections.listed_sources(mini) == {"3a.reasons", "3a.mine"}


def test_a_session_ends_with_its_first_completion_date_kept(mini: Content) -> None:
    profile = Profile()
    profile.program.sessions_done["1a"] = TODAY - timedelta(days=5)
    profile.program.position = Position(session="1a", beat=3)
    ref = program.revisit(profile, mini, TODAY, 1)
    program.complete_session(profile, ref, TODAY)
    assert profile.program.sessions_done["1a"] == TODAY - timedelta(days=5)
    assert profile.program.position is None


# --- actions ---------------------------------------------------------------------------------


def test_step_one_begins_no_contact_today_but_keeps_a_running_period() -> None:
    profile = Profile()
    assert program.begin_no_contact(profile, TODAY)
    assert profile.no_contact.started_on == TODAY
    assert not program.begin_no_contact(profile, TODAY + timedelta(days=4))
    assert profile.no_contact.started_on == TODAY


def test_finishing_twice_keeps_the_first_date() -> None:
    profile = Profile()
    program.finish(profile, TODAY)
    program.finish(profile, TODAY + timedelta(days=1))
    assert profile.program.finished_on == TODAY


# --- progress, journal, settings -------------------------------------------------------------


def test_progress_reports_the_current_step_days_and_next_session(mini: Content) -> None:
    profile = Profile()
    finish(profile, mini, "step1")
    profile.no_contact.started_on = TODAY - timedelta(days=4)
    report = program.progress(profile, mini, TODAY).as_json()
    assert report["current_step"] == 2
    assert report["no_contact_days"] == 4
    assert report["next_session"]["session"] == "2a"
    assert [s["status"] for s in report["steps"][:3]] == ["done", "open", "locked"]
    assert report["steps"][2]["locked_because"] == ["Finish Step 2 (Heal) first."]


def test_the_journal_groups_answers_by_step_with_every_entry() -> None:
    profile = Profile()
    reflections.record_answer(profile, "2a.person", 2, "Who?", "kind", AT)
    reflections.record_answer(profile, "1a.hardest", 1, "Hardest?", "nights", AT)
    reflections.record_answer(profile, "2a.person", 2, "Who?", "kinder", AT + timedelta(days=1))
    reflections.record_answer(profile, "checkin.2026-03-10", 2, "What helped?", "a walk", AT)
    groups = journal.by_step(profile, {1: "Space", 2: "Heal"})
    assert [(g.number, g.title) for g in groups] == [(1, "Space"), (2, "Heal")]
    data = journal.as_json(groups)
    person = data["steps"][1]["reflections"][0]
    assert [e["value"] for e in person["entries"]] == ["kind", "kinder"]
    assert data["steps"][1]["reflections"][1]["key"] == "checkin.2026-03-10"
    assert [g.number for g in journal.by_step(profile, {}, step=1)] == [1]


def test_the_journal_refuses_a_step_that_does_not_exist() -> None:
    with pytest.raises(UsageError, match=r"from 0 .* to 8"):
        journal.by_step(Profile(), {}, step=9)


def test_a_goal_under_three_weeks_is_refused() -> None:
    with pytest.raises(UsageError, match="never under 21"):
        settings.parse_setting("goal_days", "20", None)
    assert settings.parse_setting("goal_days", " 45 ", None) == 45


def test_a_region_must_have_helplines_unless_the_list_is_unavailable() -> None:
    assert settings.parse_setting("region", "gb", {"GB", "US"}) == "GB"
    assert settings.parse_setting("region", "uk", {"GB", "US"}) == "GB"
    assert settings.parse_setting("region", "", {"GB"}) == ""
    with pytest.raises(UsageError, match="region takes one of GB, US"):
        settings.parse_setting("region", "FR", {"GB", "US"})
    assert settings.parse_setting("region", "fr", None) == "FR"
    with pytest.raises(UsageError, match="two-letter"):
        settings.parse_setting("region", "France", None)


def test_an_unknown_setting_lists_the_known_ones() -> None:
    with pytest.raises(UsageError, match="region, goal_days, day_starts_at"):
        settings.parse_setting("colour", "blue", None)
