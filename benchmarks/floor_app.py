"""The floor: the cheapest possible Typer command. recover is measured against it."""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main() -> None:
    print("ok")


if __name__ == "__main__":
    app()
