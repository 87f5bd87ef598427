"""What changed between two versions of a dataset, and what that does to the targets.

Pure functions over two validated `Dataset`s: records are matched by their keys (a
target's id; an actual's period, target and zone; a platform's, category's or section's
id) and compared field by field; then each target a change can move is assessed on both
sides, each at its own latest period, and those a change touches or whose assessment
moved are listed with their before and after.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from hitrack.core import model
from hitrack.engine import kinds, progress

if TYPE_CHECKING:
    from hitrack.load.source import Source

ChangeKind = Literal["added", "changed", "removed"]


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One field of a record that differs; values shown as exact text (None: not set)."""

    field: str
    before: str | None
    after: str | None


@dataclasses.dataclass(frozen=True)
class Change:
    """One record added, changed or removed."""

    change: ChangeKind
    record: str
    """target, actual, platform, category, section."""
    key: str
    """The record's key: an id, or `period target [zone]` for an actual."""
    name: str
    """The record's name (for an actual: its target's), for people."""
    fields: tuple[FieldChange, ...] = ()
    """For `changed`: the fields that differ; for `added`/`removed`: every field set."""


@dataclasses.dataclass(frozen=True)
class Effect:
    """One target's assessment before and after (None on the side it does not exist)."""

    target_id: str
    before: progress.Assessment | None
    after: progress.Assessment | None

    @property
    def target(self) -> model.Target:
        side = self.after or self.before
        assert side is not None
        return side.target

    @property
    def moved(self) -> bool:
        """Whether anything shown about the target differs between the two sides."""
        return snapshot(self.before) != snapshot(self.after)


@dataclasses.dataclass(frozen=True)
class DataDiff:
    plan: tuple[FieldChange, ...]
    """Changes to the plan and the status thresholds."""
    targets: tuple[Change, ...]
    actuals: tuple[Change, ...]
    platforms: tuple[Change, ...]
    """Platforms, categories and sections of the register."""
    effects: tuple[Effect, ...]
    as_of_before: str
    as_of_after: str
    sources: tuple[FieldChange, ...] = ()
    """The plan's source document, when its content (or whether it can be read) differs."""

    @property
    def empty(self) -> bool:
        return not (
            self.plan
            or self.targets
            or self.actuals
            or self.platforms
            or self.effects
            or self.sources
        )

    @property
    def edits_plan(self) -> bool:
        """Whether the change touches the plan itself (its fields and thresholds, targets,
        the platform register, the source document), not only the actuals: a reviewer must
        check such a change against the source, not only the numbers."""
        return bool(self.plan or self.targets or self.platforms or self.sources)


def compute_diff(
    before: model.Dataset, after: model.Dataset, sources: tuple[FieldChange, ...] = ()
) -> DataDiff:
    """`sources`: what `source_changes` found for the two sides' source documents."""
    with progress.bulk():
        return _compute_diff(before, after, sources)


def _compute_diff(
    before: model.Dataset, after: model.Dataset, sources: tuple[FieldChange, ...]
) -> DataDiff:
    plan = compare_fields(_plan_record(before), _plan_record(after))
    targets = compare_records("target", _targets(before), _targets(after))
    actuals = actual_changes(before, after)
    platforms = (
        compare_records("category", *(_register(d, "categories") for d in (before, after)))
        + compare_records("section", *(_register(d, "sections") for d in (before, after)))
        + compare_records("platform", *(_register(d, "platforms") for d in (before, after)))
    )
    as_of_before, as_of_after = progress.latest_period(before), progress.latest_period(after)
    # An assessment depends on its target, the target's actuals, the as-of period, the plan
    # (zones, thresholds) and, for register targets, the platforms: only targets touched by
    # one of those can move, and assessing only them keeps a small change to a big dataset
    # cheap (each assessment scans every actual).
    touched = {c.key for c in targets} | {_actual_target(c.key) for c in actuals}
    zones_changed = {(_actual_target(c.key), _actual_zone(c.key)) for c in actuals}
    every = bool(plan) or as_of_before != as_of_after
    old_targets = {t.id: t for t in before.targets.targets}
    new_targets = {t.id: t for t in after.targets.targets}
    effects = []
    for target_id in _union_order(list(old_targets), list(new_targets)):
        old, new = old_targets.get(target_id), new_targets.get(target_id)
        either = new or old
        assert either is not None
        if every or target_id in touched or (platforms and kinds.kind_of(either).counted):
            pair: tuple[progress.Assessment | None, progress.Assessment | None]
            if not every and old is not None and new is not None and old == new and _each_zone(new):
                # Only the zones whose values changed can move: the others are assessed once.
                pair = _assess_zones(before, after, old, new, as_of_before, zones_changed)
            else:
                pair = (
                    _assess(before, old, as_of_before) if old else None,
                    _assess(after, new, as_of_after) if new else None,
                )
            effect = Effect(target_id, *pair)
            if target_id in touched or effect.moved:
                effects.append(effect)
    return DataDiff(
        plan, targets, actuals, platforms, tuple(effects), as_of_before, as_of_after, sources
    )


