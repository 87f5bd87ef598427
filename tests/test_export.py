"""`hitrack export`: CSV for Excel/WPS, xlsx, JSON; safe cells; no clobbering; round trip."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from conftest import ROOT, load_ok, target, write_data
from hitrack.cli import app
from hitrack.commands import export as export_cmd
from hitrack.commands.common import Outcome
from hitrack.core import units
from hitrack.load.datadir import DataDir
from test_import import data_dir, do_import

BUNDLED = DataDir(ROOT / "data")


def do_export(data: DataDir, **options: Any) -> Outcome:
    return export_cmd.export(data, export_cmd.ExportOptions(**options))


def test_csv_is_utf8_with_bom_and_numbers_stay_numbers(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    outcome = do_export(BUNDLED, output=str(out))
    assert outcome.code == 0, outcome
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    smes = next(r for r in rows if r["id"] == "tech-smes")
    assert (smes["value"], smes["unit"], smes["period"]) == ("52", "家", "2020-Q2")
    assert smes["sample"] == "TRUE"
    growth = next(r for r in rows if r["id"] == "high-tech-value-added-growth")
    assert (growth["value"], growth["unit"]) == ("21.2", "亿元")  # the series, as reported
    assert growth["measure_unit"] == "%"  # the rate, as assessed
    assert "illustrative samples" in outcome.stderr


def test_cells_are_spreadsheet_safe(tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://x.invalid","点击")'
    root = write_data(
        tmp_path / "d",
        [target(name=hostile)],
        {"2019": [{"target": "smes", "value": 50, "unit": "家"}]},
    )
    csv_out = tmp_path / "o.csv"
    assert do_export(DataDir(root), output=str(csv_out), lang="zh").code == 0
    rows = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["编号", "指标"]
    assert rows[1][1] == "'" + hostile
    xlsx_out = tmp_path / "o.xlsx"
    assert do_export(DataDir(root), output=str(xlsx_out)).code == 0
    sheet = openpyxl.load_workbook(xlsx_out).worksheets[0]
    cell = sheet["B3"]
    assert (cell.value, cell.data_type) == (hostile, "s")


def test_xlsx_has_header_formats_and_sample_note(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    assert do_export(BUNDLED, output=str(out), lang="zh").code == 0
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet["A1"].value.startswith("注意：以下实际值为示例数据")
    header = [c.value for c in sheet[2]]
    assert f"A1:{get_column_letter(len(header))}1" in {str(r) for r in sheet.merged_cells.ranges}
    assert header[:3] == ["编号", "指标", "英文名称"]
    assert sheet.freeze_panes == "A3"
    value, reported = header.index("数值"), header.index("报送日期")
    smes = sheet.cell(3, value + 1)
    assert (sheet["A3"].value, smes.value, smes.number_format) == ("tech-smes", 52, "#,##0")
    rd = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "rd-spend")
    assert rd[value].value == 5.2 and rd[value].number_format == "#,##0.0#####"
    assert rd[reported].is_date and rd[reported].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["B"].width > 20
    assert book.sheetnames == ["目标", "各期", "说明"]


def test_json_export() -> None:
    outcome = do_export(BUNDLED, fmt="json")
    document = json.loads(outcome.stdout)
    assert document["schema"] == "hitrack.export/v1"
    assert document["sample"] is True
    smes = next(r for r in document["rows"] if r["id"] == "tech-smes")
    assert (smes["value"], smes["sample"]) == ("52", True)


def test_output_is_never_clobbered_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("keep me", encoding="utf-8")
    outcome = do_export(BUNDLED, output=str(out))
    assert outcome.code == 2 and "--force" in outcome.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert do_export(BUNDLED, output=str(out), force=True).code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left behind
    assert do_export(BUNDLED, fmt="xlsx").code == 2  # binary: needs -o


def same_quantity(new: Any, old: Any) -> bool:
    if old is None:
        return new is None
    return bool(units.convert(new.value, new.unit, old.unit) == old.value)


def assert_same_actuals(source: Path, copy: Path, period: str) -> None:
    """Equal values (as decimals, after unit conversion), flags, dates, sources."""
    original = {
        (v.target, v.zone): (v, f)
        for _, f in load_ok(source).actuals
        if f.period == period
        for v in f.values
    }
    copied = {(v.target, v.zone): (v, f) for _, f in load_ok(copy).actuals for v in f.values}
    assert set(copied) == set(original)
    for key, (old, old_file) in original.items():
        new, new_file = copied[key]
        if old.value is not None:
            assert units.convert(new.value, new.unit, old.unit) == old.value
        assert same_quantity(new.numerator, old.numerator)
        assert same_quantity(new.denominator, old.denominator)
        assert (new.done, new.date, new.evidence) == (old.done, old.date, old.evidence)
        old_sample = old_file.sample if old.sample is None else old.sample
        assert (new_file.sample if new.sample is None else new.sample) == old_sample
        assert (new.source or new_file.source) == (old.source or old_file.source)
        assert (new.reported or new_file.reported) == (old.reported or old_file.reported)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_round_trip_reproduces_the_latest_period(tmp_path: Path, suffix: str) -> None:
    exported = tmp_path / f"export.{suffix}"
    assert do_export(BUNDLED, output=str(exported)).code == 0
    root = data_dir(tmp_path)
    outcome = do_import(root, exported, "2020-Q2")
    assert outcome.code == 0, outcome
    assert_same_actuals(ROOT / "data", root, "2020-Q2")


EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*") if (p / "actuals").is_dir())


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_round_trip_of_every_example(tmp_path: Path, example: Path) -> None:
    """Multi-zone plans, totals reported zone by zone, shares as numerator/denominator."""
    exported = tmp_path / "export.xlsx"
    assert do_export(DataDir(example), output=str(exported)).code == 0
    root = tmp_path / "copy"
    shutil.copytree(example, root, ignore=shutil.ignore_patterns("actuals"))
    period = max(p.stem for p in (example / "actuals").glob("*.yaml"))
    outcome = do_import(root, exported, period)
    assert outcome.code == 0, outcome
    assert_same_actuals(example, root, period)


def test_cli_export(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--data", str(ROOT / "data"), "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["as_of"] == "2020-Q2"
    out = tmp_path / "x.xlsx"
    result = runner.invoke(app, ["export", "--data", str(ROOT / "data"), "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_bytes()[:2] == b"PK"  # format taken from the suffix
    result = runner.invoke(app, ["export", "--data", str(ROOT / "data"), "--as-of", "20"])
    assert result.exit_code == 2


def test_export_numbers_are_exact() -> None:
    outcome = do_export(BUNDLED, fmt="json", as_of="2019")
    rows = {r["id"]: r for r in json.loads(outcome.stdout)["rows"]}
    assert Decimal(rows["tech-contract-turnover"]["value"]) == Decimal(21000)
    assert rows["tech-contract-turnover"]["unit"] == "万元"
    assert Decimal(rows["tech-contract-turnover"]["measure"]) == Decimal("2.1")


def test_round_trip_per_zone(tmp_path: Path) -> None:
    zones = {"zones": [{"id": "north", "name": "北区"}, {"id": "south", "name": "南区"}]}
    each = target(zone_scope="each", aliases=["科技型中小企业"])
    actuals = {
        "2019": [
            {"target": "smes", "zone": "north", "value": 30, "unit": "家"},
            {"target": "smes", "zone": "south", "value": 26, "unit": "家"},
        ]
    }
    source = write_data(tmp_path / "src", [each], actuals, plan=zones)
    exported = tmp_path / "zones.csv"
    assert do_export(DataDir(source), output=str(exported)).code == 0
    empty = write_data(tmp_path / "dst", [each], plan=zones)
    outcome = do_import(empty, exported, "2019")
    assert outcome.code == 0, outcome
    [(_, imported)] = load_ok(empty).actuals
    assert {(v.zone, v.value) for v in imported.values} == {
        ("north", Decimal(30)),
        ("south", Decimal(26)),
    }
    assert all(v.sample for v in imported.values)  # the source's values were samples


def test_owners_section_and_reference_series_are_exported(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    example = DataDir(ROOT / "examples" / "shapes-synthetic")
    assert do_export(example, output=str(out), lang="zh").code == 0
    rows = {r["编号"]: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))}
    assert rows["hte"]["责任单位"] == "区科技局（牵头）、区财政局（配合）、区税务局（配合）"
    assert rows["hte"]["章节"] == "（一）壮大创新主体"
    province = rows["province-iva-growth"]
    assert (province["类型"], province["数值"], province["状态"]) == ("reference", "5.8", "")
    assert do_export(example, output=str(out), lang="en", force=True).code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))}
    assert rows["hte"]["section"] == "(1) Growing the innovators"
    assert rows["patents"]["owners"] == "District Market Regulation Bureau (lead)"
