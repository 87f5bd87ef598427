"""Quote tracing (source.Tracer): the same answers as a plain search, in bounded work.

Work is counted (`Tracer.work`, `Tracer.passes`), never timed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import load, target, write_data
from hitrack.commands import check as check_cmd
from hitrack.load import source
from hitrack.load.datadir import DataDir


def longest_prefix(quote: str, text: str) -> int:
    """The plain answer: the longest prefix of `quote` that is in `text`."""
    return max(m for m in range(len(quote) + 1) if quote[:m] in text)


def test_the_same_answers_as_a_plain_search() -> None:
    rng = random.Random(14)
    for _ in range(400):
        alphabet = "abcdefg"[: rng.randrange(1, 8)]
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 200)))
        quotes = []
        for _ in range(rng.randrange(1, 12)):
            if text and rng.random() < 0.6:
                start = rng.randrange(len(text))
                quote = text[start : start + rng.randrange(1, 25)]
                if rng.random() < 0.5:
                    at = rng.randrange(len(quote))
                    quote = quote[:at] + rng.choice(alphabet + "xy") + quote[at + 1 :]
            else:
                quote = "".join(rng.choice(alphabet + "xy") for _ in range(rng.randrange(12)))
            quotes.append(quote)
        missing, complete = source.Tracer(text, budget=10**9, detail_budget=10**9).misses(quotes)
        assert complete
        assert set(missing) == {q for q in quotes if q not in text}
        for quote, same in missing.items():
            assert same == longest_prefix(quote, text), (quote, text)


def zipf_text(size: int, seed: int) -> str:
    rng = random.Random(seed)
    alphabet = [chr(0x4E00 + index) for index in range(3000)]
    weights = [1 / (rank + 1) for rank in range(len(alphabet))]
    return "".join(rng.choices(alphabet, weights, k=size))


def test_many_wrong_quotes_cost_a_few_passes_over_a_large_document() -> None:
    text = zipf_text(400_000, 1)
    rng = random.Random(2)
    quotes = []
    for _ in range(1_000):
        start, length = rng.randrange(len(text) - 50), rng.randrange(10, 40)
        quote = text[start : start + length]
        quotes.append(quote[: length // 2] + "龘" + quote[length // 2 + 1 :])
    quotes += [text[n * 300 : n * 300 + 20] for n in range(1_000)]  # these are there
    tracer = source.Tracer(text)
    wrong, complete = tracer.missing(quotes)
    assert complete and len(wrong) == 1_000
    # One pass over the text for every quote, not one (or a dozen) per wrong quote.
    assert tracer.passes == 1
    assert tracer.work <= source.TRACE_BUDGET
    found = tracer.departures(wrong)
    batches = -(-len(wrong) // source.DETAIL_BATCH)
    assert tracer.passes <= 1 + batches
    assert tracer.work <= source.TRACE_BUDGET + source.DETAIL_BUDGET
    for quote in wrong[:50]:  # the first ones always get their detail, and it is right
        assert found[quote] == len(quote) // 2


def test_a_document_that_defeats_the_index_stops_within_the_budget() -> None:
    text = "ab" * 500_000  # every position is a candidate for every quote
    quotes = ["a" * 20 + "b" * 20 + "a" * n for n in range(100)]
    tracer = source.Tracer(text, budget=200_000)
    _, complete = tracer.misses(quotes)
    assert not complete
    # The budget bounds the work: at most one pass's worth past it.
    assert tracer.work <= 200_000 + len(text) // 32 + 1
    assert tracer.passes <= 1


def test_tracing_stopped_is_a_warning_that_fails_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "TRACE_BUDGET", 10_000)
    sentence = "科技型中小企业数量突破55家"
    # Every character of the (wrong) quote is as common as any other in the document.
    quote = sentence + "家"
    data = write_data(tmp_path / "data", [target(quote=quote)], plan={"source": "plan.txt"})
    (data / "sources").mkdir()
    (data / "sources" / "plan.txt").write_text(sentence * 20_000, encoding="utf-8")
    problems = load(data)[1]
    assert [(p.code, p.severity) for p in problems] == [("source-untraced", "warning")]
    assert problems[0].message.startswith("quote tracing stopped: ")
    outcome = check_cmd.check(DataDir(data), "text", strict=True, lang="en")
    assert outcome.code == 1 and "quote tracing stopped" in outcome.stdout
    assert check_cmd.check(DataDir(data), "text", strict=False, lang="en").code == 0


def test_wrong_quotes_past_the_detail_budget_are_still_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "DETAIL_BUDGET", 0)
    data = write_data(
        tmp_path / "data", [target(quote="科技型中小企业数量超过55家")], plan={"source": "plan.txt"}
    )
    (data / "sources").mkdir()
    (data / "sources" / "plan.txt").write_text("科技型中小企业数量突破55家", encoding="utf-8")
    (problem,) = load(data)[1]
    assert (problem.code, problem.severity) == ("quote-not-in-source", "error")
    assert "copy the words exactly" in problem.message and "matches up to" not in problem.message
