"""`hitrack check` on every broken or hostile input of tests/fixtures/invalid, and on inputs
too big to commit (made here), timed and measured.

The budget (the issue's): each case answers in under 2 seconds, wall clock, one at a time,
and prints under 1 MB. Prints the slowest and the loudest cases (with each one's peak
memory, VmHWM) and PASS/FAIL;
tests/test_hostile_cli.py checks what the fixtures say.

    python benchmarks/hostile.py

The made cases include a million bad rows as CSV and as YAML, refused before parsing (over
`tabular.MAX_ROWS` and `yamlload.MAX_ITEMS`), and files just under those caps, read whole.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

INVALID = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "invalid"
BUDGET = 2.0
OUTPUT_BUDGET = 1 << 20
TARGETS = INVALID / "hidden-character" / "csv-note" / "targets.yaml"


# Runs hitrack as `python -m hitrack` does, then writes the process's peak RSS (VmHWM, which
# exec resets; getrusage's ru_maxrss would include this script's own peak, inherited
# through fork and exec) to the file $HOSTILE_PEAK names.
PEAK = """
import atexit, os, runpy, sys

def peak():
    try:
        with open("/proc/self/status") as status:
            kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        kb = "0"
    with open(os.environ["HOSTILE_PEAK"], "w") as out:
        out.write(kb)