def source_changes(before: Source | None, after: Source | None) -> tuple[FieldChange, ...]:
    """The source document as a field, `name (sha256 …)`, when the two sides differ."""
    old, new = _source_words(before), _source_words(after)
    return () if old == new else (FieldChange("source document", old, new),)


def _source_words(document: Source | None) -> str | None:
    if document is None:
        return None
    if document.sha256 is None:
        return f"{document.name} (cannot be read: {document.why_not})"
    return f"{document.name} (sha256 {document.sha256[:16]})"


def _each_zone(target: model.Target) -> bool:
    """A target `status` rolls up over the zones (see `progress.assess_target`)."""
    return target.zone is None and target.zone_scope == "each"


def _assess_zones(
    before: model.Dataset,
    after: model.Dataset,
    old: model.Target,
    new: model.Target,
    as_of: str,
    zones_changed: set[tuple[str, str | None]],
) -> tuple[progress.Assessment, progress.Assessment]:
    """Both sides' roll-ups of a target that applies to each zone, when the target, the
    plan and the as-of period are the same on both sides: a zone none of whose values
    changed is assessed the same, so the after side reuses the before side's."""
    with progress.without_steps(), progress.only_statuses():
        earlier = {z.id: progress.assess(before, old, as_of, z.id) for z in before.plan.zones}
        later = [
            earlier[z.id]
            if z.id in earlier and (new.id, z.id) not in zones_changed
            else progress.assess(after, new, as_of, z.id)
            for z in after.plan.zones
        ]
        return (
            progress.roll_up(old, as_of, list(earlier.values())),
            progress.roll_up(new, as_of, later),
        )


def _assess(dataset: model.Dataset, target: model.Target, as_of: str) -> progress.Assessment:
    """One target as `status` assesses it for the whole plan (without --explain's steps)."""
    with progress.without_steps():
        result = progress.assess_target(dataset, target, as_of)
    assert result is not None  # only a zone's view leaves a target out
    return result


def snapshot(a: progress.Assessment | None) -> tuple[Any, ...] | None:
    """What the diff shows of an assessment; two sides with equal snapshots did not move."""
    if a is None:
        return None
    return (a.status, a.actual, a.unit, a.gap, a.met, a.done, a.period, a.sample)


# ------------------------------------------------------------------------ records


Record = Mapping[str, Any]


def compare_records(
    record: str, before: Mapping[str, tuple[str, Record]], after: Mapping[str, tuple[str, Record]]
) -> tuple[Change, ...]:
    """Records by key (each with its display name): added, changed and removed ones, in the
    order of the after side, removed ones where they stood."""
    changes = []
    for key in _union_order(list(before), list(after)):
        if key not in before:
            name, fields = after[key]
            changes.append(Change("added", record, key, name, compare_fields({}, fields)))
        elif key not in after:
            name, fields = before[key]
            changes.append(Change("removed", record, key, name, compare_fields(fields, {})))
        else:
            found = compare_fields(before[key][1], after[key][1])
            if found:
                changes.append(Change("changed", record, key, after[key][0], found))
    return tuple(changes)


