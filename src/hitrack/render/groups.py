"""`hitrack status --by owner|section`: a block per owner or section with its roll-up, in
each format, and the report's table of owners.

Every block's rows are made by `render.status` exactly as for a plain `status`; this module
only arranges them under headings and adds each group's counts. Data reaches every output
through `render.escape`.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from typing import Protocol

from hitrack.core.statuses import DISPLAY_ORDER
from hitrack.i18n import Lang, group_word, pick, status_word, word
from hitrack.render import escape
from hitrack.render.grouping import Group
from hitrack.render.status import (
    CsvFormat,
    JsonFormat,
    StatusReport,
    _csv_text,
    header,
    headline,
    reading_legend,
    render_blocks,
    rows,
    sample_banner,
)

BY_GROUP_SCHEMA = "hitrack.status-by-group/v1"


@dataclasses.dataclass(frozen=True)
class GroupBlocks:
    """The groups of one grouping (owner or section), over the report's assessments."""

    by: str
    groups: Sequence[Group]
    total: StatusReport
    """Every target once (the filter applied), for the heading, banner and legend."""


class ByGroupFormat(Protocol):
    def render(self, blocks: GroupBlocks, lang: Lang, width: int | None) -> str: ...


def rollup_words(group: Group, lang: Lang) -> str:
    """「牵头 3 项：1 项已完成，2 项有风险；配合 1 项」 / "leads 3: 1 achieved, 2 at risk;
    cooperates on 1" (a section: "3 targets: ...")."""
    counted = group.counted
    parts = [
        pick(lang, f"{n} 项{status_word(s, lang)}", f"{n} {status_word(s, lang)}")
        for s, n in group.counts().items()
        if n
    ]
    if group.roles and group.key is not None:
        head = group_word("led", lang, n=len(counted))
    else:
        n = len(counted)
        head = pick(lang, f"{n} 项目标", f"{n} target" + ("" if n == 1 else "s"))
    text = head + word("label_colon", lang) + pick(lang, "，", ", ").join(parts)
    if not parts:
        text = head
    if group.cooperating:
        text += word("list_sep", lang) + group_word("cooperates", lang, n=group.cooperating)
    return text


def _block(group: Group, report: StatusReport, lang: Lang) -> StatusReport:
    """A group's rows as a report; a target the owner cooperates on carries the mark
    「[配合]」 after its name (in the place a zone's id takes in a zone's view)."""
    mark = group_word("cooperating", lang)
    shown = [
        dataclasses.replace(a, zone=mark if role == "cooperating" else a.zone)
        for a, role in zip(
            group.assessments, group.roles or [None] * len(group.assessments), strict=True
        )
    ]
    return dataclasses.replace(report, assessments=shown)


def _rows(group: Group, report: StatusReport, lang: Lang) -> list[list[str]]:
    return rows(_block(group, report, lang), lang)


class GroupTableFormat:
    def render(self, blocks: GroupBlocks, lang: Lang, width: int | None) -> str:
        shown = [
            ([group.heading(lang), rollup_words(group, lang)], _block(group, blocks.total, lang))
            for group in blocks.groups
        ]
        fit = dataclasses.replace(
            blocks.total, assessments=[a for _, block in shown for a in block.assessments]
        )
        return render_blocks(blocks.total, shown, lang, width, fit, blocks.total)


class GroupMarkdownFormat:
    def render(self, blocks: GroupBlocks, lang: Lang, width: int | None) -> str:
        from hitrack.render.markdown import table

        title, when = headline(blocks.total, lang)
        parts = [f"### {escape.markdown(title)}", "", escape.markdown(when)]
        banner = sample_banner(blocks.total, lang)
        if banner:
            parts += ["", f"> **{escape.markdown(banner)}**"]
        for group in blocks.groups:
            parts += ["", f"#### {escape.markdown(group.heading(lang))}", ""]
            parts += [f"**{escape.markdown(rollup_words(group, lang))}**", ""]
            parts.append(table(header(lang), _rows(group, blocks.total, lang)))
        legend = reading_legend(blocks.total, lang)
        if legend:
            parts += ["", f"- {escape.markdown(legend)}"]
        return "\n".join(parts) + "\n"


class GroupJsonFormat:
    """The plain status document of every target, plus `groups`: each with its counts and
    its targets (with `role` for owners)."""

    def render(self, blocks: GroupBlocks, lang: Lang, width: int | None) -> str:
        document = json.loads(JsonFormat().render(blocks.total, lang, width))
        document["schema"] = BY_GROUP_SCHEMA
        document["by"] = blocks.by
        document["groups"] = [
            {
                "id": group.key,
                "name": group.name,
                "name_en": group.name_en,
                "counts": {str(s): n for s, n in group.counts().items()},
                "cooperating": group.cooperating if blocks.by == "owner" else None,
                "targets": [
                    {**JsonFormat._target(a), "role": role}
                    for a, role in zip(
                        group.assessments,
                        group.roles or [None] * len(group.assessments),
                        strict=True,
                    )
                ],
            }
            for group in blocks.groups
        ]
        return escape.json_text(document)


class GroupCsvFormat:
    """One table: the status columns after `group` (the owner's or section's id) and `role`."""

    def render(self, blocks: GroupBlocks, lang: Lang, width: int | None) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow((blocks.by, "role", *CsvFormat.COLUMNS))
        for group in blocks.groups:
            roles = group.roles or [None] * len(group.assessments)
            for a, role in zip(group.assessments, roles, strict=True):
                record = JsonFormat._target(a)
                if a.target.comparator == "between":
                    record["target"] = f"{record['low']}-{record['high']}"
                cells = [group.key or "", role or ""]
                cells += [_csv_text(record.get(c)) for c in CsvFormat.COLUMNS]
                writer.writerow([escape.spreadsheet(c) for c in cells])
        return "\ufeff" + out.getvalue()


FORMATS: dict[str, type[ByGroupFormat]] = {
    "table": GroupTableFormat,
    "json": GroupJsonFormat,
    "markdown": GroupMarkdownFormat,
    "csv": GroupCsvFormat,
}


def owners_table(groups: Sequence[Group], lang: Lang) -> tuple[list[str], list[list[str]]]:
    """The report's roll-up by owner: one row per owner, a column per status it has."""
    shown = [s for s in DISPLAY_ORDER if any(g.counts()[s] for g in groups)]
    head = [
        group_word("owner", lang),
        group_word("led_targets", lang),
        *(status_word(s, lang) for s in shown),
        group_word("cooperating", lang),
    ]
    body = [
        [
            group.heading(lang),
            str(len(group.counted)),
            *(str(group.counts()[s]) for s in shown),
            str(group.cooperating),
        ]
        for group in groups
    ]
    return head, body
