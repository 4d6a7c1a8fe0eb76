"""Placeholder: being built."""

from __future__ import annotations

import typer

app = typer.Typer()


@app.callback(invoke_without_command=True)
def config() -> None:
    """Not built yet."""
