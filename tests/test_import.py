"""`hitrack import` on real files written by the tests: xlsx with merged headers, GBK and
UTF-16 CSV, unknown rows, formulas, an existing period file, --dry-run, --map."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import ROOT, load_ok
from hitrack.cli import app
from hitrack.commands import import_ as import_cmd
from hitrack.commands.common import Outcome
from hitrack.interchange.sheets import read_sheet
from hitrack.load.datadir import DataDir

TODAY = datetime.date(2026, 1, 2)


def data_dir(tmp_path: Path, *, actuals: bool = False) -> Path:
    """A copy of the bundled plan, with or without its (sample) actuals."""
    root = tmp_path / "data"
    root.mkdir()
    for name in ("targets.yaml", "platforms.yaml"):
        shutil.copyfile(ROOT / "data" / name, root / name)
    shutil.copytree(ROOT / "data" / "sources", root / "sources")  # plan.source is traced
    if actuals:
        shutil.copytree(ROOT / "data" / "actuals", root / "actuals")
    return root


def do_import(root: Path, file: Path, period: str, **options: Any) -> Outcome:
    opts = import_cmd.ImportOptions(file=str(file), period=period, today=TODAY, **options)
    return import_cmd.import_sheet(DataDir(root), opts)


def values(root: Path, period: str) -> dict[str, Any]:
    dataset = load_ok(root)
    for _, actuals in dataset.actuals:
        if actuals.period == period:
            return {v.target: v for v in actuals.values}
    raise AssertionError(f"no {period} file")


def save(workbook: Any, path: Path) -> Path:
    workbook.save(path)
    return path


def merged_header_workbook(path: Path) -> Path:
    """A statistics bureau's layout: a title row, a two-row header with merged cells, a
    unit merged down two rows, a blank row, a note merged across the table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "主要指标"
    ws["A1"] = "本溪高新区2020年主要科技指标"
    ws.merge_cells("A1:E1")
    for cell, text in (("A2", "序号"), ("B2", "指标名称"), ("C2", "计量单位")):
        ws[cell] = text
        ws.merge_cells(f"{cell}:{cell[0]}3")
    ws["D2"] = "2020年"
    ws.merge_cells("D2:E2")
    ws["D3"], ws["E3"] = "本期", "同比增长(%)"
    rows = [
        (1, "科技型中小企业", "家", 58, 12.3),
        (2, "技术合同成交额", "万元", 26000, 5),
        (3, "R&D经费支出", "亿元", 6.3, 21.2),
        (4, "高新技术产品增加值", None, 24.5, 15.6),
    ]
    for number, row in enumerate(rows, 4):
        for col, value in enumerate(row, 1):
            if value is not None:
                ws.cell(number, col, value)
    ws.merge_cells("C6:C7")  # 亿元 for both rows
    ws["B9"], ws["C9"], ws["D9"] = "1. 转移转化科技成果", "项", "9"
    ws["A10"] = "注：以上为快报数"
    ws.merge_cells("A10:E10")
    return save(wb, path)


