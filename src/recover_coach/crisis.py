"""The crisis check every free-text answer goes through, and the notice it shows.

Reads only crisis.toml and support.toml, never the rest of the content or the profile, so
it works when nothing else does. The matching is crisis_language.py's (it can miss things:
see there); this module shows the crisis line for the person's region on stderr.
"""

from __future__ import annotations

from recover_coach import ui


def crisis_check(text: str, region: str) -> bool:
    """True when `text` holds crisis language; the crisis line is then already on stderr.

    The caller saves the answer and stops coaching.
    """
    if not text.strip():
        return False  # nothing written: nothing to check, and no content to load
    from recover_coach import content, crisis_language, safety

    if not crisis_language.crisis_in(text, content.load_crisis()):
        return False
    from recover_coach.views import support as view

    support_content = content.load_support()
    found = safety.resources_for(region, support_content)
    ui.err().print(view.crisis_notice(found, support_content.crisis_line))
    return True
