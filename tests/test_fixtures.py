"""One test walks the fixture folders: every valid dataset is clean, every invalid one yields
exactly the problems its expected.txt lists (file:line:col: code), and every problem code
has at least one invalid case. A case with a `base/` folder is also compared with it, as
`check --base` compares with a revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from hitrack.core.problems import CODES
from hitrack.engine.checks import check_plan_unchanged, run_checks
from hitrack.load.loader import DataDir, load_dataset

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted(p for p in (FIXTURES / "invalid").glob("*/*") if p.is_dir())
VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())


def found(case: Path) -> list[str]:
    options = {}
    if (case / "options.txt").exists():
        key, _, value = (case / "options.txt").read_text().strip().partition("=")
        options[key] = int(value)
    loaded = load_dataset(DataDir(case, **options))
    problems = run_checks(loaded)
    if (case / "base").is_dir():
        problems += check_plan_unchanged(load_dataset(DataDir(case / "base")), loaded, "base")
    prefix = f"{case}/"
    return sorted(f"{p.file.removeprefix(prefix)}:{p.line}:{p.col}: {p.code}" for p in problems)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invalid_case(case: Path) -> None:
    expected = sorted((case / "expected.txt").read_text(encoding="utf-8").split("\n")[:-1])
    assert found(case) == expected
    assert any(line.endswith(f": {case.parent.name}") for line in expected)


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case(case: Path) -> None:
    assert found(case) == []


def test_every_code_has_an_invalid_case() -> None:
    covered = {case.parent.name for case in INVALID}
    assert sorted(set(CODES) - covered) == []
    assert sorted(covered - set(CODES)) == []


def test_every_case_made_of_links_stays_out_of_the_sdist() -> None:
    """An sdist copies what a link points at (even /etc/hostname): such cases are pruned."""
    manifest = FIXTURES.parent.parent / "MANIFEST.in"
    pruned = [
        line.split()[1]
        for line in manifest.read_text(encoding="utf-8").splitlines()
        if line.startswith("prune ")
    ]
    root = FIXTURES.parent.parent
    for case in INVALID:
        if any(p.is_symlink() for p in case.rglob("*")):
            rel = case.relative_to(root).as_posix()
            assert any(rel == p or rel.startswith(p + "/") for p in pruned), rel
