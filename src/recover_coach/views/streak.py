"""The streak drawn for a person: the figures, the goal, and a calendar of recent weeks.

It reads the same without colour (NO_COLOR, TERM=dumb, a pipe): each kind of day has its own
character, and the calendar falls back to ASCII where the output cannot encode the symbols.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from recover_coach.streak import Mark, StreakFigures
from recover_coach.views.words import days

# (symbol, ASCII fallback, style): shapes differ, so colour is only a help.
SYMBOLS: dict[Mark, tuple[str, str, str]] = {
    Mark.NO_CHECKIN: ("·", ".", "dim"),
    Mark.CHECKED_IN: ("○", "o", "green"),
    Mark.SLIP: ("◆", "*", "yellow"),
    Mark.NOT_YET: (" ", " ", ""),
}
LEGEND = ((Mark.NO_CHECKIN, "no check-in"), (Mark.CHECKED_IN, "checked in"), (Mark.SLIP, "slip"))
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
BAR_CELLS = 20


def streak_view(
    figures: StreakFigures, weeks: list[list[tuple[date, Mark]]], today: date
) -> RenderableType:
    """Everything `recover streak` shows."""
    if figures.started_on is None:
        return not_started()
    if figures.started_on > today:
        return Text(
            f"Your no-contact period begins on {figures.started_on.isoformat()}. This computer's "
            f"date is {today.isoformat()}, earlier than that: if its clock is wrong, set it "
            "right; nothing you recorded is lost."
        )
    encouragement = _encouragement(figures, today)
    return Group(
        Text(f"{days(figures.current_days)} without contact", style="bold"),
        *([encouragement] if encouragement else []),
        Text(""),
        Text(
            f"Longest: {days(figures.longest_days)}    "
            f"No-contact days in all: {figures.total_days}    {_slips(figures)}"
        ),
        _Drawn(lambda ascii_only: _goal_line(figures, ascii_only)),
        *_optional_lines(figures),
        Text(""),
        _Drawn(lambda ascii_only: _calendar(weeks, today, ascii_only)),
    )


def not_started() -> Text:
    return Text(
        "Your no-contact period hasn't begun yet.\n"
        "Begin it with `recover start` (Step 1 sets it up), or, if it began already,\n"
        "`recover streak set --since YYYY-MM-DD`."
    )


def period_begun(figures: StreakFigures) -> str:
    """The line `recover streak set` says once the start is saved."""
    assert figures.started_on is not None
    return (
        f"Saved: no contact since {figures.started_on.isoformat()}, "
        f"day {figures.current_days} today, goal {days(figures.goal_days)}."
    )


def goal_set(figures: StreakFigures) -> str:
    """The line `recover streak set --goal` says once the goal is saved."""
    return f"Saved: your no-contact goal is {days(figures.goal_days)}."


class _Drawn:
    """Text drawn with symbols, or with ASCII where the output's encoding lacks them."""

    def __init__(self, draw: Callable[[bool], Text]) -> None:
        self._draw = draw

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._draw(options.ascii_only)


def _encouragement(figures: StreakFigures, today: date) -> Text | None:
    if figures.current_days == 0 and figures.last_slip_on == today:
        return Text(
            "Today is day 0 again. A slip doesn't undo the days behind you; noticing what "
            "led to it makes the next stretch easier."
        )
    if figures.current_days == 0:
        return Text("Day 0: the first day. Tomorrow is day 1.")
    if figures.goal_reached and figures.current_days == figures.goal_days:
        return Text(f"Today you reach your goal of {days(figures.goal_days)}. That took a lot.")
    if figures.milestone_today:
        return Text(f"Today you reach {days(figures.milestone_today)}. Well done for getting here.")
    return None


def _slips(figures: StreakFigures) -> str:
    if not figures.slips:
        return "Slips: none"
    assert figures.last_slip_on is not None
    return f"Slips: {figures.slips} (last on {figures.last_slip_on.isoformat()})"


def _goal_line(figures: StreakFigures, ascii_only: bool) -> Text:
    done = min(figures.current_days, figures.goal_days)
    filled = done * BAR_CELLS // figures.goal_days
    full, empty = ("#", "-") if ascii_only else ("█", "░")
    line = Text(f"Goal: {done} of {days(figures.goal_days)}  ")
    line.append(full * filled, style="green")
    line.append(empty * (BAR_CELLS - filled), style="dim")
    left = figures.goal_days - figures.current_days
    line.append(f"  {left} to go" if left > 0 else "  reached")
    return line


def _optional_lines(figures: StreakFigures) -> list[Text]:
    lines: list[Text] = []
    if figures.next_milestone is not None:
        wait = figures.next_milestone - figures.current_days
        lines.append(Text(f"Next milestone: {days(figures.next_milestone)}, in {days(wait)}"))
    if figures.days_since_breakup is not None:
        lines.append(Text(f"Since the breakup: {days(figures.days_since_breakup)}"))
    if figures.socials_checked:
        lines.append(
            Text(
                f"Checked their social media: {days(figures.socials_checked)} "
                "(counted on its own, not as slips)"
            )
        )
    return lines


def _calendar(weeks: list[list[tuple[date, Mark]]], today: date, ascii_only: bool) -> Text:
    """Weekdays down, weeks across (oldest left), month names over the weeks they begin."""
    pick = 1 if ascii_only else 0
    margin = 4
    header = [" "] * (margin + 2 * len(weeks) + 3)
    previous_month = None
    free_from = 0
    for column, week in enumerate(weeks):
        monday = week[0][0]
        position = margin + 2 * column
        if monday.month != previous_month and position >= free_from:
            header[position : position + 3] = f"{monday:%b}"
            free_from = position + 4
        previous_month = monday.month
    text = Text("".join(header).rstrip() + "\n")
    for row, weekday in enumerate(WEEKDAYS):
        text.append(weekday.ljust(margin), style="dim")
        for week in weeks:
            day, mark = week[row]
            symbol, fallback, style = SYMBOLS[mark]
            text.append((symbol, fallback)[pick], style=f"{style} bold" if day == today else style)
            text.append(" ")
        text.rstrip()
        text.append("\n")
    text.append("\n")
    for index, (mark, label) in enumerate(LEGEND):
        symbol, fallback, style = SYMBOLS[mark]
        text.append("   " if index else "")
        text.append((symbol, fallback)[pick], style=style)
        text.append(f" {label}")
    return text
