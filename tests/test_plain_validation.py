"""`validation.plain` reads a small file without Pydantic: whenever it gives a record, the
record is the one Pydantic's adapter builds, and Pydantic accepts the input; anything else
it leaves to Pydantic."""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from hitrack.core import model
from hitrack.load import validation, yamlload

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMAS = {"targets.yaml": model.TargetsFile, "platforms.yaml": model.PlatformsFile}


def _tree(path: Path) -> Any:
    try:
        return yamlload.load_text(path.read_text(encoding="utf-8"), path.name).data
    except (UnicodeDecodeError, yamlload.LoadError):
        return None  # not YAML text: no tree to validate


FILES = [
    p
    for p in sorted(
        p
        for base in (FIXTURES, ROOT / "data", ROOT / "examples", ROOT / "src" / "hitrack")
        for p in base.rglob("*.yaml")
        if (p.name in SCHEMAS or p.parent.name == "actuals") and p.is_file() and not p.is_symlink()
    )
    if _tree(p) is not None
]


def _schema(path: Path) -> type:
    return SCHEMAS.get(path.name, model.ActualsFile)


def _pydantic(schema: type, tree: Any) -> tuple[bool, Any]:
    from pydantic import ValidationError

    try:
        return True, validation.adapter(schema).validate_python(tree)
    except ValidationError:
        return False, None


def _same(schema: type, tree: Any) -> bool:
    """plain's answer is Pydantic's, or plain left it; True when plain gave a record."""
    quick = validation.plain(schema, copy.deepcopy(tree))
    ok, slow = _pydantic(schema, tree)
    if quick is None:
        return False
    assert ok, "plain accepted what Pydantic refuses"
    assert quick == slow and repr(quick) == repr(slow)
    return True


def test_every_record_type_is_read() -> None:
    """No field of the model is of a shape plain gives up on: a new shape fails here."""
    for schema in (model.TargetsFile, model.PlatformsFile, model.ActualsFile):
        assert validation._reader(schema) is not None, schema


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_file_as_pydantic_reads_it(path: Path) -> None:
    tree = _tree(path)
    ok, _ = _pydantic(_schema(path), tree)
    assert _same(_schema(path), tree) == ok, "plain left a valid file to Pydantic"


def test_the_bundled_files_are_read_without_pydantic() -> None:
    read = 0
    for path in FILES:
        if ROOT / "data" in path.parents or "src" in path.parts:
            read += validation.plain(_schema(path), _tree(path)) is not None
    assert read >= 5


# Mutations of valid files: each must come out as Pydantic has it.

_ODD = [
    None,
    True,
    0,
    -1,
    "1e400",
    "nan",
    Decimal("1.5"),
    1.5,
    "",
    " x",
    "x" * 300,
    [],
    {},
    ["a"],
    {"a": 1},
    "2019-13",
    "2019-Q2",
    "hitrack/v2",
    "家",
    "each",
    b"bytes",
]


def _paths(tree: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found += _paths(value, (*here, key))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found += _paths(value, (*here, index))
    return found


def _mutate(tree: Any, rng: random.Random) -> Any:
    tree = copy.deepcopy(tree)
    path = rng.choice(_paths(tree)[1:])
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    move = rng.randrange(4)
    if move == 0:
        parent[last] = copy.deepcopy(rng.choice(_ODD))
    elif move == 1 and isinstance(parent, dict):
        del parent[last]
    elif move == 2 and isinstance(parent, dict):
        parent[rng.choice(["extra", "valeu", "zone", "unit", "sample", 7])] = rng.choice(_ODD)
    elif move == 3 and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return tree


_VALID = [
    p
    for p in FILES
    if "invalid" not in p.parts
    and _pydantic(_schema(p), yamlload.load_text(p.read_text(encoding="utf-8"), p.name).data)[0]
]


@settings(max_examples=400, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(_VALID) - 1), seed=st.integers(0, 2**32))
def test_mutated_files_as_pydantic_reads_them(index: int, seed: int) -> None:
    path = _VALID[index]
    tree = _tree(path)
    rng = random.Random(seed)
    for _ in range(rng.randrange(1, 4)):
        tree = _mutate(tree, rng)
    _same(_schema(path), tree)


def test_pydantic_takes_over_past_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """`validate` reads small files by hand until PLAIN_BUDGET values, then with Pydantic
    (faster a value once imported); the records are the same either way."""
    path = ROOT / "data" / "actuals" / "2020-Q2.yaml"
    tree = _tree(path)
    count = len(tree["values"])
    source = validation.SourceFile(path.name, tree)
    monkeypatch.setattr(validation, "PLAIN_BUDGET", count * 2)
    monkeypatch.setattr(validation, "_plain_read", 0)
    validation.adapter.cache_clear()
    records = []
    for _ in range(3):
        found, problems = validation.validate(model.ActualsFile, tree, source)
        assert problems == []
        records.append((found, validation.adapter.cache_info().currsize))
    assert [built for _, built in records] == [0, 0, 1]  # the third is past the budget
    assert records[0][0] == records[1][0] == records[2][0]
    assert validation._plain_read == count * 2
