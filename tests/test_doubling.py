"""Shape 2: doubling (翻一番/翻两番/倍增/增长一倍) of a share, and a doubling with a stated
level (「高新技术企业数量翻一番，达到120家」): one target, both conditions, one row."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, codes, load, load_ok, write_data
from golden import assert_golden
from hitrack.commands import status as status_cmd
from hitrack.core.statuses import Status
from hitrack.engine import progress
from hitrack.load.loader import DataDir

GOLDEN = ROOT / "tests" / "golden" / "shapes"
PLAN = {"start": "2017", "deadline": "2020"}


def hte(baseline: int = 50, **fields: Any) -> dict[str, Any]:
    return {
        "id": "hte",
        "name": "高新技术企业数量",
        "name_en": "High-tech enterprises",
        "kind": "relative",
        "comparator": "gte",
        "value": 2,
        "unit": "倍",
        "baseline": {
            "value": baseline,
            "period": "2017",
            "unit": "家",
            "quote": f"2017年高新技术企业{baseline}家",
        },
        "stated": {"comparator": "gte", "value": 120, "unit": "家"},
        "quote": "高新技术企业数量翻一番，达到120家",
        **fields,
    }


def _values(series: dict[str, Any], tid: str = "hte", unit: str = "家") -> dict[str, Any]:
    return {p: [{"target": tid, "value": v, "unit": unit}] for p, v in series.items()}


@pytest.mark.parametrize(
    ("baseline", "latest", "required", "met"),
    [
        (50, 110, 120, False),  # doubled (100) but short of the stated 120
        (50, 125, 120, True),  # both hold
        (70, 130, 140, False),  # above 120 but not doubled (140)
        (70, 141, 140, True),
    ],
)
def test_both_conditions_must_hold(
    tmp_path: Path, baseline: int, latest: int, required: int, met: bool
) -> None:
    values = _values({"2018": baseline + 5, "2019": latest})
    found = progress.assess_all(
        load_ok(write_data(tmp_path, [hte(baseline)], values, plan=PLAN)), "2019"
    )
    assert len(found) == 1  # one target, one row
    assert found[0].required == required and found[0].met is met
    assert (found[0].status == Status.ACHIEVED) is met


def test_a_doubling_with_a_level_explained_and_shown_as_one_row(tmp_path: Path) -> None:
    root = write_data(tmp_path, [hte()], _values({"2018": 70, "2019": 110}), plan=PLAN)
    for lang in ("en", "zh"):
        options = status_cmd.StatusOptions(explain="hte", lang=lang)  # type: ignore[arg-type]
        text = status_cmd.status(DataDir(root), options).stdout
        assert "[stated-level]" in text
        assert_golden(GOLDEN / f"explain-doubling-level.{lang}.txt", text)
    table = status_cmd.status(DataDir(root), status_cmd.StatusOptions(fmt="markdown", lang="zh"))
    row = next(line for line in table.stdout.splitlines() if "高新技术企业数量" in line)
    assert "≥2倍 (=100家)且≥120家" in row
    document = json.loads(
        status_cmd.status(DataDir(root), status_cmd.StatusOptions(fmt="json")).stdout
    )
    assert [t["required"] for t in document["targets"]] == ["120"]


def test_a_doubling_of_a_share_takes_numerators_and_denominators(tmp_path: Path) -> None:
    share = {
        "id": "rd-intensity",
        "name": "研发投入强度",
        "name_en": "R&D intensity",
        "kind": "relative",
        "comparator": "gte",
        "value": 2,
        "unit": "倍",
        "baseline": {
            "value": Decimal("1.2"),
            "period": "2017",
            "unit": "%",
            "quote": "2017年为1.2%",
        },
        "quote": "研发投入强度增长一倍",
    }
    parts = {
        "2018": {
            "numerator": {"value": 3, "unit": "亿元"},
            "denominator": {"value": 200, "unit": "亿元"},
        },
        "2019": {
            "numerator": {"value": 5, "unit": "亿元"},
            "denominator": {"value": 200, "unit": "亿元"},
        },
    }
    values = {p: [{"target": "rd-intensity", **v}] for p, v in parts.items()}
    found = progress.assess_all(load_ok(write_data(tmp_path, [share], values, plan=PLAN)), "2019")[
        0
    ]
    assert found.actual == Decimal("2.5") and found.required == Decimal("2.4")
    assert found.status == Status.ACHIEVED


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        (
            {"stated": {"comparator": "lte", "value": 120, "unit": "家"}},
            "target-fields",
            "other way",
        ),
        (
            {"stated": {"comparator": "gte", "value": 120, "unit": "亿元"}},
            "target-fields",
            "cannot convert",
        ),
        (
            {"stated": {"comparator": "gte", "value": 130, "unit": "家"}},
            "number-not-in-quote",
            "stated level 130",
        ),
        ({"stated": {"comparator": "approx", "value": 120, "unit": "家"}}, "invalid-choice", ""),
        (
            {"kind": "level", "unit": "家", "baseline": None, "value": 120},
            "target-fields",
            "must not have `stated`",
        ),
    ],
)
def test_check_says_what_is_wrong_with_a_stated_level(
    tmp_path: Path, change: dict[str, Any], code: str, message: str
) -> None:
    fields = {k: v for k, v in {**hte(), **change}.items() if v is not None}
    _, problems = load(write_data(tmp_path, [fields], plan=PLAN))
    assert code in codes(problems), problems
    assert message in next(p for p in problems if p.code == code).message
