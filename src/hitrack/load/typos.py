"""Input-method slips in YAML, found before the parser trips over them.

A Chinese input method left in full-width mode types `：` for `:`, `，` for `,`, U+3000 for
a space and `４６` for 46. YAML takes none of them for its own punctuation: the parser then
fails somewhere after the slip (or reads a mapping as text), and its message names neither
the character nor the fix. Here each slip is found where it stands (1-based line and
column, in characters), outside quoted text and comments, and said in both languages.

Only lines holding one of these characters are looked at, so large files of Chinese text
cost a regular-expression search.
"""

from __future__ import annotations

import re
import unicodedata

from hitrack.core.problems import said

_CANDIDATE = re.compile("[：，\u3000０-９]")
_KEY_COLON = re.compile(
    r"(?:^[ \u3000]*(?:-[ \u3000]+)*|[{,，][ \u3000]*)"
    r"(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \u3000]*(?P<colon>：)"
)
_FLOW_COMMA = re.compile(r"，(?=[ \u3000]*[A-Za-z_][A-Za-z0-9_-]*[ \u3000]*[:：])")
_DIGITS = re.compile(
    r"(?:^[ \u3000]*-|[:：,，\[{])[ \u3000]*"
    r"(?P<number>[-－+＋]?[0-9０-９][0-9０-９.．]*)(?=[ \u3000]*(?:$|[,，}\]]))"
)
_BLOCK_HEADER = re.compile(r"(?:^|[:\s-])\s*[|>][-+1-9]*\s*$")
_OPENERS = ":,，-{[：\u3000"
_CLOSERS = ":：,，}]"


def find(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each input-method slip in `text`."""
    if not _CANDIDATE.search(text):
        return []
    found: list[tuple[int, int, str]] = []
    block: int | None = None  # the indentation of a block scalar's header while in its body
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if block is not None:
            if not body.strip() or indent > block:
                continue
            block = None
        code = _code(line)
        if _CANDIDATE.search(code):
            found.extend((number, col, message) for col, message in _slips(code))
        if _BLOCK_HEADER.search(code):
            block = indent
    return found


def _code(line: str) -> str:
    """`line` with quoted text blanked (to `x`) and a comment cut, columns kept."""
    out: list[str] = []
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        previous = line[index - 1] if index else " "
        if quote:
            if char == "\\" and quote == '"' and index + 1 < len(line):
                out.append("xx")
                index += 2
                continue
            if char == quote and quote == "'" and line[index + 1 : index + 2] == "'":
                out.append("xx")
                index += 2
                continue
            out.append(char if char == quote else "x")
            if char == quote:
                quote = ""
        elif char in "'\"" and previous in " \u3000[{,，":
            quote = char
            out.append(char)
        elif char == "#" and previous in " \u3000":
            break
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _slips(code: str) -> list[tuple[int, str]]:
    found: dict[int, str] = {}
    depths: list[int] = []
    depth = 0
    for char in code:
        depths.append(depth)
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth = max(0, depth - 1)
    for match in _KEY_COLON.finditer(code):
        key = match["key"]
        start = match.start()
        if start and code[start] != "{" and not depths[start]:
            continue  # a comma in plain text, outside `{...}`
        found[match.start("colon") + 1] = said("full-width-colon", key=repr(key), typed=key)
    for index, char in enumerate(code):
        # In `{...}` a plain text may hold a full-width comma: only one before a key is a slip.
        if char == "，" and _FLOW_COMMA.match(code, index):
            found.setdefault(
                index + 1,
                said("full-width-comma"),
            )
    for index, char in enumerate(code):
        if char != "\u3000":
            continue
        before, after = code[:index].rstrip(" \u3000"), code[index + 1 :].lstrip(" \u3000")
        if not before or not after or before[-1] in _OPENERS or after[0] in _CLOSERS:
            found.setdefault(
                index + 1,
                said("full-width-space"),
            )
    for match in _DIGITS.finditer(code):
        written = match["number"]
        if any("０" <= char <= "９" for char in written):
            meant = unicodedata.normalize("NFKC", written)
            found.setdefault(
                match.start("number") + 1,
                said("full-width-yaml-digits", text=repr(written), written=written, meant=meant),
            )
    return sorted(found.items())
