"""`hitrack status`: every target's standing as a table, JSON, markdown or CSV; by zone;
as a period matrix; or every step for one target (`--explain`)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from hitrack.commands.common import (
    Outcome,
    bundled_note,
    escape_terminal,
    load_for_zone,
    usage,
)
from hitrack.core.periods import Period
from hitrack.core.problems import (
    EXIT_CLEAN,
    EXIT_USAGE,
)
from hitrack.i18n import Lang, word
from hitrack.load.datadir import DataDir

if TYPE_CHECKING:
    from hitrack.core.model import Dataset


@dataclasses.dataclass(frozen=True)
class StatusOptions:
    fmt: str = "table"
    as_of: Period | None = None
    """Checked where it is parsed (the CLI)."""
    sort: str = "plan"
    zone: str | None = None
    explain: str | None = None
    lang: Lang = "en"
    width: int | None = None
    by: str | None = None
    """"zone": one block per zone, then the roll-up."""
    periods: bool = False
    """The period matrix: a column per reported period."""
    owner: str | None = None
    """Only the targets this owner (id or name) leads or cooperates on."""
    section: str | None = None
    """Only the targets of this section (id or title) of the plan."""


SORTS = ("plan", "id", "status", "gap")


def remembered(options: StatusOptions) -> dict[str, object]:
    """The options as JSON values, kept by `memo.remember` for the next run of the line."""
    return dataclasses.asdict(options)


def recalled(fields: object) -> StatusOptions | None:
    """The options `remembered` gave (read back by `memo.recall`), checked field by field
    as the CLI makes them; None for anything else."""
    from hitrack.core.formats import MIN_WIDTH, GroupBy, Language, SortKey, StatusFormat

    if not isinstance(fields, dict) or set(fields) != set(_KINDS):
        return None
    choices: dict[str, tuple[object, ...]] = {
        "fmt": tuple(f.value for f in StatusFormat),
        "sort": tuple(k.value for k in SortKey),
        "by": (None, *(g.value for g in GroupBy)),
        "lang": tuple(lang.value for lang in Language),
    }
    for name, value in fields.items():
        if type(value) not in _KINDS[name] or value not in choices.get(name, (value,)):
            return None
    width = fields["width"]
    if width is not None and width < MIN_WIDTH:
        return None
    as_of = fields["as_of"]
    try:
        period = None if as_of is None else Period(as_of)
    except ValueError:
        return None
    return StatusOptions(**{**fields, "as_of": period})


_KINDS: dict[str, tuple[type, ...]] = {
    "fmt": (str,),
    "as_of": (str, type(None)),
    "sort": (str,),
    "zone": (str, type(None)),
    "explain": (str, type(None)),
    "lang": (str,),
    "width": (int, type(None)),
    "by": (str, type(None)),
    "periods": (bool,),
    "owner": (str, type(None)),
    "section": (str, type(None)),
}
"""The JSON types of each option (`recalled`); a test keeps them in step with the fields."""


def status(data_dir: DataDir, options: StatusOptions) -> Outcome:
    from hitrack.engine import progress

    refused = _refused(options)
    if refused is not None:
        return usage(refused)
    loaded = load_for_zone(data_dir, options.zone, options.lang)
    if isinstance(loaded, Outcome):
        return loaded
    dataset, zone = loaded
    as_of = options.as_of or progress.latest_period(dataset)
    if options.explain is not None:
        return _explain(dataset, options.explain, as_of, zone, options.lang)
    from hitrack.render import grouping

    picked = grouping.pick(dataset.plan, options.owner, options.section, options.lang)
    if isinstance(picked, str):
        return Outcome("", escape_terminal(picked), EXIT_USAGE)
    if options.by == "zone":
        return _status_by_zone(data_dir, dataset, options, as_of, zone)
    lacking = grouping.lacking(dataset.plan, options.by)
    if lacking:
        return Outcome("", lacking, EXIT_USAGE)
    with progress.bulk():
        assessments = _sorted(progress.assess_all(dataset, as_of, zone), options.sort)
    assessments = grouping.only(assessments, *picked)
    if options.by in grouping.GROUPINGS:
        from hitrack.render.groups import FORMATS as GROUP_FORMATS
        from hitrack.render.groups import GroupBlocks
        from hitrack.render.status import StatusReport

        blocks = GroupBlocks(
            options.by,
            grouping.groups_of(options.by, dataset.plan, assessments),
            StatusReport(dataset, as_of, assessments, zone),
        )
        text = GROUP_FORMATS[options.fmt]().render(blocks, options.lang, options.width)
        return Outcome(text, bundled_note(data_dir, options.lang), EXIT_CLEAN)
    if options.periods:
        from hitrack.render import period_matrix

        matrix = period_matrix.build(dataset, as_of, assessments, zone)
        text = period_matrix.FORMATS[options.fmt](matrix, options.lang)
        return Outcome(text, bundled_note(data_dir, options.lang), EXIT_CLEAN)
    from hitrack.render.status import FORMATS, StatusReport

    report = StatusReport(dataset, as_of, assessments, zone)
    text = FORMATS[options.fmt]().render(report, options.lang, options.width)
    return Outcome(text, bundled_note(data_dir, options.lang), EXIT_CLEAN)


def _refused(options: StatusOptions) -> str | None:
    """Why these options do not go together, or None: an option the chosen output does not
    honour is a usage error, never silently dropped."""
    lang = options.lang
    if options.explain is not None:
        if options.fmt != "table":
            return word("explain_prints_text", lang).format(fmt=options.fmt)
        for given, option in ((options.by, "--by"), (options.periods, "--periods")):
            if given:
                return word("explain_one_target", lang).format(option=option)
    if options.periods and options.by is not None:
        return word("periods_not_by", lang).format(by=options.by)
    return None


def _status_by_zone(
    data_dir: DataDir, dataset: Dataset, options: StatusOptions, as_of: str, zone: str | None
) -> Outcome:
    """`status --by zone`: a block per zone (or only the --zone one), then the roll-up."""
    from hitrack.engine import progress
    from hitrack.render.by_zone import FORMATS, ZoneBlocks
    from hitrack.render.status import StatusReport

    if not dataset.plan.zones:
        return Outcome(
            "", "hitrack: --by zone: this plan lists no zones (plan.zones)\n", EXIT_USAGE
        )
    from hitrack.render import grouping

    picked = grouping.pick(dataset.plan, options.owner, options.section, options.lang)
    assert not isinstance(picked, str)  # checked by `status`
    with progress.bulk():
        per_zone = progress.assess_by_zone(dataset, as_of, None if zone is None else [zone])
        total = _sorted(progress.assess_all(dataset, as_of), options.sort)
    blocks = ZoneBlocks(
        zones=[
            (
                z,
                StatusReport(
                    dataset, as_of, grouping.only(_sorted(found, options.sort), *picked), z.id
                ),
            )
            for z, found in per_zone
        ],
        total=StatusReport(dataset, as_of, grouping.only(total, *picked)),
    )
    text = FORMATS[options.fmt]().render(blocks, options.lang, options.width)
    return Outcome(text, bundled_note(data_dir, options.lang), EXIT_CLEAN)


def _sorted(assessments: list[Any], key: str) -> list[Any]:
    from hitrack.engine.progress import SEVERITY

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


def _zone_name(dataset: Any, zone: str | None, lang: Lang) -> str:
    """How a sentence in `lang` names a zone: in Chinese by its name (大连高新区, not
    dalian), in English by its id as before; the id when the plan does not list it."""
    from hitrack.i18n import pick

    for record in dataset.plan.zones:
        if record.id == zone:
            return pick(lang, str(record.name), str(record.id))
    return str(zone)


def _explain(dataset: Any, target_id: str, as_of: str, zone: str | None, lang: Lang) -> Outcome:
    import difflib

    from hitrack.engine import progress
    from hitrack.i18n import reason_words, step_words
    from hitrack.render import escape, grouping
    from hitrack.render.status import READING_MARK, status_words, target_words

    targets = {t.id: t for t in dataset.targets.targets}
    found = grouping.matching(
        target_id, ((t.id, (t.name, t.name_en, *t.aliases)) for t in targets.values())
    )
    if len(found) > 1:
        message = grouping.ambiguous("--explain", target_id, found, lang)
        return Outcome("", escape.terminal(message), EXIT_USAGE)
    if not found:
        close = difflib.get_close_matches(target_id, list(targets), n=1)
        if close:
            told = word("unknown_explain", lang).format(value=repr(target_id), close=repr(close[0]))
        else:
            told = word("unknown_explain_list", lang).format(
                value=repr(target_id), known=", ".join(targets)
            )
        return Outcome("", escape.terminal("hitrack: " + told), EXIT_USAGE)
    target = targets[found[0]]
    result = progress.assess_target(dataset, target, as_of, zone)
    if result is None:
        message = "hitrack: " + word("explain_other_zone", lang).format(
            target=target.id,
            zone=_zone_name(dataset, target.zone, lang),
            named=_zone_name(dataset, zone, lang),
        )
        return Outcome("", escape.terminal(message) + "\n", EXIT_USAGE)
    by = target_words(target, lang) + word("explain_by", lang).format(deadline=result.deadline)
    lines = [
        f"{target.id}: {target.name} / {target.name_en}",
        f"{word('explain_target', lang)}{by} ({target.kind}, {target.comparator or 'milestone'})",
        f"{word('explain_quote', lang)}「{target.quote}」",
        *grouping.explain_lines(dataset.plan, target, lang),
        *(
            [f"{READING_MARK} {word('explain_reading', lang)}{target.note}"]
            if target.reading
            else []
        ),
        f"{word('explain_as_of', lang)}{as_of}"
        + (word("explain_zone", lang).format(zone=_zone_name(dataset, zone, lang)) if zone else ""),
    ]
    # Each step and reason ends with its rule code, as README's method section names it.
    lines += [
        f"{n}. {step_words(*step, lang)} [{step[0]}]" for n, step in enumerate(result.steps, 1)
    ]
    reason = ""
    if result.reason_code:
        words = reason_words(result.reason_code, result.reason_params, lang)
        reason = word("in_parentheses", lang).format(words)
        reason += f" [{result.reason_code}]"
    lines.append(f"=> {status_words(result.status, lang)}{reason}")
    if result.sample:
        lines.append(word("explain_sample", lang))
    return Outcome("\n".join(escape.terminal(line) for line in lines) + "\n")
