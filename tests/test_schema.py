"""The published JSON Schema refuses what `check` refuses wherever JSON Schema can say it,
carries Chinese descriptions, and `hitrack init` wires editors to it.

The schema is evaluated by a small validator of the keywords it uses (the tests need no
JSON Schema library); a test makes sure no other keyword appears.
"""

from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hitrack.commands import init as init_cmd
from hitrack.commands import schema as schema_cmd
from hitrack.core import model
from hitrack.core.schema_zh import ZH
from hitrack.load import yamlload

KNOWN = {
    "$defs",
    "$ref",
    "$schema",
    "$id",
    "type",
    "enum",
    "const",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "anyOf",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "default",
    "description",
    "title",
    "format",
}


def schema(which: str) -> dict[str, Any]:
    return json.loads(schema_cmd.schema(which).stdout)


def valid(node: dict[str, Any], value: Any, root: dict[str, Any]) -> bool:
    if "$ref" in node:
        return valid(root["$defs"][node["$ref"].rsplit("/", 1)[-1]], value, root)
    if "anyOf" in node:
        return any(valid(option, value, root) for option in node["anyOf"])
    if "enum" in node and value not in node["enum"]:
        return False
    if "const" in node and value != node["const"]:
        return False
    kinds = node.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(kind, value) for kind in kinds):
            return False
    if isinstance(value, str):
        if "pattern" in node and not re.search(node["pattern"], value):
            return False
        if len(value) < node.get("minLength", 0) or len(value) > node.get("maxLength", 1e9):
            return False
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        for key, ok in (
            ("minimum", lambda b: value >= b),
            ("maximum", lambda b: value <= b),
            ("exclusiveMinimum", lambda b: value > b),
            ("exclusiveMaximum", lambda b: value < b),
        ):
            if key in node and not ok(node[key]):
                return False
    if isinstance(value, dict):
        properties = node.get("properties", {})
        if any(name not in value for name in node.get("required", [])):
            return False
        for name, item in value.items():
            if name in properties:
                if not valid(properties[name], item, root):
                    return False
            elif node.get("additionalProperties") is False:
                return False
    if isinstance(value, list) and "items" in node:
        return all(valid(node["items"], item, root) for item in value)
    return True


def _is(kind: str, value: Any) -> bool:
    number = isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
    return {
        "string": isinstance(value, str),
        "integer": number and value == int(value),
        "number": number,
        "boolean": isinstance(value, bool),
        "null": value is None,
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
    }[kind]


def keywords(node: Any) -> set[str]:
    if isinstance(node, list):
        return set().union(*map(keywords, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = set(node)
    for key, sub in node.items():
        if key in ("properties", "$defs"):
            found |= set().union(*map(keywords, sub.values())) if sub else set()
        elif key not in ("default", "enum", "const"):
            found |= keywords(sub)
    return found


@pytest.mark.parametrize("which", ["targets", "platforms", "actuals"])
def test_the_validator_knows_every_keyword_used(which: str) -> None:
    assert keywords(schema(which)) <= KNOWN


ACTUAL = {"schema": "hitrack/v1", "period": "2019", "values": [{"target": "a", "value": 1}]}


@pytest.mark.parametrize(
    ("change", "accepted"),
    [
        ({}, True),
        ({"period": 2019}, True),  # an unquoted year reads as the integer 2019
        ({"period": 20202}, False),
        ({"period": 219}, False),
        ({"period": "2020-Q5"}, False),
        ({"note": ""}, False),
        ({"note": "   "}, False),
        ({"values": [{"target": "a", "value": 10**18}]}, False),
        ({"values": [{"target": "a", "value": -(10**18)}]}, False),
        ({"values": [{"target": "a", "value": "nan"}]}, False),
        ({"values": [{"target": "A_b", "value": 1}]}, False),
        ({"values": [{"target": "a", "value": 1, "confirmed": "区划调整"}]}, True),
    ],
)
def test_the_schema_refuses_what_check_refuses(change: dict[str, Any], accepted: bool) -> None:
    from pydantic import TypeAdapter, ValidationError

    document = {**ACTUAL, **change}
    assert valid(schema("actuals"), document, schema("actuals")) is accepted
    try:
        TypeAdapter(model.ActualsFile).validate_python(document)
        checked = True
    except ValidationError:
        checked = False
    assert checked is accepted


def test_plausibility_thresholds_are_in_the_targets_schema() -> None:
    document = schema("targets")
    jump = document["$defs"]["Plausibility"]["properties"]["jump"]
    assert valid(jump, 20, document) and not valid(jump, "ten", document)


def test_every_record_and_field_has_a_chinese_description() -> None:
    records = {
        obj
        for obj in vars(model).values()
        if isinstance(obj, type) and issubclass(obj, model._Record) and obj is not model._Record
    }
    wanted = {r.__name__ for r in records} | {
        f"{r.__name__}.{f.name}" for r in records for f in dataclasses.fields(r)
    }
    assert sorted(wanted - set(ZH)) == []
    assert sorted(set(ZH) - wanted) == []
    target = schema("targets")["$defs"]["Target"]["properties"]["quote"]["description"]
    assert target.startswith("The exact sentence") and "原文中提出该目标的句子" in target


def test_init_wires_editors_to_the_schema(tmp_path: Path) -> None:
    files = dict(init_cmd.plan_files(2024))
    settings = json.loads(files[".vscode/settings.json"])
    assert settings["yaml.schemas"] == {
        "./schema/targets.json": "data/targets.yaml",
        "./schema/platforms.json": "data/platforms.yaml",
        "./schema/actuals.json": "data/actuals/*.yaml",
    }
    for path, which in (
        ("data/targets.yaml", "targets"),
        ("data/platforms.yaml", "platforms"),
        ("data/actuals/2024.yaml", "actuals"),
    ):
        first = files[path].splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        # The modeline's path, from the data file, is the schema init writes.
        written = (Path("/r") / path).parent / match[1]
        assert written.resolve() == Path(f"/r/schema/{which}.json")
        document = json.loads(files[f"schema/{which}.json"])
        data = yamlload.load_text(files[path], path).data
        plain = json.loads(json.dumps(data, default=float))  # Decimal -> number
        assert valid(document, plain, document), path
        assert not valid(document, {**plain, "schema": "hitrack/v2"}, document)
