"""The static dashboard of `hitrack site`: HTML pages, a stylesheet, a filter script and a
status badge. Pure: returns {relative path: bytes}, the same bytes for the same data.

Nothing is fetched from elsewhere (no CDN, system fonts), so the site opens from files.
Every string from the data passes through `_h` (controls made visible, then HTML-escaped);
the charts come from `render.charts`, which escapes its own text. The filters are a form
that a small script enables; without JavaScript the form stays hidden and every target is
listed.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

from hitrack.core import model
from hitrack.engine.changes import Change
from hitrack.engine.kinds import KINDS, points_unit
from hitrack.engine.progress import STATUSES, Assessment
from hitrack.i18n import (
    BADGE_WORDS,
    HTML_LANG,
    OTHER_LANG,
    Lang,
    pick,
    reason_words,
    report_word,
    site_word,
    step_words,
    word,
)
from hitrack.render import escape
from hitrack.render.charts import FILL, trend, trend_svg
from hitrack.render.status import (
    StatusReport,
    actual_words,
    gap_words,
    headline,
    number,
    pace_words,
    percent_words,
    sample_banner,
    status_words,
    target_name,
    target_words,
    zone_name,
)

MARKER = ".hitrack-site"
"""The file that says a directory holds a site hitrack built (and may be rebuilt)."""
MARKER_TEXT = b"This directory was written by `hitrack site`; it is rebuilt in place.\n"


def _w(key: str, lang: Lang, **values: object) -> str:
    return site_word(key, lang, **values)


def _h(text: str) -> str:
    """Data as HTML text or attribute value: controls made visible, markup escaped."""
    return html.escape(escape.terminal(text), quote=True)


@dataclasses.dataclass(frozen=True)
class Site:
    """Everything the site shows, computed before rendering."""

    dataset: model.Dataset
    as_of: str
    assessments: Sequence[Assessment]
    since: str | None
    changes: Sequence[Change]


# ----------------------------------------------------------------------------- pages


def page_name(a: Assessment) -> str:
    """The file of a target's page: ids are kebab-case, so the name is safe as it is."""
    name = a.target.id + (f"--{a.zone}" if a.zone else "")
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in name)
    return f"t/{safe}.html"


def render_site(site: Site) -> dict[str, bytes]:
    """Every file of the site: Chinese at the root, English under en/."""
    files: dict[str, bytes] = {
        "style.css": CSS.encode("utf-8"),
        "filter.js": JS.encode("utf-8"),
        MARKER: MARKER_TEXT,
    }
    languages: tuple[tuple[Lang, str], ...] = (("zh", ""), ("en", "en/"))
    for lang_, prefix in languages:
        files[f"{prefix}index.html"] = _overview(site, lang_, prefix).encode("utf-8")
        files[f"{prefix}register.html"] = _register_page(site, lang_, prefix).encode("utf-8")
        for a in site.assessments:
            files[prefix + page_name(a)] = _target_page(site, a, lang_, prefix).encode("utf-8")
        badge = pick(lang_, "badge.svg", "badge-en.svg")
        files[badge] = badge_svg(site.assessments, lang_).encode("utf-8")
    return dict(sorted(files.items()))


def _root(prefix: str, depth: int) -> str:
    """The path from a page `depth` folders below its language root to the site root."""
    return "../" * (depth + (1 if prefix else 0))


