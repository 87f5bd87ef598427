"""`hitrack diff`: what a change to the data does, between two revisions or directories."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hitrack.commands.common import (
    PATH_PREFIXES,
    Outcome,
    load_checked,
    problems_outcome,
)
from hitrack.core.problems import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    has_errors,
    said,
)
from hitrack.i18n import Lang, say, word
from hitrack.load.datadir import DataDir

if TYPE_CHECKING:
    from pathlib import Path


@dataclasses.dataclass(frozen=True)
class DiffOptions:
    base: str | None = None
    """A revision or a directory; default: the merge base with the default branch."""
    head: str | None = None
    """A revision or a directory; default: the working tree (the data directory)."""
    data: str | None = None
    """The --data option: the data directory, also its path inside the repository."""
    fmt: str = "text"
    lang: Lang = "en"
    rev: bool = False
    """--rev: BASE and HEAD are git revisions, never directories."""


def diff(options: DiffOptions) -> Outcome:
    from hitrack.engine import datadiff
    from hitrack.load import gitdata
    from hitrack.load.datadir import DataDirError
    from hitrack.load.source import load_source
    from hitrack.render import escape
    from hitrack.render.diff import FORMATS, DiffReport

    try:
        sides = _diff_sides(options)
    except (gitdata.GitError, DataDirError) as err:
        told = say(err.args[0] if err.args else str(err), options.lang)
        return Outcome("", f"hitrack: diff: {escape.terminal(told)}\n", EXIT_USAGE)
    datasets = []
    messages = []
    for label, data_dir in sides:
        # Only errors stop a diff, and it shows no warnings: the rules that only warn are
        # not run (on either side).
        loaded, problems = load_checked(data_dir, warnings=False)
        if has_errors(problems) or loaded.dataset is None:
            outcome = problems_outcome(data_dir, problems, options.lang)
            shown = escape.terminal(label)
            told = word("diff_side_errors", options.lang).format(side=shown)
            messages.append(f"hitrack: diff: {told}\n{outcome.stderr}")
        datasets.append(loaded.dataset)
    if messages:
        return Outcome("", "".join(messages), EXIT_FINDINGS)
    before, after = datasets
    assert before is not None and after is not None
    documents = [
        load_source(data_dir, dataset.plan.source)
        for (_, data_dir), dataset in zip(sides, (before, after), strict=True)
    ]
    changes = datadiff.source_changes(documents[0], documents[1])
    report = DiffReport(datadiff.compute_diff(before, after, changes), sides[0][0], sides[1][0])
    return Outcome(FORMATS[options.fmt]().render(report, options.lang))


def _diff_sides(options: DiffOptions) -> list[tuple[str, DataDir]]:
    """(label, data directory) of BASE and HEAD: a directory (see `_is_directory`), else a
    git revision, read into memory."""
    from pathlib import Path

    from hitrack.load import gitdata
    from hitrack.load.datadir import DataDirError, find_data_dir

    sides: list[tuple[str, DataDir]] = []
    repo: tuple[Path, Any] | None = None
    for index, side in enumerate((options.base, options.head)):
        if side is not None and _is_directory(side, options):
            sides.append((side, DataDir(Path(side))))
            continue
        work = find_data_dir(options.data)
        if work.bundled:
            raise DataDirError(said("no-data-dir"))
        if side is None and index == 1:
            sides.append((word("working_tree", options.lang), work))
            continue
        if repo is None:
            top = gitdata.toplevel(work.path)
            repo = (top, gitdata.relative_path(top, work.path))
        top, inside = repo
        if side is None:
            name, commit = gitdata.default_base(top)
        else:
            name, commit = side, gitdata.resolve(top, side)
        label = f"{name} ({commit[:12]})"
        tree = gitdata.read_tree(top, commit, inside, f"{name}:{inside}", work.max_bytes)
        sides.append((label, tree))
    return sides


def _is_directory(side: str, options: DiffOptions) -> bool:
    """Whether a BASE or HEAD argument names a data directory rather than a revision.

    With --rev none is. `./x`, `../x`, `/x` and `.` are directories. Otherwise an
    argument that is an existing directory *and* a revision is ambiguous, as in git: a pull
    request could add a folder `origin/main/` holding the old data to make `hitrack diff
    origin/main` compare with it.
    """
    from pathlib import Path

    from hitrack.load import gitdata
    from hitrack.load.datadir import DataDirError, find_data_dir

    if options.rev:
        return False
    if side in (".", "..") or side.startswith(PATH_PREFIXES):
        if not Path(side).is_dir():
            raise DataDirError(said("side-not-a-directory", path=repr(side)))
        return True
    if not Path(side).is_dir():
        return False
    try:
        work = find_data_dir(options.data)
        if work.bundled:
            return True
        gitdata.resolve(gitdata.toplevel(work.path), side)
    except (gitdata.GitError, DataDirError):
        return True
    raise DataDirError(said("dir-or-revision", path=repr(side), name=side))
