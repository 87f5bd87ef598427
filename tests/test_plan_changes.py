"""A change to the plan itself (targets, thresholds, platforms, the source document) is told
apart from a data update: `diff` says so loudly, `check --base` warns."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import target, write_data
from hitrack.cli import app
from test_diff import commit, git, repo  # noqa: F401 - `repo` is a fixture

TEXT = "科技型中小企业数量突破55家。科技型中小企业数量突破50家。\n"


def check(*args: str) -> Any:
    return CliRunner().invoke(app, ["check", "--data", "data", *args])


def diff(*args: str) -> Any:
    return CliRunner().invoke(app, ["diff", "--rev", *args])


def sourced(root: Path, quote: str = "科技型中小企业数量突破55家", value: int = 55) -> None:
    shutil.rmtree(root, ignore_errors=True)
    pin = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    actuals = {"2019": [{"target": "smes", "value": 47, "unit": "家"}]}
    plan = {"source": "plan.txt", "source_sha256": pin}
    write_data(root, [target(quote=quote, value=value)], actuals, plan=plan)
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / "plan.txt").write_text(TEXT, encoding="utf-8")


def test_a_data_update_is_not_a_plan_change(repo: Path) -> None:  # noqa: F811
    sourced(repo / "data")
    commit(repo, "sourced")
    actuals = repo / "data" / "actuals" / "2019.yaml"
    actuals.write_text(actuals.read_text(encoding="utf-8").replace("47", "52"), encoding="utf-8")
    result = check("--strict", "--base", "HEAD")
    assert result.exit_code == 0, result.stdout
    shown = diff("HEAD", "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert document["edits_plan"] is False and document["actuals"]
    assert "edits the plan" not in diff("HEAD").stdout


def test_a_lowered_target_is_a_plan_change(repo: Path) -> None:  # noqa: F811
    sourced(repo / "data")
    commit(repo, "sourced")
    sourced(repo / "data", quote="科技型中小企业数量突破50家", value=50)
    lines = (repo / "data" / "targets.yaml").read_text(encoding="utf-8").splitlines()
    result = check("--strict", "--base", "HEAD", "--format", "github")
    assert result.exit_code == 1  # a warning, and --strict
    (annotation,) = [line for line in result.stdout.splitlines() if "plan-changed" in line]
    assert annotation.startswith("::warning file=data/targets.yaml,line=")
    line = int(annotation.split("line=")[1].split(",")[0])
    assert lines[line - 1].lstrip().startswith("- id: smes")
    assert "this change edits the plan, not only the data" in annotation
    assert "1 target added, changed or removed (smes)" in annotation
    assert check("--base", "HEAD").exit_code == 0  # without --strict: a warning only
    chinese = check("--base", "HEAD", "--lang", "zh").stdout
    assert (
        "此变更修改了规划本身，而不只是数据：1 项目标有增加、修改或删除（smes）（与 HEAD ("
        in chinese
    )
    text = diff("HEAD")
    assert "!! This change edits the plan, not only the data: 1 target." in text.stdout
    zh = diff("HEAD", "--lang", "zh")
    assert "！！此变更修改了规划本身，而不仅是数据：1 个目标。" in zh.stdout
    markdown = diff("HEAD", "--format", "markdown").stdout
    assert "> [!WARNING]\n> **!! This change edits the plan" in markdown


def test_a_changed_source_and_pin_is_a_plan_change(repo: Path) -> None:  # noqa: F811
    """The pull request edits the source, the quote and the pin together: every check of
    the data passes, and the change is still called out."""
    sourced(repo / "data")
    commit(repo, "sourced")
    edited = TEXT.replace("55", "40")
    (repo / "data" / "sources" / "plan.txt").write_text(edited, encoding="utf-8")
    targets = repo / "data" / "targets.yaml"
    pin = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    new_pin = hashlib.sha256(edited.encode("utf-8")).hexdigest()
    text = targets.read_text(encoding="utf-8").replace(pin, new_pin)
    targets.write_text(text.replace("突破55家", "突破40家").replace("55", "40"), encoding="utf-8")
    result = check("--strict", "--base", "HEAD", "--format", "text")
    assert result.exit_code == 1
    warned = [line for line in result.stdout.splitlines() if "[plan-changed]" in line]
    assert any("plan fields plan.source_sha256 differ" in line for line in warned)
    assert any("the source document differs" in line for line in warned)
    shown = json.loads(diff("HEAD", "--format", "json").stdout)
    assert shown["edits_plan"] is True
    assert shown["sources"][0]["field"] == "source document"
    assert new_pin[:16] in shown["sources"][0]["after"]


def test_deleting_the_source_fails_strict(repo: Path) -> None:  # noqa: F811
    sourced(repo / "data")
    commit(repo, "sourced")
    (repo / "data" / "sources" / "plan.txt").unlink()
    result = check("--strict")
    assert result.exit_code == 1
    assert "[source-untraced]" in result.stdout


def test_check_base_errors(repo: Path) -> None:  # noqa: F811
    result = check("--base", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr == (
        "hitrack: check --base: unknown revision 'no-such-branch' (try `git log --oneline`)\n"
    )
    git(repo, "status")  # the repository is left as it was


def test_check_base_can_be_a_directory(tmp_path: Path) -> None:
    sourced(tmp_path / "old")
    sourced(tmp_path / "data", quote="科技型中小企业数量突破50家", value=50)
    result = CliRunner().invoke(
        app, ["check", "--data", str(tmp_path / "data"), "--base", str(tmp_path / "old")]
    )
    assert result.exit_code == 0
    assert "warning: this change edits the plan, not only the data: 1 target added" in result.stdout
    missing = CliRunner().invoke(app, ["check", "--data", str(tmp_path / "data"), "--base", "./x"])
    assert missing.exit_code == 2
    assert missing.stderr == "hitrack: check --base: './x' is not a directory\n"


def test_a_base_without_the_data_directory_makes_all_of_it_new(repo: Path) -> None:  # noqa: F811
    (repo / "other").mkdir()
    write_data(repo / "other", [target()])
    result = CliRunner().invoke(app, ["check", "--data", "other", "--base", "HEAD"])
    assert result.exit_code == 0
    assert "the base has no data directory: all of it is new" in result.stdout
    assert "[plan-changed]" in result.stdout


def test_git_errors_in_both_languages(repo: Path) -> None:  # noqa: F811
    sourced(repo / "data")
    commit(repo, "sourced")
    english = check("--base", "no-such-rev", "--lang", "en")
    assert english.exit_code == 2
    assert "unknown revision 'no-such-rev' (try `git log --oneline`)" in english.stderr
    chinese = check("--base", "no-such-rev", "--lang", "zh")
    assert "未知版本 'no-such-rev'（可运行 `git log --oneline` 查看）" in chinese.stderr
    assert "未知版本" in diff("no-such-rev", "--lang", "zh").stderr
