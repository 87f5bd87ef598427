"""Read a data directory as it was at a git revision, for `hitrack diff` and `check --base`.

git runs as a subprocess with argument lists (never a shell); revisions are checked before
they reach git (`-` would make one an option) and resolved to a commit. A revision's data
directory is read into memory, never written to disk: `git ls-tree` lists it, one
`git cat-file --batch` reads the files the loader needs, and `TreeDir` serves them through
the same interface as a directory on disk.

A revision is somebody else's work and git accepts trees that no checkout could write: a
symbolic link and a folder of the same name, two entries with one name, names that differ
only in case, `..`. Every entry that is not a plain file with a plain name is refused with
a problem that names it; the number of entries and the size of the files are capped.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path, PurePosixPath

from hitrack.core.problems import Problem, said
from hitrack.load.datadir import DataDir

#: Where `diff` looks for the default branch, in this order.
DEFAULT_BRANCHES = ("refs/remotes/origin/HEAD", "main", "master", "origin/main", "origin/master")


class GitError(Exception):
    """git cannot give what was asked (not a repository, unknown revision): exit 2."""


class NoDataDir(GitError):
    """The revision has no data directory at the path asked for."""


def _git(repo: Path | None, *args: str, stdin: bytes | None = None) -> bytes:
    command = ["git", *(["-C", str(repo)] if repo else []), *args]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError(said("git-missing")) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(
            said("git-said", detail=detail[-1]) if detail else said("git-failed", command=args[0])
        )
    return done.stdout


def toplevel(start: Path) -> Path:
    """The root of the git work tree holding `start`."""
    try:
        out = _git(start, "rev-parse", "--show-toplevel")
    except GitError as err:
        # git's own words matter here: "dubious ownership" in a CI container is not "no repo".
        said_by_git = err.args[0] if err.args else str(err)
        raise GitError(said("git-not-a-repo", start=start, err=said_by_git)) from None
    return Path(os.fsdecode(out.rstrip(b"\n")))


def resolve(repo: Path, revision: str) -> str:
    """The commit a revision names (a full hash)."""
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
        raise GitError(said("git-bad-revision", revision=repr(revision)))
    try:
        out = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError:
        raise GitError(said("git-unknown-revision", revision=repr(revision))) from None
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
    raise GitError(said("git-no-default-branch"))


def relative_path(repo: Path, data: Path) -> PurePosixPath:
    """The data directory as a path inside the repository."""
    try:
        rel = data.resolve().relative_to(repo.resolve())
    except ValueError:
        raise GitError(said("git-outside", data=data, repo=repo)) from None
    return PurePosixPath(rel.as_posix())


#: At most this many entries (files and folders, recursively) in a revision's data directory.
MAX_ENTRIES = 20_000
#: At most this many bytes of `git ls-tree` output (names are at most 4096 bytes each).
MAX_LISTING = 16 * 1024 * 1024
#: At most this many bytes read from a revision in all.
MAX_TOTAL_BYTES = 256 * 1024 * 1024

#: Only these files are read: the loader reads nothing else.
_TOP_FILES = ("targets.yaml", "platforms.yaml")
_FOLDERS = {"actuals": (".yaml", ".yml", ".csv"), "sources": None}


def read_tree(repo: Path, commit: str, data: PurePosixPath, label: str, max_bytes: int) -> TreeDir:
    """The data directory `data` as it is at `commit`, in memory; `label` names its files."""
    spec = commit if str(data) == "." else f"{commit}:{data}"
    found = _object_type(repo, spec)
    if found != "tree":
        where = "." if str(data) == "." else f"{data}/"
        if found is None:
            raise NoDataDir(said("git-no-data-dir", where=where, commit=commit[:12]))
        raise GitError(said("git-not-a-folder", where=where, commit=commit[:12], found=found))
    listing = _git_bounded(repo, MAX_LISTING, "ls-tree", "-r", "-t", "-z", "-l", spec)
    tree = TreeDir(Path(label), label=label, max_bytes=max_bytes)
    if listing is None:
        tree.refused.append(_too_many(tree))
        return tree
    entries = [item for item in listing.split(b"\0") if item]
    if len(entries) > MAX_ENTRIES:
        tree.refused.append(_too_many(tree))
        return tree
    wanted: list[tuple[str, str, int]] = []
    for item in entries:
        meta, _, raw = item.partition(b"\t")
        mode, kind, oid, length = meta.decode("ascii").split()
        rel = _entry_name(raw)
        shown = rel or os.fsdecode(raw)
        if rel is None:
            tree.refuse(
                shown,
                "its name has an empty, `.`, `..`, `.git`, backslash or control "
                "part, which no checkout can write; rename it",
            )
        elif mode == "120000":
            tree.refuse(
                rel,
                "a symbolic link; hitrack reads no links from a revision: commit the file itself",
            )
        elif mode == "160000" or kind == "commit":
            tree.refuse(rel, "a submodule; the data must be plain files in this repository")
        elif kind == "tree":
            tree.add_dir(rel)
        elif kind == "blob" and mode in ("100644", "100755"):
            if tree.add_file(rel) and _needed(rel):
                wanted.append((rel, oid, int(length)))
        else:
            tree.refuse(rel, f"an entry of mode {mode}; only plain files are read")
    tree.drop_collisions()
    total = 0
    reading = []
    for rel, oid, size in wanted:
        if rel not in tree.entries:
            continue
        if size > max_bytes:
            tree.too_large[rel] = size
            continue
        total += size
        if total > MAX_TOTAL_BYTES:
            tree.too_large[rel] = size
            continue
        reading.append((rel, oid))
    for (rel, _), content in zip(
        reading, _cat_blobs(repo, [oid for _, oid in reading]), strict=True
    ):
        tree.blobs[rel] = content
    return tree


def _too_many(tree: TreeDir) -> Problem:
    return Problem(
        tree.display(""),
        0,
        0,
        "file-too-large",
        f"the data directory holds more than {MAX_ENTRIES:,} entries at this revision; "
        "hitrack reads none of it (a data directory needs a few dozen files)",
    )


def _entry_name(raw: bytes) -> str | None:
    """The entry's path relative to the data directory, or None when a part is not a name
    any checkout writes as it is."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    parts = text.split("/")
    for part in parts:
        if part in ("", ".", "..") or part.casefold() == ".git" or "\\" in part:
            return None
        if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in part):
            return None
    return text


