"""SVG charts for `hitrack report --charts`: progress bars and trends. Pure: returns strings.

The SVG is written by hand: no plotting library, byte-for-byte deterministic output (golden
tests), and every text node and attribute passes through `_xml`. Coordinates are computed
in Decimal like the data and rounded to 0.1 px. Each bar and point also carries its status
or value in words, so the charts read without colour.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

from hitrack.core import model, periods, units
from hitrack.core.statuses import DISPLAY_ORDER, Status
from hitrack.engine import kinds, progress
from hitrack.engine.progress import Assessment, format_decimal
from hitrack.i18n import Lang, pick, report_word, status_word, word
from hitrack.render import escape
from hitrack.render.status import (
    number,
    percent_words,
    target_name,
    target_words,
)

FILL = {status.value: status.chart_colour for status in DISPLAY_ORDER}
FONT = "font-family=\"'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif\""
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)
#: Bars run from 0 to 120 %, so that a target beyond 100 % still shows the excess.
_SCALE_MAX = Decimal(120)


#: Each status's symbol drawn as lines in a 12 x 12 box (0,0 top left): the fonts a PNG
#: renderer finds often lack ✔ ✘ ⚠ ↗ ↘, which then print as empty boxes. Text keeps the word.
_SHAPES: dict[str, tuple[str, ...]] = {
    Status.ACHIEVED: ('<polyline points="1,6.5 4.5,10 11,2" {stroke}/>',),
    Status.ON_TRACK: (
        '<line x1="1.5" y1="10.5" x2="10" y2="2" {stroke}/>',
        '<polyline points="4,2 10,2 10,8" {stroke}/>',
    ),
    Status.AT_RISK: (
        '<polyline points="6,1 11.5,11 0.5,11 6,1" {stroke}/>',
        '<line x1="6" y1="4.5" x2="6" y2="7.5" {stroke}/>',
        '<circle cx="6" cy="9.3" r="0.6" fill="#333333"/>',
    ),
    Status.OFF_TRACK: (
        '<line x1="2" y1="2" x2="10" y2="10" {stroke}/>',
        '<line x1="10" y1="2" x2="2" y2="10" {stroke}/>',
    ),
    Status.DETERIORATION: (
        '<line x1="1.5" y1="1.5" x2="10" y2="10" {stroke}/>',
        '<polyline points="10,4 10,10 4,10" {stroke}/>',
    ),
    Status.NO_DATA: (
        '<polyline points="3.5,4 4.5,2 7.5,1.5 9,3.5 6,6.5 6,8" {stroke}/>',
        '<circle cx="6" cy="10.5" r="0.8" fill="#333333"/>',
    ),
    Status.NOT_ASSESSABLE: ('<line x1="2" y1="6" x2="10" y2="6" {stroke}/>',),
}
_STROKE = 'fill="none" stroke="#333333" stroke-width="1.6" stroke-linecap="round"'


def symbol(status: str, x: int, baseline: int) -> str:
    """The status's symbol as shapes, in a 12 px box ending at `baseline` like a glyph."""
    shapes = "".join(shape.format(stroke=_STROKE) for shape in _SHAPES[status])
    return f'<g transform="translate({x},{baseline - 11})">{shapes}</g>'


def _xml(text: str) -> str:
    """Text for an SVG text node or attribute: no controls, no markup."""
    return escape.xml(text)


def _px(value: Decimal) -> str:
    return format_decimal(value.quantize(_TENTH), 1)


def _fit(text: str, width: int) -> str:
    """Cut text to about `width` px at 12 px type (CJK characters count double)."""
    used, out = 0, list[str]()
    for char in text:
        used += 12 if ord(char) > 0x2E7F else 7
        if used > width:
            return "".join(out) + "…"
        out.append(char)
    return text


def _svg(width: int, height: int, title: str, body: list[str], heading: str = "") -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {FONT} font-size="12" role="img">'
    )
    return "\n".join(
        [
            head,
            f"<title>{_xml(title)}</title>",
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
            '<text x="16" y="26" font-size="15" font-weight="bold">'
            f"{_xml(heading or title)}</text>",
            *body,
            "</svg>",
            "",
        ]
    )


# ----------------------------------------------------------------------------- progress


