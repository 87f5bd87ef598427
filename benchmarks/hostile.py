"""`hitrack check` on every broken or hostile input of tests/fixtures/invalid, timed.

The budget (the issue's): each case answers in under 2 seconds, wall clock, one at a time.
Prints the slowest cases and PASS/FAIL; tests/test_hostile_cli.py checks what they say.

    python benchmarks/hostile.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

INVALID = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "invalid"
BUDGET = 2.0


def run(case: Path) -> float:
    env = {**os.environ, "NO_COLOR": "1", "HITRACK_NO_CACHE": "1"}
    options = case / "options.txt"
    if options.exists():
        env["HITRACK_MAX_BYTES"] = options.read_text().strip().partition("=")[2]
    start = time.perf_counter()
    result = subprocess.run(
        # --strict, as tests/test_hostile_cli.py runs it: some cases are warnings.
        [sys.executable, "-m", "hitrack", "check", "--strict", "--data", str(case)],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 1:
        raise SystemExit(f"{case}: exit {result.returncode}")
    return elapsed


def main() -> int:
    cases = sorted(p for p in INVALID.glob("*/*") if p.is_dir())
    times = {case: run(case) for case in cases}
    slowest = sorted(times.items(), key=lambda item: item[1], reverse=True)[:5]
    print(f"{len(cases)} cases: median {statistics.median(times.values()):.2f} s")
    for case, seconds in slowest:
        print(f"  {seconds:.2f} s  {case.relative_to(INVALID)}")
    worst = slowest[0][1]
    print(f"{'PASS' if worst < BUDGET else 'FAIL'}  slowest case {worst:.2f} s (< {BUDGET} s)")
    return 0 if worst < BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
