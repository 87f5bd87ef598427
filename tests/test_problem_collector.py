"""Problems are bounded where they are collected (problems.Collector), with exact counts.

What is counted here is stored problems and problems built, never time or bytes of RSS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import load, target, write_data
from hitrack.commands import check as check_cmd
from hitrack.core.problems import PER_CODE_AND_FILE, Collector, Problem, capped, exit_code
from hitrack.load import tabular, validation
from hitrack.load.datadir import DataDir


def more(count: int, code: str) -> str:
    return f"and {count:,} more like this ({code})"


def test_many_problems_are_held_as_a_hundred_and_a_count() -> None:
    found = Collector()
    stored = 0
    for line in range(1, 200_001):
        found.append(Problem("a.csv", line, 1, "unknown-target", "no target"))
        stored = max(stored, found.stored)
    assert stored == PER_CODE_AND_FILE + 1
    found.append(Problem("a.csv", 7, 1, "csv-syntax", "a bad row"))  # another group
    kept = found.problems()
    assert len(kept) == PER_CODE_AND_FILE + 2
    assert [p.line for p in kept if p.code == "unknown-target"][:3] == [1, 2, 3]
    (summary,) = [p for p in kept if p.more]
    assert (summary.line, summary.severity) == (0, "error")
    assert summary.more == 200_000 - PER_CODE_AND_FILE
    shown = capped(kept, more)
    assert shown[-1].message == "and 199,900 more like this (unknown-target)"
    assert sum(p.code == "unknown-target" for p in shown) == PER_CODE_AND_FILE + 1


def test_counts_pass_from_one_collector_to_the_next() -> None:
    first = Collector()
    for line in range(1, 251):
        first.append(Problem("a.yaml", line, 1, "not-a-number", "text"))
    second = Collector()
    second.extend(first.problems())
    for line in range(251, 301):
        second.append(Problem("a.yaml", line, 1, "not-a-number", "text"))
    assert second.stored == PER_CODE_AND_FILE + 1
    shown = capped(sorted(second.problems()), more)
    assert shown[-1].message == "and 200 more like this (not-a-number)"
    assert [p.line for p in shown[:-1]] == list(range(1, PER_CODE_AND_FILE + 1))


def test_a_counted_error_makes_the_summary_an_error() -> None:
    found = Collector(limit=2)
    found.append(Problem("a.yaml", 1, 1, "unit-scale", "w", "warning"))
    found.append(Problem("a.yaml", 2, 1, "unit-scale", "w", "warning"))
    found.count("a.yaml", "unit-scale", "warning", number=5)
    assert exit_code(found.problems()) == 0
    found.append(Problem("a.yaml", 9, 1, "unit-scale", "e", "error"))  # counted, not kept
    kept = found.problems()
    assert exit_code(kept) == 1
    shown = capped(kept, more)
    assert (shown[-1].severity, shown[-1].message) == ("error", more(6, "unit-scale"))


def csv_data(root: Path, rows: int, row: str = "smez,,2019,48,家,,\n") -> Path:
    write_data(root, [target()])
    (root / "actuals").mkdir()
    header = "target,zone,period,value,unit,source,reported\n"
    (root / "actuals" / "stats.csv").write_text(header + row * rows, encoding="utf-8")
    return root


def test_checks_build_only_the_problems_that_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Any] = []
    original = tabular.TableSource.at

    def at(self: tabular.TableSource, *path: Any) -> tuple[int, int]:
        built.append(path)
        return original(self, *path)

    monkeypatch.setattr(tabular.TableSource, "at", at)
    rows = 20_000
    problems = load(csv_data(tmp_path / "d", rows))[1]
    assert len(problems) == PER_CODE_AND_FILE + 1  # not 20,000
    (summary,) = [p for p in problems if p.more]
    assert summary.more == rows - PER_CODE_AND_FILE
    # A line is looked up for each problem kept, not for each row.
    assert len(built) <= PER_CODE_AND_FILE + 5


def test_yaml_validation_builds_only_the_problems_that_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    original = validation.problem_from_error

    def counting(*args: Any, **kwargs: Any) -> Problem:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(validation, "problem_from_error", counting)
    root = write_data(tmp_path / "d", [target()])
    (root / "actuals").mkdir()
    rows = 3_000
    text = 'schema: hitrack/v1\nperiod: "2019"\nvalues:\n'
    text += "  - {target: smes, value: 四十八, unit: 家}\n" * rows
    (root / "actuals" / "2019.yaml").write_text(text, encoding="utf-8")
    outcome = check_cmd.check(DataDir(root), "text", strict=False, lang="en")
    assert outcome.code == 1
    assert f"and {rows - PER_CODE_AND_FILE:,} more like this (not-a-number)" in outcome.stdout
    assert len(calls) == PER_CODE_AND_FILE  # one per problem kept, none for those counted


def test_the_step_summary_is_capped_too(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    outcome = check_cmd.check(
        DataDir(csv_data(tmp_path / "d", 500)),
        "text",
        strict=False,
        lang="en",
        step_summary=str(summary),
    )
    assert outcome.code == 1
    text = summary.read_text(encoding="utf-8")
    assert "and 400 more like this (unknown-target)" in text
    assert text.count("unknown-target") == PER_CODE_AND_FILE + 1 + 1  # rows, then the summary
