"""Write synthetic datasets of N actual values (zones x indicators x quarters) for scale tests.

Each size is written three ways under benchmarks/out/<size>/ (git-ignored):
  yaml/  a data directory whose actuals are YAML files, one per quarter
  csv/   the same data directory with the actuals as CSV files, one per year
  json/  the actuals as JSON files, for a json.load baseline (not a data directory)

    python benchmarks/generate.py 1k 10k 100k      # or 1m
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path

OUT = Path(__file__).parent / "out"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
INDICATORS = 50
START, YEARS = 2016, 10
QUARTERS = [f"{START + y}-Q{q}" for y in range(YEARS) for q in range(1, 5)]
UNITS = ("家", "万元", "项", "亿元", "人")
HEADER = ("target", "zone", "period", "value", "unit", "source", "reported")


def shape(size: int) -> tuple[int, list[str]]:
    """(zones, periods) such that INDICATORS x zones x periods == size."""
    periods = QUARTERS[:4] if size < 100_000 else QUARTERS
    zones = size // (INDICATORS * len(periods))
    assert zones * INDICATORS * len(periods) == size, size
    return zones, periods


def _targets(zones: int) -> str:
    lines = [
        "schema: hitrack/v1",
        "plan:",
        "  id: synthetic-plan",
        "  title: 合成规划",
        "  issuer: 基准测试",
        f'  start: "{START}"',
        f'  deadline: "{START + YEARS - 1}"',
        "  zones:",
    ]
    for z in range(zones):
        lines += [f"    - id: z{z:04d}", f"      name: 高新区{z}"]
    lines.append("targets:")
    for i in range(INDICATORS):
        unit = UNITS[i % len(UNITS)]
        value = 100 + i
        lines += [
            f"  - id: t{i:02d}",
            f"    name: 指标{i}",
            f"    name_en: Indicator {i}",
            "    kind: level",
            "    comparator: gte",
            f"    value: {value}",
            f"    unit: {unit}",
            "    zone_scope: each",
            f"    quote: 指标{i}达到{value}{unit}",
        ]
    return "\n".join(lines) + "\n"


def _values(zones: int, period: str) -> list[tuple[str, str, str, str, str]]:
    seed = QUARTERS.index(period)
    return [
        (f"t{i:02d}", f"z{z:04d}", period, f"{(i * 7 + z * 13 + seed) % 900 + 10}.5", unit)
        for i in range(INDICATORS)
        for unit in (UNITS[i % len(UNITS)],)
        for z in range(zones)
    ]


def _reported(period: str) -> str:
    year, quarter = int(period[:4]), int(period[-1])
    return f"{year + (quarter == 4)}-{(quarter * 3) % 12 + 1:02d}-15"


def write(name: str) -> Path:
    zones, periods = shape(SIZES[name])
    root = OUT / name
    if root.exists():
        shutil.rmtree(root)
    for fmt in ("yaml", "csv"):
        (root / fmt / "actuals").mkdir(parents=True)
        (root / fmt / "targets.yaml").write_text(_targets(zones), encoding="utf-8")
    (root / "json").mkdir()
    by_year: dict[str, list[list[str]]] = {}
    for period in periods:
        rows = _values(zones, period)
        reported = _reported(period)
        lines = [
            "schema: hitrack/v1",
            f'period: "{period}"',
            "source: 合成数据",
            f'reported: "{reported}"',
            "values:",
        ]
        for target, zone, _, value, unit in rows:
            lines += [f"  - target: {target}", f"    zone: {zone}", f"    value: {value}"]
            lines.append(f"    unit: {unit}")
        (root / "yaml" / "actuals" / f"{period}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
        records = [{"target": t, "zone": z, "value": v, "unit": u} for t, z, _, v, u in rows]
        document = {"schema": "hitrack/v1", "period": period, "values": records}
        (root / "json" / f"{period}.json").write_text(
            json.dumps(document, ensure_ascii=False), encoding="utf-8"
        )
        by_year.setdefault(period[:4], []).extend(
            [t, z, p, v, u, "合成数据", reported] for t, z, p, v, u in rows
        )
    for year, table in by_year.items():
        with (root / "csv" / "actuals" / f"{year}.csv").open(
            "w", encoding="utf-8", newline=""
        ) as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(table)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["1k", "10k", "100k"], choices=list(SIZES))
    for name in parser.parse_args().sizes:
        print(f"wrote {write(name)}")


if __name__ == "__main__":
    main()
