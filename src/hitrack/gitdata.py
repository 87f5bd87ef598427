"""Read a data directory as it was at a git revision, for `hitrack diff`.

git runs as a subprocess with argument lists (never a shell); revisions are checked before
they reach git (`-` would make one an option) and resolved to a commit; paths follow `--`.
The data directory of a revision is written out into a temporary directory (regular files
and symbolic links only, read with one `git cat-file --batch`) and loaded from there like
any other directory.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path, PurePosixPath

from hitrack.datadir import DataDir

#: Where `diff` looks for the default branch, in this order.
DEFAULT_BRANCHES = ("refs/remotes/origin/HEAD", "main", "master", "origin/main", "origin/master")


class GitError(Exception):
    """git cannot give what was asked (not a repository, unknown revision): exit 2."""


def _git(repo: Path | None, *args: str, stdin: bytes | None = None) -> bytes:
    command = ["git", *(["-C", str(repo)] if repo else []), *args]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(detail[-1] if detail else f"git {args[0]} failed")
    return done.stdout


def toplevel(start: Path) -> Path:
    """The root of the git work tree holding `start`."""
    try:
        out = _git(start, "rev-parse", "--show-toplevel")
    except GitError as err:
        # git's own words matter here: "dubious ownership" in a CI container is not "no repo".
        raise GitError(
            f"{start} is not inside a git repository that git will read ({err}); "
            "give BASE and HEAD as two directories"
        ) from None
    return Path(os.fsdecode(out.rstrip(b"\n")))


def resolve(repo: Path, revision: str) -> str:
    """The commit a revision names (a full hash)."""
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
        raise GitError(f"{revision!r} is not a revision name")
    try:
        out = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError:
        raise GitError(f"unknown revision {revision!r} (try `git log --oneline`)") from None
    return out.decode("ascii").strip()


def default_base(repo: Path) -> tuple[str, str]:
    """(label, commit): the merge base of HEAD with the default branch."""
    for branch in DEFAULT_BRANCHES:
        try:
            tip = resolve(repo, branch)
        except GitError:
            continue
        head = resolve(repo, "HEAD")
        base = _git(repo, "merge-base", head, tip).decode("ascii").strip()
        name = branch.removeprefix("refs/remotes/")
        return f"merge-base({name})", base
    raise GitError(
        "no default branch (origin/HEAD, main or master) to compare with; name BASE, e.g. "
        "`hitrack diff HEAD~1`"
    )


def relative_path(repo: Path, data: Path) -> PurePosixPath:
    """The data directory as a path inside the repository."""
    try:
        rel = data.resolve().relative_to(repo.resolve())
    except ValueError:
        raise GitError(f"the data directory {data} is outside the git repository {repo}") from None
    return PurePosixPath(rel.as_posix())


def materialise(repo: Path, commit: str, data: PurePosixPath, into: Path) -> None:
    """Write `data` as it is at `commit` into the directory `into`."""
    spec = "." if str(data) == "." else f"{data}/"
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, "--", spec)
    entries = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _, raw_path = item.partition(b"\t")
        mode, kind, blob = meta.decode("ascii").split()
        path = PurePosixPath(os.fsdecode(raw_path))
        rel = path if str(data) == "." else path.relative_to(data)
        # git stores no '..' or absolute paths; refuse them all the same.
        if kind != "blob" or rel.is_absolute() or ".." in rel.parts:
            continue
        entries.append((mode, blob, rel))
    if not entries:
        raise GitError(f"there is no {spec} at {commit[:12]}: nothing to compare with")
    contents = _cat_blobs(repo, [blob for _, blob, _ in entries])
    for (mode, _, rel), content in zip(entries, contents, strict=True):
        target = into.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            target.symlink_to(os.fsdecode(content))
        elif mode in ("100644", "100755"):
            target.write_bytes(content)


def _cat_blobs(repo: Path, blobs: list[str]) -> list[bytes]:
    if not blobs:
        return []
    out = _git(repo, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    contents, at = [], 0
    for _ in blobs:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        start = header_end + 1
        contents.append(out[start : start + size])
        at = start + size + 1
    return contents


@dataclasses.dataclass(frozen=True)
class RevisionDir(DataDir):
    """A data directory written out from a revision; files are named `REV:path` in messages."""

    label: str = ""

    def display(self, name: str) -> str:
        return f"{self.label}/{name}"
