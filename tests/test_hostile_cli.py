"""`hitrack check` on every broken or hostile input.

Each case of tests/fixtures/invalid must give exit 1 with every expected problem's file,
line and column in the output, never a traceback, and leave every file of the case as it
was. Every case runs through the CLI in process; a sample of them also runs as a real
`hitrack` process, which must print the same and exit the same. Inputs too big or too odd
to commit (10 MB strings, unreadable files) are made here and run as processes.
Timing is not asserted (see benchmarks/hostile.py for the 2-second budget).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

TARGETS = """schema: hitrack/v1
plan:
  id: fixture-plan
  title: 测试规划
  issuer: 测试局
  start: "2018"
  deadline: "2020"
targets:
  - id: smes
    name: {name}
    name_en: Technology SMEs
    kind: level
    comparator: gt
    value: 55
    unit: 家
    quote: 科技型中小企业数量突破55家
"""
INVALID = sorted(
    p for p in (Path(__file__).parent / "fixtures" / "invalid").glob("*/*") if p.is_dir()
)
HEADER = "target,zone,period,value,unit,source,reported,note\n"


def run_check(
    data: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "NO_COLOR": "1", "HITRACK_NO_CACHE": "1", **(env or {})}
    environ.pop("GITHUB_ACTIONS", None)
    command = [sys.executable, "-m", "hitrack", "check", "--data", str(data), *args]
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", env=environ, timeout=60
    )


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under `root`: a file's hash, a link's target, a folder's presence."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                found[rel] = "link:" + str(path.readlink())
            elif path.is_dir():
                found[rel] = "dir"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _env(case: Path) -> dict[str, str]:
    options = case / "options.txt"
    if not options.exists():
        return {}
    key, _, value = options.read_text().strip().partition("=")
    assert key == "max_bytes"
    return {"HITRACK_MAX_BYTES": value}


def _base(case: Path) -> tuple[str, ...]:
    """A case with a `base/` folder is checked against it (the plan-changed rule)."""
    return ("--base", str(case / "base")) if (case / "base").is_dir() else ()


def check_in_process(case: Path) -> subprocess.CompletedProcess[str]:
    """The CLI run in this process, as a process's result, for the same assertions."""
    from typer.testing import CliRunner

    from hitrack.cli import app

    environ = {"NO_COLOR": "1", "HITRACK_NO_CACHE": "1", "GITHUB_ACTIONS": None, **_env(case)}
    args = ["check", "--data", str(case), "--format", "text", "--strict", *_base(case)]
    result = CliRunner().invoke(app, args, env=environ)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


@cache
def _results() -> dict[
    Path, tuple[dict[str, str], subprocess.CompletedProcess[str], dict[str, str]]
]:
    """Every case run once through the CLI, in process."""
    results = {}
    for case in INVALID:
        before = snapshot(case)
        results[case] = (before, check_in_process(case), snapshot(case))
    return results


SAMPLE = INVALID[::8]
"""Every eighth case, which spans the problem codes in their alphabetical order."""


@pytest.mark.parametrize("case", SAMPLE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_real_process_prints_what_the_cli_does(case: Path) -> None:
    before = snapshot(case)
    result = run_check(case, "--format", "text", "--strict", *_base(case), env=_env(case))
    assert_clean_failure(result)
    assert snapshot(case) == before
    in_process = _results()[case][1]
    assert (result.returncode, result.stdout) == (in_process.returncode, in_process.stdout)


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int = 1) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == code, output
    assert "Traceback" not in output
    assert "internal error" not in output


