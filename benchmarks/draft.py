"""How much of each shipped plan `hitrack draft` finds: recall and precision per plan.

The hand-encoded targets are the reference. A reference target is found when a draft target
has an overlapping quote (one holds the other, whitespace and punctuation removed: a plan
often states a commitment twice, once as 铁岭高新区:建设… in a box and once as
…铁岭高新区建设… in the text, and either verbatim quote is right) and the same kind,
comparator, value (or low and high) and unit; milestones match on quote and kind. Recall is
found / reference targets. Precision is the share of draft targets that match a reference
target.

Several reference targets may share one quote. Quantified targets are matched one to one
(a maximum matching): 「发明专利申请和授权分别年均增长10%以上」 is two targets, and one
draft target finds only one of them. The reference milestones on one quote are found
together: whether 「建设A、B和C」 is one deliverable or three is the encoder's choice of
granularity (the shipped plans do both), which no reading of the sentence can know, so one
draft milestone on that quote finds each reference milestone on it. Otherwise each side is
used once: a draft quote that holds two reference quotes finds one of them, and a second
draft target on a quote already found is a false positive.

    python benchmarks/draft.py            # a table
    python benchmarks/draft.py --json     # the figures as JSON
    python benchmarks/draft.py --misses   # each miss and each false positive, with its quote
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hitrack.engine import draft  # noqa: E402
from hitrack.load.datadir import DataDir  # noqa: E402
from hitrack.load.loader import load_dataset  # noqa: E402

PLANS = [ROOT / "data", *sorted(p.parent for p in (ROOT / "examples").glob("*/targets.yaml"))]


_PUNCTUATION = re.compile(r"[\s,，:：;；、。.!?！？()（）“”\"'《》]")


def _squash(text: str) -> str:
    return _PUNCTUATION.sub("", text)


def _overlaps(a: str, b: str) -> bool:
    a, b = _squash(a), _squash(b)
    return a in b or b in a


def _fields(target: object) -> tuple[object, ...]:
    names = ("kind", "comparator", "value", "low", "high", "unit")
    return tuple(getattr(target, n) for n in names)


def _same(ref: object, got: draft.DraftTarget) -> bool:
    if not _overlaps(ref.quote, got.quote):  # type: ignore[attr-defined]
        return False
    kind = "level" if ref.kind == "register" else ref.kind  # type: ignore[attr-defined]
    if kind == "milestone":
        return got.kind == "milestone"
    return (kind, *_fields(ref)[1:]) == _fields(got)


def _matching(refs: list[Any], drafted: list[draft.DraftTarget]) -> list[tuple[Any, Any]]:
    """Matched (reference, draft) pairs, each side used once (a maximum bipartite matching
    by augmenting paths, so the order of targets does not matter). The reference
    milestones on one quote are one node: a draft milestone on that quote finds them all,
    but one draft target finds only one quote, so a long draft quote that holds several
    reference quotes finds one of them, and a second draft on the same quote finds
    nothing."""
    nodes: list[list[Any]] = []
    groups: dict[str, list[Any]] = {}
    for ref in refs:
        if ref.kind == "milestone":
            key = _squash(ref.quote)
            if key not in groups:
                groups[key] = []
                nodes.append(groups[key])
            groups[key].append(ref)
        else:
            nodes.append([ref])
    edges = {
        i: [j for j, g in enumerate(drafted) if _same(node[0], g)] for i, node in enumerate(nodes)
    }
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in edges:
        augment(i, set())
    return [(ref, drafted[j]) for j, i in owner.items() for ref in nodes[i]]


def measure(plan: Path) -> dict[str, object] | None:
    loaded = load_dataset(DataDir(plan))
    if loaded.dataset is None or loaded.dataset.plan.source is None:
        return None
    text = draft.load_document(plan / "sources" / loaded.dataset.plan.source)
    result = draft.draft_plan(text)
    refs = loaded.dataset.targets.targets
    pairs = _matching(refs, result.targets)
    found = [r for r in refs if any(r is a for a, _ in pairs)]
    precise = [g for g in result.targets if any(g is b for _, b in pairs)]
    quantified = [r for r in refs if r.kind != "milestone"]
    found_q = [r for r in found if r.kind != "milestone"]
    drafted_q = [g for g in result.targets if g.kind != "milestone"]
    precise_q = [g for g in precise if g.kind != "milestone"]
    return {
        "plan": plan.name,
        "reference": len(refs),
        "drafted": len(result.targets),
        "recall": len(found) / len(refs) if refs else 1.0,
        "precision": len(precise) / len(result.targets) if result.targets else 1.0,
        "quantified_recall": len(found_q) / len(quantified) if quantified else 1.0,
        "quantified_precision": len(precise_q) / len(drafted_q) if drafted_q else 1.0,
        "missed": [r.id for r in refs if r not in found],
        "misses": [_describe(r) for r in refs if r not in found],
        "false_positives": [_describe(g) for g in result.targets if g not in precise],
    }


def _describe(target: object) -> str:
    fields = " ".join(str(f) for f in _fields(target) if f is not None)
    name = getattr(target, "id", "")
    return f"{name}: {fields}\n      {target.quote}"  # type: ignore[attr-defined]


def main() -> None:
    rows = [row for row in map(measure, PLANS) if row is not None]
    if "--json" in sys.argv:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    columns = ["plan", "reference", "drafted", "recall", "precision"]
    columns += ["recall (quantified)", "precision (quantified)"]
    print("| " + " | ".join(columns) + " |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['plan']} | {r['reference']} | {r['drafted']} | {r['recall']:.0%} | "
            f"{r['precision']:.0%} | {r['quantified_recall']:.0%} | "
            f"{r['quantified_precision']:.0%} |"
        )
    if "--misses" in sys.argv:
        for r in rows:
            print(f"\n## {r['plan']}: reference targets not found")
            for line in r["misses"]:  # type: ignore[attr-defined]
                print("  -", line)
            print(f"\n## {r['plan']}: draft targets that match no reference target")
            for line in r["false_positives"]:  # type: ignore[attr-defined]
                print("  -", line)
    if "-v" in sys.argv:
        for r in rows:
            print(r["plan"], "missed:", ", ".join(r["missed"]))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