def compare_actuals(
    before: Mapping[str, tuple[str, _Actual]], after: Mapping[str, tuple[str, _Actual]]
) -> tuple[Change, ...]:
    """As `compare_records` for reported values: a value's fields are built only when it
    was added or removed or differs from its other side."""
    changes = []
    for key in _union_order(list(before), list(after)):
        if key not in before:
            name, new = after[key]
            found = compare_fields({}, _actual_fields(new))
            changes.append(Change("added", "actual", key, name, found))
        elif key not in after:
            name, old = before[key]
            found = compare_fields(_actual_fields(old), {})
            changes.append(Change("removed", "actual", key, name, found))
        else:
            old, (name, new) = before[key][1], after[key]
            if old.same(new):
                continue
            found = compare_fields(_actual_fields(old), _actual_fields(new))
            if found:
                changes.append(Change("changed", "actual", key, name, found))
    return tuple(changes)


def actual_changes(before: model.Dataset, after: model.Dataset) -> tuple[Change, ...]:
    """The reported values added, changed and removed (`compare_actuals`); when both sides
    list the same values in the same files and order, only the values that differ are
    looked at (`_aligned_changes`), with the same result."""
    aligned = _aligned_changes(before, after)
    if aligned is not None:
        return aligned
    return compare_actuals(_actuals(before), _actuals(after))


def _aligned_changes(before: model.Dataset, after: model.Dataset) -> tuple[Change, ...] | None:
    """`compare_actuals`'s changes when both sides have the same files (each of one period,
    with the same defaults) listing the same (target, zone) pairs in the same order, each
    once: an edit that changes values and adds or removes none. The keys then come in the
    same order on both sides, so that only the changed values make changes, in the order
    of the values. None for any other pair of datasets."""
    files = [(rel, f.period) for rel, f in before.actuals]
    if files != [(rel, f.period) for rel, f in after.actuals]:
        return None
    if len({period for _, period in files}) != len(files):
        return None
    names = {t.id: t.name for t in after.targets.targets}
    changes = []
    for (_, old_file), (_, new_file) in zip(before.actuals, after.actuals, strict=True):
        defaults = (old_file.source, old_file.reported, old_file.sample)
        if defaults != (new_file.source, new_file.reported, new_file.sample):
            return None
        old_values, new_values = old_file.values, new_file.values
        differ = _differing(old_values, new_values)
        if differ is None:
            return None
        for index in differ:
            old, new = _Actual(old_file, old_values[index]), _Actual(new_file, new_values[index])
            if old.same(new):
                continue
            found = compare_fields(_actual_fields(old), _actual_fields(new))
            if found:
                value = new.value
                key = actual_key(new_file.period, value.target, value.zone)
                name = names.get(value.target, value.target)
                changes.append(Change("changed", "actual", key, name, found))
    return tuple(changes)


def _differing(
    old: Sequence[model.ActualValue], new: Sequence[model.ActualValue]
) -> list[int] | None:
    """The positions where two files' values may differ (every position where they do),
    when both list the same (target, zone) pairs in the same order, each once; else None.
    Files held as columns (CSV) are compared column by column, numbers by their text (the
    same text is the same number; another text may be too, which the caller checks)."""
    if (
        isinstance(old, model.ValueColumns)
        and isinstance(new, model.ValueColumns)
        and old.columns.keys() == new.columns.keys()
    ):
        before, after = old.columns, new.columns
        targets, zones = before.get("target", ()), before.get("zone", ())
        if targets != after.get("target", ()) or zones != after.get("zone", ()):
            return None
        if len(set(zip(targets, zones or [None] * len(targets), strict=True))) != len(old):
            return None
        positions: set[int] = set()
        for name, cells in before.items():
            mine, theirs = (
                getattr(cells, "texts", cells),
                getattr(after[name], "texts", after[name]),
            )
            positions.update(itertools.compress(itertools.count(), map(operator.ne, mine, theirs)))
        return sorted(positions)
    old_values, new_values = tuple(old), tuple(new)
    pairs = [(v.target, v.zone) for v in old_values]
    if pairs != [(v.target, v.zone) for v in new_values] or len(set(pairs)) != len(pairs):
        return None
    return list(itertools.compress(itertools.count(), map(operator.ne, old_values, new_values)))


