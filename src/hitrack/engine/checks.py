"""Cross-field and cross-file rules. Each `check_*` yields problems; `CHECKS` lists them all.

A rule sees the validated dataset and the YAML trees (for lines). Rules run only on files
that passed validation, so each can trust the types of what it reads.
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from itertools import compress, count, pairwise, repeat
from typing import Any

from hitrack.core import model, periods, units
from hitrack.core.problems import PER_CODE_AND_FILE, Collector, Problem, said
from hitrack.engine import kinds
from hitrack.engine import references as reference_series
from hitrack.engine import register as registers
from hitrack.load.datadir import DataDir
from hitrack.load.loader import PLATFORMS, TARGETS, Loaded
from hitrack.load.tabular import GROUP_MARK
from hitrack.load.validation import SourceFile


@dataclasses.dataclass
class Context:
    dataset: model.Dataset
    files: dict[str, SourceFile]
    data_dir: DataDir | None = None
    today: datetime.date | None = None
    """The date the date rules compare with; None: the clock's."""
    problems: Collector | None = None
    """Where the problems go, for a rule that finds many to ask whether one is only counted."""

    @property
    def targets_file(self) -> SourceFile:
        return self.files[TARGETS]

    @property
    def target_ids(self) -> dict[str, model.Target]:
        return {t.id: t for t in self.dataset.targets.targets}

    @property
    def zone_ids(self) -> set[str]:
        return {z.id for z in self.dataset.plan.zones}


Check = Callable[[Context], Iterable[Problem]]


def run_checks(
    loaded: Loaded, *, today: datetime.date | None = None, warnings: bool = True
) -> list[Problem]:
    """Every problem of `loaded`: those found reading the files, then the rules'.
    `today`: the date the plausibility rules compare dates with (default: the clock's).
    `warnings` False: without the rules that only ever warn (`WARNING_ONLY`), for commands
    that show errors only; the errors are the same."""
    problems = Collector()
    problems.extend(loaded.problems)
    if loaded.dataset is not None and TARGETS in loaded.files:
        context = Context(loaded.dataset, loaded.files, loaded.data_dir, today, problems)
        # As in loading (loader.py): the cyclic GC would rescan every loaded record.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for check in CHECKS:
                if warnings or check not in WARNING_ONLY:
                    problems.extend(check(context))
        finally:
            if gc_was_enabled:
                gc.enable()
    return sorted(problems.problems(), key=lambda p: (p.file, p.line, p.col, p.code))


def _duplicates(
    source: SourceFile, path: tuple[Any, ...], ids: list[str], what: str
) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        if item_id in first:
            line = source.at(*path, first[item_id])[0]
            yield source.problem(
                (*path, index, "id"),
                "duplicate-id",
                said("duplicate-id", what=what, id=repr(item_id), line=line),
            )
        else:
            first[item_id] = index


def check_unique_ids(ctx: Context) -> Iterator[Problem]:
    """Targets, zones, categories, sections and platforms each have unique ids."""
    tfile = ctx.targets_file
    yield from _duplicates(
        tfile, ("targets",), [t.id for t in ctx.dataset.targets.targets], "target"
    )
    yield from _duplicates(tfile, ("plan", "zones"), [z.id for z in ctx.dataset.plan.zones], "zone")
    plan = ctx.dataset.plan
    refs = ctx.dataset.targets.references
    yield from _duplicates(tfile, ("references",), [r.id for r in refs], "reference")
    target_ids = {t.id for t in ctx.dataset.targets.targets}
    for index, ref in enumerate(refs):
        if ref.id in target_ids:
            yield tfile.problem(
                ("references", index, "id"),
                "duplicate-id",
                said("reference-is-target", id=repr(ref.id)),
            )
    yield from _duplicates(tfile, ("plan", "owners"), [o.id for o in plan.owners], "owner")
    yield from _duplicates(tfile, ("plan", "sections"), [s.id for s in plan.sections], "section")
    register = ctx.dataset.platforms
    if register is not None and PLATFORMS in ctx.files:
        pfile = ctx.files[PLATFORMS]
        for path, what, items in (
            ("categories", "category", register.categories),
            ("sections", "section", register.sections),
            ("platforms", "platform", register.platforms),
        ):
            yield from _duplicates(pfile, (path,), [i.id for i in items], what)


def check_plan_window(ctx: Context) -> Iterator[Problem]:
    """The plan starts before its deadline and every target's deadline lies in the window."""
    plan = ctx.dataset.plan
    start, end = periods.sort_key(plan.start), periods.sort_key(plan.deadline)
    if start > end:
        yield ctx.targets_file.problem(
            ("plan", "start"),
            "plan-window",
            said("plan-start-late", start=plan.start, deadline=plan.deadline),
        )
    for index, target in enumerate(ctx.dataset.targets.targets):
        if target.deadline and not start <= periods.sort_key(target.deadline) <= end:
            yield ctx.targets_file.problem(
                ("targets", index, "deadline"),
                "plan-window",
                said(
                    "deadline-outside",
                    period=target.deadline,
                    start=plan.start,
                    deadline=plan.deadline,
                ),
            )
        if target.start is not None:
            own = periods.sort_key(target.start)
            due = target.deadline or plan.deadline
            if not start <= own <= end:
                yield ctx.targets_file.problem(
                    ("targets", index, "start"),
                    "plan-window",
                    said(
                        "start-outside",
                        period=target.start,
                        start=plan.start,
                        deadline=plan.deadline,
                    ),
                )
            elif own > periods.sort_key(due):
                yield ctx.targets_file.problem(
                    ("targets", index, "start"),
                    "plan-window",
                    said("start-late", period=target.start, deadline=due),
                )
        first = periods.sort_key(target.start or plan.start)
        due = target.deadline or plan.deadline
        for at, point in enumerate(target.path):
            if not first < periods.sort_key(point.period) < periods.sort_key(due):
                yield ctx.targets_file.problem(
                    ("targets", index, "path", at, "period"),
                    "plan-window",
                    said(
                        "path-outside",
                        period=point.period,
                        start=target.start or plan.start,
                        deadline=due,
                    ),
                )


