"""Each target kind has one home, `engine/kinds.py`: every other module asks it instead of
branching on the kind (docs/architecture.md, "A kind").

The rule is read with `ast`, as tests/test_layers.py reads imports: outside the kinds home, a
comparison with a kind's name (`target.kind == "growth"`, `kind in ("milestone",
"register")`, `said == "level"`) or a membership test of a `.kind` (`t.kind in SOME_KINDS`)
is a branch on the kind. The few that remain are listed in `ALLOWED` with the reason; the
checker runs on a folder, so a test also proves that it catches a planted branch. A
synthetic kind, registered for one test, is checked, assessed and shown with no code but
its row: adding a kind is one row (and its name in `model.Kind`, its words in `i18n`).
"""

from __future__ import annotations

import ast
import dataclasses
import typing
from decimal import Decimal
from pathlib import Path

import pytest

import hitrack
from conftest import load, target, write_data
from hitrack import i18n
from hitrack.core import model
from hitrack.engine import checks, kinds, progress
from hitrack.load.datadir import DataDir
from hitrack.load.loader import Loaded, load_dataset
from hitrack.render import status as status_render

PACKAGE = Path(hitrack.__file__).parent
KIND_NAMES = frozenset(typing.get_args(model.Kind))
HOME = "engine/kinds.py"

#: (module, function) -> (how many branches on the kind it holds, why they stay)
ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    ("engine/phrases.py", "_kind_findings"): (
        8,
        "compares the kind a quote's words read as with the kind the file says: the names "
        "are the data being compared, not a rule of a kind",
    ),
    ("engine/draft.py", "draft_plan"): (
        2,
        "drafting: a deliverable in a section on principles is an example, not a target",
    ),
    ("engine/draft.py", "_implied"): (2, "drafting: a deliverable that a count implies"),
    ("engine/draft.py", "_restates"): (
        1,
        "drafting: two quantities or two deliverables restate each other in their own ways",
    ),
    ("engine/draft.py", "_targets_of"): (
        2,
        "drafting: 获得临床批件60个、注册证书30个, the list's verb makes every part a sum",
    ),
    ("engine/draft.py", "_targets_of_part"): (
        1,
        "drafting: numbers in Chinese numerals are mostly names, unless they say 翻一番",
    ),
    ("engine/draft.py", "_kind"): (
        3,
        "drafting: which kind a sentence's verb and unit state (the rules of plan language)",
    ),
}


def _names_kinds(node: ast.expr) -> bool:
    """A kind's name, or a tuple, list or set of kinds' names."""
    if isinstance(node, ast.Constant):
        return node.value in KIND_NAMES
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and node.elts:
        return all(isinstance(e, ast.Constant) and e.value in KIND_NAMES for e in node.elts)
    return False


def _is_kind(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "kind"


def _is_branch(node: ast.Compare) -> bool:
    operands = [node.left, *node.comparators]
    if any(_names_kinds(o) for o in operands):
        return True
    member = any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops)
    return member and _is_kind(node.left)


def kind_branches(root: Path) -> dict[tuple[str, str], list[int]]:
    """(module path under `root`, enclosing function) -> the lines of its branches on a
    kind, for every module but the kinds home."""
    found: dict[tuple[str, str], list[int]] = {}
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root).as_posix()
        if "__pycache__" in path.parts or module == HOME:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

        def visit(node: ast.AST, where: str) -> None:
            for child in ast.iter_child_nodes(node):
                inner = where
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    inner = child.name
                if isinstance(child, ast.Compare) and _is_branch(child):
                    found.setdefault((module, inner), []).append(child.lineno)  # noqa: B023
                if isinstance(child, ast.Match) and _is_kind(child.subject):
                    found.setdefault((module, inner), []).append(child.lineno)  # noqa: B023
                visit(child, inner)

        visit(tree, "<module>")
    return found


def test_no_module_outside_the_kinds_branches_on_a_kind() -> None:
    found = kind_branches(PACKAGE)
    unexpected = {
        where: lines
        for where, lines in found.items()
        if where not in ALLOWED or len(lines) != ALLOWED[where][0]
    }
    assert unexpected == {}, (
        "ask engine/kinds.py (a Kind's attribute, or a function there) instead of comparing "
        f"target.kind; or list the branch in ALLOWED with its reason: {unexpected}"
    )
    assert set(ALLOWED) == set(found), "an ALLOWED entry no longer branches: remove it"


