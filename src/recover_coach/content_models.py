"""The shape of the program's content: what each TOML file under `content/` may hold.

content.py finds, reads and cross-checks the files; these models validate them.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
PartKey = Literal["step1", "step2", "step3", "step4", "step5", "step6", "step7", "move_on", "final"]
GateCondition = Literal[
    "steps_1_to_4_done",
    "no_contact_goal_reached",
    "safety_clear",
    "ex_has_not_asked_for_no_contact",
    "reply_was_warm",
    "conversation_said_lets_try",
]
Action = Literal[
    "begin_no_contact",  # Step 1: the no-contact period starts today
    "choose_track",  # offer reconnect or move on
    "record_reply",  # Step 5: how they answered the one message
    "record_conversation",  # Step 6: how the conversation ended
    "finish_program",  # the final thoughts close either track
]
ClosedReason = Literal["harm", "own_behaviour", "ex_asked_no_contact"]
# The person's situation, from the safety screen: content can have a beat for each.
Situation = Literal["harmed", "own_behaviour", "ex_asked_no_contact", "clear"]
HelplineKind = Literal["crisis", "abuse", "own_behaviour", "directory"]


class ContentModel(BaseModel):
    # Validators are built on first use: a command pays only for the content it reads.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class BeatModel(ContentModel):
    # The situations a beat is for (none given: every one), so that someone who was harmed
    # meets words written for them, never a question about "their share".
    situations: list[Situation] | None = None


class Option(ContentModel):
    id: Slug
    label: str


class PlanField(ContentModel):
    id: Slug
    label: str
    hint: str | None = None


class ReadBeat(BeatModel):
    type: Literal["read"]
    text: str


class ReflectBeat(BeatModel):
    """A free-text question. With `for_each`, asked once per item of an earlier answer."""

    type: Literal["reflect"]
    id: Slug
    prompt: str
    hint: str | None = None
    for_each: str | None = None  # an earlier beat's answer key, e.g. "3a.patterns"


class ChooseBeat(BeatModel):
    type: Literal["choose"]
    id: Slug
    prompt: str
    options: list[Option] = Field(min_length=2)
    multiple: bool = True
    other: bool = True  # offer "something else", answered in the person's own words


class CommitBeat(BeatModel):
    type: Literal["commit"]
    id: Slug
    prompt: str
    pledges: list[Option] = Field(min_length=1)


class PlanBeat(BeatModel):
    type: Literal["plan"]
    id: Slug
    prompt: str
    fields: list[PlanField] = Field(min_length=1)
    for_each: str | None = None


class RecallBeat(BeatModel):
    """Shows the person's earlier answers, so later steps build on what they wrote."""

    type: Literal["recall"]
    text: str
    keys: list[str] = Field(min_length=1)


class ActionBeat(BeatModel):
    type: Literal["action"]
    action: Action
    text: str


Beat = Annotated[
    ReadBeat | ReflectBeat | ChooseBeat | CommitBeat | PlanBeat | RecallBeat | ActionBeat,
    Field(discriminator="type"),
]


class Session(ContentModel):
    id: Slug  # unique across all content, e.g. "3a"; answers are keyed "<session>.<beat>"
    title: str
    minutes: int = Field(ge=1, le=20)
    beats: list[Beat] = Field(min_length=1)


class GateRequirement(ContentModel):
    condition: GateCondition
    pending: str  # shown while the condition is not met; may use {days_left} and {goal_days}


class Gate(ContentModel):
    requires: list[GateRequirement] = Field(min_length=1)
    meanwhile: str


class Part(ContentModel):
    """A step of the guide, the move-on path, or the final thoughts."""

    key: PartKey
    number: int = Field(ge=1, le=8)  # 1-7 for steps; 8 for move-on and final thoughts
    title: str
    summary: str
    track: Literal["both", "reconnect", "move_on"] = "both"
    gate: Gate | None = None
    daily_questions: list[str] = Field(default_factory=list)
    sessions: list[Session] = Field(min_length=1)

    @property
    def is_step(self) -> bool:
        """One of the guide's numbered steps, not the move-on path or the final thoughts."""
        return self.key.startswith("step")


# How often something happened, asked after a "yes" on the safety screen.
Frequency = Literal["once", "a_few_times", "often"]
FREQUENCIES: tuple[Frequency, ...] = ("once", "a_few_times", "often")


class ScreenQuestion(ContentModel):
    id: Slug
    text: str
    closes_reconnect_as: ClosedReason
    high_danger: bool = False  # a "yes" brings the urgent response: emergency and abuse lines
    asks_how_often: bool = True  # after a "yes", ask how often (once is not a pattern)


