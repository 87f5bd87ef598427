"""A wrong type in every field of every file is reported at that field's line.

Starting from the valid all-kinds dataset, each field in turn gets a value of the wrong
type (a mapping for a scalar, text for a mapping or a list); `check` must then fail with a
problem on the line of that field, in that file.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import _Dumper, load
from hitrack.load import yamlload

VALID = Path(__file__).parent / "fixtures" / "valid" / "all-kinds"
FILES = ["targets.yaml", "platforms.yaml", "actuals/2019.yaml"]


def plain(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k: plain(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [plain(v) for v in tree]
    return tree


def fields(tree: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value of a mapping, depth first."""
    if isinstance(tree, dict):
        for key, value in tree.items():
            if key != "schema":
                yield (*path, key)
            yield from fields(value, (*path, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from fields(value, (*path, index))


def wrong(value: Any) -> Any:
    return "x" if isinstance(value, (dict, list)) else {"wrong": Decimal(1)}


def replaced(tree: Any, path: tuple[Any, ...]) -> Any:
    copy = plain(tree)
    node = copy
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = wrong(node[path[-1]])
    return copy


CASES = [
    (name, path) for name in FILES for path in fields(yamlload.load_file(VALID / name, name).data)
]


def test_every_file_has_cases() -> None:
    assert {name for name, _ in CASES} == set(FILES)
    assert len(CASES) > 100


@pytest.mark.parametrize(("name", "path"), CASES, ids=lambda x: str(x))
def test_wrong_type_is_reported_at_its_line(
    tmp_path: Path, name: str, path: tuple[Any, ...]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    tree = yamlload.load_file(VALID / name, name).data
    text = yaml.dump(replaced(tree, path), Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    (data / name).write_text(text, encoding="utf-8")
    line = yamlload.locate(yamlload.load_text(text, name).data, path)[0]
    _, problems = load(data)
    assert problems, f"{name} {path}: a wrong type was accepted"
    where = {(p.file, p.line) for p in problems}
    assert (str(data / name), line) in where, (path, line, problems)
