"""Assessments for a roll-up over zones tell a compound projection's band without its
28-digit power (`progress.compound_band`): the same status as the full computation, always.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import load_ok, target, write_data
from hitrack.core import model
from hitrack.engine import progress

EDGES = (Decimal(0), Decimal("0.5"), Decimal("0.95"))


def _band(ratio: Decimal, edges: tuple[Decimal, ...] = EDGES) -> int:
    """Which band a ratio is in: how many edges it reaches, as `_status` compares."""
    return sum(ratio >= edge for edge in edges)


def _full_ratio(
    first: tuple[Decimal, Decimal],
    last: tuple[Decimal, Decimal],
    to: Decimal,
    origin: Decimal,
    needed: Decimal,
    direction: int,
) -> Decimal:
    """The ratio as `_projection` computes it, with the 28-digit power."""
    found = progress.project([first, last], to, compound=True)
    assert found is not None and found[1] == "compound"
    return (found[0] - origin) * direction / needed


_value = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2)
_quarter = st.integers(min_value=0, max_value=60).map(lambda q: Decimal(2010) + Decimal(q) / 4)


@settings(max_examples=600, deadline=None)
@given(
    v0=_value,
    v1=_value,
    t0=_quarter,
    span=st.integers(min_value=1, max_value=40),
    ahead=st.integers(min_value=-8, max_value=40),
    origin=_value,
    needed=_value,
    direction=st.sampled_from((1, -1)),
)
def test_a_told_band_is_the_full_computations(
    v0: Decimal,
    v1: Decimal,
    t0: Decimal,
    span: int,
    ahead: int,
    origin: Decimal,
    needed: Decimal,
    direction: int,
) -> None:
    t1 = t0 + Decimal(span) / 4
    to = t1 + Decimal(ahead) / 4
    told = progress.compound_band((t0, v0), (t1, v1), to, origin, needed, direction, EDGES)
    full = _full_ratio((t0, v0), (t1, v1), to, origin, needed, direction)
    if told is not None:
        assert _band(told) == _band(full), (told, full)


def test_most_random_series_are_told_and_none_differs() -> None:
    rng = random.Random(21)
    told = 0
    for _ in range(3000):
        t0 = Decimal(2017) + Decimal(rng.randrange(8)) / 4
        t1 = t0 + Decimal(rng.randrange(1, 12)) / 4
        to = t1 + Decimal(rng.randrange(0, 24)) / 4
        v0 = Decimal(rng.randrange(1, 10**6)) / 100
        v1 = Decimal(rng.randrange(1, 10**6)) / 100
        origin, needed = v0, Decimal(rng.randrange(1, 10**6)) / 100
        ratio = progress.compound_band((t0, v0), (t1, v1), to, origin, needed, 1, EDGES)
        full = _full_ratio((t0, v0), (t1, v1), to, origin, needed, 1)
        if ratio is not None:
            told += 1
            assert _band(ratio) == _band(full)
    # Only a ratio at or within ~1e-9 of an edge needs the full power (a flat series at 0).
    assert told > 2950


def test_a_ratio_at_an_edge_is_left_to_the_full_computation() -> None:
    """Progress whose full ratio is an edge, or within 1e-12 of one: the 12-digit bound
    cannot tell which side, so it must not guess."""
    first, last = (Decimal(2017), Decimal(40)), (Decimal(2019), Decimal(50))
    to = Decimal(2021)
    projected, _ = progress.project([first, last], to, compound=True) or (Decimal(0), "")
    needed = Decimal(16)
    for edge in EDGES:
        for nudge in (Decimal(0), Decimal("1e-12"), Decimal("-1e-12"), Decimal("1e-25")):
            origin = projected - edge * needed + nudge
            assert progress.compound_band(first, last, to, origin, needed, 1, EDGES) is None
    # Far from the edges the band is told, and it is the full computation's.
    for origin in (Decimal(40), Decimal(45), Decimal(60)):
        ratio = progress.compound_band(first, last, to, origin, needed, 1, EDGES)
        assert ratio is not None
        assert _band(ratio) == _band(_full_ratio(first, last, to, origin, needed, 1))


def test_a_huge_exponent_is_left_to_the_full_computation() -> None:
    first, last = (Decimal(2017), Decimal("0.01")), (Decimal("2017.25"), Decimal(10**9))
    assert (
        progress.compound_band(first, last, Decimal(2030), Decimal(0), Decimal(1), 1, EDGES) is None
    )


def _zones_dataset(root: Path, zones: int) -> model.Dataset:
    rng = random.Random(7)
    plan = {"zones": [{"id": f"z{i:03d}", "name": f"第{i}区"} for i in range(zones)]}
    targets = [
        target(zone_scope="each"),
        target(
            id="energy",
            name="单位产值能耗",
            name_en="Energy per output",
            comparator="lt",
            value=40,
            unit="项",
            quote="单位产值能耗低于40吨",
        ),
    ]
    targets[1]["zone_scope"] = "each"
    actuals: dict[str, list[dict[str, object]]] = {}
    for period in ("2018", "2019-Q1", "2019-Q2", "2019-Q3"):
        actuals[period] = []
    for i in range(zones):
        zone = f"z{i:03d}"
        smes = [rng.randrange(20, 50)]
        energy = [rng.randrange(40, 70)]
        for _ in range(3):
            smes.append(max(1, smes[-1] + rng.randrange(-4, 9)))
            energy.append(max(1, energy[-1] + rng.randrange(-6, 3)))
        for period, s, e in zip(actuals, smes, energy, strict=True):
            actuals[period].append({"target": "smes", "zone": zone, "value": s, "unit": "家"})
            actuals[period].append({"target": "energy", "zone": zone, "value": e, "unit": "项"})
    write_data(root, targets, actuals, plan=plan)
    return load_ok(root)


_SAME = (
    *("status", "reason_code", "reason_params", "period", "sample", "met", "actual", "gap"),
    *("percent", "expected", "pace", "unit", "source", "reported", "required", "interim"),
)
"""Everything but the projection: what a roll-up and an export row read."""


def test_roll_up_zones_have_the_full_statuses(tmp_path: Path) -> None:
    dataset = _zones_dataset(tmp_path, 240)
    told = 0
    seen = set()
    for target_ in dataset.targets.targets:
        for zone in dataset.plan.zones:
            for as_of in ("2019-Q1", "2019-Q2", "2019-Q3"):
                full = progress.assess(dataset, target_, as_of, zone.id)
                with progress.bulk(), progress.only_statuses():
                    quick = progress.assess(dataset, target_, as_of, zone.id)
                seen.add(full.status)
                for field in _SAME:
                    assert getattr(quick, field) == getattr(full, field), (field, zone.id, as_of)
                if quick.projected is None and full.projected is not None:
                    told += 1
    assert {"on_track", "at_risk", "off_track", "achieved"} <= {str(s) for s in seen}
    assert told > 1000  # the power was skipped for most zones


def test_roll_up_is_the_same_with_and_without(tmp_path: Path) -> None:
    dataset = _zones_dataset(tmp_path, 60)
    for target_ in dataset.targets.targets:
        per_zone = [progress.assess(dataset, target_, "2019-Q3", z.id) for z in dataset.plan.zones]
        expected = progress.roll_up(target_, "2019-Q3", per_zone)
        with progress.without_steps():
            rolled = progress.assess_target(dataset, target_, "2019-Q3")
        assert rolled is not None
        assert rolled.status == expected.status
        assert rolled.actual == expected.actual and rolled.gap == expected.gap
        assert rolled.reason_params == expected.reason_params


def test_explaining_keeps_the_projection(tmp_path: Path) -> None:
    """--explain shows each zone's projection: with steps on, status-only is off."""
    dataset = _zones_dataset(tmp_path, 20)
    smes = dataset.targets.targets[0]
    projected = 0
    for zone in dataset.plan.zones:
        full = progress.assess(dataset, smes, "2019-Q3", zone.id)
        with progress.only_statuses():
            explained = progress.assess(dataset, smes, "2019-Q3", zone.id)
        assert explained.projected == full.projected and explained.ratio == full.ratio
        assert explained.steps == full.steps
        projected += full.projected is not None
    assert projected > 0
