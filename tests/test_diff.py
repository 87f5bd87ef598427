"""`hitrack diff`: the pure comparison, and the command on a git repository with two commits,
on two directories, and outside any repository."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import load_ok, target, write_data
from hitrack.cli import app
from hitrack.engine import datadiff

PLATFORMS: dict[str, Any] = {
    "categories": [{"id": "lab", "name": "重点实验室"}],
    "platforms": [
        {
            "id": "lab-a",
            "name": "甲实验室",
            "category": "lab",
            "level": "provincial",
            "status": "built",
        }
    ],
}
RD = target(
    id="rd-spend",
    name="R&D经费支出",
    name_en="R&D spending",
    value=6,
    unit="亿元",
    comparator="gte",
    quote="R&D经费支出达到6亿元",
)


def base_data(root: Path) -> Path:
    actuals = {
        "2018": [
            {"target": "smes", "value": 40, "unit": "家"},
            {"target": "rd-spend", "value": 3, "unit": "亿元"},
        ],
        "2019": [
            {"target": "smes", "value": 47, "unit": "家"},
            {"target": "rd-spend", "value": 4.2, "unit": "亿元"},
        ],
    }
    return write_data(root, [target(), RD], actuals, PLATFORMS)


def head_data(root: Path) -> Path:
    """rd-spend's 2019 figure revised, a 2020 figure added, one target and one platform added."""
    actuals = {
        "2018": [
            {"target": "smes", "value": 40, "unit": "家"},
            {"target": "rd-spend", "value": 3, "unit": "亿元"},
        ],
        "2019": [
            {"target": "smes", "value": 47, "unit": "家"},
            {"target": "rd-spend", "value": 5.1, "unit": "亿元"},
        ],
    }
    platforms = {
        **PLATFORMS,
        "platforms": [
            *PLATFORMS["platforms"],
            {
                "id": "lab-b",
                "name": "乙实验室",
                "category": "lab",
                "level": "national",
                "status": "planned",
            },
        ],
    }
    new = target(
        id="patents",
        name="发明专利",
        name_en="Patents",
        value=10,
        unit="件",
        quote="发明专利突破10件",
    )
    return write_data(root, [target(), RD, new], actuals, platforms)


# ------------------------------------------------------------------------ pure comparison


def test_compute_diff_lists_changes_and_effects(tmp_path: Path) -> None:
    before = load_ok(base_data(tmp_path / "a"))
    after = load_ok(head_data(tmp_path / "b"))
    diff = datadiff.compute_diff(before, after)
    assert [(c.change, c.key) for c in diff.targets] == [("added", "patents")]
    assert [(c.change, c.key, c.fields) for c in diff.actuals] == [
        ("changed", "2019 rd-spend", (datadiff.FieldChange("value", "4.2", "5.1"),))
    ]
    assert [(c.change, c.record, c.key) for c in diff.platforms] == [("added", "platform", "lab-b")]
    effects = {e.target_id: e for e in diff.effects}
    assert sorted(effects) == ["patents", "rd-spend"]  # smes is untouched and did not move
    rd = effects["rd-spend"]
    assert rd.before is not None and rd.after is not None
    assert (str(rd.before.actual), str(rd.after.actual)) == ("4.2", "5.1")
    assert str(rd.before.gap) == "1.8" and str(rd.after.gap) == "0.9"
    assert effects["patents"].before is None


def test_identical_datasets_have_an_empty_diff(tmp_path: Path) -> None:
    dataset = load_ok(base_data(tmp_path / "a"))
    assert datadiff.compute_diff(dataset, dataset).empty


def test_removed_records_keep_their_place() -> None:
    assert datadiff._union_order(["a", "b", "c", "d"], ["a", "c", "e"]) == ["a", "b", "c", "d", "e"]
    assert datadiff._union_order(["x", "a"], ["a"]) == ["x", "a"]


