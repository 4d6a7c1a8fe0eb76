"""The built wheel carries the program's content and works outside the checkout.

An editable install finds `content/` in the checkout, so only a real wheel, installed
somewhere else and run from another folder, shows that `pip install .` and `pipx install`
work. Building needs the build backend (hatchling) from PyPI; the installed wheel's own
dependencies come from this test environment through a .pth file, so installing is offline.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from recover_coach import __version__

ROOT = Path(__file__).resolve().parents[1]
NETWORK_TROUBLE = re.compile(
    r"NewConnectionError|Temporary failure in name resolution|Network is unreachable|"
    r"No matching distribution found for hatchling|Could not find a version that satisfies"
)

pytestmark = pytest.mark.packaging


def run(
    args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        cwd=cwd,
        env=env,
    )


def build_wheel(into: Path) -> Path:
    built = run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-w", str(into)])
    output = built.stdout + built.stderr
    if built.returncode != 0 and NETWORK_TROUBLE.search(output):
        pytest.skip("cannot build the wheel: the build backend could not be fetched from PyPI")
    assert built.returncode == 0, output[-2000:]
    (wheel,) = into.glob("recover_coach-*.whl")
    return wheel


def venv_with_wheel(folder: Path, wheel: Path) -> tuple[Path, Path]:
    """A fresh venv holding the wheel; its dependencies come from the current environment."""
    made = run([sys.executable, "-m", "venv", "--without-pip", str(folder)])
    assert made.returncode == 0, made.stderr
    bin_dir = folder / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    installed = run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", str(wheel)]
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib.stdout.strip()) / "deps-from-test-env.pth").write_text("\n".join(sorted(ours)))
    return python, bin_dir


def test_the_wheel_ships_the_content_and_runs_from_another_folder(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "recover_coach/content/onboarding.toml" in names
    assert "recover_coach/content/support.toml" in names
    steps = {n for n in names if re.fullmatch(r"recover_coach/content/steps/[^/]+\.toml", n)}
    assert len(steps) == 7, sorted(steps)

    python, bin_dir = venv_with_wheel(tmp_path / "venv", wheel)
    recover = bin_dir / ("recover.exe" if os.name == "nt" else "recover")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "RECOVER_CONTENT"}

    where = run(
        [str(python), "-c", "import recover_coach; print(recover_coach.__file__)"],
        cwd=elsewhere,
        env=env,
    )
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where.stdout

    version = run([str(recover), "--version"], cwd=elsewhere, env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"recover {__version__}"

    checked = run([str(recover), "content", "check"], cwd=elsewhere, env=env)
    assert checked.returncode == 0, checked.stderr
