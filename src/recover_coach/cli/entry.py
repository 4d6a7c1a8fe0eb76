"""The `recover` command's entry point: the status bar's answer first, then the Typer app."""

import os
import sys


def main() -> None:
    """Answer `recover streak --json` or `--format` without Typer when it can; else run the app.

    Ctrl-C at any moment, even while Python is still loading recover, stops quietly with
    exit 130: whatever was saved stays saved, and no traceback shows.
    """
    try:
        _speak_utf8()
        # No pydantic plugin installed beside recover (an observability tool, say) gets to
        # see the person's records; and looking them up costs every command ~15 ms.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        if sys.argv[1:2] == ["streak"]:  # the rest never pay for the status bar's imports
            from datetime import datetime

            from recover_coach.cli import status_bar

            if status_bar.answer(sys.argv[1:], datetime.now().astimezone()):  # as clock.now()
                return
        from recover_coach.cli import app

        app.main()
    except KeyboardInterrupt:
        sys.stderr.write("\nrecover: Stopped.\n")
        sys.exit(130)


def _speak_utf8() -> None:
    """Write UTF-8 to pipes and files on every platform (Windows would use its ANSI code page,
    which cannot encode an arrow or an emoji). A console already takes Unicode as it is."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
