"""atomic.write_file: all or nothing, never over an existing file unless forced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hitrack.load import atomic


def test_writes_a_new_file_with_the_usual_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    atomic.write_file(path, b"hello", force=False)
    assert path.read_bytes() == b"hello"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_refuses_an_existing_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    path.write_bytes(b"mine")
    with pytest.raises(atomic.Exists):
        atomic.write_file(path, b"theirs", force=False)
    assert path.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
    atomic.write_file(path, b"theirs", force=True)
    assert path.read_bytes() == b"theirs"


def test_without_hard_links_it_still_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: str, destination: Path) -> None:
        raise PermissionError("links not supported")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "out.md"
    atomic.write_file(path, b"new", force=False)
    assert path.read_bytes() == b"new"
    with pytest.raises(atomic.Exists):
        atomic.write_file(path, b"again", force=False)
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]
