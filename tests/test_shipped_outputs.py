"""`status`, `report`, `export` and `diff` on every shipped plan, byte for byte against golden
files: the outputs stay the same when the commands are made faster.

Regenerate with HITRACK_UPDATE_GOLDEN=1 and read the diff before committing.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from golden import assert_golden
from hitrack.cli import app

GOLDEN = Path(__file__).parent / "golden" / "shipped"
PLANS = {"data": ROOT / "data"} | {
    p.parent.name: p.parent for p in sorted((ROOT / "examples").glob("*/targets.yaml"))
}


def _first_target(plan: Path) -> str:
    for line in (plan / "targets.yaml").read_text(encoding="utf-8").splitlines():
        if line.startswith("  - id: "):
            return line.split(": ", 1)[1].strip().strip("\"'")
    raise AssertionError(f"{plan}: no target")


def _multi_zone(plan: Path) -> bool:
    return "\n  zones:" in (plan / "targets.yaml").read_text(encoding="utf-8")


def _runs(plan: Path) -> dict[str, list[str]]:
    data = ["--data", str(plan)]
    runs: dict[str, list[str]] = {}
    for lang in ("zh", "en"):
        for fmt in ("table", "json", "markdown", "csv"):
            runs[f"status.{fmt}.{lang}"] = ["status", "-f", fmt, "--width", "160", "--lang", lang]
        first = _first_target(plan)
        runs[f"status.explain.{lang}"] = ["status", "--explain", first, "--lang", lang]
        runs[f"status.sort-gap.{lang}"] = ["status", "--sort", "gap", "--lang", lang]
        runs[f"status.periods.{lang}"] = ["status", "--periods", "--width", "200", "--lang", lang]
        if _multi_zone(plan):
            runs[f"status.by-zone.{lang}"] = ["status", "--by", "zone", "--lang", lang]
        runs[f"report.{lang}"] = ["report", "--lang", lang, "--date", "2021-01-15"]
        runs[f"export.csv.{lang}"] = ["export", "-f", "csv", "--lang", lang]
        runs[f"export.json.{lang}"] = ["export", "-f", "json", "--lang", lang]
    return {name: [*args, *data] for name, args in runs.items()}


CASES = [(plan, name) for plan, root in PLANS.items() for name in _runs(root)]


@pytest.fixture(autouse=True)
def _no_png(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether cairosvg is installed must not change the report."""
    monkeypatch.setitem(sys.modules, "cairosvg", None)


def _invoke(args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), (args, result.output, result.exception)
    return f"exit {result.exit_code}\n{result.stdout}"


@pytest.mark.parametrize(("plan", "name"), CASES, ids=[f"{p}-{n}" for p, n in CASES])
def test_output_is_unchanged(plan: str, name: str) -> None:
    assert_golden(GOLDEN / plan / f"{name}.txt", _invoke(_runs(PLANS[plan])[name]))


def _edited_copy(plan: Path, to: Path) -> None:
    """`plan` with its last actuals file's values (or a milestone) nudged and its first
    target renamed."""
    shutil.copytree(plan, to)
    targets = to / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("    name: ", "    name: 新", 1), encoding="utf-8")
    last = sorted((to / "actuals").iterdir())[-1]
    text = last.read_text(encoding="utf-8")
    text, edited = re.subn(r"(value: [0-9][0-9.]*)", r"\g<1>1", text, count=3)
    if not edited:  # milestones only
        text, edited = re.subn("done: false", "done: true", text, count=1)
    assert edited, last
    last.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("plan", list(PLANS))
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_is_unchanged(
    plan: str, fmt: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(PLANS[plan], tmp_path / "base")
    _edited_copy(PLANS[plan], tmp_path / "head")
    monkeypatch.chdir(tmp_path)
    text = _invoke(["diff", "./base", "./head", "-f", fmt, "--lang", lang])
    assert_golden(GOLDEN / plan / f"diff.{fmt}.{lang}.txt", text)


@pytest.mark.parametrize("plan", list(PLANS))
def test_assessments_without_steps_are_the_same(plan: str) -> None:
    import dataclasses

    from hitrack.engine import progress
    from hitrack.load.datadir import DataDir
    from hitrack.load.loader import load_dataset

    dataset = load_dataset(DataDir(PLANS[plan])).dataset
    assert dataset is not None
    numeric = any(t.kind not in ("milestone", "register") for t in dataset.targets.targets)
    zones = [None, *(z.id for z in dataset.plan.zones)]
    explained = progress.assess_all(dataset)
    with progress.without_steps():
        bare = progress.assess_all(dataset)
    assert not numeric or sum(map(len, (a.steps for a in bare))) < sum(
        map(len, (a.steps for a in explained))
    )
    for zone in zones:
        explained = progress.assess_all(dataset, zone=zone)
        with progress.without_steps():
            bare = progress.assess_all(dataset, zone=zone)
        assert sum(len(a.steps) for a in bare) <= sum(len(a.steps) for a in explained)
        assert [dataclasses.replace(a, steps=()) for a in explained] == [
            dataclasses.replace(a, steps=()) for a in bare
        ]


@pytest.mark.parametrize("edit", ["values", "sample", "removed"])
def test_diff_reusing_unchanged_zones_is_the_full_diff(
    edit: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A target of each zone: the after side reuses the zones whose values did not change;
    the diff is the one that assesses every zone on both sides."""
    from hitrack.engine import datadiff
    from hitrack.load.datadir import DataDir
    from hitrack.load.loader import load_dataset

    plan = PLANS["liaoning-htz-2017-2020"]
    head = tmp_path / "head"
    shutil.copytree(plan, head)
    last = sorted((head / "actuals").iterdir())[-1]
    text = last.read_text(encoding="utf-8")
    if edit == "values":
        text = re.sub(r"(zone: \w+, value: [0-9][0-9.]*)", r"\g<1>1", text, count=5)
    elif edit == "sample":
        text = text.replace("sample: true", "sample: false", 1)
    else:
        text = re.sub(r"\n  - \{target: [\w-]+, zone: \w+, value: [^\n]*", "", text, count=3)
    assert text != last.read_text(encoding="utf-8")
    last.write_text(text, encoding="utf-8")
    before = load_dataset(DataDir(plan)).dataset
    after = load_dataset(DataDir(head)).dataset
    assert before is not None and after is not None
    calls = []
    real = datadiff._assess_zones
    monkeypatch.setattr(datadiff, "_assess_zones", lambda *a: calls.append(a) or real(*a))
    fast = datadiff.compute_diff(before, after)
    assert calls  # the reusing path ran
    monkeypatch.setattr(datadiff, "_each_zone", lambda _: False)
    assert fast == datadiff.compute_diff(before, after)
    assert fast.actuals and fast.effects