def _page(site: Site, lang: Lang, prefix: str, same: str, title: str, body: list[str]) -> str:
    """A whole page; `same` is its path below the language root (index.html, t/x.html)."""
    depth = same.count("/")
    root = _root(prefix, depth)
    here = "../" * depth
    other = pick(lang, f"{root}en/", root)
    status = StatusReport(site.dataset, site.as_of, site.assessments)
    banner = sample_banner(status, lang)
    plan_title, when = headline(status, lang)
    nav = (
        f'<nav><a href="{here}index.html">{_w("overview", lang)}</a>'
        f' <a href="{here}register.html">{_w("register", lang)}</a>'
        f' <a href="{other}{same}" hreflang="{HTML_LANG[OTHER_LANG[lang]]}"'
        f' lang="{HTML_LANG[OTHER_LANG[lang]]}">{_w("other_lang", lang)}</a></nav>'
    )
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{HTML_LANG[lang]}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)} · {_h(plan_title)}</title>",
        f'<link rel="stylesheet" href="{root}style.css">',
        "</head>",
        "<body>",
        "<header>",
        nav,
        f'<p class="plan">{_h(plan_title)}</p>',
        f'<p class="when">{_h(when)}</p>',
        "</header>",
    ]
    if banner:
        head.append(f'<p class="sample-banner" role="note">{_h(banner)}</p>')
    tail = [
        f"<footer><p>{_w('generated', lang)}</p></footer>",
        f'<script src="{root}filter.js"></script>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join([*head, "<main>", *body, "</main>", *tail])


def _percent_value(a: Assessment) -> str:
    if a.percent is None:
        return "0"
    shown = max(Decimal(0), min(Decimal(100), a.percent))
    return str(int(shown.to_integral_value(rounding=ROUND_FLOOR)))


def _status_badge(status: str, lang: Lang) -> str:
    return f'<span class="status s-{status}">{_h(status_words(status, lang))}</span>'


def _zone_key(a: Assessment) -> str:
    if a.zone:
        return a.zone
    if a.target.zone:
        return a.target.zone
    return "each" if a.target.zone_scope == "each" else "plan"


def _overview(site: Site, lang: Lang, prefix: str) -> str:
    from hitrack.render.report import change_words, counts_line, method_words

    dataset = site.dataset
    total = len(site.assessments)
    body = [
        f"<h1>{_h(counts_line(site.assessments, lang))}</h1>",
        _filters(site, lang),
        '<p id="shown" class="shown" aria-live="polite" hidden>'
        + _w("shown", lang, n=f'<span id="shown-n">{total}</span>', total=total)
        + "</p>",
        '<ul class="targets" id="targets">',
    ]
    for a in site.assessments:
        percent = _percent_value(a)
        colour = FILL[a.status]
        body += [
            f'<li class="target" data-status="{a.status}" data-kind="{a.target.kind}" '
            f'data-zone="{_h(_zone_key(a))}"{_owner_attributes(a)}>',
            f'<h2><a href="{page_name(a)}">{_h(target_name(a, lang))}</a></h2>',
            _status_badge(a.status, lang),
            '<dl class="facts">',
            f"<dt>{_h(word('target', lang))}</dt><dd>{_h(target_words(a.target, lang))}"
            f" ({_h(_w('deadline_of', lang))} {_h(a.deadline)})</dd>",
            f"<dt>{_h(word('actual', lang))}</dt><dd>{_h(actual_words(a, lang))}</dd>",
            f"<dt>{_h(word('gap', lang))}</dt><dd>{_h(gap_words(a, lang))}</dd>",
            f"<dt>{_h(word('pace', lang))}</dt><dd>{_h(pace_words(a, lang))}</dd>",
            "</dl>",
            f'<div class="bar" role="img" aria-label="{_h(report_word("percent_achieved", lang))}'
            f' {_h(percent_words(a.percent))}"><span style="width:{percent}%;'
            f'background:{colour}"></span></div>',
            f'<p class="percent">{_h(report_word("percent_achieved", lang))} '
            f"{_h(percent_words(a.percent))}</p>",
            "</li>",
        ]
    body.append("</ul>")
    body.append(f"<h2>{_h(_changes_heading(site, lang))}</h2>")
    items = []
    for change in site.changes:
        if change.changed:
            name, what = change_words(change, lang)
            items.append(f"<li><strong>{_h(name)}</strong>：{_h(what)}</li>")
    if site.since is None:
        body.append(f"<p>{_h(report_word('changes_none_earlier', lang))}</p>")
    elif items:
        body += ['<ul class="changes">', *items, "</ul>"]
    else:
        body.append(f"<p>{_h(report_word('no_changes', lang, since=site.since))}</p>")
    method = method_words(dataset, lang)
    body += [f"<h2>{_h(report_word('method_heading', lang))}</h2>", f"<p>{_h(method)}</p>"]
    return _page(site, lang, prefix, "index.html", _w("overview", lang), body)


def _owner_attributes(a: Assessment) -> str:
    """data-owner (the ids of every department leading or cooperating, space-separated: the
    filter matches any of them) and data-section, for the owner and section filters."""
    found = ""
    if a.target.owners:
        found += f' data-owner="{_h(" ".join(o.id for o in a.target.owners))}"'
    if a.target.section:
        found += f' data-section="{_h(a.target.section)}"'
    return found


def _changes_heading(site: Site, lang: Lang) -> str:
    return report_word("changes_heading", lang, since=site.since or "–")


def _filters(site: Site, lang: Lang) -> str:
    def select(name: str, label: str, options: Sequence[tuple[str, str]]) -> str:
        opts = [f'<option value="">{_h(_w("all", lang))}</option>']
        opts += [f'<option value="{_h(value)}">{_h(text)}</option>' for value, text in options]
        return (
            f'<label>{_h(label)} <select name="{name}" data-filter="{name}">'
            + "".join(opts)
            + "</select></label>"
        )

    present = {a.status for a in site.assessments}
    statuses = [(s, status_words(s, lang)) for s in STATUSES if s in present]
    kinds_present = {a.target.kind for a in site.assessments}
    kinds = [(k, word(KINDS[k].words, lang)) for k in KINDS if k in kinds_present]
    parts = [
        select("status", word("status", lang), statuses),
        select("kind", _w("kind", lang), kinds),
    ]
    zones = {_zone_key(a) for a in site.assessments}
    if site.dataset.plan.zones:
        options = [("plan", _w("plan_wide", lang))] if "plan" in zones else []
        options += [("each", _w("each_zone", lang))] if "each" in zones else []
        options += [
            (z.id, zone_name(site.dataset, z.id, lang))
            for z in site.dataset.plan.zones
            if z.id in zones
        ]
        parts.append(select("zone", _w("zone", lang), options))
    plan = site.dataset.plan
    owned = {o.id for a in site.assessments for o in a.target.owners}
    if owned:
        owners = [(o.id, pick(lang, o.name, o.name_en or o.name)) for o in plan.owners]
        parts.append(select("owner", _w("owner", lang), [o for o in owners if o[0] in owned]))
    grouped = {a.target.section for a in site.assessments if a.target.section}
    if grouped:
        chapters = [(s.id, pick(lang, s.title, s.title_en or s.title)) for s in plan.sections]
        parts.append(
            select("section", _w("section", lang), [s for s in chapters if s[0] in grouped])
        )
    return (
        f'<form id="filters" class="filters" hidden aria-label="{_h(_w("filters", lang))}">'
        + "".join(parts)
        + "</form>"
    )


def _target_page(site: Site, a: Assessment, lang: Lang, prefix: str) -> str:
    target = a.target
    plan = site.dataset.plan
    document = " · ".join(x for x in (plan.title, plan.document_number or "") if x)
    body = [
        f"<h1>{_h(target_name(a, lang))}</h1>",
        _status_badge(a.status, lang),
        '<dl class="facts">',
        f"<dt>{_h(word('target', lang))}</dt><dd>{_h(target_words(target, lang))}"
        f" ({_h(_w('deadline_of', lang))} {_h(a.deadline)})</dd>",
        f"<dt>{_h(word('actual', lang))}</dt><dd>{_h(actual_words(a, lang))}</dd>",
        f"<dt>{_h(word('gap', lang))}</dt><dd>{_h(gap_words(a, lang))}</dd>",
        f"<dt>{_h(report_word('percent_achieved', lang))}</dt>"
        f"<dd>{_h(percent_words(a.percent))}</dd>",
        f"<dt>{_h(word('pace', lang))}</dt><dd>{_h(pace_words(a, lang))}</dd>",
        "</dl>",
        f"<h2>{_w('quote', lang)}</h2>",
        f"<blockquote><p>「{_h(target.quote)}」</p>"
        f"<footer>{_h(_w('document', lang))}：{_h(document)}</footer></blockquote>",
    ]
    if target.note:
        body.append(f'<p class="note">{_h(_w("note", lang))}：{_h(target.note)}</p>')
    body.append(f"<h2>{_w('method', lang)}</h2>")
    steps = [f"<li>{_h(step_words(*s, lang))}</li>" for s in a.steps]
    body += ['<ol class="steps">', *steps, "</ol>"]
    conclusion = status_words(a.status, lang)
    if a.reason_code:
        conclusion += f" ({reason_words(a.reason_code, a.reason_params, lang)})"
    body.append(f'<p class="conclusion">⇒ {_h(conclusion)}</p>')
    body.append(f"<h2>{_w('values', lang)}</h2>")
    data = trend(site.dataset, a)
    if data is not None:
        points = ", ".join(
            f"{period} {number(value, data.unit)}" + (" *" if _sample_at(a, period) else "")
            for period, _, value in data.observed
        )
        alt = _w(
            "chart_alt",
            lang,
            name=target_name(a, lang),
            points=points,
            deadline=a.deadline,
            target=target_words(target, lang),
        )
        svg = trend_svg(data, a, lang).replace(
            'role="img">', f'role="img" aria-label="{_h(alt)}">', 1
        )
        body.append(f'<figure class="chart">{svg}<figcaption>{_h(alt)}</figcaption></figure>')
    else:
        body.append(f'<p class="muted">{_h(_w("no_chart", lang))}</p>')
    body.append(_values_table(site, a, lang))
    return _page(site, lang, prefix, page_name(a), target_name(a, lang), body)


def _sample_at(a: Assessment, period: str) -> bool:
    return any(p.sample for p in a.points if p.period == period)


def _values_table(site: Site, a: Assessment, lang: Lang) -> str:
    """Every value with period, source, report date and sample mark, and the target's status
    as of each period (the period matrix's row)."""
    from hitrack.engine.progress import assess_target

    def status_then(period: str) -> str:
        then = assess_target(site.dataset, a.target, period, a.zone)
        return status_words(then.status if then is not None else "no_data", lang)

    header = [
        word("period", lang),
        word("actual", lang),
        report_word("source", lang),
        report_word("reported", lang),
        report_word("sample", lang),
        word("status", lang),
    ]
    rows = [
        [
            p.period,
            number(p.value, points_unit(a.target, a.unit)) + (" *" if p.sample else ""),
            p.source or "–",
            p.reported.isoformat() if p.reported else "–",
            report_word("yes" if p.sample else "no", lang),
            status_then(p.period),
        ]
        for p in a.points
    ]
    if not rows and a.period is not None:
        rows = [
            [
                a.period,
                actual_words(a, lang, with_period=False),
                a.source or "–",
                a.reported.isoformat() if a.reported else "–",
                report_word("yes" if a.sample else "no", lang),
                status_then(a.period),
            ]
        ]
    if not rows:
        return f"<p>{_h(report_word('no_values', lang))}</p>"
    return _table(header, rows)


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{_h(cell)}</th>' for cell in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{_h(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _register_page(site: Site, lang: Lang, prefix: str) -> str:
    from hitrack.render.platforms import platform_rows, summary_rows

    registry = site.dataset.platforms
    body = [f"<h1>{_h(report_word('register_heading', lang))}</h1>"]
    if registry is None:
        body.append(f"<p>{_h(report_word('no_register', lang))}</p>")
    else:
        body += [
            f"<h2>{_w('counts', lang)}</h2>",
            _table(*summary_rows(registry, registry.platforms, lang)),
        ]
        body += [
            f"<h2>{_w('platforms', lang)}</h2>",
            _table(*platform_rows(registry, registry.platforms, lang)),
        ]
    title = report_word("register_heading", lang)
    return _page(site, lang, prefix, "register.html", title, body)


# ----------------------------------------------------------------------------- badge


def _text_width(text: str) -> int:
    return sum(12 if ord(c) > 0x2E7F else 7 for c in text)


def badge_svg(assessments: Sequence[Assessment], lang: Lang) -> str:
    """A CI-style badge: "hitrack | 11 目标 · 7 正常 · 1 风险", coloured by the worst status."""
    index = pick(lang, 0, 1)
    parts = [_w("badge_targets", lang, n=len(assessments))]
    for status in STATUSES:
        n = sum(a.status == status for a in assessments)
        if n:
            parts.append(f"{n} {BADGE_WORDS[status][index]}")
    right = " · ".join(parts)
    worst = next(
        (
            s
            for s in ("deterioration", "off_track", "at_risk")
            if any(a.status == s for a in assessments)
        ),
        "on_track",
    )
    left = "hitrack"
    lw, rw = _text_width(left) + 12, _text_width(right) + 12
    width = lw + rw
    label = f"{left}: {right}"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" '
            f'role="img" aria-label="{_h(label)}">',
            f"<title>{_h(label)}</title>",
            f'<rect width="{lw}" height="20" fill="#555555"/>',
            f'<rect x="{lw}" width="{rw}" height="20" fill="{FILL[worst]}"/>',
            '<g fill="#ffffff" font-family="Verdana,\'Noto Sans CJK SC\',sans-serif" '
            'font-size="11">',
            f'<text x="6" y="14">{_h(left)}</text>',
            f'<text x="{lw + 6}" y="14">{_h(right)}</text>',
            "</g>",
            "</svg>",
            "",
        ]
    )