def progress_svg(assessments: Sequence[Assessment], lang: Lang) -> str:
    """Every target as a bar of % achieved against the 100 % line, coloured by status and
    labelled with its percentage and status in words."""
    label_w, bar_x, bar_w, row_h, top = 330, 340, 300, 26, 56
    width = bar_x + bar_w + 186
    height = top + row_h * len(assessments) + 64
    scale = Decimal(bar_w) / _SCALE_MAX
    body = []
    for index, a in enumerate(assessments):
        y = top + row_h * index
        name = _fit(target_name(a, lang), label_w - 16)
        body.append(f'<text x="{label_w}" y="{y + 17}" text-anchor="end">{_xml(name)}</text>')
        body.append(f'<rect x="{bar_x}" y="{y + 4}" width="{bar_w}" height="18" fill="#f2f2f2"/>')
        percent = a.percent
        if percent is not None:
            shown = max(Decimal(0), min(_SCALE_MAX, percent))
            body.append(
                f'<rect x="{bar_x}" y="{y + 4}" width="{_px(shown * scale)}" height="18" '
                f'fill="{FILL[a.status]}"><title>{_xml(target_words(a.target, lang))}</title>'
                "</rect>"
            )
        # Rounded down as in the tables: 99.6% of the way is not yet 100%.
        label = (f"{percent_words(percent)} " if percent is not None else "") + status_word(
            a.status, lang
        )
        if a.sample:
            label += " *"
        body.append(symbol(a.status, bar_x + bar_w + 8, y + 17))
        body.append(f'<text x="{bar_x + bar_w + 24}" y="{y + 17}">{_xml(label)}</text>')
    hundred = _px(bar_x + _HUNDRED * scale)
    bottom = top + row_h * len(assessments)
    body.append(
        f'<line x1="{hundred}" y1="{top - 4}" x2="{hundred}" y2="{bottom + 4}" '
        'stroke="#333333" stroke-dasharray="4 3"/>'
    )
    body.append(
        f'<text x="{hundred}" y="{top - 8}" text-anchor="middle" font-size="11">100%</text>'
    )
    body += _legend(16, bottom + 30, lang, {a.status for a in assessments})
    if any(a.sample for a in assessments):
        body.append(f'<text x="16" y="{bottom + 52}">{_xml(_sample_note(lang))}</text>')
    return _svg(width, height, report_word("progress_chart", lang), body)


def _sample_note(lang: Lang) -> str:
    """The charts' own sample note, so that a chart copied alone still says it."""
    return word("chart_sample_note", lang)


def _legend(x: int, y: int, lang: Lang, shown: set[str]) -> list[str]:
    """Every status, but deterioration only when a target has it."""
    items = []
    for status, fill in FILL.items():
        if status == Status.DETERIORATION and status not in shown:
            continue
        text = status_word(status, lang)
        items.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{fill}"/>')
        items.append(symbol(status, x + 16, y + 1))
        items.append(f'<text x="{x + 32}" y="{y}">{_xml(text)}</text>')
        x += 46 + len(text) * pick(lang, 12, 7)  # a CJK character is about twice as wide
    return items


# ----------------------------------------------------------------------------- trend


@dataclasses.dataclass(frozen=True)
class Trend:
    """A target's observed points and the path it has to follow, in the measured unit.

    Times are on `periods.years_at`'s axis (2019 -> 2020.0, the end of 2019)."""

    unit: str
    observed: tuple[tuple[str, Decimal, Decimal], ...]
    """(period, time, value) per observed point."""
    path: tuple[tuple[Decimal, Decimal], ...]
    """The required path from the origin to the target at the deadline."""


def trend(dataset: model.Dataset, a: Assessment) -> Trend | None:
    """The trend of a numeric target with a series; None for milestones, register counts,
    roll-ups over zones, growth rates reported as rates, and targets without points."""
    target, kind = a.target, kinds.kind_of(a.target)
    if not a.points or a.required is None or not kind.numeric:
        return None
    unit = kinds.measured_unit(target)
    if kind.sums:
        observed = _running_totals(dataset, a)
        origin = (Decimal(periods.year(dataset.plan.start)), Decimal(0))
    else:
        if kind.rate and progress.series(dataset, target, a.zone, a.as_of)[1]:
            return None  # reported as rates: there is no series to draw
        observed = [(p.period, periods.years_at(p.period), p.value) for p in a.points]
        origin = _baseline(target, unit) or observed[0][1:]
        if origin[0] > observed[0][1]:
            origin = observed[0][1:]
    end = periods.years_at(a.deadline)
    if end <= origin[0]:
        return None
    if kind.rate:
        rate = a.required / _HUNDRED
        steps = int((end - origin[0]) * 4)
        times = [origin[0] + Decimal(i) / 4 for i in range(steps + 1)]
        path = tuple((t, origin[1] * (1 + rate) ** (t - origin[0])) for t in times)
    else:
        path = (origin, (end, a.required))
    return Trend(unit, tuple(observed), path)


def _baseline(target: model.Target, unit: str) -> tuple[Decimal, Decimal] | None:
    baseline = target.baseline
    if baseline is None:
        return None
    value = baseline.value
    if (
        baseline.unit
        and not kinds.kind_of(target).multiple
        and units.compatible(baseline.unit, unit)
    ):
        value = units.convert(value, baseline.unit, unit)
    return periods.years_at(baseline.period), value


def _running_totals(dataset: model.Dataset, a: Assessment) -> list[tuple[str, Decimal, Decimal]]:
    """The cumulative total after each year, summed as the engine sums it (the annual figure,
    else the year's latest quarter)."""
    start = periods.year(dataset.plan.start)
    per_year: dict[int, progress.Point] = {}
    for p in a.points:
        year = periods.year(p.period)
        if year >= start:
            held = per_year.get(year)
            if held is None or periods.sort_key(p.period) > periods.sort_key(held.period):
                per_year[year] = p
    total, result = Decimal(0), []
    for year in sorted(per_year):
        total += per_year[year].value
        result.append((per_year[year].period, periods.years_at(per_year[year].period), total))
    return result


