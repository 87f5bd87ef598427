"""Merging into an actuals file as text keeps its comments and layout, in every YAML style
hitrack accepts, and the result reads back as intended."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from hitrack.interchange import yamledit
from hitrack.load import yamlload

BLOCK = """\
# comment at the top
schema: hitrack/v1
period: "2020"
values:
  # a comment inside the list
  - target: a
    value: 1   # trailing comment
    unit: 家
    note: >-
      a folded
      note

  - target: b
    done: false
# comment at the end
"""


def load(text: str) -> object:
    loaded = yamlload.load_text(text, "t.yaml")
    assert loaded.problems == []
    return loaded.data


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_block_style_keeps_comments_and_line_endings(newline: str) -> None:
    text = BLOCK.replace("\n", newline)
    merged = yamledit.merge(
        text,
        {0: {"value": Decimal("2.5"), "source": "表 1.xlsx"}, 1: {"done": True}},
        [{"target": "c", "value": Decimal(3), "unit": "%", "reported": datetime.date(2020, 1, 2)}],
    )
    for line in ("# comment at the top", "  # a comment inside the list", "# comment at the end"):
        assert line + newline in merged
    assert "value: 2.5   # trailing comment" in merged
    if newline == "\r\n":
        assert merged.count("\n") == merged.count("\r\n")
    else:
        assert "\r" not in merged
    data = load(merged)
    assert isinstance(data, dict)
    a, b, c = data["values"]
    assert (a["value"], a["source"], a["note"]) == (Decimal("2.5"), "表 1.xlsx", "a folded note")
    assert b["done"] is True
    assert (c["target"], c["unit"], c["reported"]) == ("c", "%", "2020-01-02")


def test_flow_lists_and_quoting() -> None:
    merged = yamledit.merge(
        "schema: hitrack/v1\nvalues: []\n",
        {},
        [{"target": "a", "evidence": "yes: no, [x]", "source": "true"}],
    )
    data = load(merged)
    assert isinstance(data, dict)
    assert data["values"][0] == {"target": "a", "evidence": "yes: no, [x]", "source": "true"}
    merged = yamledit.merge(merged, {}, [{"target": "b", "value": Decimal("0.5")}])
    assert [v["target"] for v in load(merged)["values"]] == ["a", "b"]


def test_unusual_layout_is_refused() -> None:
    with pytest.raises(yamledit.EditError):
        yamledit.merge("schema: hitrack/v1\n", {}, [{"target": "a"}])