def check_target_fields(ctx: Context) -> Iterator[Problem]:
    """Each target has the fields its kind and comparator need, and no others."""
    for index, target in enumerate(ctx.dataset.targets.targets):
        for path, message in _target_field_errors(target, ctx):
            yield ctx.targets_file.problem(("targets", index, *path), "target-fields", message)


def _target_field_errors(
    target: model.Target, ctx: Context
) -> Iterator[tuple[tuple[Any, ...], str]]:
    spec = kinds.kind_of(target)
    needs, refuses = spec.needs, spec.refuses
    kind = target.kind
    for name in needs:
        if getattr(target, name) is None:
            hinted = f"kind-needs-{name}" if name in _NEEDS_HINTS else "kind-needs"
            yield (), said(hinted, kind=kind, name=name)
    for name in refuses:
        if getattr(target, name) is not None:
            yield (name,), said("kind-refuses", kind=kind, name=name)
    if spec.unit and target.unit and target.unit != spec.unit:
        yield ("unit",), said("kind-unit", kind=kind, unit=spec.unit, written=target.unit)
    table = ctx.dataset.plan.unit_table
    if spec.counts and target.unit and not units.is_count(target.unit, table):
        yield ("unit",), said("register-unit", unit=target.unit)
    comparator = target.comparator
    if target.against is not None:
        yield from _against_errors(target, ctx)
    elif comparator == "between":
        if target.low is None or target.high is None:
            yield (), said("between-needs-range")
        elif target.low > target.high:
            yield ("low",), said("low-above-high", low=target.low, high=target.high)
        if target.value is not None:
            yield ("value",), said("between-has-value")
        if target.upper_binds is None:
            yield (), said("between-needs-upper-binds")
    elif comparator in model.DIRECTIONS:
        yield from _direction_errors(target, spec)
    elif comparator is not None:
        if target.value is None:
            yield (), said("comparator-needs-value", comparator=comparator)
        for name in ("low", "high", "upper_binds"):
            if getattr(target, name) is not None:
                yield (name,), said("between-only", name=name)
    if comparator == "approx" and target.tolerance is None and target.against is None:
        yield (), said("approx-needs-tolerance")
    if comparator != "approx" and target.tolerance is not None:
        yield ("tolerance",), said("approx-only")
    if target.tolerance is not None and target.tolerance < 0:
        yield ("tolerance",), said("negative-tolerance")
    baseline = target.baseline
    if (
        baseline is not None
        and not spec.multiple
        and baseline.unit
        and not units.compatible(baseline.unit, kinds.baseline_unit(target), table)
    ):
        yield (
            ("baseline", "unit"),
            said("baseline-unit", unit=baseline.unit, target_unit=target.unit),
        )
    if baseline is not None and spec.multiple and baseline.unit is None:
        yield ("baseline",), said("relative-baseline-unit")
    if baseline is not None:
        yield from _baseline_source_errors(baseline)
    yield from _stated_errors(target, table)
    yield from _owner_errors(target)
    if target.flow and not spec.flow:
        flows = " and ".join(k.name for k in kinds.KINDS.values() if k.flow)
        yield ("flow",), said("flow-only", flows=flows, kind=kind)
    if target.against is not None and (target.path or target.every_period):
        yield ("path",) if target.path else ("every_period",), said("against-no-path")
    if target.path:
        yield from _path_errors(target, spec)
    if target.every_period and not spec.holds:
        holding = ", ".join(k.name for k in kinds.KINDS.values() if k.holds)
        yield ("every_period",), said("every-period-only", holding=holding, kind=kind)
    if target.reading and target.note is None:
        yield ("reading",), said("reading-needs-note")
    if target.zone is not None and target.zone_scope == "each":
        yield ("zone",), said("one-zone-and-each")
    if target.zone_scope == "each" and not ctx.dataset.plan.zones:
        yield ("zone_scope",), said("each-needs-zones")


def _against_errors(target: model.Target, ctx: Context) -> Iterator[tuple[tuple[Any, ...], str]]:
    """A target against a reference series: a level or share compared with gt/gte/lt/lte,
    in a unit the reference converts to, and no value of its own."""
    if not kinds.kind_of(target).compared:
        which = " and ".join(k.name for k in kinds.KINDS.values() if k.compared)
        yield ("against",), said("against-kind", kind=target.kind, which=which)
    if target.comparator not in reference_series.COMPARATORS:
        yield ("comparator",), said("against-comparator")
    for name in ("value", "low", "high", "upper_binds"):
        if getattr(target, name) is not None:
            yield (name,), said("against-field", name=name)
    if target.margin is not None and target.margin < 0:
        yield ("margin",), said("against-margin-negative")
    reference = reference_series.by_id(ctx.dataset).get(target.against or "")
    table = ctx.dataset.plan.unit_table
    if (
        reference is not None
        and target.unit
        and not units.compatible(reference.unit, target.unit, table)
    ):
        yield (
            ("against",),
            said("against-unit", id=reference.id, unit=reference.unit, target_unit=target.unit),
        )


