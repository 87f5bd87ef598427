"""Replaying unchanged read-only commands: same output, and never stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import target, write_data
from hitrack import memo


def run(args: list[str], cache: Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "HITRACK_NO_CACHE"}
    environ.update(HITRACK_CACHE_DIR=str(cache), NO_COLOR="1", **env)
    return subprocess.run(
        [sys.executable, "-m", "hitrack", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        check=False,
    )


def memo_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("memo-*")) if cache.is_dir() else []


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_data(
        tmp_path / "data", [target()], {"2019": [{"target": "smes", "value": 40, "unit": "家"}]}
    )


def test_second_run_replays_the_same_output(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "cache"
    first = run(["status", "--width", "100"], cache, tmp_path)
    assert first.returncode == 0, first.stderr
    assert len(memo_files(cache)) == 1
    second = run(["status", "--width", "100"], cache, tmp_path)
    assert (second.stdout, second.stderr, second.returncode) == (
        first.stdout,
        first.stderr,
        first.returncode,
    )
    assert "40家" in second.stdout


def test_an_edited_data_file_is_never_replayed(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "cache"
    run(["status", "--format", "csv"], cache, tmp_path)
    actuals = data / "actuals" / "2019.yaml"
    actuals.write_text(actuals.read_text(encoding="utf-8").replace("40", "50"), encoding="utf-8")
    again = run(["status", "--format", "csv"], cache, tmp_path)
    assert ",50," in again.stdout and ",40," not in again.stdout


def test_other_options_and_environment_miss(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "cache"
    english = run(["status", "--format", "markdown"], cache, tmp_path, LANG="en_US.UTF-8")
    chinese = run(["status", "--format", "markdown"], cache, tmp_path, LANG="zh_CN.UTF-8")
    assert "Technology SMEs" in english.stdout
    assert "科技型中小企业数量" in chinese.stdout and "Technology SMEs" not in chinese.stdout
    assert len(memo_files(cache)) == 2


def test_failures_and_check_are_not_stored(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "cache"
    assert run(["status", "--as-of", "2019-13"], cache, tmp_path).returncode == 2
    assert run(["check"], cache, tmp_path).returncode == 0
    assert memo_files(cache) == []


def test_no_cache_turns_replay_off(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "cache"
    run(["status"], cache, tmp_path, HITRACK_NO_CACHE="1")
    assert not cache.exists()


def test_help_is_replayed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run(["--help"], cache, tmp_path)
    second = run(["--help"], cache, tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout and "status" in first.stdout
    assert len(memo_files(cache)) == 1


def test_an_entry_writable_by_others_or_corrupt_is_ignored(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "cache"
    first = run(["status", "--format", "json"], cache, tmp_path)
    (entry,) = memo_files(cache)
    entry.write_bytes(entry.read_bytes().replace(b"smes", b"EVIL"))
    entry.chmod(0o666)
    assert run(["status", "--format", "json"], cache, tmp_path).stdout == first.stdout
    (entry,) = memo_files(cache)
    entry.write_bytes(b"hitrack-memo-1\n99999\ntruncated")
    assert run(["status", "--format", "json"], cache, tmp_path).stdout == first.stdout


@pytest.mark.parametrize(
    ("argv", "replayable"),
    [
        ([], True),
        (["--help"], True),
        (["check", "--help"], True),
        (["status"], True),
        (["platforms", "--format", "json"], True),
        (["schema"], True),
        (["check"], False),
        (["report"], False),
        (["status", "--data"], False),
    ],
)
def test_which_commands_are_replayable(argv: list[str], replayable: bool) -> None:
    assert (memo.key(argv, {}) is not None) is replayable
