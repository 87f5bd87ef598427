"""Revisions are read from git in memory: a hostile tree (built with `git mktree`, as a pull
request can push it) writes nothing anywhere and is refused entry by entry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from test_diff import git, repo, run  # noqa: F401 - `repo` is a fixture

EVIL = "the-evil-file.yaml"


def blob(root: Path, content: bytes) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), "hash-object", "-w", "--stdin"],
        input=content,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def mktree(root: Path, entries: list[tuple[str, str, str, str]]) -> str:
    """A tree of (mode, type, object, name) entries, written as given: git checks nothing."""
    text = "".join(f"{mode} {kind} {oid}\t{name}\n" for mode, kind, oid, name in entries)
    done = subprocess.run(
        ["git", "-C", str(root), "mktree", "--missing"],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def commit_data_tree(root: Path, data_tree: str) -> str:
    """A commit on top of HEAD whose `data` folder is `data_tree`."""
    top = mktree(root, [("040000", "tree", data_tree, "data")])
    done = subprocess.run(
        ["git", "-C", str(root), "commit-tree", top, "-p", "HEAD", "-m", "evil"],
        capture_output=True,
        check=True,
        env={**os.environ, "GIT_AUTHOR_NAME": "e", "GIT_AUTHOR_EMAIL": "e@e"}
        | {"GIT_COMMITTER_NAME": "e", "GIT_COMMITTER_EMAIL": "e@e"},
    )
    return done.stdout.decode().strip()


def every_file(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if ".git" not in p.relative_to(root).parts[:1]}


def hostile_commit(repo: Path, outside: Path) -> str:  # noqa: F811
    targets = blob(repo, (repo / "data" / "targets.yaml").read_bytes())
    evil = blob(repo, b"period: '2019'\nvalues: []\n")
    link = blob(repo, os.fsencode(outside))
    folder = mktree(repo, [("100644", "blob", evil, EVIL)])
    data = mktree(
        repo,
        [
            ("100644", "blob", targets, "targets.yaml"),
            ("100644", "blob", targets, "Targets.yaml"),  # one file on Windows and macOS
            ("120000", "blob", link, "actuals"),  # the link git writes first ...
            ("040000", "tree", folder, "actuals"),  # ... and the folder written through it
            ("040000", "tree", folder, ".."),
            ("160000", "commit", "1" * 40, "vendored"),
            ("120000", "blob", link, "platforms.yaml"),
        ],
    )
    return commit_data_tree(repo, data)


def test_a_hostile_tree_writes_nothing_and_is_refused(
    repo: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    evil = hostile_commit(repo, outside)
    before = every_file(tmp_path)
    result = run("HEAD", evil)
    assert every_file(tmp_path) == before  # nothing written, in the scratch area or outside
    assert not list(outside.iterdir())
    assert result.exit_code == 1, result.stderr
    label = f"{evil}:data"
    expected = {
        f"{label}/actuals: error: a symbolic link",
        f"{label}/platforms.yaml: error: a symbolic link",
        f"{label}/vendored: error: a submodule",
        f"{label}/..: error: its name has an empty, `.`, `..`",
        f"{label}/../{EVIL}: error: its name has",
        f"{label}/Targets.yaml: error: the revision lists `Targets.yaml` and `targets.yaml`",
    }
    lines = result.stderr.splitlines()
    for start in expected:
        assert any(line.startswith(start.split(": error: ")[0] + ":0:0: error: ") for line in lines)
        assert any(start.split(": error: ")[1] in line for line in lines), start
    assert "Traceback" not in result.stderr


def test_a_file_and_a_folder_of_one_name_are_both_refused(repo: Path) -> None:  # noqa: F811
    targets = blob(repo, (repo / "data" / "targets.yaml").read_bytes())
    folder = mktree(repo, [("100644", "blob", targets, "2019.yaml")])
    data = mktree(
        repo,
        [
            ("100644", "blob", targets, "targets.yaml"),
            ("100644", "blob", targets, "actuals"),
            ("040000", "tree", folder, "actuals"),
            ("100644", "blob", targets, "twice.csv"),
            ("100644", "blob", targets, "twice.csv"),
        ],
    )
    evil = commit_data_tree(repo, data)
    result = run("HEAD", evil)
    assert result.exit_code == 1
    assert "`actuals` as 2 entries of one name" in result.stderr
    assert "`twice.csv` as 2 entries of one name" in result.stderr


def test_entry_and_size_caps(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from hitrack.load import gitdata

    monkeypatch.setattr(gitdata, "MAX_ENTRIES", 3)
    result = run("HEAD~1", "HEAD")
    assert result.exit_code == 1
    assert "holds more than 3 entries at this revision" in result.stderr
    monkeypatch.setattr(gitdata, "MAX_ENTRIES", 1000)
    monkeypatch.setenv("HITRACK_MAX_BYTES", "200")
    result = run("HEAD~1", "HEAD")
    assert result.exit_code == 1
    assert "targets.yaml:0:0: error: the file is" in result.stderr
    assert "[file-too-large]" in result.stderr


def test_a_revision_whose_data_folder_is_a_link(repo: Path) -> None:  # noqa: F811
    link = blob(repo, b"/etc")
    top = mktree(repo, [("120000", "blob", link, "data")])
    done = subprocess.run(
        ["git", "-C", str(repo), "commit-tree", top, "-m", "link"],
        capture_output=True,
        check=True,
        env={**os.environ, "GIT_AUTHOR_NAME": "e", "GIT_AUTHOR_EMAIL": "e@e"}
        | {"GIT_COMMITTER_NAME": "e", "GIT_COMMITTER_EMAIL": "e@e"},
    )
    result = run("HEAD", done.stdout.decode().strip())
    assert result.exit_code == 2
    assert "there is no data/ at" in result.stderr and "it is a blob, not a folder" in result.stderr


def test_reading_a_revision_runs_no_checkout(repo: Path) -> None:  # noqa: F811
    """The clean case still works, and git's index and work tree are left alone."""
    status = git(repo, "status", "--porcelain")
    result = run("HEAD~1", "HEAD")
    assert result.exit_code == 0, result.stderr
    assert git(repo, "status", "--porcelain") == status


