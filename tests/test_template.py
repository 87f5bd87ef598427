"""`export --template PERIOD`: the sheet a statistics office fills in, which `import` reads
back exactly; an import that finds nothing for its period says so and fails."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import openpyxl

from hitrack.commands import common
from hitrack.commands import export as export_cmd
from hitrack.load.datadir import DataDir
from test_import import data_dir, do_import, values

FILLED = {
    "tech-smes": 61,
    "high-tech-enterprises": 50,
    "high-tech-value-added-growth": Decimal("24.8"),
    "achievements-transferred": 6,
    "tech-contract-turnover": 26500,
    "rd-spend": Decimal("6.4"),
    "hydrogen-buses": 20,
}


def template(root: Path, out: Path, period: str = "2020", lang: str = "zh") -> common.Outcome:
    options = export_cmd.ExportOptions(output=str(out), template=period, lang=lang)  # type: ignore[arg-type]
    return export_cmd.export(DataDir(root), options)


def test_a_filled_xlsx_template_imports_exactly(tmp_path: Path) -> None:
    root = data_dir(tmp_path, actuals=True)
    sheet_path = tmp_path / "填报-2020.xlsx"
    assert template(root, sheet_path).code == 0
    book = openpyxl.load_workbook(sheet_path)
    sheet = book.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header == [
        "编号",
        "指标",
        "区域",
        "单位",
        "上期值（2020-Q2）",
        "期间",
        "数值",
        "完成",
        "完成日期",
        "佐证",
    ]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert "tech-transfer-institutions" not in rows  # a register target: counted, not typed
    assert rows["tech-smes"][4].value == 52 and rows["tech-smes"][3].value == "家"
    assert rows["rd-spend"][4].value == 5.2 and rows["rd-spend"][5].value == "2020"
    assert all(row[6].value is None for row in rows.values())  # the column to fill in
    for target_id, number in FILLED.items():
        rows[target_id][6].value = number
    rows["hydrogen-pilot-base"][7].value = True
    rows["hydrogen-pilot-base"][8].value = datetime.date(2020, 11, 30)
    rows["hydrogen-pilot-base"][9].value = "竣工验收报告"
    book.save(sheet_path)

    outcome = do_import(root, sheet_path, "2020", reported=datetime.date(2021, 1, 20))
    assert outcome.code == 0, outcome.stderr
    got = values(root, "2020")
    assert {k: v.value for k, v in got.items() if v.value is not None} == {
        k: Decimal(v) for k, v in FILLED.items()
    }
    assert got["tech-contract-turnover"].unit == "万元" and got["rd-spend"].unit == "亿元"
    milestone = got["hydrogen-pilot-base"]
    assert (milestone.done, milestone.date, milestone.evidence) == (
        True,
        datetime.date(2020, 11, 30),
        "竣工验收报告",
    )
    # The same sheet again: nothing changes, and it says so.
    again = do_import(root, sheet_path, "2020")
    assert again.code == 0
    assert "unchanged 8" in again.stdout and "Nothing to add or change." in again.stdout


def test_a_csv_template_in_english_reads_back(tmp_path: Path) -> None:
    root = data_dir(tmp_path, actuals=True)
    out = tmp_path / "fill.csv"
    assert template(root, out, "2020", "en").code == 0
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][4] == "previous (2020-Q2)"
    for row in rows[1:]:
        if row[0] in FILLED:
            row[6] = str(FILLED[row[0]])
    filled = io.StringIO()
    csv.writer(filled).writerows(rows)
    out.write_text(filled.getvalue(), encoding="utf-8")
    assert do_import(root, out, "2020").code == 0
    assert {k: v.value for k, v in values(root, "2020").items()} == {
        k: Decimal(v) for k, v in FILLED.items()
    }


def test_an_empty_template_is_not_a_silent_success(tmp_path: Path) -> None:
    root = data_dir(tmp_path, actuals=True)
    out = tmp_path / "fill.xlsx"
    assert template(root, out).code == 0
    outcome = do_import(root, out, "2020")
    assert outcome.code == 1
    assert "holds no value for 2020" in outcome.stderr and "nothing written" in outcome.stderr
    assert not (root / "actuals" / "2020.yaml").exists()


def test_last_periods_export_into_a_new_period_says_what_it_holds(tmp_path: Path) -> None:
    root = data_dir(tmp_path, actuals=True)
    out = tmp_path / "export.csv"
    assert export_cmd.export(DataDir(root), export_cmd.ExportOptions(output=str(out))).code == 0
    outcome = do_import(root, out, "2020")
    assert outcome.code == 1
    assert "its rows are for 2019, 2020-Q2" in outcome.stderr
    assert "hitrack export --template 2020" in outcome.stderr
    assert not (root / "actuals" / "2020.yaml").exists()


def test_template_usage_errors(tmp_path: Path) -> None:
    root = data_dir(tmp_path, actuals=True)
    from typer.testing import CliRunner

    from hitrack.cli import app

    bad = CliRunner().invoke(app, ["export", "--data", str(root), "--template", "2020Q5"])
    assert bad.exit_code == 2 and "--template '2020Q5'" in bad.stderr
    json = export_cmd.export(DataDir(root), export_cmd.ExportOptions(template="2020", fmt="json"))
    assert json.code == 2 and "csv or xlsx" in json.stderr
