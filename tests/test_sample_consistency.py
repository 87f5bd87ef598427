"""The shipped plans' samples agree with each other and with their documents' own figures.

The samples are invented, but a bureau reads them as an example: where two plans describe the
same zone and indicator, a period has one figure, whichever plan reports it; and each plan's
samples fit the baseline its document states (发展基础).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from decimal import Decimal

import pytest

from conftest import ROOT, load_ok
from hitrack.core import model, units

PLANS = {
    "benxi-htz-2019": ROOT / "data",
    "benxi-htz-2015": ROOT / "examples" / "benxi-2015",
    "liaoning-htz-2017-2020": ROOT / "examples" / "liaoning-htz-2017-2020",
    "liaoning-biomed-13th-fyp": ROOT / "examples" / "liaoning-biomed-13th-fyp",
    # Synthetic: a zone of its own, sharing no indicator with the others.
    "shapes-synthetic-2021": ROOT / "examples" / "shapes-synthetic",
}
#: The zone a single-zone plan describes (its values carry no `zone`).
PLAN_ZONE = {"benxi-htz-2019": "benxi", "benxi-htz-2015": "benxi"}
EVERY_ZONE = "*"


@dataclasses.dataclass(frozen=True)
class Source:
    """Where a plan's samples hold an indicator: a target, one zone (or the sum over every
    zone, EVERY_ZONE; None: the plan's own figure), and which number of the value."""

    plan: str
    target: str
    zone: str | None = None
    part: str = "value"


#: indicator, zone -> the unit compared in, and the plans' sources of it.
INDICATORS: dict[tuple[str, str], tuple[str, list[Source]]] = {
    ("high-tech enterprises", "benxi"): (
        "家",
        [
            Source("benxi-htz-2019", "high-tech-enterprises"),
            Source("liaoning-htz-2017-2020", "hte-certified", "benxi"),
        ],
    ),
    ("R&D spend", "benxi"): (
        "亿元",
        [
            Source("benxi-htz-2019", "rd-spend"),
            Source("liaoning-htz-2017-2020", "rd-share-gdp", "benxi", "numerator"),
        ],
    ),
    ("high-tech enterprises", "liaoning zones"): (
        "家",
        [
            Source("liaoning-htz-2017-2020", "hte-doubling"),
            Source("liaoning-htz-2017-2020", "hte-certified", EVERY_ZONE),
        ],
    ),
}


@pytest.fixture(scope="module")
def datasets() -> dict[str, model.Dataset]:
    return {plan: load_ok(path) for plan, path in PLANS.items()}


def test_every_shipped_plan_is_held_here(datasets: dict[str, model.Dataset]) -> None:
    shipped = {ROOT / "data"} | {p.parent for p in (ROOT / "examples").glob("*/targets.yaml")}
    assert shipped == set(PLANS.values())
    assert {plan: d.plan.id for plan, d in datasets.items()} == {p: p for p in PLANS}


def _part(value: model.ActualValue, part: str) -> tuple[Decimal, str] | None:
    if part == "value":
        return None if value.value is None or value.unit is None else (value.value, value.unit)
    quantity = getattr(value, part)
    return None if quantity is None else (quantity.value, quantity.unit)


def _in_zone(value: model.ActualValue, source: Source) -> bool:
    if source.zone == EVERY_ZONE:
        return value.zone is not None
    return value.zone == source.zone


def figures(dataset: model.Dataset, source: Source, unit: str) -> Iterator[tuple[str, Decimal]]:
    """(period, figure in `unit`) for every period whose samples hold the source."""
    for _, actuals in dataset.actuals:
        found = [
            number
            for value in actuals.values
            if value.target == source.target and _in_zone(value, source)
            for number in [_part(value, source.part)]
            if number is not None
        ]
        if found:
            total = sum((units.convert(n, u, unit) for n, u in found), Decimal(0))
            yield actuals.period, total


@pytest.mark.parametrize(("indicator", "zone"), list(INDICATORS))
def test_one_figure_per_zone_indicator_and_period(
    datasets: dict[str, model.Dataset], indicator: str, zone: str
) -> None:
    unit, sources = INDICATORS[(indicator, zone)]
    by_period: dict[str, dict[Source, Decimal]] = {}
    for source in sources:
        for period, figure in figures(datasets[source.plan], source, unit):
            by_period.setdefault(period, {})[source] = figure
    shared = {period: found for period, found in by_period.items() if len(found) > 1}
    assert shared, f"no period where two sources report {indicator} ({zone}): check the mapping"
    for period, found in shared.items():
        assert len(set(found.values())) == 1, f"{indicator} ({zone}) in {period}: {found}"


def test_the_zones_of_the_single_zone_plans_are_zones_of_the_province(
    datasets: dict[str, model.Dataset],
) -> None:
    zones = {z.id for z in datasets["liaoning-htz-2017-2020"].plan.zones}
    assert set(PLAN_ZONE.values()) <= zones
    assert all(zone in zones | {"liaoning zones"} for _, zone in INDICATORS)