def axis_ticks(peak: Decimal) -> list[Decimal]:
    """0 up to the first round value at or above `peak`, in at most 4 steps of 1, 2, 2.5 or 5
    times a power of ten."""
    if peak <= 0:
        return [Decimal(0), Decimal(1)]
    rough = peak / 4
    power = Decimal(1).scaleb(rough.adjusted())
    step = next(power * m for m in (1, 2, Decimal("2.5"), 5, 10) if power * m >= rough)
    count = int((peak / step).to_integral_value(rounding="ROUND_CEILING"))
    return [step * i for i in range(count + 1)]


def trend_svg(data: Trend, a: Assessment, lang: Lang) -> str:
    """Observed points joined by a line, the required path dashed, the target level marked."""
    left, top, plot_w, plot_h = 90, 50, 480, 240
    width, height = left + plot_w + 40, top + plot_h + 90
    t0 = min(data.path[0][0], data.observed[0][1])
    t1 = max(data.path[-1][0], data.observed[-1][1])
    ticks = axis_ticks(max([v for _, _, v in data.observed] + [v for _, v in data.path]))
    top_value = ticks[-1]

    def x(t: Decimal) -> str:
        return _px(left + (t - t0) / (t1 - t0) * plot_w)

    def y(v: Decimal) -> str:
        return _px(top + plot_h - v / top_value * plot_h)

    bottom = top + plot_h
    body = [
        f'<line x1="{left}" y1="{bottom}" x2="{left + plot_w}" y2="{bottom}" stroke="#333333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#333333"/>',
    ]
    for value in ticks:
        body.append(
            f'<text x="{left - 6}" y="{y(value)}" text-anchor="end" font-size="11">'
            f"{_xml(number(value, data.unit))}</text>"
        )
    times = {label: t for label, t, _ in data.observed}
    times[a.deadline] = data.path[-1][0]
    for label, t in sorted(times.items(), key=lambda item: item[1]):
        body.append(
            f'<text x="{x(t)}" y="{bottom + 16}" text-anchor="middle" font-size="11">'
            f"{_xml(label)}</text>"
        )
    path_points = " ".join(f"{x(t)},{y(v)}" for t, v in data.path)
    body.append(
        f'<polyline points="{path_points}" fill="none" stroke="#555555" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
    )
    observed_points = " ".join(f"{x(t)},{y(v)}" for _, t, v in data.observed)
    colour = FILL[a.status]
    body.append(
        f'<polyline points="{observed_points}" fill="none" stroke="{colour}" stroke-width="2"/>'
    )
    samples = {p.period for p in a.points if p.sample}
    for period, t, v in data.observed:
        mark = " *" if period in samples else ""
        body.append(f'<circle cx="{x(t)}" cy="{y(v)}" r="4" fill="{colour}"/>')
        body.append(
            f'<text x="{_px(Decimal(x(t)) + 6)}" y="{_px(Decimal(y(v)) - 8)}" '
            f'font-size="11">{_xml(number(v, data.unit) + mark)}</text>'
        )
    legend_y = bottom + 44
    body += [
        f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 24}" y2="{legend_y - 4}" '
        f'stroke="{colour}" stroke-width="2"/>',
        f'<text x="{left + 30}" y="{legend_y}">'
        f"{_xml(report_word('observed', lang))} ({_xml(status_word(a.status, lang))})</text>",
        f'<line x1="{left}" y1="{legend_y + 16}" x2="{left + 24}" y2="{legend_y + 16}" '
        'stroke="#555555" stroke-width="2" stroke-dasharray="6 4"/>',
        f'<text x="{left + 30}" y="{legend_y + 20}">'
        f"{_xml(report_word('required_path', lang))}: "
        f"{_xml(target_words(a.target, lang))} ({_xml(a.deadline)})</text>",
    ]
    if samples:
        body.append(f'<text x="{left}" y="{legend_y + 40}">{_xml(_sample_note(lang))}</text>')
    title = report_word("trend_chart", lang, name=target_name(a, lang))
    return _svg(width, height, title, body, _fit(target_name(a, lang), width - 40))


# ----------------------------------------------------------------------------- files


@dataclasses.dataclass(frozen=True)
class Chart:
    """One chart file: its name in the charts directory, its caption, its SVG text."""

    name: str
    caption: str
    svg: str
    target: str | None = None
    """The target of a trend chart; None for the progress chart."""


def render_charts(
    dataset: model.Dataset, assessments: Sequence[Assessment], lang: Lang
) -> list[Chart]:
    """The progress chart, then a trend chart per target that has a series."""
    charts = [
        Chart("progress.svg", report_word("progress_chart", lang), progress_svg(assessments, lang))
    ]
    for a in assessments:
        data = trend(dataset, a)
        if data is not None:
            caption = report_word("trend_chart", lang, name=target_name(a, lang))
            svg = trend_svg(data, a, lang)
            charts.append(Chart(f"trend-{a.target.id}.svg", caption, svg, a.target.id))
    return charts
