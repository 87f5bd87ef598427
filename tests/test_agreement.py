"""`status`, `report`, `diff`, `export` and `status --explain` show the same status for every
target of every shipped data directory, at the latest period and at the plan's deadline."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, load_ok
from hitrack.cli import app
from hitrack.core.statuses import Status
from hitrack.engine import datadiff, progress
from hitrack.i18n import status_word
from hitrack.interchange import exporting
from hitrack.render import escape
from hitrack.render.status import status_words

DIRS = [ROOT / "data", *sorted(p.parent for p in (ROOT / "examples").glob("*/targets.yaml"))]


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize("when", ["latest", "deadline"])
@pytest.mark.parametrize("root", DIRS, ids=[p.name for p in DIRS])
def test_every_output_shows_the_same_status(root: Path, when: str) -> None:
    dataset = load_ok(root)
    as_of = progress.latest_period(dataset) if when == "latest" else dataset.plan.deadline
    common = ["--data", str(root), "--lang", "en", "--as-of", as_of]

    status = json.loads(_cli("status", *common, "--format", "json"))
    shown = {t["id"]: t["status"] for t in status["targets"] if t["zone"] is None}
    assert shown, "no target shown"
    assert set(shown.values()) <= {s.value for s in Status}

    for target_id, code in shown.items():
        last = _cli("status", *common, "--explain", target_id).rstrip("\n").split("\n")
        explained = [line for line in last if line.startswith("=> ")]
        assert explained and explained[0].startswith(f"=> {status_words(code, 'en')}"), target_id

    report = _cli("report", *common)
    table = report.split("\n## ")[1]  # the targets table
    by_id = {t.id: t for t in dataset.targets.targets}
    for target_id, code in shown.items():
        name = escape.markdown(by_id[target_id].name_en)
        rows = [line for line in table.split("\n") if line.startswith(f"| {name} ")]
        assert rows, target_id
        assert any(status_words(code, "en") in row for row in rows), (target_id, rows)

    exported = exporting.build(dataset, as_of, "en")
    for row in exported.rows:
        if row["zone"] is None and isinstance(row["id"], str) and row["id"] in shown:
            assert row["status"] == status_word(shown[row["id"]], "en"), row["id"]

    empty = dataclasses.replace(dataset.targets, targets=())
    before = dataclasses.replace(dataset, targets=empty)
    effects = datadiff.compute_diff(before, dataset).effects
    if when == "latest":  # diff assesses each side at its latest period
        moved = {e.target_id: e.after.status for e in effects if e.after is not None}
        assert moved == {k: v for k, v in shown.items() if k in moved}
        assert set(moved) == set(shown)
