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
    assert crisis_language.crisis_kinds(text, crisis)


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_substrings_and_idioms_are_not_crisis_language(text: str, crisis: Crisis) -> None:
    assert not crisis_language.crisis_kinds(text, crisis)


def test_a_sentence_boundary_keeps_unrelated_words_apart(crisis: Crisis) -> None:
    # "kill" and "myself" are in different sentences: two ordinary remarks.
    assert not crisis_language.crisis_kinds("I could kill for a nap. I made it myself.", crisis)
    assert not crisis_language.crisis_kinds("Go kill time. I'll do it myself.", crisis)


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
    assert crisis_language.crisis_kinds("suicidal thoughts", rules)
    assert not crisis_language.crisis_kinds("antisuicide campaign", rules)


def test_a_choice_of_words_takes_any_one_of_them() -> None:
    rules = Crisis.model_validate({"rules": [{"phrase": "want to hurt him|her|them"}]})
    assert crisis_language.crisis_kinds("I want to hurt her", rules)
    assert crisis_language.crisis_kinds("I want to hurt them", rules)
    assert not crisis_language.crisis_kinds("I want to hurt his feelings", rules)


def test_each_rule_reports_its_kind_and_a_rule_without_one_is_self_harm() -> None:
    rules = Crisis.model_validate(
        {
            "rules": [
                {"phrase": "end it all"},
                {"kind": "danger_from_ex", "phrase": "threatened me"},
                {"kind": "harm_to_ex", "phrase": "hurt him"},
            ]
        }
    )
    assert crisis_language.crisis_kinds("I want to end it all", rules) == ("self_harm",)
    # Most urgent first, whatever the order in the text.
    assert crisis_language.crisis_kinds("I'd hurt him. He threatened me.", rules) == (
        "danger_from_ex",
        "harm_to_ex",
    )


def test_a_kind_that_is_not_known_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        Crisis.model_validate({"rules": [{"kind": "harm_to_others", "phrase": "hurt him"}]})


def test_an_idiom_hides_only_its_own_words() -> None:
    rules = Crisis.model_validate({"rules": [{"phrase": "end it all"}], "idioms": ["dying to"]})
    assert crisis_language.crisis_kinds("I'm dying to end it all", rules)
    assert not crisis_language.crisis_kinds("I'm dying to know", rules)


def test_idioms_are_removed_before_the_rules_are_matched() -> None:
    rules = Crisis.model_validate({"rules": [{"words": ["dying"]}], "idioms": ["dying laughing"]})
    assert crisis_language.crisis_kinds("I feel like I'm dying", rules)
    assert not crisis_language.crisis_kinds("I'm dying laughing", rules)


def test_a_rule_needs_words_or_a_phrase_but_not_both() -> None:
    with pytest.raises(ValueError):
        Crisis.model_validate({"rules": [{}]})
    with pytest.raises(ValueError):
        Crisis.model_validate({"rules": [{"words": ["a"], "phrase": "a"}]})


# --- the relationship-safety screen ---------------------------------------------------------

SCREEN = Screen.model_validate(
    {
        "intro": "A few questions.",
        "again": "The same questions.",
        "offer_again": "Again first?",
        "how_often_prompt": "How often?",
        "how_often": {"once": "Once", "a_few_times": "A few times", "often": "Often"},
        "urgent": "Leaving is the most dangerous time.",
        "clear": "Thank you.",
        "still_closed": "Still closed.",
        "closed": "Steps 5-7 stay closed.",
        "questions": [
            {"id": "hurt", "text": "Did they hurt you?", "closes_reconnect_as": "harm"},
            {
                "id": "choked",
                "text": "Did they choke you?",
                "closes_reconnect_as": "harm",
                "high_danger": True,
            },
            {
                "id": "frightened",
                "text": "Did you frighten them?",
                "closes_reconnect_as": "own_behaviour",
            },
            {
                "id": "asked",
                "text": "Did they ask for no contact?",
                "closes_reconnect_as": "ex_asked_no_contact",
                "asks_how_often": False,
            },
        ],
    }
)
Q = {question.id: question for question in SCREEN.questions}


def screened(profile: Profile, *yes: str, on: date = TODAY) -> Profile:
    """One time through the screen: "yes" to the questions named, "no" to the others."""
    for question in SCREEN.questions:
        safety.record_answer(profile, question, question.id in yes, on)
    safety.finish(profile, on)
    return profile


def test_all_no_keeps_reconnection_open_and_saves_every_answer() -> None:
    profile = screened(Profile())
    assert not safety.reconnect_closed(profile)
    assert safety.closed_reasons(profile) == [] and safety.situation(profile) == "clear"
    [screening] = profile.safety.screenings
    assert screening.began_on == screening.finished_on == TODAY
    assert [(a.question, a.yes) for a in screening.answers] == [
        ("hurt", False),
        ("choked", False),
        ("frightened", False),
        ("asked", False),
    ]


def test_any_yes_closes_reconnection_with_each_reason_once() -> None:
    profile = screened(Profile(), "hurt", "choked", "frightened")
    assert safety.reconnect_closed(profile)
    assert safety.closed_reasons(profile) == ["harm", "own_behaviour"]


