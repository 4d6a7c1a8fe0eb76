"""Time recover's commands against the floors they must stay close to, in one interleaved run.

    python benchmarks/run.py                 # 30 rounds, a table, exit 0
    python benchmarks/run.py --check         # exit 1 when a target fails
    python benchmarks/run.py --json          # machine-readable results on stdout
    python benchmarks/run.py --jrnl /tmp/jrnl-venv/bin/jrnl
    python benchmarks/run.py --floors-only --floor-python typer-0.29=/tmp/t29/bin/python

Every case is a fresh process started with subprocess and timed with time.perf_counter.
Cases run round-robin (each round runs every case once, in a rotated order), so a noisy
moment on the machine hits all cases alike; the first round is a warm-up and is dropped.
Medians are compared, as ratios, against three floors: the interpreter floor (`python -c pass`,
Python's own start-up, which the status bar's `recover streak --json` and `--format` must stay
close to), the floor (a one-command Typer app) and the pydantic floor (the same app validating
one model). recover runs as the `recover` entry point installed with this Python (sysconfig's
scripts folder), on profiles that generate_profile.py makes in a temporary folder. A case that
fails is reported as ERROR with the last line of its stderr, never a crash.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
BOX_CHARS = " \t│╭╮╰╯─┃┏┓┗┛━"
CHECKIN_DAYS_AGO = 20  # inside the period of both profiles (the empty one began 40 days ago)
JRNL_CONFIG = """\
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: JOURNAL
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    error: str | None = None
    peak_kib: int | None = None

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.times) * 1000 if self.times and not self.error else None


@dataclass
class Target:
    text: str
    case: str
    baseline: str
    limit: float  # case median <= limit * baseline median; limit 1.0 with strict=True means <
    strict: bool = False


TARGETS = [
    *(
        Target(f"{name} <= 2.5x interpreter floor", name, "interpreter floor", 2.5)
        for name in ("streak --json [5y]", "streak --format [5y]")
    ),
    Target("recover --version <= 1.2x floor", "recover --version", "floor", 1.2),
    *(
        Target(f"{name} <= 1.3x pydantic floor", name, "pydantic floor", 1.3)
        for name in ("progress --json [empty]", "progress --json [5y]")
    ),
    *(
        Target(f"{name} <= 1.5x floor", name, "floor", 1.5)
        for name in (
            "streak --json [empty]",
            "streak --json [5y]",
            "streak --format [empty]",
            "streak --format [5y]",
        )
    ),
    *(
        Target(f"{name} < jrnl -n 1", name, "jrnl -n 1", 1.0, strict=True)
        for name in ("streak --json [5y]", "streak --format [5y]", "streak (pretty) [5y]")
    ),
    Target("checkin [5y] <= 1.1x checkin [empty]", "checkin [5y]", "checkin [empty]", 1.1),
    Target(
        "streak --json [5y] <= 1.1x streak --json [empty]",
        "streak --json [5y]",
        "streak --json [empty]",
        1.1,
    ),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="rounds, the first is warm-up")
    parser.add_argument("--years", type=int, default=5, help="history of the long profile")
    parser.add_argument("--jrnl", help="path to a jrnl executable (default: jrnl on PATH)")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    parser.add_argument("--floors-only", action="store_true", help="time only the floors")
    parser.add_argument(
        "--floor-python",
        action="append",
        default=[],
        metavar="LABEL=PYTHON",
        help="also time the floors under another interpreter (e.g. another Typer version)",
    )
    args = parser.parse_args(argv)
    if args.rounds < 2:
        parser.error("--rounds must be at least 2 (the first is a warm-up)")

    compile_the_package()
    with tempfile.TemporaryDirectory(prefix="recover-bench-") as scratch:
        cases = build_cases(Path(scratch), args)
        for case in cases:
            probe(case)
        measure_memory(cases)
        run_rounds(cases, args.rounds, progress=not args.json)
    results = {case.name: case for case in cases}
    verdicts = [] if args.floors_only else judge(results)
    if args.json:
        print(json.dumps(as_json(cases, verdicts, args.rounds), indent=2))
    else:
        print_table(cases, verdicts, args.rounds)
    # A reference that is not installed (jrnl) is SKIP: it says nothing about recover's budgets.
    failed = any(verdict["status"] == "FAIL" for verdict in verdicts)
    return 1 if args.check and failed else 0