atexit.register(peak)
sys.argv[0] = "hitrack"
runpy.run_module("hitrack", run_name="__main__", alter_sys=True)
"""


def run(case: Path, command: list[str] | None = None) -> tuple[float, int, int]:
    """(seconds, bytes printed, peak RSS in bytes; 0 where /proc is not there) of one run;
    exits on a traceback or an unexpected code."""
    env = {**os.environ, "NO_COLOR": "1", "HITRACK_NO_CACHE": "1"}
    options = case / "options.txt"
    if options.exists():
        env["HITRACK_MAX_BYTES"] = options.read_text().strip().partition("=")[2]
    # --strict, as tests/test_hostile_cli.py runs it: some cases are warnings.
    # A case with a base/ folder is checked against it, as the tests do (plan-changed).
    base = ["--base", str(case / "base")] if (case / "base").is_dir() else []
    command = command or ["check", "--strict", "--data", str(case), *base]
    with tempfile.TemporaryDirectory() as scratch:
        peak = Path(scratch) / "peak"
        env["HOSTILE_PEAK"] = str(peak)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", PEAK, *command],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        elapsed = time.perf_counter() - start
        kb = int(peak.read_text() or 0) if peak.exists() else 0
    if result.returncode not in (1, 2) or b"Traceback" in result.stderr:
        raise SystemExit(f"{case}: exit {result.returncode}\n{result.stderr.decode()[-2000:]}")
    return elapsed, len(result.stdout) + len(result.stderr), kb * 1024


def made_cases(root: Path) -> dict[str, tuple[Path, list[str] | None]]:
    """Cases too big to commit: one bad CSV row repeated, a zip bomb, a sheet of many rows."""
    cases: dict[str, tuple[Path, list[str] | None]] = {}
    repeated = root / "repeated-bad-row"
    (repeated / "actuals").mkdir(parents=True)
    (repeated / "targets.yaml").write_bytes(TARGETS.read_bytes())
    rows = "target,zone,period,value,unit,source,reported\n" + "smez,,2019,48,家,,\n" * 150_000
    (repeated / "actuals" / "stats.csv").write_text(rows, encoding="utf-8")
    cases["made/repeated-bad-row (150,000 rows)"] = (repeated, None)

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标", "数值"])
    sheet.append(["科技型中小企业数量", 48])
    plain = root / "plain.xlsx"
    book.save(plain)
    bomb = root / "bomb.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (1 << 30), 1)
            zf.writestr(item, data)
    clean = root / "clean"
    clean.mkdir()
    (clean / "targets.yaml").write_bytes(TARGETS.read_bytes())
    importing = ["import", "--period", "2020", "--dry-run", "--data", str(clean)]
    cases["made/zip-bomb.xlsx (1 GB unpacked)"] = (
        root,
        [*importing[:1], str(bomb), *importing[1:]],
    )

    rows_book = openpyxl.Workbook(write_only=True)
    rows_sheet = rows_book.create_sheet()
    rows_sheet.append(["指标", "数值"])
    for _ in range(200_000):
        rows_sheet.append(["科技型中小企业数量", 48])
    many = root / "rows.xlsx"
    rows_book.save(many)
    cases["made/200,000-row.xlsx"] = (root, [*importing[:1], str(many), *importing[1:]])
    cases.update(bad_row_cases(root))
    cases.update(quote_cases(root))
    return cases


def bad_row_cases(root: Path) -> dict[str, tuple[Path, list[str] | None]]:
    """A million bad rows as CSV and as YAML, over the per-file caps, refused before they are
    parsed; and bad rows just under each cap, read, checked and reported within bounds."""
    csv_head = "target,zone,period,value,unit,source,reported\n"
    csv_row = "smez,,2019,48,家,,\n"
    yaml_head = 'period: "2019"\nvalues:\n'
    yaml_row = "  - target: smes\n    value: 四十八\n    unit: 家\n"
    made = [
        ("million-bad-csv-rows", "stats.csv", csv_head + csv_row * 1_000_000),
        ("249k-bad-csv-rows", "stats.csv", csv_head + csv_row * 249_000),
        ("million-bad-yaml-rows", "2019.yaml", yaml_head + yaml_row * 1_000_000),
        # 147,002 lines, under the 150,000 of yamlload.MAX_ITEMS
        ("49k-bad-yaml-rows", "2019.yaml", yaml_head + yaml_row * 49_000),
    ]
    cases: dict[str, tuple[Path, list[str] | None]] = {}
    for name, file, text in made:
        case = root / name
        (case / "actuals").mkdir(parents=True)
        (case / "targets.yaml").write_bytes(TARGETS.read_bytes())
        (case / "actuals" / file).write_text(text, encoding="utf-8")
        cases[f"made/{name} ({max(1, len(text.encode()) >> 20)} MB)"] = (case, None)
    return cases


def zipf_text(size: int, seed: int) -> str:
    """`size` characters of CJK ideographs drawn with Zipf frequencies, as in real text."""
    import random

    rng = random.Random(seed)
    alphabet = [chr(0x4E00 + index) for index in range(3500)]
    weights = [1 / (rank + 1) for rank in range(len(alphabet))]
    block = "".join(rng.choices(alphabet, weights, k=min(size, 1_000_000)))
    return (block * (size // len(block) + 1))[:size]


def quote_cases(root: Path) -> dict[str, tuple[Path, list[str] | None]]:
    """2,000 failing quotes against a 15 MB source; and a source of two letters that no
    index can narrow down (tracing must stop with a warning, not run for minutes)."""
    import random

    cases: dict[str, tuple[Path, list[str] | None]] = {}
    rng = random.Random(14)
    text = zipf_text(5_000_000, 14)
    quotes = []
    for _ in range(2_000):
        start, length = rng.randrange(len(text) - 60), rng.randrange(12, 40)
        quote = list(text[start : start + length])
        quote[rng.randrange(1, length)] = "龘"
        quotes.append("".join(quote))
    cases["made/2,000 failing quotes, 15 MB source"] = (
        quote_data(root / "failing-quotes", text, quotes),
        None,
    )
    letters = "ab" * 4_000_000
    quotes = ["a" * 30 + "b" * 30 + "a" * n for n in range(200)]
    cases["made/200 quotes, 8 MB source of two letters"] = (
        quote_data(root / "two-letters", letters, quotes),
        None,
    )
    return cases


def quote_data(case: Path, text: str, quotes: list[str]) -> Path:
    (case / "sources").mkdir(parents=True)
    (case / "sources" / "plan.txt").write_text(text, encoding="utf-8")
    targets = TARGETS.read_text(encoding="utf-8")
    (case / "targets.yaml").write_text(
        targets.replace('deadline: "2020"\n', 'deadline: "2020"\n  source: plan.txt\n', 1),
        encoding="utf-8",
    )
    platforms = [
        "schema: hitrack/v1",
        "categories:",
        "  - id: lab",
        "    name: 实验室",
        "platforms:",
    ]
    for index, quote in enumerate(quotes):
        platforms += [
            f"  - id: lab-{index}",
            f"    name: 实验室{index}",
            "    category: lab",
            "    level: provincial",
            "    status: built",
            f"    quote: {quote}",
        ]
    (case / "platforms.yaml").write_text("\n".join(platforms) + "\n", encoding="utf-8")
    return case


def main() -> int:
    cases: dict[str, tuple[Path, list[str] | None]] = {
        str(p.relative_to(INVALID)): (p, None) for p in sorted(INVALID.glob("*/*")) if p.is_dir()
    }
    with tempfile.TemporaryDirectory() as scratch:
        cases.update(made_cases(Path(scratch)))
        measured = {name: run(path, command) for name, (path, command) in cases.items()}
    times = {name: m[0] for name, m in measured.items()}
    sizes = {name: m[1] for name, m in measured.items()}
    memory = {name: m[2] for name, m in measured.items()}
    print(f"{len(cases)} cases: median {statistics.median(times.values()):.2f} s")

    def row(name: str) -> str:
        return f"  {times[name]:.2f} s  {sizes[name]:>9,} bytes  {memory[name] >> 20:>5} MB  {name}"

    for name in sorted(times, key=times.__getitem__, reverse=True)[:8]:
        print(row(name))
    print("loudest:")
    for name in sorted(sizes, key=sizes.__getitem__, reverse=True)[:3]:
        print(row(name))
    print("largest peak memory:")
    for name in sorted(memory, key=memory.__getitem__, reverse=True)[:3]:
        print(row(name))
    worst, loudest = max(times.values()), max(sizes.values())
    ok = worst < BUDGET and loudest < OUTPUT_BUDGET
    print(
        f"{'PASS' if ok else 'FAIL'}  slowest case {worst:.2f} s (< {BUDGET} s), "
        f"largest output {loudest:,} bytes (< {OUTPUT_BUDGET:,}), "
        f"largest peak memory {max(memory.values()) >> 20} MB"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
