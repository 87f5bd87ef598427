"""Shared test helpers: build a data directory from Python values, load it, assess it."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from hitrack.core import model
from hitrack.core.problems import Problem
from hitrack.engine.checks import run_checks
from hitrack.load.loader import DataDir, load_dataset

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test depends on the machine's locale, terminal or CI environment."""
    for name in (
        "LANG",
        "LC_ALL",
        "LANGUAGE",
        "FORCE_COLOR",
        "LC_MESSAGES",
        "COLUMNS",
        "GITHUB_ACTIONS",
        "HITRACK_DATA",
        "GITHUB_STEP_SUMMARY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("HITRACK_NO_CACHE", "1")


PLAN: dict[str, Any] = {
    "id": "test-plan",
    "title": "测试规划",
    "title_en": "Test plan",
    "issuer": "测试局",
    "start": "2018",
    "deadline": "2020",
}


def target(**fields: Any) -> dict[str, Any]:
    """A level target (>55家) with any field overridden."""
    base: dict[str, Any] = {
        "id": "smes",
        "name": "科技型中小企业数量",
        "name_en": "Technology SMEs",
        "kind": "level",
        "comparator": "gt",
        "value": 55,
        "unit": "家",
        "quote": "科技型中小企业数量突破55家",
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def write_data(
    root: Path,
    targets: list[dict[str, Any]],
    actuals: dict[str, list[dict[str, Any]]] | None = None,
    platforms: dict[str, Any] | None = None,
    plan: dict[str, Any] | None = None,
    **extra: Any,
) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    doc = {"schema": "hitrack/v1", "plan": {**PLAN, **(plan or {})}, "targets": targets, **extra}
    _dump(root / "targets.yaml", doc)
    if platforms is not None:
        _dump(root / "platforms.yaml", {"schema": "hitrack/v1", **platforms})
    for period, values in (actuals or {}).items():
        (root / "actuals").mkdir(exist_ok=True)
        _dump(
            root / "actuals" / f"{period}.yaml",
            {"schema": "hitrack/v1", "period": period, "sample": True, "values": values},
        )
    return root


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    # hitrack refuses explicit tags, so the number must resolve implicitly: 25000 is an int.
    if value == value.to_integral_value():
        return dumper.represent_scalar("tag:yaml.org,2002:int", str(int(value)))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))


_Dumper.add_representer(Decimal, _decimal)


def _dump(path: Path, doc: Any) -> None:
    text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def load(root: Path) -> tuple[model.Dataset | None, list[Problem]]:
    """The dataset and its problems, except `quote-disagrees`: the tests of other rules build
    targets whose quote is not the point (quote-disagrees has its own tests, test_phrases)."""
    loaded = load_dataset(DataDir(root))
    return loaded.dataset, [p for p in run_checks(loaded) if p.code != "quote-disagrees"]


def load_ok(root: Path) -> model.Dataset:
    dataset, problems = load(root)
    assert problems == [], problems
    assert dataset is not None
    return dataset


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


@pytest.fixture
def chdir_tmp(tmp_path: Path) -> Path:
    old = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path  # type: ignore[misc]
    os.chdir(old)
