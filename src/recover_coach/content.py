"""Load and validate the program's content: the TOML files under `content/`.

Content ships inside the wheel (found with importlib.resources); an editable checkout finds
the top-level `content/` folder; RECOVER_CONTENT points the app at another folder.
Files: onboarding.toml, steps/NN-*.toml (Steps 1-7), moveon.toml, final.toml,
unhealthy.toml, support.toml (helplines), crisis.toml (crisis-language patterns).
"""

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from recover_coach import paths
from recover_coach.errors import RecoverError

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
HelplineKind = Literal["crisis", "abuse", "own_behaviour", "directory"]


class ContentModel(BaseModel):
    # Validators are built on first use: a command pays only for the content it reads.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Option(ContentModel):
    id: Slug
    label: str


class PlanField(ContentModel):
    id: Slug
    label: str
    hint: str | None = None


class ReadBeat(ContentModel):
    type: Literal["read"]
    text: str


class ReflectBeat(ContentModel):
    """A free-text question. With `for_each`, asked once per item of an earlier answer."""

    type: Literal["reflect"]
    id: Slug
    prompt: str
    hint: str | None = None
    for_each: str | None = None  # an earlier beat's answer key, e.g. "3a.patterns"


class ChooseBeat(ContentModel):
    type: Literal["choose"]
    id: Slug
    prompt: str
    options: list[Option] = Field(min_length=2)
    multiple: bool = True
    other: bool = True  # offer "something else", answered in the person's own words


class CommitBeat(ContentModel):
    type: Literal["commit"]
    id: Slug
    prompt: str
    pledges: list[Option] = Field(min_length=1)


class PlanBeat(ContentModel):
    type: Literal["plan"]
    id: Slug
    prompt: str
    fields: list[PlanField] = Field(min_length=1)
    for_each: str | None = None


class RecallBeat(ContentModel):
    """Shows the person's earlier answers, so later steps build on what they wrote."""

    type: Literal["recall"]
    text: str
    keys: list[str] = Field(min_length=1)


class ActionBeat(ContentModel):
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


class ScreenQuestion(ContentModel):
    id: Slug
    text: str
    closes_reconnect_as: ClosedReason


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
    the same normalisation (see `safety.normalise`): lower case, straight apostrophes,
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


@dataclass(frozen=True)
class Problem:
    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


PROGRAM_FILES = {
    "onboarding": "onboarding.toml",
    "move_on": "moveon.toml",
    "final": "final.toml",
    "unhealthy": "unhealthy.toml",
}
SUPPORT_FILES = {"support": "support.toml", "crisis": "crisis.toml"}


def content_root() -> Path:
    override = paths.content_dir_override()
    if override is not None:
        return override
    from importlib.resources import files

    bundled = Path(str(files("recover_coach") / "content"))
    if bundled.is_dir():
        return bundled
    checkout = Path(__file__).resolve().parents[2] / "content"  # editable install
    if checkout.is_dir():
        return checkout
    raise RecoverError("The program's content is missing.", "Reinstall recover.")


@cache
def load() -> Content:
    """The validated content the app runs on; any problem stops the app with one line."""
    content, problems = _load_from(content_root())
    if problems or content is None:
        raise RecoverError(
            f"The program's content has a problem: {problems[0]}.",
            "Run `recover content check` for the full list.",
        )
    return content


def check(root: Path) -> list[Problem]:
    """Every problem in a content folder, each with its file and where in it."""
    return check_and_tally(root)[0]


def _load_from(root: Path) -> tuple[Content | None, list[Problem]]:
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem(str(root), "folder", "not found")]
    raw: dict[str, Any] = {}
    for field, name in PROGRAM_FILES.items():
        raw[field] = _read_toml(root / name, problems)
    step_files = sorted((root / "steps").glob("*.toml"))
    raw["steps"] = [_read_toml(path, problems) for path in step_files]
    if problems:
        return None, problems
    try:
        content = Content.model_validate(raw)
    except ValidationError as error:
        for item in error.errors():
            problems.append(_locate(item["loc"], item["msg"], step_files))
        return None, problems
    problems.extend(_cross_check(content, step_files))
    return (content if not problems else None), problems


def _read_toml(path: Path, problems: list[Problem]) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        problems.append(Problem(path.name, "file", "missing"))
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(path.name, "syntax", str(error)))
    return {}


