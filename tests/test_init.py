"""`hitrack init`: a fresh repository checks clean at once; existing files stay byte for byte;
and the CI files shipped with hitrack are the ones `init` writes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from conftest import ROOT, load
from hitrack.cli import app
from hitrack.commands import check as check_cmd
from hitrack.commands import init as init_cmd
from hitrack.load.datadir import DataDir


def init(directory: Path) -> Any:
    return CliRunner().invoke(app, ["init", str(directory), "--lang", "en"])


def test_fresh_directory_passes_check(tmp_path: Path) -> None:
    root = tmp_path / "tracking"
    result = init(root)
    assert result.exit_code == 0, result.stderr
    expected = [path for path, _ in init_cmd.plan_files()]
    assert [line.split(": ", 1)[1] for line in result.stdout.splitlines()[:-1]] == [
        f"{root}/{path}" for path in expected
    ]
    assert all((root / path).is_file() for path in expected)
    dataset, problems = load(root / "data")
    assert problems == []
    assert dataset is not None and dataset.platforms is not None and dataset.actuals
    assert dataset.actuals[0][1].sample  # the example value says it is one
    check = CliRunner().invoke(app, ["check", "--data", str(root / "data")])
    assert check.exit_code == 0, check.stdout


def test_every_year_checks_clean(tmp_path: Path) -> None:
    for year in (2019, 2030):
        root = tmp_path / str(year)
        assert init_cmd.init(str(root), "en", start=year).code == 0
        assert (root / "data" / "actuals" / f"{year}.yaml").is_file()
        outcome = check_cmd.check(DataDir(root / "data"), "text", strict=True, lang="en")
        assert outcome.code == 0, outcome.stdout


def test_existing_files_are_left_byte_for_byte(tmp_path: Path) -> None:
    root = tmp_path / "tracking"
    (root / "data").mkdir(parents=True)
    own = {
        "README.md": b"# mine\r\n\xef\xbb\xbfkeep\n",
        "data/targets.yaml": b"schema: hitrack/v1 # my own, even if broken\n",
    }
    for path, content in own.items():
        (root / path).write_bytes(content)
    (root / ".pre-commit-config.yaml").symlink_to(tmp_path / "nowhere")  # dangling
    result = init(root)
    assert result.exit_code == 0
    for path, content in own.items():
        assert (root / path).read_bytes() == content
    assert (root / ".pre-commit-config.yaml").is_symlink()
    assert not (tmp_path / "nowhere").exists()
    # The data skeleton comes as a group: no example actual beside someone's own targets.
    assert not (root / "data" / "platforms.yaml").exists()
    assert not (root / "data" / "actuals").exists()
    assert (root / ".github" / "workflows" / "data-check.yml").is_file()
    skipped = [line for line in result.stdout.splitlines() if line.startswith("exists")]
    assert len(skipped) == 5


def test_nothing_to_create_exits_1(tmp_path: Path) -> None:
    assert init(tmp_path).exit_code == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    again = init(tmp_path)
    assert again.exit_code == 1
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_file_in_the_way_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert init(tmp_path / "file").exit_code == 2
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / ".github").write_text("not a directory")
    result = init(tmp_path / "repo")
    assert result.exit_code == 2
    assert result.stderr.startswith("hitrack: init: cannot write ")


def test_the_example_workflow_is_what_init_writes() -> None:
    shipped = (ROOT / "examples" / "ci" / "github-data-check.yml").read_text(encoding="utf-8")
    assert shipped == init_cmd.render_template("github-data-check.yml", 2026)
    workflow = yaml.safe_load(shipped)
    assert workflow["permissions"] == {"contents": "read"}
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any(run.startswith("hitrack check") for run in runs)
    assert any("hitrack diff" in run and "GITHUB_STEP_SUMMARY" in run for run in runs)
    assert all("${{" not in run for run in runs)  # expressions go through env, never the script


def test_templates_leave_no_placeholder() -> None:
    for path, content in init_cmd.plan_files(2024):
        assert not re.search(r"@[a-z]+@", content), path


def test_gitlab_example_and_pre_commit_hook() -> None:
    gitlab = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-data-check.yml").read_text())
    job = gitlab["data-check"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format gitlab" in line for line in job["script"])
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["id"] == "hitrack-check"
    assert hooks[0]["pass_filenames"] is False


def _hitrack_lines(script: str) -> list[list[str]]:
    import shlex

    return [shlex.split(line) for line in script.splitlines() if line.startswith("hitrack ")]


def test_the_publishing_workflow_builds_the_site_from_what_init_writes(tmp_path: Path) -> None:
    """Runs the workflow's own hitrack command lines in a new repository, as the job would."""
    import subprocess
    import sys

    shipped = (ROOT / "examples" / "ci" / "github-publish-site.yml").read_text(encoding="utf-8")
    assert shipped == init_cmd.render_template("github-publish-site.yml", 2026)
    workflow = yaml.safe_load(shipped)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["build"]["steps"]
    assert all("${{" not in step.get("run", "") for step in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    commands = [c for step in steps for c in _hitrack_lines(step.get("run", ""))]
    assert [c[1] for c in commands] == ["check", "site"]  # nothing is built from bad data
    assert init(tmp_path).exit_code == 0
    for command in commands:
        done = subprocess.run(
            [sys.executable, "-m", "hitrack", *command[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "HITRACK_NO_CACHE": "1", "NO_COLOR": "1"},
            check=False,
        )
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert (tmp_path / upload["with"]["path"] / "index.html").is_file()
    # GitLab's pages job does the same into public/
    gitlab = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-data-check.yml").read_text())
    pages = gitlab["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert [shlex_line[1] for shlex_line in _hitrack_lines("\n".join(pages["script"]))] == [
        "check",
        "site",
    ]
