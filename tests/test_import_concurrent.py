"""Imports into one period at the same time: every value that is reported written is on disk.

Twenty data directories, and into each two imports at once of different values for the same
period (an existing period file in half of them, a new one in the other half), started
together from forked processes so that they race from reading the data to writing the file.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from hitrack.commands import import_ as import_cmd
from hitrack.load import atomic
from hitrack.load.datadir import DataDir
from test_import import TODAY, csv_rows, data_dir, values

PAIRS = 20

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods(),
    reason="forks the test process",
)


def _import(root: str, sheet: str, period: str, start: Any, results: Any) -> None:
    start.wait()
    options = import_cmd.ImportOptions(file=sheet, period=period, update=True, today=TODAY)
    outcome = import_cmd.import_sheet(DataDir(Path(root)), options)
    results.put((root, sheet, outcome.code, outcome.stdout, outcome.stderr))


def test_twenty_pairs_of_imports_into_one_period_keep_every_value(tmp_path: Path) -> None:
    jobs = []
    expected: dict[str, tuple[str, dict[str, Decimal]]] = {}
    for pair in range(PAIRS):
        base = tmp_path / f"pair-{pair}"
        base.mkdir()
        root = data_dir(base, actuals=True)
        period = "2020-Q2" if pair % 2 else "2020"  # an existing file, or a new one
        first, second = base / "smes.csv", base / "rd.csv"
        first.write_text(csv_rows(f"科技型中小企业,家,{100 + pair}"), encoding="utf-8")
        second.write_text(csv_rows(f"研发经费支出,万元,{30000 + pair}"), encoding="utf-8")
        jobs += [(str(root), str(first), period), (str(root), str(second), period)]
        wanted = {"tech-smes": Decimal(100 + pair), "rd-spend": Decimal(30000 + pair)}
        expected[str(root)] = (period, wanted)
    context = multiprocessing.get_context("fork")
    start, results = context.Event(), context.Queue()
    workers = [context.Process(target=_import, args=(*job, start, results)) for job in jobs]
    for worker in workers:
        worker.start()
    start.set()
    reports = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    for root, sheet, code, stdout, stderr in reports:
        assert code == 0, (root, sheet, stdout, stderr)
        assert "Written" in stdout, (root, sheet, stdout, stderr)
    for root, (period, wanted) in expected.items():
        got = values(Path(root), period)
        assert {name: got[name].value for name in wanted} == wanted, root


def test_a_file_changed_by_another_program_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compare and swap, for writers that do not take the lock: the file on disk must be the
    file that was read, or nothing is written."""
    root = data_dir(tmp_path, actuals=True)
    period_file = root / "actuals" / "2020-Q2.yaml"
    sheet = tmp_path / "q2.csv"
    sheet.write_text(csv_rows("科技型中小企业,家,77"), encoding="utf-8")
    real = import_cmd.validate

    def validate_then_edit(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        text = period_file.read_text(encoding="utf-8")
        period_file.write_text(text.replace("value: 41", "value: 42"), encoding="utf-8")
        return found

    monkeypatch.setattr(import_cmd, "validate", validate_then_edit)
    options = import_cmd.ImportOptions(file=str(sheet), period="2020-Q2", update=True, today=TODAY)
    outcome = import_cmd.import_sheet(DataDir(root), options)
    assert outcome.code == 2
    assert "changed by another program" in outcome.stderr and "nothing written" in outcome.stderr
    assert "Written" not in outcome.stdout
    text = period_file.read_text(encoding="utf-8")
    assert "value: 42" in text and "value: 77" not in text


def test_a_writer_waits_for_the_lock_and_gives_up_clearly(tmp_path: Path) -> None:
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with atomic.locked(tmp_path):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(10)
        began = time.monotonic()
        with pytest.raises(atomic.Busy), atomic.locked(tmp_path, timeout=0.3):
            pass
        assert time.monotonic() - began >= 0.3
    finally:
        release.set()
        thread.join()
    with atomic.locked(tmp_path, timeout=0.3):  # free again
        assert list(tmp_path.iterdir()) == []  # and no lock file left behind
