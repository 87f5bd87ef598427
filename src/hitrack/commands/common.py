"""What several commands share: the `Outcome` a command returns instead of printing,
loading (checked, or from the cache for a reading command), the outcome of data with errors,
the `--zone` option, and writing an outcome to the standard streams.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING, Any

from hitrack.core.problems import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    Problem,
    has_errors,
)
from hitrack.i18n import Lang, word
from hitrack.load.datadir import DataDir

if TYPE_CHECKING:
    from hitrack.core.model import Dataset
    from hitrack.load.loader import Loaded


@dataclasses.dataclass
class Outcome:
    stdout: str = ""
    stderr: str = ""
    code: int = EXIT_CLEAN


def usage(message: str) -> Outcome:
    """The outcome of a usage error: `message` on stderr, exit 2."""
    return Outcome("", f"hitrack: {message}\n", EXIT_USAGE)


def load_checked(
    data_dir: DataDir, *, file_cache: bool = False, warnings: bool = True
) -> tuple[Loaded, list[Problem]]:
    """Load the data directory and run every rule on it (`file_cache`: see `load_dataset`;
    `warnings` False: not the rules that only warn, for a command that shows errors only)."""
    from hitrack.engine.checks import run_checks
    from hitrack.load.loader import load_dataset

    loaded = load_dataset(data_dir, file_cache=True) if file_cache else load_dataset(data_dir)
    return loaded, run_checks(loaded, warnings=warnings)


def load_for_reading(data_dir: DataDir) -> tuple[Dataset | None, list[Problem]]:
    """The dataset for a reading command, from the cache when no data file changed, and its
    problems: every error, and the warnings of the rules that do not only warn (a reading
    command shows errors only, so the plausibility rules are not run)."""
    from hitrack.load import cache

    # Taken before loading and again after: a dataset read while a file changed is not kept.
    key = cache.fingerprint(data_dir.path)
    hit = cache.load(data_dir.path, data_dir.bundled, key)
    if hit is not None:
        return hit
    if key is not None and cache.cache_dir() is not None:
        loaded, problems = load_checked(data_dir, file_cache=True, warnings=False)
    else:
        loaded, problems = load_checked(data_dir, warnings=False)
    dataset = loaded.dataset
    unchanged = key is not None and cache.fingerprint(data_dir.path) == key
    if dataset is not None and not has_errors(problems) and unchanged:
        cache.store(data_dir.path, data_dir.bundled, dataset, problems, key)
    return loaded.dataset, problems


def bundled_note(data_dir: DataDir, lang: Lang) -> str:
    return word("bundled_note", lang) + "\n" if data_dir.bundled else ""


def capped_problems(problems: list[Problem], lang: Lang) -> list[Problem]:
    """The problems to show: at most `PER_CODE_AND_FILE` of each code in each file."""
    from hitrack.core.problems import capped

    return capped(
        problems, lambda count, code: word("more_like_this", lang).format(count=count, code=code)
    )


def problems_outcome(data_dir: DataDir, problems: list[Problem], lang: Lang) -> Outcome:
    """The outcome of a command that cannot run because the data has errors."""
    from hitrack.render.problems import TextFormat

    errors = capped_problems([p for p in problems if p.severity == "error"], lang)
    text = TextFormat().render(errors, 0, lang)
    return Outcome("", bundled_note(data_dir, lang) + text, EXIT_FINDINGS)


def load_for_zone(
    data_dir: DataDir, option: str | None, lang: Lang
) -> tuple[Dataset, str | None] | Outcome:
    """The dataset and the zone `--zone` names, or the outcome that stops the command."""
    dataset, problems = load_for_reading(data_dir)
    if has_errors(problems) or dataset is None:
        return problems_outcome(data_dir, problems, lang)
    zone = _zone(dataset, option, lang)
    if isinstance(zone, Outcome):
        return zone
    return dataset, zone


def _zone(dataset: Any, option: str | None, lang: Lang) -> str | Outcome | None:
    """The zone id an option names (by id or by name), or a usage error."""
    from hitrack.render.grouping import ambiguous, matching

    if option is None:
        return None
    zones = dataset.plan.zones
    found = matching(option, ((z.id, (z.name, z.name_en)) for z in zones))
    if len(found) == 1:
        return found[0]
    if found:
        return Outcome("", ambiguous("--zone", option, found, lang) + "\n", EXIT_USAGE)
    known = ", ".join(f"{z.id} ({z.name})" for z in zones) or word("none", lang)
    told = word("unknown_zone", lang).format(value=repr(option), known=known)
    return Outcome("", "hitrack: " + told, EXIT_USAGE)


#: How an argument names a directory beyond doubt: no git revision starts like this.
PATH_PREFIXES = ("./", "../", "/")


def escape_terminal(text: str) -> str:
    """A message that quotes data, made safe for the terminal (its last line break kept)."""
    from hitrack.render import escape

    return escape.terminal(text.rstrip("\n")) + "\n"


def finish(outcome: Outcome, quiet: bool) -> int:
    """Write the outcome (with `--quiet`, a success writes nothing on stderr) and give its
    exit code."""
    if quiet and outcome.code == EXIT_CLEAN:
        outcome = dataclasses.replace(outcome, stderr="")
    return write(outcome)


def failure(err: BaseException, lang: Lang) -> int:
    """Say what stopped a command that raised (an interrupt, or an unexpected error, as one
    line instead of a traceback) and give exit code 2."""
    if isinstance(err, KeyboardInterrupt):
        sys.stderr.write(f"hitrack: {word('interrupted', lang)}\n")
    else:
        error = f"{type(err).__name__}: {err}"
        sys.stderr.write(f"hitrack: {word('internal_error', lang).format(error=error)}\n")
    return EXIT_USAGE


def write(outcome: Outcome) -> int:
    try:
        if outcome.stderr:
            sys.stderr.write(outcome.stderr)
        if outcome.stdout:
            sys.stdout.write(outcome.stdout)
            sys.stdout.flush()
    except BrokenPipeError:  # `hitrack status | head`
        pass
    return outcome.code
