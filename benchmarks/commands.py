"""Every command at scale, each paired against `hitrack check` on the same data in one run.

Datasets (written under benchmarks/out/commands/, git-ignored; generated when missing):
  targets-200    200 targets x 15 zones x 12 quarters (36k values), YAML actuals
  targets-2000   2,000 targets x 15 zones x 12 quarters (360k values), YAML actuals
  values-100k    50 targets x 250 zones x 8 quarters, CSV actuals (one file a year)
  values-1m      50 targets x 2,500 zones x 8 quarters, CSV actuals (one file a quarter,
                 under the per-file row cap; only with --large)

Commands, each in a fresh process with the caches off (HITRACK_NO_CACHE=1), output discarded:
  check    hitrack check --format json
  status   hitrack status --format table --width 200
  report   hitrack report
  export   hitrack export --format csv
  diff     hitrack diff ./BASE ./HEAD --format json, HEAD a copy with the last period's
           values edited (every seventh) and one target renamed
  import   hitrack import SHEET --period NEXT --dry-run, SHEET a CSV of every (target, zone)
           for the next quarter

Times are CPU seconds (user + system) of the child, best of --repeat runs (wall time in
brackets); memory is the child's peak resident set size. Budgets (issue 21), per dataset:
  - status, report, export and diff each at most 3x check's time, and at most 2x its memory;
  - every command's time grows at most 11x for 10x the data (targets-200 -> targets-2000,
    values-100k -> values-1m).

    python benchmarks/commands.py --quick     # targets-200 and values-100k only: ~1 min
    python benchmarks/commands.py             # adds targets-2000 (growth over targets)
    python benchmarks/commands.py --large     # adds values-1m (growth over values)
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out" / "commands"
COMMANDS = ("check", "status", "report", "export", "diff", "import")
JUDGED = ("status", "report", "export", "diff")
UNITS = ("家", "万元", "项", "亿元", "人")
START = 2017


@dataclasses.dataclass(frozen=True)
class Shape:
    targets: int
    zones: int
    quarters: int
    fmt: str  # "yaml" or "csv" actuals

    @property
    def values(self) -> int:
        return self.targets * self.zones * self.quarters


SHAPES = {
    "targets-200": Shape(200, 15, 12, "yaml"),
    "targets-2000": Shape(2000, 15, 12, "yaml"),
    "values-100k": Shape(50, 250, 8, "csv"),
    "values-1m": Shape(50, 2500, 8, "csv"),
}
GROWTH = (("targets-200", "targets-2000"), ("values-100k", "values-1m"))


def quarters(count: int) -> list[str]:
    return [f"{START + i // 4}-Q{i % 4 + 1}" for i in range(count)]


def _targets_yaml(shape: Shape, renamed: bool) -> str:
    lines = [
        "schema: hitrack/v1",
        "plan:",
        "  id: synthetic-plan",
        "  title: 合成规划",
        "  issuer: 基准测试",
        f'  start: "{START}"',
        f'  deadline: "{START + (shape.quarters + 3) // 4 + 1}"',
        "  zones:",
    ]
    for z in range(shape.zones):
        lines += [f"    - id: z{z:04d}", f"      name: 高新区{z}"]
    lines.append("targets:")
    for i in range(shape.targets):
        unit = UNITS[i % len(UNITS)]
        value = 100 + i % 900
        name = f"指标{i}" + ("（新）" if renamed and i == 0 else "")
        lines += [
            f"  - id: t{i:04d}",
            f"    name: {name}",
            f"    name_en: Indicator {i}",
            "    kind: level",
            "    comparator: gte",
            f"    value: {value}",
            f"    unit: {unit}",
            "    zone_scope: each",
            f"    quote: 指标{i}不低于{value}{unit}",
        ]
    return "\n".join(lines) + "\n"


def _value(i: int, z: int, seed: int, edited: bool) -> str:
    """A plausible series: growing steadily each quarter, whole numbers for counts (data
    that `check` warns about on every row would measure the warnings)."""
    number = (i * 7 + z * 13) % 900 + 10 + seed * (1 + (i + z) % 5)
    if edited and (i * 31 + z) % 7 == 0:
        number += 1
    return f"{number}.5" if UNITS[i % len(UNITS)] in ("万元", "亿元") else str(number)


def _reported(period: str) -> str:
    year, quarter = int(period[:4]), int(period[-1])
    return f"{year + (quarter == 4)}-{(quarter * 3) % 12 + 1:02d}-15"


def _rows(shape: Shape, seed: int, edited: bool) -> list[tuple[str, str, str, str]]:
    return [
        (f"t{i:04d}", f"z{z:04d}", _value(i, z, seed, edited), UNITS[i % len(UNITS)])
        for i in range(shape.targets)
        for z in range(shape.zones)
    ]


def write(root: Path, shape: Shape, edited: bool = False) -> None:
    """A data directory of `shape`; `edited`: the last period's values partly changed and
    the first target renamed (the HEAD side of `diff`)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "actuals").mkdir(parents=True)
    (root / "targets.yaml").write_text(_targets_yaml(shape, edited), encoding="utf-8")
    periods = quarters(shape.quarters)
    by_year: dict[str, list[list[str]]] = {}
    for seed, period in enumerate(periods):
        rows = _rows(shape, seed, edited and seed == len(periods) - 1)
        reported = _reported(period)
        if shape.fmt == "yaml":
            lines = [
                "schema: hitrack/v1",
                f'period: "{period}"',
                "source: 合成数据",
                f'reported: "{reported}"',
                "values:",
            ]
            for target, zone, value, unit in rows:
                lines += [f"  - target: {target}", f"    zone: {zone}", f"    value: {value}"]
                lines.append(f"    unit: {unit}")
            (root / "actuals" / f"{period}.yaml").write_text(
                "\n".join(lines) + "\n", encoding="utf-8"
            )
        else:
            by_year.setdefault(period[:4], []).extend(
                [t, z, period, v, u, "合成数据", reported] for t, z, v, u in rows
            )
    for year, table in by_year.items():
        # One file a year, or one a quarter where a year would pass the per-file row cap
        # (`tabular.MAX_ROWS`, 250,000): a refused file would time the error path.
        parts = {year: table} if len(table) <= 200_000 else {}
        for row in table if not parts else ():
            parts.setdefault(row[2], []).append(row)
        for stem, rows in parts.items():
            with (root / "actuals" / f"{stem}.csv").open("w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow(("target", "zone", "period", "value", "unit", "source", "reported"))
                writer.writerows(rows)


def write_sheet(path: Path, shape: Shape) -> str:
    """A sheet to import: every (target, zone) for the quarter after the last; its period."""
    period = quarters(shape.quarters + 1)[-1]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(("id", "zone", "unit", "value"))
        for target, zone, value, unit in _rows(shape, shape.quarters, False):
            writer.writerow((target, zone, unit, value))
    return period


def prepare(name: str) -> dict[str, Path | str]:
    shape = SHAPES[name]
    root = OUT / name
    stamp = root / "done"
    if not stamp.exists():
        write(root / "base", shape)
        write(root / "head", shape, edited=True)
        (root / "period").write_text(write_sheet(root / "sheet.csv", shape), encoding="utf-8")
        stamp.write_text("", encoding="utf-8")
    return {
        "base": root / "base",
        "head": root / "head",
        "sheet": root / "sheet.csv",
        "period": (root / "period").read_text(encoding="utf-8"),
    }


def argv(command: str, where: dict[str, Path | str]) -> list[str]:
    base = str(where["base"])
    hitrack = [sys.executable, "-m", "hitrack"]
    return {
        "check": [*hitrack, "check", "--format", "json", "--data", base],
        "status": [*hitrack, "status", "--width", "200", "--data", base],
        "report": [*hitrack, "report", "--date", "2020-01-01", "--data", base],
        "export": [*hitrack, "export", "--format", "csv", "--data", base],
        "diff": [*hitrack, "diff", base, str(where["head"]), "--format", "json"],
        "import": [
            *hitrack,
            "import",
            str(where["sheet"]),
            "--period",
            str(where["period"]),
            "--dry-run",
            "--reported",
            "2020-01-01",
            "--data",
            base,
        ],
    }[command]


@dataclasses.dataclass
class Run:
    cpu: float
    wall: float
    peak_mb: float


def measure(command: list[str]) -> Run:
    env = {**os.environ, "HITRACK_NO_CACHE": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiling every module each run is no user's case
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=OUT
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if code not in (0, 1):  # 1: findings (diff on changed data, import's dry run)
        raise SystemExit(f"{' '.join(command)} exited {code}: {stderr[-2000:]}")
    if code != 0 and "check" in command:  # the data must be clean, or errors are timed
        raise SystemExit(f"{' '.join(command)} found problems: {stderr[-2000:]}")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def best(command: list[str], repeat: int) -> Run:
    return min((measure(command) for _ in range(repeat)), key=lambda run: run.cpu)


def table(results: dict[str, dict[str, Run]]) -> str:
    header = "| data | values | " + " | ".join(COMMANDS) + " |"
    lines = [header, "|---|---:|" + "---:|" * len(COMMANDS)]
    for name, runs in results.items():
        check = runs["check"]
        cells = [f"{check.cpu:.2f} s, {check.peak_mb:.0f} MB"]
        for command in COMMANDS[1:]:
            run = runs[command]
            memory = run.peak_mb / check.peak_mb
            cells.append(f"{run.cpu / check.cpu:.1f}x ({run.cpu:.2f} s), {memory:.1f}x mem")
        lines.append(f"| {name} | {SHAPES[name].values:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def judge(results: dict[str, dict[str, Run]]) -> list[tuple[bool, str]]:
    verdicts = []
    for name, runs in results.items():
        check = runs["check"]
        for command in JUDGED:
            ratio = runs[command].cpu / check.cpu
            verdicts.append((ratio <= 3, f"{name}: {command} takes {ratio:.2f}x check (<= 3)"))
            memory = runs[command].peak_mb / check.peak_mb
            verdicts.append(
                (memory <= 2, f"{name}: {command} peaks at {memory:.2f}x check's memory (<= 2)")
            )
    for small, large in GROWTH:
        if small not in results or large not in results:
            continue
        for command in COMMANDS:
            growth = results[large][command].cpu / results[small][command].cpu
            verdicts.append(
                (growth <= 11, f"{small} -> {large}: {command} grows {growth:.1f}x (<= 11)")
            )
    return verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="targets-200 and values-100k only")
    size.add_argument("--large", action="store_true", help="also values-1m")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measure (best kept)")
    parser.add_argument("--only", nargs="*", choices=list(SHAPES), help="just these datasets")
    options = parser.parse_args()
    names = ["targets-200", "values-100k"]
    if not options.quick:
        names.insert(1, "targets-2000")
    if options.large:
        names.append("values-1m")
    if options.only:
        names = options.only
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Run]] = {}
    for name in names:
        where = prepare(name)
        results[name] = {}
        for command in COMMANDS:
            results[name][command] = run = best(argv(command, where), options.repeat)
            print(
                f"{name} {command}: {run.cpu:.2f} s ({run.wall:.2f}), {run.peak_mb:.0f} MB",
                file=sys.stderr,
            )
    print(table(results))
    verdicts = judge(results)
    for ok, line in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}  {line}")
    return 0 if all(ok for ok, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
