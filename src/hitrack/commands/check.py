"""`hitrack check`: every rule on every file, the problems in the chosen format, the
GitHub step summary, and `--base` (a change to the plan itself)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hitrack.commands.common import (
    PATH_PREFIXES,
    Outcome,
    bundled_note,
    capped_problems,
    load_checked,
)
from hitrack.core.problems import (
    EXIT_USAGE,
    Problem,
    exit_code,
)
from hitrack.i18n import Lang, os_reason, say, word
from hitrack.load.datadir import DataDir

if TYPE_CHECKING:
    from hitrack.load.loader import Loaded


def check(
    data_dir: DataDir,
    fmt: str,
    *,
    strict: bool,
    lang: Lang,
    step_summary: str | None = None,
    base: str | None = None,
) -> Outcome:
    """`step_summary`: a file ($GITHUB_STEP_SUMMARY) to append a markdown summary to.
    `base`: a git revision; a change to the plan since it is a `plan-changed` warning."""
    from hitrack.render.problems import FORMATS

    loaded, problems = load_checked(data_dir)
    if base is not None:
        found = _plan_changes(data_dir, loaded, base, lang)
        if isinstance(found, Outcome):
            return found
        problems = sorted([*problems, *found], key=lambda p: (p.file, p.line, p.col, p.code))
    rendered = FORMATS[fmt]().render(capped_problems(problems, lang), loaded.file_count, lang)
    notes = bundled_note(data_dir, lang)
    if step_summary:
        notes += append_step_summary(step_summary, problems, loaded.file_count, lang)
    return Outcome(rendered, notes, exit_code(problems, strict=strict))


def _plan_changes(
    data_dir: DataDir, loaded: Loaded, base: str, lang: Lang
) -> list[Problem] | Outcome:
    """The `plan-changed` warnings of `check --base`, or the outcome of a git error. `base`
    is a revision, or a directory when written `./DIR`, `../DIR` or `/DIR`."""

    from hitrack.engine.checks import check_plan_unchanged
    from hitrack.load import gitdata
    from hitrack.load.loader import load_dataset
    from hitrack.render import escape

    if base in (".", "..") or base.startswith(PATH_PREFIXES):  # a directory, as in `diff`
        if not Path(base).is_dir():
            message = word("check_base_not_dir", lang).format(base=escape.terminal(repr(base)))
            return Outcome("", message + "\n", EXIT_USAGE)
        return check_plan_unchanged(load_dataset(DataDir(Path(base))), loaded, base)
    try:
        top = gitdata.toplevel(data_dir.path)
        inside = gitdata.relative_path(top, data_dir.path)
        commit = gitdata.resolve(top, base)
        label = f"{base} ({commit[:12]})"
        tree = gitdata.read_tree(top, commit, inside, f"{base}:{inside}", data_dir.max_bytes)
    except gitdata.NoDataDir:  # the change adds the data directory: all of the plan is new
        return check_plan_unchanged(None, loaded, label)
    except gitdata.GitError as err:
        told = say(err.args[0] if err.args else str(err), lang)
        return Outcome("", f"hitrack: check --base: {escape.terminal(told)}\n", EXIT_USAGE)
    return check_plan_unchanged(load_dataset(tree), loaded, label)


def append_step_summary(path: str, problems: list[Problem], files: int, lang: Lang) -> str:
    """Append the check's markdown summary to `path`; a message for stderr if that failed.

    A summary that cannot be written does not change the check's verdict, but says so.
    """

    from hitrack.render.problems import SUMMARY_LIMIT, render_step_summary

    target = Path(path)
    try:
        # The file is per step: what this step wrote before counts against the limit.
        used = target.stat().st_size if target.exists() else 0
        budget = SUMMARY_LIMIT - used - 1024
        if budget < 4096:
            return word("summary_full", lang).format(path=path) + "\n"
        text = render_step_summary(capped_problems(problems, lang), files, lang, budget)
        with target.open("a", encoding="utf-8") as stream:
            stream.write("\n" + text)
    except OSError as err:
        reason = os_reason(err.strerror, lang) if err.strerror else str(err)
        return word("summary_cannot_write", lang).format(path=path, reason=reason) + "\n"
    return ""
