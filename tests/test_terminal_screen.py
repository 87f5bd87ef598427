"""`status` as a person sees it: through a terminal emulator (pyte) at the widths people use.

Every status word, every actual value and every sample `*` must be on the screen whole, at
60 to 160 columns, in Chinese and English, with colour on and off.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyte
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, width: int, colour: bool) -> str:
    env = {"PATH": "/usr/bin:/bin", "HITRACK_NO_CACHE": "1", "PYTHONIOENCODING": "utf-8"}
    env["FORCE_COLOR" if colour else "NO_COLOR"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "hitrack", *args, "--width", str(width)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def _screen(text: str, width: int) -> list[str]:
    """The lines a terminal of `width` columns shows (wide characters take two cells)."""
    lines = text.count("\n") + 2
    screen = pyte.Screen(width, lines)
    stream = pyte.Stream(screen)
    stream.feed(text.replace("\n", "\r\n"))
    return ["".join(screen.buffer[y][x].data for x in range(width)).rstrip() for y in range(lines)]


def _expected(*args: str, lang: str) -> list[tuple[str, str, bool]]:
    """(actual, status word, sample) of every target, from the JSON output."""
    env = {"PATH": "/usr/bin:/bin", "HITRACK_NO_CACHE": "1", "NO_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "hitrack", *args, "--format", "json", "--lang", lang],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        cwd=ROOT,
    ).stdout
    return [(t["id"], t["status"], bool(t.get("sample"))) for t in json.loads(out)["targets"]]


WORDS = {
    "zh": ["已完成", "按计划", "有风险", "滞后", "无数据", "无法评估", "倒退"],
    "en": ["achieved", "on track", "at risk", "off track", "no data", "not assessable"],
}


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
def test_status_words_and_values_are_whole_on_screen(width: int, lang: str, colour: bool) -> None:
    text = _run("status", "--lang", lang, width=width, colour=colour)
    lines = _screen(text, width)
    shown = "\n".join(lines)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert all(len(line) <= width for line in plain.splitlines()) or "\x1b" in text
    targets = _expected("status", lang=lang)
    # Every target's status word appears whole on its own screen line, once per target.
    found = sum(len(re.findall(re.escape(word), shown)) for word in WORDS[lang])
    assert found >= len(targets), shown
    for line in lines:
        for word in WORDS[lang]:
            for cut in (word[: len(word) - 1],):
                if len(cut) > 1 and line.endswith(cut) and not line.endswith(word):
                    raise AssertionError(f"cut status word {cut!r} at {width}: {line!r}")
    # Every sample mark is on screen: the table's `*`s (or the stacked layout's).
    samples = sum(s for _, _, s in targets)
    assert shown.count("*") >= samples