# ------------------------------------------------------------------------ path or revision


def test_a_folder_named_like_the_base_branch_is_ambiguous(repo: Path) -> None:  # noqa: F811
    """A pull request adds `origin/main/` holding a copy of the head data: `diff origin/main`
    must not compare with it."""
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD~1")
    shutil.copytree(repo / "data", repo / "origin" / "main")
    ambiguous = run("origin/main")
    assert ambiguous.exit_code == 2
    assert ambiguous.stderr == (
        "hitrack: diff: 'origin/main' is both a directory and a git revision; write "
        "./origin/main for the directory, or pass --rev to read BASE and HEAD as revisions "
        "only\n"
    )
    as_revision = run("--rev", "origin/main", "--format", "json")
    assert as_revision.exit_code == 0, as_revision.stderr
    document = json.loads(as_revision.stdout)
    assert document["base"]["name"].startswith("origin/main (")
    assert document["effects"]  # HEAD~1 differs from the working tree
    as_directory = run("./origin/main", "--format", "json")
    assert as_directory.exit_code == 0, as_directory.stderr
    document = json.loads(as_directory.stdout)
    assert document["base"]["name"] == "./origin/main"
    assert document["effects"] == []  # the copy is the working tree's data


def test_a_directory_that_is_no_revision_needs_no_prefix(repo: Path) -> None:  # noqa: F811
    shutil.copytree(repo / "data", repo / "snapshot")
    result = run("snapshot")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("hitrack diff: snapshot → working tree")
    assert run("--rev", "snapshot").exit_code == 2  # not a revision
    missing = run("./nowhere")
    assert missing.exit_code == 2
    assert missing.stderr == "hitrack: diff: './nowhere' is not a directory\n"
