"""Shape 4: targets relative to another series (「园区工业增加值增速高于全省平均水平」): a
reference series has actuals but no target; the target is judged against its value of the
same period, and status shows both values and the margin."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, codes, load, load_ok, write_data
from golden import assert_golden
from hitrack.commands import status as status_cmd
from hitrack.core.statuses import Status
from hitrack.engine import progress
from hitrack.load.loader import DataDir

GOLDEN = ROOT / "tests" / "golden" / "shapes"
PLAN = {"start": "2018", "deadline": "2020"}
PROVINCE = {
    "id": "province-iva-growth",
    "name": "全省规模以上工业增加值增速",
    "name_en": "Province industrial value added growth",
    "unit": "%",
    "source": "辽宁省统计局《辽宁省国民经济和社会发展统计公报》",
}


def growth(**fields: Any) -> dict[str, Any]:
    return {
        "id": "iva-growth",
        "name": "园区工业增加值增速",
        "name_en": "Zone industrial value added growth",
        "kind": "level",
        "comparator": "gt",
        "unit": "%",
        "against": "province-iva-growth",
        "quote": "园区工业增加值增速高于全省平均水平",
        **fields,
    }


def values(own: dict[str, float], province: dict[str, float]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for tid, series in (("iva-growth", own), ("province-iva-growth", province)):
        for period, value in series.items():
            found.setdefault(period, []).append({"target": tid, "value": value, "unit": "%"})
    return found


def assess(tmp_path: Path, target: dict[str, Any], data: dict[str, Any], as_of: str | None = None):  # type: ignore[no-untyped-def]
    root = write_data(tmp_path, [target], data, plan=PLAN, references=[PROVINCE])
    [found] = progress.assess_all(load_ok(root), as_of)
    return found


@pytest.mark.parametrize(
    ("own", "province", "margin", "status", "gap"),
    [
        ({"2019": 8.1}, {"2019": 6.7}, None, Status.ACHIEVED, 0),
        ({"2018": 5.0, "2019": 6.5}, {"2018": 7.0, "2019": 7.0}, None, Status.AT_RISK, "0.5"),
        ({"2018": 6.5, "2019": 5.0}, {"2018": 7.0, "2019": 7.0}, None, Status.OFF_TRACK, 2),
        ({"2019": 8.1}, {"2019": 6.7}, 2, Status.AT_RISK, "0.6"),  # 高于全省2个百分点: 8.7
    ],
)
def test_judged_against_the_same_period(
    tmp_path: Path,
    own: dict[str, float],
    province: dict[str, float],
    margin: int | None,
    status: Status,
    gap: object,
) -> None:
    target = growth(margin=margin) if margin is not None else growth()
    found = assess(tmp_path, target, values(own, province))
    if margin is not None:
        assert found.status == Status.OFF_TRACK  # one period, nothing to close from
    else:
        assert found.status == status
    assert found.gap == Decimal(str(gap))
    assert found.reference == Decimal(str(province["2019"]))


def test_the_latest_period_both_report_counts(tmp_path: Path) -> None:
    # The province's 2020 figure is not out yet: 2019 is compared, not 2020 with nothing.
    found = assess(tmp_path, growth(), values({"2019": 8.1, "2020": 6.0}, {"2019": 6.7}))
    assert found.period == "2019" and found.met


def test_missed_at_the_deadline(tmp_path: Path) -> None:
    data = values({"2019": 8.1, "2020": 6.0}, {"2019": 6.7, "2020": 6.5})
    found = assess(tmp_path, growth(), data, "2020")
    assert found.status == Status.OFF_TRACK and found.reason_code == "missed-deadline"


def test_no_reference_value_yet(tmp_path: Path) -> None:
    found = assess(tmp_path, growth(), values({"2019": 8.1}, {}))
    assert found.status == Status.NOT_ASSESSABLE and found.reason_code == "no-reference-value"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": 7}, "not `value`"),
        ({"comparator": "approx", "tolerance": 1}, "gt, gte, lt or lte"),
        ({"kind": "growth", "series_unit": "亿元"}, "cannot be compared"),
        ({"unit": "亿元"}, "cannot convert"),
        ({"margin": -1}, "must not be negative"),
    ],
)
def test_fields_of_a_target_against_a_reference(
    tmp_path: Path, fields: dict[str, Any], message: str
) -> None:
    root = write_data(tmp_path, [growth(**fields)], plan=PLAN, references=[PROVINCE])
    _, problems = load(root)
    assert "target-fields" in codes(problems)
    assert any(message in p.message for p in problems), problems


def test_a_reference_id_is_not_a_target_id(tmp_path: Path) -> None:
    province = {**PROVINCE, "id": "iva-growth"}
    root = write_data(tmp_path, [growth(against="iva-growth")], plan=PLAN, references=[province])
    assert "duplicate-id" in codes(load(root)[1])


def test_status_shows_both_values_and_the_margin(tmp_path: Path) -> None:
    data = values({"2018": 7.2, "2019": 8.1}, {"2018": 6.9, "2019": 6.7})
    root = write_data(tmp_path, [growth()], data, plan=PLAN, references=[PROVINCE])
    for lang in ("en", "zh"):
        options = status_cmd.StatusOptions(explain="iva-growth", lang=lang)  # type: ignore[arg-type]
        text = status_cmd.status(DataDir(root), options).stdout
        assert "[against-period]" in text and "[against-met]" in text
        assert_golden(GOLDEN / f"explain-against-reference.{lang}.txt", text)
    table = status_cmd.status(DataDir(root), status_cmd.StatusOptions(fmt="markdown", lang="zh"))
    row = next(line for line in table.stdout.splitlines() if "园区工业增加值增速" in line)
    assert ">参照序列" in row and "8.1%（参照 6.7%）" in row and "相差 +1.4 个百分点" in row
    document = json.loads(
        status_cmd.status(DataDir(root), status_cmd.StatusOptions(fmt="json")).stdout
    )
    [entry] = document["targets"]
    assert (entry["against"], entry["reference"], entry["margin"]) == (
        "province-iva-growth",
        "6.7",
        "1.4",
    )
