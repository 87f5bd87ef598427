"""A file that repeats one bad row is reported in a bounded number of lines, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import target, write_data
from hitrack.commands import check as check_cmd
from hitrack.commands import status as status_cmd
from hitrack.core.problems import PER_CODE_AND_FILE
from hitrack.load.datadir import DataDir

ROWS = 2_345


def repeated_bad_rows(root: Path) -> DataDir:
    write_data(root, [target()])
    (root / "actuals").mkdir()
    rows = "target,zone,period,value,unit,source,reported\n" + "smez,,2019,48,家,,\n" * ROWS
    (root / "actuals" / "stats.csv").write_text(rows, encoding="utf-8")
    return DataDir(root)


@pytest.mark.parametrize(
    ("lang", "more"),
    [("en", "and 2,245 more like this (unknown-target)"), ("zh", "另有 2,245 个同类问题")],
)
def test_problems_per_code_and_file_are_capped(tmp_path: Path, lang: str, more: str) -> None:
    outcome = check_cmd.check(repeated_bad_rows(tmp_path / "d"), "text", strict=False, lang=lang)  # type: ignore[arg-type]
    assert outcome.code == 1
    lines = outcome.stdout.splitlines()
    assert sum("unknown-target" in line for line in lines) == PER_CODE_AND_FILE + 1
    assert more in outcome.stdout
    assert len(outcome.stdout.encode()) < 40_000


def test_a_command_refusing_bad_data_caps_its_list_too(tmp_path: Path) -> None:
    options = status_cmd.StatusOptions(lang="en")
    outcome = status_cmd.status(repeated_bad_rows(tmp_path / "d"), options)
    assert outcome.code == 1
    assert "and 2,245 more like this" in outcome.stderr
    assert outcome.stderr.count("\n") < PER_CODE_AND_FILE + 5
