"""A `status` line run before is run again after a data edit without Typer, with the options
the CLI made of it (`memo.remember` / `memo.recall`): the same output as the CLI's, and never
for another line, directory or environment, nor from an entry hitrack did not write."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import target, write_data
from hitrack.commands import status
from hitrack.core.periods import Period


def run(
    args: list[str], cache: Path, cwd: Path, *flags: str, **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "HITRACK_NO_CACHE"}
    environ.update({"HITRACK_CACHE_DIR": str(cache), "NO_COLOR": "1", "LANG": "C.UTF-8", **env})
    return subprocess.run(
        [sys.executable, *flags, "-m", "hitrack", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        check=False,
    )


def seen(result: subprocess.CompletedProcess[str]) -> tuple[str, str, int]:
    return result.stdout, result.stderr, result.returncode


def imported(args: list[str], cache: Path, cwd: Path, **env: str) -> str:
    """The modules a run imports (its stderr under -X importtime)."""
    return run(args, cache, cwd, "-X", "importtime", **env).stderr


@pytest.fixture
def data(tmp_path: Path) -> Path:
    zones = {"zones": [{"id": "north", "name": "北区"}, {"id": "south", "name": "南区"}]}
    values = [
        {"target": "smes", "zone": "north", "value": 30, "unit": "家"},
        {"target": "smes", "zone": "south", "value": 20, "unit": "家"},
    ]
    return write_data(
        tmp_path / "data",
        [target(zone_scope="each")],
        {"2019": values, "2020-Q1": [dict(v, value=v["value"] + 2) for v in values]},
        plan=zones,
    )


def edit(data: Path, old: str, new: str) -> None:
    actuals = data / "actuals" / "2020-Q1.yaml"
    text = actuals.read_text(encoding="utf-8")
    assert old in text
    actuals.write_text(text.replace(old, new), encoding="utf-8")


LINES = [
    ["status"],
    ["status", "--width", "100", "--lang", "zh"],
    ["status", "--format", "json"],
    ["status", "-f", "csv", "--sort", "status"],
    ["status", "--zone", "north", "--width", "90"],
    ["status", "--by", "zone", "--width", "120"],
    ["status", "--explain", "smes", "--lang", "en"],
    ["status", "--as-of", "2019", "--format", "markdown"],
    ["status", "-d", "data", "--owner", "nobody"],  # a usage error from the command itself
]


@pytest.mark.parametrize("line", LINES, ids=" ".join)
def test_an_edit_runs_the_line_again_as_the_cli_does(
    tmp_path: Path, data: Path, line: list[str]
) -> None:
    cache = tmp_path / "cache"
    before = run(line, cache, tmp_path)  # the CLI reads the line and remembers it
    assert len(list(cache.glob("line-*"))) == 1
    edit(data, "value: 32", "value: 33")
    modules = imported(line, cache, tmp_path)
    assert " typer" not in modules and "pydantic" not in modules
    edit(data, "value: 33", "value: 60")  # the north zone now meets the target
    recalled = run(line, cache, tmp_path)
    by_cli = run(line, tmp_path / "elsewhere", tmp_path, HITRACK_NO_CACHE="1")
    assert seen(recalled) == seen(by_cli)
    if "--owner" not in line and "--as-of" not in line:
        assert recalled.returncode == 0 and recalled.stdout != before.stdout


def test_another_line_directory_or_environment_is_read_by_the_cli(
    tmp_path: Path, data: Path
) -> None:
    cache = tmp_path / "cache"
    run(["status"], cache, tmp_path)
    edit(data, "value: 32", "value: 61")
    for line, cwd, env in (
        (["status", "--width", "80"], tmp_path, {}),
        (["status"], data, {}),  # another working directory: another ./data
        (["status"], tmp_path, {"LANG": "zh_CN.UTF-8"}),  # the locale picks the language
        (["status"], tmp_path, {"HITRACK_DATA": str(data)}),
    ):
        assert " typer" in imported(line, cache, cwd, **env), (line, cwd, env)
        found = run(line, cache, cwd, **env)
        assert seen(found) == seen(run(line, tmp_path / "x", cwd, HITRACK_NO_CACHE="1", **env))


def test_a_flag_is_not_recalled(tmp_path: Path, data: Path) -> None:
    """`memo.parse` gives up on a flag rather than guess what follows it (see test_memo)."""
    cache = tmp_path / "cache"
    line = ["status", "--periods", "--width", "120"]
    run(line, cache, tmp_path)
    assert not list(cache.glob("line-*"))
    edit(data, "value: 32", "value: 63")
    assert " typer" in imported(line, cache, tmp_path)


def test_a_vanished_data_directory_is_the_clis_to_report(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "cache"
    run(["status", "-d", "data"], cache, tmp_path)
    (data / "targets.yaml").rename(tmp_path / "moved.yaml")
    for entry in data.rglob("*"):
        if entry.is_file():
            entry.unlink()
    for folder in sorted(data.rglob("*"), reverse=True):
        folder.rmdir()
    data.rmdir()
    gone = run(["status", "-d", "data"], cache, tmp_path)
    assert gone.returncode == 2
    assert seen(gone) == seen(run(["status", "-d", "data"], tmp_path / "x", tmp_path))


FULL = status.remembered(status.StatusOptions())


@pytest.mark.parametrize(
    "options",
    [
        "not a mapping",
        {"fmt": "table"},  # the other fields missing
        {**FULL, "extra": 1},
        {**FULL, "fmt": "html"},
        {**FULL, "width": 10},
        {**FULL, "width": True},
        {**FULL, "lang": "fr"},
        {**FULL, "as_of": "2019-Q9"},
        {**FULL, "periods": "yes"},
        {**FULL, "by": "planet"},
        {**FULL, "zone": ["north"]},
    ],
)
def test_options_hitrack_would_not_make_are_not_recalled(options: object) -> None:
    assert status.recalled(options) is None
    assert status.recalled(FULL) == status.StatusOptions()


def test_the_options_round_trip_and_the_field_table_is_complete() -> None:
    names = {f.name for f in dataclasses.fields(status.StatusOptions)}
    assert set(status._KINDS) == names
    for options in (
        status.StatusOptions(),
        status.StatusOptions(
            fmt="json",
            as_of=Period("2020-Q1"),
            sort="gap",
            zone="north",
            lang="zh",
            width=100,
            by="zone",
            owner="o",
            section="s",
        ),
        status.StatusOptions(explain="smes", periods=False, width=40),
    ):
        back = status.recalled(json.loads(json.dumps(status.remembered(options))))
        assert back == options


def test_a_line_entry_not_hitracks_is_ignored(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "cache"
    run(["status", "--format", "json"], cache, tmp_path)
    (entry,) = cache.glob("line-*")
    raw = entry.read_bytes()
    edit(data, "value: 32", "value: 62")
    expected = seen(run(["status", "--format", "json"], tmp_path / "x", tmp_path))
    for bad in (
        raw.replace(b'"json"', b'"html"'),  # a format the CLI does not offer
        raw.replace(b'"status"', b'"report"'),
        raw[: len(raw) // 2],
        raw.replace(b"hitrack-line-1", b"hitrack-line-0"),
    ):
        entry.write_bytes(bad)
        assert seen(run(["status", "--format", "json"], cache, tmp_path)) == expected
    entry.write_bytes(raw)
    entry.chmod(0o666)  # writable by others: not the user's own entry
    edit(data, "value: 62", "value: 64")
    assert " typer" in imported(["status", "--format", "json"], cache, tmp_path)
