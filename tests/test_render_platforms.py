"""The platform renderers against golden files, and the table's layout at any width.

Regenerate the golden files with `HITRACK_UPDATE_GOLDEN=1 python -m pytest
tests/test_render_platforms.py` and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import ROOT, load_ok
from hitrack.core import model
from hitrack.engine import register
from hitrack.i18n import Lang
from hitrack.render import terminal
from hitrack.render.platforms import FORMATS, platform_rows, summary_rows

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def registry() -> model.PlatformsFile:
    dataset = load_ok(ROOT / "data")
    assert dataset.platforms is not None
    return dataset.platforms


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("HITRACK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with HITRACK_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "lang"),
    [("table", "zh"), ("table", "en"), ("markdown", "zh"), ("markdown", "en"), ("json", "en")],
)
def test_golden(registry: model.PlatformsFile, fmt: str, lang: Lang) -> None:
    text = FORMATS[fmt]().render(registry, registry.platforms, lang, 100)
    golden(f"platforms.{fmt}.{lang}.txt", text)


def test_json_is_the_same_in_both_languages(registry: model.PlatformsFile) -> None:
    render = FORMATS["json"]().render
    assert render(registry, registry.platforms, "zh", 80) == render(
        registry, registry.platforms, "en", None
    )


def test_every_format_has_a_golden_file() -> None:
    names = [path.name for path in GOLDEN.glob("platforms.*")]
    assert {name.split(".")[1] for name in names} == set(FORMATS)


def test_json_lists_every_platform_with_its_fields(registry: model.PlatformsFile) -> None:
    items = json.loads(FORMATS["json"]().render(registry, registry.platforms, "en", None))
    assert len(items) == 47
    assert {tuple(item) for item in items} == {
        ("id", "name", "category", "level", "status", "host")
    }


@pytest.mark.parametrize("width", [40, 60, 80, 100, 160])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_is_aligned_and_keeps_every_column(
    registry: model.PlatformsFile, width: int, lang: Lang
) -> None:
    for header, rows in (
        platform_rows(registry, registry.platforms, lang),
        summary_rows(registry, registry.platforms, lang),
    ):
        lines = terminal.render_tables([(header, rows)], width=width).rstrip("\n").split("\n")
        # Rich pads each line to the table's width, counting a Chinese character as two
        # cells: equal widths mean the columns line up.
        assert len({cell_len(line) for line in lines}) == 1, lines[:3]
        # The floors (12 cells for the first column, 4 for the others, 3 per column of
        # padding) are the narrowest a table gets; above them the width is respected.
        floors = 12 + 4 * (len(header) - 1) + 3 * len(header) - 1
        assert cell_len(lines[0]) <= max(width, floors)
        # No column collapses: every row's first cell shows its first characters.
        assert all(row[0][:2] in "\n".join(lines) for row in rows)
        assert all(row[1][:2] in "\n".join(lines) for row in rows if row[1])
        assert header[-1][:2] in "\n".join(lines[:4])


def test_wide_table_has_every_name_on_one_line(registry: model.PlatformsFile) -> None:
    text = FORMATS["table"]().render(registry, registry.platforms, "zh", 240)
    lines = text.split("\n")
    for platform in registry.platforms:
        assert any(platform.name in line and platform.id in line for line in lines)


def test_filtered_markdown_counts(registry: model.PlatformsFile) -> None:
    selection = register.select(registry, category="key-lab")
    text = FORMATS["markdown"]().render(registry, selection, "en", None)
    assert text.count("| ln-") == 5
    assert [c.strip() for c in text.rstrip().split("\n")[-1].split("|")[1:-1]] == [
        "Key laboratories",
        "5",
        "5",
        "0",
        "5",
    ]


@pytest.mark.parametrize(
    ("natural", "floors", "available", "expected"),
    [
        ([10, 5], [10, 4], 20, [10, 5]),  # fits: natural widths
        ([30, 30, 4], [12, 4, 4], 30, [13, 13, 4]),  # wide columns give way alike
        ([30, 30, 4], [12, 4, 4], 10, [12, 4, 4]),  # floors win over the width
        ([5, 40], [5, 4], 20, [5, 15]),
    ],
)
def test_fit_columns(
    natural: list[int], floors: list[int], available: int, expected: list[int]
) -> None:
    assert terminal.fit_columns(natural, floors, available) == expected
