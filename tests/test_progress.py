"""The progress engine, kind by kind and comparator by comparator, at the boundaries."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import load_ok, target, write_data
from hitrack.engine import progress
from hitrack.i18n import Lang, step_words


def assess(
    tmp_path: Path, t: dict[str, Any], actuals: dict[str, Any], as_of: str | None = None, **kw: Any
) -> progress.Assessment:
    dataset = load_ok(write_data(tmp_path, [t], actuals, **kw))
    (result,) = progress.assess_all(dataset, as_of)
    return result


def steps(result: progress.Assessment, lang: Lang = "en") -> list[str]:
    return [step_words(code, values, lang) for code, values in result.steps]


def level(period: str, value: Any, unit: str = "家", tid: str = "smes") -> dict[str, Any]:
    return {"target": tid, "value": value, "unit": unit}


# --------------------------------------------------------------------------- comparators


@pytest.mark.parametrize(
    ("comparator", "actual", "met"),
    [
        ("gt", 55, False),  # exactly 55 is not more than 55
        ("gt", 56, True),
        ("gte", 55, True),
        ("gte", 54, False),
        ("lt", 55, False),
        ("lt", 54, True),
        ("lte", 55, True),
        ("lte", 56, False),
    ],
)
def test_strict_and_non_strict_comparators(
    tmp_path: Path, comparator: str, actual: int, met: bool
) -> None:
    quote = "数量55家"
    result = assess(
        tmp_path, target(comparator=comparator, quote=quote), {"2020": [level("2020", actual)]}
    )
    assert result.met is met
    assert (result.status == "achieved") is met


def test_gt_on_counts_needs_one_more(tmp_path: Path) -> None:
    result = assess(tmp_path, target(), {"2019": [level("2019", 55)]})
    assert result.required == Decimal(56)
    assert result.gap == Decimal(1)
    assert result.status == "not_assessable"  # one point, no baseline


def test_gt_on_amounts_keeps_value_as_threshold(tmp_path: Path) -> None:
    t = target(id="rd", value=Decimal("6"), unit="亿元", quote="R&D经费支出超过6亿元")
    result = assess(tmp_path, t, {"2020": [level("2020", 60000, "万元", "rd")]})
    assert result.actual == Decimal(6)
    assert result.met is False  # 6 is not more than 6
    assert result.status == "off_track"  # deadline reached, not met


def test_unit_conversion_is_exact(tmp_path: Path) -> None:
    t = target(id="rd", value=Decimal("2.5"), unit="亿元", quote="超过2.5亿元")
    result = assess(tmp_path, t, {"2019": [level("2019", Decimal("24999.99"), "万元", "rd")]})
    assert result.actual == Decimal("2.499999")
    assert result.gap == Decimal("0.000001")


@pytest.mark.parametrize(
    ("actual", "met", "exceeded"),
    [("14", True, False), ("13.99", False, False), ("16", True, False), ("16.01", True, True)],
)
def test_approx_at_the_tolerance_edges(
    tmp_path: Path, actual: str, met: bool, exceeded: bool
) -> None:
    t = target(
        id="g",
        kind="ratio",
        comparator="approx",
        value=15,
        tolerance=1,
        unit="%",
        quote="比重达到15%左右",
    )
    result = assess(tmp_path, t, {"2020": [level("2020", Decimal(actual), "%", "g")]})
    assert result.met is met
    assert result.exceeded is exceeded


@pytest.mark.parametrize(
    ("actual", "met", "exceeded"),
    [(0, False, False), (1, True, False), (2, True, False), (3, True, True)],
)
def test_between_at_both_ends(tmp_path: Path, actual: int, met: bool, exceeded: bool) -> None:
    t = target(
        id="drugs",
        comparator="between",
        value=None,
        low=1,
        high=2,
        unit="个",
        quote="培育1-2个重大创新药物",
        upper_binds=False,
    )
    result = assess(tmp_path, t, {"2020": [level("2020", actual, "个", "drugs")]})
    assert result.met is met
    assert result.exceeded is exceeded


# --------------------------------------------------------------------------- kinds


def test_growth_cagr_from_a_series(tmp_path: Path) -> None:
    t = target(
        id="va",
        kind="growth",
        comparator="approx",
        value=15,
        tolerance=1,
        unit="%",
        series_unit="亿元",
        quote="增加值年均增速达到15%左右",
    )
    result = assess(
        tmp_path,
        t,
        {"2018": [level("2018", 100, "亿元", "va")], "2019": [level("2019", 121, "亿元", "va")]},
    )
    # one year from 100 to 121 is 21 %
    assert result.actual == Decimal(21)
    assert result.status == "achieved"


def test_growth_two_years_compound(tmp_path: Path) -> None:
    t = target(
        id="va",
        kind="growth",
        comparator="gte",
        value=10,
        unit="%",
        series_unit="亿元",
        quote="年均增长10%以上",
    )
    result = assess(
        tmp_path,
        t,
        {"2018": [level("2018", 100, "亿元", "va")], "2020": [level("2020", 121, "亿元", "va")]},
    )
    assert result.actual is not None
    assert abs(result.actual - Decimal(10)) < Decimal("1e-20")


def test_shrinking_series_against_a_growth_target(tmp_path: Path) -> None:
    t = target(
        id="va",
        kind="growth",
        comparator="gte",
        value=10,
        unit="%",
        series_unit="亿元",
        quote="年均增长10%以上",
        deadline="2020",
    )
    result = assess(
        tmp_path,
        t,
        {"2018": [level("2018", 100, "亿元", "va")], "2019": [level("2019", 90, "亿元", "va")]},
    )
    assert result.actual == Decimal(-10)
    assert result.met is False
    assert result.ratio is not None and result.ratio < 0
    assert result.status == "deterioration"  # moving away from the target


def test_growth_reported_as_a_rate(tmp_path: Path) -> None:
    t = target(
        id="va",
        kind="growth",
        comparator="gte",
        value=15,
        unit="%",
        series_unit="亿元",
        quote="不低于15%",
    )
    result = assess(tmp_path, t, {"2019": [level("2019", 16, "%", "va")]})
    assert result.actual == Decimal(16)
    assert result.status == "achieved"


def test_ratio_from_two_actuals(tmp_path: Path) -> None:
    t = target(
        id="rd-gdp",
        kind="ratio",
        comparator="gte",
        value=Decimal("2.8"),
        unit="%",
        quote="占GDP比重达到2.8%",
    )
    value = {
        "target": "rd-gdp",
        "numerator": {"value": 56, "unit": "亿元"},
        "denominator": {"value": 2000, "unit": "亿元"},
    }
    result = assess(tmp_path, t, {"2020": [value]})
    assert result.actual == Decimal("2.8")
    assert result.met is True


def test_ratio_numerator_in_other_money_unit(tmp_path: Path) -> None:
    t = target(id="rd-gdp", kind="ratio", comparator="gte", value=3, unit="%", quote="提高到3%以上")
    value = {
        "target": "rd-gdp",
        "numerator": {"value": 50000, "unit": "万元"},
        "denominator": {"value": 200, "unit": "亿元"},
    }
    result = assess(tmp_path, t, {"2020": [value]})
    assert result.actual == Decimal("2.5")


def test_doubling_against_a_baseline(tmp_path: Path) -> None:
    t = target(
        id="output",
        kind="relative",
        comparator="gte",
        value=2,
        unit="倍",
        baseline={"value": 100, "period": "2017", "unit": "亿元"},
        quote="2017年产值100亿元，到2020年翻一番",
    )
    result = assess(tmp_path, t, {"2019": [level("2019", 160, "亿元", "output")]})
    assert result.required == Decimal(200)
    assert result.gap == Decimal(40)
    assert result.percent == Decimal(60)  # from 100 towards 200
    assert result.expected is not None  # 2017 -> 2020 straight path
    assert result.status in ("on_track", "at_risk")


def test_cumulative_sums_over_the_window(tmp_path: Path) -> None:
    t = target(
        id="talent",
        kind="cumulative",
        comparator="gte",
        value=1000,
        unit="人",
        quote="累计吸引和培养高层次人才1000人",
    )
    result = assess(
        tmp_path,
        t,
        {
            "2018": [level("2018", 200, "人", "talent")],
            "2019": [level("2019", 300, "人", "talent")],
            "2020-Q2": [level("2020-Q2", 100, "人", "talent")],
        },
    )
    assert result.actual == Decimal(600)
    assert result.gap == Decimal(400)


def test_cumulative_prefers_annual_over_quarter(tmp_path: Path) -> None:
    t = target(
        id="talent", kind="cumulative", comparator="gte", value=1000, unit="人", quote="累计1000人"
    )
    result = assess(
        tmp_path,
        t,
        {
            "2019-Q2": [level("2019-Q2", 100, "人", "talent")],
            "2019": [level("2019", 300, "人", "talent")],
        },
    )
    assert result.actual == Decimal(300)


def test_milestone_done_and_not_done(tmp_path: Path) -> None:
    t = target(
        id="station",
        kind="milestone",
        comparator=None,
        value=None,
        unit=None,
        quote="建设制、加氢一体站一座",
    )
    done = assess(
        tmp_path / "a",
        t,
        {"2019": [{"target": "station", "done": True, "date": "2019-10-01", "evidence": "验收"}]},
    )
    assert done.status == "achieved" and done.evidence == "验收"
    pending = assess(tmp_path / "b", t, {"2019": [{"target": "station", "done": False}]})
    assert pending.status == "not_assessable"
    late = assess(tmp_path / "c", t, {"2020": [{"target": "station", "done": False}]})
    assert late.status == "off_track"


def test_register_counts_platforms(tmp_path: Path) -> None:
    platforms = {
        "categories": [{"id": "key-lab", "name": "重点实验室"}],
        "platforms": [
            {
                "id": f"lab-{i}",
                "name": f"实验室{i}",
                "category": "key-lab",
                "level": "provincial" if i < 5 else "national",
                "status": "built",
            }
            for i in range(6)
        ],
    }
    t = target(
        id="labs",
        kind="register",
        comparator="gte",
        value=5,
        unit="家",
        register={"category": "key-lab", "level": "provincial"},
        quote="省级重点实验室5家",
    )
    result = assess(tmp_path, t, {}, platforms=platforms)
    assert result.actual == Decimal(5)
    assert result.status == "achieved"


# --------------------------------------------------------------------------- status bands


def test_no_data(tmp_path: Path) -> None:
    assert assess(tmp_path, target(), {}).status == "no_data"


def test_projection_bands(tmp_path: Path) -> None:
    # 40 -> 50 in one year; to reach 56 by end of 2020 needs 6 more: CAGR keeps it on track
    on = assess(
        tmp_path / "on", target(), {"2018": [level("2018", 40)], "2019": [level("2019", 50)]}
    )
    assert on.status == "on_track"
    assert on.projected is not None and on.projected > 56
    # 40 -> 41: projected 42.0 against 56; progress ratio (42-40)/(56-40) = 0.13
    off = assess(
        tmp_path / "off", target(), {"2018": [level("2018", 40)], "2019": [level("2019", 41)]}
    )
    assert off.status == "off_track"
    assert off.ratio is not None and off.ratio < Decimal("0.5")


def test_thresholds_are_configurable(tmp_path: Path) -> None:
    actuals = {"2018": [level("2018", 40)], "2019": [level("2019", 41)]}
    result = assess(tmp_path, target(), actuals, thresholds={"on_track": 0.1, "at_risk": 0.05})
    assert result.status == "on_track"


def test_as_of_ignores_later_periods(tmp_path: Path) -> None:
    actuals = {"2018": [level("2018", 40)], "2019": [level("2019", 60)]}
    result = assess(tmp_path, target(), actuals, as_of="2018")
    assert result.actual == Decimal(40)
    assert result.period == "2018"


def test_achieved_overrides_trend(tmp_path: Path) -> None:
    actuals = {"2018": [level("2018", 70)], "2019": [level("2019", 60)]}
    result = assess(tmp_path, target(), actuals)
    assert result.status == "achieved"


def test_explain_steps_name_the_numbers(tmp_path: Path) -> None:
    actuals = {"2018": [level("2018", 40)], "2019": [level("2019", 50)]}
    result = assess(tmp_path, target(), actuals)
    text = "\n".join(steps(result))
    assert "2018=40" in text and "2019=50" in text
    assert "projection" in text
    chinese = "\n".join(steps(result, "zh"))
    assert "2018=40" in chinese and "推算" in chinese and "projection" not in chinese


def test_format_decimal() -> None:
    assert progress.format_decimal(Decimal("2.50")) == "2.5"
    assert progress.format_decimal(Decimal("55")) == "55"
    assert progress.format_decimal(Decimal("0.904")) == "0.9"
    assert progress.format_decimal(Decimal("0.000001")) == "0.000001"
    assert progress.format_decimal(Decimal("-0.0012")) == "-0.0012"
    assert progress.format_decimal(Decimal("0")) == "0"


# --------------------------------------------------------------------------- flows and pace


def flow_target(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"flow": True, **fields}
    return target(id="rd", value=Decimal(6), unit="亿元", quote="R&D经费支出超过6亿元", **base)


def test_a_flow_quarter_is_annualised_for_the_trend(tmp_path: Path) -> None:
    # 5.2 for 2019, then 3.3 by the end of 2020-Q2: 6.6 for the year, above the target
    actuals = {
        "2019": [level("2019", Decimal("5.2"), "亿元", "rd")],
        "2020-Q2": [level("2020-Q2", Decimal("3.3"), "亿元", "rd")],
    }
    result = assess(tmp_path, flow_target(), actuals)
    assert result.actual == Decimal("3.3")  # shown as reported, year to date
    assert result.period == "2020-Q2"
    assert result.status == "on_track"
    assert result.projected == Decimal("6.6")
    assert result.pace is not None and result.pace > 0
    assert any("annualised 3.3 x 4 / 2 = 6.6" in step for step in steps(result))


def test_the_same_quarter_without_flow_reads_as_a_fall(tmp_path: Path) -> None:
    actuals = {
        "2019": [level("2019", Decimal("5.2"), "亿元", "rd")],
        "2020-Q2": [level("2020-Q2", Decimal("3.3"), "亿元", "rd")],
    }
    result = assess(tmp_path, flow_target(flow=None), actuals)
    assert result.status == "deterioration"


def test_a_flow_met_year_to_date_is_achieved(tmp_path: Path) -> None:
    actuals = {"2020-Q3": [level("2020-Q3", Decimal("6.1"), "亿元", "rd")]}
    assert assess(tmp_path, flow_target(), actuals).status == "achieved"


def test_a_flow_keeps_the_latest_figure_of_each_year(tmp_path: Path) -> None:
    actuals = {
        "2019-Q2": [level("2019-Q2", Decimal("2"), "亿元", "rd")],
        "2019": [level("2019", Decimal("5"), "亿元", "rd")],
        "2020-Q1": [level("2020-Q1", Decimal("1.5"), "亿元", "rd")],
    }
    result = assess(tmp_path, flow_target(), actuals)
    assert "2019=5" in steps(result)[0]
    assert result.projected == Decimal("6")  # 1.5 x 4: not met (> 6 is required)
    assert result.met is False


def test_flow_is_refused_on_other_kinds(tmp_path: Path) -> None:
    from conftest import codes, load

    t = target(kind="cumulative", flow=True, comparator="gte", quote="累计55家")
    _, problems = load(write_data(tmp_path, [t]))
    assert codes(problems) == ["target-fields"]
    assert "`flow` belongs to level and growth targets" in problems[0].message


def test_pace_is_measured_at_the_latest_values_period(tmp_path: Path) -> None:
    # Path from 40 (2018) to 56 (end of 2020): at the end of 2019 it expects 48.
    actuals = {"2018": [level("2018", 40)], "2019": [level("2019", 50)]}
    result = assess(tmp_path, target(), actuals, as_of="2020-Q2")
    assert result.expected == Decimal(48)
    assert result.pace == Decimal(2)
