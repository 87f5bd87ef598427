"""Renderers for `hitrack diff`: text, markdown and json, by name in `FORMATS`.

Each change and each target's before → after is turned into words once (`change_rows`,
`effect_rows`), so the text and markdown outputs cannot disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol

from hitrack.engine.datadiff import Change, DataDiff, Effect, FieldChange
from hitrack.engine.kinds import kind_of
from hitrack.engine.progress import Assessment, format_decimal
from hitrack.i18n import Lang, pick, status_word, word
from hitrack.render import escape
from hitrack.render.status import number, unit_suffix

DIFF_SCHEMA = "hitrack.diff/v1"
SIGNS = {"added": "+", "changed": "~", "removed": "-"}


@dataclasses.dataclass(frozen=True)
class DiffReport:
    diff: DataDiff
    base: str
    """How the base side is named (a revision and its commit, or a directory)."""
    head: str


class DiffFormat(Protocol):
    def render(self, report: DiffReport, lang: Lang) -> str: ...


# ------------------------------------------------------------------------ words


def pair(old: str, new: str) -> str:
    return old if old == new else f"{old} → {new}"


def _value(a: Assessment | None, lang: Lang) -> str:
    if a is None:
        return "–"
    if kind_of(a.target).flag:
        text = "–" if a.done is None else word("done" if a.done else "not_done", lang)
    elif a.actual is None:
        text = "–"
    elif a.unit == "zones":
        text = f"{number(a.actual)}/{number(a.required)}"
    else:
        text = number(a.actual)
    return text


def actual_words(effect: Effect, lang: Lang) -> str:
    """`4.2 → 5.1亿元`, with ` *` when either side is a sample value."""
    before, after = effect.before, effect.after
    old, new = _value(before, lang), _value(after, lang)
    sample = " *" if any(a is not None and a.sample for a in (before, after)) else ""
    units = [a.unit if a is not None and a.actual is not None else None for a in (before, after)]
    if units[0] == units[1]:
        return pair(old, new) + _unit_words(units[0], lang) + sample
    # One side has no value, or the unit changed: each side with its own.
    old += _unit_words(units[0], lang)
    new += _unit_words(units[1], lang)
    return pair(old, new) + sample


def _unit_words(unit: str | None, lang: Lang) -> str:
    if unit == "zones":
        return " " + word("zones_met", lang)
    return unit_suffix(unit)


def _gap(a: Assessment | None, lang: Lang) -> str:
    if a is None or a.gap is None or a.actual is None or kind_of(a.target).flag:
        return "–"
    if a.met:
        return word("met", lang)
    return number(a.gap)


def gap_words(effect: Effect, lang: Lang) -> str:
    old, new = _gap(effect.before, lang), _gap(effect.after, lang)
    if old == new == "–":
        return "–"
    if any(a is not None and a.met for a in (effect.before, effect.after)):
        return f"{word('gap_word', lang)} {pair(old, new)}"
    return word("gap_remaining", lang).format(remaining=word("remaining", lang), gap=pair(old, new))


def status_words(effect: Effect, lang: Lang) -> str:
    old = status_word(effect.before.status, lang) if effect.before else "–"
    new = status_word(effect.after.status, lang) if effect.after else "–"
    return pair(old, new)


def target_name(effect: Effect, lang: Lang) -> str:
    target = effect.target
    name = pick(lang, target.name, target.name_en)
    if effect.before is None:
        name += f" ({word('new', lang)})"
    elif effect.after is None:
        name += f" ({word('removed', lang)})"
    return name


def effect_line(effect: Effect, lang: Lang) -> str:
    """`R&D经费支出: 4.2 → 5.1 亿元, 还差 1.8 → 0.9, 有风险 → 按计划`."""
    parts = [actual_words(effect, lang), gap_words(effect, lang), status_words(effect, lang)]
    return f"{target_name(effect, lang)}: " + ", ".join(parts)


def effect_rows(diff: DataDiff, lang: Lang) -> list[list[str]]:
    return [
        [target_name(e, lang), actual_words(e, lang), gap_words(e, lang), status_words(e, lang)]
        for e in diff.effects
    ]


def field_words(fields: Sequence[FieldChange], change: str) -> str:
    def side(text: str | None) -> str:
        return "∅" if text is None else text

    if change == "changed":
        return "; ".join(f"{f.field}: {side(f.before)} → {side(f.after)}" for f in fields)
    shown = [f for f in fields if f.field in _SHOWN_FIELDS] or list(fields)[:3]
    return "; ".join(
        f"{f.field}: {side(f.after if change == 'added' else f.before)}" for f in shown
    )


# What an added or removed record is summed up by (all its fields would be too many).
_SHOWN_FIELDS = frozenset(
    {"value", "unit", "numerator", "denominator", "done", "kind", "comparator", "category"}
    | {"level", "status", "count"}
)


def plan_edit_words(diff: DataDiff, lang: Lang) -> str:
    """The loud line of a change that edits the plan (see `DataDiff.edits_plan`)."""
    sep = word("list_sep", lang)
    parts = []
    if diff.plan:
        parts.append(word("plan_edit_fields", lang).format(", ".join(f.field for f in diff.plan)))
    if diff.targets:
        one = len(diff.targets) == 1
        parts.append(word(f"plan_edit_target{'' if one else 's'}", lang).format(len(diff.targets)))
    if diff.platforms:
        key = "plan_edit_register_record" if len(diff.platforms) == 1 else "plan_edit_register"
        parts.append(word(key, lang).format(len(diff.platforms)))
    if diff.sources:
        parts.append(word("plan_edit_source", lang).format(field_words(diff.sources, "changed")))
    return word("plan_edit", lang).format(what=sep.join(parts))


def change_rows(diff: DataDiff, lang: Lang) -> list[list[str]]:
    rows = [["~", "plan", "plan", "", field_words(diff.plan, "changed")]] if diff.plan else []
    if diff.sources:
        rows.append(["~", "plan", "source", "", field_words(diff.sources, "changed")])
    for change in (*diff.targets, *diff.actuals, *diff.platforms):
        rows.append(
            [
                SIGNS[change.change],
                word(change.record, lang),
                change.key,
                change.name,
                field_words(change.fields, change.change),
            ]
        )
    return rows


def _samples(diff: DataDiff) -> bool:
    return any(a is not None and a.sample for e in diff.effects for a in (e.before, e.after))


def _title(report: DiffReport, lang: Lang) -> tuple[str, str]:
    diff = report.diff
    as_of = f"{word('as_of', lang)} {pair(diff.as_of_before, diff.as_of_after)}"
    return f"hitrack diff: {report.base} → {report.head}", as_of


# ------------------------------------------------------------------------ formats


class TextFormat:
    """The changes, one per line (+ added, ~ changed, - removed), then the effect on targets."""

    def render(self, report: DiffReport, lang: Lang) -> str:
        diff = report.diff
        title, as_of = _title(report, lang)
        lines = [escape.terminal(title), escape.terminal(as_of)]
        if diff.empty:
            return "\n".join([*lines, word("no_changes", lang)]) + "\n"
        if diff.edits_plan:
            lines += ["", escape.terminal(plan_edit_words(diff, lang))]
        rows = change_rows(diff, lang)
        if rows:
            lines += ["", word("changes", lang)]
            for sign, record, key, name, fields in rows:
                head = f"  {sign} {record} {key}" + (f" {name}" if name else "")
                lines.append(escape.terminal(head + (f": {fields}" if fields else "")))
        if diff.effects:
            lines += ["", word("effects", lang)]
            lines += [f"  {escape.terminal(effect_line(e, lang))}" for e in diff.effects]
        if _samples(diff):
            lines += ["", word("sample_banner", lang) + " (*)"]
        return "\n".join(lines) + "\n"


class MarkdownFormat:
    """What CI posts as the step summary: a heading and two tables, every cell escaped."""

    def render(self, report: DiffReport, lang: Lang) -> str:
        from hitrack.render.markdown import table

        diff = report.diff
        title, as_of = _title(report, lang)
        parts = [f"### {escape.markdown(title)}", "", escape.markdown(as_of)]
        if diff.empty:
            return "\n".join([*parts, "", escape.markdown(word("no_changes", lang))]) + "\n"
        if diff.edits_plan:
            parts += ["", "> [!WARNING]", f"> **{escape.markdown(plan_edit_words(diff, lang))}**"]
        if _samples(diff):
            parts += ["", f"> **{escape.markdown(word('sample_banner', lang))}** (\\*)"]
        if diff.effects:
            header = [word(k, lang) for k in ("target", "actual", "gap", "status")]
            parts += [
                "",
                f"#### {word('effects', lang)}",
                "",
                table(header, effect_rows(diff, lang)),
            ]
        rows = change_rows(diff, lang)
        if rows:
            header = ["", word("record", lang), word("id", lang), word("name", lang)]
            header.append(word("change", lang))
            shown = [[_clip(cell) for cell in row] for row in rows[:MARKDOWN_ROWS]]
            parts += ["", f"#### {word('changes', lang)}", "", table(header, shown)]
            if len(rows) > MARKDOWN_ROWS:
                more = word("more_changes", lang).format(len(rows) - MARKDOWN_ROWS)
                parts += ["", escape.markdown(more)]
        return "\n".join(parts) + "\n"


#: The markdown goes to a step summary, which GitHub caps at 1 MiB: a bulk import of
#: thousands of values is summed up, not listed (tabulate pads every row to the widest).
MARKDOWN_ROWS = 500
MARKDOWN_CELL = 300


def _clip(text: str) -> str:
    return text if len(text) <= MARKDOWN_CELL else text[: MARKDOWN_CELL - 1] + "…"


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value, 6)


def _side(a: Assessment | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "as_of": a.as_of,
        "status": a.status,
        "actual": _decimal(a.actual),
        "unit": a.unit,
        "period": a.period,
        "required": _decimal(a.required),
        "gap": _decimal(a.gap),
        "met": a.met,
        "done": a.done,
        "sample": a.sample,
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "change": change.change,
        "record": change.record,
        "key": change.key,
        "name": change.name,
        "fields": [dataclasses.asdict(f) for f in change.fields],
    }


class JsonFormat:
    """`{"schema": "hitrack.diff/v1", ...}`; exact decimals as strings."""

    def render(self, report: DiffReport, lang: Lang) -> str:
        diff = report.diff
        document = {
            "schema": DIFF_SCHEMA,
            "base": {"name": report.base, "as_of": diff.as_of_before},
            "head": {"name": report.head, "as_of": diff.as_of_after},
            "edits_plan": diff.edits_plan,
            "plan": [dataclasses.asdict(f) for f in diff.plan],
            "sources": [dataclasses.asdict(f) for f in diff.sources],
            "targets": [_change(c) for c in diff.targets],
            "actuals": [_change(c) for c in diff.actuals],
            "platforms": [_change(c) for c in diff.platforms],
            "effects": [
                {
                    "id": e.target_id,
                    "name": e.target.name,
                    "name_en": e.target.name_en,
                    "before": _side(e.before),
                    "after": _side(e.after),
                }
                for e in diff.effects
            ],
        }
        return escape.json_text(document)


FORMATS: dict[str, type[DiffFormat]] = {
    "text": TextFormat,
    "markdown": MarkdownFormat,
    "json": JsonFormat,
}
