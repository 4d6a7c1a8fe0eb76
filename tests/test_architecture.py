"""The layout the README describes is the layout the code has, and its rules hold.

The README's "How the code is laid out" section names every module and which part it
belongs to. These tests read that section and the source (with `ast`, nothing is imported):
every module is listed and every listed module exists; there is no import loop, not even
for types; the domain never imports the CLI, the UI, Rich or storage, and never touches
files; and only storage (storage.py and disk.py) writes.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "recover_coach"
README = ROOT / "README.md"
# What only storage may call: writing, replacing, removing or creating files and folders.
# (A path's own `.replace()` reads like `str.replace` here; `os.replace` is caught.)
WRITING_CALLS = {
    "write_text",
    "write_bytes",
    "unlink",
    "mkdir",
    "chmod",
    "touch",
    "os.replace",
    "os.rename",
    "os.remove",
    "os.fsync",
    "tempfile.mkstemp",
    "shutil.rmtree",
}
# What the domain may not call at all: reading files too.
FILE_CALLS = WRITING_CALLS | {"open", "read_text", "read_bytes", "glob", "iterdir", "exists"}
WRITERS = {"storage.py", "disk.py"}
NOT_FOR_THE_DOMAIN = (
    "recover_coach.cli",
    "recover_coach.ui",
    "recover_coach.views",
    "recover_coach.crisis",
    "recover_coach.storage",
    "recover_coach.disk",
    "recover_coach.summary",
    "recover_coach.content",  # the loader; content_models (the schema) is fine
    "recover_coach.paths",
    "rich",
    "typer",
    "filelock",
    "platformdirs",
)


def layout_section() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"^## How the code is laid out\n(.*?)(?=^## )", text, re.M | re.S)
    assert found, "README.md needs a '## How the code is laid out' section"
    return found.group(1)


def listed_modules(bullet_start: str = "") -> set[str]:
    """Module paths (relative to src/recover_coach) in backticks, in the bullets starting so."""
    bullets = re.split(r"\n(?=- |\n)", layout_section())
    text = "\n".join(bullet for bullet in bullets if bullet.startswith(bullet_start))
    return {name for name in re.findall(r"`([a-z_/]+\.py)`", text) if "tests/" not in name}


def module_files() -> dict[str, Path]:
    return {
        str(path.relative_to(PACKAGE)): path
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py"
    }


def module_name(relative: str) -> str:
    return "recover_coach." + relative.removesuffix(".py").replace("/", ".")


def imports_of(path: Path) -> Iterator[tuple[str, ast.AST]]:
    """Every module an import statement names, with `from x import y` as x.y and x."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, node
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node


def calls_of(path: Path) -> Iterator[str]:
    """Every function or method called: `p.write_text()` gives write_text, `os.replace()`
    gives os.replace and replace."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                yield func.attr
                if isinstance(func.value, ast.Name):
                    yield f"{func.value.id}.{func.attr}"
            elif isinstance(func, ast.Name):
                yield func.id


def test_every_module_is_listed_and_every_listed_module_exists() -> None:
    listed = listed_modules()
    files = set(module_files())
    assert not listed - files, f"README lists modules that are gone: {sorted(listed - files)}"
    assert not files - listed, f"README does not list: {sorted(files - listed)}"


def test_the_domain_is_listed() -> None:
    assert {"program.py", "streak.py", "checkins.py", "safety.py"} <= listed_modules("- **Domain")


DOMAIN = sorted(listed_modules("- **Domain"))


@pytest.mark.parametrize("module", DOMAIN)
def test_the_domain_never_imports_the_cli_the_ui_rich_or_storage(module: str) -> None:
    path = module_files()[module]
    bad = sorted(
        {
            name
            for name, _ in imports_of(path)
            if any(name == banned or name.startswith(banned + ".") for banned in NOT_FOR_THE_DOMAIN)
        }
    )
    assert not bad, f"{module} imports {bad}"


@pytest.mark.parametrize("module", DOMAIN)
def test_the_domain_never_touches_files(module: str) -> None:
    touched = sorted(set(calls_of(module_files()[module])) & FILE_CALLS)
    assert not touched, f"{module} calls {touched}"


def test_only_storage_writes() -> None:
    writers = {
        module: sorted(set(calls_of(path)) & WRITING_CALLS)
        for module, path in module_files().items()
        if module not in WRITERS
    }
    assert {module: calls for module, calls in writers.items() if calls} == {}
    assert set(calls_of(module_files()["disk.py"])) & WRITING_CALLS  # the check can see


def test_there_is_no_import_loop_not_even_for_types() -> None:
    files = module_files()
    names = {module_name(relative): relative for relative in files}
    graph = {
        name: {
            imported
            for imported, _ in imports_of(files[relative])
            if imported in names and imported != name
        }
        for name, relative in names.items()
    }
    loops = []
    for start in graph:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    loops.append(" -> ".join([*path, start]))
                elif nxt not in path:
                    stack.append((nxt, [*path, nxt]))
    assert not loops, loops[0]


def test_a_broken_rule_is_caught(tmp_path: Path) -> None:
    """The checks above can fail: a domain module that writes and imports Rich is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from rich.text import Text\nfrom pathlib import Path\nPath('x').write_text('y')\n",
        encoding="utf-8",
    )
    assert {name for name, _ in imports_of(bad)} >= {"rich.text"}
    assert "write_text" in set(calls_of(bad))
