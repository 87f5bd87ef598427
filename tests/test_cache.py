"""The dataset cache and the replay memo, with caching on: what they hold cannot run code,
what they read must be the user's own, and any change of input is a miss.

The rest of the suite runs with HITRACK_NO_CACHE=1 (conftest.py) so that it is deterministic;
these tests turn the caches on, each with its own cache directory.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import pkgutil
import shutil
import stat
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import hitrack
from conftest import ROOT
from hitrack import memo
from hitrack.commands import common
from hitrack.core import model
from hitrack.load import cache, paths, source
from hitrack.load.datadir import DataDir

NOBODY = 65534
CSV = (
    "target,zone,period,value,unit,source,reported,sample,note\n"
    "tech-smes,,2019,40,家,区统计局,2020-01-15,false,\n"
    "high-tech-enterprises,,2019,-0,家,区统计局,2020-01-15,true,备注\n"
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache" / "hitrack"
    monkeypatch.delenv("HITRACK_NO_CACHE", raising=False)
    monkeypatch.setenv("HITRACK_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the bundled plan (zones, dates, sources, a quarter) with a CSV table too."""
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    (root / "actuals" / "2019.yaml").unlink()
    (root / "actuals" / "table.csv").write_text(CSV, encoding="utf-8")
    (root / "actuals" / "notes.txt").write_text("not read\n", encoding="utf-8")  # a warning
    return root


def read(root: Path) -> tuple[model.Dataset | None, list[Any]]:
    return common.load_for_reading(DataDir(root))


def hit(root: Path) -> tuple[model.Dataset, list[Any]] | None:
    return cache.load(root, False, cache.fingerprint(root))


def entry(directory: Path) -> Path:
    (found,) = directory.glob("dataset-*.json")
    return found


def test_a_dataset_comes_back_equal_and_of_the_same_types(cache_dir: Path, data: Path) -> None:
    fresh, warnings = read(data)
    assert fresh is not None and [w.code for w in warnings] == ["unread-file"]
    got = hit(data)
    assert got is not None
    assert got == (fresh, warnings)
    assert cache.encode(got[0]) == cache.encode(fresh)  # same types all the way down
    values = dict(fresh.actuals)["actuals/table.csv#2019"].values
    assert isinstance(values, model.ValueColumns)
    assert isinstance(dict(got[0].actuals)["actuals/table.csv#2019"].values, model.ValueColumns)
    assert str(dict(got[0].actuals)["actuals/table.csv#2019"].values[1].value) == "-0"
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry(cache_dir).stat().st_mode) == 0o600
    assert entry(cache_dir).read_bytes().startswith(b"{")


def test_a_hit_does_not_read_the_data(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read(data)

    def fail(_: object) -> None:
        raise AssertionError("loaded although cached")

    monkeypatch.setattr(common, "load_checked", fail)
    assert read(data) == first


@pytest.mark.parametrize(
    "value",
    [Decimal("1E+3"), Decimal("-0.00"), (1, "a", None, True), [Decimal(1)], model.Thresholds()],
)
def test_the_format_keeps_values_exactly(value: Any) -> None:
    back = cache.decode(cache.encode(value))
    assert back == value and type(back) is type(value) and repr(back) == repr(value)


@pytest.mark.parametrize(
    "data",
    [
        {"@": "Popen", "f": []},  # not a class of the table
        {"@": "Plan", "f": [1]},  # wrong field count
        {"d": "NaN"},
        {"d": 1.5},
        1.5,
        {"x": [1]},
        {"c": {"no-such-field": []}},
        {"d": "1", "t": "2020-01-01"},
    ],
)
def test_the_format_refuses_anything_else(data: Any) -> None:
    with pytest.raises((ValueError, TypeError, KeyError, ArithmeticError, cache._Refused)):
        cache.decode(data)


def _planted_pickle(marker: Path) -> bytes:
    class Payload:
        def __reduce__(self) -> tuple[Any, ...]:
            return (open, (str(marker), "w"))

    return pickle.dumps(Payload())


def test_a_planted_pickle_never_runs(cache_dir: Path, data: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payload = _planted_pickle(marker)
    proof = tmp_path / "proof"
    pickle.loads(_planted_pickle(proof)).close()  # such a payload runs when unpickled ...
    assert proof.exists()
    fresh = read(data)
    entry(cache_dir).write_bytes(payload)
    assert hit(data) is None  # ... and here it is a miss
    assert read(data) == fresh  # the real data, and the entry is written again
    assert not marker.exists()
    assert hit(data) == fresh


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"",
        lambda raw: b"\xff\xfe garbage",
        lambda raw: raw.replace(b'"hitrack-dataset-2"', b'"hitrack-dataset-1"'),  # old format
        lambda raw: raw.replace(b'"@":"Plan"', b'"@":"Popen"'),
        lambda raw: raw.replace(b'{"d":"', b'{"d":"x'),  # not a number
        lambda raw: b"[" * 100_000 + b"]" * 100_000,  # deeper than the parser goes
        lambda raw: b'{"format": "hitrack-dataset-2"}',
    ],
)
def test_a_corrupt_entry_is_a_miss(cache_dir: Path, data: Path, corrupt: Any) -> None:
    fresh = read(data)
    path = entry(cache_dir)
    path.write_bytes(corrupt(path.read_bytes()))
    assert hit(data) is None
    assert read(data) == fresh


