"""Problem messages in both languages: every template has its Chinese with the same
parameters, and a message built from a template reads the same in English as before."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from hitrack.core import problems
from hitrack.core.problems import MESSAGES, Problem, said
from hitrack.i18n import PROBLEM_MESSAGES, PROBLEM_MESSAGES_ZH, problem_message, said_in
from hitrack.load.datadir import DataDir
from hitrack.load.loader import load_dataset

INVALID = Path(__file__).parent / "fixtures" / "invalid"


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_template_has_its_chinese_and_no_chinese_is_left_over() -> None:
    assert set(PROBLEM_MESSAGES_ZH) == set(MESSAGES)
    assert all(zh and en for zh, en in PROBLEM_MESSAGES.values())


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_of_a_template_have_the_same_placeholders(key: str) -> None:
    zh, en = PROBLEM_MESSAGES[key]
    assert _names(zh) == _names(en), key
    assert all(name.isidentifier() for name in _names(en)), key  # named, never positional


def test_a_problem_keeps_the_key_and_parameters_and_its_message_is_plain_english() -> None:
    p = Problem("a.yaml", 3, 1, "missing-field", said("missing-field", field="plan.title"))
    assert type(p.message) is str
    assert p.message == "plan.title: this required field is missing"
    assert p.key == "missing-field" and p.params == (("field", "plan.title"),)
    assert said_in(p, "en") == p.message
    assert said_in(p, "zh") == "plan.title：缺少这个必填字段"


def test_a_message_without_a_template_stays_as_it_was_in_both_languages() -> None:
    p = Problem("a.yaml", 3, 1, "invalid-value", "something odd")
    assert said_in(p, "zh") == said_in(p, "en") == "something odd"


def test_a_nested_model_message_takes_the_field_before_it() -> None:
    text = said("field:invalid-period", field="plan.deadline", text="'2020-12'")
    assert (
        text == "plan.deadline: '2020-12' is not a period: "
        'write a year ("2019") or a quarter ("2020-Q2")'
    )
    assert problem_message(text.key, text.params, text, "zh").startswith(
        "plan.deadline：'2020-12' 不是期间"
    )


def test_pydantic_words_and_described_values_are_put_in_chinese() -> None:
    p = Problem(
        "a.yaml",
        1,
        1,
        "wrong-type",
        said(
            "wrong-type", field="x", msg="Input should be a valid list", got="'a'", type="list_type"
        ),
    )
    assert said_in(p, "zh") == "x：应为列表，实际为 'a'"
    unknown = Problem(
        "a.yaml",
        1,
        1,
        "wrong-type",
        said("wrong-type", field="x", msg="odd", got="1", type="odd_type"),
    )
    assert said_in(unknown, "zh") == unknown.message  # no Chinese for it: the English whole
    described = Problem(
        "a.yaml",
        1,
        1,
        "wrong-type",
        said("field:expected-text", field="name", got="nothing (null)"),
    )
    assert said_in(described, "zh") == "name：应为文字，实际为 空值（null）；请加引号"


def test_the_cache_round_trips_a_problem_with_its_key() -> None:
    from hitrack.load import cache

    p = Problem("a.yaml", 0, 0, "unit-scale", said("empty-file"), "warning")
    assert cache.decode(json.loads(json.dumps(cache.encode((p,))))) == (p,)


def test_invalid_fixtures_say_their_messages_in_chinese_with_the_same_values() -> None:
    """Across the failing fixtures, the Chinese of a templated message holds every
    parameter's value; most of the fixtures' messages have a template."""
    from hitrack.engine.checks import run_checks

    found: list[Problem] = []
    for case in sorted(p.parent for p in INVALID.glob("*/*/expected.txt")):
        loaded = load_dataset(DataDir(case))
        found += loaded.problems
        if loaded.dataset is not None:
            found += run_checks(loaded)
    templated = [p for p in found if p.key]
    assert len(templated) >= len(found) * 3 // 5, (len(templated), len(found))
    for p in templated:
        zh = said_in(p, "zh")
        assert zh != p.message
        for name, value in p.params:
            if name not in ("msg", "got", "what", "known", "type") and value:
                assert value in zh, (p.key, name, value)


def test_a_cut_group_is_said_in_chinese() -> None:
    collector = problems.Collector(limit=1)
    for line in (1, 2, 3):
        collector.append(Problem("a.yaml", line, 1, "empty-file", "x"))
    summary = collector.problems()[-1]
    assert summary.message == "and 2 more like this (empty-file)"
    assert said_in(summary, "zh") == "另有 2 个同类问题（empty-file）未列出"
