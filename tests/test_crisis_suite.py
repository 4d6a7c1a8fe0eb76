"""The crisis-language regression suite: realistic sentences on both sides, and the routing.

Every sentence in CRISIS must reach help of its kind; every sentence in NOT_CRISIS must let
coaching go on. The matcher can still miss things (see crisis_language.py): this suite holds
what it must never get wrong again. Borderline choices are marked where they are made.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from recover_coach import content, crisis_language
from recover_coach.content_models import Crisis, CrisisKind
from recover_coach.crisis import crisis_check

CONTENT = Path(__file__).resolve().parents[1] / "content"

# --- must reach help, by kind ---------------------------------------------------------------

SELF_HARM = [
    # wanting to die, passive wishes
    "I just want to die",
    "honestly i wanna die",
    "I wish I could just die and not feel this",
    "sometimes i wish i was dead",
    "I\u2019d be better off dead",
    "I don\u2019t want to be alive anymore",
    "I DONT WANT TO LIVE ANYMORE",
    "i hope i dont wake up tomorrow",
    "I wish I would never wake up",
    "I just want to sleep forever",
    "I'd rather not wake up at all",
    "what if i went to sleep and didnt wake up",
    "Everyone would be better off without me",
    "my family would be better off without me",
    "nobody would even notice if I disappeared",
    "No one would miss me",
    "I\u2019m just a burden to everyone",
    "I want to disappear forever",
    "I want to stop existing",
    "I'm tired of being alive",
    # hopelessness
    "honestly I cant go on anymore",
    "I can\u2019t go on like this",
    "I CANT GO ON",
    "I can't go on without him",  # borderline: said of the ex, but "can't go on" is matched
    "there's no point anymore",
    "Whats the point of living",
    "I don't see the point in anything",
    "I have nothing left to live for",
    "I\u2019ve given up on life",
    "I can't take it anymore",  # borderline: often venting, but a warning sign worth a pause
    "life isn't worth living without him",  # tied to the ex, but a plain statement of ideation
    "I just want it all to end",
    "i just want the pain to stop",  # borderline: grief says this too; shown help anyway
    "I'm done with life",
    # plans and means
    "I've been stockpiling my sleeping pills",
    "I\u2019ve been saving up my meds just in case",
    "i know how many pills it would take",
    "I've got enough tablets to do it",
    "I looked up the lethal dose",
    "I keep thinking about jumping off the bridge near work",
    "I know which bridge I\u2019d do it from",
    "I found a spot to do it",
    "i want to walk into traffic",
    "I thought about driving my car into a wall",
    "I tied a noose last night",
    # goodbye acts
    "I've written goodbye letters to my family",
    "i wrote a goodbye note",
    "I\u2019ve been giving away all my things",
    "Who will look after my cat when I'm gone",
    "Goodbye cruel world",
    # self-harm
    "I cut myself again last night",
    "I've started cutting again",
    "i relapsed and self harmed",
    "I've been hurting myself",
    "I want to hurt myself",
    "i burn myself when it gets too much",
    "I've been starving myself since he left",
    "I keep hitting myself when I get angry",
    "I'm self-harming again",
    # misspellings and text-speak
    "i feel so sucidal",
    "having suicidle thoughts",
    "i wanna kms",
    "KMS",
    "i wanna unalive myself",
    "thinking about sewerslide lol",
    "i want to kil myself",
    "i want to die tbh",
    "i wanna b dead",
    "Im so suicidal rn",
    "I want to die\u2026",
    "I\u2019m going to end it all",
    "Im going to end my life",
]

DANGER_FROM_EX = [
    "he said he'd kill me",
    "He said he\u2019d kill me if I ever left",
    "she threatened to hurt me",
    "my ex threatened to kill me",
    "I'm scared he'll come after me",
    "im scared hes going to hurt me",
    "He keeps threatening me",
    "she threatened to post my nudes",
    "he hit me last night",
    "My ex punched me",
    "he put his hands around my neck",
    "I'm terrified of him",
    "I'm afraid for my life",
    "he's been following me home from work",
    "my ex keeps turning up outside my flat",
    "he won\u2019t leave me alone and he knows where I live",
    # borderline: a threat of suicide to stop someone leaving is coercion; abuse lines know it
    "HE THREATENED TO KILL HIMSELF IF I LEAVE",
    "she pulled a knife on me",
    "i dont feel safe at home with him",
    "you said you'd kill me if I ever left",  # in a message drafted to the ex
]

HARM_TO_EX = [
    "I want to hurt him",
    "I could kill her",  # often hyperbole; after a breakup, worth a pause
    "i want to kill him for what he did",
    "Im going to kill him",
    "I\u2019m gonna hurt her like she hurt me",
    "I want him dead",
    "sometimes I wish she was dead",  # borderline: a wish, not a plan; still a wish to harm
    "I want to make him suffer",
    "I\u2019m scared of what I might do to him",
    "I want to slash his tyres",
    "I could strangle him",
    "i wanna punch his new girlfriend",
    "I hit her when we argued",
    "I want to hurt my ex",
    "I want to hurt you the way you hurt me",  # in a message drafted to the ex
]

CRISIS: list[tuple[CrisisKind, str]] = [
    *(("self_harm", text) for text in SELF_HARM),
    *(("danger_from_ex", text) for text in DANGER_FROM_EX),
    *(("harm_to_ex", text) for text in HARM_TO_EX),
]

# Two kinds in one answer: both are found, the most urgent first.
MIXED: list[tuple[tuple[CrisisKind, ...], str]] = [
    (("danger_from_ex", "self_harm"), "he threatened me and now I just want to die"),
    (("self_harm", "harm_to_ex"), "I want to kill him and then myself"),
]

# --- must not stop the coaching -------------------------------------------------------------

NOT_CRISIS = [
    # idioms and everyday hyperbole
    "my feet are killing me",
    "I'd die for a coffee right now",
    "the battery's dead",
    "my phone battery is dead again",
    "I was dying laughing at the group chat",
    "she killed it at work today",
    "this commute is killing me",
    "I could murder a pizza",
    "dead tired after work",
    "I'm dead tired",
    "I nearly died of embarrassment when he walked in",
    "this cake is to die for",
    "I'm dying to see my friends this weekend",
    "I'd kill for a full night's sleep",
    "killing time before my appointment",
    "my mum will kill me if I'm late again",
    "My boss is going to kill me",
    "the suspense is killing me",
    "I\u2019m bored to death",
    "I killed the spider in the bath",
    "that joke killed me",
    "the wind finally died down",
    "My plants died while I was away",
    "I could kill for a nap",
    # borderline: hyperbole about the ex, not a wish to die
    "I'd rather die than text him first",
    # the same words doing ordinary work
    "I cut myself off from his socials",
    "I need to cut myself some slack",
    "I cut myself shaving this morning",
    "I hurt myself at the gym",
    "I hurt my back lifting boxes",
    "I can't go on dates yet, it's too soon",
    "I can't go on holiday with our old friends",
    "I can't keep going back to him",
    "he hit me up last night asking to talk",
    "She kicked me out of the flat",
    "he pushed me away when I needed him",
    "he beat me at pool",
    "I'm scared of him moving on",
    "I'm afraid of her reaction if I text",
    "I don't want to live in this flat anymore",
    "I don't want to live with my parents again",
    "I wrote him a goodbye letter I'll never send",  # the unsent-letter exercise
    "I wrote a goodbye letter to the relationship",
    "I'm throwing myself into work",
    "he threatened to leave me if I didn't change",
    "I'm afraid I texted him again",
    "I gave away the clothes he left behind",
    "I gave away all my old books after the move",
    "when I'm gone on holiday my friend will feed the cat",
    "he's killing me with these mixed signals",
    "you're killing me with this silence",
    "thank you for everything, I hope you're happy",
    "I'm sorry I pushed you away",
    "I'll hit you up when I'm ready to talk",
    "I ended things with her last night",
    "I want to end this chapter of my life",
    # sad breakup talk that is not a crisis
    "I miss him so much",
    "I'll never love again",
    "this is killing me slowly inside",
    "I feel so alone since she left",
    "I cried myself to sleep again",
    "I feel empty",
    "I can't stop thinking about her",
    "I don't know who I am without him",
    "I feel like a part of me died",
    "I'm heartbroken",
    "I hate that I still check his Instagram",
    "I want to text him so badly",
    "I'm so angry at him for cheating",
    "I'm done with him for good",
    "it feels like the end of the world",
    "I'm scared I'll never be happy again",
    "He's dead to me now",
    # borderline, each left out on purpose and noted here:
    "I hope he feels as bad as I do",  # wishing unhappiness is not a wish to harm
    "I hope karma gets her",
    "I want to hurt his feelings like he hurt mine",  # emotional, not physical
    "I can't do this anymore, I keep texting him",  # usually about the relationship
    "I feel hopeless about ever finding someone",  # hopeless about dating, not about living
    "I just want to disappear for a while",  # escape; "forever" is matched
    "he hurt me so much",  # the safety screen asks about harm; alone this is heartache
    "I'm dead inside",  # numbness, common after a breakup
    "I can't live without him",  # common hyperbole; "can't go on" is matched
]


@pytest.fixture(scope="module")
def crisis() -> Crisis:
    with (CONTENT / "crisis.toml").open("rb") as handle:
        return Crisis.model_validate(tomllib.load(handle))


def test_the_suite_is_large_enough_and_covers_every_kind() -> None:
    assert len(CRISIS) + len(MIXED) >= 80
    assert len(NOT_CRISIS) >= 60
    assert {kind for kind, _ in CRISIS} == set(crisis_language.URGENCY)
    assert len(set(NOT_CRISIS)) == len(NOT_CRISIS)


@pytest.mark.parametrize(("kind", "text"), CRISIS)
def test_crisis_language_is_found_as_its_kind(kind: CrisisKind, text: str, crisis: Crisis) -> None:
    assert crisis_language.crisis_kinds(text, crisis) == (kind,)


@pytest.mark.parametrize(("kinds", "text"), MIXED)
def test_two_kinds_in_one_answer_are_both_found_most_urgent_first(
    kinds: tuple[CrisisKind, ...], text: str, crisis: Crisis
) -> None:
    assert crisis_language.crisis_kinds(text, crisis) == kinds


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_ordinary_and_sad_sentences_are_not_crisis_language(text: str, crisis: Crisis) -> None:
    assert crisis_language.crisis_kinds(text, crisis) == ()


# --- the shipped rules ------------------------------------------------------------------------


def test_every_shipped_rule_names_its_kind() -> None:
    with (CONTENT / "crisis.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    assert [index for index, rule in enumerate(raw["rules"]) if "kind" not in rule] == []


def test_every_kind_has_a_short_response_that_asks_whether_they_are_safe(crisis: Crisis) -> None:
    assert set(crisis.responses) == set(crisis_language.URGENCY)
    for response in crisis.responses.values():
        assert "safe right now?" in response.ask
        assert len(response.noticed) <= 160 and len(response.ask) <= 160


def test_the_shipped_rules_have_no_problems(crisis: Crisis) -> None:
    assert crisis_language.problems(crisis) == []


# --- routing: each kind reaches its lines -------------------------------------------------


def notice_for(text: str, region: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert crisis_check(text, region)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert text.lower() not in captured.err.lower()  # never quoted back
    return " ".join(captured.err.split())  # as one line, whatever the terminal width


@pytest.mark.usefixtures("only_safety_content")
def test_self_harm_in_gb_shows_the_crisis_lines_then_999(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = notice_for("I want to end my life", "GB", capsys)
    assert err.startswith("What you wrote sounds like you're in a lot of pain")
    assert "Are you safe right now?" in err
    assert err.index("Samaritans") < err.index("call 999")
    assert "Refuge" not in err and "Respect" not in err
    assert "you don't have to face this alone" in err
    assert "recover support" in err


@pytest.mark.usefixtures("only_safety_content")
def test_danger_from_the_ex_in_gb_shows_999_then_the_abuse_line_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = notice_for("he said he'd kill me if I leave", "GB", capsys)
    assert "your ex may have threatened or hurt you" in err
    assert "Are you safe right now?" in err
    assert err.index("call 999") < err.index("National Domestic Abuse Helpline")
    assert "Samaritans" not in err and "Respect" not in err
    assert "suicide" not in err


@pytest.mark.usefixtures("only_safety_content")
def test_a_wish_to_hurt_the_ex_in_gb_shows_the_own_behaviour_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = notice_for("I want to hurt him", "GB", capsys)
    assert "anger towards your ex" in err
    assert "Is everyone safe right now?" in err
    assert "Respect" in err and "call 999" in err
    assert "Samaritans" not in err and "Refuge" not in err


@pytest.mark.usefixtures("only_safety_content")
@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("I want to end my life", "you're in a lot of pain"),
        ("he said he'd kill me if I leave", "your ex may have threatened"),
        ("I want to hurt him", "anger towards your ex"),
    ],
)
def test_every_kind_in_an_unknown_region_gets_the_worldwide_lines_and_local_emergency(
    text: str, opening: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = notice_for(text, "ZZ", capsys)
    assert opening in err
    assert "findahelpline.com" in err
    assert "call your local emergency number" in err


@pytest.mark.usefixtures("only_safety_content")
def test_a_region_without_own_behaviour_lines_falls_back_to_its_crisis_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    support = content.load_support()
    without = [
        code
        for code, region in support.regions.items()
        if not any(line.kind == "own_behaviour" for line in region.helplines)
    ]
    assert without, "every region has own-behaviour lines: pick another fallback test"
    region = support.regions[without[0]]
    err = notice_for("I could kill her", without[0], capsys)
    crisis_line = next(line for line in region.helplines if line.kind == "crisis")
    assert crisis_line.name in err
    assert f"call {region.emergency}" in err


@pytest.mark.usefixtures("only_safety_content")
def test_danger_and_self_harm_together_show_both_kinds_of_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = notice_for("he threatened me and now I just want to die", "GB", capsys)
    assert err.index("call 999") < err.index("National Domestic Abuse Helpline")
    assert err.index("National Domestic Abuse Helpline") < err.index("Samaritans")


# --- content check ------------------------------------------------------------------------


def test_content_check_names_the_file_and_place_of_a_bad_kind(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    text = (folder / "crisis.toml").read_text(encoding="utf-8")
    (folder / "crisis.toml").write_text(
        text.replace('kind = "harm_to_ex"', 'kind = "harm_to_others"', 1), encoding="utf-8"
    )
    found = [str(problem) for problem in content.check(folder)]
    assert len(found) == 1
    assert found[0].startswith("crisis.toml: rules[")
    assert ".kind: Input should be" in found[0]


def test_content_check_finds_a_rule_an_idiom_hides_and_a_choice_of_two_words(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    (folder / "crisis.toml").write_text(
        'idioms = ["killing me"]\n'
        '[[rules]]\nkind = "self_harm"\nphrase = "killing me slowly"\n'
        '[[rules]]\nkind = "danger_from_ex"\nphrase = "he\'ll|she\'ll kill me"\n',
        encoding="utf-8",
    )
    found = [str(problem) for problem in content.check(folder)]
    assert "crisis.toml: rules[0]: the idiom 'killing me' hides this rule's own words" in found
    assert any(line.startswith("crisis.toml: rules[1].phrase: ") for line in found)
