"""Input-method slips are named before YAML fails on them: the character, where it stands
and what to type instead, in English and Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import load, target, write_data
from hitrack.load import typos, yamlload

HEAD = 'schema: hitrack/v1\nperiod: "2019"\nvalues:\n'


def slips(text: str) -> list[tuple[int, int, str]]:
    problems = yamlload.load_text(text, "2019.yaml").problems
    assert {p.code for p in problems} <= {"full-width-character"}
    return [(p.line, p.col, p.message) for p in problems]


def test_a_full_width_colon_after_a_key() -> None:
    [(line, col, message)] = slips(HEAD + "  - target: smes\n    value： 48\n")
    assert (line, col) == (5, 10)
    assert "'：' (U+FF1A)" in message and "type `value: `" in message and "全角冒号" in message


def test_a_full_width_colon_and_comma_in_a_flow_mapping() -> None:
    found = slips(HEAD + "  - {target：smes， value: 48, unit: 家}\n")
    assert [(line, col) for line, col, _ in found] == [(4, 12), (4, 17)]
    assert (
        "'，' (U+FF0C)" in found[1][2] and "type ', '" in found[1][2] and "全角逗号" in found[1][2]
    )


def test_an_ideographic_space_in_the_indentation() -> None:
    [(line, col, message)] = slips(HEAD + "  - target: smes\n  \u3000value: 48\n")
    assert (line, col) == (5, 3)
    assert "U+3000" in message and "全角空格" in message


def test_an_ideographic_space_before_the_colon() -> None:
    [(line, col, _)] = slips(HEAD + "  - target: smes\n    value\u3000: 48\n")
    assert (line, col) == (5, 10)


def test_unquoted_full_width_digits() -> None:
    [(line, col, message)] = slips(HEAD + "  - target: smes\n    value: ４６\n    unit: 家\n")
    assert (line, col) == (5, 12)
    assert "type 46" in message and "remove the quotes" not in message and "全角数字" in message


def test_quoted_full_width_digits_are_not_told_to_lose_quotes_only(tmp_path: Path) -> None:
    root = write_data(tmp_path, [target()])
    (root / "actuals").mkdir()
    text = HEAD + '  - {target: smes, value: "４６", unit: 家}\n'
    (root / "actuals" / "2019.yaml").write_text(text, encoding="utf-8")
    _, problems = load(root)
    [problem] = problems
    assert problem.code == "not-a-number"
    assert "full-width digits '４６': type 46" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "note: 注：示例，非真实统计\n",
        'quote: "value：48，unit: 家"\n',
        "quote: 'it''s：４６'\n",
        "note: 第一条\u3000总则\n",
        "note: 共计 ４６ 家\n",
        "values:\n  - {target: a, evidence: 示例：项目签约，选址完成}\n",
        "note: >-\n  value： 48\n  ，unit: x\nperiod: '2019'\n",
        "period: '2019'  # 注：value： ４６\n",
    ],
)
def test_full_width_characters_in_text_are_left_alone(text: str) -> None:
    assert typos.find(text) == []


def test_a_slip_after_a_block_scalar_is_found() -> None:
    assert [(line, col) for line, col, _ in typos.find("note: >-\n  text\nperiod： x\n")] == [
        (3, 7)
    ]


def test_a_key_with_a_trailing_space_is_shown_quoted(tmp_path: Path) -> None:
    root = write_data(tmp_path, [target()])
    path = root / "actuals" / "2019.yaml"
    path.parent.mkdir()
    path.write_text(HEAD + '  - {target: smes, "value ": 48, unit: 家}\n', encoding="utf-8")
    _, problems = load(root)
    [unknown] = [p for p in problems if p.code == "unknown-field"]
    assert "values[0].'value '" in unknown.message
    assert "did you mean 'value'?" in unknown.message
