"""Reading a 20,000-row sheet: openpyxl (read-only, streaming) against python-calamine.

Each reader runs in a fresh child process that imports it and reads every cell of the
sheet, so import cost counts (a CLI pays it on every `import`). Times are CPU seconds
(user + system) of the child, best of --repeat. Budget: calamine reads .xls and .ods in at
most the time openpyxl takes for the same sheet as .xlsx (they are the formats openpyxl
cannot read at all).

    .venv/bin/pip install python-calamine xlwt odfpy
    .venv/bin/python benchmarks/sheets.py [--rows 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).parent / "out"
HEADER = ("指标", "区域", "期间", "数值", "单位", "来源")


def rows(count: int) -> list[tuple[object, ...]]:
    return [
        (
            f"indicator-{i % 50}",
            f"zone-{i // 50 % 40}",
            f"{2018 + i % 3}",
            i * 1.5,
            "亿元",
            "统计局",
        )
        for i in range(count)
    ]


def write_all(count: int) -> dict[str, Path]:
    OUT.mkdir(exist_ok=True)
    data = rows(count)
    paths = {f: OUT / f"sheet-{count}.{f}" for f in ("xlsx", "xls", "ods")}
    if not paths["xlsx"].exists():
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("统计表")
        sheet.append(HEADER)
        for row in data:
            sheet.append(row)
        book.save(paths["xlsx"])
    if not paths["xls"].exists():
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("统计表")
        for r, row in enumerate([HEADER, *data]):
            for c, cell in enumerate(row):
                sheet.write(r, c, cell)
        book.save(str(paths["xls"]))
    if not paths["ods"].exists():
        from odf.opendocument import OpenDocumentSpreadsheet
        from odf.table import Table, TableCell, TableRow
        from odf.text import P

        doc = OpenDocumentSpreadsheet()
        table = Table(name="统计表")
        for row in [HEADER, *data]:
            tr = TableRow()
            for cell in row:
                if isinstance(cell, float):
                    tc = TableCell(valuetype="float", value=cell)
                else:
                    tc = TableCell(valuetype="string")
                tc.addElement(P(text=str(cell)))
                tr.addElement(tc)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
        doc.save(str(paths["ods"]))
    return paths


READERS = {
    "openpyxl": (
        "import openpyxl, sys\n"
        "b = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
        "n = sum(1 for _ in b.worksheets[0].iter_rows(values_only=True))\n"
        "print(n)\n"
    ),
    "calamine": (
        "import python_calamine, sys\n"
        "b = python_calamine.CalamineWorkbook.from_path(sys.argv[1])\n"
        "n = len(b.get_sheet_by_index(0).to_python())\n"
        "print(n)\n"
    ),
}


def measure(reader: str, path: Path, repeat: int) -> tuple[float, int]:
    best = float("inf")
    found = 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            [sys.executable, "-c", READERS[reader], str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, cpu)
        found = int(done.stdout)
    return best, found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = write_all(args.rows)
    results = {}
    print("| reader | format | rows read | CPU s | file KB |")
    print("|---|---|---|---|---|")
    for reader, fmt in (
        ("openpyxl", "xlsx"),
        ("calamine", "xlsx"),
        ("calamine", "xls"),
        ("calamine", "ods"),
    ):
        seconds, found = measure(reader, paths[fmt], args.repeat)
        results[reader, fmt] = seconds
        size = paths[fmt].stat().st_size // 1024
        print(f"| {reader} | {fmt} | {found} | {seconds:.2f} | {size} |")
    slowest = max(results["calamine", "xls"], results["calamine", "ods"])
    verdict = "PASS" if slowest <= results["openpyxl", "xlsx"] else "FAIL"
    print(
        f"{verdict}: calamine .xls/.ods {slowest:.2f} s <= openpyxl .xlsx "
        f"{results['openpyxl', 'xlsx']:.2f} s"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
