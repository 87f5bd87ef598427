"""`hitrack status --periods`: a row per target, a column per reported period."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import ROOT, target, write_data
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
