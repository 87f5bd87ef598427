"""`hitrack site DIR`: build the static dashboard into a directory, and nowhere else.

A directory is written only when it is new, empty, or holds a site hitrack built before
(its `.hitrack-site` marker lists the files it wrote, so a rebuild removes pages of targets
that are gone and touches nothing else). Every path is made of the site's own names below
DIR; a symbolic link on the way, or in place of a file, is refused rather than followed.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

from hitrack.commands.common import Outcome, bundled_note, load_for_reading, problems_outcome
from hitrack.core.periods import Period
from hitrack.core.problems import EXIT_USAGE, has_errors, said
from hitrack.i18n import Lang, os_reason, say, word
from hitrack.load.datadir import DataDir


@dataclasses.dataclass(frozen=True)
class SiteOptions:
    directory: str
    as_of: Period | None = None
    lang: Lang = "zh"
    """The language of the messages; the site has both."""


class Refused(Exception):
    """The directory cannot be written as a site; the message says why and what to do."""


def site(data_dir: DataDir, options: SiteOptions) -> Outcome:
    from hitrack.engine import changes, progress
    from hitrack.render.site import MARKER, Site, render_site

    dataset, problems = load_for_reading(data_dir)
    if has_errors(problems) or dataset is None:
        return problems_outcome(data_dir, problems, options.lang)
    as_of = options.as_of or progress.latest_period(dataset)
    since = changes.previous_period(dataset, as_of)
    after = progress.assess_all(dataset, as_of)
    before = progress.assess_all(dataset, since) if since else []
    files = render_site(Site(dataset, as_of, after, since, changes.compare(before, after)))
    manifest = "".join(f"{name}\n" for name in files if name != MARKER)
    files[MARKER] = files[MARKER] + manifest.encode("utf-8")
    note = bundled_note(data_dir, options.lang)
    root = Path(options.directory)
    try:
        old = _prepare(root, MARKER)
        for name, data in files.items():
            _write(root, name, data)
        for name in sorted(old - set(files)):
            _remove(root, name)
    except Refused as err:
        told = say(err.args[0], options.lang)
        return Outcome("", f"{note}hitrack: {told}\n", EXIT_USAGE)
    except OSError as err:
        where = err.filename or options.directory
        told = word("cannot_write_to", options.lang).format(
            path=where, reason=os_reason(err.strerror, options.lang)
        )
        return Outcome("", f"{note}hitrack: {told}\n", EXIT_USAGE)
    pages = sum(name.endswith(".html") for name in files)
    wrote = word("site_written", options.lang).format(pages=pages, root=root)
    return Outcome("", f"{note}hitrack: {wrote}\n")


def _prepare(root: Path, marker: str) -> set[str]:
    """Check that `root` may hold the site; the names an earlier build wrote there."""
    try:
        info = os.lstat(root)
    except FileNotFoundError:
        root.mkdir(parents=True)
        return set()
    if stat.S_ISLNK(info.st_mode):
        raise Refused(said("site-link", path=root))
    if not stat.S_ISDIR(info.st_mode):
        raise Refused(said("site-not-a-dir", path=root))
    if not any(root.iterdir()):
        return set()
    path = root / marker
    try:
        marker_info = os.lstat(path)
    except FileNotFoundError:
        raise Refused(said("site-not-ours", path=root, marker=marker)) from None
    if not stat.S_ISREG(marker_info.st_mode):
        raise Refused(said("site-marker-not-regular", path=path))
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    return {line for line in lines if _own_name(line)}


def _own_name(name: str) -> bool:
    """A name the site itself could have written: relative, no `..`, only plain characters."""
    parts = name.split("/")
    return (
        bool(name)
        and all(part not in ("", ".", "..") for part in parts)
        and all(c.isascii() and (c.isalnum() or c in "-_./") for c in name)
    )


def _directory(root: Path, name: str) -> Path:
    """The folder of `name` below root, created as needed; links on the way are refused."""
    folder = root
    for part in name.split("/")[:-1]:
        folder = folder / part
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            folder.mkdir()
            continue
        if not stat.S_ISDIR(info.st_mode):
            raise Refused(said("site-folder-not-dir", path=folder))
    return folder


def _write(root: Path, name: str, data: bytes) -> None:
    from hitrack.load.atomic import write_file

    path = _directory(root, name) / name.rsplit("/", 1)[-1]
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISREG(info.st_mode):
            raise Refused(said("site-file-not-regular", path=path))
        if path.read_bytes() == data:
            return  # unchanged: keep the file and its time
    write_file(path, data, force=True)


def _remove(root: Path, name: str) -> None:
    """Delete a page an earlier build wrote, when it is still a regular file of ours."""
    path = _directory(root, name) / name.rsplit("/", 1)[-1]
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode):
        path.unlink()
