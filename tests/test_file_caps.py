"""Files with more lines or rows than one file may hold are refused before they are parsed:
the parse and the validation of a hostile file stay bounded, whatever its size."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import codes, load, target, write_data
from hitrack.load import tabular, yamlload


def test_a_yaml_file_over_the_item_cap_is_refused_unparsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamlload, "MAX_ITEMS", 19)
    parsed: list[str] = []
    monkeypatch.setattr(yamlload, "_parse", lambda text: parsed.append(text))  # must not run
    text = 'period: "2019"\nvalues:\n' + "  - {target: smes, value: 1, unit: 家}\n" * 6
    loaded = yamlload.load_text(text, "actuals/2019.yaml")
    assert loaded.data is None and not parsed
    [problem] = loaded.problems
    assert problem.code == "file-too-large"
    assert "has 20 lines and list items, over the 19" in problem.message  # 8 lines, 12 commas


def test_a_yaml_file_at_the_cap_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'period: "2019"\nvalues:\n' + "  - {target: smes, value: 1, unit: 家}\n" * 6
    monkeypatch.setattr(yamlload, "MAX_ITEMS", 20)
    loaded = yamlload.load_text(text, "actuals/2019.yaml")
    assert loaded.problems == [] and len(loaded.data["values"]) == 6


def test_a_csv_file_over_the_row_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_ROWS", 5)
    data = write_data(tmp_path, [target()])
    (data / "actuals").mkdir(exist_ok=True)
    rows = "target,period,value,unit\n" + "smes,2019,50,家\n" * 5
    (data / "actuals" / "stats.csv").write_text(rows, encoding="utf-8")
    assert "file-too-large" in codes(load(data)[1])
    (data / "actuals" / "stats.csv").write_text(rows[: rows.rindex("smes")], encoding="utf-8")
    assert "file-too-large" not in codes(load(data)[1])


def test_the_caps_leave_room_for_a_province() -> None:
    """A quarter of 180 zones x 100 indicators, four YAML lines a value; a year of them as
    CSV rows."""
    assert yamlload.MAX_ITEMS >= 180 * 100 * 4 * 2
    assert tabular.MAX_ROWS >= 180 * 100 * 4