def _locate(loc: tuple[int | str, ...], message: str, step_files: list[Path]) -> Problem:
    if loc and loc[0] == "steps" and len(loc) > 1 and isinstance(loc[1], int):
        name = step_files[loc[1]].name if loc[1] < len(step_files) else "steps/"
        return Problem(f"steps/{name}", _dotted(loc[2:]), message)
    if loc and str(loc[0]) in PROGRAM_FILES:
        return Problem(PROGRAM_FILES[str(loc[0])], _dotted(loc[1:]), message)
    return Problem("content", _dotted(loc), message)


def _dotted(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "top level"


def _cross_check(content: Content, step_files: list[Path]) -> list[Problem]:
    problems: list[Problem] = []
    files = {
        part.key: f"steps/{path.name}" for part, path in zip(content.steps, step_files, strict=True)
    }
    files.update({"move_on": "moveon.toml", "final": "final.toml"})
    numbers = [part.number for part in content.steps]
    if numbers != list(range(1, 8)):
        problems.append(
            Problem(
                "steps/", "number", f"steps must be numbered 1-7 in file order, found {numbers}"
            )
        )
    for part, expected in ((content.move_on, "move_on"), (content.final, "final")):
        if part.key != expected:
            problems.append(Problem(files.get(part.key, expected), "key", f"must be {expected!r}"))
    seen_sessions: set[str] = set()
    answer_keys: set[str] = set()
    for part in content.parts():
        file = files.get(part.key, part.key)
        for s_index, session in enumerate(part.sessions):
            where = f"sessions[{s_index}]"
            if session.id in seen_sessions:
                problems.append(
                    Problem(file, f"{where}.id", f"session id {session.id!r} is used twice")
                )
            seen_sessions.add(session.id)
            for b_index, beat in enumerate(session.beats):
                beat_where = f"{where}.beats[{b_index}]"
                refs = (
                    [beat.for_each]
                    if isinstance(beat, ReflectBeat | PlanBeat) and beat.for_each
                    else []
                )
                if isinstance(beat, RecallBeat):
                    refs = beat.keys
                for ref in refs:
                    if ref not in answer_keys:
                        problems.append(
                            Problem(
                                file,
                                beat_where,
                                f"refers to {ref!r}, which no earlier question answers",
                            )
                        )
                beat_id = getattr(beat, "id", None)
                if beat_id:
                    key = f"{session.id}.{beat_id}"
                    if key in answer_keys:
                        problems.append(
                            Problem(file, f"{beat_where}.id", f"answer key {key!r} is used twice")
                        )
                    answer_keys.add(key)
    return problems


def load_support() -> Support:
    """Only support.toml, so `recover support` works even when other content is broken."""
    return _load_one(content_root(), "support", Support)


def load_crisis() -> Crisis:
    """Only crisis.toml, the crisis-language rules every free-text answer is checked against."""
    return _load_one(content_root(), "crisis", Crisis)


ContentT = TypeVar("ContentT", bound=ContentModel)


def _load_one(root: Path, field: str, model: type[ContentT]) -> ContentT:
    # Not cached: one small file, and a fresh read never serves another folder's content.
    found, problems = _validate_one(root, field, model)
    if found is None:
        raise RecoverError(
            f"The program's content has a problem: {problems[0]}.",
            "Run `recover content check` for the full list.",
        )
    return found


def _validate_one(
    root: Path, field: str, model: type[ContentT]
) -> tuple[ContentT | None, list[Problem]]:
    name = SUPPORT_FILES[field]
    problems: list[Problem] = []
    raw = _read_toml(root / name, problems)
    if problems:
        return None, problems
    try:
        return model.model_validate(raw), []
    except ValidationError as error:
        return None, [Problem(name, _dotted(item["loc"]), item["msg"]) for item in error.errors()]


@dataclass(frozen=True)
class Tally:
    """What a content folder holds, for `recover content check`."""

    steps: int
    sessions: int
    questions: int  # beats whose answer is saved (reflect, choose, commit, plan)


def check_and_tally(root: Path) -> tuple[list[Problem], Tally | None]:
    """Every problem in a content folder and, when there are none, what it holds."""
    content, problems = _load_from(root)
    if root.is_dir():
        problems += _validate_one(root, "support", Support)[1]
        problems += _validate_one(root, "crisis", Crisis)[1]
    if content is None or problems:
        return problems, None
    sessions = [session for part in content.parts() for session in part.sessions]
    questions = sum(1 for s in sessions for beat in s.beats if getattr(beat, "id", None))
    return problems, Tally(len(content.steps), len(sessions), questions)
