"""The shortcuts that make the commands fast at scale give what the long way gives: the
reading commands and diff skip the rules that only warn (the same errors), report and diff
assess less (the same assessments)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from hitrack.engine.checks import WARNING_ONLY, run_checks
from hitrack.load.loader import DataDir, load_dataset

FIXTURES = Path(__file__).parent / "fixtures"
DATASETS = [
    *sorted(p for p in (FIXTURES / "invalid").glob("*/*") if (p / "targets.yaml").exists()),
    *sorted(p for p in (FIXTURES / "valid").iterdir() if (p / "targets.yaml").exists()),
    ROOT / "data",
    *sorted(p.parent for p in (ROOT / "examples").glob("*/targets.yaml")),
]


def _key(problem: object) -> tuple[object, ...]:
    return tuple(getattr(problem, f) for f in ("file", "line", "col", "code", "severity"))


@pytest.mark.parametrize("case", DATASETS, ids=lambda p: str(p.relative_to(ROOT)))
def test_skipping_warning_rules_keeps_every_error(case: Path) -> None:
    loaded = load_dataset(DataDir(case))
    every = run_checks(loaded)
    without = run_checks(loaded, warnings=False)
    assert [p for p in every if p.severity == "error"] == [
        p for p in without if p.severity == "error"
    ]
    skipped = [p for p in every if _key(p) not in {_key(q) for q in without}]
    assert all(p.severity == "warning" for p in skipped)


def test_warning_rules_do_warn() -> None:
    """The comparison above is not empty: the skipped rules find something in the fixtures."""
    found = 0
    for case in DATASETS:
        loaded = load_dataset(DataDir(case))
        found += len(run_checks(loaded)) - len(run_checks(loaded, warnings=False))
    assert found > 0
    assert WARNING_ONLY


_VALID = [p for p in DATASETS if "invalid" not in p.parts]


@pytest.mark.parametrize("case", _VALID, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_series_cut_at_each_period_is_the_series_read_up_to_it(case: Path) -> None:
    """Within `bulk` each target and zone's whole series is made once and cut at the as-of
    period asked for: the same points, and the same rates flag, as reading up to it."""
    from hitrack.engine import progress

    dataset = load_dataset(DataDir(case)).dataset
    assert dataset is not None
    periods = [f.period for _, f in dataset.actuals] or [dataset.plan.start]
    zones = [None, *(z.id for z in dataset.plan.zones)]
    cut = 0
    for target in dataset.targets.targets:
        for zone in zones:
            direct = [progress.series(dataset, target, zone, p) for p in periods]
            with progress.bulk():
                shared = [progress.series(dataset, target, zone, p) for p in periods]
            assert shared == direct, (target.id, zone)
            cut += sum(len(points) for points, _ in direct)
    if case == ROOT / "data":
        assert cut > 20  # the bundled plan has series to cut
