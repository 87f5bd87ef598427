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
        values = dict(p.params)
        for name, value in p.params:
            if name.endswith(":key") or f"{name}:key" in values:
                continue  # a message inside the message: its own parameters are looked for
            if name.rpartition(":")[2] in (
                "msg",
                "got",
                "what",
                "known",
                "type",
                "gloss",
                "flows",
                "reason",
            ):
                continue
            if value:
                assert value in zh, (p.key, name, value)


def test_a_cut_group_is_said_in_chinese() -> None:
    collector = problems.Collector(limit=1)
    for line in (1, 2, 3):
        collector.append(Problem("a.yaml", line, 1, "empty-file", "x"))
    summary = collector.problems()[-1]
    assert summary.message == "and 2 more like this (empty-file)"
    assert said_in(summary, "zh") == "另有 2 个同类问题（empty-file）未列出"


#: Messages that were built in code before they had templates, as they read then: the
#: English stays byte for byte what it was (JSON and CI consumers read it).
FORMER_ENGLISH = [
    (said("kind-needs", kind="growth", name="baseline"), "a growth target needs `baseline`"),
    (
        said("kind-needs-baseline", kind="growth", name="baseline"),
        "a growth target needs `baseline` (the base-period value it is measured from: "
        "`baseline: {value, period, unit, quote}` where the plan states it, else with `source`, "
        "`issuer`, `year` and `page` or `url` of the statistical bulletin or yearbook it comes "
        "from)",
    ),
    (said("low-above-high", low=5, high=3), "low 5 is above high 3"),
    (
        said("flow-only", flows="level and cumulative", kind="ratio"),
        "`flow` belongs to level and cumulative targets; a ratio target cannot have it",
    ),
    (
        said("quote-comparator", words="突破", gloss="more than", read="gt", written="lt"),
        "the quote says 突破 (more than), so the comparator is gt; the file says lt",
    ),
    (
        said("quote-unit-scale", words="2.5亿元", numbers="2.5", unit="亿元", written="万元"),
        "the quote says 2.5亿元 (2.5 亿元), so the unit is 亿元; the file says 万元, a different "
        "scale: write unit: 亿元",
    ),
    (
        said("source-refused", source="plan.txt", why=said("source-link", path="sources/plan.txt")),
        "plan.source plan.txt: sources/plan.txt is a symbolic link; the source document must be "
        "a regular file inside the data directory: copy it in; nothing is traced",
    ),
    (
        said(
            "unit-scale-hint",
            meant="5.2",
            unit="亿元",
            shown="52000 亿元",
            times=said("times", n="10,000"),
            against=said("against-period", period="2018", value="4.1", unit="亿元"),
            other="万元",
        ),
        "did you mean 5.2 亿元? 52000 亿元 is 10,000 times the 2018 value (4.1 亿元); or keep "
        "the number and write `unit: 万元` (add `confirmed: why` if it is right)",
    ),
    (
        said(
            "implausible-jump",
            shown="48 家",
            size=said("fraction-of", n="14"),
            against=said("against-median", periods="2018, 2019"),
            jump="10",
        ),
        "48 家 is 1/14 of the median of its other periods (2018, 2019), beyond "
        "plausibility.jump (10); check the figure and its unit, or add `confirmed: why` to the "
        "value",
    ),
    (
        said("row-width", cells=8, header=7),
        "the row has 8 cells but the header has 7; quote cells that contain commas",
    ),
    (
        said("csv-error-rest", detail="unexpected end of data"),
        "CSV: unexpected end of data; the rows after it were not read",
    ),
    (said("not-a-milestone", target="smes"), "smes is not a milestone: report `value` and `unit`"),
]


@pytest.mark.parametrize(("message", "english"), FORMER_ENGLISH, ids=lambda m: m[:30])
def test_a_message_that_became_a_template_reads_as_before(message: str, english: str) -> None:
    assert message == english


def test_glosses_and_joined_kinds_are_said_in_chinese() -> None:
    quote = said(
        "quote-comparator",
        words="不低于…以上",
        gloss="not lower than … or more",
        read="gte",
        written="lt",
    )
    assert problem_message(quote.key, quote.params, quote, "zh") == (
        "原文为「不低于…以上」（不低于…及以上），比较方式应为 gte；文件写的是 lt"
    )
    flow = said("flow-only", flows="level and cumulative", kind="ratio")
    assert "level、cumulative" in problem_message(flow.key, flow.params, flow, "zh")


def test_a_reason_inside_a_message_is_said_in_chinese_and_survives_the_cache() -> None:
    from hitrack.load import cache

    why = said("source-over-cap", mb=20)
    p = Problem(
        "targets.yaml", 8, 3, "source-refused", said("source-refused", source="a.txt", why=why)
    )
    assert p.message == "plan.source a.txt: it is over 20 MB; nothing is traced"
    assert said_in(p, "zh") == "plan.source a.txt：文件超过 20 MB；未核对任何引文"
    assert cache.decode(json.loads(json.dumps(cache.encode((p,))))) == (p,)
    assert said_in(cache.decode(json.loads(json.dumps(cache.encode((p,)))))[0], "zh") == said_in(
        p, "zh"
    )


def test_direction_and_path_messages_in_both_languages(tmp_path: Path) -> None:
    """The rules of direction-only and path targets say their messages in Chinese too, and
    in English as they read before they were templates."""
    from conftest import target, write_data
    from hitrack.engine.checks import run_checks

    rising = target(comparator="rising", value=5, quote="科技型中小企业数量逐年增加")
    path = target(
        id="htes",
        comparator="gte",
        value=55,
        quote="2019年48家、2018年40家，2020年55家",
        path=[{"period": "2019", "value": 48}, {"period": "2018", "value": 40}],
    )
    found = run_checks(load_dataset(DataDir(write_data(tmp_path, [rising, path]))))
    english = {p.message for p in found}
    assert (
        "a `rising` target is judged on its direction alone and has no `value`; a plan that "
        "states a number to reach wants gt, gte, lt or lte" in english
    )
    assert (
        "path period 2018 does not come after 2019: list the interim values in period order, "
        "one per period" in english
    )
    chinese = {problem_message(p.key, p.params, p.message, "zh") for p in found}
    assert "中间目标的期间 2018 不在 2019 之后：请按期间顺序列出，每期一个" in chinese
    assert any(m.startswith("`rising` 目标只按变化方向评估") for m in chinese)
