"""What each command does, as functions of typed options that return an `Outcome`.

The CLI only parses options into these calls and prints the outcome, so every command can
be tested without it. Heavy modules (Pydantic, Rich, tabulate) are imported inside the
functions that need them: `hitrack --help` and a cached `status` never pay for them.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING, Any

from hitrack.datadir import DataDir
from hitrack.i18n import Lang, word
from hitrack.problems import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Problem, exit_code, has_errors

if TYPE_CHECKING:
    from hitrack.loader import Loaded
    from hitrack.model import Dataset


@dataclasses.dataclass
class Outcome:
    stdout: str = ""
    stderr: str = ""
    code: int = EXIT_CLEAN


def load_checked(data_dir: DataDir) -> tuple[Loaded, list[Problem]]:
    """Load the data directory and run every rule on it."""
    from hitrack.checks import run_checks
    from hitrack.loader import load_dataset

    loaded = load_dataset(data_dir)
    return loaded, run_checks(loaded)


def load_for_reading(data_dir: DataDir) -> tuple[Dataset | None, list[Problem]]:
    """The dataset for a reading command, from the cache when no data file changed."""
    from hitrack import cache

    hit = cache.load(data_dir.path, data_dir.bundled)
    if hit is not None:
        return hit
    stamps = cache.stamp(data_dir.path)
    loaded, problems = load_checked(data_dir)
    if loaded.dataset is not None and not has_errors(problems):
        cache.store(data_dir.path, data_dir.bundled, loaded.dataset, problems, stamps)
    return loaded.dataset, problems


def bundled_note(data_dir: DataDir, lang: Lang) -> str:
    return word("bundled_note", lang) + "\n" if data_dir.bundled else ""


def check(data_dir: DataDir, fmt: str, *, strict: bool, lang: Lang) -> Outcome:
    from hitrack.render.problems import FORMATS

    loaded, problems = load_checked(data_dir)
    rendered = FORMATS[fmt]().render(problems, loaded.file_count, lang)
    return Outcome(rendered, bundled_note(data_dir, lang), exit_code(problems, strict=strict))


def problems_outcome(data_dir: DataDir, problems: list[Problem], lang: Lang) -> Outcome:
    """The outcome of a command that cannot run because the data has errors."""
    from hitrack.render.problems import TextFormat

    text = TextFormat().render([p for p in problems if p.severity == "error"], 0, lang)
    return Outcome("", bundled_note(data_dir, lang) + text, EXIT_FINDINGS)


def platforms(
    data_dir: DataDir, fmt: str, filters: dict[str, str | None], lang: Lang, width: int | None
) -> Outcome:
    from hitrack import register
    from hitrack.render.platforms import FORMATS

    loaded, problems = load_checked(data_dir)
    if has_errors(problems) or loaded.dataset is None:
        return problems_outcome(data_dir, problems, lang)
    if loaded.dataset.platforms is None:
        message = "this data directory has no platforms.yaml\n"
        return Outcome("", bundled_note(data_dir, lang) + message, EXIT_USAGE)
    selection = register.select(loaded.dataset.platforms, **filters)
    unknown = register.unknown_filter(loaded.dataset.platforms, filters.get("category"))
    if unknown:
        return Outcome("", unknown + "\n", EXIT_USAGE)
    text = FORMATS[fmt]().render(loaded.dataset.platforms, selection, lang, width)
    return Outcome(text, bundled_note(data_dir, lang), EXIT_CLEAN)


def schema(which: str) -> Outcome:
    import json

    from pydantic import TypeAdapter

    from hitrack import model

    classes: dict[str, Any] = {
        "targets": model.TargetsFile,
        "platforms": model.PlatformsFile,
        "actuals": model.ActualsFile,
    }
    document = TypeAdapter(classes[which]).json_schema()
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://hitrack.invalid/schema/v1/{which}.json",
        **document,
    }
    return Outcome(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


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


@dataclasses.dataclass(frozen=True)
class StatusOptions:
    fmt: str = "table"
    as_of: str | None = None
    sort: str = "plan"
    zone: str | None = None
    explain: str | None = None
    lang: Lang = "en"
    width: int | None = None


SORTS = ("plan", "id", "status", "gap")


def status(data_dir: DataDir, options: StatusOptions) -> Outcome:
    from hitrack import periods, progress

    if options.as_of is not None and not periods.PERIOD_RE.match(options.as_of):
        return Outcome(
            "",
            f"hitrack: --as-of {options.as_of!r}: write a year (2019) or a quarter (2020-Q2)\n",
            EXIT_USAGE,
        )
    dataset, problems = load_for_reading(data_dir)
    if has_errors(problems) or dataset is None:
        return problems_outcome(data_dir, problems, options.lang)
    zone = _zone(dataset, options.zone)
    if isinstance(zone, Outcome):
        return zone
    as_of = options.as_of or progress.latest_period(dataset)
    if options.explain is not None:
        return _explain(dataset, options.explain, as_of, zone, options.lang)
    assessments = _sorted(progress.assess_all(dataset, as_of, zone), options.sort)
    from hitrack.render.status import FORMATS, StatusReport

    report = StatusReport(dataset, as_of, assessments, zone)
    text = FORMATS[options.fmt]().render(report, options.lang, options.width)
    return Outcome(text, bundled_note(data_dir, options.lang), EXIT_CLEAN)


def _zone(dataset: Any, option: str | None) -> str | Outcome | None:
    """The zone id an option names (by id or by name), or a usage error."""
    if option is None:
        return None
    for zone in dataset.plan.zones:
        if option in (zone.id, zone.name, zone.name_en) or zone.name.startswith(option):
            return str(zone.id)
    known = ", ".join(f"{z.id} ({z.name})" for z in dataset.plan.zones) or "none"
    return Outcome(
        "", f"hitrack: --zone {option!r} is not a zone of this plan; zones: {known}\n", EXIT_USAGE
    )


def _sorted(assessments: list[Any], key: str) -> list[Any]:
    from hitrack.progress import SEVERITY

    if key == "id":
        return sorted(assessments, key=lambda a: a.target.id)
    if key == "status":
        return sorted(assessments, key=lambda a: SEVERITY[a.status])
    if key == "gap":
        # Largest share still to go first; met and unknown targets last.
        def remaining(a: Any) -> Any:
            from decimal import Decimal

            if a.percent is None:
                return Decimal("Infinity")
            return a.percent

        return sorted(assessments, key=remaining)
    return assessments


def _explain(dataset: Any, target_id: str, as_of: str, zone: str | None, lang: Lang) -> Outcome:
    import difflib

    from hitrack import progress
    from hitrack.render import escape
    from hitrack.render.status import status_words, target_words

    targets = {t.id: t for t in dataset.targets.targets}
    if target_id not in targets:
        close = difflib.get_close_matches(target_id, list(targets), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; targets: {', '.join(targets)}"
        return Outcome("", f"hitrack: --explain: no target {target_id!r}{hint}\n", EXIT_USAGE)
    target = targets[target_id]
    if target.zone_scope == "each" and zone is None:
        per_zone = [progress.assess(dataset, target, as_of, z.id) for z in dataset.plan.zones]
        result = progress.roll_up(target, as_of, per_zone)
    else:
        result = progress.assess(dataset, target, as_of, zone)
    lines = [
        f"{target.id}: {target.name} / {target.name_en}",
        f"target: {target_words(target, lang)} by {result.deadline} ({target.kind}, "
        f"{target.comparator or 'milestone'})",
        f"quote: 「{target.quote}」",
        f"as of: {as_of}" + (f", zone {zone}" if zone else ""),
    ]
    lines += [f"{n}. {step}" for n, step in enumerate(result.steps, 1)]
    lines.append(
        f"=> {status_words(result.status, lang)}" + (f" ({result.reason})" if result.reason else "")
    )
    if result.sample:
        lines.append("note: the values used are illustrative samples, not real statistics")
    return Outcome("\n".join(escape.terminal(line) for line in lines) + "\n")
