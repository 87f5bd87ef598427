"""Quotes traced to the plan's source document (plan.source), and what happens without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import codes, load, target, write_data
from hitrack.commands import check as check_cmd
from hitrack.load import source
from hitrack.load.datadir import DataDir

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


def test_source_beside_the_data_directory_is_not_read(tmp_path: Path) -> None:
    """Only `sources/` inside the data directory counts: a folder beside it is outside."""
    data = plan_with_source(tmp_path / "data", quote="科技型中小企业数量突破56家", value=56)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "plan.txt").write_text(TEXT, encoding="utf-8")
    (problem,) = load(data)[1]
    assert (problem.code, problem.severity) == ("source-untraced", "warning")
    assert "not found in sources/" in problem.message


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


def source_line(data: Path, field: str = "source") -> int:
    lines = (data / "targets.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{field}:"))


def test_missing_source_is_a_warning_that_fails_strict(tmp_path: Path) -> None:
    """Deleting the document must not switch tracing off under `check --strict`."""
    data = plan_with_source(tmp_path / "data", quote="科技型中小企业数量突破55家（改）")
    (problem,) = load(data)[1]
    assert (problem.code, problem.severity) == ("source-untraced", "warning")
    assert problem.line == source_line(data)
    assert "plan.txt" in problem.message and "not found in sources/" in problem.message
    assert check_cmd.check(DataDir(data), "text", strict=False, lang="en").code == 0
    outcome = check_cmd.check(DataDir(data), "text", strict=True, lang="en")
    assert outcome.code == 1
    assert "[source-untraced]" in outcome.stdout
    zh = check_cmd.check(DataDir(data), "text", strict=True, lang="zh")
    assert "无法核对规划原文" in zh.stdout


def test_no_problem_when_the_plan_names_no_source(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", [target()])
    outcome = check_cmd.check(DataDir(data), "text", strict=True, lang="en")
    assert (outcome.code, outcome.stderr) == (0, "")


def test_source_that_is_not_utf8_is_not_traced(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data", quote="科技型中小企业数量突破55家（改）")
    (data / "sources").mkdir()
    (data / "sources" / "plan.txt").write_bytes(TEXT.encode("gbk"))
    (problem,) = load(data)[1]
    assert (problem.code, problem.severity) == ("source-untraced", "warning")
    assert "not UTF-8" in problem.message


def test_source_path_is_refused(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", [target()], plan={"source": "../../etc/passwd"})
    problems = load(data)[1]
    assert codes(problems) == ["invalid-value"]
    assert "file name" in problems[0].message


# ------------------------------------------------------------------------ a hostile source


def assert_refused(data: Path, *words: str) -> None:
    problems = load(data)[1]
    assert codes(problems) == ["source-refused"], problems
    (problem,) = problems
    assert problem.severity == "error" and problem.line == source_line(data)
    for text in words:
        assert text in problem.message


links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


@links
def test_sources_linked_to_proc_self_is_no_oracle(tmp_path: Path) -> None:
    """`sources -> /proc/self` and `plan.source: environ`: a quote guessing a secret must
    give the same answer whether the guess is right or wrong."""
    if not Path("/proc/self/environ").exists():
        pytest.skip("no /proc")
    secret = os.environ.get("PATH", "")[:8]
    answers = []
    for guess in (secret, "wrong-guess"):
        root = tmp_path / guess.replace("/", "_")
        # The number stands apart from the guess, whatever PATH ends in (/tmp/v311 would
        # read as 31155).
        quote = f"PATH={guess}，突破55家"
        data = write_data(root, [target(quote=quote)], plan={"source": "environ"})
        (data / "sources").symlink_to("/proc/self")
        assert_refused(data, "sources is a symbolic link")
        answers.append([(p.code, p.message) for p in load(data)[1]])
    assert answers[0] == answers[1]


@links
def test_source_linked_to_the_git_config_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[remote]\n\turl = secret\n", encoding="utf-8")
    data = plan_with_source(tmp_path / "data", quote="url=secret55家")
    (data / "sources").mkdir()
    (data / "sources" / "plan.txt").symlink_to("../../.git/config")
    assert_refused(data, "sources/plan.txt is a symbolic link")


@links
def test_a_link_that_stays_inside_is_refused_too(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data")
    (data / "sources").mkdir()
    (data / "copy.txt").write_text(TEXT, encoding="utf-8")
    (data / "sources" / "plan.txt").symlink_to("../copy.txt")
    assert_refused(data, "symbolic link")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data")
    (data / "sources").mkdir()
    os.mkfifo(data / "sources" / "plan.txt")  # opening it to read would wait for a writer
    assert_refused(data, "not a regular file")


def test_a_folder_in_place_of_the_document_is_refused(tmp_path: Path) -> None:
    data = plan_with_source(tmp_path / "data")
    (data / "sources" / "plan.txt").mkdir(parents=True)
    assert_refused(data, "not a regular file")


def test_an_oversize_source_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 64)
    data = plan_with_source(tmp_path / "data")
    (data / "sources").mkdir()
    (data / "sources" / "plan.txt").write_text(TEXT * 4, encoding="utf-8")
    assert_refused(data, "over")


# ------------------------------------------------------------------------ the pin


def test_the_pinned_hash_is_checked(tmp_path: Path) -> None:
    import hashlib

    pin = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    data = write_data(
        tmp_path / "data", [target()], plan={"source": "plan.txt", "source_sha256": pin}
    )
    (data / "sources").mkdir()
    document = data / "sources" / "plan.txt"
    document.write_text(TEXT, encoding="utf-8")
    assert load(data)[1] == []
    # The source edited together with the quote: every quote is found, the pin is not.
    document.write_text(TEXT.replace("55", "50"), encoding="utf-8")
    (data / "targets.yaml").write_text(
        (data / "targets.yaml").read_text(encoding="utf-8").replace("55", "50"), encoding="utf-8"
    )
    (problem,) = load(data)[1]
    assert (problem.code, problem.severity) == ("source-changed", "error")
    assert problem.line == source_line(data, "source_sha256")
    assert pin in problem.message
    # Re-encoded: not traced (a warning) and not the pinned bytes (an error).
    document.write_bytes(TEXT.encode("gbk"))
    assert sorted(codes(load(data)[1])) == ["source-changed", "source-untraced"]


def test_a_malformed_pin_is_refused(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", [target()], plan={"source_sha256": "ABC"})
    (problem,) = load(data)[1]
    assert problem.code == "invalid-value" and "64 lowercase hex digits" in problem.message


def test_first_difference() -> None:
    assert source.first_difference("abcx", "zzabcd") == 3
    assert source.first_difference("x", "abc") == 0
    assert source.first_difference("abc", "abc") == 3
    assert source.compact(" a\tb\u3000c\n") == "abc"
