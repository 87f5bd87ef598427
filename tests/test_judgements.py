"""The engine's judgements, as a table a reviewer can read: kind x comparator x situation ->
the expected status and reason. The plan runs 2018-2020 (see conftest.PLAN); every value
file is marked sample unless a value says otherwise."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import load_ok, target, write_data
from hitrack.engine import progress
from hitrack.i18n import step_words

LEVEL = {"quote": "数量突破55家"}  # level > 55 家
SHARE = {
    "id": "closure",
    "kind": "ratio",
    "comparator": "gte",
    "value": 95,
    "unit": "%",
    "quote": "结案率达到95%以上",
}
FLOOR = {"comparator": "gte", "value": 72, "quote": "数量达到72家"}
FALLING = {
    "id": "energy",
    "comparator": "lte",
    "value": 9,
    "unit": "万元",
    "quote": "单位能耗费用降至9万元以下",
    "plan": {"start": "2016", "deadline": "2030"},
}
GROWTH = {
    "id": "va",
    "kind": "growth",
    "comparator": "gte",
    "value": 10,
    "unit": "%",
    "series_unit": "亿元",
    "quote": "年均增长10%以上",
}
RANGE = {
    "id": "industries",
    "comparator": "between",
    "value": None,
    "low": 1,
    "high": 2,
    "unit": "个",
    "quote": "聚焦1-2个战略性新兴产业",
}
CUMULATIVE = {"id": "invest", "kind": "cumulative", "unit": "亿元", "quote": "累计投资55亿元"}
MILESTONE = {
    "id": "park",
    "kind": "milestone",
    "comparator": None,
    "value": None,
    "unit": None,
    "deliverable": "园区建成",
    "quote": "建成园区",
}


def _values(tid: str, unit: str | None, series: dict[str, Any]) -> dict[str, list[Any]]:
    """{period: value} -> actual files; a value may be ("real", v) for a non-sample value,
    or True/False for a milestone's done flag."""
    files: dict[str, list[Any]] = {}
    for period, value in series.items():
        record: dict[str, Any] = {"target": tid}
        if isinstance(value, tuple):
            record["sample"] = False
            value = value[1]
        if isinstance(value, bool):
            record["done"] = value
        else:
            record.update({"value": value, "unit": unit})
        files[period] = [record]
    return files


def judge(
    tmp_path: Path, fields: dict[str, Any], series: dict[str, Any], as_of: str | None = None
) -> progress.Assessment:
    fields = dict(fields)
    plan = fields.pop("plan", None)
    t = target(**fields)
    values = _values(t["id"], t.get("series_unit", t.get("unit")), series)
    dataset = load_ok(write_data(tmp_path, [t], values, plan=plan))
    (result,) = progress.assess_all(dataset, as_of)
    return result


D = Decimal
# kind, comparator and situation -> status and reason code
# fmt: off
CASES: list[tuple[str, dict[str, Any], dict[str, Any], str | None, str, str | None]] = [
    ("level gt: no data", LEVEL, {}, None, "no_data", "no-value"),
    ("level gt: one point", LEVEL, {"2019": 40}, None, "not_assessable", "one-point-no-baseline"),
    ("level gt: rising fast", LEVEL, {"2018": 40, "2019": 50}, None, "on_track", None),
    ("level gt: rising slowly", LEVEL, {"2018": 40, "2019": 41}, None, "off_track", None),
    ("level gt: falling", LEVEL, {"2018": 40, "2019": 38}, None, "deterioration", None),
    ("level gt: met", LEVEL, {"2018": 40, "2020": 60}, None, "achieved", None),
    ("level gt: past deadline unmet", LEVEL, {"2019": 40, "2020": 50}, None,
     "off_track", "missed-deadline"),
    ("level gt: met late", {**LEVEL, "deadline": "2019"}, {"2018": 40, "2019": 50, "2020": 60},
     None, "achieved", "met-late"),
    ("level gt: deadline period, no final figure", LEVEL, {"2018": 40, "2019": 50}, "2020",
     "on_track", "awaits-final"),
    ("level gt: deadline period, one earlier point", LEVEL, {"2019": 50}, "2020",
     "not_assessable", "awaits-final-one-point"),
    ("level gte: met then fell", FLOOR, {"2018": 75, "2019": 70}, None,
     "deterioration", "fell-below"),
    ("ratio gte: share met then fell", SHARE, {"2018": 100, "2019": D("90.9")}, None,
     "deterioration", "fell-below"),
    ("level lte: falling, compounded", FALLING, {"2016": D("14.5"), "2020": D("10.1")}, None,
     "on_track", None),
    ("growth gte: one point", GROWTH, {"2019": 100}, None,
     "not_assessable", "one-point-no-baseline"),
    ("growth gte: rising", GROWTH, {"2018": 100, "2019": D("109.6")}, None, "on_track", None),
    ("growth gte: met", GROWTH, {"2018": 100, "2019": 112}, None, "achieved", None),
    ("growth gte: shrinking", GROWTH, {"2018": 100, "2019": 90}, None, "deterioration", None),
    ("between, binding top: within", {**RANGE, "upper_binds": True}, {"2020": 2}, None,
     "achieved", None),
    ("between, binding top: above", {**RANGE, "upper_binds": True}, {"2020": 3}, None,
     "off_track", "over-range"),
    ("between, open top: above", {**RANGE, "upper_binds": False}, {"2020": 3}, None,
     "achieved", "above-range"),
    ("cumulative gt: on pace", CUMULATIVE, {"2018": 20, "2019": 20}, None, "on_track", None),
    ("milestone: done late", {**MILESTONE, "deadline": "2019"}, {"2019": False, "2020": True},
     None, "achieved", "met-late"),
    ("milestone: not done by the deadline", MILESTONE, {"2020": False}, None,
     "off_track", "deadline-passed"),
]
# fmt: on


