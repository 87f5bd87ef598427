"""changes.compare: before/after pairs per target, and the previous reported period."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from conftest import load_ok, target, write_data
from hitrack.engine import changes, progress


def _two_periods(tmp_path: Path) -> tuple[progress.Assessment, progress.Assessment]:
    dataset = load_ok(
        write_data(
            tmp_path,
            [target(baseline={"value": 40, "period": "2018", "quote": "40家"})],
            {
                "2019": [{"target": "smes", "value": 45, "unit": "家"}],
                "2020-Q2": [{"target": "smes", "value": 52, "unit": "家"}],
            },
        )
    )
    assert changes.previous_period(dataset, "2020-Q2") == "2019"
    assert changes.previous_period(dataset, "2019") is None
    (before,) = progress.assess_all(dataset, "2019")
    (after,) = progress.assess_all(dataset, "2020-Q2")
    return before, after


def test_a_new_value_moves_the_gap(tmp_path: Path) -> None:
    before, after = _two_periods(tmp_path)
    (change,) = changes.compare([before], [after])
    assert change.new_value
    assert change.gap_move == Decimal(-7)  # 56 - 45 = 11 to go, then 56 - 52 = 4
    assert change.changed


def test_the_same_assessment_is_no_change(tmp_path: Path) -> None:
    _, after = _two_periods(tmp_path)
    (change,) = changes.compare([after], [after])
    assert not change.new_value
    assert not change.status_changed
    assert change.gap_move == 0
    assert not change.changed


def test_added_and_removed_targets_pair_with_none(tmp_path: Path) -> None:
    before, after = _two_periods(tmp_path)
    added, removed = changes.compare([before], []) + changes.compare([], [after])
    assert (added.before, added.after) == (before, None)
    assert (removed.before, removed.after) == (None, after)
    assert added.changed and removed.changed
    assert removed.new_value and not added.new_value
    assert added.gap_move is None


def test_status_change_is_reported(tmp_path: Path) -> None:
    _, after = _two_periods(tmp_path)
    worse = dataclasses.replace(after, status="off_track")
    (change,) = changes.compare([after], [worse])
    assert change.status_changed and change.changed and not change.new_value
