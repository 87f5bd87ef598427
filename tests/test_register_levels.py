"""Shape 8: registers with ordered levels and time. 「新建5家省级以上工程技术研究中心」 counts
national and provincial centres designated in the window; each platform counts from its
designation date, so a register target has a trend and respects --as-of."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, codes, load, load_ok, write_data
from golden import assert_golden
from hitrack.commands import status as status_cmd
from hitrack.core.periods import Period
from hitrack.core.statuses import Status
from hitrack.engine import progress
from hitrack.load.loader import DataDir

GOLDEN = ROOT / "tests" / "golden" / "shapes"
PLAN = {"start": "2018", "deadline": "2020"}


def centres(**rule: Any) -> dict[str, Any]:
    return {
        "id": "centres",
        "name": "省级以上工程技术研究中心",
        "name_en": "Engineering centres, provincial or above",
        "kind": "register",
        "comparator": "gte",
        "value": 4,
        "unit": "家",
        "register": {"category": "eng-centre", "min_level": "provincial", **rule},
        "quote": "新建省级以上工程技术研究中心4家以上",
    }


def platform(pid: str, level: str, designated: str | None = None, **more: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": pid,
        "name": f"{pid}工程技术研究中心",
        "category": "eng-centre",
        "level": level,
        "status": "built",
    }
    if designated is not None:
        found["designated"] = designated
        found["designated_source"] = f"{designated[:4]}年度工程技术研究中心认定通知"
    return {**found, **more}


def register(*platforms: dict[str, Any]) -> dict[str, Any]:
    return {
        "categories": [{"id": "eng-centre", "name": "工程技术研究中心"}],
        "platforms": list(platforms),
    }


DATED = register(
    platform("old", "provincial", "2016-05-01"),
    platform("a", "national", "2018-07-01"),
    platform("b", "provincial", "2019-03-15"),
    platform("c", "municipal", "2019-04-01"),  # below provincial: never counted
    platform("d", "provincial", "2019-11-20"),
    platform("e", "unspecified", "2019-12-01"),  # no rank: never counted
)


def assess(tmp_path: Path, target: dict[str, Any], platforms: dict[str, Any], as_of: str):  # type: ignore[no-untyped-def]
    dataset = load_ok(write_data(tmp_path, [target], platforms=platforms, plan=PLAN))
    [found] = progress.assess_all(dataset, as_of)
    return found


@pytest.mark.parametrize(
    ("minimum", "count"), [("national", 1), ("provincial", 4), ("municipal", 5)]
)
def test_at_least_a_level(tmp_path: Path, minimum: str, count: int) -> None:
    found = assess(tmp_path, centres(min_level=minimum), DATED, "2020")
    assert found.actual == count


def test_new_platforms_from_the_start_as_of_a_period(tmp_path: Path) -> None:
    found = assess(tmp_path, centres(new=True), DATED, "2019")
    assert found.actual == 3  # a, b, d; old was designated before 2018
    assert [(p.period, p.value) for p in found.points] == [
        ("2017", Decimal(0)),
        ("2018", Decimal(1)),
        ("2019", Decimal(3)),
    ]
    assert found.status == Status.ON_TRACK and found.expected is not None
    earlier = assess(tmp_path / "b", centres(new=True), DATED, "2018")
    assert earlier.actual == 1 and earlier.period == "2018"


def test_a_dated_register_met_after_its_deadline_is_late(tmp_path: Path) -> None:
    target = {
        **centres(),
        "value": 3,
        "deadline": "2018",
        "quote": "省级以上工程技术研究中心3家以上",
    }
    found = assess(tmp_path, target, DATED, "2019")
    assert found.met and found.late and found.reason_code == "met-late"


def test_a_sample_platform_makes_a_sample_count(tmp_path: Path) -> None:
    platforms = register(
        platform("a", "national", "2018-07-01"),
        platform("b", "provincial", "2019-03-15", sample=True),
    )
    assert assess(tmp_path, centres(), platforms, "2019").sample
    assert not assess(tmp_path / "b", centres(), platforms, "2018").sample


def test_an_undated_register_still_counts(tmp_path: Path) -> None:
    platforms = register(platform("a", "national"), platform("b", "provincial", "2019-03-15"))
    found = assess(tmp_path, centres(), platforms, "2018")
    assert found.actual == 1 and found.reason_code == "register-undated" and not found.points


def test_level_and_min_level_together_are_refused(tmp_path: Path) -> None:
    target = centres(level="national")
    _, problems = load(write_data(tmp_path, [target], platforms=DATED, plan=PLAN))
    assert codes(problems) == ["target-fields"] and "not both" in problems[0].message


def test_a_dated_register_explained(tmp_path: Path) -> None:
    root = write_data(tmp_path, [centres(new=True)], platforms=DATED, plan=PLAN)
    for lang in ("en", "zh"):
        options = status_cmd.StatusOptions(explain="centres", lang=lang, as_of=Period("2019"))  # type: ignore[arg-type]
        text = status_cmd.status(DataDir(root), options).stdout
        assert "[register-dated]" in text and "[projection-linear]" in text
        assert_golden(GOLDEN / f"explain-dated-register.{lang}.txt", text)