# ----------------------------------------------------------------------------- assets

CSS = """\
:root{--fg:#1a1a1a;--muted:#555;--line:#d0d0d0;--bg:#fff;--accent:#0b5cad}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;padding:0 12px 24px;color:var(--fg);background:var(--bg);line-height:1.5;
font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;
overflow-wrap:anywhere}
header,main,footer{max-width:1100px;margin:0 auto}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;padding:8px 0;border-bottom:1px solid var(--line)}
a{color:var(--accent)}
.plan{font-weight:bold;margin:8px 0 0}.when{color:var(--muted);margin:0 0 8px}
h1{font-size:1.3em;margin:12px 0}h2{font-size:1.1em;margin:16px 0 8px}
.sample-banner{max-width:1100px;margin:8px auto;padding:8px 12px;background:#fff4ce;
border:1px solid #e0a800;font-weight:bold}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;margin:8px 0}
.filters label{min-width:0;max-width:100%}
.filters select{font:inherit;max-width:100%}
.shown{color:var(--muted)}
.targets{list-style:none;padding:0;margin:0;display:grid;gap:12px;
grid-template-columns:repeat(auto-fill,minmax(min(100%,320px),1fr))}
.target{border:1px solid var(--line);border-radius:6px;padding:10px 12px;min-width:0}
.target h2{margin:0 0 6px;font-size:1.05em}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.9em;
border:1px solid currentColor}
.s-achieved{color:#1b5e20;background:#e6f4ea}.s-on_track{color:#2e7d32;background:#eef8ee}
.s-at_risk{color:#7a5a00;background:#fff4ce}.s-off_track{color:#b71c1c;background:#fdecea}
.s-deterioration{color:#6a1b9a;background:#f3e5f5}
.s-no_data,.s-not_assessable{color:#444;background:#f2f2f2}
.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:8px 0}
.facts dt{color:var(--muted)}.facts dd{margin:0;min-width:0}
.bar{height:10px;background:#eee;border-radius:5px;overflow:hidden}
.bar span{display:block;height:100%}
.percent{margin:4px 0 0;color:var(--muted);font-size:.9em}
blockquote{margin:8px 0;padding:4px 12px;border-left:4px solid var(--line)}
blockquote footer{color:var(--muted);font-size:.9em}
.steps li{margin:2px 0}.conclusion{font-weight:bold}.muted{color:var(--muted)}
.chart{margin:8px 0}.chart svg{max-width:100%;height:auto;display:block}
.chart figcaption{color:var(--muted);font-size:.9em}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f6f6}
footer{color:var(--muted);font-size:.85em;margin-top:24px}
@media print{
nav,.filters,.shown,script{display:none!important}
body{padding:0;font-size:11pt}
a{color:inherit;text-decoration:none}
.target,.chart,table{break-inside:avoid}
.targets{display:block}.target{margin:0 0 8px}
.bar span,.status,.sample-banner{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

JS = """\
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("targets");
  if (!form || !list) { return; }
  var shown = document.getElementById("shown");
  var count = document.getElementById("shown-n");
  var selects = form.querySelectorAll("select[data-filter]");
  function apply() {
    var n = 0;
    for (var i = 0; i < list.children.length; i++) {
      var item = list.children[i];
      var visible = true;
      for (var j = 0; j < selects.length; j++) {
        var want = selects[j].value;
        var key = selects[j].getAttribute("data-filter");
        // A target may have several owners: data-owner lists their ids, space-separated.
        var have = (item.getAttribute("data-" + key) || "").split(" ");
        if (want && have.indexOf(want) < 0) { visible = false; }
      }
      item.hidden = !visible;
      if (visible) { n++; }
    }
    if (shown && count) {
      count.textContent = String(n);
      shown.hidden = false;
    }
  }
  for (var k = 0; k < selects.length; k++) {
    selects[k].addEventListener("change", apply);
  }
  form.hidden = false;
  apply();
})();
"""
