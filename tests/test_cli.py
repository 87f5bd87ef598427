"""End to end: the Typer app through CliRunner, and a few runs of the installed `hitrack`.

Every run also asserts that nothing resembling a traceback reaches the user.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import ROOT, target, write_data
from hitrack import __version__
from hitrack.cli import app
from hitrack.core.problems import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Problem, exit_code
from hitrack.engine import checks

DATA = str(ROOT / "data")
CATEGORIES = (
    "innovation-base, industry-institute, alliance, innovation-platform, tech-transfer, "
    "incubator, key-lab, engineering-centre"
)


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def bad_data(tmp_path: Path) -> Path:
    """One error: an actual value for a target that does not exist, on line 5."""
    return write_data(
        tmp_path / "bad", [target()], {"2019": [{"target": "smez", "value": 48, "unit": "家"}]}
    )


# ---------------------------------------------------------------------------- check


def test_check_clean_data() -> None:
    result = run("check", "--data", DATA, "--format", "text", "--lang", "en")
    assert result.exit_code == EXIT_CLEAN
    assert result.stdout == "5 files: no problems\n"
    assert result.stderr == ""


def test_check_text_lists_problems(bad_data: Path) -> None:
    result = run("check", "--data", str(bad_data), "-f", "text", "--lang", "en")
    assert result.exit_code == EXIT_FINDINGS
    first, summary = result.stdout.splitlines()
    assert first.startswith(f"{bad_data}/actuals/2019.yaml:5:3:")
    assert ": error: no target has the id 'smez'; did you mean 'smes'? [unknown-target]" in first
    assert summary == "1 problem (1 error, 0 warnings) in 2 files"


def test_check_text_in_chinese(bad_data: Path) -> None:
    result = run("check", "--data", str(bad_data), "--lang", "zh")
    assert result.exit_code == EXIT_FINDINGS
    assert result.stdout.splitlines()[-1] == "1 个问题（1 个错误，0 个警告）"


def test_check_json(bad_data: Path) -> None:
    result = run("check", "--data", str(bad_data), "--format", "json")
    assert result.exit_code == EXIT_FINDINGS
    document = json.loads(result.stdout)
    assert document["schema"] == "hitrack.check/v1"
    (problem,) = document["problems"]
    assert set(problem) == {"file", "line", "col", "code", "severity", "message"}
    assert (problem["line"], problem["code"], problem["severity"]) == (5, "unknown-target", "error")
    assert problem["file"].endswith("actuals/2019.yaml")
    assert document["summary"] == {"errors": 1, "warnings": 0, "files": 2}


def test_check_json_clean() -> None:
    result = run("check", "--data", DATA, "--format", "json")
    assert result.exit_code == EXIT_CLEAN
    assert json.loads(result.stdout)["problems"] == []


def test_check_github(bad_data: Path) -> None:
    result = run("check", "--data", str(bad_data), "--format", "github", "--lang", "en")
    assert result.exit_code == EXIT_FINDINGS
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::error file={bad_data}/actuals/2019.yaml,line=5,col=3,")
    assert ",title=unknown-target::no target has the id 'smez'" in lines[0]
    # The free-text summary sits between stop-commands markers.
    assert lines[1].startswith("::stop-commands::")
    assert lines[-1] == f"::{lines[1].split('::')[2]}::"


def test_check_auto_is_github_under_actions(
    bad_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("check", "--data", str(bad_data)).stdout.startswith("::error ")
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert not run("check", "--data", str(bad_data)).stdout.startswith("::")


def test_check_bad_data_path(tmp_path: Path) -> None:
    result = run("check", "--data", str(tmp_path / "nowhere"))
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    assert result.stderr == f"hitrack: --data: '{tmp_path / 'nowhere'}' is not a directory\n"


def test_check_bad_data_path_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HITRACK_DATA", str(tmp_path / "nowhere"))
    result = run("check")
    assert result.exit_code == EXIT_USAGE
    assert "HITRACK_DATA" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        # Click 8.2 changed the wording ("No such option: --bogus" before).
        (["check", "--bogus"], r"No such option:? '?--bogus"),
        (["check", "--format", "xml"], "'xml' is not one of"),
        (["platforms", "--level", "galactic"], "'galactic' is not a level; choose from national"),
        (["schema", "budgets"], "'budgets' is not one of"),
    ],
)
def test_bad_option_is_a_usage_error(args: list[str], says: str) -> None:
    result = run(*args)
    assert result.exit_code == EXIT_USAGE
    assert re.search(says, result.stderr), result.stderr
    assert result.stdout == ""


@pytest.fixture
def a_warning(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No rule emits warnings yet: a stand-in rule exercises the --strict plumbing."""

    def warn(ctx: checks.Context) -> Iterator[Problem]:
        yield Problem("targets.yaml", 1, 1, "invalid-value", "a stand-in warning", "warning")

    monkeypatch.setattr(checks, "CHECKS", [*checks.CHECKS, warn])
    yield


