"""`hitrack schema`: the JSON Schema of a data file, with its Chinese descriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hitrack.commands.common import (
    Outcome,
)

if TYPE_CHECKING:
    pass


def schema(which: str) -> Outcome:
    from pydantic import TypeAdapter

    from hitrack.core import model
    from hitrack.render import escape

    classes: dict[str, Any] = {
        "targets": model.TargetsFile,
        "platforms": model.PlatformsFile,
        "actuals": model.ActualsFile,
    }
    from hitrack.core.schema_zh import add_chinese

    with model.documented():
        document = TypeAdapter(classes[which]).json_schema()
    document = add_chinese(document, classes[which].__name__)
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://hitrack.invalid/schema/v1/{which}.json",
        **document,
    }
    return Outcome(escape.json_text(document))
