"""Shape 3: targets that must hold every year (「科技计划项目年度验收合格率保持在90%以上」):
each year judged on its own, a year below is a miss, met only if every year so far holds."""

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


def pass_rate(**fields: Any) -> dict[str, Any]:
    return target(
        **{
            "id": "pass-rate",
            "name": "科技计划项目年度验收合格率",
            "name_en": "Annual acceptance rate of S&T projects",
            "kind": "ratio",
            "comparator": "gte",
            "value": 90,
            "unit": "%",
            "every_period": True,
            "quote": "科技计划项目年度验收合格率保持在90%以上",
            **fields,
        }
    )


def _values(series: dict[str, Any], unit: str = "%") -> dict[str, list[dict[str, Any]]]:
    return {p: [{"target": "pass-rate", "value": v, "unit": unit}] for p, v in series.items()}


def explain(root: Path, as_of: str, lang: str = "en") -> str:
    options = status_cmd.StatusOptions(explain="pass-rate", as_of=as_of, lang=lang)  # type: ignore[arg-type]
    out = status_cmd.status(DataDir(root), options)
    assert out.code == 0, out.stderr
    return out.stdout


def test_a_year_below_is_a_miss_that_no_later_year_makes_good(tmp_path: Path) -> None:
    series = {"2016": 92, "2017": 88, "2018": 93, "2019": 95, "2020": 96}
    root = write_data(tmp_path, [pass_rate()], _values(series), plan=WIDE)
    found = progress.assess_all(load_ok(root), "2020")[0]
    # The latest year (96 %) meets >= 90, but 2017 did not.
    assert found.status == Status.OFF_TRACK and found.met is False
    assert found.reason_code == "held-missed" and dict(found.reason_params)["years"] == "2017"
    text = explain(root, "2020")
    assert "2017=88 ✗" in text and "missed in 2017" in text
    assert_golden(GOLDEN / "explain-held-every-year.en.txt", text)
    assert_golden(GOLDEN / "explain-held-every-year.zh.txt", explain(root, "2020", "zh"))
    assert found.missed_years == ("2017",)
    matrix = status_cmd.status(
        DataDir(root), status_cmd.StatusOptions(periods=True, fmt="csv", as_of="2020")
    ).stdout
    assert "88% * ✗" in matrix and "92% * ✗" not in matrix
    # The same figures without `every_period` are judged at the latest value: achieved.
    plain = {k: v for k, v in pass_rate().items() if k != "every_period"}
    other = write_data(tmp_path / "plain", [plain], _values(series), plan=WIDE)
    assert progress.assess_all(load_ok(other), "2020")[0].status == Status.ACHIEVED


@pytest.mark.parametrize(
    ("series", "as_of", "status", "reason"),
    [
        ({"2016": 91, "2017": 93}, "2017", Status.ON_TRACK, "held-so-far"),
        (
            {"2016": 91, "2017": 93, "2018": 90, "2019": 92, "2020": 90},
            "2020",
            Status.ACHIEVED,
            None,
        ),
        ({"2016": 91, "2017": 89, "2018": 95}, "2018", Status.OFF_TRACK, "held-missed"),
        # A year before the target's window (the base year) is not judged.
        ({"2015": 80, "2016": 91, "2017": 93}, "2017", Status.ON_TRACK, "held-so-far"),
    ],
)
def test_judged_per_year(
    tmp_path: Path, series: dict[str, int], as_of: str, status: Status, reason: str | None
) -> None:
    root = write_data(tmp_path, [pass_rate()], _values(series), plan=WIDE)
    found = progress.assess_all(load_ok(root), as_of)[0]
    assert (found.status, found.reason_code) == (status, reason)
    assert found.met is (reason != "held-missed")


def test_years_after_a_target_s_own_deadline_are_not_judged(tmp_path: Path) -> None:
    series = {"2016": 91, "2017": 92, "2018": 93, "2019": 80}
    root = write_data(tmp_path, [pass_rate(deadline="2018")], _values(series), plan=WIDE)
    found = progress.assess_all(load_ok(root), "2019")[0]
    assert found.status == Status.ACHIEVED and not found.late


def test_several_missed_years_are_named_in_the_status(tmp_path: Path) -> None:
    series = {"2016": 85, "2017": 92, "2018": 89}
    root = write_data(tmp_path, [pass_rate()], _values(series), plan=WIDE)
    out = status_cmd.status(DataDir(root), status_cmd.StatusOptions(fmt="markdown", as_of="2018"))
    assert "missed in 2016, 2018 (it must hold every year)" in out.stdout
    zh = status_cmd.status(
        DataDir(root), status_cmd.StatusOptions(fmt="markdown", as_of="2018", lang="zh")
    )
    assert "2016, 2018 未达标（须每年保持）" in zh.stdout


def test_a_flow_is_judged_on_its_annual_figures_only(tmp_path: Path) -> None:
    spend = target(
        id="pass-rate",
        name="研发投入",
        unit="亿元",
        comparator="gte",
        value=10,
        flow=True,
        every_period=True,
        quote="每年研发投入保持在10亿元以上",
    )
    values = {
        "2016": [{"target": "pass-rate", "value": 11, "unit": "亿元"}],
        "2017-Q1": [{"target": "pass-rate", "value": 3, "unit": "亿元"}],  # year to date
    }
    root = write_data(tmp_path, [spend], values, plan=WIDE)
    found = progress.assess_all(load_ok(root), "2017-Q1")[0]
    assert found.reason_code == "held-so-far" and dict(found.reason_params)["years"] == "1"


@pytest.mark.parametrize("kind", ["growth", "cumulative"])
def test_check_refuses_every_period_on_a_kind_judged_on_its_window(
    tmp_path: Path, kind: str
) -> None:
    fields = {"kind": kind, "unit": "%" if kind == "growth" else "家"}
    root = write_data(tmp_path, [pass_rate(**fields)], {}, plan=WIDE)
    _, problems = load(root)
    assert codes(problems) == ["target-fields"]
    assert problems[0].line > 0
    message = problems[0].message
    assert "`every_period` (held every year) belongs to level, ratio, relative" in message


def all_problems(root: Path) -> list[Any]:
    return list(run_checks(load_dataset(DataDir(root))))


def test_the_quote_reader_knows_a_yearly_hold(tmp_path: Path) -> None:
    plain = {k: v for k, v in pass_rate().items() if k != "every_period"}
    problems = all_problems(write_data(tmp_path / "a", [plain], plan=WIDE))
    found = [p for p in problems if p.code == "quote-disagrees"]
    assert [p.severity for p in found] == ["warning"]
    assert "the quote says 保持在 (every year)" in found[0].message
    unsaid = pass_rate(quote="科技计划项目验收合格率达到90%以上")
    problems = all_problems(write_data(tmp_path / "b", [unsaid], plan=WIDE))
    assert any("says nothing of each year" in p.message for p in problems)
    problems = all_problems(write_data(tmp_path / "c", [pass_rate()], plan=WIDE))
    assert problems == []
