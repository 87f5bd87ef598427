"""Plausibility warnings: values that validate but look mistyped (plausible.py).

The date rules compare with an injected `today`, never the clock.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import target, write_data
from hitrack.core.problems import Problem, exit_code
from hitrack.engine import plausible
from hitrack.engine.checks import run_checks
from hitrack.load.loader import DataDir, load_dataset

ROOT = Path(__file__).parent.parent
SHIPPED = [
    ROOT / "data",
    ROOT / "src" / "hitrack" / "bundled",
    *sorted(p for p in (ROOT / "examples").iterdir() if (p / "targets.yaml").exists()),
]
TODAY = datetime.date(2021, 6, 1)

MONEY = target(
    id="rd-spend",
    name="研发经费",
    name_en="R&D spend",
    value=6,
    unit="亿元",
    quote="研发经费超过6亿元",
    flow=True,
)
SHARE = target(
    id="rd-share",
    name="研发投入占比",
    name_en="R&D share",
    kind="ratio",
    comparator="gte",
    value=40,
    unit="%",
    quote="研发投入占比不低于40%",
)


def checked(root: Path, today: datetime.date = TODAY) -> list[Problem]:
    return run_checks(load_dataset(DataDir(root)), today=today)


def warnings(root: Path, today: datetime.date = TODAY) -> list[tuple[str, str, int]]:
    return [
        (p.code, Path(p.file).name, p.line) for p in checked(root, today) if p.severity == "warning"
    ]


def value(target_id: str, number: Any, unit: str, **more: Any) -> dict[str, Any]:
    return {"target": target_id, "value": number, "unit": unit, **more}


def test_a_wan_yuan_figure_in_the_yi_yuan_column(tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        [MONEY],
        {
            "2018": [value("rd-spend", Decimal("4.1"), "亿元")],
            "2019": [value("rd-spend", 52000, "亿元")],
        },
    )
    problems = checked(root)
    assert [p.code for p in problems] == ["unit-scale"]
    assert problems[0].file.endswith("2019.yaml")
    message = problems[0].message
    assert "did you mean 5.2 亿元?" in message
    assert "10,000 times the 2018 value" in message
    assert "`unit: 万元`" in message
    assert exit_code(problems, strict=True) == 1
    assert exit_code(problems) == 0


def test_a_single_value_is_compared_with_its_target(tmp_path: Path) -> None:
    root = write_data(tmp_path, [MONEY], {"2019": [value("rd-spend", Decimal("0.00052"), "亿元")]})
    [problem] = checked(root)
    assert problem.code == "unit-scale"
    assert "did you mean 5.2 亿元?" in problem.message
    assert "10,000th of the target" in problem.message


def test_of_two_disagreeing_periods_the_one_far_from_the_target_is_flagged(
    tmp_path: Path,
) -> None:
    root = write_data(
        tmp_path,
        [MONEY],
        {"2018": [value("rd-spend", 41000, "亿元")], "2019": [value("rd-spend", 5, "亿元")]},
    )
    assert warnings(root) == [("unit-scale", "2018.yaml", 6)]


def test_a_share_given_as_a_fraction(tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        [SHARE],
        {"2018": [value("rd-share", 35, "%")], "2019": [value("rd-share", Decimal("0.368"), "%")]},
    )
    [problem] = checked(root)
    assert problem.code == "percent-as-fraction"
    assert "did you mean 36.8%?" in problem.message


def test_a_share_over_100_percent(tmp_path: Path) -> None:
    root = write_data(tmp_path, [SHARE], {"2019": [value("rd-share", 104, "%")]})
    assert [p.code for p in checked(root)] == ["share-over-100"]


def test_a_share_from_numerator_and_denominator_over_100_percent(tmp_path: Path) -> None:
    share = {
        "target": "rd-share",
        "numerator": {"value": 12, "unit": "亿元"},
        "denominator": {"value": 10, "unit": "亿元"},
    }
    root = write_data(tmp_path, [SHARE], {"2019": [share]})
    assert [p.code for p in checked(root)] == ["share-over-100"]


def test_a_fractional_count(tmp_path: Path) -> None:
    root = write_data(tmp_path, [target()], {"2019": [value("smes", Decimal("47.5"), "家")]})
    [problem] = checked(root)
    assert problem.code == "fractional-count"
    assert "did you mean 47 or 48?" in problem.message


#: A year-to-date count: its quarters add up within a year.
DEALS = target(
    id="deals", kind="cumulative", comparator="gte", value=50, unit="项", quote="累计转化不少于50项"
)


def test_a_year_to_date_count_that_falls_within_a_year(tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        [DEALS],
        {"2019-Q2": [value("deals", 9, "项")], "2019-Q3": [value("deals", 4, "项")]},
    )
    [problem] = checked(root)
    assert (problem.code, Path(problem.file).name) == ("ytd-decrease", "2019-Q3.yaml")
    assert "9 项 in 2019-Q2" in problem.message


def test_year_to_date_may_fall_from_one_year_to_the_next(tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        [DEALS],
        {"2019": [value("deals", 9, "项")], "2020-Q1": [value("deals", 3, "项")]},
    )
    assert checked(root) == []


def test_a_stock_may_fall_within_a_year(tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        [target()],
        {"2019-Q2": [value("smes", 48, "家")], "2019-Q3": [value("smes", 46, "家")]},
    )
    assert checked(root) == []


def test_reported_dates_in_the_future_or_before_the_period_ends(tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        [target()],
        {
            "2019": [value("smes", 48, "家", reported="2019-12-01")],
            "2020": [value("smes", 50, "家", reported="2021-07-01")],
        },
    )
    assert warnings(root) == [
        ("reported-early", "2019.yaml", 8),
        ("date-in-future", "2020.yaml", 8),
    ]
    # The same data a month later: the date has come.
    later = datetime.date(2021, 7, 2)
    assert warnings(root, later) == [("reported-early", "2019.yaml", 8)]


def test_a_file_date_in_the_future(tmp_path: Path) -> None:
    root = write_data(tmp_path, [target()], {"2019": [value("smes", 48, "家")]})
    path = root / "actuals" / "2019.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "reported: '2030-01-15'\n", encoding="utf-8")
    assert [p.code for p in checked(root)] == ["date-in-future"]


def test_a_milestone_done_in_the_future(tmp_path: Path) -> None:
    milestone = {
        "id": "station",
        "name": "加氢站",
        "name_en": "Hydrogen station",
        "kind": "milestone",
        "quote": "建成加氢站",
    }
    done = {"target": "station", "done": True, "date": "2021-09-30"}
    root = write_data(tmp_path, [milestone], {"2020": [done]})
    assert [p.code for p in checked(root)] == ["date-in-future"]
    assert checked(root, datetime.date(2022, 1, 1)) == []


def test_a_jump_beyond_the_configured_factor(tmp_path: Path) -> None:
    actuals = {
        "2018": [value("smes", 3, "家")],
        "2019": [value("smes", 4, "家")],
        "2020": [value("smes", 48, "家")],
    }
    root = write_data(tmp_path, [target()], actuals)
    [problem] = checked(root)
    assert problem.code == "implausible-jump"
    assert "14 times the median of its other periods (2018, 2019)" in problem.message
    root = write_data(tmp_path / "lenient", [target()], actuals, plausibility={"jump": 20})
    assert checked(root) == []
    root = write_data(tmp_path / "off", [target()], actuals, plausibility={"jump": 0})
    assert checked(root) == []


def test_confirmed_silences_the_value_warnings(tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        [target(), SHARE],
        {
            "2018": [value("smes", 3, "家")],
            "2019": [value("smes", 4, "家")],
            "2020": [
                value("smes", 48, "家", confirmed="新政策吸引大批企业入驻"),
                value("rd-share", 104, "%", confirmed="口径含外部投入"),
            ],
        },
    )
    assert checked(root) == []


def test_the_thresholds_are_validated(tmp_path: Path) -> None:
    root = write_data(tmp_path, [target()], plausibility={"jump": "ten"})
    assert [p.code for p in checked(root)] == ["not-a-number"]


@pytest.mark.parametrize("plan", SHIPPED, ids=lambda p: p.name)
def test_shipped_data_is_plausible(plan: Path) -> None:
    assert checked(plan, datetime.date(2026, 1, 1)) == []


SLIPS = [Decimal(10) ** 4, Decimal(10) ** 8, Decimal("0.01")]


@pytest.mark.parametrize("plan", SHIPPED, ids=lambda p: p.name)
def test_every_unit_scale_slip_in_any_shipped_actual_is_flagged(plan: Path) -> None:
    """Exhaustive over the shipped plans: each slip in each actual, alone, is flagged at that
    value's line."""
    loaded = load_dataset(DataDir(plan))
    assert loaded.dataset is not None
    dataset = loaded.dataset
    tried = 0
    for position, (rel, actuals) in enumerate(dataset.actuals):
        for index, record in enumerate(actuals.values):
            for factor in SLIPS:
                slipped = _slip(record, factor)
                if slipped is None:
                    continue
                values = (*actuals.values[:index], slipped, *actuals.values[index + 1 :])
                changed = dataclasses.replace(actuals, values=values)
                files = (
                    *dataset.actuals[:position],
                    (rel, changed),
                    *dataset.actuals[position + 1 :],
                )
                found = plausible.check_plausible(
                    dataclasses.replace(dataset, actuals=files), loaded.files, TODAY
                )
                source = loaded.files[rel]
                field = "value" if record.value is not None else "numerator"
                line = source.at("values", index, field)[0]
                assert any(p.file == source.name and p.line == line for p in found), (
                    f"{rel} values[{index}] x {factor} not flagged"
                )
                tried += 1
    assert tried > 0 or plan.name == "benxi-2015"  # (milestones only)


def _slip(record: Any, factor: Decimal) -> Any:
    if record.value:
        return dataclasses.replace(record, value=record.value * factor)
    if record.numerator is not None and record.numerator.value:
        numerator = dataclasses.replace(record.numerator, value=record.numerator.value * factor)
        return dataclasses.replace(record, numerator=numerator)
    return None
