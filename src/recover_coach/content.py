"""Find, read and validate the program's content: the TOML files under `content/`.

Content ships inside the wheel (found with importlib.resources); an editable checkout finds
the top-level `content/` folder; RECOVER_CONTENT points the app at another folder.
Files: onboarding.toml, steps/NN-*.toml (Steps 1-7), moveon.toml, final.toml,
unhealthy.toml, support.toml (helplines), crisis.toml (crisis-language patterns),
safety_plan.toml (the parts of the personal safety plan).
The models they must match are in content_models.py.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import ValidationError

from recover_coach import __version__, paths
from recover_coach.content_models import (
    Beat,
    Content,
    ContentModel,
    Crisis,
    GateCondition,
    Part,
    PartKey,
    PlanBeat,
    RecallBeat,
    ReflectBeat,
    SafetyPlanContent,
    Situation,
    Support,
)
from recover_coach.errors import RecoverError


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
# Loaded on their own, each by the commands that need it.
SUPPORT_FILES = {
    "support": "support.toml",
    "crisis": "crisis.toml",
    "safety_plan": "safety_plan.toml",
}


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
    content, problems = _load_from(content_root(), cached=True)
    if problems or content is None:
        raise RecoverError(
            f"The program's content has a problem: {problems[0]}.",
            "Run `recover content check` for the full list.",
        )
    return content


def check(root: Path) -> list[Problem]:
    """Every problem in a content folder, each with its file and where in it."""
    return check_and_tally(root)[0]


def _load_from(root: Path, *, cached: bool = False) -> tuple[Content | None, list[Problem]]:
    """The content in `root` and every problem in it. `cached`: reuse the files' parsed TOML
    from the last run when none of them changed (parsing is most of the cost of loading);
    it is validated and cross-checked all the same."""
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem(str(root), "folder", "not found")]
    step_files = sorted((root / "steps").glob("*.toml"))
    files = [root / name for name in PROGRAM_FILES.values()] + step_files
    key = _fingerprint(files) if cached else ""
    raw = _kept_parse(key) if cached else None
    if raw is None:
        raw = {field: _read_toml(root / name, problems) for field, name in PROGRAM_FILES.items()}
        raw["steps"] = [_read_toml(path, problems) for path in step_files]
        if problems:
            return None, problems
        if cached:
            _keep_parse(key, raw)
    try:
        content = Content.model_validate(raw)
    except ValidationError as error:
        for item in error.errors():
            problems.append(_locate(item["loc"], item["msg"], step_files))
        return None, problems
    problems.extend(_cross_check(content, step_files))
    return (content if not problems else None), problems


def _kept_parse(key: str) -> dict[str, Any] | None:
    # Storage is imported here only: support.toml and crisis.toml load without the profile's
    # models, so the crisis check and `recover support` stay light.
    from recover_coach import storage

    return storage.read_content_cache(key)


def _keep_parse(key: str, raw: dict[str, Any]) -> None:
    from recover_coach import storage

    storage.keep_content_cache(key, raw)


def _fingerprint(files: list[Path]) -> str:
    """Which files, as they are now, and which recover read them: a change to any is a miss."""
    import hashlib

    seen = [__version__, str(len(files))]
    for path in files:
        info = path.stat()  # a missing file: OSError, and the parse reports it
        seen += [str(path), str(info.st_size), str(info.st_mtime_ns)]
    return hashlib.sha256("\n".join(seen).encode()).hexdigest()


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
    return problems + _check_sessions(content, files)


SITUATIONS: tuple[Situation, ...] = get_args(Situation)
# Gate conditions that keep a part closed for good to people in these situations (gates.py):
# they never reach it, so the part need not speak to them.
CLOSED_FOR_GOOD_TO: dict[GateCondition, tuple[Situation, ...]] = {
    "safety_clear": ("harmed", "own_behaviour", "ex_asked_no_contact"),
    "ex_has_not_asked_for_no_contact": ("ex_asked_no_contact",),
}


def shown_to(beat: Beat, situation: Situation) -> bool:
    """Whether someone in this situation meets the beat; a beat naming none is for everyone."""
    return beat.situations is None or situation in beat.situations


def _reached_by(part: Part) -> tuple[Situation, ...]:
    """The situations whose people can ever reach a part: its gate keeps the others out."""
    requires = part.gate.requires if part.gate else []
    kept_out = {s for r in requires for s in CLOSED_FOR_GOOD_TO.get(r.condition, ())}
    return tuple(situation for situation in SITUATIONS if situation not in kept_out)


def _check_sessions(content: Content, files: dict[PartKey, str]) -> list[Problem]:
    """Unique ids and answer keys; and for each situation on its own, that every session it
    reaches shows it something, and that every `for_each` and `recall` there points at an
    earlier question it was asked."""
    problems: list[Problem] = []
    seen_sessions: set[str] = set()
    answer_keys: set[str] = set()
    asked: dict[Situation, set[str]] = {situation: set() for situation in SITUATIONS}
    for part in content.parts():
        file = files.get(part.key, part.key)
        reach = _reached_by(part)
        for s_index, session in enumerate(part.sessions):
            where = f"sessions[{s_index}]"
            if session.id in seen_sessions:
                problems.append(
                    Problem(file, f"{where}.id", f"session id {session.id!r} is used twice")
                )
            seen_sessions.add(session.id)
            empty = [s for s in reach if not any(shown_to(b, s) for b in session.beats)]
            if empty:
                problems.append(Problem(file, where, f"shows nothing to {_who(empty)}"))
            for b_index, beat in enumerate(session.beats):
                found = _check_beat(beat, session.id, reach, answer_keys, asked)
                problems += [Problem(file, f"{where}.beats[{b_index}]{at}", m) for at, m in found]
    return problems


def _check_beat(
    beat: Beat,
    session_id: str,
    reach: tuple[Situation, ...],
    answer_keys: set[str],
    asked: dict[Situation, set[str]],
) -> list[tuple[str, str]]:
    """(where in the beat, message) for each problem; records the beat's answer key."""
    problems: list[tuple[str, str]] = []
    if beat.situations == []:
        problems.append(
            (
                ".situations",
                "names no situation, so nobody would see this beat "
                "(leave `situations` out to show it to everyone)",
            )
        )
    for ref in _references(beat):
        if ref not in answer_keys:
            problems.append(("", f"refers to {ref!r}, which no earlier question answers"))
            continue
        missing = [s for s in reach if shown_to(beat, s) and ref not in asked[s]]
        if missing:
            problems.append(
                (
                    "",
                    f"refers to {ref!r}, which {_who(missing)} is never asked before this "
                    "beat; narrow this beat's `situations`, or point it at a question they see",
                )
            )
    beat_id = getattr(beat, "id", None)
    if beat_id:
        key = f"{session_id}.{beat_id}"
        if key in answer_keys:
            problems.append((".id", f"answer key {key!r} is used twice"))
        answer_keys.add(key)
        for situation in reach:
            if shown_to(beat, situation):
                asked[situation].add(key)
    return problems