class Screen(ContentModel):
    """The relationship-safety screen: asked at onboarding, by `recover safety`, and offered
    again before Step 5."""

    intro: str
    again: str  # before the questions when the screen is run again
    offer_again: str  # before Step 5: a yes-or-no question, offering the screen again
    questions: list[ScreenQuestion] = Field(min_length=1)
    how_often_prompt: str
    how_often: dict[Frequency, str]  # a label for each answer
    urgent: str  # after the emergency and abuse lines, on a high-danger "yes"
    clear: str  # shown when every answer is no
    still_closed: str  # shown when every new answer is no, but earlier ones closed Steps 5-7
    closed: str  # shown when any answer closes Steps 5-7

    @model_validator(mode="after")
    def _complete(self) -> "Screen":
        missing = [f for f in FREQUENCIES if f not in self.how_often]
        if missing:
            raise ValueError(f"how_often needs a label for each of {', '.join(missing)}")
        ids = [question.id for question in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("each question needs its own `id`")
        return self


class Onboarding(ContentModel):
    welcome: str
    privacy: str
    region_prompt: str
    breakup_prompt: str
    screen: Screen


class Unhealthy(ContentModel):
    """The guide's 'when getting back together may not be healthy' section, in our words,
    and what a closed safety screen says for each reason it closed."""

    title: str
    text: str
    signs: list[str] = Field(min_length=1)
    harmed: str  # for someone they hurt: not their fault, leaving for good, help
    own_behaviour: str  # for someone worried about their own behaviour: responsibility, no contact
    harassment: str  # they asked for no contact: respect it; repeated contact can be harassment


# What a phone can dial: digits in groups, as the service writes them ("0808 2000 247").
PhoneNumber = Annotated[str, Field(pattern=r"^[0-9]+( [0-9]+)*$")]


class Helpline(ContentModel):
    """One service, with each way to reach it in its own field, so scripts can use them."""

    name: str
    number: PhoneNumber | None = None  # to call
    text: str | None = None  # how to text them, in full: "text SHOUT to 85258"
    web: str | None = None  # a site to chat on or to look up, e.g. "988lifeline.org"
    hours: str | None = None  # e.g. "24/7"; left out when the source does not say
    note: str | None = None  # who it is for, or one more way in: "TTY 1 800 787 3224"
    kind: HelplineKind
    source: str  # the service's own page where it has one
    last_verified: date

    @model_validator(mode="after")
    def _can_be_reached(self) -> "Helpline":
        if self.number is None and self.text is None and self.web is None:
            raise ValueError("give at least one of `number`, `text` or `web`")
        return self


class Region(ContentModel):
    name: str
    emergency: Annotated[str, Field(pattern=r"^[0-9]+$")]  # "999"
    emergency_source: str
    helplines: list[Helpline] = Field(default_factory=list)


class Support(ContentModel):
    intro: str
    crisis_line: str  # the one short caring line shown when crisis language is found
    regions: dict[str, Region]
    international: list[Helpline] = Field(min_length=1)

    def region_code(self, region: str) -> str | None:
        """The code of a region given by code, alias or name ("uk", "Ireland"); None if unknown."""
        from recover_coach import parse

        wanted = parse.region_code(region)
        if wanted in self.regions:
            return wanted
        names = {found.name.upper(): code for code, found in self.regions.items()}
        return names.get(wanted)


# What crisis language is about, and so which help comes first: the crisis lines
# (self_harm), the emergency number and abuse lines (danger_from_ex), or the lines for people
# worried about their own behaviour (harm_to_ex).
CrisisKind = Literal["self_harm", "danger_from_ex", "harm_to_ex"]


class CrisisRule(ContentModel):
    """All `words` in one sentence, in any order, or the exact `phrase`, signal a crisis.

    Give exactly one of the two. Each item of `words` is a word or a few words that must
    appear together ("kill*", "my life"); the items may come in any order within a sentence.
    A `phrase` is one sequence of words. A trailing `*` on a word matches any word that
    starts with it ("suicid*" matches suicide, suicidal); "him|her|them" takes any one of
    those words. Text and rules are compared after the same normalisation (see
    `crisis_language.normalise`): lower case, straight apostrophes, contractions spelled out
    ("don't", "dont" -> "do not"; "I'm", "im" -> "i am"), words only. A rule without a
    `kind` is about self-harm, the response that shows the crisis lines.
    """

    kind: CrisisKind = "self_harm"
    words: list[str] = Field(default_factory=list)
    phrase: str | None = None

    @model_validator(mode="after")
    def _words_or_phrase(self) -> "CrisisRule":
        if bool(self.words) == bool(self.phrase):
            raise ValueError("give either `words` or `phrase`, not both or neither")
        return self


class CrisisResponse(ContentModel):
    """The first words someone sees for one kind of crisis language; never their own words."""

    noticed: str  # what was noticed, said plainly and kindly
    ask: str  # whether they are safe right now, and what to do first


class Crisis(ContentModel):
    rules: list[CrisisRule] = Field(min_length=1)
    # Removed before matching ("dying laughing"); same normalisation, `*` and `|` as the rules.
    idioms: list[str] = Field(default_factory=list)
    # A kind without a response opens with support.toml's crisis_line alone.
    responses: dict[CrisisKind, CrisisResponse] = Field(default_factory=dict)


class Content(ContentModel):
    """The program. Helplines and crisis rules load on their own (`load_support`,
    `load_crisis`): only the commands that show or check them pay for them."""

    onboarding: Onboarding
    steps: list[Part]  # Steps 1-7 in order
    move_on: Part
    final: Part
    unhealthy: Unhealthy

    def parts(self) -> list[Part]:
        return [*self.steps, self.move_on, self.final]

    def part(self, key: str) -> Part:
        for part in self.parts():
            if part.key == key:
                return part
        raise KeyError(key)

    def session(self, session_id: str) -> tuple[Part, Session]:
        for part in self.parts():
            for session in part.sessions:
                if session.id == session_id:
                    return part, session
        raise KeyError(session_id)


class SafetyPlanPart(ContentModel):
    """One part of the personal safety plan (the Stanley-Brown structure), asked on its own."""

    id: Slug  # its answers are saved as "safety_plan.<id>"
    title: str  # its heading in the plan, e.g. "Warning signs"
    prompt: str
    hint: str | None = None
    offer_lines: bool = False  # show the region's helplines here, and with the plan


class SafetyPlanContent(ContentModel):
    """safety_plan.toml: the words of `recover safety-plan`."""

    title: str
    intro: str
    done: str  # after the last part
    parts: list[SafetyPlanPart] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_are_unique(self) -> "SafetyPlanContent":
        ids = [part.id for part in self.parts]
        if len(set(ids)) != len(ids):
            raise ValueError("each part needs its own `id`")
        return self
