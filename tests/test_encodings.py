"""Every output command on a stream that is not UTF-8 (a GBK console, an ASCII pipe).

Run as real processes, because the stream's encoding is set where Python starts. Nothing
may crash, and no value may be lost: GBK output is the UTF-8 output with only the symbols
GBK lacks replaced, and ASCII output keeps every figure in the same order.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hitrack import streams

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "liaoning-htz-2017-2020"

COMMANDS = [
    ["status"],
    ["status", "--lang", "zh"],
    ["status", "--format", "markdown", "--lang", "zh"],
    ["status", "--format", "json"],
    ["status", "--format", "csv", "--lang", "zh"],
    ["status", "--explain", "tech-smes", "--lang", "zh"],
    ["status", "--by", "zone", "--lang", "zh", "--data", str(EXAMPLE)],
    ["report", "--lang", "zh"],
    ["report", "--lang", "en"],
    ["platforms", "--lang", "zh"],
    ["platforms", "--format", "markdown", "--lang", "zh"],
    ["platforms", "--format", "json"],
    ["export", "--format", "csv"],
    ["export", "--format", "json"],
    ["check", "--lang", "zh"],
    ["check", "--format", "github", "--lang", "zh"],
    ["schema", "targets"],
    ["--help"],
    ["status", "--help"],
]


def _run(args: list[str], encoding: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "hitrack", *args], capture_output=True, cwd=cwd, env=env, check=False
    )


_TOKEN = re.compile(r"\b[0-9a-f]{32}\b")
"""The random token of GitHub's ::stop-commands::, new in every run."""


def _numbers(text: str) -> list[str]:
    """Every figure; a character and a \\uXXXX escape both end one (their hex is no figure)."""
    text = re.sub(r"\\u[0-9a-f]{4}|\\U[0-9a-f]{8}|\\x[0-9a-f]{2}|[^\x00-\x7f]", " ", text)
    return re.findall(r"[0-9]+", text)


def _subsequence(wanted: list[str], found: list[str]) -> bool:
    rest = iter(found)
    return all(number in rest for number in wanted)


def _stand_ins(text: str, encoding: str) -> str:
    return text.encode(encoding, streams.ERRORS).decode(encoding)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory without `data/`, so the bundled plan is read."""
    return tmp_path_factory.mktemp("cwd")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_gbk_and_ascii_streams_lose_nothing(args: list[str], workdir: Path) -> None:
    utf8 = _run(args, "utf-8", workdir)
    assert utf8.returncode in (0, 1), utf8.stderr.decode("utf-8")
    for encoding in ("gbk", "ascii"):
        other = _run(args, encoding, workdir)
        assert other.returncode == utf8.returncode, other.stderr
        assert b"Traceback" not in other.stderr
        assert b"UnicodeEncodeError" not in other.stdout + other.stderr
        for want, got in ((utf8.stdout, other.stdout), (utf8.stderr, other.stderr)):
            if got == want and encoding == "ascii":
                continue  # Click writes UTF-8 where it finds an ASCII stream (its own fix)
            text = _TOKEN.sub("TOKEN", want.decode("utf-8"))
            shown = _TOKEN.sub("TOKEN", got.decode(encoding))
            assert shown == _stand_ins(text, encoding)
            assert _subsequence(_numbers(text), _numbers(shown))


def test_gbk_keeps_chinese_and_swaps_only_symbols(workdir: Path) -> None:
    out = _run(["status", "--lang", "zh"], "gbk", workdir).stdout.decode("gbk")
    assert "科技型中小企业数量" in out
    assert "按计划" in out
    assert "√" in out or "×" in out
    assert not set("✔✘⚠░") & set(out)


def test_ascii_escapes_what_it_cannot_show(workdir: Path) -> None:
    out = _run(["status", "--lang", "zh"], "ascii", workdir).stdout.decode("ascii")
    assert "\\u79d1\\u6280" in out  # 科技, written as escapes rather than dropped


def test_a_chosen_error_mode_is_kept() -> None:
    code = (
        "import sys, io; from hitrack import streams; s = io.TextIOWrapper(io.BytesIO(), "
        "'ascii', errors='replace'); streams.fit(s); print(s.errors)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "replace"
