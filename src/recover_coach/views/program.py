"""How the program looks: session text, earlier answers, closed gates, progress and the journal.

Everything here reads well without colour (NO_COLOR, TERM=dumb, pipes); styles only add.
User text is always printed as plain text, never as Rich markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from recover_coach import ui
from recover_coach.gates import StepStatus
from recover_coach.models import Answer, AnswerValue, Reflection, Settings
from recover_coach.program import Progress, SessionRef

EARLIER_CHARS = 160
RESPECT_NO = (
    "Thank you for respecting their answer. That takes strength, and recover won't help send "
    "another message. Your own path goes on, and it can still be a good one."
)
MOVE_ON_OFFER = (
    "The move-on path keeps everything you've done in Steps 1-4 and ends with the final "
    "thoughts: a new beginning, centred on you."
)
STATUS_MARK = {"done": "✓ done", "open": "→ open", "locked": "· locked"}


def _day(moment: date | datetime) -> str:
    return f"{moment:%d %b %Y}".lstrip("0")


def answer_text(value: AnswerValue) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(value) if value else "(none)"
    return "; ".join(f"{label} {text}" for label, text in value.items())


def step_name(ref: SessionRef) -> str:
    return f"Step {ref.step}: {ref.step_title}" if ref.is_step else ref.step_title


def text(body: str, style: str = "") -> Text:
    """Plain text, never markup, with any control characters the person typed made visible."""
    return Text(ui.printable(body.strip()), style=style)


def session_heading(ref: SessionRef) -> RenderableType:
    title = f"{step_name(ref)} · {ref.title} · about {ref.minutes} min"
    if ref.beat or ref.item:
        return Group(Rule(title), text("Picking up where you left off.", "dim"))
    return Rule(title)


def onboarding_heading() -> RenderableType:
    return Rule("Getting started")


def earlier(answer: Answer) -> Text:
    shown = answer_text(answer.value).replace("\n", " / ")
    if len(shown) > EARLIER_CHARS:
        shown = shown[: EARLIER_CHARS - 1].rstrip() + "…"
    return text(f"Last time ({_day(answer.at)}): {shown}", "dim")


def recall(intro: str, answers: Sequence[tuple[str, Answer]]) -> RenderableType:
    lines: list[RenderableType] = [text(intro)]
    if not answers:
        lines.append(text("(Nothing written here yet; that's all right.)", "dim"))
    for prompt, answer in answers:
        lines.append(text(f"• {prompt}", "dim"))
        lines.append(_indented(text(answer_text(answer.value)), 2))
    return Group(*lines)


def no_contact_began(started_on: date | None, today_began: bool) -> Text:
    if today_began or started_on is None:
        return text("Saved: today is day 0 of your no-contact period.", "bold")
    return text(
        f"Your no-contact period has been running since {_day(started_on)}; that date stays."
    )


def session_done(ref: SessionRef, *, praise: bool = True) -> Text:
    """The end of a session; never praise after crisis language, only a calm word."""
    if not praise:
        return text(f"“{ref.title}” is saved. There's no hurry with what comes next.")
    return text(f"Well done: “{ref.title}” is finished and saved.", "green")


def next_up(ref: SessionRef) -> str:
    where = f"Step {ref.step}" if ref.is_step else ref.step_title
    return f"Next: “{ref.title}” ({where}, about {ref.minutes} min). Go on now?"


def blocked(status: StepStatus) -> RenderableType:
    """Why a part is not open: what it waits for, or, when it will not open, why and where
    the person's path goes instead (never a countdown to a door that stays shut)."""
    name = f"Step {status.number}: {status.title}" if status.is_step else status.title
    heading = f"{name} stays closed." if status.closed_for_good else f"{name} is not open yet."
    lines: list[RenderableType] = [text(heading, "bold")]
    lines += [text(f"• {reason}") for reason in status.locked_because]
    if status.meanwhile:
        lines.append(text(status.meanwhile))
    return Group(*lines)


