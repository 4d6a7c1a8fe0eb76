"""The program's content: every point of the guide covered, in our own words, wired together."""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any, get_args

import pytest

from recover_coach import content as content_module
from recover_coach.content_models import (
    ActionBeat,
    ChooseBeat,
    Content,
    Part,
    PlanBeat,
    RecallBeat,
    ReflectBeat,
)
from recover_coach.models import SelfCareItem

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
GUIDE = REPO.parent / "shared" / "guide" / "how-to-get-your-love-back.txt"
OUR_FILES = sorted(
    p for p in CONTENT.rglob("*.toml") if p.name not in ("support.toml", "crisis.toml")
)

STUB_SUPPORT = """
intro = "Support"
crisis_line = "You matter."
[regions]
[[international]]
name = "Find A Helpline"
web = "findahelpline.com"
kind = "directory"
source = "https://findahelpline.com"
last_verified = 2025-01-01
"""
STUB_CRISIS = '[[rules]]\nphrase = "end my life"\n'


def write_program_folder(target: Path) -> Path:
    """A copy of the shipped program content, with stand-in support and crisis files.

    Those two belong to the safety work and are tested there; stubbing them keeps these
    tests about the program itself.
    """
    shutil.copytree(CONTENT, target)
    (target / "support.toml").write_text(STUB_SUPPORT, encoding="utf-8")
    (target / "crisis.toml").write_text(STUB_CRISIS, encoding="utf-8")
    return target


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Content]:
    monkeypatch.setenv("RECOVER_CONTENT", str(write_program_folder(tmp_path / "content")))
    content_module.load.cache_clear()
    yield content_module.load()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "").replace("'", "")
    return re.sub(r"[^\w\s]", " ", text).split()