def check_references(ctx: Context) -> Iterator[Problem]:
    """Targets compared against a reference series name one of `references`."""
    known = reference_series.by_id(ctx.dataset)
    listed = ", ".join(known)
    for index, target in enumerate(ctx.dataset.targets.targets):
        if target.margin is not None and target.against is None:
            yield ctx.targets_file.problem(
                ("targets", index, "margin"),
                "target-fields",
                said("margin-without-against"),
            )
        if target.against is not None and target.against not in known:
            yield ctx.targets_file.problem(
                ("targets", index, "against"),
                "unknown-reference",
                said("reference-unknown", name=repr(target.against), known=listed)
                if listed
                else said("reference-none", name=repr(target.against)),
            )


#: The fields whose "needs" message says more (`kind-needs-<field>` in problems.MESSAGES).
_NEEDS_HINTS = {"baseline"}


def _baseline_source_errors(baseline: model.Baseline) -> Iterator[tuple[tuple[str, ...], str]]:
    """A baseline the plan does not state names its source: title, issuer, year, and where."""
    cited = [name for name in ("issuer", "year", "page", "url") if getattr(baseline, name)]
    if baseline.source is None:
        for name in cited:
            yield ("baseline", name), said("baseline-cites-without-source", name=name)
        return
    if baseline.quote is not None or baseline.sample:
        return  # stated by the plan (traced to it), or a sample standing in for a statistic
    missing = [n for n in ("issuer", "year") if getattr(baseline, n) is None]
    if baseline.page is None and baseline.url is None:
        missing.append("page or url")
    if missing:
        yield (
            ("baseline", "source"),
            said(
                "baseline-source-incomplete",
                fields=", ".join(f"`{m}`" if " " not in m else "`page` or `url`" for m in missing),
            ),
        )


