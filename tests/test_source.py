"""Quotes traced to the plan's source document (plan.source), and what happens without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import codes, load, target, write_data
from hitrack import commands, source
from hitrack.datadir import DataDir

TEXT = "到2020年，科技型中小企业数量突\n破55家。2018年\u3000科技型中小企业30家。\n"


def plan_with_source(root: Path, quote: str = "科技型中小企业数量突破55家", **kw: object) -> Path:
    return write_data(root, [target(quote=quote, **kw)], plan={"source": "plan.txt"})


def test_quote_wrapped_in_the_source_is_found(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data")
    (data / "sources").mkdir()
    (data / "sources" / "plan.txt").write_text(TEXT, encoding="utf-8")
    assert load(data)[1] == []


def test_edited_quote_is_reported_with_its_line(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data", quote="科技型中小企业数量超过55家")
    (data / "sources").mkdir()
    (data / "sources" / "plan.txt").write_text(TEXT, encoding="utf-8")
    problems = load(data)[1]
    assert codes(problems) == ["quote-not-in-source"]
    (problem,) = problems
    lines = (data / "targets.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip().startswith("quote:")
    assert "plan.txt" in problem.message
    assert "'科技型中小企业数量'" in problem.message  # the part that matched
    assert "'超过55家'" in problem.message  # where it stops matching


def test_source_beside_the_data_directory(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data", quote="科技型中小企业数量突破56家", value=56)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "plan.txt").write_text(TEXT, encoding="utf-8")
    assert codes(load(data)[1]) == ["quote-not-in-source"]


def test_baseline_and_platform_quotes_are_traced(tmp_path: Path) -> None:
    baseline = {"value": 30, "period": "2018", "quote": "2018年科技型中小企业31家"}
    platforms = {
        "categories": [{"id": "key-lab", "name": "重点实验室"}],
        "platforms": [
            {
                "id": "lab-a",
                "name": "某实验室",
                "category": "key-lab",
                "level": "provincial",
                "status": "built",
                "quote": "某实验室",
            }
        ],
    }
    data = write_data(
        tmp_path / "data",
        [target(baseline=baseline)],
        platforms=platforms,
        plan={"source": "plan.txt"},
    )
    (data / "sources").mkdir()
    (data / "sources" / "plan.txt").write_text(TEXT, encoding="utf-8")
    problems = load(data)[1]
    # The baseline's 30 is not in its (edited) quote either: both rules speak.
    assert sorted((p.file.rsplit("/", 1)[-1], p.code) for p in problems) == [
        ("platforms.yaml", "quote-not-in-source"),
        ("targets.yaml", "number-not-in-quote"),
        ("targets.yaml", "quote-not-in-source"),
    ]


def test_missing_source_is_no_problem_but_a_note(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data", quote="科技型中小企业数量突破55家（改）")
    assert load(data)[1] == []
    outcome = commands.check(DataDir(data), "text", strict=False, lang="en")
    assert outcome.code == 0
    assert "not traced" in outcome.stderr and "plan.txt" in outcome.stderr
    zh = commands.check(DataDir(data), "text", strict=False, lang="zh")
    assert "未能核对引文" in zh.stderr


def test_no_note_when_the_plan_names_no_source(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", [target()])
    outcome = commands.check(DataDir(data), "text", strict=False, lang="en")
    assert outcome.stderr == ""


def test_source_that_is_not_utf8_is_not_traced(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data", quote="科技型中小企业数量突破55家（改）")
    (data / "sources").mkdir()
    (data / "sources" / "plan.txt").write_bytes(TEXT.encode("gbk"))
    assert load(data)[1] == []
    outcome = commands.check(DataDir(data), "text", strict=False, lang="en")
    assert "not UTF-8" in outcome.stderr


def test_source_path_is_refused(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", [target()], plan={"source": "../../etc/passwd"})
    problems = load(data)[1]
    assert codes(problems) == ["invalid-value"]
    assert "file name" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_source_linked_outside_its_folder_is_not_read(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data", quote="科技型中小企业数量突破55家（改）")
    (data / "sources").mkdir()
    (tmp_path / "elsewhere.txt").write_text(TEXT, encoding="utf-8")
    (data / "sources" / "plan.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert load(data)[1] == []
    outcome = commands.check(DataDir(data), "text", strict=False, lang="en")
    assert "outside" in outcome.stderr


def test_first_difference() -> None:
    assert source.first_difference("abcx", "zzabcd") == 3
    assert source.first_difference("x", "abc") == 0
    assert source.first_difference("abc", "abc") == 3
    assert source.compact(" a\tb\u3000c\n") == "abc"
