"""What the daily commands show: after a check-in or a slip, the history, and the urge SOS.

Plain words that read the same without colour; anything the person wrote is shown as text,
never interpreted as markup. Only the timeline is drawn with Rich (imported when drawn): a
check-in from a script never pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from recover_coach import ui
from recover_coach.checkins import Outcome
from recover_coach.models import CheckIn, ContactKind, SelfCareItem, Slip, Urge
from recover_coach.slips import SlipOutcome
from recover_coach.streak import StreakFigures
from recover_coach.timeline import Entry
from recover_coach.views.words import days, minutes

if TYPE_CHECKING:
    from rich.console import RenderableType

CONTACT_LABELS: dict[ContactKind, str] = {
    "none": "No contact",
    "ignored": "They reached out and I did not answer",
    "necessary": "Necessary contact only (children, lease, work)",
    "slip": "I reached out or answered",
}
CONTACT_SHORT: dict[ContactKind, str] = {
    "none": "no contact",
    "ignored": "they reached out, not answered",
    "necessary": "necessary contact",
    "slip": "reached out or answered",
}
SELFCARE_LABELS: dict[SelfCareItem, str] = {
    "sleep": "Slept enough",
    "food": "Ate something nourishing",
    "movement": "Moved my body",
    "people": "Spent time with people who care about me",
    "enjoyable": "Did something I enjoy",
}
NEED_LABELS: dict[str, str] = {
    "reassurance": "Reassurance",
    "closure": "Closure",
    "apology": "An apology (to give or to get)",
    "reaction": "A reaction from them",
    "other": "Something else",
}
# A hard day: one small thing they have not done yet, in this order.
SELFCARE_SUGGESTIONS: dict[SelfCareItem, str] = {
    "people": "Could you send a short message to a friend or family member on your side?",
    "movement": "A ten-minute walk or a slow stretch can take a little of the weight off.",
    "food": "Something warm and nourishing to eat is a kind thing to do for yourself now.",
    "sleep": "An early night, with your phone in another room, can make tomorrow lighter.",
    "enjoyable": "Is there one small thing you enjoy that you could give ten minutes to?",
}
NEED_REPLIES: dict[str, str] = {
    "reassurance": "Reassurance can come from people on your side. Who could you talk to today?",
    "closure": "Closure is something you can give yourself, a little at a time, in your own words.",
    "apology": "An apology, given or wanted, lands better after time apart. The draft will keep.",
    "reaction": "Wanting a reaction is the hurt talking. The space you are keeping is worth more.",
    "other": "Whatever it is after, it will still be here tomorrow, and so will your draft.",
}
SLIP_QUESTIONS: dict[str, str] = {  # SlipAnswers field -> question
    "time_of_day": "About what time was it?",
    "feeling": "How were you feeling just before?",
    "made_it_easy": "What made contact easy (a message from them, a night alone, their number)?",
}
STRENGTH_BEFORE = "How strong is the urge right now? 0 none, 10 very strong"
STRENGTH_AFTER = "And how strong is it now?"
DRAFT_PROMPT = "Write the message you want to send, if you like (Enter to skip)."
DRAFT_HINT = "It is saved here, on this computer, as an unsent draft. It is never sent."
NEED_PROMPT = "What is the message really after?"
REASON_LABELS: dict[str, str] = {  # urges.REASON_SOURCES -> how each is introduced
    "1c.instead:reminder": "What you will tell yourself",
    "1c.instead:do_instead": "What you will do instead",
    "1c.instead:person": "Who you could message instead",
    "2a.who": "Who you want to be",
    "2a.kindness": "What you would tell a friend",
}
LOW_MOOD = 3
STRONG_URGE = 7


def streak_line(figures: StreakFigures) -> str:
    if figures.started_on is None:
        return "Your no-contact period has not begun yet: Step 1 of `recover start` begins it."
    slips = (
        "no slips"
        if figures.slips == 0
        else f"{figures.slips} slip" + ("s" if figures.slips > 1 else "")
    )
    return (
        f"No contact: {days(figures.current_days)} "
        f"(longest {days(figures.longest_days)}, {slips}, goal {figures.goal_days})"
    )


def milestone_line(figures: StreakFigures) -> str | None:
    if figures.milestone_today is None:
        return None
    return f"{days(figures.milestone_today)} without contact: a milestone. Take a moment with it."


def answer_line(check_in: CheckIn, today: date) -> str:
    """One line that answers what they said, the most pressing thing first."""
    if check_in.contact == "slip":
        command = "recover slip" if check_in.on == today else f"recover slip --date {check_in.on}"
        return (
            "A slip does not undo the days before it. When you are ready: what made reaching "
            f"out feel easy (the time, the feeling, the access)? `{command}` adds your answers "
            "to this slip."
        )
    if check_in.urge is not None and check_in.urge >= STRONG_URGE:
        return "That urge sounds strong. Before you reach for your phone, try `recover urge`."
    if check_in.mood <= LOW_MOOD:
        for item, suggestion in SELFCARE_SUGGESTIONS.items():
            if item not in check_in.selfcare:
                return f"A hard day. {suggestion}"
        return "A hard day, and you still looked after yourself. Be gentle with yourself tonight."
    if check_in.contact == "ignored":
        return "They reached out and you kept your space. That took strength."
    if check_in.checked_socials:
        return (
            "Looking at their profile keeps the wound open; muting them can make tomorrow easier."
        )
    return "Thank you for checking in. Small days add up."


def not_a_slip_yet(started_on: date | None) -> str:
    began = started_on.isoformat() if started_on else "later"
    return (
        f"That day is before your no-contact period began ({began}), so contact then "
        "was not a slip. Please pick the closest other answer."
    )


def checkin_summary(outcome: Outcome, today: date) -> str:
    day = outcome.check_in.on
    when = "today" if day == today else day.isoformat()
    first = (
        f"Updated your check-in for {when}; what you wrote earlier is kept."
        if outcome.updated
        else f"Checked in for {when}."
    )
    lines = [first, streak_line(outcome.streak)]
    milestone = milestone_line(outcome.streak)
    if milestone:
        lines.append(milestone)
    lines.append(answer_line(outcome.check_in, today))
    return "\n".join(lines)


def slip_summary(outcome: SlipOutcome) -> str:
    slip = outcome.slip
    figures = outcome.streak
    first = (
        f"Added to the slip recorded for {slip.on.isoformat()}."
        if outcome.updated
        else f"Slip recorded for {slip.on.isoformat()}."
    )
    lines = [
        first,
        "A slip is part of recovering, not the end of it. The days you kept are still yours, "
        f"and your longest stretch is {days(figures.longest_days)}.",
        streak_line(figures),
    ]
    if slip.time_of_day or slip.feeling or slip.made_it_easy:
        lines.append(
            "Thank you for looking at what led to it; that is how the next urge gets easier."
        )
    else:
        lines.append(
            "When you are ready: what time was it, how did you feel, and what made contact easy?"
        )
    return "\n".join(lines)


def slip_undone(day: date, figures: StreakFigures) -> str:
    return f"Removed the slip recorded for {day.isoformat()}.\n{streak_line(figures)}"


# The timeline.


def timeline_table(entries: Sequence[Entry]) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    if not entries:
        return Text("Nothing recorded yet. `recover checkin` takes under a minute.")
    table = Table(show_edge=False, box=None, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("Date", no_wrap=True)
    table.add_column("What", no_wrap=True)
    table.add_column("Details")
    for entry in entries:
        table.add_row(entry.on.isoformat(), entry.kind, Text(_details(entry.record)))
    return table


def _details(record: CheckIn | Slip | Urge) -> str:
    if isinstance(record, CheckIn):
        parts = [f"mood {record.mood}", CONTACT_SHORT[record.contact]]
        if record.checked_socials:
            parts.append("checked their social media")
        if record.urge is not None:
            parts.append(f"urge {record.urge}")
        if record.selfcare:
            parts.append("self-care: " + ", ".join(record.selfcare))
        notes = [record.note] if record.note else []
    elif isinstance(record, Slip):
        parts = ["from a check-in" if record.from_checkin else "recorded"]
        answers = (
            ("time", record.time_of_day),
            ("feeling", record.feeling),
            ("made it easy", record.made_it_easy),
            ("note", record.note),
        )
        notes = [f"{label}: {value}" for label, value in answers if value]
    else:
        strength = f"strength {record.before}"
        if record.after is not None:
            strength += f" -> {record.after}"
        parts = [strength]
        if record.paused_seconds:
            parts.append(f"paused {minutes(record.paused_seconds)}")
        if record.need:
            parts.append("after " + NEED_LABELS.get(record.need, record.need).lower())
        if record.draft:
            parts.append("unsent draft kept")
        notes = []
    return ui.printable("\n".join([" · ".join(parts), *notes]))


# The urge SOS.


def urge_intro(figures: StreakFigures, reasons: Sequence[tuple[str, str]]) -> str:
    lines = ["Take a breath. You opened this instead of sending a message: that already counts."]
    if figures.started_on is not None:
        lines.append(streak_line(figures))
    if reasons:
        lines.append("In your own words:")
        lines.extend(
            f"  {REASON_LABELS.get(source, 'You wrote')}: {text}" for source, text in reasons
        )
    return "\n".join(lines)


def pause_intro(seconds: int) -> str:
    return (
        f"Let's wait {minutes(seconds)} together. Urges rise, peak and pass. "
        "Breathe with the line below; press Enter or Ctrl-C to skip."
    )


def urge_saved(urge: Urge) -> str:
    lines = []
    if urge.draft:
        lines.append("Your draft is saved here, on this computer. Nothing was sent.")
    if urge.after is not None:
        if urge.after < urge.before:
            lines.append(f"The urge went from {urge.before} to {urge.after}. You rode it out.")
        else:
            lines.append(
                f"It is still at {urge.after}, and that is all right. Another pause, a walk or a "
                "call to a friend can help it pass."
            )
    else:
        lines.append(f"Logged an urge of {urge.before} out of 10.")
    if urge.need:
        lines.append(NEED_REPLIES.get(urge.need, NEED_REPLIES["other"]))
    return "\n".join(lines)


def saved_after_crisis() -> str:
    return "What you wrote is saved."
