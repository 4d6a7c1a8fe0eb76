"""The crisis check every free-text answer goes through, and the notice it shows.

Reads only crisis.toml and support.toml, never the rest of the content or the profile, so
it works when nothing else does. The matching is crisis_language.py's (it can miss things:
see there); this module shows the response for what was found on stderr: for self-harm the
crisis lines, for danger from the ex the emergency number and abuse lines first, for a wish
to hurt the ex the lines for people worried about their own behaviour.
"""

from __future__ import annotations

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
    return True
