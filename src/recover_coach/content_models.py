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


class ScreenQuestion(ContentModel):
    id: Slug
    text: str
    closes_reconnect_as: ClosedReason
    high_danger: bool = False  # a "yes" brings the urgent response: emergency and abuse lines


class Screen(ContentModel):
    intro: str
    questions: list[ScreenQuestion] = Field(min_length=1)
    clear: str  # shown when every answer is no
    closed: str  # shown when any answer closes Steps 5-7


class Onboarding(ContentModel):
    welcome: str
    privacy: str
    region_prompt: str
    breakup_prompt: str
    screen: Screen


class Unhealthy(ContentModel):
    """The guide's 'when getting back together may not be healthy' section, in our words."""

    title: str
    text: str
    signs: list[str] = Field(min_length=1)
    guidance: str
    harassment: str  # why repeated contact after a no can be harassment


class Helpline(ContentModel):
    name: str
    contact: str
    kind: HelplineKind
    source: str
    last_verified: date


class Region(ContentModel):
    name: str
    emergency: str
    emergency_source: str
    helplines: list[Helpline] = Field(default_factory=list)


class Support(ContentModel):
    intro: str
    crisis_line: str  # the one short caring line shown when crisis language is found
    regions: dict[str, Region]
    international: list[Helpline] = Field(min_length=1)


class CrisisRule(ContentModel):
    """All `words` in one sentence, in any order, or the exact `phrase`, signal a crisis.

    Give exactly one of the two. Each item of `words` is a word or a few words that must
    appear together ("kill*", "my life"); the items may come in any order within a sentence.
    A `phrase` is one sequence of words. A trailing `*` on a word matches any word that
    starts with it ("suicid*" matches suicide, suicidal). Text and rules are compared after
    the same normalisation (see `crisis_language.normalise`): lower case, straight apostrophes,
    contractions spelled out ("don't", "dont" -> "do not"; "I'm", "im" -> "i am"), words only.
    """

    words: list[str] = Field(default_factory=list)
    phrase: str | None = None

    @model_validator(mode="after")
    def _words_or_phrase(self) -> "CrisisRule":
        if bool(self.words) == bool(self.phrase):
            raise ValueError("give either `words` or `phrase`, not both or neither")
        return self


class Crisis(ContentModel):
    rules: list[CrisisRule] = Field(min_length=1)
    # Removed before matching ("dying laughing"); same normalisation and `*` as the rules.
    idioms: list[str] = Field(default_factory=list)


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