def _stated_errors(
    target: model.Target, table: units.Table
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """A doubling's stated level goes the target's way, in a unit its baseline converts to."""
    stated, baseline = target.stated, target.baseline
    if stated is None:
        return
    down = ("lt", "lte")
    if target.comparator not in ("gt", "gte", *down):
        yield ("stated",), said("stated-comparator")
    elif (stated.comparator in down) != (target.comparator in down):
        yield (
            ("stated", "comparator"),
            said("stated-other-way", stated=stated.comparator, comparator=target.comparator),
        )
    if (
        baseline is not None
        and baseline.unit
        and not units.compatible(stated.unit, baseline.unit, table)
    ):
        yield (
            ("stated", "unit"),
            said("stated-unit", unit=stated.unit, baseline_unit=baseline.unit),
        )


def _direction_errors(
    target: model.Target, spec: kinds.Kind
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """A direction-only target (逐年增加, 大幅提升) states no number to reach."""
    if not spec.directions:
        directed = ", ".join(k.name for k in kinds.KINDS.values() if k.directions)
        yield (
            ("comparator",),
            said("direction-kind", comparator=target.comparator, kinds=directed, kind=target.kind),
        )
    for name in ("value", "low", "high", "upper_binds"):  # tolerance, stated: said below
        if getattr(target, name) is not None:
            yield (
                (name,),
                said("direction-no-number", comparator=target.comparator, name=name),
            )
    if target.path:
        yield ("path",), said("direction-no-path", comparator=target.comparator)


def _path_errors(target: model.Target, spec: kinds.Kind) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Interim values belong to kinds measured on a path, in period order, one per period."""
    if not spec.paths:
        pathed = ", ".join(k.name for k in kinds.KINDS.values() if k.paths)
        yield (
            ("path",),
            said("path-kind", kinds=pathed, kind=target.kind),
        )
        return
    if target.comparator == "between":
        yield ("path",), said("path-between")
    for at, (before, point) in enumerate(pairwise(target.path), start=1):
        if periods.sort_key(point.period) <= periods.sort_key(before.period):
            yield (
                ("path", at, "period"),
                said("path-order", period=point.period, before=before.period),
            )


def _owner_errors(target: model.Target) -> Iterator[tuple[tuple[Any, ...], str]]:
    seen: set[str] = set()
    for index, owner in enumerate(target.owners):
        if owner.id in seen:
            yield ("owners", index, "id"), said("owner-twice", id=repr(owner.id))
        seen.add(owner.id)
    if target.owners and not any(o.role == "lead" for o in target.owners):
        yield ("owners",), said("no-lead-owner")
    if target.owners_quote is not None and not target.owners:
        yield ("owners_quote",), said("owners-quote-without-owners")


def check_owners_sections(ctx: Context) -> Iterator[Problem]:
    """Targets' owners and sections name departments and chapters the plan lists, and each
    owner's name stands in the owners' quote."""
    plan = ctx.dataset.plan
    owners = {o.id: o for o in plan.owners}
    sections = {s.id for s in plan.sections}
    known_owners = ", ".join(owners) or "none: the plan lists no owners (plan.owners)"
    known_sections = ", ".join(sections) or "none: the plan lists no sections (plan.sections)"
    tfile = ctx.targets_file
    for index, target in enumerate(ctx.dataset.targets.targets):
        for at, ref in enumerate(target.owners):
            owner = owners.get(ref.id)
            if owner is None:
                yield tfile.problem(
                    ("targets", index, "owners", at, "id"),
                    "unknown-owner",
                    said("unknown-owner", id=repr(ref.id), known=known_owners),
                )
            elif target.owners_quote is not None and owner.name not in target.owners_quote:
                yield tfile.problem(
                    ("targets", index, "owners", at, "id"),
                    "owner-not-in-quote",
                    said(
                        "owner-not-in-quote",
                        name=repr(owner.name),
                        id=ref.id,
                        quote=repr(target.owners_quote),
                    ),
                )
        if target.section is not None and target.section not in sections:
            yield tfile.problem(
                ("targets", index, "section"),
                "unknown-section",
                said("unknown-section", id=repr(target.section), known=known_sections),
            )


def check_target_zones(ctx: Context) -> Iterator[Problem]:
    """A target of one zone names a zone of the plan."""
    known = ", ".join(sorted(ctx.zone_ids)) or "none: the plan has no zones"
    for index, target in enumerate(ctx.dataset.targets.targets):
        if target.zone is not None and target.zone not in ctx.zone_ids:
            yield ctx.targets_file.problem(
                ("targets", index, "zone"),
                "unknown-zone",
                said("unknown-zone", id=repr(target.zone), known=known),
            )


_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_CN_RE = re.compile(r"[零〇一二两三四五六七八九十百千万]+")
_DOUBLINGS = {"翻一番": Decimal(2), "翻两番": Decimal(4), "翻三番": Decimal(8), "倍增": Decimal(2)}
_DOUBLINGS.update({"增长一倍": Decimal(2), "提高一倍": Decimal(2), "翻番": Decimal(2)})


def numbers_in(text: str) -> set[Decimal]:
    """Every number a sentence states, in digits, Chinese numerals or 翻番 form."""
    found = {Decimal(m) for m in _NUMBER_RE.findall(text.replace(",", ""))}
    for chunk in _CN_RE.findall(text):
        value = model.chinese_numeral(chunk)
        if value is not None:
            found.add(Decimal(value))
    found.update(v for word, v in _DOUBLINGS.items() if word in text)
    return found


def check_quotes(ctx: Context) -> Iterator[Problem]:
    """Every number of a target (and of a section count) is stated in its quote."""
    for index, target in enumerate(ctx.dataset.targets.targets):
        stated = numbers_in(target.quote)
        for name in ("value", "low", "high"):
            number = getattr(target, name)
            if number is not None and number not in stated:
                yield ctx.targets_file.problem(
                    ("targets", index, name),
                    "number-not-in-quote",
                    said(
                        "number-not-in-quote", field=name, number=number, quote=repr(target.quote)
                    ),
                )
        for at, point in enumerate(target.path):
            year = Decimal(periods.year(point.period))
            for name, number in (("value", point.value), ("period", year)):
                if number not in stated:
                    yield ctx.targets_file.problem(
                        ("targets", index, "path", at, name),
                        "number-not-in-quote",
                        said(
                            "path-not-in-quote",
                            field=name,
                            number=number,
                            period=point.period,
                            value=point.value,
                            quote=repr(target.quote),
                        ),
                    )
        if target.stated is not None and target.stated.value not in stated:
            yield ctx.targets_file.problem(
                ("targets", index, "stated", "value"),
                "number-not-in-quote",
                said("stated-not-in-quote", number=target.stated.value, quote=repr(target.quote)),
            )
        baseline = target.baseline
        # A baseline from outside the document (`source`, no quote) has nothing to trace.
        if baseline is not None and (baseline.quote is not None or baseline.source is None):
            quote = baseline.quote or target.quote
            if baseline.value not in numbers_in(quote):
                yield ctx.targets_file.problem(
                    ("targets", index, "baseline", "value"),
                    "number-not-in-quote",
                    said("baseline-not-in-quote", number=baseline.value, quote=repr(quote)),
                )
    register = ctx.dataset.platforms
    if register is not None and PLATFORMS in ctx.files:
        for index, section in enumerate(register.sections):
            if section.count not in numbers_in(section.quote):
                yield ctx.files[PLATFORMS].problem(
                    ("sections", index, "count"),
                    "number-not-in-quote",
                    said("count-not-in-quote", number=section.count, quote=repr(section.quote)),
                )


def check_quote_agrees(ctx: Context) -> Iterator[Problem]:
    """Each target's comparator, unit and kind agree with what its quote says (phrases.py):
    an error where the quote's words contradict the field, a warning where the field reads
    more into the quote than it states, unless the target records the reading."""
    from hitrack.engine import phrases

    for index, target in enumerate(ctx.dataset.targets.targets):
        for found in phrases.disagreements(target):
            problem = ctx.targets_file.problem(
                ("targets", index, found.field), "quote-disagrees", found.message
            )
            yield dataclasses.replace(problem, severity=found.severity)


def check_source_quotes(ctx: Context) -> Iterator[Problem]:
    """Every quote is in the plan's source document (see source.py); a document that cannot
    be traced is a warning, one that is refused or differs from its pin an error."""
    from hitrack.load import source

    plan = ctx.dataset.plan
    if ctx.data_dir is None or plan.source is None:
        return
    if not source.is_file_name(plan.source):
        yield ctx.targets_file.problem(
            ("plan", "source"),
            "invalid-value",
            said("source-is-a-path", source=repr(plan.source)),
        )
        return
    document = source.load_source(ctx.data_dir, plan.source)
    assert document is not None
    if document.refused:
        yield ctx.targets_file.problem(
            ("plan", "source"),
            "source-refused",
            said("source-refused", source=document.name, why=document.why_not),
        )
        return
    pinned = plan.source_sha256
    if pinned is not None and document.sha256 is not None and document.sha256 != pinned:
        yield ctx.targets_file.problem(
            ("plan", "source_sha256"),
            "source-changed",
            said("source-changed", source=document.name, sha256=document.sha256, pinned=pinned),
        )
    if document.text is None:
        yield dataclasses.replace(
            ctx.targets_file.problem(
                ("plan", "source"),
                "source-untraced",
                said("source-untraced", source=document.name, why=document.why_not),
            ),
            severity="warning",
        )
        return
    quotes = [(file, path, source.compact(quote)) for file, path, quote in _quotes(ctx)]
    # Each distinct quote is looked up once, in time linear in the document (source.Tracer).
    tracer = source.Tracer(document.text)
    wrong, complete = tracer.missing(wanted for _, _, wanted in quotes)
    # Where a quote departs from the source is worked out first for the quotes that are
    # listed (the first of each file, see problems.PER_CODE_AND_FILE), within a budget.
    listed: dict[str, int] = {}
    first: list[str] = []
    rest: list[str] = []
    wrong_set = set(wrong)
    for file, _, wanted in quotes:
        if wanted in wrong_set:
            seen = listed[file.name] = listed.get(file.name, 0) + 1
            (first if seen <= PER_CODE_AND_FILE else rest).append(wanted)
    missing = tracer.departures([*first, *rest])
    for file, path, wanted in quotes:
        if wanted not in missing:
            continue
        same = missing[wanted]
        if same is None:  # tracing stopped before it was known
            message = said("quote-not-found", source=document.name)
        elif same:
            message = said(
                "quote-differs",
                source=document.name,
                matched=repr(wanted[max(0, same - 12) : same]),
                differs=repr(wanted[same : same + 12]),
            )
        else:
            message = said("quote-not-in-source", source=document.name)
        yield file.problem(path, "quote-not-in-source", message)
    if not complete:
        yield dataclasses.replace(
            ctx.targets_file.problem(
                ("plan", "source"),
                "source-untraced",
                said(
                    "tracing-stopped",
                    source=document.name,
                    count=len({w for _, _, w in quotes if w}),
                    budget=f"{tracer.budget:,}",
                ),
            ),
            severity="warning",
        )


def _quotes(ctx: Context) -> Iterator[tuple[SourceFile, tuple[Any, ...], str]]:
    for index, target in enumerate(ctx.dataset.targets.targets):
        yield ctx.targets_file, ("targets", index, "quote"), target.quote
        if target.baseline is not None and target.baseline.quote is not None:
            path = ("targets", index, "baseline", "quote")
            yield ctx.targets_file, path, target.baseline.quote
        if target.owners_quote is not None:
            yield ctx.targets_file, ("targets", index, "owners_quote"), target.owners_quote
    for index, chapter in enumerate(ctx.dataset.plan.sections):
        yield ctx.targets_file, ("plan", "sections", index, "title"), chapter.title
    register = ctx.dataset.platforms
    if register is None or PLATFORMS not in ctx.files:
        return
    pfile = ctx.files[PLATFORMS]
    for index, section in enumerate(register.sections):
        yield pfile, ("sections", index, "quote"), section.quote
    for index, platform in enumerate(register.platforms):
        if platform.quote is not None:
            yield pfile, ("platforms", index, "quote"), platform.quote


def check_register(ctx: Context) -> Iterator[Problem]:
    """Platforms and sections name known categories and zones; section counts add up."""
    register = ctx.dataset.platforms
    for index, target in enumerate(ctx.dataset.targets.targets):
        if not kinds.kind_of(target).counted or target.register is None:
            continue
        if register is None:
            yield ctx.targets_file.problem(
                ("targets", index, "register"),
                "no-register",
                said("no-register"),
            )
        rule = target.register
        if rule.level is not None and rule.min_level is not None:
            yield ctx.targets_file.problem(
                ("targets", index, "register", "min_level"),
                "target-fields",
                said("register-level-both"),
            )
        if rule.min_level == "unspecified":
            yield ctx.targets_file.problem(
                ("targets", index, "register", "min_level"),
                "target-fields",
                said("register-min-unspecified"),
            )
        if register is not None and rule.new:
            undated = [p.id for p in registers.matching(register, rule) if p.designated is None]
            if undated:
                yield ctx.targets_file.problem(
                    ("targets", index, "register", "new"),
                    "target-fields",
                    said(
                        "register-new-undated",
                        count=len(undated),
                        ids=", ".join(undated[:5]) + (" ..." if len(undated) > 5 else ""),
                    ),
                )
        if (
            register is not None
            and target.register.category
            and target.register.category not in {c.id for c in register.categories}
        ):
            yield ctx.targets_file.problem(
                ("targets", index, "register", "category"),
                "unknown-category",
                said(
                    "unknown-category",
                    id=repr(target.register.category),
                    known=", ".join(c.id for c in register.categories),
                ),
            )
    if register is None or PLATFORMS not in ctx.files:
        return
    pfile = ctx.files[PLATFORMS]
    known = {c.id for c in register.categories}
    listed = ", ".join(sorted(known))
    categorised: list[tuple[str, list[str]]] = [
        ("platforms", [p.category for p in register.platforms]),
        ("sections", [s.category for s in register.sections]),
    ]
    for path, categories in categorised:
        for index, category in enumerate(categories):
            if category not in known:
                yield pfile.problem(
                    (path, index, "category"),
                    "unknown-category",
                    said("category-not-listed", id=repr(category), known=listed),
                )
    for index, platform in enumerate(register.platforms):
        if (
            platform.designated is not None
            and platform.designated_source is None
            and not platform.sample
        ):
            yield pfile.problem(
                ("platforms", index, "designated"),
                "platform-fields",
                said("platform-no-source", id=platform.id),
            )
        if platform.designated_source is not None and platform.designated is None:
            yield pfile.problem(
                ("platforms", index, "designated_source"),
                "platform-fields",
                said("platform-no-date", id=platform.id),
            )
        if platform.zone is not None and platform.zone not in ctx.zone_ids:
            yield pfile.problem(
                ("platforms", index, "zone"),
                "unknown-zone",
                said("unknown-zone-platform", id=repr(platform.zone)),
            )
    for index, section in enumerate(register.sections):
        matching = [
            p.id
            for p in register.platforms
            if p.category == section.category
            and section.level in (None, p.level)
            and section.status in (None, p.status)
        ]
        if len(matching) != section.count:
            yield pfile.problem(
                ("sections", index, "count"),
                "register-count",
                said(
                    "register-count",
                    title=repr(section.title),
                    count=section.count,
                    listed=len(matching),
                ),
            )


def unknown_unit(symbol: str) -> str:
    return said("unit-undeclared", text=repr(symbol), known=", ".join(units.UNITS))


def check_units(ctx: Context) -> Iterator[Problem]:
    """The plan's own units are well declared, and every unit of a target is built in or
    declared (the actuals' units are checked with their values, `_value_errors`)."""
    plan = ctx.dataset.plan
    tfile = ctx.targets_file
    known: dict[str, units.Unit] = dict(units.UNITS)
    for index, declared in enumerate(plan.units):
        error = units.declaration_error(declared, known)
        if error is not None:
            yield tfile.problem(("plan", "units", index), "unit-declaration", error)
            continue
        known = dict(units.declared_table(plan.units[: index + 1]))
    table = plan.unit_table
    for index, ref in enumerate(ctx.dataset.targets.references):
        if ref.unit not in table:
            yield tfile.problem(
                ("references", index, "unit"), "unknown-unit", unknown_unit(ref.unit)
            )
    for index, target in enumerate(ctx.dataset.targets.targets):
        used: list[tuple[tuple[Any, ...], str | None]] = [
            (("unit",), target.unit),
            (("series_unit",), target.series_unit),
        ]
        if target.baseline is not None:
            used.append((("baseline", "unit"), target.baseline.unit))
        if target.stated is not None:
            used.append((("stated", "unit"), target.stated.unit))
        for path, symbol in used:
            if symbol is not None and symbol not in table:
                yield tfile.problem(("targets", index, *path), "unknown-unit", unknown_unit(symbol))


def check_actuals(ctx: Context) -> Iterator[Problem]:
    """Actuals name known targets and zones, in the plan window, with convertible units."""
    plan = ctx.dataset.plan
    window = (periods.sort_key(plan.start), periods.sort_key(plan.deadline))
    seen_periods: dict[str, str] = {}
    targets = ctx.target_ids
    for reference in ctx.dataset.targets.references:
        targets.setdefault(reference.id, reference_series.as_target(reference))
    for rel, actuals in ctx.dataset.actuals:
        source = ctx.files[rel]
        stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        # A CSV file holds any periods; each becomes one record keyed `file.csv#period`.
        if stem != actuals.period and GROUP_MARK not in rel:
            yield source.problem(
                ("period",),
                "period-mismatch",
                said("period-mismatch", period=actuals.period, stem=stem),
            )
        if actuals.period in seen_periods:
            yield source.problem(
                ("period",),
                "duplicate-period",
                said("duplicate-period", period=actuals.period, file=seen_periods[actuals.period]),
            )
        seen_periods.setdefault(actuals.period, source.name)
        # Actuals may reach back one year before the plan's start: the base year.
        key = periods.sort_key(actuals.period)
        if not (window[0][0] - 1, 0, 0) <= key <= window[1]:
            yield source.problem(
                ("period",),
                "period-out-of-range",
                said(
                    "period-out-of-range",
                    period=actuals.period,
                    start=plan.start,
                    deadline=plan.deadline,
                ),
            )
        yield from _check_values(
            actuals, source, targets, ctx.zone_ids, ctx.problems, plan.unit_table
        )


def _check_values(
    actuals: model.ActualsFile,
    source: SourceFile,
    targets: dict[str, model.Target],
    zones: set[str],
    sink: Collector | None = None,
    table: units.Table = units.UNITS,
) -> Iterator[Problem]:
    """`sink`: where the problems go; one it would only count is counted there, not built
    (finding its line and wording it costs more than the rule: a million rows)."""
    if isinstance(actuals.values, model.ValueColumns) and _clean_columns(
        actuals.values, targets, zones, table
    ):
        return

    def counted(code: str) -> bool:
        if sink is not None and sink.full(source.name, code):
            sink.count(source.name, code)
            return True
        return False

    reported: set[tuple[str, str | None]] = set()
    verdicts: dict[Any, _Verdict] = {}
    hints: dict[str, str] = {}
    values = actuals.values
    unknown, known = model.split_by_target(values, targets)
    for done, index in enumerate(unknown):
        if sink is not None and sink.full(source.name, "unknown-target"):
            sink.count(source.name, "unknown-target", number=len(unknown) - done)
            break
        name = values[index].target
        yield source.problem(
            ("values", index, "target"),
            "unknown-target",
            _unknown_target(name, _closest(name, targets, hints)),
        )
    for index, value in known:
        target = targets[value.target]
        ident = (value.target, value.zone)
        size = len(reported)
        reported.add(ident)
        if len(reported) == size and not counted("duplicate-actual"):
            yield source.problem(
                ("values", index, "target"),
                "duplicate-actual",
                said(
                    "duplicate-actual",
                    target=value.target + ("/" + value.zone if value.zone else ""),
                    period=actuals.period,
                ),
            )
        if value.zone is None:
            if target.zone_scope == "each" and not counted("actual-fields"):
                yield source.problem(
                    ("values", index),
                    "actual-fields",
                    said("each-zone", target=target.id),
                )
        elif value.zone not in zones and not counted("unknown-zone"):
            yield source.problem(
                ("values", index, "zone"),
                "unknown-zone",
                said("unknown-zone", id=repr(value.zone), known=", ".join(sorted(zones)))
                if zones
                else said("unknown-zone-none", id=repr(value.zone)),
            )
        if (
            target.zone is not None
            and value.zone not in (None, target.zone)
            and not counted("actual-fields")
        ):
            yield source.problem(
                ("values", index, "zone"),
                "actual-fields",
                said("other-zone", target=target.id, zone=target.zone, named=value.zone),
            )
        # The problems of a plain value depend only on its shape, which large files repeat
        # a million times over a few hundred targets: remember them by shape.
        number = value.value
        if (
            value.numerator is None
            and value.denominator is None
            and (number is None or not number.is_signed())
        ):
            shape = (value.target, value.unit, number is None, value.done is None)
            errors = verdicts.get(shape)
            if errors is None:
                errors = verdicts[shape] = list(_value_errors(target, value, table))
        else:
            errors = list(_value_errors(target, value, table))
        for path, code, message in errors:
            if not counted(code):
                yield source.problem(("values", index, *path), code, message)


_Verdict = list[tuple[tuple[str, ...], str, str]]


def _clean_columns(
    values: model.ValueColumns,
    targets: dict[str, model.Target],
    zones: set[str],
    table: units.Table = units.UNITS,
) -> bool:
    """True when the loop of `_check_values` would find nothing in these columns.

    The same rules, proven over the columns' distinct cells with C-level set operations
    instead of a record per value: a million values take a fraction of a second. False
    means "not proven clean", and the loop then finds and words every problem, so the
    messages and their order never depend on this shortcut.
    """
    columns = values.columns
    if any(name in columns for name in ("numerator", "denominator", "done")):
        return False
    size = len(values)
    nothing = (None,) * size
    ids, places = columns.get("target", nothing), columns.get("zone", nothing)
    unit_cells = columns.get("unit", nothing)
    if not values.numbers_unsigned():
        return False  # values whose problems depend on more than their shape: the loop's
    named = set(ids)
    if not targets.keys() >= named:
        return False  # unknown-target
    if len(set(zip(ids, places, strict=True))) != size:
        return False  # duplicate-actual
    here = set(places)
    if not zones >= here - {None}:
        return False  # unknown-zone
    if None in here:
        unzoned = set(compress(ids, map(operator.is_, places, repeat(None))))
        if any(targets[name].zone_scope == "each" for name in unzoned):
            return False  # a value without the zone its target needs
    for name in named:
        own = targets[name].zone
        if own is not None:
            places_of = set(compress(places, map(operator.eq, ids, repeat(name))))
            if places_of - {None, own}:
                return False  # a value in another zone than its target's
    # A plain value's problems depend only on its target and unit (see `_check_values`):
    # one value of each pair stands for all of them.
    if size and unit_cells.count(unit_cells[0]) == size:  # one unit: by identity, fast
        last = dict(zip(ids, count(), strict=False))
    else:
        last = dict(zip(zip(ids, unit_cells, strict=True), count(), strict=False))
    return not any(
        any(_value_errors(targets[values[i].target], values[i], table)) for i in last.values()
    )


def _value_errors(
    target: model.Target, value: model.ActualValue, table: units.Table = units.UNITS
) -> Iterator[tuple[tuple[str, ...], str, str]]:
    kind = kinds.kind_of(target)
    if kind.counted:
        yield (), "actual-fields", said("counted-value", target=target.id)
        return
    if kind.flag:
        if value.done is None:
            yield (), "actual-fields", said("milestone-needs-done", target=target.id)
        if value.value is not None or value.numerator is not None:
            yield (
                ("value",),
                "actual-fields",
                said("milestone-number", target=target.id),
            )
        return
    if value.done is not None:
        yield (
            ("done",),
            "actual-fields",
            said("not-a-milestone", target=target.id),
        )
    if value.numerator is not None or value.denominator is not None:
        if not kinds.takes_shares(target):
            yield (
                ("numerator",),
                "actual-fields",
                said("parts-not-a-share"),
            )
        elif value.numerator is None or value.denominator is None or value.value is not None:
            yield (), "actual-fields", said("value-or-parts")
        else:
            yield from _ratio_errors(value.numerator, value.denominator, table)
        return
    if value.value is None or value.unit is None:
        yield (), "actual-fields", said("value-needs-unit", target=target.id)
        return
    allowed = kinds.allowed_units(target)
    if value.unit not in table:
        yield ("unit",), "unknown-unit", unknown_unit(value.unit)
    elif not any(units.compatible(value.unit, unit, table) for unit in allowed):
        yield (
            ("unit",),
            "unit-mismatch",
            said("unit-mismatch", unit=value.unit, allowed=" or ".join(allowed), target=target.id),
        )
    if value.value < 0 and value.unit != "%":
        yield (
            ("value",),
            "negative-value",
            said("negative-value", value=value.value, unit=value.unit),
        )


def _ratio_errors(
    numerator: model.Quantity, denominator: model.Quantity, table: units.Table = units.UNITS
) -> Iterator[tuple[tuple[str, ...], str, str]]:
    for side, quantity in (("numerator", numerator), ("denominator", denominator)):
        if quantity.unit not in table:
            yield (side, "unit"), "unknown-unit", unknown_unit(quantity.unit)
            return
    if not units.compatible(numerator.unit, denominator.unit, table):
        yield (
            ("denominator", "unit"),
            "unit-mismatch",
            said("parts-not-divisible", numerator=numerator.unit, denominator=denominator.unit),
        )
    if denominator.value <= 0:
        yield ("denominator", "value"), "invalid-value", "the denominator must be above zero"
    if numerator.value < 0:
        yield ("numerator", "value"), "negative-value", "the numerator cannot be negative"


def _unknown_target(name: str, close: str) -> str:
    if close:
        return said("unknown-target-suggest", id=repr(name), suggestion=repr(close))
    return said("unknown-target", id=repr(name))


def _closest(name: str, options: Iterable[str], hints: dict[str, str]) -> str:
    """The id `name` may be a typo of ("" when none), remembered in `hints`, which stops
    suggesting after SUGGESTIONS names: a fuzzy match per unknown id would take minutes on a
    million rows."""
    import difflib

    from hitrack.load.validation import SUGGESTIONS

    if name in hints or len(hints) >= SUGGESTIONS:
        return hints.get(name, "")
    close = difflib.get_close_matches(name, list(options), n=1)
    hints[name] = close[0] if close else ""
    return hints[name]


def check_plausible(ctx: Context) -> Iterator[Problem]:
    """Values that look mistyped: unit-scale slips, shares as fractions, jumps, fractional
    counts, falling year-to-date amounts, impossible dates (warnings; see plausible.py)."""
    from hitrack.engine import plausible

    return plausible.check_plausible(ctx.dataset, ctx.files, ctx.today)


CHECKS: list[Check] = [
    check_unique_ids,
    check_plan_window,
    check_units,
    check_target_fields,
    check_target_zones,
    check_owners_sections,
    check_references,
    check_quotes,
    check_quote_agrees,
    check_source_quotes,
    check_register,
    check_actuals,
    check_plausible,
]
#: The rules whose every problem is a warning: a command that stops on errors only (the
#: reading commands, diff) skips them (`run_checks(warnings=False)`).
WARNING_ONLY: tuple[Check, ...] = (check_plausible,)


def check_plan_unchanged(base: Loaded | None, head: Loaded, label: str) -> list[Problem]:
    """`check --base`: a warning for each part of the plan (its fields and thresholds, the
    targets, the platform register, the source document) that differs from the base, so a
    pull request that edits the plan is told apart from a data update (see datadiff).
    `base` None: the base has no data directory."""
    from hitrack.engine import datadiff
    from hitrack.load import source

    if head.dataset is None or TARGETS not in head.files:
        return []
    targets_file = head.files[TARGETS]

    def warn(file: SourceFile | None, path: tuple[Any, ...], what: str) -> Problem:
        message = said("plan-changed", what=what, label=label)
        if file is None:
            name = head.data_dir.display(PLATFORMS) if head.data_dir else PLATFORMS
            return Problem(name, 0, 0, "plan-changed", message, severity="warning")
        return dataclasses.replace(file.problem(path, "plan-changed", message), severity="warning")

    if base is None:
        return [warn(targets_file, ("plan",), said("plan-changed-new"))]
    if base.dataset is None:
        return [warn(targets_file, ("plan",), said("plan-changed-unreadable", label=label))]
    documents = [
        source.load_source(side.data_dir, side.dataset.plan.source)
        if side.data_dir is not None and side.dataset is not None
        else None
        for side in (base, head)
    ]
    diff = datadiff.compute_diff(
        base.dataset, head.dataset, datadiff.source_changes(documents[0], documents[1])
    )
    problems = []
    if diff.plan:
        fields = ", ".join(f.field for f in diff.plan)
        first = diff.plan[0].field.split(".")[0]
        problems.append(warn(targets_file, (first,), said("plan-changed-fields", fields=fields)))
    if diff.targets:
        ids = [c.key for c in diff.targets]
        shown = ", ".join(ids[:5])
        index = next((i for i, t in enumerate(head.dataset.targets.targets) if t.id in ids), None)
        path: tuple[Any, ...] = ("targets",) if index is None else ("targets", index)
        what = (
            said("plan-changed-targets-more", n=len(ids), shown=shown, more=len(ids) - 5)
            if len(ids) > 5
            else said(
                "plan-changed-target" if len(ids) == 1 else "plan-changed-targets",
                n=len(ids),
                shown=shown,
            )
        )
        problems.append(warn(targets_file, path, what))
    if diff.platforms:
        problems.append(
            warn(
                head.files.get(PLATFORMS),
                (),
                said("plan-changed-platforms", n=len(diff.platforms)),
            )
        )
    if diff.sources:
        change = diff.sources[0]
        problems.append(
            warn(
                targets_file,
                ("plan", "source"),
                said("plan-changed-source", before=change.before, after=change.after),
            )
        )
    return problems
