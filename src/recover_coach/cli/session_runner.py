"""The Runner: shows and asks one beat at a time, and saves each answer as it is given.

Prompts are UI; decisions (what comes next, which gate is closed, how answers are keyed)
are the domain's, in program.py. Every answer is saved in its own transaction together
with where the session stands, so Ctrl-C at any prompt keeps everything answered so far.
Each person meets only the beats for their situation (`safety.situation`). An answer that
brought the crisis response is saved marked as such; coaching stops, and nothing after it
praises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from recover_coach import clock, content, gates, program, reflections, safety, storage, ui
from recover_coach.content_models import (
    Action,
    ActionBeat,
    Beat,
    ChooseBeat,
    CommitBeat,
    Content,
    Part,
    PlanBeat,
    ReadBeat,
    RecallBeat,
    ReflectBeat,
    Session,
    Situation,
)
from recover_coach.crisis import crisis_check
from recover_coach.errors import Stopped
from recover_coach.models import AnswerValue, ConversationOutcome, Profile, ReplyOutcome, Track
from recover_coach.program import SessionRef
from recover_coach.views import program as views

T = TypeVar("T")

SOMETHING_ELSE = "Something else (in your own words)"
REPLIES: list[tuple[ReplyOutcome, str]] = [
    ("warm", "Warm: they were glad to hear from me"),
    ("short", "Short or distant"),
    ("none", "No reply, after giving them a few days"),
    ("asked_for_space", "They asked for space, or not to contact them"),
]
NOT_SENT_YET = "I haven't sent it yet"
CONVERSATIONS: list[tuple[ConversationOutcome, str]] = [
    ("lets_try", "We agreed to try again, slowly"),
    ("need_time", "They need time to think"),
    ("no", "They said no"),
]
TRACKS: list[tuple[Track, str]] = [
    ("reconnect", "Keep the door open: Steps 5-7, one careful message when you're ready"),
    ("move_on", "Move on: put yourself first and make a new beginning"),
]


@dataclass(frozen=True)
class Spot:
    """Where a beat sits: its part (for the step number), its session and its index."""

    part: Part
    session: Session
    index: int

    @property
    def beat(self) -> Beat:
        return self.session.beats[self.index]

    @property
    def next_beat(self) -> tuple[int, int]:
        """Where the session stands once this beat is answered: the next beat, first item."""
        return (self.index + 1, 0)


class Runner:
    """One `recover start`: its content, profile and day; saves, shows and asks beat by beat."""

    def __init__(self) -> None:
        self.content: Content = content.load()
        self.profile: Profile = storage.read_profile()
        self.today: date = clock.today(self.profile.settings.day_starts_at)
        self.listed = reflections.listed_sources(self.content)
        self.gentle = False  # crisis language came up in this run: no praise from here on
        self.asked_how_they_are = False  # after crisis language last time, asked at the start

    # --- saving and showing ---------------------------------------------------------------

    def save(self, change: Callable[[Profile], T]) -> T:
        """One transaction: the change is applied to the freshly read profile and saved."""
        with storage.transaction(self.today, on_wait=ui.waiting_to_save()) as tx:
            result = change(tx.profile)
        self.profile = tx.profile
        return result

    def save_at(
        self, spot: Spot, next_at: tuple[int, int] | None, change: Callable[[Profile], T]
    ) -> T:
        """One transaction: the change, and where the session now stands (None: stay put)."""

        def apply(profile: Profile) -> T:
            result = change(profile)
            if next_at is not None:
                program.move_to(profile, spot.session.id, *next_at)
            return result

        return self.save(apply)

    def answer(
        self,
        spot: Spot,
        key: str,
        prompt: str,
        value: AnswerValue | None,
        next_at: tuple[int, int] | None,
        *,
        crisis: bool = False,
    ) -> None:
        """Save one answer as a new dated entry (an empty one is skipped) and move on.

        `crisis`: it held crisis language, so it is kept but never used again.
        """
        moment = clock.now()

        def change(profile: Profile) -> None:
            if value:
                reflections.record_answer(
                    profile, key, spot.part.number, prompt, value, moment, crisis=crisis
                )

        self.save_at(spot, next_at, change)

    def crisis(self, text: str) -> bool:
        found = crisis_check(text, self.profile.settings.region)
        self.gentle = self.gentle or found
        return found

    def show(self, renderable: Any) -> None:
        ui.err().print(renderable)

    def gap(self) -> None:
        """A blank line between beats, so each question stands on its own."""
        ui.err().print()

    def earlier(self, key: str) -> None:
        found = reflections.latest(self.profile, key)
        if found is not None:
            self.show(views.earlier(found))

    # --- one session ----------------------------------------------------------------------

    def run_session(self, ref: SessionRef) -> bool:
        """Run a session from where `ref` points; False when it stopped early (all is saved)."""
        part, session = self.content.session(ref.session)
        resumed = ref.beat > 0 or ref.item > 0
        after_crisis = resumed and reflections.stopped_at_crisis(self.profile, ref.session)
        if after_crisis and not self.carry_on_after_crisis(ref):
            return False
        self.gap()
        self.show(views.session_heading(ref))
        situation = safety.situation(self.profile)
        for index in range(ref.beat, len(session.beats)):
            spot = Spot(part, session, index)
            if not self.meets(spot, situation):
                continue
            self.gap()
            if not self.run_beat(spot, ref.item if index == ref.beat else 0):
                return False
        self.save(lambda p: program.complete_session(p, ref, self.today))
        self.gap()
        praise = not (self.gentle or reflections.held_crisis(self.profile, ref.session))
        self.show(views.session_done(ref, praise=praise))
        return True

    def meets(self, spot: Spot, situation: Situation) -> bool:
        """Whether the person meets this beat: it is for their situation, and one that shows or
        walks through earlier answers has some to use (none: it is skipped without a word)."""
        beat = spot.beat
        if not content.shown_to(beat, situation):
            return False
        if isinstance(beat, RecallBeat):
            return bool(reflections.recall(self.profile, beat.keys))
        if isinstance(beat, ReflectBeat | PlanBeat) and beat.for_each:
            return bool(reflections.expand_for_each(spot.session.id, beat, self.profile))
        return True

    def carry_on_after_crisis(self, ref: SessionRef) -> bool:
        """Coaching stopped at crisis language last time: a caring word, then now or later."""
        self.gentle = True
        if not self.asked_how_they_are:
            self.gap()
            self.show(views.after_crisis())
        if ui.ask_yes_no(views.carry_on(ref), default=False):
            return True
        ui.say(views.come_back_later())
        return False

    def run_beat(self, spot: Spot, first_item: int) -> bool:
        """Show or ask one beat; False when coaching stops after it (all is saved)."""
        match beat := spot.beat:
            case ReadBeat():
                self.show(views.text(beat.text))
                return True
            case RecallBeat():
                self.show(views.recall(beat.text, reflections.recall(self.profile, beat.keys)))
                return True
            case ChooseBeat():
                return self.choose(spot, beat)
            case CommitBeat():
                return self.commit(spot, beat)
            case ActionBeat():
                self.show(views.text(beat.text))
                return ACTIONS[beat.action](self, spot)
            case ReflectBeat() | PlanBeat():
                return self.ask_each(spot, beat, first_item)

    # --- the beats that ask ---------------------------------------------------------------

    def ask_each(self, spot: Spot, beat: ReflectBeat | PlanBeat, first_item: int) -> bool:
        """A reflect or plan beat, once, or once per item of the earlier answer it walks through."""
        pairs = reflections.expand_for_each(spot.session.id, beat, self.profile)
        for number, (item, key) in enumerate(pairs):
            if number < first_item:
                continue
            if number > first_item:
                self.gap()
            next_at = (spot.index, number + 1) if number + 1 < len(pairs) else spot.next_beat
            prompt = reflections.item_prompt(beat.prompt, item)
            self.earlier(key)
            if isinstance(beat, PlanBeat):
                self.show(views.text(prompt, "bold"))
                going_on = self.plan(spot, key, prompt, beat, next_at)
            else:
                going_on = self.reflect(spot, key, prompt, beat, next_at)
            if not going_on:
                return False
        return True

    def reflect(
        self, spot: Spot, key: str, prompt: str, beat: ReflectBeat, next_at: tuple[int, int]
    ) -> bool:
        if reflections.answer_key(spot.session.id, beat.id) in self.listed:
            text = self.ask_list(spot, key, prompt, beat.hint)
        else:
            text = ui.ask_text(prompt, hint=beat.hint)
        crisis = self.crisis(text)
        self.answer(spot, key, prompt, text, next_at, crisis=crisis)
        return not crisis

    def ask_list(self, spot: Spot, key: str, prompt: str, hint: str | None) -> str:
        """Several items, one per line, for a question a later step walks through item by item."""
        lines: list[str] = []
        how = "One per line; an empty line when you're done."
        line = ui.ask_text(prompt, hint=f"{hint} {how}" if hint else how)
        try:
            while line:
                lines.append(line)
                line = ui.ask_more()
        except Stopped:
            # Keep what was already written, then stop as the person asked.
            text = "\n".join(lines)
            self.answer(spot, key, prompt, text, None, crisis=self.crisis(text))
            raise
        return "\n".join(lines)

    def plan(
        self, spot: Spot, key: str, prompt: str, beat: PlanBeat, next_at: tuple[int, int]
    ) -> bool:
        values: dict[str, str] = {}
        for plan_field in beat.fields:
            try:
                text = ui.ask_text(plan_field.label, hint=plan_field.hint)
            except Stopped:
                # Keep the fields already written; the beat is asked again next time.
                self.answer(spot, key, prompt, values, None)
                raise
            if text:
                values[plan_field.label] = text
            if self.crisis(text):
                self.answer(spot, key, prompt, values, next_at, crisis=True)
                return False
        self.answer(spot, key, prompt, values, next_at)
        return True

    def choose(self, spot: Spot, beat: ChooseBeat) -> bool:
        key = reflections.answer_key(spot.session.id, beat.id)
        self.earlier(key)
        labels = [option.label for option in beat.options]
        offered = [*labels, SOMETHING_ELSE] if beat.other else labels
        picked = ui.ask_choice(
            beat.prompt, offered, multiple=beat.multiple, allow_none=beat.multiple
        )
        chosen = [labels[i] for i in picked if i < len(labels)]
        crisis = False
        if len(labels) in picked:
            try:
                own = ui.ask_text("In your own words:")
            except Stopped:
                # Keep the options already picked; the question is asked again next time.
                kept = chosen if beat.multiple else (chosen[0] if chosen else None)
                self.answer(spot, key, beat.prompt, kept, None)
                raise
            crisis = self.crisis(own)
            if own:
                chosen.append(own)
        value: AnswerValue | None = chosen if beat.multiple else (chosen[0] if chosen else None)
        self.answer(spot, key, beat.prompt, value, spot.next_beat, crisis=crisis)
        return not crisis

    def commit(self, spot: Spot, beat: CommitBeat) -> bool:
        key = reflections.answer_key(spot.session.id, beat.id)
        self.earlier(key)
        labels = [pledge.label for pledge in beat.pledges]
        picked = ui.ask_choice(
            f"{beat.prompt} (pick the ones you'll keep)", labels, multiple=True, allow_none=True
        )
        self.answer(spot, key, beat.prompt, [labels[i] for i in picked], spot.next_beat)
        return True

    # --- the actions, after the beat's text (dispatched through ACTIONS below) -------------

    def begin_no_contact(self, spot: Spot) -> bool:
        began = self.save_at(
            spot, spot.next_beat, lambda p: program.begin_no_contact(p, self.today)
        )
        self.show(views.no_contact_began(self.profile.no_contact.started_on, began))
        return True

    def choose_track(self, spot: Spot) -> bool:
        if safety.reconnect_closed(self.profile):
            self.show(views.text(gates.SAFETY_CLOSED))
            track: Track = "move_on"
        else:
            labels = [label for _, label in TRACKS]
            track = TRACKS[ui.ask_choice("Which path feels right for now?", labels)[0]][0]
        self.save_at(
            spot, spot.next_beat, lambda p: program.switch_track(p, self.content, track, self.today)
        )
        return True

    def record_reply(self, spot: Spot) -> bool:
        labels = [label for _, label in REPLIES]
        picked = ui.ask_choice("How did they answer?", [*labels, NOT_SENT_YET])[0]
        if picked == len(REPLIES):
            # Park the session on this beat, so the next run asks it again.
            self.save_at(spot, (spot.index, 0), lambda p: None)
            ui.say(
                "That's fine. Send it when you're ready, give them a few days, then run "
                "`recover start` to note how they answered."
            )
            return False
        reply = REPLIES[picked][0]
        self.save_at(spot, spot.next_beat, lambda p: program.record_reply(p, reply))
        if reply in program.REPLY_ENDS_CONTACT:
            self.show(views.text(views.RESPECT_NO))
        return True

    def record_conversation(self, spot: Spot) -> bool:
        labels = [label for _, label in CONVERSATIONS]
        outcome = CONVERSATIONS[ui.ask_choice("How did the conversation end?", labels)[0]][0]
        self.save_at(spot, spot.next_beat, lambda p: program.record_conversation(p, outcome))
        if outcome == "no":
            self.show(views.text(views.RESPECT_NO))
        return True

    def finish_program(self, spot: Spot) -> bool:
        self.save_at(spot, spot.next_beat, lambda p: program.finish(p, self.today))
        return True


ACTIONS: dict[Action, Callable[[Runner, Spot], bool]] = {
    "begin_no_contact": Runner.begin_no_contact,
    "choose_track": Runner.choose_track,
    "record_reply": Runner.record_reply,
    "record_conversation": Runner.record_conversation,
    "finish_program": Runner.finish_program,
}
