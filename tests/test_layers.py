"""The layers of `src/hitrack` as import contracts (docs/architecture.md).

Every import of every module is read with `ast`: at the top, inside functions and under
`if TYPE_CHECKING:` alike, since a lazy import is still a dependency. A module may import
its own layer and the layers below it, as `MAY_IMPORT` says; every module belongs to a
layer (a new top-level module must be given one here); no module imports itself in a
cycle. The checker runs on a folder, so the tests below also prove that it catches a
planted violation.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import hitrack

PACKAGE = Path(hitrack.__file__).parent

#: layer -> the layers it may import besides itself. The bottom first.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "core": frozenset(),
    "i18n": frozenset({"core"}),
    "load": frozenset({"core"}),
    "engine": frozenset({"core", "load"}),
    "render": frozenset({"core", "i18n", "engine"}),
    "interchange": frozenset({"core", "i18n", "load", "engine", "render"}),
    "commands": frozenset({"core", "i18n", "load", "engine", "render", "interchange"}),
    "edge": frozenset({"core", "i18n", "load", "engine", "render", "interchange", "commands"}),
}
#: the top-level modules that are a layer of their own
TOP_LEVEL = {
    "i18n": "i18n",
    "cli": "edge",
    "entry": "edge",
    "memo": "edge",
    "streams": "edge",
    "__main__": "edge",
}


def module_names(root: Path) -> dict[str, Path]:
    """Every module under `root` (a `hitrack` folder) by dotted name."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = ["hitrack", *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def layer_of(module: str) -> str | None:
    """The layer of a dotted module name; "root" for the package's own `__init__`."""
    parts = module.split(".")
    if len(parts) == 1:
        return "root"
    if parts[1] in MAY_IMPORT and parts[1] not in ("edge", "i18n"):
        return parts[1]
    return TOP_LEVEL.get(parts[1]) if len(parts) == 2 else None


def imports(module: str, path: Path, known: set[str]) -> list[tuple[int, str]]:
    """(line, imported hitrack module) for each import anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("hitrack")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base != "hitrack" and not base.startswith("hitrack."):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((node.lineno, sub if sub in known else base))
    return found


def graph(root: Path) -> tuple[dict[str, list[tuple[int, str]]], dict[str, Path]]:
    modules = module_names(root)
    known = set(modules)
    return {name: imports(name, path, known) for name, path in modules.items()}, modules


def violations(root: Path) -> list[str]:
    """Every broken layer rule under `root`, as `file:line: what`."""
    edges, modules = graph(root)
    found = []
    for module, targets in edges.items():
        where = modules[module].relative_to(root.parent)
        layer = layer_of(module)
        if layer is None:
            found.append(f"{where}:1: {module} is in no layer; put it in a layer package")
            continue
        for line, target in targets:
            if target not in modules:
                found.append(f"{where}:{line}: imports {target}, which does not exist")
                continue
            other = layer_of(target)
            if other in ("root", layer) or layer == "root":
                continue
            if other not in MAY_IMPORT[layer]:
                found.append(f"{where}:{line}: {layer} may not import {other} ({target})")
    found += [f"cycle: {' -> '.join(cycle)}" for cycle in cycles(edges)]
    return found


def cycles(edges: dict[str, list[tuple[int, str]]]) -> list[list[str]]:
    """The import cycles between modules (a package importing its own modules aside)."""
    out: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for _, target in edges.get(node, []):
            if target == node or node.startswith(target + "."):
                continue
            if state.get(target) == 1:
                out.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return out


def test_the_package_keeps_its_layers() -> None:
    assert violations(PACKAGE) == []


def test_every_layer_package_says_what_it_may_import() -> None:
    for layer in MAY_IMPORT:
        init = PACKAGE / layer / "__init__.py"
        if layer in TOP_LEVEL.values():
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc is not None and "May import" in doc, init


def test_the_rules_cover_every_module() -> None:
    edges, _ = graph(PACKAGE)
    assert len(edges) > 60
    assert all(layer_of(module) is not None for module in edges)


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A small copy of the layout, clean, to plant violations in."""
    root = tmp_path / "hitrack"
    for layer in ("core", "load", "engine", "render"):
        (root / layer).mkdir(parents=True)
        (root / layer / "__init__.py").write_text('"""May import: see tests."""\n')
    (root / "__init__.py").write_text('__version__ = "0"\n')
    (root / "core" / "model.py").write_text("X = 1\n")
    (root / "i18n.py").write_text("from hitrack.core import model\n")
    (root / "engine" / "progress.py").write_text(
        "from hitrack import __version__\nfrom hitrack.core import model\n"
    )
    (root / "render" / "status.py").write_text(
        "from hitrack.i18n import X\nfrom hitrack.engine import progress\n"
    )
    assert violations(root) == []
    return root


