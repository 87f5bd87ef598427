"""`thresholds.method: opensdg` against Open SDG's progress calculation, written out here on
its own (floats, the formula as Open SDG documents it) for a handful of series.

Open SDG (sdg-build's progress measure, after the UN Statistics Division and Statistics
Canada): with x0 the value of the base year t0, xt the latest value at t and xT the target
for year T,

    observed CAGR  CR_a = (xt / x0) ** (1 / (t - t0)) - 1
    required CAGR  CR_r = (xT / x0) ** (1 / (T - t0)) - 1
    ratio = CR_a / CR_r

and the ratio sets the band: >= 0.95 substantial progress (on track), >= 0.6 moderate
(at risk), >= 0 limited (off track), < 0 deterioration.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import load_ok, target, write_data
from hitrack.engine import progress


def opensdg(x0: float, t0: int, xt: float, t: int, target: float, year: int) -> tuple[float, str]:
    observed = (xt / x0) ** (1 / (t - t0)) - 1
    required = (target / x0) ** (1 / (year - t0)) - 1
    ratio = observed / required
    if ratio >= 0.95:
        band = "on_track"
    elif ratio >= 0.6:
        band = "at_risk"
    elif ratio >= 0:
        band = "off_track"
    else:
        band = "deterioration"
    return ratio, band


PLAN = {"start": "2015", "deadline": "2030"}
SERIES = [
    # (comparator, target, {year: value}) -- rising, slow, stalled, falling, falling target
    ("gte", 200, {2015: 100, 2020: 140}),
    ("gte", 200, {2015: 100, 2020: 120}),
    ("gte", 200, {2015: 100, 2018: 101, 2020: 102}),
    ("gte", 200, {2015: 100, 2020: 95}),
    ("lte", 50, {2015: 100, 2020: 75}),
    ("lte", 50, {2015: 100, 2020: 90}),
    ("lte", 50, {2015: 100, 2020: 104}),
]


@pytest.mark.parametrize(("comparator", "goal", "series"), SERIES)
def test_opensdg_method_reproduces_the_formula(
    tmp_path: Path, comparator: str, goal: int, series: dict[int, int]
) -> None:
    t = target(id="output", comparator=comparator, value=goal, unit="亿元", quote=f"达到{goal}亿元")
    actuals: dict[str, Any] = {
        str(year): [{"target": "output", "value": value, "unit": "亿元"}]
        for year, value in series.items()
    }
    root = write_data(tmp_path, [t], actuals, plan=PLAN, thresholds={"method": "opensdg"})
    (result,) = progress.assess_all(load_ok(root))
    (t0, x0), *_, (t1, xt) = sorted(series.items())
    ratio, band = opensdg(x0, t0, xt, t1, goal, 2030)
    assert result.ratio is not None
    assert abs(float(result.ratio) - ratio) < 1e-9
    assert result.status == band
    assert any(code == "opensdg-ratio" for code, _ in result.steps)


def test_the_default_method_counts_amounts_not_rates(tmp_path: Path) -> None:
    """The same rising series: hitrack's ratio of projected to required amounts differs from
    Open SDG's ratio of rates, which is why the method is a stated choice."""
    t = target(id="output", comparator="gte", value=200, unit="亿元", quote="达到200亿元")
    actuals: dict[str, Any] = {
        "2015": [{"target": "output", "value": 100, "unit": "亿元"}],
        "2020": [{"target": "output", "value": 140, "unit": "亿元"}],
    }
    (ours,) = progress.assess_all(load_ok(write_data(tmp_path / "a", [t], actuals, plan=PLAN)))
    root = write_data(tmp_path / "b", [t], actuals, plan=PLAN, thresholds={"method": "opensdg"})
    (theirs,) = progress.assess_all(load_ok(root))
    assert ours.ratio is not None and theirs.ratio is not None
    assert ours.ratio != theirs.ratio
    assert ours.ratio > Decimal(1)  # 140 compounding to 2030 passes 200


def test_opensdg_without_a_positive_base_is_not_assessable(tmp_path: Path) -> None:
    t = target(id="output", comparator="gte", value=200, unit="亿元", quote="达到200亿元")
    actuals: dict[str, Any] = {
        "2015": [{"target": "output", "value": 0, "unit": "亿元"}],
        "2020": [{"target": "output", "value": 50, "unit": "亿元"}],
    }
    root = write_data(tmp_path, [t], actuals, plan=PLAN, thresholds={"method": "opensdg"})
    (result,) = progress.assess_all(load_ok(root))
    assert result.status == "not_assessable"
    assert result.reason_code == "no-trend"
