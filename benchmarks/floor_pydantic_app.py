"""The pydantic floor: a trivial Typer command that also validates one pydantic model.

Commands that load and validate the whole profile are measured against this one.
"""

from datetime import date

import typer
from pydantic import BaseModel

app = typer.Typer(add_completion=False)


class Entry(BaseModel):
    on: date
    mood: int
    note: str | None = None


@app.command()
def main() -> None:
    entry = Entry.model_validate({"on": "2026-01-01", "mood": 5})
    print("ok", entry.mood)


if __name__ == "__main__":
    app()
