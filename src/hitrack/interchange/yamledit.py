"""Edit an actuals file as text, so that its comments, order and layout survive an import.

Re-dumping the YAML would drop every comment and restyle every line. Instead the file is
composed (not constructed) to find where each value item and each scalar stands, and the
import's edits are spliced in: a changed field's scalar is replaced where it stands, a new
field goes after the item's last field, a new item after the last item, in the style of
the items already there (one flow mapping per line, or block mappings). The caller
re-validates the result before it replaces anything.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Fields = Mapping[str, Any]
"""An item's fields in file order: str, Decimal, bool or date values."""

_PLAIN = re.compile(r"\w[\w\-.()（）、·：/]*\Z")
_KEYWORDS = {"true", "false", "null", "~", "yes", "no", "on", "off", "y", "n"}


class EditError(Exception):
    """The file's layout is one this editor does not handle; the message says why."""


def scalar(value: Any) -> str:
    """A value as a YAML 1.2 scalar that hitrack's strict loader reads back as the same."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.date):
        return f'"{value.isoformat()}"'
    if isinstance(value, Mapping):
        return flow_item(value)
    text = str(value)
    if _PLAIN.match(text) and not text[0].isdigit() and text.lower() not in _KEYWORDS:
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def flow_item(fields: Fields) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value)}" for key, value in fields.items()) + "}"


def new_file(header: Fields, items: Sequence[Fields]) -> str:
    """A new actuals file: the header fields, then one flow mapping per value."""
    lines = [f"{key}: {scalar(value)}" for key, value in header.items()]
    lines.append("values:")
    lines += [f"  - {flow_item(item)}" for item in items]
    return "\n".join(lines) + "\n"


def merge(text: str, updates: Mapping[int, Fields], additions: Sequence[Fields]) -> str:
    """`text` with the fields of values[i] set for each update and the additions appended."""
    newline = "\r\n" if "\r\n" in text else "\n"
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise EditError(f"cannot parse the file: {err}") from None
    sequence = _values_node(root)
    edits: list[tuple[int, int, str]] = []
    for index, fields in updates.items():
        edits += _update(text, sequence.value[index], fields, newline)
    if additions:
        edits.append(_append(text, sequence, additions, newline))
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _values_node(root: Node | None) -> SequenceNode:
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if (
                isinstance(key, ScalarNode)
                and key.value == "values"
                and isinstance(value, SequenceNode)
            ):
                return value
    raise EditError("the file has no `values:` list")


def _update(text: str, item: Node, fields: Fields, newline: str) -> list[tuple[int, int, str]]:
    if not isinstance(item, MappingNode):
        raise EditError(f"values item at line {item.start_mark.line + 1} is not a mapping")
    present = {k.value: v for k, v in item.value if isinstance(k, ScalarNode)}
    edits = []
    missing = []
    for key, value in fields.items():
        node = present.get(key)
        if node is None:
            missing.append((key, value))
        else:  # a block mapping replaced by a flow one stays valid on its own lines
            edits.append((node.start_mark.index, _end(node), scalar(value)))
    if missing:
        end = _end(item.value[-1][1])
        if item.flow_style:
            added = "".join(f", {key}: {scalar(value)}" for key, value in missing)
            edits.append((end, end, added))
        else:
            indent = " " * item.value[0][0].start_mark.column
            added = "".join(f"{newline}{indent}{key}: {scalar(value)}" for key, value in missing)
            position = _line_end(text, end)
            edits.append((position, position, added))
    return edits


def _append(
    text: str, sequence: SequenceNode, additions: Sequence[Fields], newline: str
) -> tuple[int, int, str]:
    if sequence.flow_style:
        if not sequence.value:
            start, end = sequence.start_mark.index, sequence.end_mark.index
            start = len(text[:start].rstrip(" "))
            lines = "".join(f"{newline}  - {flow_item(item)}" for item in additions)
            return start, end, lines
        end = _end(sequence.value[-1])
        return end, end, "".join(f", {flow_item(item)}" for item in additions)
    last = sequence.value[-1]
    dash = " " * sequence.start_mark.column
    if isinstance(last, MappingNode) and not last.flow_style:
        key_indent = " " * last.value[0][0].start_mark.column
        rendered = [
            f"{dash}- "
            + f"{newline}{key_indent}".join(f"{k}: {scalar(v)}" for k, v in item.items())
            for item in additions
        ]
    else:
        rendered = [f"{dash}- {flow_item(item)}" for item in additions]
    position = _line_end(text, _end(last))
    return position, position, "".join(newline + line for line in rendered)


def _end(node: Node) -> int:
    """Where a node's text ends. A block collection's own end mark lies past the comments
    and blank lines that follow it, so its end is that of its last scalar or flow node."""
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end(last[1] if isinstance(last, tuple) else last)
    end = int(node.end_mark.index)
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        buffer = str(node.end_mark.buffer)
        while end > node.start_mark.index and buffer[end - 1] in " \r\n":
            end -= 1
    return end


def _line_end(text: str, position: int) -> int:
    """The end of the line `position` is on (a block scalar's end is past its newline)."""
    end = position - 1 if position and text[position - 1] == "\n" else text.find("\n", position)
    if end == -1:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end