@pytest.mark.parametrize(
    ("fields", "series", "as_of", "status", "reason"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_judgement(
    tmp_path: Path,
    fields: dict[str, Any],
    series: dict[str, Any],
    as_of: str | None,
    status: str,
    reason: str | None,
) -> None:
    result = judge(tmp_path, fields, series, as_of)
    assert (result.status, result.reason_code) == (status, reason)


# ------------------------------------------------------------------ the numbers behind them


def test_met_then_fell_counts_progress_from_the_latest_value(tmp_path: Path) -> None:
    result = judge(tmp_path, FLOOR, {"2018": 75, "2019": 70})
    assert result.ratio is not None and result.ratio < 0
    assert any("origin already met" in step_words(c, v, "en") for c, v in result.steps)


def test_a_falling_level_compounds_and_never_goes_below_zero(tmp_path: Path) -> None:
    # 14.5 -> 10.1 over four years: a straight line reaches -2.1 by 2030 and would read as
    # on track against <= 9; compounding gives 10.1 x (10.1/14.5)^(10/4) = 4.1.
    result = judge(
        tmp_path,
        {**FALLING, "value": 3, "quote": "降至3万元以下"},
        {"2016": Decimal("14.5"), "2020": Decimal("10.1")},
    )
    assert result.projected is not None
    expected = Decimal("10.1") * (Decimal("10.1") / Decimal("14.5")) ** Decimal("2.5")
    assert abs(result.projected - expected) < Decimal("0.0001")
    assert result.projected > 0
    assert result.status == "at_risk"  # 14.5 -> 4.1 is 10.4 of the 11.5 needed: 0.9
    words = [step_words(c, v, "en") for c, v in result.steps]
    assert any("compound annual growth from the first and last points" in w for w in words)


def test_a_linear_projection_of_a_share_stops_at_zero(tmp_path: Path) -> None:
    fields = {**SHARE, "comparator": "lte", "value": 5, "quote": "比例降至5%以下"}
    result = judge(tmp_path, fields, {"2018": 40, "2019": 15}, None)
    assert result.projected == 0  # 15 - 25 a year would reach -10
    words = [step_words(c, v, "en") for c, v in result.steps]
    assert any("runs below zero" in w for w in words)


def test_a_growth_target_with_one_point_invents_no_rate(tmp_path: Path) -> None:
    result = judge(tmp_path, GROWTH, {"2019": 100})
    assert (result.actual, result.gap, result.pace, result.percent) == (None, None, None, None)


def test_a_binding_range_is_capped_and_the_excess_is_the_gap(tmp_path: Path) -> None:
    above = judge(tmp_path / "a", {**RANGE, "upper_binds": True}, {"2019": 3})
    assert above.met is False and above.gap == 1 and above.percent == 100
    open_top = judge(tmp_path / "b", {**RANGE, "upper_binds": False}, {"2018": 1, "2019": 3})
    assert open_top.percent == 100  # not 300 %
    assert open_top.pace is None or open_top.pace >= 0  # an achieved target is never behind


def test_approx_percent_is_against_the_stated_value(tmp_path: Path) -> None:
    fields = {**SHARE, "comparator": "approx", "value": 15, "tolerance": 1, "quote": "比例15%左右"}
    result = judge(tmp_path, fields, {"2019": Decimal("14.77")})
    assert result.met is True
    assert result.percent is not None and abs(result.percent - Decimal("98.4667")) < Decimal(
        "0.001"
    )


def test_the_sample_mark_follows_the_value_shown(tmp_path: Path) -> None:
    real_last = judge(tmp_path / "a", LEVEL, {"2018": 40, "2019": ("real", 50)})
    assert real_last.sample is False
    sample_last = judge(tmp_path / "b", LEVEL, {"2018": ("real", 40), "2019": 50})
    assert sample_last.sample is True


def test_register_past_its_deadline_unmet_is_off_track(tmp_path: Path) -> None:
    t = target(
        id="labs",
        kind="register",
        comparator="gte",
        value=3,
        unit="家",
        register={"category": "key-lab"},
        quote="省级重点实验室达到3家",
    )
    platforms = {
        "categories": [{"id": "key-lab", "name": "重点实验室"}],
        "platforms": [
            {
                "id": "lab-a",
                "name": "实验室A",
                "category": "key-lab",
                "level": "provincial",
                "status": "built",
            }
        ],
    }
    root = write_data(tmp_path, [t], {"2020": []}, platforms=platforms)
    (result,) = progress.assess_all(load_ok(root), "2020")
    assert (result.status, result.reason_code) == ("off_track", "missed-deadline")
    (before,) = progress.assess_all(load_ok(root), "2019")
    assert before.status == "not_assessable"


def test_every_kind_has_one_definition() -> None:
    import typing

    from hitrack.core import model
    from hitrack.engine import kinds

    assert set(kinds.KINDS) == set(typing.get_args(model.Kind))
    for name, kind in kinds.KINDS.items():
        assert kind.name == name and all(kind.words)
        assert not set(kind.needs) & set(kind.refuses), name
    assert progress.ADDITIVE_KINDS == ("level", "relative", "cumulative")
    assert progress.COMPOUNDING_KINDS == ("level", "relative")