def _references(beat: Beat) -> list[str]:
    """The earlier answers a beat shows or walks through."""
    if isinstance(beat, RecallBeat):
        return beat.keys
    if isinstance(beat, ReflectBeat | PlanBeat) and beat.for_each:
        return [beat.for_each]
    return []


def _who(situations: list[Situation]) -> str:
    names = " or ".join(repr(situation) for situation in situations)
    return f"someone in the {names} situation"


def load_support() -> Support:
    """Only support.toml, so `recover support` works even when other content is broken."""
    return _load_one(content_root(), "support", Support)


def load_crisis() -> Crisis:
    """Only crisis.toml, the crisis-language rules every free-text answer is checked against."""
    return _load_one(content_root(), "crisis", Crisis)


def load_safety_plan() -> SafetyPlanContent:
    """Only safety_plan.toml: the parts of the safety plan, read apart from the program."""
    return _load_one(content_root(), "safety_plan", SafetyPlanContent)


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
        problems += _check_crisis(root)
        problems += _validate_one(root, "safety_plan", SafetyPlanContent)[1]
    if content is None or problems:
        return problems, None
    sessions = [session for part in content.parts() for session in part.sessions]
    questions = sum(1 for s in sessions for beat in s.beats if getattr(beat, "id", None))
    return problems, Tally(len(content.steps), len(sessions), questions)


def _check_crisis(root: Path) -> list[Problem]:
    """crisis.toml's schema, then rules that cannot match as written (an idiom hides them)."""
    from recover_coach import crisis_language

    crisis, problems = _validate_one(root, "crisis", Crisis)
    if crisis is None:
        return problems
    name = SUPPORT_FILES["crisis"]
    return [Problem(name, where, what) for where, what in crisis_language.problems(crisis)]
