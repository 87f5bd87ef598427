"""Shape 5: direction-only targets (「研发投入逐年增加」, 「大幅提升」): no number, judged on the
series (rising every year with `every_period`, else rising overall)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, codes, load, load_ok, target, write_data
from golden import assert_golden
from hitrack.commands import status as status_cmd
from hitrack.core.statuses import Status
from hitrack.engine import progress
from hitrack.engine.checks import run_checks
from hitrack.load.loader import DataDir, load_dataset

GOLDEN = ROOT / "tests" / "golden" / "shapes"
WIDE = {"start": "2016", "deadline": "2020"}


def rd_spend(**fields: Any) -> dict[str, Any]:
    base = {
        "id": "rd-spend",
        "name": "研发投入",
        "name_en": "R&D spending",
        "unit": "亿元",
        "comparator": "rising",
        "every_period": True,
        "flow": True,
        "quote": "全社会研发投入逐年增加",
    }
    base.update(fields)
    fields_out = {k: v for k, v in base.items() if v is not None}
    made = target(**fields_out)
    return {k: v for k, v in made.items() if k != "value" or "value" in fields_out}


def _values(series: dict[str, Any], unit: str = "亿元") -> dict[str, list[dict[str, Any]]]:
    return {p: [{"target": "rd-spend", "value": v, "unit": unit}] for p, v in series.items()}


def explain(root: Path, as_of: str, lang: str = "en") -> str:
    options = status_cmd.StatusOptions(explain="rd-spend", as_of=as_of, lang=lang)  # type: ignore[arg-type]
    out = status_cmd.status(DataDir(root), options)
    assert out.code == 0, out.stderr
    return out.stdout


def test_rising_every_year_is_broken_by_one_fall(tmp_path: Path) -> None:
    series = {"2016": 10, "2017": 12, "2018": 11, "2019": 14}
    root = write_data(tmp_path, [rd_spend()], _values(series), plan=WIDE)
    found = progress.assess_all(load_ok(root), "2019")[0]
    assert found.status == Status.OFF_TRACK and found.met is False
    assert found.reason_code == "broke-rising" and dict(found.reason_params)["years"] == "2018"
    assert found.actual == 14 and found.required is None and found.gap is None
    assert found.missed_years == ("2018",)
    text = explain(root, "2019")
    assert "2017→2018 -1 ✗" in text and "2018→2019 +3 ✓" in text
    assert_golden(GOLDEN / "explain-rising-every-year.en.txt", text)
    assert_golden(GOLDEN / "explain-rising-every-year.zh.txt", explain(root, "2019", "zh"))
    table = status_cmd.status(
        DataDir(root), status_cmd.StatusOptions(fmt="markdown", as_of="2019", lang="zh")
    ).stdout
    row = next(line for line in table.splitlines() if "研发投入" in line)
    assert "上升（逐年）" in row and "2018 未上升（须逐年上升）" in table


@pytest.mark.parametrize(
    ("fields", "series", "as_of", "status", "reason"),
    [
        # Overall (大幅提升): the dip in 2018 does not matter, 10 -> 14 rose.
        (
            {"every_period": None},
            {"2016": 10, "2017": 12, "2018": 11, "2019": 14},
            "2019",
            Status.ON_TRACK,
            "seen-rising",
        ),
        ({}, {"2016": 10, "2017": 12, "2018": 13}, "2018", Status.ON_TRACK, "seen-rising"),
        (
            {},
            {"2016": 10, "2017": 12, "2018": 13, "2019": 15, "2020": 16},
            "2020",
            Status.ACHIEVED,
            "seen-rising",
        ),
        ({"every_period": None}, {"2016": 10, "2019": 10}, "2019", Status.OFF_TRACK, "seen-flat"),
        (
            {"every_period": None},
            {"2016": 10, "2019": 9},
            "2019",
            Status.DETERIORATION,
            "seen-falling",
        ),
        (
            {"comparator": "falling"},
            {"2016": 10, "2017": 9, "2018": 8},
            "2018",
            Status.ON_TRACK,
            "seen-falling",
        ),
        ({}, {"2016": 10}, "2016", Status.NOT_ASSESSABLE, "one-point-no-baseline"),
        # A baseline is the origin: 2016 = 12 did not rise from 2015's 12.
        (
            {
                "baseline": {
                    "value": 12,
                    "period": "2015",
                    "unit": "亿元",
                    "quote": "2015年为12亿元",
                }
            },
            {"2016": 12, "2017": 13},
            "2017",
            Status.OFF_TRACK,
            "broke-rising",
        ),
    ],
)
def test_judged_on_the_series(
    tmp_path: Path,
    fields: dict[str, Any],
    series: dict[str, int],
    as_of: str,
    status: Status,
    reason: str,
) -> None:
    if "baseline" in fields:
        fields = {**fields, "quote": "全社会研发投入逐年增加（2015年为12亿元）"}
    root = write_data(tmp_path, [rd_spend(**fields)], _values(series), plan=WIDE)
    found = progress.assess_all(load_ok(root), as_of)[0]
    assert (found.status, found.reason_code) == (status, reason)


def test_a_share_rising_overall_takes_numerators(tmp_path: Path) -> None:
    share = rd_spend(
        kind="ratio", unit="%", flow=None, every_period=None, quote="研发投入强度大幅提升"
    )
    parts = {"2016": (2, 100), "2019": (3, 100)}
    values = {
        p: [
            {
                "target": "rd-spend",
                "numerator": {"value": n, "unit": "亿元"},
                "denominator": {"value": d, "unit": "亿元"},
            }
        ]
        for p, (n, d) in parts.items()
    }
    found = progress.assess_all(load_ok(write_data(tmp_path, [share], values, plan=WIDE)), "2019")
    assert found[0].status == Status.ON_TRACK and found[0].reason_code == "seen-rising"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": 12}, "judged on its direction alone and has no `value`"),
        (
            {"kind": "cumulative", "every_period": None, "flow": None},
            "`rising` (direction only) belongs to level, ratio",
        ),
        (
            {"path": [{"period": "2018", "value": 12}], "quote": "研发投入逐年增加，2018年12亿元"},
            "no value to trace a path to",
        ),
    ],
)
def test_check_refuses_a_number_on_a_direction(
    tmp_path: Path, fields: dict[str, Any], message: str
) -> None:
    _, problems = load(write_data(tmp_path, [rd_spend(**fields)], plan=WIDE))
    assert "target-fields" in codes(problems), problems
    found = next(p for p in problems if message in p.message)
    assert found.line > 0


def all_problems(root: Path) -> list[Any]:
    return list(run_checks(load_dataset(DataDir(root))))


def test_the_quote_reader_knows_the_direction(tmp_path: Path) -> None:
    wrong = rd_spend(quote="单位产值能耗逐年下降")
    problems = all_problems(write_data(tmp_path / "a", [wrong], plan=WIDE))
    found = [p for p in problems if p.code == "quote-disagrees"]
    assert [p.severity for p in found] == ["error"]
    assert "the quote says 下降, so the target is falling" in found[0].message
    overall = rd_spend(every_period=None)
    problems = all_problems(write_data(tmp_path / "b", [overall], plan=WIDE))
    assert [p.code for p in problems] == ["quote-disagrees"]  # 逐年 without every_period
    problems = all_problems(write_data(tmp_path / "c", [rd_spend()], plan=WIDE))
    assert problems == []


def test_the_three_shapes_in_one_report(tmp_path: Path) -> None:
    """A held target, a direction and a path side by side in the report's targets table."""
    import datetime

    from hitrack.commands import report as report_cmd

    held = rd_spend(
        id="pass-rate",
        name="科技计划项目年度验收合格率",
        kind="ratio",
        unit="%",
        comparator="gte",
        value=90,
        flow=None,
        quote="科技计划项目年度验收合格率保持在90%以上",
    )
    path = target(
        id="hte",
        comparator="gte",
        value=55,
        quote="高新技术企业数量2018年达到40家、2019年达到48家、2020年达到55家",
        path=[{"period": "2018", "value": 40}, {"period": "2019", "value": 48}],
    )
    values = _values({"2016": 10, "2017": 12, "2018": 13})
    for period, rate, count in (("2016", 91, 30), ("2017", 88, 36), ("2018", 93, 41)):
        values[period] += [
            {"target": "pass-rate", "value": rate, "unit": "%"},
            {"target": "hte", "value": count, "unit": "家"},
        ]
    root = write_data(tmp_path, [rd_spend(), held, path], values, plan=WIDE)
    options = report_cmd.ReportOptions(lang="zh", today=datetime.date(2019, 3, 1))
    report = report_cmd.report(DataDir(root), options).stdout
    rows: dict[str, str] = {}
    for line in report.splitlines():
        if line.startswith("|"):
            rows.setdefault(line.split("|")[1].strip(), line)  # the first table: the targets
    assert "上升（逐年）" in rows["研发投入"] and "按计划" in rows["研发投入"]
    assert "≥90%（逐年）" in rows["科技计划项目年度验收合格率"]
    assert "滞后" in rows["科技计划项目年度验收合格率"]
    assert "2017 未达标（须每年保持）" in report
    assert "41家 \\* (✓40家)" in report  # the period matrix
