"""The crisis check every free-text answer goes through, and the notice it shows.

Reads only crisis.toml and support.toml, never the rest of the content or the profile, so
it works when nothing else does. The matching is crisis_language.py's (it can miss things:
see there); this module shows the response for what was found on stderr: for self-harm the
crisis lines, for danger from the ex the emergency number and abuse lines first, for a wish
to hurt the ex the lines for people worried about their own behaviour.
"""

from __future__ import annotations

import contextlib

from recover_coach import ui


def crisis_check(text: str, region: str) -> bool:
    """True when `text` holds crisis language; the response is then already on stderr.

    The caller saves the answer and stops coaching.
    """
    if not text.strip():
        return False  # nothing written: nothing to check, and no content to load
    from recover_coach import content, crisis_language, safety

    rules = content.load_crisis()
    kinds = crisis_language.crisis_kinds(text, rules)
    if not kinds:
        return False
    from recover_coach.views import crisis as view

    support_content = content.load_support()
    found = safety.resources_for(region, support_content)
    ui.err().print(view.crisis_notice(kinds, found, rules, support_content.crisis_line))
    _remember_to_ask_later()
    return True


HOW_ARE_YOU = (
    "The last time you were here, you wrote something that sounded very painful. "
    "How are you right now?"
)
HOW_ARE_YOU_CHOICES = ("A little better", "About the same", "Not safe right now")


def ask_how_they_are(region: str) -> bool:
    """After crisis language last time, a gentle question before anything else; once.

    At a terminal only: a script never asks, and the question waits for the person.
    Returns True when it asked.
    """
    from recover_coach import clock, content, safety, storage

    if not ui.is_interactive() or storage.read_profile().safety.crisis_noticed_on is None:
        return False
    ui.err().print()
    picked = ui.ask_choice(HOW_ARE_YOU, list(HOW_ARE_YOU_CHOICES))[0]
    if picked == len(HOW_ARE_YOU_CHOICES) - 1:
        from recover_coach.views import crisis as view

        found = safety.resources_for(region, content.load_support())
        ui.err().print(view.reach_out_now(found))
    else:
        ui.say("Thank you for saying how you are. `recover support` is there whenever you need it.")
    with storage.transaction(clock.today(), on_wait=ui.waiting_to_save()) as tx:
        tx.profile.safety.crisis_noticed_on = None
    return True


def _remember_to_ask_later() -> None:
    """Note the day, so the next check-in or start asks how they are. Best effort: the
    response on screen is what matters now, and a busy or broken profile must not hide it."""
    from recover_coach import clock, storage
    from recover_coach.errors import RecoverError

    with (
        contextlib.suppress(RecoverError),
        storage.transaction(clock.today(), lock_timeout=2.0) as tx,
    ):
        tx.profile.safety.crisis_noticed_on = clock.today()