def test_the_checker_catches_a_planted_branch(tmp_path: Path) -> None:
    (tmp_path / "engine").mkdir()
    (tmp_path / "engine" / "kinds.py").write_text('A = "growth" == "growth"\n')
    (tmp_path / "view.py").write_text(
        "def show(t, SET):\n"
        '    if t.kind == "growth":\n'
        "        return 1\n"
        '    if "ratio" != t.other:\n'
        "        return 2\n"
        "    if t.kind not in SET:\n"
        "        return 3\n"
        "    match t.kind:\n"
        "        case _:\n"
        "            return 4\n"
        'x = y.kind in ("milestone", "register")\n'
        'fine = t.status == "achieved" or t.kind is None or kind_of(t).flag\n'
    )
    assert kind_branches(tmp_path) == {
        ("view.py", "show"): [2, 4, 6, 8],
        ("view.py", "<module>"): [11],
    }


def test_every_kind_states_every_hook() -> None:
    fields = {f.name for f in dataclasses.fields(model.Target)}
    assert set(kinds.KINDS) == KIND_NAMES
    for name, kind in kinds.KINDS.items():
        assert kind.name == name
        assert kind.words in i18n.WORDS, name
        assert all(i18n.WORDS[kind.words]), name
        for key in (kind.prefix, kind.suffix):
            assert key is None or key in i18n.WORDS, (name, key)
        assert set(kind.needs) <= fields and set(kind.refuses) <= fields, name
        assert not set(kind.needs) & set(kind.refuses), name
        assert kind.computes in typing.get_args(kinds.Computes), name
        assert kind.projection is None or kind.projection in typing.get_args(kinds.Projection)
        assert (kind.projection is None) == (not kind.numeric), name
        assert sum((kind.numeric, kind.flag, kind.counted)) == 1, name


# ----------------------------------------------------------------------------- a new kind

#: A kind only this test knows: a level that is projected on a straight line, and must
#: have a baseline. It reuses the strategies; nothing but its row (and its words) is new.
INDEX = kinds.Kind(
    "index",
    "kind_index",
    ("comparator", "unit", "baseline"),
    ("series_unit", "register", "deliverable", "stated"),
    None,
    "the latest value",
    "latest",
    "linear",
    suffix="per_year",
)


@pytest.fixture
def index_kind(monkeypatch: pytest.MonkeyPatch) -> kinds.Kind:
    monkeypatch.setitem(kinds.KINDS, "index", INDEX)
    monkeypatch.setitem(i18n.WORDS, "kind_index", ("指数", "index"))
    return INDEX


def _loaded(tmp_path: Path, **fields: object) -> tuple[Loaded, model.Target]:
    """A data directory with one level target (>55家, 40 then 50), turned into an index
    target after loading: the model's `Kind` is a closed list, the registry is not."""
    values = {
        p: [{"target": "smes", "value": v, "unit": "家"}] for p, v in (("2018", 40), ("2019", 50))
    }
    root = write_data(tmp_path, [target(**fields)], values)
    loaded = load_dataset(DataDir(root))
    assert loaded.dataset is not None and load(root)[1] == []
    (found,) = loaded.dataset.targets.targets
    object.__setattr__(found, "kind", "index")
    return loaded, found


def test_a_new_kind_is_checked_from_its_row(tmp_path: Path, index_kind: kinds.Kind) -> None:
    loaded, _ = _loaded(tmp_path)
    problems = [p for p in checks.run_checks(loaded) if p.code == "target-fields"]
    (problem,) = problems
    assert problem.message.startswith("a index target needs `baseline`")


def test_a_new_kind_is_assessed_and_shown_from_its_row(
    tmp_path: Path, index_kind: kinds.Kind
) -> None:
    loaded, found = _loaded(tmp_path)
    assert loaded.dataset is not None
    (a,) = progress.assess_all(loaded.dataset, "2019")
    # Projected on a straight line (level: compounding): 50 + 10 = 60 by 2020, against the
    # 56 required from 40: (60 - 40) / (56 - 40) = 1.25.
    assert [code for code, _ in a.steps if code.startswith("projection-")] == ["projection-linear"]
    assert (a.status, a.projected, a.ratio) == ("on_track", Decimal(60), Decimal("1.25"))
    assert status_render.target_words(found, "en") == ">55家/yr"
    assert status_render.target_words(found, "zh") == ">55家/年"
    assert i18n.word(kinds.kind_of(found).words, "zh") == "指数"
