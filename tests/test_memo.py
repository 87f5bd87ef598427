"""Replaying unchanged read-only commands: same output, and never stale."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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


@pytest.mark.parametrize(
    ("argv", "parsed"),
    [
        ([], ("help", None)),
        (["-h"], ("help", None)),
        (["status", "-dDIR"], ("status", "DIR")),
        (["status", "-d", "DIR"], ("status", "DIR")),
        (["status", "--data=DIR"], ("status", "DIR")),
        (["status", "--data", "DIR"], ("status", "DIR")),
        (["status", "--data=", "-fjson"], ("status", "")),
        (["status", "-d", "A", "--data=B"], ("status", "B")),  # the last one wins, as in Click
        (["status", "-d", "-x"], ("status", "-x")),  # a value, even with a dash
        (["status", "--zone", "--help"], ("status", None)),  # a zone named --help
        (["status", "-dDIR", "--help"], ("help", "DIR")),
        (["platforms", "-fjson", "--level=national"], ("platforms", None)),
        (["schema", "actuals"], ("schema", None)),
        (["schema", "--", "actuals"], ("schema", None)),
        (["import", "-h"], ("help", None)),
        (["status", "extra"], None),
        (["status", "--", "-dDIR"], None),
        (["schema", "a", "b"], None),
        (["status", "--bogus"], None),
        (["status", "--data"], None),
        (["status", "-xdDIR"], None),  # short options run together
        (["status", "-hdDIR"], None),
        (["status", "--help=x"], None),
        (["status", "--dat=DIR"], None),  # Click does not expand abbreviations
        (["check", "--strict", "--help"], None),
        (["check"], None),
        (["--version"], None),
    ],
)
def test_command_lines_are_read_by_the_clis_rules(
    argv: list[str], parsed: tuple[str, str | None] | None
) -> None:
    assert memo.parse(argv) == parsed


def test_the_option_table_matches_the_cli() -> None:
    import typer

    from hitrack.cli import app

    group: Any = typer.main.get_command(app)
    assert set(group.commands) == memo.COMMANDS
    for name, (takes_value, positionals) in memo.PURE_COMMANDS.items():
        command = group.commands[name]
        options = [p for p in command.params if p.param_type_name == "option"]
        values = {opt for p in options if not p.is_flag for opt in p.opts + p.secondary_opts}
        flags = {opt for p in options if p.is_flag for opt in p.opts + p.secondary_opts}
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        assert values == takes_value, name
        # A flag is not replayed (`status --periods`): the parser gives up on it rather than
        # read the next argument as its value.
        for flag in flags - set(memo._HELP):
            assert memo.parse([name, flag, "x"]) is None, (name, flag)
        assert sum(p.nargs for p in arguments) == positionals, name
    assert set(group.context_settings["help_option_names"]) == set(memo._HELP)


@pytest.mark.parametrize("spelling", ["-d{}", "--data={}", "-d {}"])
def test_a_data_option_in_any_spelling_sees_an_edit(
    tmp_path: Path, data: Path, spelling: str
) -> None:
    """The data directory is not ./data here: a replay that misread the option would
    fingerprint the bundled plan and replay the old output."""
    cache = tmp_path / "cache"
    other = tmp_path / "zone-data"
    data.rename(other)
    args = ["status", *spelling.format(other).split(" "), "--format", "csv"]
    assert ",40," in run(args, cache, tmp_path).stdout
    actuals = other / "actuals" / "2019.yaml"
    actuals.write_text(actuals.read_text(encoding="utf-8").replace("40", "50"), encoding="utf-8")
    again = run(args, cache, tmp_path)
    assert ",50," in again.stdout and ",40," not in again.stdout


def test_a_same_size_edit_with_the_mtime_put_back_is_seen(tmp_path: Path, data: Path) -> None:
    cache = tmp_path / "cache"
    assert ",40," in run(["status", "--format", "csv"], cache, tmp_path).stdout
    actuals = data / "actuals" / "2019.yaml"
    before = actuals.stat()
    actuals.write_text(actuals.read_text(encoding="utf-8").replace("40", "50"), encoding="utf-8")
    os.utime(actuals, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (actuals.stat().st_size, actuals.stat().st_mtime_ns) == (
        before.st_size,
        before.st_mtime_ns,
    )
    again = run(["status", "--format", "csv"], cache, tmp_path)
    assert ",50," in again.stdout and ",40," not in again.stdout


def test_an_edited_source_document_is_seen(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    data = write_data(
        tmp_path / "data",
        [target()],
        {"2019": [{"target": "smes", "value": 40, "unit": "家"}]},
        plan={"source": "plan.txt"},
    )
    (data / "sources").mkdir()
    document = data / "sources" / "plan.txt"
    document.write_text("到2020年，科技型中小企业数量突破55家。\n", encoding="utf-8")
    first = run(["status"], cache, tmp_path)
    assert first.returncode == 0, first.stderr
    document.write_text("到2020年，科技型中小企业数量突破66家。\n", encoding="utf-8")
    cached = run(["status"], cache, tmp_path)
    uncached = run(["status"], cache, tmp_path, HITRACK_NO_CACHE="1")
    assert (cached.returncode, cached.stdout, cached.stderr) == (
        uncached.returncode,
        uncached.stdout,
        uncached.stderr,
    )
    assert (cached.returncode, cached.stdout, cached.stderr) != (
        first.returncode,
        first.stdout,
        first.stderr,
    )


def test_a_change_of_hitracks_code_is_seen(tmp_path: Path, data: Path) -> None:
    """A copy of the package, first on the path: editing any module of it, or adding one,
    changes the key of both caches."""
    cache = tmp_path / "cache"
    site = tmp_path / "site"
    package = Path(memo.__file__).parent
    shutil.copytree(
        package, site / "hitrack", symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
    )
    env = {"PYTHONPATH": str(site)}
    args = ["status", "--lang", "en", "--width", "100"]
    first = run(args, cache, tmp_path, **env)
    assert first.returncode == 0, first.stderr
    assert "not assessable" in first.stdout
    i18n = site / "hitrack" / "core" / "statuses.py"  # where the status words live
    text = i18n.read_text(encoding="utf-8")
    i18n.write_text(text.replace('"not assessable")', '"NOT-ASSESSABLE")'), encoding="utf-8")
    second = run(args, cache, tmp_path, **env)
    assert "NOT-ASSESSABLE" in second.stdout
    (entry,) = cache.glob("dataset-*.json")
    key = json.loads(entry.read_bytes())["key"]
    (site / "hitrack" / "interchange" / "newmodule.py").write_text("X = 1\n", encoding="utf-8")
    third = run([*args[:-1], "101"], cache, tmp_path, **env)  # a new command line: no replay
    assert third.returncode == 0, third.stderr
    assert json.loads(entry.read_bytes())["key"] != key  # the dataset cache missed too


def test_a_command_line_the_replay_does_not_read_is_never_stored(
    tmp_path: Path, data: Path
) -> None:
    cache = tmp_path / "cache"
    assert run(["status", "--", "x"], cache, tmp_path).returncode == 2
    assert run(["status", "-f", "csv", "--sort=id"], cache, tmp_path).returncode == 0
    assert len(memo_files(cache)) == 1  # this one was understood
