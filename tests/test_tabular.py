"""CSV actuals: lines and columns of problems, both readers agree, periods split by file."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import codes, load, load_ok, target, write_data
from hitrack.core import model
from hitrack.core.problems import PER_CODE_AND_FILE
from hitrack.load import tabular

HEADER = "target,zone,period,value,unit,source,reported,sample,note\n"


def data(tmp_path: Path, csv_text: str, name: str = "stats.csv") -> Path:
    root = write_data(
        tmp_path / "data", [target()], plan={"zones": [{"id": "north", "name": "北区"}]}
    )
    (root / "actuals").mkdir(exist_ok=True)
    (root / "actuals" / name).write_text(csv_text, encoding="utf-8", newline="")
    return root


def where(root: Path) -> list[tuple[int, int, str]]:
    _, problems = load(root)
    return [(p.line, p.col, p.code) for p in problems]


def test_rows_after_a_quoted_line_break_keep_their_lines(tmp_path: Path) -> None:
    text = HEADER + 'smes,,2019,48,家,"统计局\n快报",,,\nsmes,,2020,-1,家,,,,\n'
    assert where(data(tmp_path, text)) == [(4, 12, "negative-value")]


def test_blank_lines_do_not_shift_lines(tmp_path: Path) -> None:
    text = HEADER + "smes,,2019,48,家,,,,\n\n\nsmes,,2020,五十,家,,,,\n"
    assert where(data(tmp_path, text)) == [(5, 12, "not-a-number")]


def test_one_file_holds_many_periods(tmp_path: Path) -> None:
    text = HEADER + "smes,,2018,40,家,,,,\nsmes,,2019,48,家,,,,\nsmes,,2031,60,家,,,,\n"
    assert where(data(tmp_path, text)) == [(4, 7, "period-out-of-range")]


def test_sample_flag_and_note_per_row(tmp_path: Path) -> None:
    text = HEADER + "smes,north,2019,48,家,局,2020-01-15,TRUE,初报\nsmes,,2020,50.5,家,,,false,\n"
    dataset, problems = load(data(tmp_path, text))
    assert dataset is not None and codes(problems) == ["fractional-count"]
    first, second = (f.values[0] for _, f in dataset.actuals)
    assert (first.zone, first.sample, first.note, first.source) == ("north", True, "初报", "局")
    assert first.reported is not None and first.reported.isoformat() == "2020-01-15"
    assert (second.zone, second.sample, second.note, second.value) == (
        None,
        False,
        None,
        Decimal("50.5"),
    )
    assert not hasattr(first, "not_a_field")


@pytest.mark.parametrize(
    "rows",
    [
        "smes,north,2019,48,家,局,2020-01-15,true,初报\nsmes,,2020,0.5,家,局,,,\n",
        "smes,,2019,48,家,,,,\nsmes,north,2019,48,家,,2020-02-01,false,x\n",
    ],
)
def test_column_and_row_readers_build_the_same_records(tmp_path: Path, rows: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    header, lines, rest = tabular._split(path.read_text(encoding="utf-8"))
    assert header is not None and rest is not None
    by_columns = tabular._Reading("a.csv", "a.csv", header, tabular._Text(path))
    assert by_columns.read_columns(rest)
    by_rows = tabular._Reading("a.csv", "a.csv", header, tabular._Text(path))
    by_rows.read(lines)
    assert by_rows.problems.problems() == []
    built, read = by_columns.groups(), by_rows.groups()
    assert built.keys() == read.keys()
    for key in built:
        assert built[key][0] == read[key][0]
        assert list(built[key][1].rows) == list(read[key][1].rows)


def test_an_invalid_cell_falls_back_to_row_by_row_problems(tmp_path: Path) -> None:
    text = HEADER + "smes,,2019,48,家,,,,\nsmes,,2020,48,元,,,,\nsmes,,2020,48,家,,2020-13-01,,\n"
    assert codes(load(data(tmp_path, text))[1]) == ["unit-mismatch", "invalid-value"]


def test_yaml_and_csv_coexist(tmp_path: Path) -> None:
    root = data(tmp_path, HEADER + "smes,,2020,50,家,,,,\n")
    (root / "actuals" / "2019.yaml").write_text(
        "schema: hitrack/v1\nperiod: '2019'\nvalues:\n  - {target: smes, value: 48, unit: 家}\n",
        encoding="utf-8",
    )
    dataset = load_ok(root)
    assert [f.period for _, f in dataset.actuals] == ["2019", "2020"]


def _rows(count: int, period: str = "2019") -> str:
    return "".join(f"smes,,{period},{index},家,局,,,\n" for index in range(count))


@pytest.mark.parametrize("chunk", [1, 7, 40, 1 << 16])
@pytest.mark.parametrize(
    "rows",
    [
        _rows(3) + _rows(2, "2020") + _rows(2),  # a period in two runs
        _rows(3) + "\n" + _rows(3),  # a blank line: the row reader
        _rows(3) + "smes,,2019,1,家\n" + _rows(1),  # a short row: the row reader
        _rows(5).replace("局", ""),
        "",
    ],
)
def test_chunked_column_reader_agrees_with_the_row_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str, chunk: int
) -> None:
    monkeypatch.setattr(tabular, "_CHUNK", chunk)
    path = tmp_path / "a.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    by_columns = tabular.load_actuals(path, "a.csv", "a.csv", max_bytes=1 << 20)
    header, lines, _ = tabular._split(path.read_text(encoding="utf-8"))
    assert header is not None
    by_rows = tabular._Reading("a.csv", "a.csv", header, tabular._Text(path))
    by_rows.read(lines)
    assert by_columns.problems == by_rows.problems.problems()
    assert by_columns.groups.keys() == by_rows.groups().keys()
    for key, (record, source) in by_rows.groups().items():
        assert by_columns.groups[key][0] == record
        assert list(by_columns.groups[key][1].rows) == list(source.rows)


@pytest.mark.parametrize("chunk", [1, 5, 1 << 16])
def test_chunks_are_whole_lines(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(tabular, "_CHUNK", chunk)
    text = "a,b\ncc,dd\n\ne\nffff,gggg,h\n"
    pieces = list(tabular._chunks(text))
    assert "\n".join(pieces) == text.removesuffix("\n")
    assert (len(pieces) > 1) == (chunk < len(text) - 5)


def test_a_problem_deep_in_a_large_file_keeps_its_line(tmp_path: Path) -> None:
    rows = _rows(6000).splitlines(keepends=True)
    rows[4321] = "smes,,2019,-3,家,局,,,\n"
    assert len("".join(rows)) > 2 * tabular._CHUNK
    root = data(tmp_path, HEADER + "".join(rows))
    found = where(root)
    # Every row reports smes again: each but the first is a duplicate, at its own line; the
    # first hundred are kept, the rest counted in one summary (line 0).
    duplicates = [line for line, _, code in found if code == "duplicate-actual"]
    assert duplicates == [0, *range(3, 3 + PER_CODE_AND_FILE)]
    (summary,) = [p for p in load(root)[1] if p.code == "duplicate-actual" and p.line == 0]
    assert summary.more == 5999 - PER_CODE_AND_FILE
    assert [p for p in found if p[2] != "duplicate-actual"] == [(4323, 12, "negative-value")]


def test_values_held_as_columns_read_like_a_tuple_of_records(tmp_path: Path) -> None:
    text = HEADER + "smes,north,2019,48,家,局,2020-01-15,true,初报\nsmes,,2019,0.5,家,,,,\n"
    dataset, problems = load(data(tmp_path, text))
    assert dataset is not None and codes(problems) == ["fractional-count"]
    (_, actuals), *_ = dataset.actuals
    values = actuals.values
    assert isinstance(values, model.ValueColumns)
    records = tuple(values)
    assert len(values) == len(records) == 2
    assert values[0] == records[0] and values[-1] == records[1] and values[0:1] == records[:1]
    assert (values[1].zone, values[1].value, values[1].numerator) == (None, Decimal("0.5"), None)
    with pytest.raises(IndexError):
        values[2]
    assert values == records and values != records[:1] and values != list(records)
    assert hash(values) == hash(records)
    copy = pickle.loads(pickle.dumps(values))
    assert isinstance(copy, model.ValueColumns) and copy == values
    assert "2 values" in repr(values)
    numbers = values.columns["value"]
    assert isinstance(numbers, model.DecimalTexts)
    assert list(numbers) == [Decimal(48), Decimal("0.5")] and numbers[1] == Decimal("0.5")
    assert list(numbers[1:]) == [Decimal("0.5")] and not numbers.any_signed()
    assert model.DecimalTexts(["1", "-0"]).any_signed() and Decimal("-0").is_signed()
    with pytest.raises(ValueError, match="one length"):
        model.ValueColumns({"target": ["a"], "zone": []})
    with pytest.raises(ValueError, match="fields of ActualValue"):
        model.ValueColumns({"colour": ["red"]})
