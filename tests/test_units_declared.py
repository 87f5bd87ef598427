"""Shape 7: per-population and compound units a plan declares in `plan.units` (件/万人,
万平方米, 亿美元, 个百分点, 所, 台套), converted exactly; 个 and 家 convert only when the plan
declares one equal to the other."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, codes, load, load_ok, write_data
from golden import assert_golden
from hitrack.commands import status as status_cmd
from hitrack.core import units
from hitrack.core.statuses import Status
from hitrack.engine import progress
from hitrack.load.loader import DataDir

GOLDEN = ROOT / "tests" / "golden" / "shapes"
UNITS = [
    {"symbol": "件/万人", "name_en": "per 10,000 people", "dimension": "per-10k-people"},
    {"symbol": "件/百万人", "equals": {"value": 0.01, "unit": "件/万人"}},
    {"symbol": "万平方米", "name_en": "10,000 m²", "equals": {"value": 0.01, "unit": "平方公里"}},
    {"symbol": "亿美元", "name_en": "100M US dollars", "dimension": "usd"},
    {"symbol": "万美元", "equals": {"value": 0.0001, "unit": "亿美元"}},
    {"symbol": "所", "count": True},
]
PLAN = {"start": "2018", "deadline": "2020", "units": UNITS}


def target(tid: str, unit: str, value: float, quote: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": tid,
        "name": quote.split("达到")[0].split("新")[-1],
        "name_en": tid,
        "kind": "level",
        "comparator": "gte",
        "value": value,
        "unit": unit,
        "quote": quote,
        **fields,
    }


PATENTS = target("patents", "件/万人", 8, "每万人口发明专利拥有量达到8件以上")


def test_a_per_population_unit_converts_exactly(tmp_path: Path) -> None:
    values = {
        "2018": [{"target": "patents", "value": 5.5, "unit": "件/万人"}],
        "2019": [{"target": "patents", "value": 650, "unit": "件/百万人"}],
    }
    dataset = load_ok(write_data(tmp_path, [PATENTS], values, plan=PLAN))
    [found] = progress.assess_all(dataset, "2019")
    assert found.actual == Decimal("6.5") and found.unit == "件/万人"
    assert [p.value for p in found.points] == [Decimal("5.5"), Decimal("6.5")]
    assert found.status == Status.AT_RISK  # projected 7.68 of 8


def test_area_and_money_of_declared_scales(tmp_path: Path) -> None:
    area = target("floor", "万平方米", 50, "新增孵化面积50万平方米以上")
    export = target("export", "亿美元", 5, "高新技术产品出口额达到5亿美元以上")
    values = {
        "2019": [
            {"target": "floor", "value": 0.6, "unit": "平方公里"},
            {"target": "export", "value": 52000, "unit": "万美元"},
        ]
    }
    dataset = load_ok(write_data(tmp_path, [area, export], values, plan=PLAN))
    found = {a.target.id: a for a in progress.assess_all(dataset, "2019")}
    assert found["floor"].actual == Decimal(60) and found["floor"].met
    assert found["export"].actual == Decimal("5.2") and found["export"].met
    table = dataset.plan.unit_table
    assert units.convert(Decimal(3), "万美元", "亿美元", table) == Decimal("0.0003")
    assert not units.compatible("亿美元", "亿元", table)  # dollars are not yuan


def test_ge_and_jia_convert_only_when_the_plan_says_so(tmp_path: Path) -> None:
    smes = target("smes", "家", 55, "科技型中小企业数量达到55家以上")
    values = {"2019": [{"target": "smes", "value": 57, "unit": "个"}]}
    _, problems = load(write_data(tmp_path / "a", [smes], values, plan={"units": []}))
    assert codes(problems) == ["unit-mismatch"]
    alias = {"units": [{"symbol": "个", "equals": {"value": 1, "unit": "家"}}]}
    dataset = load_ok(write_data(tmp_path / "b", [smes], values, plan=alias))
    [found] = progress.assess_all(dataset)
    assert found.actual == 57 and found.status == Status.ACHIEVED


def test_a_declared_count_is_its_own_dimension(tmp_path: Path) -> None:
    schools = target("schools", "所", 3, "新建职业院校3所以上")
    values = {"2019": [{"target": "schools", "value": 3, "unit": "个"}]}
    _, problems = load(write_data(tmp_path, [schools], values, plan=PLAN))
    assert codes(problems) == ["unit-mismatch"]
    dataset = load_ok(write_data(tmp_path / "b", [schools], plan=PLAN))
    assert units.is_count("所", dataset.plan.unit_table)


def test_a_declaration_refers_only_to_units_above_it(tmp_path: Path) -> None:
    plan = {"units": [{"symbol": "万美元", "equals": {"value": 0.0001, "unit": "亿美元"}}]}
    _, problems = load(write_data(tmp_path, [PATENTS], plan=plan))
    assert codes(problems) == ["unit-declaration", "unknown-unit"]
    assert problems[0].line == 10 and "declared above" in problems[0].message


@pytest.mark.parametrize("symbol", ["件 /万人", "a/b/c", "/人", "件/万人\n", "１件"])
def test_a_unit_token_is_validated(tmp_path: Path, symbol: str) -> None:
    _, problems = load(write_data(tmp_path, [target("x", symbol, 1, "专利达到1件以上")]))
    assert codes(problems) == ["unknown-unit"]


def test_a_converted_value_is_explained(tmp_path: Path) -> None:
    values = {
        "2018": [{"target": "patents", "value": 5.5, "unit": "件/万人"}],
        "2019": [{"target": "patents", "value": 650, "unit": "件/百万人"}],
    }
    root = write_data(tmp_path, [PATENTS], values, plan=PLAN)
    for lang in ("en", "zh"):
        options = status_cmd.StatusOptions(explain="patents", lang=lang)  # type: ignore[arg-type]
        text = status_cmd.status(DataDir(root), options).stdout
        assert "[unit-declared]" in text
        assert_golden(GOLDEN / f"explain-declared-unit.{lang}.txt", text)


def test_plausibility_knows_the_plans_units(tmp_path: Path) -> None:
    schools = target("schools", "所", 3, "新建职业院校3所以上")
    export = target("export", "亿美元", 5, "高新技术产品出口额达到5亿美元以上")
    values = {
        "2018": [{"target": "export", "value": 4, "unit": "亿美元"}],
        "2019": [
            {"target": "schools", "value": 2.5, "unit": "所"},
            {"target": "export", "value": 45000, "unit": "亿美元"},  # typed in 万美元
        ],
    }
    _, problems = load(write_data(tmp_path, [schools, export], values, plan=PLAN))
    assert codes(problems) == ["fractional-count", "unit-scale"]
    assert "万美元" in problems[1].message  # keep the number and write unit: 万美元