def _flat(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _beats(part: Part) -> list[Any]:
    return [beat for session in part.sessions for beat in session.beats]


def _seen(beats: list[Any], situation: str) -> list[Any]:
    """The beats someone in this situation meets (a beat naming no situations is for all)."""
    return [b for b in beats if b.situations is None or situation in b.situations]


def _beat(program: Content, key: str) -> Any:
    session_id, beat_id = key.split(".")
    _, session = program.session(session_id)
    return next(beat for beat in session.beats if getattr(beat, "id", None) == beat_id)


# --- our own words ----------------------------------------------------------------------


def test_the_shipped_program_content_passes_the_check(tmp_path: Path) -> None:
    assert content_module.check(write_program_folder(tmp_path / "content")) == []


def test_the_shipped_folder_passes_the_check_with_the_real_support_files() -> None:
    assert content_module.check(CONTENT) == []


# The guide is kept beside the repository (../shared/), not in it: a clone on its own skips these.
needs_guide = pytest.mark.skipif(not GUIDE.exists(), reason=f"the guide is not at {GUIDE}")


@needs_guide
def test_no_run_of_eight_words_is_copied_from_the_guide() -> None:
    guide = _words(GUIDE.read_text(encoding="utf-8"))
    guide_runs = {tuple(guide[i : i + 8]) for i in range(len(guide) - 7)}
    copied = []
    for path in OUR_FILES:
        for text in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            words = _words(text)
            copied += [
                f"{path.name}: {' '.join(words[i : i + 8])}"
                for i in range(len(words) - 7)
                if tuple(words[i : i + 8]) in guide_runs
            ]
    assert copied == []


@needs_guide
def test_the_copy_check_would_catch_a_copied_sentence() -> None:
    guide = _words(GUIDE.read_text(encoding="utf-8"))
    runs = {tuple(guide[i : i + 8]) for i in range(len(guide) - 7)}
    pasted = _words("Think of it like a wound: if you keep touching it, it can’t heal.")
    assert any(tuple(pasted[i : i + 8]) in runs for i in range(len(pasted) - 7))


# --- every point of the guide ------------------------------------------------------------

# (guide point, where, what). `where` is an answer key ("3a.reasons"): its option, pledge or
# field ids must include `what`, or its wording must contain it. Otherwise `where` is a
# part key, "onboarding" or "unhealthy", and its text must contain `what`.
COVERAGE = [
    ("intro: no sleep, checking the phone, every song", "onboarding", "every song"),
    ("intro: you are not alone", "onboarding", "far from alone"),
    ("intro: rebuilding is possible if done right", "onboarding", "can be rebuilt"),
    ("step1: urge to call, text or show up", "step1", "go round to where they live"),
    ("step1: constant early contact makes it worse", "step1", "tends to make things harder"),
    ("step1: the wound that can't heal if touched", "step1", "like a cut"),
    ("step1: both calm down", "step1", "both of you time for the strong feelings to settle"),
    ("step1: think clearly", "step1", "clearer head"),
    ("step1: respect their boundaries", "step1", "respect their limits"),
    ("step1: no contact for a few weeks", "step1", "a few weeks"),
    ("step1 rule: no texting or calling", "1b.pledges", "no_texts_calls"),
    ("step1 rule: no social media checking", "1b.pledges", "no_social_checking"),
    ("step1 rule: no late-night messages", "1b.pledges", "no_late_night"),
    ("step1: no asking friends about them", "1b.pledges", "no_asking_friends"),
    ("step1: not giving up", "step1", "not giving up"),
    ("step1: room to breathe", "step1", "gives whatever is between you some air"),
    ("step2: start with you", "step2", "the place to begin is you"),
    ("step2: easy to blame yourself", "step2", "turn on themselves"),
    ("step2: feeling not good enough", "step2", "weren't enough"),
    ("step2: mind, body and heart", "step2", "your mind, your body and your heart"),
    ("step2 question: who I want to be if we reconnect", "2a.who", "if you and your ex ever"),
    ("step2 list: sleep and real food", "2b.selfcare", "sleep"),
    ("step2 list: sleep and real food", "2b.selfcare", "food"),
    ("step2 list: move your body", "2b.selfcare", "movement"),
    ("step2 list: supportive friends or family", "2b.selfcare", "people"),
    ("step2 list: a hobby", "2b.selfcare", "enjoyable"),
    ("step2: happiness and confidence show to everyone", "step2", "everyone around you"),
    ("step3: understand why it fell apart", "step3", "why the old version came apart"),
    ("step3: not 'how do I get them back fast'", "step3", "how to win them back quickly"),
    ("step3 question: why did we break up", "3a.why", "why do you think the two of you"),
    ("step3 question: what can I learn", "3a.why", "what could you learn from it"),
    ("step3 reason: poor communication", "3a.reasons", "poor_communication"),
    ("step3 reason: jealousy or trust", "3a.reasons", "jealousy_trust"),
    ("step3 reason: arguments or disrespect", "3a.reasons", "arguments_disrespect"),
    ("step3 reason: lack of time or attention", "3a.reasons", "time_attention"),
    ("step3 reason: family or outside pressure", "3a.reasons", "outside_pressure"),
    ("step3: be brutally honest", "step3", "real honesty"),
    ("step3 question: ignore their needs", "3b.own_part", "ignored_needs"),
    ("step3 question: anger instead of listening", "3b.own_part", "anger"),
    ("step3 question: take them for granted", "3b.own_part", "took_for_granted"),
    ("step3 question: control or change them", "3b.own_part", "control"),
    ("step3: not about beating yourself up", "step3", "not about tearing yourself down"),
    ("step3: so you don't repeat it, here or anew", "step3", "with someone new"),
    ("step4: make real changes", "step4", "changing it"),
    ("step4 example: jealousy to trust", "step4", "you work on trust"),
    ("step4 example: arguing to calm listening", "step4", "staying calm and hearing them out"),
    ("step4 example: distant to present", "step4", "show up and be there"),
    ("step4: an upgrade, not a fake version", "step4", "made up to win someone over"),
    ("step4: a better partner in general", "step4", "kinder, steadier partner"),
    ("step4 question: back together tomorrow", "4b.tomorrow", "what would you do differently"),
    ("step4: start now while apart", "4b.start_now", "begin now, while you're apart"),
    ("step5: after time apart and healing", "step5", "you've started to heal"),
    ("step5: reach out carefully", "step5", "reach out, carefully"),
    ("step5: no emotional speeches", "step5", "not with a long, emotional letter"),
    ("step5 sample: hope you're well, saying hi", "step5", "you crossed my mind"),
    ("step5 sample: been thinking, how are you", "step5", "how you've been"),
    ("step5 tip 1: calm and casual", "5b.tips", "calm_casual"),
    ("step5 tip 2: no begging, blaming, arguing", "5b.tips", "no_begging_blaming"),
    ("step5 tip 3: no feelings dump", "5b.tips", "no_feelings_dump"),
    ("step5 tip 4: respect their response", "5b.tips", "respect_response"),
    ("step5: if positive, build slowly", "step5", "grow at its own pace"),
    ("step5: share updates, ask about them", "step5", "share a little of what's going on"),
    ("step6: talk openly if both comfortable", "step6", "you both feel at ease"),
    ("step6 setting: phone call", "6a.setting", "call"),
    ("step6 setting: video call", "6a.setting", "video"),
    ("step6 setting: neutral place", "6a.setting", "neutral_place"),
    ("step6 technique 1: take responsibility", "step6", "take responsibility for your side"),
    ("step6 technique 1: not 'you always'", "6a.i_realize", "you always"),
    ("step6 technique 1: 'I realize I...'", "6a.i_realize", "i realize i"),
    ("step6 technique 1: 'I hurt you when I...'", "6a.i_realize", "i hurt you when i"),
    ("step6 technique 2: listen without interrupting", "step6", "let them finish"),
    ("step6 technique 2: their pain and anger", "step6", "hurt, angry or let down"),
    ("step6 technique 2: don't defend yourself", "step6", "defend yourself"),
    ("step6 technique 3: share what you learned", "6b.learned", "time apart"),
    ("step6 technique 3: 'I didn't listen'", "6b.learned", "didn't really listen"),
    ("step6 technique 3: 'made you feel unimportant'", "6b.learned", "didn't matter"),
    ("step6 technique 4: avoid pressure", "6b.no_pressure", "don't ask for an answer"),
    ("step6 technique 4: no-pressure line", "6b.no_pressure", "whatever you decide"),
    ("step6: maturity and respect", "step6", "maturity"),
    ("step7: staying together, healthier", "step7", "staying together"),
    ("step7: treat it as new, not a repeat", "step7", "new relationship, not a replay"),
    ("step7 focus: clear communication", "7a.focus", "clear_communication"),
    ("step7 focus: small gestures", "7a.focus", "small_gestures"),
    ("step7 focus: consistency", "7a.focus", "consistency"),
    ("step7 focus: patience", "7a.focus", "patience"),
    ("step7: feelings, needs and boundaries", "step7", "what you need, and where your limits"),
    ("step7: kind message, note, how was your day", "step7", "asking how their day went"),
    ("step7: trust rebuilt over time", "step7", "not in a single evening"),
    ("step7: rebuilding after a storm", "step7", "after a storm"),
    ("step7: a stronger foundation", "step7", "firmer base"),
    ("unhealthy: not every relationship should be saved", "unhealthy", "shouldn't be rescued"),
    ("unhealthy: physical abuse", "unhealthy", "hurt physically"),
    ("unhealthy: verbal abuse", "unhealthy", "screamed or sworn at"),
    ("unhealthy: emotional abuse", "unhealthy", "feelings used against you"),
    ("unhealthy: constant cheating or lies", "unhealthy", "cheating or lying that kept"),
    ("unhealthy: deep disrespect or control", "unhealthy", "deeply disrespected, or controlled"),
    ("unhealthy: love yourself and walk away", "unhealthy", "give it to yourself"),
    ("unhealthy: walk away for good", "unhealthy", "leave for good"),
    ("unhealthy: safety first", "unhealthy", "your safety, your mental health and your self"),
    ("final: not just winning someone over", "final", "never only about winning someone back"),
    ("final: healing your heart", "final", "letting your heart heal"),
    ("final: understanding your mistakes", "final", "where you went wrong"),
    ("final: growing wiser", "final", "wiser, kinder version of yourself"),
    ("final: they may see the change and return", "final", "finds their way back"),
    ("final: someone better suited later", "final", "someone who fits you better"),
    ("final: stronger either way", "final", "leave you stronger"),
    ("final question", "f1.next", "if you really loved yourself"),
    ("final: start there, with them or anew", "f1.next", "new beginning"),
    ("move on: someone better suited later", "move_on", "someone who suits you better"),
    ("move on: safety and self-respect first", "move_on", "your self-respect come"),
]


def _searchable(program: Content, where: str) -> tuple[set[str], str]:
    """(ids, flattened text) for an answer key or a whole part/section."""
    if "." in where:
        beat = _beat(program, where)
        items = [
            *getattr(beat, "options", []),
            *getattr(beat, "pledges", []),
            *getattr(beat, "fields", []),
        ]
        return {item.id for item in items}, _flat(" ".join(_strings(beat.model_dump())))
    section = {"onboarding": program.onboarding, "unhealthy": program.unhealthy}.get(where)
    model = section if section is not None else program.part(where)
    return set(), _flat(" ".join(_strings(model.model_dump())))


@pytest.mark.parametrize(("point", "where", "what"), COVERAGE, ids=[c[0] for c in COVERAGE])
def test_every_point_of_the_guide_is_covered(
    program: Content, point: str, where: str, what: str
) -> None:
    ids, text = _searchable(program, where)
    assert what in ids or _flat(what) in text, f"{point}: {what!r} not found in {where}"


# --- the shape of the program ------------------------------------------------------------


def test_steps_one_to_four_are_shared_and_five_to_seven_are_for_reconnecting(
    program: Content,
) -> None:
    assert [part.track for part in program.steps] == ["both"] * 4 + ["reconnect"] * 3
    assert (program.move_on.number, program.move_on.track) == (8, "move_on")
    assert program.final.number == 8


def test_every_step_offers_three_to_five_short_daily_questions(program: Content) -> None:
    for part in [*program.steps, program.move_on]:
        assert 3 <= len(part.daily_questions) <= 5, part.key
        assert all(len(q) <= 80 and q.endswith("?") for q in part.daily_questions), part.key


def test_every_session_takes_a_few_minutes(program: Content) -> None:
    for part in program.parts():
        for session in part.sessions:
            assert 2 <= session.minutes <= 8, session.id


def test_step_one_begins_no_contact_with_pledges_and_a_plan_for_hard_moments(
    program: Content,
) -> None:
    beats = _beats(program.part("step1"))
    for situation in content_module.SITUATIONS:
        actions = [b.action for b in _seen(beats, situation) if isinstance(b, ActionBeat)]
        assert actions == ["begin_no_contact"], situation
    start = next(b for b in _seen(beats, "clear") if isinstance(b, ActionBeat))
    assert "a few weeks" in start.text and "21" in start.text and "30" in start.text
    pledges = {p.id: p.label for p in _beat(program, "1b.pledges").pledges}
    assert {"no_texts_calls", "no_social_checking", "no_late_night", "no_asking_friends"} <= set(
        pledges
    )
    assert "mute" in pledges["no_social_checking"]
    assert any(isinstance(b, PlanBeat) for b in beats)


def test_step_two_self_care_matches_the_daily_check_in_items(program: Content) -> None:
    pledges = {p.id for p in _beat(program, "2b.selfcare").pledges}
    assert pledges == set(get_args(SelfCareItem))


def test_step_three_asks_for_common_reasons_and_the_persons_own_part(program: Content) -> None:
    for key in ("3a.reasons", "3b.own_part"):
        beat = _beat(program, key)
        assert isinstance(beat, ChooseBeat) and beat.multiple and beat.other


def test_step_four_asks_for_one_change_for_each_thing_found_in_step_three(
    program: Content,
) -> None:
    walks = [b for b in _beats(program.part("step4")) if isinstance(b, ReflectBeat | PlanBeat)]
    sources = {b.for_each for b in _seen(walks, "clear") if b.for_each}
    assert sources == {"3a.reasons", "3b.own_part"}
    # Someone who was harmed walks through what they need, never through "their part".
    assert {b.for_each for b in _seen(walks, "harmed") if b.for_each} == {"3b.needs"}
    # A plan shows its prompt once, then each item as a heading; a reflection names the item.
    assert all("{item}" in b.prompt for b in walks if b.for_each and isinstance(b, ReflectBeat))


def test_step_four_ends_the_shared_steps_with_a_free_choice_of_path(program: Content) -> None:
    last = program.part("step4").sessions[-1].beats[-1]
    assert isinstance(last, ActionBeat) and last.action == "choose_track"
    text = _flat(" ".join(_strings(program.part("step4").sessions[-1].model_dump())))
    assert "no wrong answer" in text


def test_step_five_opens_only_when_time_steps_safety_and_their_wishes_allow(
    program: Content,
) -> None:
    gate = program.part("step5").gate
    assert gate is not None
    conditions = {r.condition: r.pending for r in gate.requires}
    assert set(conditions) == {
        "steps_1_to_4_done",
        "no_contact_goal_reached",
        "safety_clear",
        "ex_has_not_asked_for_no_contact",
    }
    assert "{days_left}" in conditions["no_contact_goal_reached"]
    assert "harassment" in conditions["ex_has_not_asked_for_no_contact"]
    assert "recover start --track move-on" in gate.meanwhile
    assert "recover checkin" in gate.meanwhile


def test_step_five_drafts_one_message_the_person_sends_then_records_the_reply(
    program: Content,
) -> None:
    part = program.part("step5")
    drafts = [b for b in _beats(part) if getattr(b, "id", None) == "draft"]
    assert len(drafts) == 1
    assert not any(getattr(b, "for_each", None) for b in _beats(part))
    actions = [b for b in _beats(part) if isinstance(b, ActionBeat)]
    assert [b.action for b in actions] == ["record_reply"]
    assert part.sessions[-1].beats[-1] is actions[0]
    text = _flat(" ".join(_strings(part.model_dump())))
    assert "never sends anything" in text
    assert "you send it yourself, once" in text
    assert "there is no second message" in text


def test_silence_or_no_is_treated_as_an_answer_in_every_later_step(program: Content) -> None:
    for key in ("step6", "step7"):
        text = _flat(" ".join(_strings(program.part(key).model_dump())))
        assert "answer" in text and "move-on path" in text, key
    meanwhile = program.part("step6").gate
    assert meanwhile is not None and "don't send another message" in _flat(meanwhile.meanwhile)


def test_every_reconnect_step_keeps_checking_safety_and_their_wishes(program: Content) -> None:
    for key, own in (("step6", "reply_was_warm"), ("step7", "conversation_said_lets_try")):
        gate = program.part(key).gate
        assert gate is not None
        conditions = {r.condition for r in gate.requires}
        assert conditions == {"safety_clear", "ex_has_not_asked_for_no_contact", own}, key


def test_step_six_builds_i_realize_statements_from_steps_three_and_four(
    program: Content,
) -> None:
    part = program.part("step6")
    recalls = [b for b in _beats(part) if isinstance(b, RecallBeat)]
    assert recalls and all(k[0] in "34" for b in recalls for k in b.keys)
    built = [b for b in _beats(part) if isinstance(b, ReflectBeat) and b.for_each]
    assert built and all(b.for_each and b.for_each[0] in "34" for b in built)
    assert all("I realize I" in b.prompt and "{item}" in b.prompt for b in built)


def test_step_six_ends_by_recording_how_the_conversation_ended(program: Content) -> None:
    last = program.part("step6").sessions[-1].beats[-1]
    assert isinstance(last, ActionBeat) and last.action == "record_conversation"


def test_final_thoughts_end_with_the_last_question_then_finish(program: Content) -> None:
    for situation in content_module.SITUATIONS:
        beats = _seen(program.final.sessions[-1].beats, situation)
        assert isinstance(beats[-2], ReflectBeat), situation
        assert "if you really loved yourself" in beats[-2].prompt, situation
        assert isinstance(beats[-1], ActionBeat) and beats[-1].action == "finish_program"
    clear = _seen(program.final.sessions[-1].beats, "clear")
    assert clear[-2].id == "next"  # the answer key people already have


def test_move_on_lets_go_with_self_respect_in_a_few_sessions(program: Content) -> None:
    assert 1 <= len(program.move_on.sessions) <= 3
    text = _flat(" ".join(_strings(program.move_on.model_dump())))
    for idea in ("grief", "learned", "your own life", "self-respect"):
        assert idea in text, idea


# --- safety wording ----------------------------------------------------------------------


def test_the_screen_asks_about_behaviour_for_each_way_reconnecting_closes(
    program: Content,
) -> None:
    questions = program.onboarding.screen.questions
    assert {q.closes_reconnect_as for q in questions} == {
        "harm",
        "own_behaviour",
        "ex_asked_no_contact",
    }
    for question in questions:
        assert question.text.endswith("?"), question.id
        assert not re.search(r"\babus", question.text.lower()), question.id


def test_the_screen_covers_every_behaviour_the_design_names(program: Content) -> None:
    asked = _flat(" ".join(q.text for q in program.onboarding.screen.questions))
    for behaviour in (
        "hurt you physically",
        "put you down",
        "scream",
        "swear",
        "threaten",
        "children or pets",
        "afraid of them",
        "check your phone",
        "track",
        "money",
        "who you could see",
        "lie to you or cheat",
        "again and again",
        "frightened or threatened them",
        "afraid of you",
        "block you",
    ):
        assert behaviour in asked, behaviour


def test_safety_wording_never_suggests_confronting_them_or_couples_counselling(
    program: Content,
) -> None:
    texts = [program.onboarding.screen.closed, program.onboarding.screen.clear]
    texts += list(_strings(program.unhealthy.model_dump()))
    for part in program.parts():
        if part.gate:
            texts += [r.pending for r in part.gate.requires] + [part.gate.meanwhile]
    for text in texts:
        assert not re.search(r"confront|counsel|therap", text.lower()), text


def test_a_closed_screen_points_to_support_and_the_move_on_path(program: Content) -> None:
    closed = _flat(program.onboarding.screen.closed)
    assert "recover support" in closed
    assert "move-on path" in closed
    assert "steps 5 to 7" in closed
    assert "your safety and theirs" in closed


def test_the_privacy_note_is_plain_about_who_can_read_the_files(program: Content) -> None:
    privacy = _flat(program.onboarding.privacy)
    assert "on this computer" in privacy
    assert "anyone who can use this computer account can read" in privacy
    assert "safer one" in privacy


def test_repeated_contact_after_a_no_is_explained_as_possible_harassment(
    program: Content,
) -> None:
    text = _flat(program.unhealthy.harassment)
    assert "harassment" in text and "blocked" in text and "new account" in text


def test_the_wording_never_shames(program: Content) -> None:
    words = set(_words(" ".join(_strings(program.model_dump()))))
    shaming = {"stalk", "stalking", "pathetic", "desperate", "crazy", "obsessed", "needy", "weak"}
    assert words & shaming == set()


def test_placeholders_are_only_the_ones_the_program_fills_in(program: Content) -> None:
    for part in program.parts():
        if part.gate:
            for requirement in part.gate.requires:
                found = set(re.findall(r"\{(\w*)\}", requirement.pending))
                assert found <= {"days_left", "goal_days"}, requirement.condition
        for beat in _beats(part):
            texts = [getattr(beat, "prompt", ""), getattr(beat, "text", "")]
            found = set(re.findall(r"\{(\w*)\}", " ".join(texts)))
            allowed = {"item"} if getattr(beat, "for_each", None) else set()
            assert found <= allowed, part.key


def test_paragraphs_flow_to_the_terminal_width_instead_of_breaking_mid_sentence(
    program: Content,
) -> None:
    # A line break inside a paragraph would leave ragged lines in a narrow terminal.
    for text in _strings(program.model_dump()):
        lines = text.strip().split("\n")
        for line, following in pairwise(lines):
            if line.strip() and following.strip():
                assert re.match(r"(- |\d+\. )", following), following