@pytest.mark.usefixtures("a_warning")
def test_strict_turns_warnings_into_findings() -> None:
    relaxed = run("check", "--data", DATA, "--lang", "en")
    assert relaxed.exit_code == EXIT_CLEAN
    assert "warning: a stand-in warning [invalid-value]" in relaxed.stdout
    assert "(0 errors, 1 warning)" in relaxed.stdout
    assert run("check", "--data", DATA, "--strict").exit_code == EXIT_FINDINGS


def test_exit_code_policy() -> None:
    warning = Problem("f", 1, 1, "invalid-value", "w", "warning")
    error = Problem("f", 1, 1, "invalid-value", "e")
    assert exit_code([]) == exit_code([], strict=True) == EXIT_CLEAN
    assert exit_code([warning]) == EXIT_CLEAN
    assert exit_code([warning], strict=True) == EXIT_FINDINGS
    assert exit_code([error]) == exit_code([warning, error]) == EXIT_FINDINGS


def test_bundled_data_is_named(chdir_tmp: Path) -> None:
    result = run("check", "--lang", "en")
    assert result.exit_code == EXIT_CLEAN
    assert "using the Benxi High-tech Zone plan bundled with hitrack" in result.stderr


# ------------------------------------------------------------------------ platforms


def test_platforms_table() -> None:
    result = run("platforms", "--data", DATA, "--width", "120", "--lang", "en")
    assert result.exit_code == EXIT_CLEAN
    header = result.stdout.splitlines()[0].split()
    assert header == ["ID", "Name", "Category", "Level", "Status", "Host"]
    assert "ln-glycodrug-lab" in result.stdout
    assert result.stderr == ""


def test_platforms_table_in_chinese() -> None:
    result = run("platforms", "--data", DATA, "--width", "120", "--lang", "zh")
    assert result.stdout.splitlines()[0].split() == [
        "编号",
        "名称",
        "类别",
        "级别",
        "状态",
        "依托单位",
    ]
    assert "合计" in result.stdout


def test_platforms_json_filtered() -> None:
    result = run(
        "platforms", "--data", DATA, "-f", "json", "--category", "key-lab", "--status", "built"
    )
    assert result.exit_code == EXIT_CLEAN
    items = json.loads(result.stdout)
    assert len(items) == 5
    assert {(i["category"], i["status"], i["level"]) for i in items} == {
        ("key-lab", "built", "provincial")
    }
    assert {"id": "ln-glycodrug-lab", "host": ["上海绿谷（本溪）制药有限公司"]}.items() <= next(
        i for i in items if i["id"] == "ln-glycodrug-lab"
    ).items()


def test_platforms_json_by_level() -> None:
    items = json.loads(run("platforms", "--data", DATA, "-f", "json", "--level", "national").stdout)
    assert sorted(i["category"] for i in items) == [
        "engineering-centre",
        "incubator",
        "tech-transfer",
    ]


def test_platforms_markdown() -> None:
    result = run("platforms", "--data", DATA, "-f", "markdown", "--status", "planned")
    assert result.exit_code == EXIT_CLEAN
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| ID ")
    statuses = [line.split("|")[5].strip() for line in lines if line.startswith("| ")]
    assert statuses.count("planned") == 3
    assert lines[-1].split("|")[-2].strip() == "3"  # the total


def test_platforms_unknown_category() -> None:
    result = run("platforms", "--data", DATA, "--category", "labs")
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    assert result.stderr == (
        f"hitrack: --category: 'labs' is not a category; choose from {CATEGORIES}\n"
    )


def test_platforms_without_register(tmp_path: Path) -> None:
    result = run("platforms", "--data", str(write_data(tmp_path, [target()])))
    assert result.exit_code == EXIT_USAGE
    assert "no platforms.yaml" in result.stderr


def test_platforms_on_bad_data(bad_data: Path) -> None:
    result = run("platforms", "--data", str(bad_data))
    assert result.exit_code == EXIT_FINDINGS
    assert "[unknown-target]" in result.stderr
    assert result.stdout == ""