def test_xlsx_with_merged_headers_and_units(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    book = merged_header_workbook(tmp_path / "统计表.xlsx")
    outcome = do_import(root, book, "2020")
    assert outcome.code == 0, outcome
    got = values(root, "2020")
    assert (got["tech-smes"].value, got["tech-smes"].unit) == (Decimal(58), "家")
    turnover = got["tech-contract-turnover"]
    assert (turnover.value, turnover.unit) == (Decimal(26000), "万元")
    assert (got["rd-spend"].value, got["rd-spend"].unit) == (Decimal("6.3"), "亿元")
    growth = got["high-tech-value-added-growth"]
    assert (growth.value, growth.unit) == (Decimal("24.5"), "亿元")  # the merged unit cell
    assert got["achievements-transferred"].value == Decimal(9)
    text = (root / "actuals" / "2020.yaml").read_text(encoding="utf-8")
    assert "sample: false" in text
    assert "source: 统计表.xlsx" in text
    assert 'reported: "2026-01-02"' in text
    assert "统计表.xlsx!主要指标!D5" in outcome.stdout  # the cell of each value is shown


def test_xlsx_columns_with_units_in_headers(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["高新区科技指标（年报）"])
    ws.merge_cells("A1:D1")
    ws.append(["年份", "科技型中小企业（家）", "技术合同成交额（万元）", "研发经费支出(亿元)"])
    ws.append(["2019年", 47, 21000, 5.2])
    ws.append(["2020年", 58, "26,500", 6.3])
    book = save(wb, tmp_path / "cols.xlsx")
    outcome = do_import(root, book, "2020")
    assert outcome.code == 0, outcome
    got = values(root, "2020")
    assert (got["tech-contract-turnover"].value, got["tech-contract-turnover"].unit) == (
        Decimal(26500),
        "万元",
    )
    assert got["rd-spend"].value == Decimal("6.3")
    assert "1 row(s) for period 2019" in outcome.stdout


def csv_rows(*rows: str) -> str:
    return "\r\n".join(("指标,单位,本期", *rows)) + "\r\n"


def test_gbk_csv(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = tmp_path / "gbk.csv"
    path.write_bytes(csv_rows("科技型中小企业数,家,58", '技术交易额,亿元,"2.65"').encode("gbk"))
    assert do_import(root, path, "2020").code == 0
    got = values(root, "2020")
    assert got["tech-smes"].value == Decimal(58)
    assert (got["tech-contract-turnover"].value, got["tech-contract-turnover"].unit) == (
        Decimal("2.65"),
        "亿元",
    )


def test_utf16_tab_separated(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = tmp_path / "u16.csv"
    text = csv_rows("高新技术企业,家,４６", '研发经费支出,万元,"63,000"').replace(",", "\t")
    text = text.replace('"63\t000"', "63,000")
    path.write_bytes(text.encode("utf-16"))
    outcome = do_import(root, path, "2020")
    assert outcome.code == 0, outcome
    got = values(root, "2020")
    assert got["high-tech-enterprises"].value == Decimal(46)
    assert (got["rd-spend"].value, got["rd-spend"].unit) == (Decimal(63000), "万元")


def test_unknown_row_is_reported_at_its_cell_and_nothing_is_written(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = tmp_path / "t.csv"
    path.write_text(csv_rows("科技型中小企业,家,58", "工业总产值,亿元,120"), encoding="utf-8")
    outcome = do_import(root, path, "2020")
    assert outcome.code == 1
    assert f"{path}:3:1: error: '工业总产值' is not a target" in outcome.stdout
    assert "[unknown-row]" in outcome.stdout
    assert not (root / "actuals").exists()
    mapping = tmp_path / "map.yaml"
    mapping.write_text("targets:\n  工业总产值: null\n", encoding="utf-8")
    assert do_import(root, path, "2020", mapping=str(mapping)).code == 0
    assert set(values(root, "2020")) == {"tech-smes"}


def test_mapping_names_labels_and_columns(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = tmp_path / "t.csv"
    path.write_text("项,计量,2020年1-12月\n高企,家,46\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "targets:\n  高企: high-tech-enterprises\ncolumns:\n  name: 项\n  unit: 计量\n"
        "  value: 2020年1-12月\n",
        encoding="utf-8",
    )
    outcome = do_import(root, path, "2020", mapping=str(mapping))
    assert outcome.code == 0, outcome
    assert values(root, "2020")["high-tech-enterprises"].value == Decimal(46)
    mapping.write_text("targets:\n  高企: no-such-target\n", encoding="utf-8")
    outcome = do_import(root, path, "2020", mapping=str(mapping))
    assert outcome.code == 1
    assert f"{mapping}:2:3: error: 'no-such-target' is not a target id" in outcome.stdout


def test_bad_cells_are_located(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    for row in (
        ["指标", "单位", "本期"],
        ["科技型中小企业", "家", "N/A"],
        ["高新技术企业", "家", "四十六"],
        ["技术合同成交额", None, 26000],
        ["研发经费支出", "公斤", 6],
    ):
        ws.append(row)
    book = save(wb, tmp_path / "统计表.xlsx")
    outcome = do_import(root, book, "2020")
    assert outcome.code == 1
    lines = outcome.stdout.splitlines()
    assert (
        f"{book}!Sheet1!C2: error: 'N/A' is not a number; leave the cell empty when there "
        "is no value [not-a-number]"
    ) in lines
    assert any(line.startswith(f"{book}!Sheet1!C3:") and "write 46" in line for line in lines)
    assert any(line.startswith(f"{book}!Sheet1!C4:") and "[no-unit]" in line for line in lines)
    assert any(line.startswith(f"{book}!Sheet1!C5:") and "[unknown-unit]" in line for line in lines)
    assert not (root / "actuals").exists()


def _rewrite_sheet(book: Path, edit: Callable[[str], str]) -> None:
    """Edit the first sheet's XML, for what openpyxl cannot write."""
    with zipfile.ZipFile(book) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = edit(parts[name].decode()).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    book.write_bytes(buffer.getvalue())


def test_formula_cells(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(["指标", "单位", "本期"])
    ws.append(["科技型中小企业", "家", 58])
    ws.append(["研发经费支出", "亿元", "=2.2*2"])
    book = save(wb, tmp_path / "f.xlsx")
    outcome = do_import(root, book, "2020")
    assert outcome.code == 1
    assert f"{book}!Sheet1!C3: error: the formula =2.2*2 has no stored result" in outcome.stdout

    def cache(sheet: str) -> str:  # the result Excel would have stored; openpyxl writes none
        # `<v />`, or `<v></v>` when openpyxl writes with lxml (installed with python-docx).
        empty = re.compile(r"<v ?/>|<v></v>").search(sheet, sheet.index('r="C3"'))
        assert empty is not None
        return sheet[: empty.start()] + "<v>4.4000000000000004</v>" + sheet[empty.end() :]

    _rewrite_sheet(book, cache)
    outcome = do_import(root, book, "2020")
    assert outcome.code == 0, outcome
    assert values(root, "2020")["rd-spend"].value == Decimal("4.4")


def test_existing_period_file_needs_update_and_keeps_comments(tmp_path: Path) -> None:
    root = data_dir(tmp_path, actuals=True)
    period_file = root / "actuals" / "2020-Q2.yaml"
    before = period_file.read_bytes()
    path = tmp_path / "q2.csv"
    path.write_text(
        csv_rows("科技型中小企业,家,53", "高新技术企业,家,41", "研发经费支出,万元,31000"),
        encoding="utf-8",
    )
    outcome = do_import(root, path, "2020-Q2")
    assert outcome.code == 1
    assert "--update" in outcome.stderr
    assert "changed" in outcome.stdout and "52 家" in outcome.stdout and "53 家" in outcome.stdout
    assert period_file.read_bytes() == before
    dry = do_import(root, path, "2020-Q2", update=True, dry_run=True)
    assert dry.code == 0 and "Dry run" in dry.stdout
    assert period_file.read_bytes() == before
    outcome = do_import(root, path, "2020-Q2", update=True, source="区统计局快报")
    assert outcome.code == 0, outcome
    after = period_file.read_text(encoding="utf-8")
    old_lines = before.decode("utf-8").splitlines()
    new_lines = after.splitlines()
    assert [line for line in old_lines if line.startswith("#")] == [
        line for line in new_lines if line.startswith("#")
    ]
    assert new_lines[11] == (
        "  - {target: tech-smes, value: 53, unit: 家, sample: false, source: 区统计局快报, "
        'reported: "2026-01-02"}'
    )
    # The same number, but a real figure now where the file had a sample: a change too.
    assert new_lines[12].startswith(
        "  - {target: high-tech-enterprises, value: 41, unit: 家, sample: false"
    )
    assert new_lines[13:17] == old_lines[13:17]  # values the sheet does not give: untouched
    assert new_lines[-1].startswith("  - {target: rd-spend, value: 31000, unit: 万元")
    got = values(root, "2020-Q2")
    assert got["tech-smes"].sample is False  # real data in a sample file is marked so
    assert got["hydrogen-buses"].sample is None
    again = do_import(root, path, "2020-Q2", source="区统计局快报")
    assert again.code == 0, again
    assert "added 0, changed 0, unchanged 3" in again.stdout
    assert period_file.read_text(encoding="utf-8") == after


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = tmp_path / "t.csv"
    path.write_text(csv_rows("科技型中小企业,家,58"), encoding="utf-8")
    outcome = do_import(root, path, "2020", dry_run=True)
    assert outcome.code == 0
    assert "added" in outcome.stdout and "tech-smes" in outcome.stdout
    assert not (root / "actuals").exists()


def test_result_is_validated_like_check(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = tmp_path / "t.csv"
    path.write_text(csv_rows("科技型中小企业,家,-5"), encoding="utf-8")
    outcome = do_import(root, path, "2020")
    assert outcome.code == 1
    assert f"{path}:2:3: error: -5 家: a count or amount cannot be negative" in outcome.stdout
    assert not (root / "actuals").exists()
    path.write_text(csv_rows("科技型中小企业,家,58"), encoding="utf-8")
    outcome = do_import(root, path, "2030")
    assert outcome.code == 1 and "[period-out-of-range]" in outcome.stdout


def test_missing_openpyxl_is_a_clear_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = data_dir(tmp_path)
    book = merged_header_workbook(tmp_path / "t.xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    outcome = do_import(root, book, "2020")
    assert outcome.code == 2
    assert "reading .xlsx needs openpyxl: pip install 'hitrack[excel]'" in outcome.stderr


def test_cli_import(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = tmp_path / "t.csv"
    path.write_text(csv_rows("科技型中小企业,家,58"), encoding="utf-8")
    runner = CliRunner()
    args = ["import", str(path), "--period", "2020", "--data", str(root)]
    result = runner.invoke(app, [*args, "--reported", "2020-13-01"])
    assert result.exit_code == 2
    result = runner.invoke(app, [*args, "--period", "20x"])
    assert result.exit_code == 2
    result = runner.invoke(app, [*args, "--reported", "2021-01-20", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "新增" in result.output
    assert 'reported: "2021-01-20"' in (root / "actuals" / "2020.yaml").read_text("utf-8")


def test_a_merged_range_over_the_whole_sheet_stays_small(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["指标", "单位", "本期"])
    ws.append(["科技型中小企业", "家", 58])
    book = save(wb, tmp_path / "big.xlsx")
    whole = '</sheetData><mergeCells count="1"><mergeCell ref="D1:XFD1048576"/></mergeCells>'
    _rewrite_sheet(book, lambda sheet: sheet.replace("</sheetData>", whole))
    sheet = read_sheet(book, "big.xlsx")
    assert [len(cells) for _, cells in sheet.rows] == [3, 3]