@pytest.mark.parametrize("case", INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cli_reports_every_expected_problem(case: Path) -> None:
    before, result, after = _results()[case]
    assert_clean_failure(result)
    lines = result.stdout.splitlines()
    for expected in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        rel, line, col, code = expected.replace(": ", ":").split(":")
        where = f"{case}/{rel}:{line}:{col}: "
        assert any(x.startswith(where) and x.endswith(f"[{code}]") for x in lines), (
            expected,
            result.stdout,
        )
    wanted = case / "output.txt"
    if wanted.exists():
        for text in wanted.read_text(encoding="utf-8").splitlines():
            assert text in result.stdout
    assert after == before


def _dataset(root: Path, name: str = "科技型中小企业数量") -> Path:
    (root / "actuals").mkdir(parents=True)
    (root / "targets.yaml").write_text(TARGETS.format(name=name), encoding="utf-8")
    return root


def test_ten_megabyte_string_in_yaml(tmp_path: Path) -> None:
    data = _dataset(tmp_path, "x" * 10_000_000)
    result = run_check(data)
    assert_clean_failure(result)
    assert f"{data}/targets.yaml:10:5: error: targets[0].name: is 10000000 characters" in (
        result.stdout
    )
    assert "[invalid-value]" in result.stdout
    assert len(result.stdout) < 2000  # the string itself is never echoed


def test_ten_megabyte_cell_in_csv(tmp_path: Path) -> None:
    data = _dataset(tmp_path)
    note = "x" * 10_000_000
    (data / "actuals" / "a.csv").write_text(
        f"{HEADER}smes,,2019,48,家,局,2020-01-15,{note}\n", encoding="utf-8"
    )
    result = run_check(data)
    assert_clean_failure(result)
    assert f"{data}/actuals/a.csv:2:30: error: note: is 10000000 characters" in result.stdout
    assert len(result.stdout) < 2000


def test_ten_megabyte_quoted_cell_in_csv(tmp_path: Path) -> None:
    data = _dataset(tmp_path)
    note = "x" * 10_000_000
    (data / "actuals" / "a.csv").write_text(
        f'{HEADER}smes,,2019,48,家,"局",2020-01-15,{note}\n', encoding="utf-8"
    )
    result = run_check(data)
    assert_clean_failure(result)
    assert f"{data}/actuals/a.csv:2:1: error: CSV: field larger than field limit" in result.stdout


def test_ten_megabyte_key(tmp_path: Path) -> None:
    data = _dataset(tmp_path)
    body = 'schema: hitrack/v1\nperiod: "2019"\nvalues: []\n? ' + "k" * 10_000_000 + "\n: 1\n"
    (data / "actuals" / "2019.yaml").write_text(body, encoding="utf-8")
    result = run_check(data)
    assert_clean_failure(result)
    assert f"{data}/actuals/2019.yaml:4:3: error: 'kkk" in result.stdout
    assert "[unknown-field]" in result.stdout
    assert len(result.stdout) < 2000


def test_ten_megabytes_of_brackets(tmp_path: Path) -> None:
    data = _dataset(tmp_path)
    (data / "actuals" / "2019.yaml").write_text("a: " + "[" * 10_000_000, encoding="utf-8")
    result = run_check(data)
    assert_clean_failure(result)
    assert f"{data}/actuals/2019.yaml:1:67: error: the YAML nests deeper than 64" in result.stdout


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("".join(f"k{i}: 1\n" for i in range(30_000)), "unknown-field"),
        ("".join(f"k{i % 15_000}: 1\n" for i in range(30_000)), "duplicate-key"),
    ],
    ids=["unknown-keys", "duplicate-keys"],
)
def test_many_problems_in_one_mapping_stay_linear(tmp_path: Path, body: str, code: str) -> None:
    """Each problem finds its line in constant time (these took a minute when it did not)."""
    data = _dataset(tmp_path)
    (data / "actuals" / "2019.yaml").write_text(body, encoding="utf-8")
    result = run_check(data)
    assert_clean_failure(result)
    # All are found; 100 are listed and one line counts the rest.
    assert result.stdout.count(f"[{code}]") == 101
    more = re.search(r"and ([0-9,]+) more like this", result.stdout)
    assert more is not None and int(more[1].replace(",", "")) >= 15_000 - 100


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root, which can read a file of mode 000")
    data = _dataset(tmp_path)
    actual = data / "actuals" / "2019.yaml"
    actual.write_text("schema: hitrack/v1\n", encoding="utf-8")
    actual.chmod(0)
    try:
        result = run_check(data)
    finally:
        actual.chmod(0o644)
    assert_clean_failure(result)
    assert f"{actual}:0:0: error: cannot read the file: Permission denied [file-unreadable]" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--data", "/nonexistent/hitrack"], {}, "is not a directory"),
        (["--data", __file__], {}, "is not a directory"),
        (["--format", "xml"], {}, "Invalid value"),
        ([], {"HITRACK_MAX_BYTES": "lots"}, "not a positive number"),
    ],
)
def test_wrong_invocation_exits_2(
    tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    data = _dataset(tmp_path)
    environ = {**os.environ, "NO_COLOR": "1", "HITRACK_NO_CACHE": "1", **env}
    result = subprocess.run(
        [sys.executable, "-m", "hitrack", "check", "--data", str(data), *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
    )
    assert_clean_failure(result, 2)
    assert message in result.stderr
