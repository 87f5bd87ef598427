"""The conventions people expect of a command-line tool: colour variables, LANGUAGE,
`-o -`, plurals, completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import target, write_data
from hitrack.cli import app
from hitrack.i18n import default_lang
from hitrack.render.problems import _summary
from hitrack.render.terminal import wants_color


@pytest.mark.parametrize(
    ("environ", "terminal", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # no-color.org: only a non-empty value counts
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, False, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    ],
)
def test_colour_follows_no_color_and_force_color(
    environ: dict[str, str], terminal: bool, expected: bool
) -> None:
    assert wants_color(environ, terminal) is expected


def test_force_color_colours_a_pipe() -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "HITRACK_NO_CACHE": "1", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "hitrack", "status", "--lang", "en"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        cwd=Path(__file__).parent,
    )
    assert "\x1b[" in done.stdout


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LANGUAGE": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "zh_CN", "LANG": "C"}, "en"),  # gettext ignores LANGUAGE under C
        ({"LANGUAGE": "", "LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US"}, "zh"),
        ({}, "en"),
    ],
)
def test_language_is_chosen_as_gettext_does(environ: dict[str, str], expected: str) -> None:
    assert default_lang(environ) == expected


def test_dash_output_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["report", "-o", "-", "--lang", "en"], ["export", "-o", "-"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.stderr
        assert result.stdout
        assert not (tmp_path / "-").exists()
    report = CliRunner().invoke(app, ["report", "-o", "-", "--lang", "en"])
    assert report.stdout.startswith("# Plan progress report")


def test_summary_says_one_problem_and_no_zero_files() -> None:
    from hitrack.core.problems import Problem

    one = [Problem("a.yaml", 1, 1, "unknown-target", "x")]
    assert _summary(one, 1, "en") == "1 problem (1 error, 0 warnings) in 1 file"
    two = [*one, Problem("a.yaml", 2, 1, "unread-file", "y", "warning")]
    assert _summary(two, 3, "en") == "2 problems (1 error, 1 warning) in 3 files"
    assert _summary(one, 0, "en") == "1 problem (1 error, 0 warnings)"


def test_check_of_a_bad_data_directory_does_not_say_zero_files(tmp_path: Path) -> None:
    data = write_data(tmp_path / "d", [target()], {})
    (data / "targets.yaml").write_text("schema: [", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--data", str(data)])
    assert result.exit_code == 1
    assert "in 0 files" not in result.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("cache", ["0", "1"])
def test_completion_scripts_for_bash_zsh_and_fish(shell: str, cache: str, tmp_path: Path) -> None:
    """The script a shell sources, also when the replay cache is on (it must not answer)."""
    script = Path(sys.executable).parent / "hitrack"
    env = {**os.environ, "HITRACK_CACHE_DIR": str(tmp_path), "HITRACK_NO_CACHE": cache}
    if cache == "0":
        env.pop("HITRACK_NO_CACHE")
        subprocess.run([script], capture_output=True, env=env, check=False)  # remembered
    env["_HITRACK_COMPLETE"] = f"source_{shell}"
    done = subprocess.run([script], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert "_HITRACK_COMPLETE=complete_" in done.stdout