def test_a_planted_link_is_not_followed(cache_dir: Path, data: Path, tmp_path: Path) -> None:
    fresh = read(data)
    path = entry(cache_dir)
    elsewhere = tmp_path / "elsewhere.json"
    path.rename(elsewhere)  # a valid entry, but reached through a link
    path.symlink_to(elsewhere)
    assert hit(data) is None
    assert read(data) == fresh
    assert not path.is_symlink()  # replaced by a real entry, the link's target untouched
    assert elsewhere.read_bytes() == path.read_bytes()


def test_a_linked_cache_directory_is_not_used(
    cache_dir: Path, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read(data)
    written = sorted(cache_dir.iterdir())  # the dataset and each file (filecache.py)
    linked = tmp_path / "linked"
    linked.symlink_to(cache_dir)
    monkeypatch.setenv("HITRACK_CACHE_DIR", str(linked))
    assert hit(data) is None
    read(data)
    assert linked.is_symlink() and sorted(cache_dir.iterdir()) == written


def test_a_fifo_entry_neither_hangs_nor_counts(cache_dir: Path, data: Path) -> None:
    fresh = read(data)
    path = entry(cache_dir)
    path.unlink()
    os.mkfifo(path)
    assert hit(data) is None
    assert read(data) == fresh


def _as_another_user(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `path` foreign: owned by nobody when the tests run as root (as in CI), else
    seen as foreign by pretending to be another user."""
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
    else:
        uid = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: uid + 1)


def test_an_entry_of_another_user_is_a_miss(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = read(data)
    _as_another_user(entry(cache_dir), monkeypatch)
    assert hit(data) is None
    if os.geteuid() == 0:
        assert read(data) == fresh
        assert entry(cache_dir).stat().st_uid == 0  # replaced by our own


def test_a_cache_directory_of_another_user_is_not_used(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = read(data)
    _as_another_user(cache_dir, monkeypatch)
    assert hit(data) is None
    before = sorted(p.name for p in cache_dir.iterdir())
    assert read(data) == fresh
    assert sorted(p.name for p in cache_dir.iterdir()) == before  # nothing written there


@pytest.mark.parametrize("which", ["entry", "directory"])
def test_anything_others_can_write_is_not_used(cache_dir: Path, data: Path, which: str) -> None:
    read(data)
    (entry(cache_dir) if which == "entry" else cache_dir).chmod(
        0o666 if which == "entry" else 0o777
    )
    assert hit(data) is None


def test_the_cache_directory_is_made_private(cache_dir: Path, data: Path) -> None:
    assert not cache_dir.exists()
    read(data)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert cache_dir.stat().st_uid == os.geteuid()


def test_a_same_size_edit_with_the_mtime_put_back_is_a_miss(cache_dir: Path, data: Path) -> None:
    read(data)
    path = data / "actuals" / "2020-Q2.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 52", "value: 99"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert hit(data) is None
    dataset, _ = read(data)
    assert dataset is not None
    values = {v.target: v.value for v in dict(dataset.actuals)["actuals/2020-Q2.yaml"].values}
    assert values["tech-smes"] == 99


@pytest.mark.parametrize(
    "edit",
    [
        lambda root: (root / "sources" / "notes.md").write_text("x", encoding="utf-8"),
        lambda root: next((root / "sources").iterdir()).write_bytes(b"changed"),
        lambda root: (root / "actuals" / "2021.yaml").symlink_to("2020-Q2.yaml"),
        lambda root: (root / "platforms.yaml").unlink(),
    ],
)
def test_every_input_is_in_the_key(data: Path, edit: Any) -> None:
    before = paths.fingerprint(data)
    edit(data)
    assert paths.fingerprint(data) != before


def test_the_key_folders_are_those_sources_are_read_from() -> None:
    assert {os.path.normpath(source.FOLDER)} <= {
        os.path.normpath(f) for f in paths.INPUT_FOLDERS if f
    }


def test_the_code_digest_walks_the_whole_package_not_the_folder_of_paths_py() -> None:
    """paths.py lives in a subpackage (load/): the root it walks is still the package's."""
    root = Path(hitrack.__file__).parent
    assert Path(paths.PACKAGE_ROOT) == root
    assert Path(paths.PACKAGE_ROOT) != Path(paths.__file__).parent
    assert paths.code_digest() == paths.code_digest(str(root))


def test_every_module_of_the_package_is_under_the_walked_root() -> None:
    """Each module Python can import from hitrack, found by its own walk, is a file below
    the root that `code_digest` hashes."""
    root = Path(paths.PACKAGE_ROOT).resolve()
    found = list(pkgutil.walk_packages(hitrack.__path__, "hitrack."))
    assert len(found) > 40
    for module in found:
        spec = importlib.util.find_spec(module.name)
        assert spec is not None and spec.origin is not None, module.name
        assert root in Path(spec.origin).resolve().parents, module.name


def test_a_moved_module_changes_the_code_digest(tmp_path: Path) -> None:
    package = tmp_path / "hitrack"
    shutil.copytree(paths.PACKAGE_ROOT, package, symlinks=True)
    original = paths.code_digest(str(package))
    (package / "core" / "units.py").rename(package / "engine" / "units.py")
    moved = paths.code_digest(str(package))
    assert moved != original
    (package / "newpackage").mkdir()
    (package / "newpackage" / "__init__.py").write_text("", encoding="utf-8")
    assert paths.code_digest(str(package)) not in (original, moved)


def test_the_code_digest_covers_every_module_found_by_walking(tmp_path: Path) -> None:
    package = tmp_path / "hitrack"
    shutil.copytree(paths.PACKAGE_ROOT, package, symlinks=True)
    original = paths.code_digest(str(package))
    assert paths.code_digest(str(package)) == original
    (package / "interchange" / "newmodule.py").write_text("RULE = 1\n", encoding="utf-8")
    with_module = paths.code_digest(str(package))
    assert with_module != original
    (package / "interchange" / "newmodule.py").write_text("RULE = 2\n", encoding="utf-8")
    assert paths.code_digest(str(package)) not in (original, with_module)
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")  # not code we read
    assert paths.code_digest(str(package)) == paths.code_digest(str(package))


def test_the_code_digest_is_part_of_the_key(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read(data)
    assert hit(data) is not None
    monkeypatch.setattr(paths, "_code_digest", b"another version of hitrack")
    assert hit(data) is None


def test_the_replay_memo_is_read_like_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    key = memo.key(["schema"], os.environ)
    assert key is not None
    blob = b"hitrack-memo-2\n" + b"".join(
        b"%d\n" % len(f) + f for f in (key.encode(), b"OUT\n", b"")
    )
    paths.write_private(str(cache_dir), memo._name(key), blob)
    name = cache_dir / memo._name(key)
    assert paths.read_private(str(cache_dir), name.name) == blob
    elsewhere = tmp_path / "elsewhere"
    name.rename(elsewhere)
    name.symlink_to(elsewhere)
    assert paths.read_private(str(cache_dir), name.name) is None
    name.unlink()
    name.write_bytes(_planted_pickle(marker))
    assert paths.read_private(str(cache_dir), name.name) is not None
    assert memo._decode(name.read_bytes(), memo._MAGIC, 3) is None and not marker.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_write_private_leaves_no_temporary_on_failure(tmp_path: Path) -> None:
    directory = tmp_path / "c"
    paths.write_private(str(directory), "ok", b"1")
    paths.write_private(str(directory), "sub/missing", b"2")  # cannot be renamed there
    assert sorted(p.name for p in directory.iterdir()) == ["ok"]


def test_a_dataset_read_while_a_file_changed_is_not_stored(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = common.load_checked

    def load_then_edit(data_dir: DataDir, **options: Any) -> Any:
        loaded = real(data_dir, **options)
        path = data / "actuals" / "2020-Q2.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("52", "53"), encoding="utf-8")
        return loaded

    monkeypatch.setattr(common, "load_checked", load_then_edit)
    read(data)
    assert not list(cache_dir.glob("dataset-*"))


def test_output_of_a_run_whose_input_changed_is_not_remembered(
    cache_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HITRACK_DATA", str(data))
    assert memo.replay(["status"]) is None and memo.pending()
    (data / "platforms.yaml").write_text("# edited while status ran\n", encoding="utf-8")
    memo.store("output of the old data\n", "")
    assert not list(cache_dir.glob("memo-*"))
    assert memo.replay(["status"]) is None
    memo.store("output\n", "")
    assert len(list(cache_dir.glob("memo-*"))) == 1