def test_same_value_written_differently_is_no_change() -> None:
    from decimal import Decimal

    assert datadiff.show(Decimal("5.10")) == datadiff.show(Decimal("5.1")) == "5.1"
    assert datadiff.show(Decimal("100")) == "100"


# ------------------------------------------------------------------------ the command


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["diff", *args])


def test_two_directories(tmp_path: Path) -> None:
    a, b = base_data(tmp_path / "a"), head_data(tmp_path / "b")
    result = run(str(a), str(b), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "R&D经费支出: 4.2 → 5.1亿元 *, 还差 1.8 → 0.9, 按计划" in result.stdout
    assert "  ~ 实际 2019 rd-spend R&D经费支出: value: 4.2 → 5.1" in result.stdout
    assert "  + 目标 patents 发明专利" in result.stdout
    assert "  + 平台 lab-b 乙实验室" in result.stdout
    english = run(str(a), str(b), "--lang", "en").stdout
    assert "R&D spending: 4.2 → 5.1亿元 *, 1.8 → 0.9 to go, on track" in english


def test_json_has_schema_and_exact_decimals(tmp_path: Path) -> None:
    a, b = base_data(tmp_path / "a"), head_data(tmp_path / "b")
    document = json.loads(run(str(a), str(b), "--format", "json").stdout)
    assert document["schema"] == "hitrack.diff/v1"
    rd = next(e for e in document["effects"] if e["id"] == "rd-spend")
    assert (rd["before"]["actual"], rd["after"]["actual"]) == ("4.2", "5.1")
    assert (rd["before"]["gap"], rd["after"]["gap"]) == ("1.8", "0.9")
    assert document["actuals"][0]["fields"] == [{"field": "value", "before": "4.2", "after": "5.1"}]


def test_markdown_is_a_summary_with_tables(tmp_path: Path) -> None:
    a, b = base_data(tmp_path / "a"), head_data(tmp_path / "b")
    text = run(str(a), str(b), "--format", "markdown").stdout
    assert text.startswith("### hitrack diff: ")
    assert "#### Effect on targets" in text and "#### Changes" in text
    assert "| R&D spending" in text


def test_no_changes(tmp_path: Path) -> None:
    a = base_data(tmp_path / "a")
    result = run(str(a), str(a))
    assert result.exit_code == 0
    assert "No changes to the data." in result.stdout


def test_a_side_with_errors_is_reported(tmp_path: Path) -> None:
    a = base_data(tmp_path / "a")
    b = write_data(tmp_path / "b", [target(value=99)])  # 99 is not in the quote
    result = run(str(a), str(b))
    assert result.exit_code == 1
    assert f"hitrack: diff: {b} has errors:" in result.stderr
    assert "[number-not-in-quote]" in result.stderr


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    data = base_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = run("HEAD~1", "--data", str(data))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "is not inside a git repository" in result.stderr
    assert run("--data", str(data)).exit_code == 2


# ------------------------------------------------------------------------ a git repository


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits on main: the base data, then the head data."""
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    base_data(root / "data")
    commit(root, "base")
    git(root, "tag", "v1")
    for path in (root / "data").rglob("*.yaml"):
        path.unlink()
    head_data(root / "data")
    commit(root, "head")
    monkeypatch.chdir(root)
    return root


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True)
    return done.stdout.decode()


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", message)


def test_two_commits(repo: Path) -> None:
    result = run("HEAD~1", "HEAD", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    first = git(repo, "rev-parse", "HEAD~1")[:12]
    assert result.stdout.startswith(f"hitrack diff: HEAD~1 ({first}) → HEAD (")
    assert "R&D经费支出: 4.2 → 5.1亿元 *, 还差 1.8 → 0.9, 按计划" in result.stdout
    assert "+ 目标 patents" in result.stdout


def test_working_tree_against_a_tag(repo: Path) -> None:
    actuals = repo / "data" / "actuals" / "2019.yaml"
    actuals.write_text(actuals.read_text(encoding="utf-8").replace("5.1", "6.3"), encoding="utf-8")
    result = run("v1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["head"]["name"] == "working tree"
    rd = next(e for e in document["effects"] if e["id"] == "rd-spend")
    assert (rd["after"]["actual"], rd["after"]["status"]) == ("6.3", "achieved")


def test_default_base_is_the_merge_base_with_main(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature", "HEAD~1")
    head_data(repo / "data")
    commit(repo, "feature")
    result = run("--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    merge_base = git(repo, "merge-base", "HEAD", "main")[:12]
    assert document["base"]["name"] == f"merge-base(main) ({merge_base})"
    # Against main's tip (which made the same change) there would be nothing to show.
    assert [e["id"] for e in document["effects"]] == ["rd-spend", "patents"]


def test_unknown_and_option_like_revisions(repo: Path) -> None:
    unknown = run("no-such-branch")
    assert unknown.exit_code == 2
    assert (
        unknown.stderr
        == "hitrack: diff: unknown revision 'no-such-branch' (try `git log --oneline`)\n"
    )
    sneaky = run("--", "--output=/tmp/hitrack-should-not-exist")
    assert sneaky.exit_code == 2
    assert "is not a revision name" in sneaky.stderr
    assert not Path("/tmp/hitrack-should-not-exist").exists()


def test_errors_at_a_revision_name_the_revision(repo: Path) -> None:
    (repo / "data" / "targets.yaml").write_text("schema: [", encoding="utf-8")
    commit(repo, "broken")
    result = run("HEAD~1", "HEAD")
    assert result.exit_code == 1
    assert "HEAD:data/targets.yaml:" in result.stderr


def test_markdown_sums_up_a_bulk_change() -> None:
    from hitrack.render.diff import MARKDOWN_ROWS, DiffReport, MarkdownFormat

    changes = tuple(
        datadiff.Change("added", "actual", f"2019 t{n}", "名" * 1000, ()) for n in range(600)
    )
    diff = datadiff.DataDiff((), (), changes, (), (), "2019", "2019")
    text = MarkdownFormat().render(DiffReport(diff, "a", "b"), "en")
    assert f"{600 - MARKDOWN_ROWS} more changes not listed" in text
    assert text.count("| \\+ ") == MARKDOWN_ROWS
    assert len(text.encode("utf-8")) < 1024 * 1024


def test_a_plan_change_lists_the_targets_it_moves(tmp_path: Path) -> None:
    before = load_ok(base_data(tmp_path / "a"))
    strict = write_data(
        tmp_path / "b",
        [target(), RD],
        {
            "2018": [
                {"target": "smes", "value": 40, "unit": "家"},
                {"target": "rd-spend", "value": 3, "unit": "亿元"},
            ],
            "2019": [
                {"target": "smes", "value": 47, "unit": "家"},
                {"target": "rd-spend", "value": 4.2, "unit": "亿元"},
            ],
        },
        PLATFORMS,
        thresholds={"on_track": 1.5, "at_risk": 0.5},
    )
    diff = datadiff.compute_diff(before, load_ok(strict))
    assert [f.field for f in diff.plan] == ["thresholds.on_track"]
    moved = {
        e.target_id: (e.before.status, e.after.status) for e in diff.effects if e.before and e.after
    }
    assert moved and all(old != new for old, new in moved.values())


def test_messages_about_arguments_are_escaped(repo: Path) -> None:
    from test_ci_outputs import assert_inert

    for revision in ("##[add-mask]x", "x\n::error::y", "\x1b[31m"):
        result = run(revision)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert_inert(result.stderr.rstrip("\n"))


def test_a_revision_without_the_data_directory(repo: Path) -> None:
    (repo / "other").mkdir()
    result = run("HEAD", "--data", str(repo / "other"))
    assert result.exit_code == 2
    assert "there is no other/ at " in result.stderr
