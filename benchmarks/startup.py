"""Start-up budget of the commands typed by hand, as ratios to a bare `python -c pass`.

Runs every command many times in one run, interleaved so that load on the machine hits all
of them alike, and prints the median wall time and its ratio to the floor. Budgets (issue:
`hitrack status` typed all day must feel instant):

- `hitrack status` on the bundled data, replayed (unchanged data): at most 8x;
- `hitrack --help`: at most 5x;
- `hitrack status` with the cache off is shown for reference (it parses and validates), and
  so is a `status` that cannot be replayed (a new `--width` each run) but finds the
  validated dataset in the cache: Typer, Rich and the JSON entry, without PyYAML or Pydantic.

Usage: python benchmarks/startup.py [--runs N]   (exit 1 when a budget is missed)
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
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="hitrack-bench-")
    env = {**os.environ, "HITRACK_CACHE_DIR": cache, "NO_COLOR": "1"}
    env.pop("HITRACK_NO_CACHE", None)
    exe = hitrack()
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], env),
        "hitrack status": ([*exe, "status"], env),
        "hitrack --help": ([*exe, "--help"], env),
        "hitrack status (cache off)": ([*exe, "status"], {**env, "HITRACK_NO_CACHE": "1"}),
        "hitrack status (data cached)": ([*exe, "status", "--width"], env),
        "hitrack check": ([*exe, "check"], env),
    }
    budgets = {"hitrack status": 8.0, "hitrack --help": 5.0}
    times: dict[str, list[float]] = {name: [] for name in commands}
    widths = iter(range(60, 1_000_000))  # a command line never seen before: no replay

    def complete(argv: list[str]) -> list[str]:
        return [*argv, str(next(widths))] if argv[-1] == "--width" else argv

    for argv, environ in commands.values():  # warm the caches and the OS
        subprocess.run(complete(argv), env=environ, cwd=ROOT, capture_output=True, check=True)
    for _ in range(args.runs):
        for name, (argv, environ) in commands.items():
            full = complete(argv)
            start = time.perf_counter()
            subprocess.run(full, env=environ, cwd=ROOT, capture_output=True, check=True)
            times[name].append(time.perf_counter() - start)
    shutil.rmtree(cache, ignore_errors=True)
    floor = statistics.median(times["python -c pass"])
    failed = False
    print(f"{'command':32} {'median ms':>10} {'x floor':>8}  budget")
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


if __name__ == "__main__":
    sys.exit(main())
