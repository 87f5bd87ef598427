"""`hitrack check` at scale, side by side with the bare parsers, against the issue's budgets.

For each dataset size (see generate.py) it runs, each in a fresh process:
  check      `hitrack check` on the YAML data directory
  C loader   yaml.load(..., Loader=yaml.CSafeLoader) of the same files, all kept in memory
             (garbage collector off, as hitrack runs it: the fair and stricter baseline)
  json       json.load of the same actual values as JSON
  csv        `hitrack check` on the same data with CSV actuals

Times are CPU seconds (user + system) of the child process, which hold still on a shared
machine where wall-clock time does not; wall time is printed too. Peak memory is the child's
maximum resident set size. Budgets (the issue's), judged at 100k values and above, where
start-up (~0.3 s of imports) no longer dominates:
  - check throughput >= 50% of the bare C loader's (check time <= 2x)
  - 10x the data -> at most 11x the check time
  - check peak memory <= 3x the bare C loader's
  - CSV actuals >= 10x faster than YAML at 1M values (only with --large)

    python benchmarks/scale.py            # 1k, 10k, 100k: a few minutes
    python benchmarks/scale.py --large    # adds 1M values: about five more minutes
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import generate

BARE = """
import gc, sys, yaml
from pathlib import Path
gc.disable()
root = Path(sys.argv[1])
kept = []
for path in [root / "targets.yaml", *sorted((root / "actuals").glob("*.yaml"))]:
    with path.open(encoding="utf-8") as handle:
        kept.append(yaml.load(handle, Loader=yaml.CSafeLoader))
"""
JSON = """
import gc, json, sys
from pathlib import Path
gc.disable()
kept = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(sys.argv[1]).glob("*.json"))]
"""
MIN_SIZE = 100_000


@dataclasses.dataclass
class Run:
    cpu: float
    wall: float
    peak_mb: float


def measure(command: list[str]) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}: {stderr}")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def best(command: list[str], repeat: int) -> Run:
    runs = [measure(command) for _ in range(repeat)]
    return min(runs, key=lambda run: run.cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also run 1M values")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measure (best kept)")
    options = parser.parse_args()
    names = ["1k", "10k", "100k"] + (["1m"] if options.large else [])
    hitrack = [sys.executable, "-m", "hitrack", "check", "--format", "json", "--data"]
    results: dict[str, dict[str, Run]] = {}
    for name in names:
        root = generate.OUT / name
        if not (root / "csv" / "targets.yaml").exists():
            generate.write(name)
        results[name] = {
            "check": best([*hitrack, str(root / "yaml")], options.repeat),
            "bare": best([sys.executable, "-c", BARE, str(root / "yaml")], options.repeat),
            "json": best([sys.executable, "-c", JSON, str(root / "json")], options.repeat),
            "csv": best([*hitrack, str(root / "csv")], options.repeat),
        }
        print(f"measured {name}", file=sys.stderr)
    print(table(results))
    verdicts = judge(results)
    for ok, line in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}  {line}")
    largest = results[names[-1]]
    print(
        f"info  {names[-1]}: CSV actuals check {largest['bare'].cpu / largest['csv'].cpu:.1f}x "
        "faster than the bare C loader reading the YAML"
    )
    return 0 if all(ok for ok, _ in verdicts) else 1


def table(results: dict[str, dict[str, Run]]) -> str:
    header = (
        "| values | check s (wall) | check MB | C loader s | C loader MB | json s "
        "| csv check s | csv MB | check/C time | check/C mem | yaml/csv time |"
    )
    lines = [header, "|" + "---|" * header.count(" | ") + "---|"]
    for name, r in results.items():
        check, bare, js, tab = r["check"], r["bare"], r["json"], r["csv"]
        lines.append(
            f"| {name} | {check.cpu:.2f} ({check.wall:.2f}) | {check.peak_mb:.0f} "
            f"| {bare.cpu:.2f} | {bare.peak_mb:.0f} | {js.cpu:.2f} | {tab.cpu:.2f} "
            f"| {tab.peak_mb:.0f} | {check.cpu / bare.cpu:.2f} "
            f"| {check.peak_mb / bare.peak_mb:.2f} "
            f"| {check.cpu / tab.cpu:.1f} |"
        )
    return "\n".join(lines)


def judge(results: dict[str, dict[str, Run]]) -> list[tuple[bool, str]]:
    verdicts = []
    sizes = {name: generate.SIZES[name] for name in results}
    for name, r in results.items():
        if sizes[name] < MIN_SIZE:
            continue
        ratio = r["check"].cpu / r["bare"].cpu
        verdicts.append((ratio <= 2, f"{name}: check takes {ratio:.2f}x the C loader (<= 2)"))
        memory = r["check"].peak_mb / r["bare"].peak_mb
        verdicts.append((memory <= 3, f"{name}: check peaks at {memory:.2f}x its memory (<= 3)"))
    names = list(results)
    for small, large in itertools.pairwise(names):
        if sizes[small] < MIN_SIZE // 10 or sizes[large] != 10 * sizes[small]:
            continue
        growth = results[large]["check"].cpu / results[small]["check"].cpu
        verdicts.append((growth <= 11, f"{small} -> {large}: {growth:.1f}x the time (<= 11)"))
    if "1m" in results:
        speedup = results["1m"]["check"].cpu / results["1m"]["csv"].cpu
        verdicts.append((speedup >= 10, f"1m: CSV actuals check {speedup:.1f}x faster (>= 10)"))
    return verdicts


if __name__ == "__main__":
    sys.exit(main())
