"""The safety net: crisis language, the relationship-safety screen, and support resources."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from recover_coach import crisis_language, safety
from recover_coach.content_models import Crisis, Screen, Support
from recover_coach.models import Profile

CONTENT = Path(__file__).resolve().parents[1] / "content"
TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def crisis() -> Crisis:
    with (CONTENT / "crisis.toml").open("rb") as handle:
        return Crisis.model_validate(tomllib.load(handle))


@pytest.fixture(scope="module")
def support() -> Support:
    with (CONTENT / "support.toml").open("rb") as handle:
        return Support.model_validate(tomllib.load(handle))


# Each of these must reach a person: a miss here is the failure that matters most.
CRISIS = [
    "I want to kill myself",
    "kill myself",
    "myself, I want to kill",
    "I\u2019m going to kill myself",  # curly apostrophe
    "I\u02bcm going to kill myself",  # modifier-letter apostrophe (phone keyboards)
    "KILL MYSELF",
    "kill my\u200bself",  # a zero-width space inside the word
    "I want to... kill myself",
    "the world would feel lighter if I wasn\u2019t in it",
    "the world would feel lighter if I wasnt in it",
    "everyone would be better off without me",
    "Everyone\u2019s better off without me.",
    "Without me, everyone would be better off",
    "I don\u2019t want to wake up",
    "i dont want to wake up tomorrow",
    "I do not want to wake up",
    "there's no reason to live",
    "I have nothing to live for",
    "I want to end it all",
    "I want to disappear forever",
    "forever, that's how long I want to disappear",
    "I'm thinking about ending my life",
    "I hurt myself last night",
    "I cut myself again",
    "self-harm",
    "I've been self harming",
    "I feel suicidal",
    "suicide",
    "I thought about an overdose",
    "I wanna die",
    "I just want to die",
    "I want to die for real",
    "I wish I was dead",
    "I DON'T want to live anymore",
    "I\u2019m so tired of living",
    "nobody would miss me",
    "I'd kill for a coffee. Honestly I want to kill myself.",
    "I'm dying laughing at his texts but also I want to die",
    "I don't want to kill myself, but I think about it",  # negation is not trusted, on purpose
    # everyday phrasings, as people type them
    "i wanna kms",
    "I'm going to take all my pills",
    "I want to jump off a bridge",
    "I wish I could just not exist",
    "I have been cutting again",
    "I'm done with life",
    "i dont see a way out other than dying",
    "I hate my life and want it to end",
]

# None of these is crisis language: substrings, idioms and everyday hyperbole.
NOT_CRISIS = [
    "skilled",
    "She is so skilled at this",
    "I bought a new skillet",
    "that was overkill",
    "I'm dying laughing",
    "I\u2019m dying laughing",
    "this commute is killing me",
    "I'd kill for a coffee",
    "I could kill for a nap",
    "she killed it at work",
    "I nailed the presentation, killed it",
    "my phone died",
    "dead tired",
    "I could die of embarrassment",
    "I want to die of embarrassment",
    "deadline",
    "the deadline is killing me",
    "this cake is to die for",
    "I want a dress to die for",
    "I'm dying to see my friends",
    "I'm bored to death",
    "I nearly killed myself laughing",
    "I cut myself off from his Instagram",
    "I'm better off without him, he never made me happy",
    "I ended the call early",
    "I hurt my back at the gym",
    # everyday phrasings that must not stop the coaching
    "I killed the spider",
    "my battery is dead",
    "the suspense is killing me",
    "I died a little inside when he posted that",
    "ending the relationship was hard",
    "I want to end this chapter",
    "I cut my hair",
    "my plants died",
    "I took all my vitamins and the pills the doctor gave me",
]


@pytest.mark.parametrize("text", CRISIS)
def test_crisis_language_is_found(text: str, crisis: Crisis) -> None:
    assert crisis_language.crisis_in(text, crisis)


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_substrings_and_idioms_are_not_crisis_language(text: str, crisis: Crisis) -> None:
    assert not crisis_language.crisis_in(text, crisis)


def test_a_sentence_boundary_keeps_unrelated_words_apart(crisis: Crisis) -> None:
    # "kill" and "myself" are in different sentences: two ordinary remarks.
    assert not crisis_language.crisis_in("I could kill for a nap. I made it myself.", crisis)
    assert not crisis_language.crisis_in("Go kill time. I'll do it myself.", crisis)


def test_contractions_read_the_same_with_or_without_apostrophes() -> None:
    expected = "i am sure i do not want to go it was not me"
    assert (
        crisis_language.normalise("I\u2019m sure I don\u2019t want to go. It wasn\u2019t me")
        == expected
    )
    assert crisis_language.normalise("Im sure I dont want to go. It wasnt me") == expected
    assert crisis_language.normalise("I am   sure I do not\twant to go. It was not me") == expected


def test_a_wildcard_matches_word_beginnings_only() -> None:
    rules = Crisis.model_validate({"rules": [{"words": ["suicid*"]}]})
    assert crisis_language.crisis_in("suicidal thoughts", rules)
    assert not crisis_language.crisis_in("antisuicide campaign", rules)


def test_an_idiom_hides_only_its_own_words() -> None:
    rules = Crisis.model_validate({"rules": [{"phrase": "end it all"}], "idioms": ["dying to"]})
    assert crisis_language.crisis_in("I'm dying to end it all", rules)
    assert not crisis_language.crisis_in("I'm dying to know", rules)


def test_idioms_are_removed_before_the_rules_are_matched() -> None:
    rules = Crisis.model_validate({"rules": [{"words": ["dying"]}], "idioms": ["dying laughing"]})
    assert crisis_language.crisis_in("I feel like I'm dying", rules)
    assert not crisis_language.crisis_in("I'm dying laughing", rules)


def test_a_rule_needs_words_or_a_phrase_but_not_both() -> None:
    with pytest.raises(ValueError):
        Crisis.model_validate({"rules": [{}]})
    with pytest.raises(ValueError):
        Crisis.model_validate({"rules": [{"words": ["a"], "phrase": "a"}]})


# --- the relationship-safety screen ---------------------------------------------------------

SCREEN = Screen.model_validate(
    {
        "intro": "A few questions.",
        "clear": "Thank you.",
        "closed": "Steps 5-7 stay closed.",
        "questions": [
            {"id": "hurt", "text": "Did they hurt you?", "closes_reconnect_as": "harm"},
            {"id": "afraid", "text": "Were you afraid?", "closes_reconnect_as": "harm"},
            {
                "id": "frightened",
                "text": "Did you frighten them?",
                "closes_reconnect_as": "own_behaviour",
            },
        ],
    }
)
ALL_NO = {"hurt": False, "afraid": False, "frightened": False}


def test_all_no_keeps_reconnection_open_and_saves_the_answers() -> None:
    profile = Profile()
    assert safety.record_screen(profile, ALL_NO, SCREEN, TODAY) == []
    assert not safety.reconnect_closed(profile)
    assert profile.safety.answers == ALL_NO
    assert profile.safety.screened_on == TODAY


def test_any_yes_closes_reconnection_with_each_reason_once() -> None:
    profile = Profile()
    answers = {"hurt": True, "afraid": True, "frightened": True}
    assert safety.record_screen(profile, answers, SCREEN, TODAY) == ["harm", "own_behaviour"]
    assert safety.reconnect_closed(profile)
    assert profile.safety.reconnect_closed == ["harm", "own_behaviour"]


def test_a_later_all_no_screen_never_reopens_reconnection() -> None:
    profile = Profile()
    safety.record_screen(profile, {**ALL_NO, "afraid": True}, SCREEN, TODAY)
    later = date(2027, 1, 5)
    assert safety.record_screen(profile, ALL_NO, SCREEN, later) == []
    assert safety.reconnect_closed(profile)
    assert profile.safety.reconnect_closed == ["harm"]
    assert profile.safety.screened_on == later


def test_a_new_yes_adds_its_reason_and_keeps_the_old_ones() -> None:
    profile = Profile()
    profile.safety.reconnect_closed = ["ex_asked_no_contact"]
    new = safety.record_screen(profile, {**ALL_NO, "frightened": True}, SCREEN, TODAY)
    assert new == ["own_behaviour"]
    assert profile.safety.reconnect_closed == ["ex_asked_no_contact", "own_behaviour"]
    assert safety.record_screen(profile, {**ALL_NO, "frightened": True}, SCREEN, TODAY) == []


def test_an_answer_to_no_such_question_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        safety.record_screen(Profile(), {"nope": True}, SCREEN, TODAY)


# --- resources ------------------------------------------------------------------------------


def test_a_known_region_gets_its_lines_grouped_and_its_emergency_number(support: Support) -> None:
    found = safety.resources_for("GB", support)
    assert found.region == "United Kingdom"
    assert found.emergency == "999"
    assert list(found.helplines) == ["crisis", "abuse", "own_behaviour"]
    assert all(line.kind == kind for kind, lines in found.helplines.items() for line in lines)
    assert any("116 123" in line.contact for line in found.crisis_lines())
    assert found.international


@pytest.mark.parametrize("region", ["gb", " GB ", "UK", "united kingdom"])
def test_a_region_is_found_by_code_alias_or_name_in_any_case(region: str, support: Support) -> None:
    assert safety.resources_for(region, support).region == "United Kingdom"


@pytest.mark.parametrize("region", ["", "ZZ", "Atlantis"])
def test_an_unknown_region_falls_back_to_the_worldwide_directory(
    region: str, support: Support
) -> None:
    found = safety.resources_for(region, support)
    assert found.region is None
    assert found.emergency == safety.LOCAL_EMERGENCY
    assert found.helplines == {}
    assert any("findahelpline.com" in line.contact for line in found.crisis_lines())


def test_resources_as_json_carry_sources_and_dates(support: Support) -> None:
    data = safety.resources_for("US", support).to_json()
    assert data["emergency"] == "911"
    line = data["helplines"]["crisis"][0]
    assert line["source"] and line["last_verified"]
    assert data["international"][0]["kind"] == "directory"
