"""The per-file cache: after an edit only the edited file is parsed and validated again, the
outputs are those of a run without any cache, and an entry is trusted no more than the
dataset cache's (same reading and writing, same decoder)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from hitrack.commands import check, common
from hitrack.commands import status as status_command
from hitrack.core import model
from hitrack.load import cache, filecache, yamlload
from hitrack.load.datadir import DataDir


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache" / "hitrack"
    monkeypatch.delenv("HITRACK_NO_CACHE", raising=False)
    monkeypatch.setenv("HITRACK_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    return root


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed as YAML."""
    names: list[str] = []
    real = yamlload.load_text

    def spy(text: str, name: str, *args: Any, **kwargs: Any) -> Any:
        names.append(Path(name).name)
        return real(text, name, *args, **kwargs)

    monkeypatch.setattr(yamlload, "load_text", spy)
    return names


def status(root: Path, fmt: str = "json") -> str:
    options = status_command.StatusOptions(fmt=fmt, lang="en", width=120)
    return status_command.status(DataDir(root), options).stdout


def uncached(root: Path, monkeypatch: pytest.MonkeyPatch, fmt: str = "json") -> str:
    with monkeypatch.context() as patch:
        patch.setenv("HITRACK_NO_CACHE", "1")
        return status(root, fmt)


def edit(root: Path, text: str = "# edited\n") -> None:
    path = root / "actuals" / "2020-Q2.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("file-*.json"))


def test_after_an_edit_only_the_edited_file_is_parsed(
    cache_dir: Path, data: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status(data)
    assert len(entries(cache_dir)) == 5  # targets, platforms and three actuals files
    parsed.clear()
    edit(data)
    status(data)
    assert parsed == ["2020-Q2.yaml"]
    for fmt in ("json", "table"):
        assert status(data, fmt) == uncached(data, monkeypatch, fmt)


def test_an_edit_that_changes_the_outcome_is_seen(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = status(data)
    path = data / "actuals" / "2020-Q2.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 52,", "value: 520,"), encoding="utf-8")
    after = status(data)
    assert after != before
    assert after == uncached(data, monkeypatch)


def test_one_entry_per_file_however_often_it_changes(cache_dir: Path, data: Path) -> None:
    status(data)
    names = [p.name for p in entries(cache_dir)]
    for n in range(3):
        edit(data, f"# edit {n}\n")
        status(data)
    assert [p.name for p in entries(cache_dir)] == names


def test_a_file_with_a_problem_is_not_kept(cache_dir: Path, data: Path) -> None:
    path = data / "actuals" / "2020-Q2.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: 52,", "value: 52, colour: red,"),
        encoding="utf-8",
    )
    common.load_for_reading(DataDir(data))
    kept = [json.loads(p.read_bytes())["schema"] for p in entries(cache_dir)]
    assert kept.count("ActualsFile") == 2  # 2018 and 2019, not the broken 2020-Q2


@pytest.mark.parametrize(
    "tamper",
    [
        lambda record: {**record, "record": cache.encode(model.Thresholds())},  # another class
        lambda record: {**record, "key": "0" * 64},  # another text
        lambda record: {**record, "format": "hitrack-file-0"},
        lambda record: {**record, "record": {"@": "Popen", "f": []}},  # not in the table
        lambda record: [record],
    ],
)
def test_a_tampered_entry_is_a_miss(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch, tamper: Any
) -> None:
    fresh = status(data)
    for path in entries(cache_dir):
        path.write_text(json.dumps(tamper(json.loads(path.read_bytes()))), encoding="utf-8")
    edit(data)  # the dataset cache misses: the files are looked up one by one
    assert status(data) == uncached(data, monkeypatch) != ""
    assert fresh


def test_an_entry_others_can_write_is_a_miss(
    cache_dir: Path, data: Path, parsed: list[str]
) -> None:
    status(data)
    for path in entries(cache_dir):
        path.chmod(0o666)
    edit(data)
    parsed.clear()
    status(data)
    assert "targets.yaml" in parsed


def test_check_never_uses_it(cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    status(data)

    def fail(*_: object) -> None:
        raise AssertionError("check read the file cache")

    monkeypatch.setattr(filecache, "load", fail)
    assert check.check(DataDir(data), "text", strict=False, lang="en").code == 0


def test_problems_in_a_kept_file_have_their_lines(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check that reports on a file taken from the cache parses it then, for the line."""
    targets = data / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("数量突破55家", "数量达到55家", 1), encoding="utf-8")
    first = common.load_for_reading(DataDir(data))[1]
    edit(data)
    kept = common.load_for_reading(DataDir(data))[1]
    with monkeypatch.context() as patch:
        patch.setenv("HITRACK_NO_CACHE", "1")
        assert kept == common.load_for_reading(DataDir(data))[1] == first
    assert [p.line > 0 for p in kept if p.code == "quote-disagrees"] == [True]