def _needed(rel: str) -> bool:
    """Whether the loader or the source reader may read `rel`."""
    if rel in _TOP_FILES:
        return True
    folder, _, name = rel.partition("/")
    if folder not in _FOLDERS or "/" in name:
        return False
    suffixes = _FOLDERS[folder]
    return suffixes is None or PurePosixPath(name).suffix in suffixes


def _object_type(repo: Path, spec: str) -> str | None:
    try:
        return _git(repo, "cat-file", "-t", spec).decode("ascii").strip()
    except GitError:
        return None


def _git_bounded(repo: Path, limit: int, *args: str) -> bytes | None:
    """git's output, or None when it is over `limit` bytes (git is stopped then)."""
    command = ["git", "-C", str(repo), *args]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise GitError(said("git-missing")) from None
    with process:
        assert process.stdout is not None and process.stderr is not None
        chunks, size = [], 0
        while chunk := process.stdout.read(1 << 16):
            size += len(chunk)
            if size > limit:
                process.kill()
                return None
            chunks.append(chunk)
        error = process.stderr.read()
    if process.returncode != 0:
        detail = error.decode("utf-8", "replace").strip().splitlines()
        raise GitError(
            said("git-said", detail=detail[-1]) if detail else said("git-failed", command=args[0])
        )
    return b"".join(chunks)


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
class TreeDir(DataDir):
    """A data directory read from a revision into memory; files are named `REV:path/file`.

    Only the files the loader needs are read (`blobs`); every other entry is only listed.
    """

    label: str = ""
    entries: dict[str, str] = dataclasses.field(default_factory=dict)
    """Every accepted entry: its path -> "file" or "dir"."""
    blobs: dict[str, bytes] = dataclasses.field(default_factory=dict)
    too_large: dict[str, int] = dataclasses.field(default_factory=dict)
    refused: list[Problem] = dataclasses.field(default_factory=list)
    _seen: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    """Case-folded path -> the entries listed under it (more than one: a collision)."""

    def display(self, name: str) -> str:
        return f"{self.label}/{name}" if name else f"{self.label}/"

    # ------------------------------------------------------------------ building

    def refuse(self, rel: str, why: str) -> None:
        self.refused.append(Problem(self.display(rel), 0, 0, "file-unreadable", why))

    def add_dir(self, rel: str) -> None:
        self._seen.setdefault(rel.casefold(), []).append(rel)
        self.entries[rel] = "dir"

    def add_file(self, rel: str) -> bool:
        self._seen.setdefault(rel.casefold(), []).append(rel)
        if rel in self.entries:  # a second entry of the same name
            return False
        self.entries[rel] = "file"
        return True

    def drop_collisions(self) -> None:
        """Refuse every name listed twice, or in two spellings that differ only in case (one
        file on Windows and macOS), or both as a file and as a folder, with all it holds."""
        for names in self._seen.values():
            if len(names) < 2:
                continue
            spelled = " and ".join(sorted({f"`{n}`" for n in names}))
            first = min(names)
            self.refuse(
                first,
                f"the revision lists {spelled} as {len(names)} entries of one name (or of "
                "names that differ only in case); no checkout can hold them all: keep one",
            )
            for name in set(names):
                self._drop(name)
        self._seen.clear()

    def _drop(self, rel: str) -> None:
        prefix = rel + "/"
        for name in [n for n in self.entries if n == rel or n.startswith(prefix)]:
            del self.entries[name]
        for name in [n for n in self.blobs if n == rel or n.startswith(prefix)]:
            del self.blobs[name]

    # ------------------------------------------------------------------ reading

    def exists(self, rel: str) -> bool:
        return rel in self.entries

    def is_dir(self, rel: str) -> bool:
        return self.entries.get(rel) == "dir"

    def is_link(self, rel: str) -> bool:
        return False  # links are refused

    def names(self, folder: str) -> list[str]:
        prefix = folder + "/"
        return sorted(
            n[len(prefix) :]
            for n in self.entries
            if n.startswith(prefix) and "/" not in n[len(prefix) :]
        )

    def tree_problems(self) -> tuple[Problem, ...]:
        return tuple(self.refused)

    def read_bytes(self, rel: str) -> bytes:
        """The content of a file the loader needs; `yamlload.LoadError` when there is none."""
        from hitrack.load.yamlload import LoadError

        kind = self.entries.get(rel)
        if kind == "dir":
            raise LoadError("file-unreadable", "a directory; it must be a data file")
        if rel in self.too_large:
            raise LoadError(
                "file-too-large",
                f"the file is {self.too_large[rel]:,} bytes; the cap is {self.max_bytes:,}",
            )
        if kind is None or rel not in self.blobs:
            raise LoadError("file-unreadable", "not in the revision")
        return self.blobs[rel]

    def read_text(self, rel: str) -> str:
        from hitrack.load import yamlload

        return yamlload.decode(self.read_bytes(rel))
