"""`datadiff.actual_changes` looks only at the values that differ when both sides list the
same values in the same order: the changes are always those of comparing every value."""

from __future__ import annotations

import random
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import target, write_data
from hitrack.core import model
from hitrack.engine import datadiff
from hitrack.engine.checks import run_checks
from hitrack.load.loader import DataDir, load_dataset

ZONES = [f"z{i}" for i in range(12)]
TARGETS = [target(id=f"t{i}", name=f"指标{i}", zone_scope="each") for i in range(4)]
HEADER = "target,zone,period,value,unit,source,reported,sample,note\n"
PERIODS = ("2019-Q3", "2019-Q4", "2020-Q1")


def _rows(rng: random.Random) -> list[list[str]]:
    return [
        [t["id"], zone, period, str(rng.randrange(1, 90)), "家", "", "", "", ""]
        for period in PERIODS
        for t in TARGETS
        for zone in ZONES
    ]


def _loaded(root: Path) -> model.Dataset:
    """The dataset, which has no errors (random values may well be implausible)."""
    loaded = load_dataset(DataDir(root))
    errors = [p for p in run_checks(loaded, warnings=False) if p.severity == "error"]
    assert loaded.dataset is not None and errors == [], errors
    return loaded.dataset


def _write(root: Path, rows: list[list[str]], as_csv: bool) -> model.Dataset:
    plan = {"zones": [{"id": z, "name": f"区{z}"} for z in ZONES]}
    if not as_csv:
        actuals: dict[str, list[dict[str, object]]] = {p: [] for p in PERIODS}
        for t, zone, period, value, unit, source, _, _, _ in rows:
            record: dict[str, object] = {"target": t, "zone": zone, "value": Decimal(value)}
            record["unit"] = unit
            if source:
                record["source"] = source
            actuals[period].append(record)
        write_data(root, TARGETS, actuals, plan=plan)
        return _loaded(root)
    write_data(root, TARGETS, plan=plan)
    (root / "actuals").mkdir(exist_ok=True)
    for period in PERIODS:
        lines = [",".join(r) for r in rows if r[2] == period]
        text = HEADER + "\n".join(lines) + "\n"
        (root / "actuals" / f"{period}.csv").write_text(text, encoding="utf-8")
    return _loaded(root)


def _edit(rows: list[list[str]], rng: random.Random, aligned: bool) -> list[list[str]]:
    rows = [list(r) for r in rows]
    for _ in range(rng.randrange(0, 8)):
        row = rng.choice(rows)
        choice = rng.randrange(3)
        if choice == 0:
            row[3] = str(rng.randrange(1, 90))
        elif choice == 1:
            row[3] = row[3] + ".0"  # the same number written otherwise: no change
        else:
            row[5] = rng.choice(["统计局", ""])
    if not aligned:
        move = rng.randrange(3)
        if move == 0:
            del rows[rng.randrange(len(rows))]
        elif move == 1:
            rows.insert(rng.randrange(len(rows)), [*rows[0][:1], "z99", *rows[0][2:]])
        else:
            i, j = rng.randrange(len(rows)), rng.randrange(len(rows))
            if rows[i][2] == rows[j][2]:  # two values of one file swap places
                rows[i], rows[j] = rows[j], rows[i]
    return rows


@pytest.mark.parametrize("as_csv", [False, True], ids=["yaml", "csv"])
@pytest.mark.parametrize("seed", range(12))
def test_the_changes_are_those_of_every_value_compared(
    tmp_path: Path, seed: int, as_csv: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    rows = _rows(rng)
    before = _write(tmp_path / "a", rows, as_csv)
    aligned = seed % 3 != 0
    edited = _edit(rows, rng, aligned)
    if any(r[1] == "z99" for r in edited):
        ZONES.append("z99")
        try:
            after = _write(tmp_path / "b", edited, as_csv)
        finally:
            ZONES.remove("z99")
    else:
        after = _write(tmp_path / "b", edited, as_csv)
    every = datadiff.compare_actuals(datadiff._actuals(before), datadiff._actuals(after))
    assert datadiff.actual_changes(before, after) == every
    took = datadiff._aligned_changes(before, after)
    if aligned:
        assert took == every  # the shortcut was taken
    shutil.rmtree(tmp_path / "b")


def test_an_edit_of_values_only_takes_the_shortcut_and_finds_them(tmp_path: Path) -> None:
    rng = random.Random(5)
    rows = _rows(rng)
    before = _write(tmp_path / "a", rows, True)
    rows[7][3] = str(int(rows[7][3]) + 1)
    rows[30][5] = "统计局"
    after = _write(tmp_path / "b", rows, True)
    found = datadiff._aligned_changes(before, after)
    assert found is not None
    assert [c.key for c in found] == [
        datadiff.actual_key(rows[i][2], rows[i][0], rows[i][1]) for i in (7, 30)
    ]
    assert [[f.field for f in c.fields] for c in found] == [["value"], ["source"]]


def test_other_pairs_are_left_to_comparing_every_value(tmp_path: Path) -> None:
    rng = random.Random(6)
    rows = _rows(rng)
    before = _write(tmp_path / "a", rows, True)
    fewer = _write(tmp_path / "b", rows[1:], True)
    assert datadiff._aligned_changes(before, fewer) is None
    swapped = [rows[1], rows[0], *rows[2:]]
    assert datadiff._aligned_changes(before, _write(tmp_path / "c", swapped, True)) is None
    assert datadiff.actual_changes(before, fewer) == datadiff.compare_actuals(
        datadiff._actuals(before), datadiff._actuals(fewer)
    )