def finished(on: date | None) -> Text:
    when = f" on {_day(on)}" if on else ""
    return text(
        f"You've finished the program{when}. Revisit any step with `recover start --step N`, "
        "and keep checking in with `recover checkin`."
    )


def progress(report: Progress) -> RenderableType:
    track = "move on" if report.track == "move_on" else "reconnect"
    facts = [f"Path: {track}"]
    if report.no_contact_days is not None:
        facts.append(f"no contact: {report.no_contact_days} of {report.goal_days} days")
    else:
        facts.append("no contact: not begun (Step 1 begins it)")
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("step")
    table.add_column("title")
    table.add_column("status")
    notes: list[RenderableType] = []
    for status in report.steps:
        number = str(status.number) if status.is_step else "·"
        marker = "· closed" if status.closed_for_good else STATUS_MARK[status.status]
        if status.status == "open" and status.sessions_done:
            marker += f" ({status.sessions_done} of {status.sessions_total} sessions)"
        style = "bold" if status.key == report.current_part else ""
        table.add_row(number, Text(status.title, style=style), marker)
    # Why the next gate is closed (Step 5 on the reconnect path): what is pending, and what
    # to do meanwhile. Other locks only wait for the step before them, as the table shows.
    gated = [s for s in report.steps if s.status == "locked" and s.meanwhile]
    shown = next((s for s in report.steps if s.key == report.current_part), None)
    if shown is None or shown.status != "locked":
        shown = gated[0] if gated and report.track == "reconnect" else None
    if shown is None:  # on any path, say once why reconnecting is closed for good
        shown = next((s for s in report.steps if s.closed_for_good), None)
    if shown is not None:
        notes += [blocked(shown), text("")]
    if report.next_session:
        notes.append(
            text(
                f"Next session: {step_name(report.next_session)} · "
                f"{report.next_session.title} — run `recover start`."
            )
        )
    elif report.finished_on:
        notes.append(finished(report.finished_on))
    elif not report.onboarded:
        notes.append(text("Begin with `recover start`."))
    return Group(text(" · ".join(facts)), text(""), table, text(""), *notes)


def journal(groups: Sequence[tuple[int, str, Sequence[Reflection]]]) -> RenderableType:
    if not groups:
        return text("Nothing written yet. Your answers from `recover start` will appear here.")
    parts: list[RenderableType] = []
    for _, title, reflections in groups:
        parts.append(Rule(title))
        for reflection in reflections:
            parts.append(text(reflection.prompt, "bold"))
            for entry in reflection.entries:
                parts.append(_indented(text(_day(entry.at), "dim"), 2))
                parts += [_indented(text(line), 4) for line in _entry_lines(entry.value)]
            parts.append(text(""))
    return Group(*parts)


def _entry_lines(value: AnswerValue) -> list[str]:
    if isinstance(value, str):
        return value.splitlines() or [""]
    if isinstance(value, list):
        return [f"• {item}" for item in value] or ["(none)"]
    return [f"{label} {answer}" for label, answer in value.items()]


def _indented(renderable: RenderableType, spaces: int) -> Padding:
    return Padding(renderable, (0, 0, 0, spaces), expand=False)


def settings(values: Settings, region_name: str) -> RenderableType:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("key")
    table.add_column("value")
    table.add_row("region", f"{values.region} ({region_name})" if values.region else region_name)
    table.add_row("goal_days", str(values.goal_days))
    table.add_row("day_starts_at", values.day_starts_at.strftime("%H:%M"))
    return table


def after_crisis() -> Text:
    """Back in a session that stopped at crisis language: a caring word before anything else."""
    return text(
        "Last time, you wrote something that sounded very painful, and we paused there. "
        "How are you now? If those thoughts are still with you, you don't have to carry them "
        "alone: `recover support` shows people you can talk to, at any hour, and "
        "`recover safety-plan` helps you make a plan for moments like that."
    )


def carry_on(ref: SessionRef) -> str:
    return f"Carry on with “{ref.title}” now? Later is fine too."


def come_back_later() -> str:
    return "That's all right. It will be here whenever you're ready: `recover start` picks it up."
