"""`hitrack status --by zone`: one block per zone, then the plan's roll-up, in each format.

Every block is an ordinary `StatusReport`, so the cells are made by `render.status` exactly as
for a plain `status`; this module only arranges the blocks under zone headings.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Protocol

from hitrack.core import model
from hitrack.i18n import Lang, named, word
from hitrack.render import escape
from hitrack.render.status import (
    CsvFormat,
    JsonFormat,
    StatusReport,
    has_samples,
    header,
    headline,
    reading_legend,
    render_blocks,
    rows,
    sample_banner,
)

BY_ZONE_SCHEMA = "hitrack.status-by-zone/v1"


@dataclasses.dataclass(frozen=True)
class ZoneBlocks:
    """One report per zone, and the roll-up over all zones."""

    zones: Sequence[tuple[model.Zone, StatusReport]]
    total: StatusReport

    @property
    def reports(self) -> list[StatusReport]:
        return [report for _, report in self.zones] + [self.total]


class ByZoneFormat(Protocol):
    def render(self, blocks: ZoneBlocks, lang: Lang, width: int | None) -> str: ...


def zone_heading(zone: model.Zone, lang: Lang) -> str:
    name = named(lang, zone.name, zone.name_en)
    return f"{name} ({zone.id})"


def _merged(blocks: ZoneBlocks) -> StatusReport:
    """The roll-up report carrying every block's rows, for what spans all blocks."""
    assessments = [a for report in blocks.reports for a in report.assessments]
    return dataclasses.replace(blocks.total, assessments=assessments)


def _unzoned(report: StatusReport) -> StatusReport:
    assessments = [dataclasses.replace(a, zone=None) for a in report.assessments]
    return dataclasses.replace(report, assessments=assessments)


class ZoneTableFormat:
    """The plan's heading once, then a titled table per zone and one for the roll-up.

    Every block has the same columns, laid out for the widest cells of all blocks, and
    narrows as the plain table does, down to one target after another."""

    def render(self, blocks: ZoneBlocks, lang: Lang, width: int | None) -> str:
        # Under a zone's heading the rows need not repeat the zone's id after each name.
        titled = [([zone_heading(z, lang)], _unzoned(r)) for z, r in blocks.zones]
        titled.append(([word("all_zones", lang)], _unzoned(blocks.total)))
        return render_blocks(blocks.total, titled, lang, width, _unzoned(_merged(blocks)))


class ZoneMarkdownFormat:
    """A heading, the sample note, then a level-4 heading and a table per zone."""

    def render(self, blocks: ZoneBlocks, lang: Lang, width: int | None) -> str:
        from hitrack.render.markdown import table

        title, when = headline(blocks.total, lang)
        parts = [f"### {escape.markdown(title)}", "", escape.markdown(when)]
        banner = sample_banner(_merged(blocks), lang)
        if banner:
            parts += ["", f"> **{escape.markdown(banner)}**"]
        titled = [(zone_heading(z, lang), r) for z, r in blocks.zones]
        titled.append((word("all_zones", lang), blocks.total))
        for heading, report in titled:
            parts += ["", f"#### {escape.markdown(heading)}", ""]
            parts.append(table(header(lang), rows(report, lang)))
        legend = reading_legend(_merged(blocks), lang)
        if legend:
            parts += ["", f"- {escape.markdown(legend)}"]
        return "\n".join(parts) + "\n"


class ZoneJsonFormat:
    """The plain status document of the roll-up, plus a `zones` list of per-zone targets."""

    def render(self, blocks: ZoneBlocks, lang: Lang, width: int | None) -> str:
        document = json.loads(JsonFormat().render(blocks.total, lang, width))
        document["schema"] = BY_ZONE_SCHEMA
        document["sample"] = has_samples(_merged(blocks))
        document["zones"] = [
            {
                "id": zone.id,
                "name": zone.name,
                "name_en": zone.name_en,
                "targets": [JsonFormat._target(a) for a in report.assessments],
            }
            for zone, report in blocks.zones
        ]
        return escape.json_text(document)


class ZoneCsvFormat:
    """One table: every zone's rows (the `zone` column set), then the roll-up's (empty)."""

    def render(self, blocks: ZoneBlocks, lang: Lang, width: int | None) -> str:
        return CsvFormat().render(_merged(blocks), lang, width)


FORMATS: dict[str, type[ByZoneFormat]] = {
    "table": ZoneTableFormat,
    "json": ZoneJsonFormat,
    "markdown": ZoneMarkdownFormat,
    "csv": ZoneCsvFormat,
}
