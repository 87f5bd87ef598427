"""`hitrack status --periods`: a row per target, a column per reported period."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import ROOT, target, write_data
from hitrack.commands import report as report_cmd
from hitrack.commands import status as status_cmd
from hitrack.load.datadir import DataDir


def matrix(data: Path, fmt: str, lang: str = "en", as_of: str | None = None) -> str:
    options = status_cmd.StatusOptions(fmt=fmt, lang=lang, periods=True, as_of=as_of)  # type: ignore[arg-type]
    outcome = status_cmd.status(DataDir(data), options)
    assert outcome.code == 0, outcome.stderr
    return outcome.stdout


def test_json_has_every_target_and_period_with_values_samples_and_statuses() -> None:
    document = json.loads(matrix(ROOT / "data", "json"))
    assert document["schema"] == "hitrack.periods/v1"
    assert document["periods"] == ["2018", "2019", "2020-Q2"]
    assert len(document["targets"]) == 11
    smes = document["targets"][0]
    assert smes["id"] == "tech-smes"
    assert [c["value"] for c in smes["cells"]] == ["38", "47", "52"]
    assert all(c["sample"] for c in smes["cells"])
    assert [c["period"] for c in smes["cells"]] == document["periods"]
    assert {c["status"] for t in document["targets"] for c in t["cells"]} <= {
        "achieved",
        "on_track",
        "at_risk",
        "off_track",
        "no_data",
        "not_assessable",
    }


def test_as_of_limits_the_columns() -> None:
    document = json.loads(matrix(ROOT / "data", "json", as_of="2019"))
    assert document["periods"] == ["2018", "2019"]


def test_csv_and_markdown_and_table_agree() -> None:
    rows = list(csv.reader(io.StringIO(matrix(ROOT / "data", "csv").removeprefix("\ufeff"))))
    assert rows[0] == ["id", "Name", "Target", "2018", "2019", "2020-Q2"]
    assert rows[1] == ["tech-smes", "Technology-based SMEs", ">55家", "38家 *", "47家 *", "52家 *"]
    assert len(rows) == 12
    markdown = matrix(ROOT / "data", "markdown")
    line = next(x for x in markdown.splitlines() if x.startswith("| Technology-based SMEs"))
    assert [c.strip() for c in line.split("|")[2:-1]] == [
        "\\>55家",
        "38家 \\*",
        "47家 \\*",
        "52家 \\*",
    ]
    table = matrix(ROOT / "data", "table", "zh")
    assert "科技型中小企业数量" in table and "52家 *" in table and "2020-Q2" in table


def test_a_period_without_a_value_is_a_dash_and_real_values_carry_no_star(tmp_path: Path) -> None:
    data = write_data(tmp_path / "d", [target(), target(id="b", name="乙", name_en="B")])
    (data / "actuals").mkdir(exist_ok=True)
    for period, values in (
        ("2018", "  - {target: smes, value: 40, unit: 家}\n"),
        ("2019", "  - {target: b, value: 3, unit: 家}\n"),
    ):
        (data / "actuals" / f"{period}.yaml").write_text(
            f"schema: hitrack/v1\nperiod: '{period}'\nvalues:\n{values}", encoding="utf-8"
        )
    rows = list(csv.reader(io.StringIO(matrix(data, "csv").removeprefix("\ufeff"))))
    assert rows[1][3:] == ["40家", "–"]
    assert rows[2][3:] == ["–", "3家"]


# ---------------------------------------------------------- in the report and the export


def test_the_report_has_the_matrix_after_the_targets() -> None:
    import datetime

    options = report_cmd.ReportOptions(lang="zh", output=None, today=datetime.date(2020, 7, 1))  # type: ignore[arg-type]
    text = report_cmd.report(DataDir(ROOT / "data"), options).stdout
    section = text.split("## 各期数值", 1)[1].split("\n## ", 1)[0]
    assert text.index("## 目标完成情况") < text.index("## 各期数值")
    header = next(line for line in section.splitlines() if line.startswith("| 名称"))
    assert [c.strip() for c in header.strip("|").split("|")][2:] == ["2018", "2019", "2020-Q2"]
    smes = next(line for line in section.splitlines() if "科技型中小企业数量" in line)
    assert [c.strip() for c in smes.strip("|").split("|")][2:] == [
        "38家 \\*",
        "47家 \\*",
        "52家 \\*",
    ]


def test_a_report_shows_the_last_eight_periods_and_says_so(tmp_path: Path) -> None:
    import datetime

    years = {
        str(year): [{"target": "smes", "value": year - 1990, "unit": "家"}]
        for year in range(2010, 2021)
    }
    data = write_data(tmp_path, [target()], years, plan={"start": "2010", "deadline": "2020"})
    options = report_cmd.ReportOptions(lang="en", output=None, today=datetime.date(2021, 7, 1))  # type: ignore[arg-type]
    text = report_cmd.report(DataDir(data), options).stdout
    section = text.split("## Values by period", 1)[1].split("\n## ", 1)[0]
    header = next(line for line in section.splitlines() if line.startswith("| Name"))
    assert [c.strip() for c in header.strip("|").split("|")][2:] == [
        str(y) for y in range(2013, 2021)
    ]
    assert "Only the last 8 periods" in section


def test_one_period_needs_no_matrix_in_the_report(tmp_path: Path) -> None:
    import datetime

    data = write_data(
        tmp_path, [target()], {"2019": [{"target": "smes", "value": 50, "unit": "家"}]}
    )
    options = report_cmd.ReportOptions(lang="en", output=None, today=datetime.date(2020, 7, 1))  # type: ignore[arg-type]
    assert "Values by period" not in report_cmd.report(DataDir(data), options).stdout


def test_the_xlsx_export_has_a_periods_sheet_of_numbers(tmp_path: Path) -> None:
    import pytest

    openpyxl = pytest.importorskip("openpyxl")
    from conftest import load_ok
    from hitrack.interchange import exporting

    dataset = load_ok(ROOT / "data")
    export = exporting.build(dataset, None, "zh")
    book = openpyxl.load_workbook(io.BytesIO(exporting.render_xlsx(export, "zh")))
    assert book.sheetnames == ["目标", "各期", "说明"]
    sheet = book["各期"]
    assert "示例" in sheet["A1"].value
    assert [c.value for c in sheet[2]] == ["id", "名称", "目标", "单位", "2018", "2019", "2020-Q2"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=3)}
    smes = rows["tech-smes"]
    assert [c.value for c in smes[4:]] == [38, 47, 52]  # numbers, not text
    assert all(c.font.i for c in smes[4:])  # samples in italics
    assert [c.value for c in rows["hydrogen-station"][4:]] == [None, "✘", "✔"]
    document = json.loads(exporting.render_json(export, "zh"))
    assert document["periods"]["periods"] == ["2018", "2019", "2020-Q2"]
    first = document["periods"]["targets"][0]
    assert first["id"] == "tech-smes" and [c["value"] for c in first["cells"]] == ["38", "47", "52"]


def test_the_word_report_has_the_matrix(tmp_path: Path) -> None:
    import datetime

    import pytest

    docx = pytest.importorskip("docx")
    out = tmp_path / "r.docx"
    options = report_cmd.ReportOptions(
        fmt="docx", output=str(out), lang="zh", today=datetime.date(2020, 7, 1)
    )  # type: ignore[arg-type]
    assert report_cmd.report(DataDir(ROOT / "data"), options).code == 0
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "各期数值" in headings
    table = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][2:] == ["2018", "2019", "2020-Q2"]
    )
    smes = next(r for r in table.rows if r.cells[0].text == "科技型中小企业数量")
    assert [c.text for c in smes.cells[2:]] == ["38家 *", "47家 *", "52家 *"]