def test_platforms_bundled_note(chdir_tmp: Path) -> None:
    result = run("platforms", "--lang", "zh", "-f", "json")
    assert result.exit_code == EXIT_CLEAN
    assert "自带的本溪高新区规划数据" in result.stderr
    assert len(json.loads(result.stdout)) == 47


# --------------------------------------------------------------- schema, version


@pytest.mark.parametrize(
    ("which", "field"), [("targets", "targets"), ("platforms", "platforms"), ("actuals", "values")]
)
def test_schema(which: str, field: str) -> None:
    result = run("schema", which)
    assert result.exit_code == EXIT_CLEAN
    document = json.loads(result.stdout)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"].endswith(f"/{which}.json")
    assert field in document["properties"]
    assert field in document["required"]


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == EXIT_CLEAN
    assert result.stdout == f"hitrack {__version__}\n"


def test_help_names_every_command() -> None:
    result = run("--help")
    assert result.exit_code == EXIT_CLEAN
    for name in ("check", "status", "platforms", "schema"):
        assert name in result.stdout


# ------------------------------------------------------- the installed program


def installed() -> str:
    path = Path(sys.executable).parent / "hitrack"
    if not path.exists():
        pytest.skip("no hitrack script beside this Python")
    return str(path)


def spawn(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert "Traceback" not in done.stderr
    return done


def test_installed_check_clean() -> None:
    done = spawn(installed(), "check", "--data", DATA, "--lang", "en")
    assert (done.returncode, done.stdout, done.stderr) == (0, "5 files: no problems\n", "")


def test_installed_check_findings(bad_data: Path) -> None:
    done = spawn(installed(), "check", "--data", str(bad_data), "--format", "json")
    assert done.returncode == EXIT_FINDINGS
    assert json.loads(done.stdout)["problems"][0]["code"] == "unknown-target"


def test_installed_usage_errors(tmp_path: Path) -> None:
    done = spawn(installed(), "check", "--data", str(tmp_path / "nowhere"))
    assert (done.returncode, done.stdout) == (EXIT_USAGE, "")
    assert "is not a directory" in done.stderr
    done = spawn(installed(), "platforms", "--width", "7")
    assert done.returncode == EXIT_USAGE
    assert "--width" in done.stderr


def test_module_runs() -> None:
    done = spawn(sys.executable, "-m", "hitrack", "--version")
    assert (done.returncode, done.stdout) == (0, f"hitrack {__version__}\n")
    done = spawn(sys.executable, "-m", "hitrack", "platforms", "--data", DATA, "-f", "json")
    assert done.returncode == 0
    assert len(json.loads(done.stdout)) == 47


def test_installed_unreadable_data_is_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "targets.yaml").write_bytes(b"\xff\xfe" + "计划".encode("utf-16-le"))
    done = spawn(installed(), "check", "--data", str(tmp_path), "--lang", "en")
    assert done.returncode == EXIT_FINDINGS
    assert "[encoding]" in done.stdout


def test_schema_documents_every_field_and_validation_does_not_pay_for_it() -> None:
    from hitrack.commands import schema as schema_cmd
    from hitrack.core import model

    document = json.loads(schema_cmd.schema("targets").stdout)
    target = document["$defs"]["Target"]["properties"]
    assert target["quote"]["description"].startswith("The exact sentence of the source")
    assert "use_attribute_docstrings" not in model._Record.__pydantic_config__


def test_one_clean_file_is_one_file(tmp_path: Path) -> None:
    from conftest import target, write_data

    data = write_data(tmp_path, [target()])
    result = run("check", "--data", str(data), "--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "1 file: no problems\n")


def test_the_cli_builds_only_the_command_named() -> None:
    """`hitrack status ...` builds the status command alone; every other line (no command,
    an option first, a mistyped command) builds them all, so that help lists every one."""
    import typer.main

    from hitrack import cli

    names = [
        info.name or typer.main.get_command_name(info.callback.__name__)
        for info in cli.app.registered_commands
        if info.callback is not None
    ]
    assert {"status", "check", "import", "report"} <= set(names)
    for name in names:
        built = typer.main.get_command(cli._named_only(cli.app, [name, "--help"]))
        assert list(built.commands) == [name]  # type: ignore[attr-defined]
    for line in ([], ["--lang", "zh", "status"], ["statsu"], ["--help"]):
        assert cli._named_only(cli.app, line) is cli.app
    assert len(cli.app.registered_commands) == len(names)  # the app itself is untouched
