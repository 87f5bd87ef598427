"""The shortcuts that make the commands fast at scale give what the long way gives: the
reading commands and diff skip the rules that only warn (the same errors), report and diff
assess less (the same assessments)."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, load, load_ok, target, write_data
from hitrack.core import model, periods
from hitrack.engine import progress
from hitrack.engine.checks import WARNING_ONLY, run_checks
from hitrack.load.loader import DataDir, load_dataset

FIXTURES = Path(__file__).parent / "fixtures"
DATASETS = [
    *sorted(p for p in (FIXTURES / "invalid").glob("*/*") if (p / "targets.yaml").exists()),
    *sorted(p for p in (FIXTURES / "valid").iterdir() if (p / "targets.yaml").exists()),
    ROOT / "data",
    *sorted(p.parent for p in (ROOT / "examples").glob("*/targets.yaml")),
]


def _key(problem: object) -> tuple[object, ...]:
    return tuple(getattr(problem, f) for f in ("file", "line", "col", "code", "severity"))


@pytest.mark.parametrize("case", DATASETS, ids=lambda p: str(p.relative_to(ROOT)))
def test_skipping_warning_rules_keeps_every_error(case: Path) -> None:
    loaded = load_dataset(DataDir(case))
    every = run_checks(loaded)
    without = run_checks(loaded, warnings=False)
    assert [p for p in every if p.severity == "error"] == [
        p for p in without if p.severity == "error"
    ]
    skipped = [p for p in every if _key(p) not in {_key(q) for q in without}]
    assert all(p.severity == "warning" for p in skipped)


def test_warning_rules_do_warn() -> None:
    """The comparison above is not empty: the skipped rules find something in the fixtures."""
    found = 0
    for case in DATASETS:
        loaded = load_dataset(DataDir(case))
        found += len(run_checks(loaded)) - len(run_checks(loaded, warnings=False))
    assert found > 0
    assert WARNING_ONLY


# ----------------------------------------------------------------- statuses_only


def _stripped(assessments: list[progress.Assessment]) -> list[progress.Assessment]:
    return [dataclasses.replace(a, projected=None, ratio=None) for a in assessments]


def _compare_everywhere(dataset: model.Dataset) -> int:
    """Assess every target at every reported period, for the plan and each zone, exactly
    and with `statuses_only`: the same but for projected and ratio. The count compared."""
    reported = sorted({f.period for _, f in dataset.actuals}, key=periods.sort_key)
    compared = 0
    for as_of in reported or [dataset.plan.start]:
        for zone in [None, *(z.id for z in dataset.plan.zones)]:
            with progress.bulk():
                exact = progress.assess_all(dataset, as_of, zone)
                with progress.statuses_only():
                    rough = progress.assess_all(dataset, as_of, zone)
            assert rough == _stripped(exact), (as_of, zone)
            compared += len(exact)
    return compared


SHIPPED = [ROOT / "data", *sorted(p.parent for p in (ROOT / "examples").glob("*/targets.yaml"))]


@pytest.mark.parametrize("plan", SHIPPED, ids=lambda p: p.name)
def test_statuses_only_on_the_shipped_plans(plan: Path) -> None:
    loaded = load_dataset(DataDir(plan))
    assert loaded.dataset is not None
    assert _compare_everywhere(loaded.dataset) > 0


def _generated(tmp_path: Path, seed: int, count: int) -> model.Dataset:
    """Level targets in both directions, with series of every shape: growing, falling,
    flat (a progress ratio of exactly 0, a band edge), noisy, tiny and huge numbers."""
    rng = random.Random(seed)
    targets, actuals = [], {}
    quarters = [f"{y}-Q{q}" for y in (2017, 2018, 2019) for q in (1, 2, 3, 4)]
    for i in range(count):
        scale = Decimal(10) ** rng.randint(-3, 12)
        start = Decimal(rng.randint(1, 1000)) * scale
        shape = rng.choice(["grow", "fall", "flat", "noise", "edge"])
        comparator = rng.choice(["gte", "lte", "gt", "lt"])
        required = start * Decimal(rng.choice(["0.5", "0.9", "1", "1.1", "1.5", "3"]))
        fields: dict[str, Any] = {
            "id": f"t{i}",
            "name": f"指标{i}",
            "comparator": comparator,
            "value": required,
            "unit": "万元",
            "quote": f"指标{i}达到{format(required, 'f')}万元",
        }
        if rng.random() < 0.3:
            fields["baseline"] = {"period": "2016", "value": start, "unit": "万元"}
            fields["quote"] += f"，基期{format(start, 'f')}万元"
        targets.append(target(**fields))
        value = start
        for quarter in quarters[rng.randint(0, 6) :]:
            if shape == "grow":
                value = value * Decimal(rng.choice(["1.01", "1.05", "1.2"]))
            elif shape == "fall":
                value = value * Decimal(rng.choice(["0.99", "0.9", "0.7"]))
            elif shape == "noise":
                value = value * Decimal(rng.randint(80, 120)) / 100
            elif shape == "edge":
                value = start + Decimal(rng.choice([0, 1, -1])) * scale / 10**6
            entry = {"target": f"t{i}", "value": value.quantize(scale / 1000), "unit": "万元"}
            actuals.setdefault(quarter, []).append(entry)
    root = write_data(tmp_path / str(seed), targets, actuals, plan={"start": "2017"})
    dataset, problems = load(root)
    assert dataset is not None
    assert [p for p in problems if p.severity == "error"] == []
    return dataset


@pytest.mark.parametrize("seed", range(3))
def test_statuses_only_on_generated_series(tmp_path: Path, seed: int) -> None:
    dataset = _generated(tmp_path, seed, 150)
    assert _compare_everywhere(dataset) > 1000


def test_a_ratio_on_a_band_edge_is_assessed_exactly(tmp_path: Path) -> None:
    """A flat series projects to its own value: a progress ratio of exactly 0, which is
    off track (not deterioration); the rough projection cannot tell and hands over."""
    values = {q: [{"target": "smes", "value": 40, "unit": "家"}] for q in ("2018-Q1", "2018-Q2")}
    dataset = load_ok(write_data(tmp_path, [target(comparator="gte")], values))
    with progress.bulk():
        (exact,) = progress.assess_all(dataset)
        with progress.statuses_only():
            (rough,) = progress.assess_all(dataset)
    assert exact.ratio == 0 and exact.status == "off_track"
    assert rough == dataclasses.replace(exact, projected=None, ratio=None)
    (trend_v0, trend_v1) = (Decimal(40), Decimal(40))
    found = progress._rough_compound(
        trend_v0, trend_v1, Decimal(2018), Decimal("2018.5"), Decimal(2021)
    )
    assert found is not None
    assert not progress._clear((found[0] - 40) / 15, found[1] / 15, (Decimal(0),))


def test_rough_projection_error_bound() -> None:
    """The float projection is within its stated error of the Decimal one."""
    rng = random.Random(7)
    for _ in range(2000):
        v0 = Decimal(rng.randint(1, 10**9)) / 10 ** rng.randint(0, 6)
        v1 = v0 * Decimal(rng.randint(1, 4000)) / 1000
        t0 = Decimal(2015) + Decimal(rng.randint(0, 20)) / 4
        t1 = t0 + Decimal(rng.randint(1, 40)) / 4
        to = t1 + Decimal(rng.randint(0, 60)) / 4
        exact = progress.project([(t0, v0), (t1, v1)], to, compound=True)
        rough = progress._rough_compound(v0, v1, t0, t1, to)
        assert exact is not None
        if rough is None:
            continue
        assert abs(rough[0] - exact[0]) <= rough[1] / 1000, (v0, v1, t0, t1, to)