def test_a_later_all_no_screen_never_reopens_reconnection() -> None:
    profile = screened(Profile(), "hurt")
    later = date(2027, 1, 5)
    screened(profile, on=later)
    assert safety.reconnect_closed(profile)
    assert safety.closed_reasons(profile) == ["harm"]
    assert [s.began_on for s in profile.safety.screenings] == [TODAY, later]
    assert profile.safety.screenings[0].answers[0].yes  # kept as given, never overwritten


def test_a_new_yes_adds_its_reason_and_keeps_the_old_ones() -> None:
    profile = screened(Profile(), "asked")
    screened(profile, "frightened", on=date(2027, 1, 5))
    assert safety.closed_reasons(profile) == ["own_behaviour", "ex_asked_no_contact"]


def test_the_situation_is_the_most_serious_reason_recorded() -> None:
    assert safety.situation(screened(Profile(), "asked")) == "ex_asked_no_contact"
    assert safety.situation(screened(Profile(), "asked", "frightened")) == "own_behaviour"
    both = screened(screened(Profile(), "frightened"), "hurt")
    assert safety.situation(both) == "harmed"


def test_a_yes_is_judged_by_the_reason_saved_with_it_not_by_todays_content() -> None:
    # A translation or a new release may rename or drop a question: the "yes" still counts.
    profile = screened(Profile(), "frightened")
    renamed = SCREEN.model_copy(update={"questions": [Q["hurt"]]})
    assert safety.still_to_ask(profile, renamed) == [Q["hurt"]]  # a new screening asks all
    assert safety.closed_reasons(profile) == ["own_behaviour"]


def test_a_yes_kept_without_a_reason_counts_as_harm() -> None:
    profile = Profile.model_validate(
        {"safety": {"screenings": [{"answers": [{"question": "gone", "yes": True}]}]}}
    )
    assert safety.reconnect_closed(profile) and safety.situation(profile) == "harmed"


def test_how_often_is_recorded_and_once_still_closes() -> None:
    profile = Profile()
    safety.record_answer(profile, Q["hurt"], True, TODAY)
    safety.record_how_often(profile, Q["hurt"], "once")
    safety.record_how_often(profile, Q["hurt"], "often")  # filled in once, never overwritten
    assert profile.safety.screenings[0].answers[0].how_often == "once"
    assert safety.reconnect_closed(profile)
    with pytest.raises(ValueError):
        safety.record_how_often(profile, Q["frightened"], "once")  # no "yes" to follow


def test_the_saved_how_often_values_are_the_contents() -> None:
    from typing import get_args

    from recover_coach.content_models import FREQUENCIES
    from recover_coach.models import HowOften

    assert get_args(HowOften) == FREQUENCIES


def test_a_stopped_screening_resumes_at_the_first_unanswered_question() -> None:
    profile = Profile()
    safety.record_answer(profile, Q["hurt"], True, TODAY)
    assert safety.under_way(profile) is not None
    assert [q.id for q in safety.still_to_ask(profile, SCREEN)] == ["choked", "frightened", "asked"]
    safety.finish(profile, TODAY)
    assert safety.under_way(profile) is None
    assert len(safety.still_to_ask(profile, SCREEN)) == 4  # the next screening asks them all


def test_a_high_danger_yes_is_saved_as_one() -> None:
    profile = screened(Profile(), "choked")
    assert safety.in_danger(profile)
    result = safety.outcome(profile)
    assert result.in_danger_now and result.closed_now and result.situation == "harmed"
    screened(profile, on=date(2027, 1, 5))
    again = safety.outcome(profile)
    assert again.closed and not again.closed_now and not again.in_danger_now
    assert safety.in_danger(profile)


@pytest.mark.parametrize(
    ("yes", "kinds"),
    [
        (["hurt"], ("abuse", "crisis")),
        (["frightened"], ("own_behaviour", "crisis")),
        (["hurt", "frightened"], ("abuse", "own_behaviour", "crisis")),
        (["asked"], ("crisis",)),
    ],
)
def test_a_closed_screen_shows_the_lines_its_reasons_call_for(
    yes: list[str], kinds: tuple[str, ...]
) -> None:
    assert safety.outcome(screened(Profile(), *yes)).helplines == kinds


# --- resources ------------------------------------------------------------------------------


def test_a_known_region_gets_its_lines_grouped_and_its_emergency_number(support: Support) -> None:
    found = safety.resources_for("GB", support)
    assert found.region == "United Kingdom"
    assert found.emergency == "999"
    assert list(found.helplines) == ["crisis", "abuse", "own_behaviour"]
    assert all(line.kind == kind for kind, lines in found.helplines.items() for line in lines)
    assert any(line.number == "116 123" for line in found.crisis_lines())
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
    assert any(line.web == "findahelpline.com" for line in found.crisis_lines())


def test_resources_as_json_carry_sources_and_dates(support: Support) -> None:
    data = safety.resources_for("US", support).to_json()
    assert data["emergency"] == "911"
    line = data["helplines"]["crisis"][0]
    assert line["source"] and line["last_verified"]
    assert data["international"][0]["kind"] == "directory"
