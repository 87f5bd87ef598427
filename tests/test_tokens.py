"""Ids, periods and unit tokens are ASCII and match whole: other scripts' digits and a final
newline are refused by every reader (YAML, CSV, spreadsheet cells, command-line options)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import codes, load, target, write_data
from hitrack.cli import app
from hitrack.core import periods, tokens
from hitrack.interchange import cells, importing

FULLWIDTH = "２０１９"
ARABIC_INDIC = "٢٠١٩"
BAD_PERIODS = [FULLWIDTH, ARABIC_INDIC, "2019\n", "2019-Q2\n", "2019 ", "\n2019", "2019-Ｑ2"]


@pytest.mark.parametrize("text", BAD_PERIODS)
def test_period_token_is_ascii_and_whole(text: str) -> None:
    assert not tokens.is_period(text)
    assert tokens.PERIOD.match(text) is None  # even `.match` takes the whole text
    with pytest.raises(ValueError):
        periods.parse(text)


@pytest.mark.parametrize("text", ["smes\n", "ｓｍｅｓ", "smes-٢", "rd-spend ", "-smes"])
def test_id_token_is_ascii_and_whole(text: str) -> None:
    assert not tokens.is_id(text)


def test_good_tokens_pass() -> None:
    assert tokens.is_period("2019") and tokens.is_period("2020-Q2")
    assert tokens.is_id("rd-spend") and tokens.is_id("zone-2")
    assert tokens.is_digits("1024") and not tokens.is_digits("１０２４")


@pytest.mark.parametrize("period", [FULLWIDTH, "2019\n"], ids=["fullwidth", "final-newline"])
def test_yaml_actuals_period(tmp_path: Path, period: str) -> None:
    root = write_data(tmp_path / "d", [target()])
    (root / "actuals").mkdir()
    text = f"schema: hitrack/v1\nperiod: {json.dumps(period)}\nvalues: []\n"
    (root / "actuals" / "2019.yaml").write_text(text, encoding="utf-8")
    problems = load(root)[1]
    assert [(p.code, p.line) for p in problems] == [("invalid-period", 2)]


@pytest.mark.parametrize("ident", ["smes\n", "ｓｍｅｓ"])
def test_yaml_target_id(tmp_path: Path, ident: str) -> None:
    root = write_data(tmp_path / "d", [target(id=ident)])
    assert "invalid-id" in codes(load(root)[1])


@pytest.mark.parametrize(
    "period",
    [FULLWIDTH, ARABIC_INDIC, '"2019\n"'],
    ids=["fullwidth", "arabic-indic", "final-newline"],
)
def test_csv_period(tmp_path: Path, period: str) -> None:
    root = write_data(tmp_path / "d", [target()])
    (root / "actuals").mkdir()
    rows = "target,zone,period,value,unit,source,reported\n"
    rows += "smes,,2019,48,家,,\n"
    rows += f"smes,,{period},52,家,,\n"
    (root / "actuals" / "stats.csv").write_text(rows, encoding="utf-8")
    problems = load(root)[1]
    assert [(p.code, p.line) for p in problems if p.code == "invalid-period"] == [
        ("invalid-period", 3)
    ]


def test_csv_target_with_fullwidth_letters(tmp_path: Path) -> None:
    root = write_data(tmp_path / "d", [target()])
    (root / "actuals").mkdir()
    rows = "target,zone,period,value,unit,source,reported\nｓｍｅｓ,,2019,48,家,,\n"
    (root / "actuals" / "stats.csv").write_text(rows, encoding="utf-8")
    assert "invalid-id" in codes(load(root)[1])


def test_spreadsheet_cells() -> None:
    # Full-width forms are what Chinese spreadsheets type; NFKC makes them ASCII on purpose.
    assert importing.parse_period("２０２０年第二季度") == "2020-Q2"
    assert importing.parse_period(ARABIC_INDIC) is None
    assert importing.parse_period("٢٠٢٠-Q2") is None
    with pytest.raises(cells.CellError):
        cells.number("٤٨")
    with pytest.raises(cells.CellError):
        cells.date("٢٠٢٠-05-28")
    assert cells.number("４８")[0] == 48


@pytest.mark.parametrize("option", ["--as-of", "--since"])
@pytest.mark.parametrize("value", [FULLWIDTH, "2019\n"])
def test_command_line_periods(option: str, value: str) -> None:
    command = "status" if option == "--as-of" else "report"
    result = CliRunner().invoke(app, [command, option, value])
    assert result.exit_code == 2, result.output
    assert "write a year" in result.stderr


def test_import_period_option(tmp_path: Path) -> None:
    root = write_data(tmp_path / "d", [target()])
    sheet = tmp_path / "in.csv"
    sheet.write_text("指标,数值\n科技型中小企业数量,48\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["import", str(sheet), "--period", FULLWIDTH, "--data", str(root)]
    )
    assert result.exit_code == 2, result.output
    assert not (root / "actuals").exists()


def test_schema_patterns_are_anchored_for_json_schema() -> None:
    result = CliRunner().invoke(app, ["schema", "actuals"])
    document = json.loads(result.stdout)
    assert tokens.PERIOD_SCHEMA in json.dumps(document)
    assert tokens.PERIOD_SCHEMA == "^([0-9]{4})(?:-Q([1-4]))?$"