def _done_in(dataset: model.Dataset, ids: set[str]) -> dict[str, int]:
    """Per year, how many of the milestones `ids` were done in it (by their date)."""
    years: dict[str, int] = {}
    for _, actuals in dataset.actuals:
        for value in actuals.values:
            if value.target in ids and value.done and value.date is not None:
                year = str(value.date.year)
                years[year] = years.get(year, 0) + 1
    return years


def test_benxi_institutions_set_up_fit_the_province_count(
    datasets: dict[str, model.Dataset],
) -> None:
    # The Benxi 2015 plan's financial institutions, counted by the year each was set up, are
    # among the institutions the province plan counts as brought into or set up in Benxi.
    institutions = {"financing-guarantee-company", "microcredit-company", "technology-bank"}
    set_up = _done_in(datasets["benxi-htz-2015"], institutions)
    province = dict(
        figures(
            datasets["liaoning-htz-2017-2020"],
            Source("liaoning-htz-2017-2020", "financial-institutions-each", "benxi"),
            "家",
        )
    )
    compared = [year for year in set_up if year in province]
    assert compared
    for year in compared:
        assert set_up[year] <= province[year], year


def test_the_biomedicine_alliance_is_built_in_both_plans(
    datasets: dict[str, model.Dataset],
) -> None:
    # The Benxi annex of 2019 lists the provincial alliance as built; the biomedical plan's
    # milestone for it must be done before then.
    register = datasets["benxi-htz-2019"].platforms
    assert register is not None
    (alliance,) = [p for p in register.platforms if p.name == "辽宁省生物医药产业技术创新战略联盟"]
    assert alliance.status == "built"
    done = [
        value.date
        for _, actuals in datasets["liaoning-biomed-13th-fyp"].actuals
        for value in actuals.values
        if value.target == "biomed-alliance" and value.done
    ]
    assert done and all(d is not None and d < datetime.date(2019, 8, 27) for d in done)


# ------------------------------------------------------------ against the documents' figures

#: Liaoning's GDP in 2017–2019 was between 2.3 and 2.6 万亿元 (provincial statistical bulletins);
#: the zones' GDP over their share of the province must imply a province of that size.
LIAONING_GDP = (Decimal(22000), Decimal(27000))


def _totals(dataset: model.Dataset, target: str) -> dict[str, Decimal]:
    return {
        actuals.period: value.value
        for _, actuals in dataset.actuals
        for value in actuals.values
        if value.target == target and value.zone is None and value.value is not None
    }


def test_zone_gdp_adds_up_to_a_province_of_liaonings_size(
    datasets: dict[str, model.Dataset],
) -> None:
    plan = datasets["liaoning-htz-2017-2020"]
    gdp = dict(
        figures(plan, Source(plan.plan.id, "rd-share-gdp", EVERY_ZONE, "denominator"), "亿元")
    )
    share = _totals(plan, "gdp-share-province")
    assert gdp.keys() == share.keys() and gdp
    for period in gdp:
        province = gdp[period] / share[period] * 100
        assert LIAONING_GDP[0] <= province <= LIAONING_GDP[1], (period, province)


def test_zone_high_tech_share_starts_near_the_documents_baseline(
    datasets: dict[str, model.Dataset],
) -> None:
    # 发展基础: 高新技术企业数量占全省近30% (before the plan); the plan aims at 40%.
    plan = datasets["liaoning-htz-2017-2020"]
    shares = _totals(plan, "hte-share-province")
    first = min(shares)
    assert Decimal(28) <= shares[first] <= Decimal(35)
    assert all(Decimal(25) <= s < Decimal(50) for s in shares.values())
    (doubling,) = [t for t in plan.targets.targets if t.id == "hte-doubling"]
    assert doubling.baseline is not None
    zones_first = dict(figures(plan, Source(plan.plan.id, "hte-certified", EVERY_ZONE), "家"))
    assert doubling.baseline.period == first and doubling.baseline.value == zones_first[first]


def test_biomedical_value_added_is_part_of_the_industrys_revenue(
    datasets: dict[str, model.Dataset],
) -> None:
    # 发展基础: 2013年 全省医药工业实现主营业务收入881.1亿元. Value added is a part of revenue.
    plan = datasets["liaoning-biomed-13th-fyp"]
    revenue = _totals(plan, "industry-growth")
    added = dict(figures(plan, Source(plan.plan.id, "rd-share-gdp", None, "denominator"), "亿元"))
    assert revenue.keys() == added.keys() and revenue
    for period in revenue:
        assert Decimal("881.1") < revenue[period], period
        assert added[period] < revenue[period] / 2, period


def test_benxi_samples_stay_below_the_province_zones(datasets: dict[str, model.Dataset]) -> None:
    plan = datasets["liaoning-htz-2017-2020"]
    for target, part in (("hte-certified", "value"), ("rd-share-gdp", "numerator")):
        unit = "家" if part == "value" else "亿元"
        benxi = dict(figures(plan, Source(plan.plan.id, target, "benxi", part), unit))
        every = dict(figures(plan, Source(plan.plan.id, target, EVERY_ZONE, part), unit))
        assert all(benxi[p] < every[p] / 10 for p in benxi), target
