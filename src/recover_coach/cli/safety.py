"""`recover safety`: the relationship-safety questions again, at any time."""

from __future__ import annotations

from recover_coach.cli.flags import NoInput

INSTEAD = (
    "Without one, `recover support` shows the helplines for your region, and "
    "`recover progress --json` shows which steps are closed."
)


def safety(no_input: NoInput = False) -> None:
    """Answer the safety questions again, whenever something comes back to mind.

    Things can surface later, or look different with time.
    A new "yes" closes Steps 5 to 7 (reaching out) for good;
    a new "no" never reopens them. Each answer is saved as you go.

    Example:
      recover safety
    """
    from recover_coach import ui
    from recover_coach.cli import onboarding
    from recover_coach.cli.session_runner import Runner

    ui.require_terminal("safety", INSTEAD, no_input=no_input)
    onboarding.ask_screen(Runner(), again=True)
