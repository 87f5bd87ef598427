"""Start-up budget of the commands typed by hand, as ratios to a bare `python -c pass`.

Runs every command many times in one run, interleaved so that load on the machine hits all
of them alike, and prints the median wall time and its ratio to the floor. Budgets (issue:
`hitrack status` typed all day must feel instant):

- `hitrack status` on the bundled data, replayed (unchanged data): at most 3x;
- `hitrack --help`: at most 3x;
- `hitrack status` after a data edit (a copy of the bundled plan, a value of one actuals
  file changed before each run to one never seen, the caches on; the same command line as
  before the edit, whose options `memo.remember` kept): at most 15x (issue 21);
- the same after an edit with a command line never seen before (a new `--width`: Typer
  reads it) is shown for reference;
- `hitrack status` with the cache off is shown for reference (it parses and validates), and
  so is a `status` that cannot be replayed (a new `--width` each run) but finds the
  validated dataset in the cache: Typer, Rich and the JSON entry, without PyYAML or Pydantic.

Usage: python benchmarks/startup.py [--runs N] [--cpu]   (exit 1 when a budget is missed)
--cpu: the children's CPU time (user + system) instead of wall time, which holds still on a
shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def hitrack() -> list[str]:
    found = shutil.which("hitrack", path=str(Path(sys.executable).parent)) or shutil.which(
        "hitrack"
    )
    if found is None:
        sys.exit("benchmarks/startup.py: install hitrack first (pip install -e .)")
    return [found]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--cpu", action="store_true", help="CPU time, not wall time")
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="hitrack-bench-")
    edited = Path(cache) / "data"
    shutil.copytree(ROOT / "data", edited)
    actuals = edited / "actuals" / "2020-Q2.yaml"
    original = actuals.read_text(encoding="utf-8")
    edits = iter(range(1_000_000))
    env = {**os.environ, "HITRACK_CACHE_DIR": str(Path(cache) / "cache"), "NO_COLOR": "1"}
    env.pop("HITRACK_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed code runs from its bytecode
    exe = hitrack()
    after_edit = "hitrack status (after an edit)"
    new_line = "hitrack status (edit, new line)"
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], env),
        "hitrack status": ([*exe, "status"], env),
        "hitrack --help": ([*exe, "--help"], env),
        "hitrack status (cache off)": ([*exe, "status"], {**env, "HITRACK_NO_CACHE": "1"}),
        "hitrack status (data cached)": ([*exe, "status", "--width"], env),
        "hitrack check": ([*exe, "check"], env),
        after_edit: ([*exe, "status", "--data", str(edited)], env),
        new_line: ([*exe, "status", "--data", str(edited), "--width"], env),
    }
    budgets = {"hitrack status": 3.0, "hitrack --help": 3.0, after_edit: 15.0}
    times: dict[str, list[float]] = {name: [] for name in commands}
    widths = iter(range(60, 1_000_000))  # a command line never seen before: no replay

    def complete(argv: list[str]) -> list[str]:
        return [*argv, str(next(widths))] if argv[-1] == "--width" else argv

    for argv, environ in commands.values():  # warm the caches and the OS
        subprocess.run(complete(argv), env=environ, cwd=ROOT, capture_output=True, check=True)
    for _ in range(args.runs):
        for name, (argv, environ) in commands.items():
            full = complete(argv)
            if name in (after_edit, new_line):  # a value changes, as in a real edit: never seen
                value = f"tech-smes, value: {100 + next(edits)},"
                edited_text = original.replace("tech-smes, value: 52,", value)
                assert edited_text != original
                actuals.write_text(edited_text, encoding="utf-8")
            times[name].append(run(full, environ, args.cpu))
    shutil.rmtree(cache, ignore_errors=True)
    floor = statistics.median(times["python -c pass"])
    failed = False
    print(
        f"{'command':32} {'median ms':>10} {'x floor':>8}  budget ({'cpu' if args.cpu else 'wall'})"
    )
    for name, samples in times.items():
        median = statistics.median(samples)
        ratio = median / floor
        budget = budgets.get(name)
        verdict = ""
        if budget is not None:
            ok = ratio <= budget
            failed |= not ok
            verdict = f"<= {budget:g}x {'PASS' if ok else 'FAIL'}"
        print(f"{name:32} {median * 1000:10.1f} {ratio:8.1f}  {verdict}")
    return 1 if failed else 0


def run(argv: list[str], environ: dict[str, str], cpu: bool) -> float:
    """Seconds of one run: wall time, or the child's CPU time."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, env=environ, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed")
    return usage.ru_utime + usage.ru_stime if cpu else wall


if __name__ == "__main__":
    sys.exit(main())
