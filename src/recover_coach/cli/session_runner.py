"""Runs `recover start`: onboarding, then one session at a time through the ui prompts.

Prompts are UI; decisions (what comes next, which gate is closed, how answers are keyed)
are the domain's, in program.py. Every answer is saved in its own transaction together
with where the session stands, so Ctrl-C at any prompt keeps everything answered so far.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from recover_coach import ui
from recover_coach.cli import onboarding
from recover_coach.crisis import crisis_check
from recover_coach.errors import Stopped

if TYPE_CHECKING:
    from datetime import date

    from recover_coach.content_models import (
        ActionBeat,
        ChooseBeat,
        CommitBeat,
        Content,
        Part,
        PlanBeat,
        ReflectBeat,
        Session,
    )
    from recover_coach.models import (
        AnswerValue,
        ConversationOutcome,
        Profile,
        ReplyOutcome,
        Track,
    )
    from recover_coach.program import Next, SessionRef

INSTEAD = (
    "Without one, these take flags instead: `recover progress`, `recover journal`, "
    "`recover checkin` (with flags), `recover streak set`, `recover config set`."
)
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


def start(step: int | None, track: Track | None) -> None:
    """The whole `recover start`: switch track, onboard once, then run sessions one by one."""
    ui.require_terminal("start", INSTEAD)
    runner = Runner()
    if track is not None:
        runner.switch_track(track)
    if runner.profile.onboarding.completed_on is None and not onboarding.onboard(runner):
        return
    from recover_coach import program

    revisiting = step is not None
    if step is not None:
        ref: SessionRef | None = program.revisit(runner.profile, runner.content, runner.today, step)
    else:
        ref = runner.settle(program.where_next(runner.profile, runner.content, runner.today))
    while ref is not None:
        if not runner.run(ref):
            return  # stopped early (crisis language, or a message not sent yet): all is saved
        upcoming = program.after_session(
            ref, runner.profile, runner.content, runner.today, revisiting=revisiting
        )
        revisiting = (
            revisiting and upcoming.session is not None and upcoming.session.part == ref.part
        )
        ref = runner.offer(upcoming)


class Runner:
    def __init__(self) -> None:
        from recover_coach import clock, content, reflections, storage

        self.content: Content = content.load()
        self.profile: Profile = storage.read_profile()
        self.today: date = clock.today(self.profile.settings.day_starts_at)
        self.listed = reflections.listed_sources(self.content)

    # --- saving ---------------------------------------------------------------------------

    def save(self, change: Callable[[Profile], Any]) -> None:
        """One transaction: the change is applied to the freshly read profile and saved."""
        from recover_coach import storage

        with storage.transaction(self.today) as tx:
            change(tx.profile)
        self.profile = tx.profile

    def crisis(self, text: str) -> bool:
        return crisis_check(text, self.profile.settings.region)

    def show(self, renderable: Any) -> None:
        ui.err().print(renderable)

    def gap(self) -> None:
        """A blank line between beats, so each question stands on its own."""
        ui.err().print()

    # --- track and onboarding -------------------------------------------------------------

    def switch_track(self, track: Track) -> None:
        from recover_coach import program

        changed: list[bool] = []
        self.save(
            lambda p: changed.append(program.switch_track(p, self.content, track, self.today))
        )
        name = "move-on" if track == "move_on" else "reconnect"
        ui.say(
            f"You're on the {name} path now."
            if changed[0]
            else f"You're already on the {name} path."
        )

    # --- between sessions -----------------------------------------------------------------

    def settle(self, upcoming: Next) -> SessionRef | None:
        """The session to run now, or explain why there is none (and offer move-on after a no)."""
        from recover_coach import program
        from recover_coach.views import program as views

        if upcoming.session is not None:
            return upcoming.session
        if upcoming.finished:
            self.show(views.finished(self.profile.program.finished_on))
            return None
        if upcoming.blocked is not None:
            self.show(views.blocked(upcoming.blocked))
        if upcoming.propose_move_on:
            self.show(views.text(views.MOVE_ON_OFFER))
        if upcoming.propose_move_on and ui.ask_yes_no("Take the move-on path now?", default=False):
            self.switch_track("move_on")
            return self.settle(program.where_next(self.profile, self.content, self.today))
        return None

    def offer(self, upcoming: Next) -> SessionRef | None:
        """After a session: say what comes next and ask before starting it (default no)."""
        from recover_coach.views import program as views

        if upcoming.session is None:
            return self.settle(upcoming)
        if ui.ask_yes_no(views.next_up(upcoming.session), default=False):
            return upcoming.session
        ui.say("Come back whenever you like: `recover start` picks up right there.")
        return None

    # --- one session ----------------------------------------------------------------------

    def run(self, ref: SessionRef) -> bool:
        """Run a session from where `ref` points; False when it stopped early (all is saved)."""
        from recover_coach import program, reflections
        from recover_coach.content_models import (
            ActionBeat,
            ChooseBeat,
            CommitBeat,
            ReadBeat,
            RecallBeat,
        )
        from recover_coach.views import program as views

        part, session = self.content.session(ref.session)
        self.gap()
        self.show(views.session_heading(ref))
        for index in range(ref.beat, len(session.beats)):
            beat = session.beats[index]
            spot = Spot(part, session, index)
            self.gap()
            if isinstance(beat, ReadBeat):
                self.show(views.text(beat.text))
            elif isinstance(beat, RecallBeat):
                self.show(views.recall(beat.text, reflections.recall(self.profile, beat.keys)))
            elif isinstance(beat, ChooseBeat):
                going_on = self.choose(spot, beat)
            elif isinstance(beat, CommitBeat):
                going_on = self.commit(spot, beat)
            elif isinstance(beat, ActionBeat):
                going_on = self.act(spot, beat)
            else:
                first_item = ref.item if index == ref.beat else 0
                going_on = self.ask_each(spot, beat, first_item)
            if not isinstance(beat, ReadBeat | RecallBeat) and not going_on:
                return False
        self.save(lambda p: program.complete_session(p, ref, self.today))
        self.gap()
        self.show(views.session_done(ref))
        return True

    def save_at(
        self, spot: Spot, next_at: tuple[int, int] | None, change: Callable[[Profile], Any]
    ) -> None:
        """One transaction: the change, and where the session now stands (None: stay put)."""
        from recover_coach import program

        def apply(profile: Profile) -> None:
            change(profile)
            if next_at is not None:
                program.move_to(profile, spot.session.id, *next_at)

        self.save(apply)

    def answer(
        self,
        spot: Spot,
        key: str,
        prompt: str,
        value: AnswerValue | None,
        next_at: tuple[int, int] | None,
    ) -> None:
        """Save one answer as a new dated entry (an empty one is skipped) and move on."""
        from recover_coach import clock, reflections

        moment = clock.now()

        def change(profile: Profile) -> None:
            if value:
                reflections.record_answer(profile, key, spot.part.number, prompt, value, moment)

        self.save_at(spot, next_at, change)

    def earlier(self, key: str) -> None:
        from recover_coach import reflections
        from recover_coach.views import program as views

        found = reflections.latest(self.profile, key)
        if found is not None:
            self.show(views.earlier(found))

    def ask_each(self, spot: Spot, beat: ReflectBeat | PlanBeat, first_item: int) -> bool:
        """A reflect or plan beat, once, or once per item of the earlier answer it walks through."""
        from recover_coach import reflections
        from recover_coach.content_models import PlanBeat
        from recover_coach.views import program as views

        pairs = reflections.expand_for_each(spot.session.id, beat, self.profile)
        if not pairs:  # nothing to walk through: the earlier question was skipped
            self.save_at(spot, (spot.index + 1, 0), lambda p: None)
        for number, (item, key) in enumerate(pairs):
            if number < first_item:
                continue
            if number > first_item:
                self.gap()
            next_at = (spot.index, number + 1) if number + 1 < len(pairs) else (spot.index + 1, 0)
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
        from recover_coach import reflections

        if reflections.answer_key(spot.session.id, beat.id) in self.listed:
            text = self.ask_list(spot, key, prompt, beat.hint)
        else:
            text = ui.ask_text(prompt, hint=beat.hint)
        crisis = self.crisis(text)
        self.answer(spot, key, prompt, text, next_at)
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
            self.crisis(text)
            self.answer(spot, key, prompt, text, None)
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
                self.answer(spot, key, prompt, values, next_at)
                return False
        self.answer(spot, key, prompt, values, next_at)
        return True

    def choose(self, spot: Spot, beat: ChooseBeat) -> bool:
        from recover_coach import reflections

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
        self.answer(spot, key, beat.prompt, value, (spot.index + 1, 0))
        return not crisis

    def commit(self, spot: Spot, beat: CommitBeat) -> bool:
        from recover_coach import reflections

        key = reflections.answer_key(spot.session.id, beat.id)
        self.earlier(key)
        labels = [pledge.label for pledge in beat.pledges]
        picked = ui.ask_choice(
            f"{beat.prompt} (pick the ones you'll keep)", labels, multiple=True, allow_none=True
        )
        self.answer(spot, key, beat.prompt, [labels[i] for i in picked], (spot.index + 1, 0))
        return True

    def act(self, spot: Spot, beat: ActionBeat) -> bool:
        """An action beat: the content's text, then the change it makes, saved with the position."""
        from recover_coach import program, safety
        from recover_coach.views import program as views

        self.show(views.text(beat.text))
        next_at = (spot.index + 1, 0)
        if beat.action == "begin_no_contact":
            began: list[bool] = []
            self.save_at(
                spot, next_at, lambda p: began.append(program.begin_no_contact(p, self.today))
            )
            self.show(views.no_contact_began(self.profile.no_contact.started_on, began[0]))
        elif beat.action == "choose_track":
            track: Track = "move_on"
            if safety.reconnect_closed(self.profile):
                self.show(views.text(program.SAFETY_CLOSED))
            elif ui.ask_choice(
                "Which path feels right for now?", [label for _, label in TRACKS]
            ) == [0]:
                track = "reconnect"
            self.save_at(
                spot, next_at, lambda p: program.switch_track(p, self.content, track, self.today)
            )
        elif beat.action == "record_reply":
            labels = [label for _, label in REPLIES]
            picked = ui.ask_choice("How did they answer?", [*labels, NOT_SENT_YET])[0]
            if picked == len(REPLIES):
                self.save_at(spot, (spot.index, 0), lambda p: None)
                ui.say(
                    "That's fine. Send it when you're ready, give them a few days, then run "
                    "`recover start` to note how they answered."
                )
                return False
            reply = REPLIES[picked][0]
            self.save_at(spot, next_at, lambda p: program.record_reply(p, reply))
            if reply in program.REPLY_ENDS_CONTACT:
                self.show(views.text(views.RESPECT_NO))
        elif beat.action == "record_conversation":
            labels = [label for _, label in CONVERSATIONS]
            outcome = CONVERSATIONS[ui.ask_choice("How did the conversation end?", labels)[0]][0]
            self.save_at(spot, next_at, lambda p: program.record_conversation(p, outcome))
            if outcome == "no":
                self.show(views.text(views.RESPECT_NO))
        else:  # finish_program
            self.save_at(spot, next_at, lambda p: program.finish(p, self.today))
        return True


class Spot:
    """Where a beat sits: its part (for the step number), its session and its index."""

    def __init__(self, part: Part, session: Session, index: int) -> None:
        self.part = part
        self.session = session
        self.index = index
