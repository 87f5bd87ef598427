"""Shape 6: interim targets (2018年40家、2019年48家、2020年55家): pace measured on the plan's own
path instead of a straight line, and each interim value judged."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, codes, load, load_ok, target, write_data
from golden import assert_golden
from hitrack.commands import status as status_cmd
from hitrack.core.statuses import Status
from hitrack.engine import progress
from hitrack.load.loader import DataDir

GOLDEN = ROOT / "tests" / "golden" / "shapes"
WIDE = {"start": "2017", "deadline": "2020"}
QUOTE = "高新技术企业数量2018年达到40家、2019年达到48家、2020年达到55家"


def hte(**fields: Any) -> dict[str, Any]:
    return target(
        **{
            "id": "hte",
            "name": "高新技术企业数量",
            "name_en": "High-tech enterprises",
            "comparator": "gte",
            "value": 55,
            "quote": QUOTE,
            "path": [{"period": "2018", "value": 40}, {"period": "2019", "value": 48}],
            **fields,
        }
    )


def _values(series: dict[str, Any], tid: str = "hte", unit: str = "家") -> dict[str, Any]:
    return {p: [{"target": tid, "value": v, "unit": unit}] for p, v in series.items()}


def explain(root: Path, as_of: str, lang: str = "en") -> str:
    options = status_cmd.StatusOptions(explain="hte", as_of=as_of, lang=lang)  # type: ignore[arg-type]
    out = status_cmd.status(DataDir(root), options)
    assert out.code == 0, out.stderr
    return out.stdout


def test_pace_follows_the_path_and_each_interim_value_is_judged(tmp_path: Path) -> None:
    root = write_data(tmp_path, [hte()], _values({"2017": 30, "2018": 42, "2019": 46}), plan=WIDE)
    found = progress.assess_all(load_ok(root), "2019")[0]
    # On the path 2019 is due 48 (a straight line from 30 to 55 would expect 46.67).
    assert found.expected == 48 and found.pace == -2
    assert [(i.period, i.actual, i.met) for i in found.interim] == [
        ("2018", 42, True),
        ("2019", 46, False),
    ]
    # Projected on track (56.96 by 2020), but behind the plan's own 2019 value: at risk.
    assert found.status == Status.AT_RISK and found.reason_code == "interim-missed"
    assert dict(found.reason_params) == {"period": "2019", "value": "48"}
    text = explain(root, "2019")
    assert "interim target 2019: 48; actual 46: missed" in text
    assert_golden(GOLDEN / "explain-interim-path.en.txt", text)
    assert_golden(GOLDEN / "explain-interim-path.zh.txt", explain(root, "2019", "zh"))
    matrix = status_cmd.status(
        DataDir(root), status_cmd.StatusOptions(periods=True, fmt="markdown", as_of="2019")
    ).stdout
    document = json.loads(
        status_cmd.status(DataDir(root), status_cmd.StatusOptions(fmt="json")).stdout
    )
    assert document["targets"][0]["interim"] == [
        {"period": "2018", "value": "40", "actual": "42", "met": True, "due": True},
        {"period": "2019", "value": "48", "actual": "46", "met": False, "due": True},
    ]
    row = next(line for line in matrix.splitlines() if "High-tech" in line or "高新" in line)
    assert "42家 \\* (✓40家)" in row and "46家 \\* (✗48家)" in row


def test_without_a_path_the_line_is_straight(tmp_path: Path) -> None:
    plain = {k: v for k, v in hte().items() if k != "path"}
    root = write_data(tmp_path, [plain], _values({"2017": 30, "2018": 42, "2019": 46}), plan=WIDE)
    found = progress.assess_all(load_ok(root), "2019")[0]
    assert found.expected is not None and round(found.expected, 2) == Decimal("46.67")
    assert found.interim == () and found.reason_code is None


def test_interim_values_not_reported_or_not_due(tmp_path: Path) -> None:
    root = write_data(tmp_path, [hte()], _values({"2017": 30, "2019": 50}), plan=WIDE)
    dataset = load_ok(root)
    at_2019 = progress.assess_all(dataset, "2019")[0]
    assert [(i.period, i.met, i.due) for i in at_2019.interim] == [
        ("2018", None, True),
        ("2019", True, True),
    ]
    at_2017 = progress.assess_all(dataset, "2017")[0]
    assert all(not i.due for i in at_2017.interim)
    assert "interim target 2018: 40; no value reported for it" in explain(root, "2019")


def test_a_cumulative_path_is_the_total_so_far(tmp_path: Path) -> None:
    invest = target(
        id="hte",
        kind="cumulative",
        unit="亿元",
        comparator="gte",
        value=30,
        quote="累计投资30亿元，其中2018年累计达到10亿元、2019年累计达到20亿元",
        path=[{"period": "2018", "value": 10}, {"period": "2019", "value": 20}],
    )
    values = _values({"2018": 6, "2019": 16}, unit="亿元")
    found = progress.assess_all(load_ok(write_data(tmp_path, [invest], values, plan=WIDE)), "2019")
    assert [(i.actual, i.met) for i in found[0].interim] == [(6, False), (22, True)]
    assert found[0].expected == 20


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"path": [{"period": "2018", "value": 41}]}, "number-not-in-quote", "path value 41"),
        ({"path": [{"period": "2016", "value": 40}]}, "plan-window", "not inside the target's"),
        ({"path": [{"period": "2020", "value": 55}]}, "plan-window", "the deadline's value"),
        (
            {"path": [{"period": "2019", "value": 48}, {"period": "2018", "value": 40}]},
            "target-fields",
            "period order",
        ),
        ({"kind": "growth", "unit": "%"}, "target-fields", "`path` (interim values) belongs to"),
        ({"path": [{"period": "2018"}]}, "missing-field", ""),
    ],
)
def test_check_says_what_is_wrong_with_a_path(
    tmp_path: Path, change: dict[str, Any], code: str, message: str
) -> None:
    _, problems = load(write_data(tmp_path, [hte(**change)], plan=WIDE))
    assert code in codes(problems), problems
    found = next(p for p in problems if p.code == code)
    assert message in found.message and found.line > 0
