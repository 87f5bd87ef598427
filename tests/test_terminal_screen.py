"""`status` as a person sees it: through a terminal emulator (pyte) at the widths people use.

Every status word, every actual value and every sample `*` must be on the screen whole, at
60 to 160 columns, in Chinese and English, with colour on and off.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyte
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _hitrack(*args: str, **env: str) -> str:
    """hitrack's standard output, run as a program with only `env` (and PATH) set."""
    environ = {"PATH": "/usr/bin:/bin", "HITRACK_NO_CACHE": "1", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "hitrack", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**environ, **env},
        check=False,
        cwd=ROOT,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def _run(*args: str, width: int, colour: bool) -> str:
    return _hitrack(*args, "--width", str(width), **{"FORCE_COLOR" if colour else "NO_COLOR": "1"})


def _screen(text: str, width: int) -> list[str]:
    """The lines a terminal of `width` columns shows (wide characters take two cells)."""
    lines = text.count("\n") + 2
    screen = pyte.Screen(width, lines)
    stream = pyte.Stream(screen)
    stream.feed(text.replace("\n", "\r\n"))
    return ["".join(screen.buffer[y][x].data for x in range(width)).rstrip() for y in range(lines)]


def _expected(*args: str, lang: str) -> list[tuple[str, str, bool]]:
    """(actual, status word, sample) of every target, from the JSON output."""
    out = _hitrack(*args, "--format", "json", "--lang", lang, NO_COLOR="1")
    return [(t["id"], t["status"], bool(t.get("sample"))) for t in json.loads(out)["targets"]]


WORDS = {
    "zh": ["已完成", "按计划", "有风险", "滞后", "无数据", "无法评估", "倒退"],
    "en": ["achieved", "on track", "at risk", "off track", "no data", "not assessable"],
}


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
def test_status_words_and_values_are_whole_on_screen(width: int, lang: str, colour: bool) -> None:
    text = _run("status", "--lang", lang, width=width, colour=colour)
    lines = _screen(text, width)
    shown = "\n".join(lines)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert all(len(line) <= width for line in plain.splitlines()) or "\x1b" in text
    targets = _expected("status", lang=lang)
    # Every target's status word appears whole on its own screen line, once per target.
    found = sum(len(re.findall(re.escape(word), shown)) for word in WORDS[lang])
    assert found >= len(targets), shown
    for line in lines:
        for word in WORDS[lang]:
            for cut in (word[: len(word) - 1],):
                if len(cut) > 1 and line.endswith(cut) and not line.endswith(word):
                    raise AssertionError(f"cut status word {cut!r} at {width}: {line!r}")
    # Every sample mark is on screen: the table's `*`s (or the stacked layout's).
    samples = sum(s for _, _, s in targets)
    assert shown.count("*") >= samples


# ------------------------------------------------------------------ status --by zone


def _zoned_data(root: Path) -> Path:
    """Three zones with long Chinese names, per-zone and plan-wide targets, sample values."""
    from conftest import target, write_data

    zones = [
        {"id": "shenyang", "name": "沈阳国家高新技术产业开发区", "name_en": "Shenyang HTZ"},
        {"id": "dalian", "name": "大连国家高新技术产业开发区", "name_en": "Dalian HTZ"},
        {"id": "benxi", "name": "本溪国家高新技术产业开发区", "name_en": "Benxi HTZ"},
    ]
    targets = [
        target(
            id="institutions",
            name="每个高新区引进或设立的金融机构数量",
            name_en="Financial institutions set up in each zone",
            comparator="gte",
            value=5,
            quote="每个高新区引进或设立5家以上金融机构",
            zone_scope="each",
        ),
        target(
            id="htes",
            name="高新技术企业数量",
            name_en="High-tech enterprises",
            comparator="gte",
            value=1600,
            quote="认定高新技术企业1600家",
        ),
    ]

    def value(tid: str, number: int, zone: str) -> dict[str, object]:
        return {"target": tid, "value": number, "unit": "家", "zone": zone, "sample": True}

    write_data(
        root,
        targets,
        {
            "2019": [
                value("institutions", 2, "shenyang"),
                value("institutions", 5, "dalian"),
                value("htes", 700, "shenyang"),
                value("htes", 50, "benxi"),
            ],
            "2020": [
                value("institutions", 6, "shenyang"),
                value("institutions", 4, "benxi"),
                value("htes", 900, "shenyang"),
                value("htes", 60, "benxi"),
                value("htes", 1000, "dalian"),
            ],
        },
        plan={"zones": zones},
    )
    return root