def compare_fields(before: Record, after: Record) -> tuple[FieldChange, ...]:
    changes = []
    for field in _union_order(list(before), list(after)):
        old, new = show(before.get(field)), show(after.get(field))
        if old != new:
            changes.append(FieldChange(field, old, new))
    return tuple(changes)


def show(value: Any) -> str | None:
    """A field value as exact, stable text; None when the field is not set."""
    if value is None or value == ():
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"  # 5.10 and 5.1 are the same value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(show(v) or "" for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = [
            f"{f.name}: {show(getattr(value, f.name))}"
            for f in dataclasses.fields(value)
            if show(getattr(value, f.name)) is not None
        ]
        return "{" + ", ".join(parts) + "}"
    return str(value)


def _fields(record: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name not in skip
    }


def _plan_record(dataset: model.Dataset) -> dict[str, Any]:
    fields = {f"plan.{k}": v for k, v in _fields(dataset.plan).items()}
    fields.update({f"thresholds.{k}": v for k, v in _fields(dataset.targets.thresholds).items()})
    return fields


def _targets(dataset: model.Dataset) -> dict[str, tuple[str, Record]]:
    return {t.id: (t.name, _fields(t, ("id",))) for t in dataset.targets.targets}


def actual_key(period: str, target: str, zone: str | None) -> str:
    return f"{period} {target}" + (f" [{zone}]" if zone else "")


def _actual_target(key: str) -> str:
    return key.split(" ")[1]


def _actual_zone(key: str) -> str | None:
    """The zone of an `actual_key` (ids hold no spaces nor brackets), None for the plan."""
    _, bracket, zone = key.partition(" [")
    return zone[:-1] if bracket else None


class _Actual:
    """A reported value with its file, standing for its fields (see `_actual_fields`) until
    they are needed: values equal on both sides are compared without building them."""

    __slots__ = ("actuals", "value")

    def __init__(self, actuals: model.ActualsFile, value: model.ActualValue) -> None:
        self.actuals, self.value = actuals, value

    def same(self, other: _Actual) -> bool:
        """Equal records with equal file defaults; False may still show no change."""
        mine, theirs = self.actuals, other.actuals
        return self.value == other.value and (
            mine is theirs
            or (mine.source, mine.reported, mine.sample)
            == (theirs.source, theirs.reported, theirs.sample)
        )


def _actual_fields(record: _Actual) -> dict[str, Any]:
    """A reported value's fields with the defaults of its file applied (a file-level
    `sample` or `source` that changes is a change of every value it covers)."""
    actuals, value = record.actuals, record.value
    fields = _fields(value, ("target", "zone"))
    fields["source"] = value.source or actuals.source
    fields["reported"] = value.reported or actuals.reported
    fields["sample"] = actuals.sample if value.sample is None else value.sample
    return fields


def _actuals(dataset: model.Dataset) -> dict[str, tuple[str, _Actual]]:
    """Every reported value by key, with its target's name."""
    names = {t.id: t.name for t in dataset.targets.targets}
    result: dict[str, tuple[str, _Actual]] = {}
    for _, actuals in dataset.actuals:
        period = actuals.period
        for value in actuals.values:
            key = actual_key(period, value.target, value.zone)
            result[key] = (names.get(value.target, value.target), _Actual(actuals, value))
    return result


def _register(dataset: model.Dataset, part: str) -> dict[str, tuple[str, Record]]:
    if dataset.platforms is None:
        return {}
    records: Iterable[Any] = getattr(dataset.platforms, part)
    name = "title" if part == "sections" else "name"
    return {r.id: (getattr(r, name), _fields(r, ("id",))) for r in records}


def _union_order(before: list[str], after: list[str]) -> list[str]:
    """The keys of `after` in order, each key only in `before` after its predecessor there."""
    present = set(after)
    inserts: dict[str | None, list[str]] = {}
    previous: str | None = None
    for key in before:
        if key in present:
            previous = key
        else:
            inserts.setdefault(previous, []).append(key)
    order = list(inserts.get(None, ()))
    for key in after:
        order.append(key)
        order.extend(inserts.get(key, ()))
    return order