def test_a_lazy_import_of_a_higher_layer_is_caught(planted: Path) -> None:
    (planted / "engine" / "progress.py").write_text(
        "from hitrack.core import model\n\n\ndef why():\n    from hitrack.i18n import word\n"
    )
    assert violations(planted) == [
        "hitrack/engine/progress.py:5: engine may not import i18n (hitrack.i18n)"
    ]


def test_an_import_under_type_checking_is_caught(planted: Path) -> None:
    (planted / "core" / "model.py").write_text(
        "TYPE_CHECKING = False\nif TYPE_CHECKING:\n    from hitrack.render import status\n"
    )
    (found,) = [v for v in violations(planted) if not v.startswith("cycle")]
    assert found == "hitrack/core/model.py:3: core may not import render (hitrack.render.status)"


def test_a_relative_import_is_resolved(planted: Path) -> None:
    (planted / "load" / "loader.py").write_text("from ..engine import progress\n")
    assert violations(planted) == [
        "hitrack/load/loader.py:1: load may not import engine (hitrack.engine.progress)"
    ]


def test_a_cycle_inside_a_layer_is_caught(planted: Path) -> None:
    (planted / "engine" / "checks.py").write_text("from hitrack.engine import progress\n")
    (planted / "engine" / "progress.py").write_text("from hitrack.engine.checks import X\n")
    assert violations(planted) == [
        "cycle: hitrack.engine.checks -> hitrack.engine.progress -> hitrack.engine.checks"
    ]


def test_a_flat_module_and_a_stale_path_are_caught(planted: Path) -> None:
    (planted / "loader.py").write_text("from hitrack.core import units\n")
    assert violations(planted) == [
        "hitrack/loader.py:1: hitrack.loader is in no layer; put it in a layer package"
    ]
    (planted / "loader.py").unlink()
    (planted / "render" / "status.py").write_text("from hitrack.progress import assess\n")
    assert violations(planted) == [
        "hitrack/render/status.py:1: imports hitrack.progress, which does not exist"
    ]


def language_branches(root: Path) -> list[str]:
    """Each comparison of a language with "zh" or "en" outside i18n.py, as `file:line`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "i18n.py" and path.parent == root:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(side, ast.Constant) and side.value in ("zh", "en")
                for side in [node.left, *node.comparators]
            ):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_every_branch_on_the_language_is_in_i18n(tmp_path: Path) -> None:
    """Words and their choice live in i18n.py (`word`, `pick`, `named`), not in renderers."""
    assert language_branches(PACKAGE) == []
    (tmp_path / "hitrack" / "render").mkdir(parents=True)
    (tmp_path / "hitrack" / "render" / "x.py").write_text('S = "：" if lang == "zh" else ": "\n')
    assert language_branches(tmp_path / "hitrack") == ["hitrack/render/x.py:1"]


def word_tables(root: Path) -> list[str]:
    """Tables of (Chinese, English) words outside i18n.py, as `file:line`: a dict whose
    values are pairs of strings, the first with a CJK character and the second without."""

    def pair(node: ast.expr) -> bool:
        if not (isinstance(node, ast.Tuple) and len(node.elts) == 2):
            return False
        zh, en = node.elts
        return (
            isinstance(zh, ast.Constant)
            and isinstance(en, ast.Constant)
            and isinstance(zh.value, str)
            and isinstance(en.value, str)
            and any("\u4e00" <= c <= "\u9fff" for c in zh.value)
            and not any("\u4e00" <= c <= "\u9fff" for c in en.value)
        )

    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "i18n.py" and path.parent == root:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and node.values and all(map(pair, node.values)):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_every_word_table_is_in_i18n(tmp_path: Path) -> None:
    """One home for the words: a renderer asks i18n, it keeps no (zh, en) table of its own.
    The one exception is the status type itself (core/statuses.py), which carries its words
    with its symbol and colours so that a status is one value; i18n reads them from it."""
    found = word_tables(PACKAGE)
    assert [f for f in found if not f.startswith("hitrack/core/statuses.py:")] == []
    assert len(found) == 1
    (tmp_path / "hitrack" / "render").mkdir(parents=True)
    (tmp_path / "hitrack" / "render" / "x.py").write_text('W = {"back": ("返回", "Back")}\n')
    assert word_tables(tmp_path / "hitrack") == ["hitrack/render/x.py:1"]