@pytest.fixture(scope="module")
def zoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _zoned_data(tmp_path_factory.mktemp("zoned"))


FORMAT_JSON = ("--format", "json")


def _rows_by_zone(data: Path, lang: str) -> list[dict[str, object]]:
    """Every row the by-zone view shows (each zone's, then the roll-up's), from its JSON."""
    out = _hitrack("status", "-d", str(data), "--by", "zone", *FORMAT_JSON, "--lang", lang)
    document = json.loads(out)
    rows = [t for zone in document["zones"] for t in zone["targets"]]
    return rows + list(document["targets"])


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80, 100, 120, 160, 200])
def test_by_zone_keeps_every_value_whole(zoned: Path, width: int, lang: str, colour: bool) -> None:
    from rich.cells import cell_len

    from hitrack.i18n import status_word
    from hitrack.render.status import percent_words

    text = _run(
        "status", "-d", str(zoned), "--by", "zone", "--lang", lang, width=width, colour=colour
    )
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    # Nothing is wider than the screen, so the terminal never wraps or cuts a line itself.
    assert max(cell_len(line) for line in plain.splitlines()) <= width, plain
    lines = _screen(text, width)
    shown = "\n".join(lines)
    rows = _rows_by_zone(zoned, lang)
    # Each row's status word whole, once per row; each percent whole; each sample's `*`.
    for status in {str(row["status"]) for row in rows}:
        word = status_word(status, lang)
        expected = sum(row["status"] == status for row in rows)
        assert sum(line.count(word) for line in lines) >= expected, (word, shown)
    for row in rows:
        if row["percent"] is not None:
            from decimal import Decimal

            percent = percent_words(Decimal(str(row["percent"])))
            assert re.search(rf"(?<![0-9]){re.escape(percent)}", shown), (percent, shown)
    assert shown.count("*") >= sum(bool(row["sample"]) for row in rows), shown
    headings = [line for line in lines if line.startswith("▸ ")]
    assert len(headings) == 4, shown  # three zones and the roll-up


def _piped(*args: str, columns: str | None) -> str:
    return _hitrack(*args, NO_COLOR="1", **({} if columns is None else {"COLUMNS": columns}))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_piped_output_does_not_wrap(lang: str) -> None:
    from rich.cells import cell_len

    text = _piped("status", "--lang", lang, columns=None)
    names = [t["name"] if lang == "zh" else t["name_en"] for t in _targets_json(lang)]
    lines = text.splitlines()
    for name in names:  # every name whole on one line, not folded
        assert any(line.startswith(name) for line in lines), (name, text)
    rule = next(line for line in lines if set(line.strip()) == {"─"})
    assert cell_len(rule) < 400  # the table keeps its natural width


def test_piped_output_follows_columns() -> None:
    from rich.cells import cell_len

    text = _piped("status", "--lang", "zh", columns="80")
    assert max(cell_len(line) for line in text.splitlines()) <= 80, text


def _targets_json(lang: str) -> list[dict[str, str]]:
    return list(
        json.loads(_piped("status", "--format", "json", "--lang", lang, columns=None))["targets"]
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80, 100, 120, 160, 200])
def test_platforms_keep_ids_levels_and_statuses_whole(width: int, lang: str) -> None:
    from rich.cells import cell_len

    from hitrack.i18n import word

    text = _run("platforms", "--lang", lang, width=width, colour=False)
    assert max(cell_len(line) for line in text.splitlines()) <= width, text
    shown = _screen(text, width)
    listing = json.loads(_piped("platforms", "--format", "json", columns=None))
    for platform in listing:
        # the id whole on one screen line, and on that line or the one above, its status
        at = [
            n
            for n, line in enumerate(shown)
            if re.search(rf"(?<![\w-]){platform['id']}(?![\w-])", line)
        ]
        assert at, (platform["id"], "\n".join(shown))
        near = "\n".join(shown[max(0, at[0] - 1) : at[0] + 1])
        assert word(platform["status"], lang) in near, (platform["id"], near)
        assert word(platform["level"], lang) in near, (platform["id"], near)