def compile_the_package() -> None:
    """Byte-compile recover as `pip install` does, so every case is timed as installed.

    An editable install under PYTHONDONTWRITEBYTECODE (set on some machines) would otherwise
    recompile recover's source on every run, a cost no installed user pays.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("recover_coach")
    assert spec is not None and spec.origin is not None, "install recover first"
    compileall.compile_dir(Path(spec.origin).parent, quiet=1)


def build_cases(scratch: Path, args: argparse.Namespace) -> list[Case]:
    python = sys.executable
    base_env = {
        **os.environ,
        "NO_COLOR": "1",
        "_TYPER_FORCE_DISABLE_TERMINAL": "1",
        "COLUMNS": "100",
    }
    cases = [
        Case("interpreter floor", [python, "-c", "pass"], base_env),
        Case("floor", [python, str(HERE / "floor_app.py")], base_env),
        Case("pydantic floor", [python, str(HERE / "floor_pydantic_app.py")], base_env),
    ]
    for spec in args.floor_python:
        label, _, other = spec.partition("=")
        cases.append(Case(f"floor ({label})", [other, str(HERE / "floor_app.py")], base_env))
        cases.append(
            Case(
                f"pydantic floor ({label})", [other, str(HERE / "floor_pydantic_app.py")], base_env
            )
        )
    if args.floors_only:
        return cases

    scripts = Path(sysconfig.get_path("scripts"))  # the entry points of this Python's install
    recover = str(scripts / ("recover.exe" if os.name == "nt" else "recover"))
    homes = {"empty": scratch / "empty", "5y": scratch / f"{args.years}y"}
    for label, years in (("empty", 0), ("5y", args.years)):
        made = subprocess.run(
            [
                python,
                str(HERE / "generate_profile.py"),
                "--home",
                str(homes[label]),
                "--years",
                str(years),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0:
            sys.exit(f"generate_profile.py failed: {last_line(made.stderr)}")
    past = (date.today() - timedelta(days=CHECKIN_DAYS_AGO)).isoformat()
    cases.append(Case("recover --version", [recover, "--version"], base_env))
    for label, home in homes.items():
        env = {**base_env, "RECOVER_HOME": str(home)}
        cases += [
            Case(f"progress --json [{label}]", [recover, "progress", "--json"], env),
            Case(f"streak --json [{label}]", [recover, "streak", "--json"], env),
            Case(
                f"streak --format [{label}]", [recover, "streak", "--format", "{current_days}"], env
            ),
            Case(f"streak (pretty) [{label}]", [recover, "streak"], env),
            Case(
                f"checkin [{label}]",
                [recover, "checkin", "--mood", "5", "--contact", "none", "--date", past],
                env,
            ),
        ]
    jrnl = args.jrnl or shutil.which("jrnl")
    if jrnl:
        cases.append(Case("jrnl -n 1", [jrnl, "-n", "1"], jrnl_env(scratch / "jrnl", base_env)))
    else:
        print("note: jrnl not found; pass --jrnl PATH to compare with it", file=sys.stderr)
    return cases


def jrnl_env(folder: Path, base_env: dict[str, str]) -> dict[str, str]:
    """A one-entry journal: jrnl's own start-up floor, the strictest comparison."""
    journal = folder / "journal.txt"
    (folder / "config" / "jrnl").mkdir(parents=True)
    journal.write_text("[2026-01-01 21:00] Walked to the river. Felt lighter.\n\n")
    config = JRNL_CONFIG.replace("JOURNAL", str(journal))
    (folder / "config" / "jrnl" / "jrnl.yaml").write_text(config)
    return {**base_env, "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder)}


def run_once(case: Case) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(
        case.argv,
        env=case.env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    return time.perf_counter() - started, done


def probe(case: Case) -> None:
    """Run a case once untimed: it errors (reported, skipped) or it warms up caches."""
    try:
        _, done = run_once(case)
    except OSError as error:
        case.error = f"cannot run: {error.strerror or error}"
        return
    if done.returncode != 0:
        case.error = f"exit {done.returncode}: {last_line(done.stderr) or last_line(done.stdout)}"


def measure_memory(cases: list[Case]) -> None:
    """Peak resident memory of each case, via GNU time (skipped where it is missing)."""
    gnu_time = Path("/usr/bin/time")
    if not gnu_time.exists():
        return
    for case in cases:
        if case.error:
            continue
        done = subprocess.run(
            [str(gnu_time), "-f", "%M", *case.argv],
            env=case.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        peak = last_line(done.stderr)
        if done.returncode == 0 and peak.isdigit():
            case.peak_kib = int(peak)


def run_rounds(cases: list[Case], rounds: int, *, progress: bool) -> None:
    live = [case for case in cases if not case.error]
    for round_number in range(rounds):
        shift = round_number % max(len(live), 1)
        for case in live[shift:] + live[:shift]:
            if case.error:
                continue
            elapsed, done = run_once(case)
            if done.returncode != 0:
                case.error = f"exit {done.returncode}: {last_line(done.stderr)}"
            elif round_number > 0:  # round 0 is the warm-up
                case.times.append(elapsed)
        if progress:
            print(f"\rround {round_number + 1}/{rounds}", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)


def judge(results: dict[str, Case]) -> list[dict[str, object]]:
    verdicts: list[dict[str, object]] = []
    for target in TARGETS:
        case, baseline = results.get(target.case), results.get(target.baseline)
        verdict: dict[str, object] = {"target": target.text}
        if baseline is None:
            verdict.update(status="SKIP", note=f"{target.baseline} not measured")
        elif case is None or case.median_ms is None:
            verdict.update(
                status="FAIL", note=f"{target.case}: {case.error if case else 'missing'}"
            )
        elif baseline.median_ms is None:
            verdict.update(status="FAIL", note=f"{target.baseline}: {baseline.error}")
        else:
            ratio = case.median_ms / baseline.median_ms
            ok = ratio < target.limit if target.strict else ratio <= target.limit
            verdict.update(status="PASS" if ok else "FAIL", ratio=round(ratio, 3))
        verdicts.append(verdict)
    return verdicts


def print_table(cases: list[Case], verdicts: list[dict[str, object]], rounds: int) -> None:
    medians = {case.name: case.median_ms for case in cases}
    interpreter, floor, pyd = (
        medians.get(name) for name in ("interpreter floor", "floor", "pydantic floor")
    )
    print(
        f"{rounds - 1} timed rounds (1 warm-up dropped), medians; Python {sys.version.split()[0]}"
    )
    header = (
        f"{'case':<34}{'median ms':>10}{'min ms':>9}"
        f"{'x python':>10}{'x floor':>9}{'x pyd':>8}{'peak MB':>9}"
    )
    print(header)
    print("-" * len(header))
    for case in cases:
        if case.median_ms is None:
            print(f"{case.name:<34}  ERROR  {case.error}")
            continue
        median = case.median_ms
        row = f"{case.name:<34}{median:>10.1f}{min(case.times) * 1000:>9.1f}"
        row += f"{median / interpreter:>10.2f}" if interpreter else f"{'-':>10}"
        row += f"{median / floor:>9.2f}" if floor else f"{'-':>9}"
        row += f"{median / pyd:>8.2f}" if pyd else f"{'-':>8}"
        row += f"{case.peak_kib / 1024:>9.1f}" if case.peak_kib else f"{'-':>9}"
        print(row)
    if verdicts:
        print()
        for verdict in verdicts:
            detail = f"{verdict['ratio']:.2f}x" if "ratio" in verdict else verdict.get("note", "")
            print(f"{verdict['status']:<5} {verdict['target']}  ({detail})")


def as_json(cases: list[Case], verdicts: list[dict[str, object]], rounds: int) -> dict[str, object]:
    return {
        "rounds": rounds,
        "warmup_rounds": 1,
        "python": sys.version.split()[0],
        "cases": [
            {
                "name": case.name,
                "argv": [Path(case.argv[0]).name, *case.argv[1:]],
                "median_ms": round(case.median_ms, 2) if case.median_ms is not None else None,
                "min_ms": round(min(case.times) * 1000, 2) if case.times else None,
                "samples": len(case.times),
                "peak_kib": case.peak_kib,
                "error": case.error,
            }
            for case in cases
        ],
        "targets": verdicts,
    }


def last_line(text: str) -> str:
    """The last meaningful line of a command's output, without Rich's panel borders."""
    for line in reversed(text.strip().splitlines()):
        cleaned = line.strip(BOX_CHARS)
        if cleaned:
            return cleaned
    return ""


if __name__ == "__main__":
    sys.exit(main())
