"""Strict YAML loading with line marks, on libyaml's C parser when it is available.

What "strict" means (docs/data-format.md):
- plain scalars are read the YAML 1.2 core way and no other: true/false, null, decimal
  integers and decimals; everything else (yes, on, 2019-08-27, 1:30) stays text;
- numbers become `int` or exact `Decimal`, never binary floats;
- `010` (octal in YAML 1.1) is reported, not guessed;
- anchors/aliases, merge keys, explicit tags and duplicate keys are problems;
- nesting deeper than any hitrack file needs is refused *before* libyaml composes it:
  its composer recurses in C and crashes the process on a few thousand levels.

Construction runs in Python even with the C parser, so these checks cost little.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import re
from array import array
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from hitrack.core.problems import Problem, said
from hitrack.load.paths import DEFAULT_MAX_BYTES

try:
    from yaml._yaml import CParser as _Parser

    C_PARSER = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    C_PARSER = False

MAX_DEPTH = 64

#: Lines and flow-list items a YAML file may hold (newlines plus commas: every node but the
#: first starts after one of them, so this bounds the nodes the parser builds). A quarter of
#: a province's figures (180 zones x 100 indicators, four lines a value) is about 72,000
#: lines; a file beyond the cap is refused before it is parsed, so parsing and validation
#: stay bounded (a file at the cap, every value bad, is checked in about a second).
MAX_ITEMS = 150_000

# Tags the resolver gives to untagged nodes. They hold a space, which no tag written in a
# document can (tags are URIs), so a node carrying a standard tag such as
# tag:yaml.org,2002:str was tagged explicitly (`!!str`) and is refused like any other tag.
_STR = "plain str"
_INT = "plain int"
_FLOAT = "plain float"
_BOOL = "plain bool"
_NULL = "plain null"
_SEQ = "plain seq"
_MAP = "plain map"

_IMPLICIT = re.compile(
    r"(true|True|TRUE|false|False|FALSE)|(~|null|Null|NULL|)|([-+]?[0-9]+)"
    r"|([-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?"
    r"|[0-9]+[eE][-+]?[0-9]+))"
)
_IMPLICIT_TAGS = (_STR, _BOOL, _NULL, _INT, _FLOAT)
_IMPLICIT_FIRST = frozenset("tTfFnN~-+.0123456789")


class LineDict(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stand (1-based).

    `marks` holds, per key in insertion order, the key's line offset from the mapping's own
    line and its column. Records of one shape share one tuple (see `_shared`), so line
    tracking costs almost no memory on large files.
    """

    __slots__ = ("col", "index", "line", "marks")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col
        self.marks: tuple[int, ...] = ()
        self.index: dict[str, int] | None = None
        """Key -> position, made on the first lookup (a mapping of 50,000 unknown keys
        must not cost 50,000 scans)."""

    def key_at(self, key: str) -> tuple[int, int] | None:
        if self.index is None:
            self.index = {name: position for position, name in enumerate(self)}
        position = self.index.get(key)
        if position is None:
            return None
        return self.line + self.marks[2 * position], self.marks[2 * position + 1]


class LineList(list[Any]):
    """A sequence that remembers where it and each of its items stand (1-based)."""

    __slots__ = ("col", "line", "marks")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col
        self.marks = array("L")
        """line, column of each item, flattened."""

    def item_at(self, index: int) -> tuple[int, int]:
        return self.marks[2 * index], self.marks[2 * index + 1]


class LoadError(Exception):
    """A problem that stops the file from being read any further."""

    def __init__(self, code: str, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.col = code, message, line, col


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Resolver(BaseResolver):
    """YAML 1.2 core scalars only; one regex match per plain scalar that could be one."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0] and (not value or value[:1] in _IMPLICIT_FIRST):
                match = _IMPLICIT.fullmatch(value)
                return _IMPLICIT_TAGS[match.lastindex or 0] if match else _STR
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Path resolvers are not used; skip PyYAML's bookkeeping on every node."""

    def ascend_resolver(self) -> None:
        """See descend_resolver."""


_shared_marks: dict[tuple[int, ...], tuple[int, ...]] = {}


def _shared(marks: tuple[int, ...]) -> tuple[int, ...]:
    return _shared_marks.setdefault(marks, marks) if len(_shared_marks) < 4096 else marks


class _Builder:
    """Builds LineDict/LineList/str/int/Decimal/bool/None from a composed node graph.

    One tight recursive function instead of PyYAML's generic constructor: the common case,
    a mapping of plain text, runs without a call per scalar. Aliases are found by seeing a
    node twice; that needs a set of every node only when the text holds a `*` at all.
    """

    def __init__(self, track_aliases: bool) -> None:
        self.problems: list[tuple[str, str, int, int]] = []
        self.seen: set[int] | None = set() if track_aliases else None

    def build(self, node: Node) -> Any:
        seen = self.seen
        if seen is not None:
            if id(node) in seen:
                raise LoadError("yaml-alias", said("yaml-alias"), *_mark(node))
            seen.add(id(node))
        kind = type(node)
        if kind is ScalarNode:
            return self.scalar(node)
        if kind is MappingNode and node.tag == _MAP:
            return self.mapping(node)
        if kind is SequenceNode and node.tag == _SEQ:
            result = LineList(*_mark(node))
            marks = result.marks
            for child in node.value:
                start = child.start_mark
                marks.append(start.line + 1)
                marks.append(start.column + 1)
                if type(child) is ScalarNode and child.tag == _STR and seen is None:
                    result.append(child.value)
                else:
                    result.append(self.build(child))
            return result
        raise _tag_error(node)

    def mapping(self, node: Node) -> LineDict:
        line, col = _mark(node)
        result = LineDict(line, col)
        marks: list[int] = []
        seen = self.seen
        positions: dict[str, int] | None = None  # made at the first duplicate key
        for key_node, value_node in node.value:
            start = key_node.start_mark
            key_line, key_col = start.line + 1, start.column + 1
            if type(key_node) is not ScalarNode:
                raise LoadError("not-a-mapping", said("key-not-text"), key_line, key_col)
            if key_node.value == "<<":
                raise LoadError(
                    "yaml-merge-key",
                    said("yaml-merge-key"),
                    key_line,
                    key_col,
                )
            if key_node.tag == _STR and seen is None:
                key = key_node.value
            else:
                key = str(self.build(key_node))
            if type(value_node) is ScalarNode and value_node.tag == _STR and seen is None:
                value = value_node.value
            else:
                value = self.build(value_node)
            if key in result:
                if positions is None:
                    positions = {name: position for position, name in enumerate(result)}
                first = line + marks[2 * positions[key]]
                self.problems.append(
                    (
                        "duplicate-key",
                        said("duplicate-key", key=repr(key), line=first),
                        key_line,
                        key_col,
                    )
                )
                continue
            if positions is not None:
                positions[key] = len(result)
            result[key] = value
            marks.append(key_line - line)
            marks.append(key_col)
        result.marks = _shared(tuple(marks))
        return result

    def scalar(self, node: Node) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return text
        if tag == _INT:
            digits = text.lstrip("+-")
            if len(digits) > 1 and digits.startswith("0"):
                self.problems.append(
                    (
                        "ambiguous-number",
                        said(
                            "ambiguous-number",
                            text=text,
                            meant=text[: len(text) - len(digits)] + (digits.lstrip("0") or "0"),
                        ),
                        *_mark(node),
                    )
                )
            # Python refuses to convert integers of over 4300 digits; Decimal has no such
            # limit, and the number check then says the value is too large.
            return int(text, 10) if len(digits) <= 64 else Decimal(text)
        if tag == _FLOAT:
            return Decimal(text)
        if tag == _BOOL:
            return text.lower() == "true"
        if tag == _NULL:
            return None
        raise _tag_error(node)


def _tag_error(node: Node) -> LoadError:
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    return LoadError("yaml-tag", said("yaml-tag", tag=repr(tag)), *_mark(node))


class StrictLoader(_Parser, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


@dataclasses.dataclass
class Loaded:
    """A file's YAML tree (None when it could not be read) and the problems found reading it."""

    data: Any
    problems: list[Problem]


def load_file(path: Path, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read `path` (shown as `name` in problems) strictly; never raises for bad input."""
    try:
        text = read_text(path, max_bytes)
        return load_text(text, name)
    except LoadError as err:
        return Loaded(None, [Problem(name, err.line, err.col, err.code, err.message)])


def load_text(text: str, name: str) -> Loaded:
    from hitrack.load import typos

    slips = typos.find(text)
    if slips:  # the parser would fail after them, or read a mapping as text
        return Loaded(
            None,
            [Problem(name, line, col, "full-width-character", text) for line, col, text in slips],
        )
    try:
        check_items(text, MAX_ITEMS, commas=True)
        data, found = _parse(text)
    except LoadError as err:
        return Loaded(None, [Problem(name, err.line, err.col, err.code, err.message)])
    problems = [Problem(name, line, col, code, message) for code, message, line, col in found]
    return Loaded(data, problems)


def check_items(text: str, limit: int, *, commas: bool) -> None:
    """Refuse, before any parsing, a text with over `limit` lines (with `commas`, lines and
    flow-list items, as YAML counts them): counted in C, in one pass each."""
    count = text.count("\n") + (text.count(",") if commas else 0)
    if count > limit:
        key = "too-many-items" if commas else "too-many-rows"
        raise LoadError("file-too-large", said(key, count=f"{count:,}", limit=f"{limit:,}"))


def read_text(path: Path, max_bytes: int) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                "file-too-large",
                said("file-too-large", size=f"{size:,}", cap=f"{max_bytes:,}"),
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as err:
        raise LoadError("file-unreadable", said("cannot-read", reason=err.strerror)) from None
    return decode(raw)


def decode(raw: bytes) -> str:
    """UTF-8 text (a UTF-8 BOM is dropped); anything else is a LoadError saying what to do."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise LoadError("encoding", said("utf-16"), 1, 1)
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise LoadError("encoding", said("nul-bytes"), line)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        hint = "not-utf-8"
        try:
            raw.decode("gb18030")
            hint = "gbk"
        except UnicodeDecodeError:
            pass
        raise LoadError("encoding", said(hint), line) from None


def _parse(text: str) -> tuple[Any, list[tuple[str, str, int, int]]]:
    _check_depth(text)
    loader = StrictLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.composer.ComposerError as err:
            if "single document" in str(err):
                mark = err.problem_mark
                raise LoadError(
                    "multiple-documents",
                    said("multiple-documents"),
                    mark.line + 1 if mark else 0,
                    mark.column + 1 if mark else 0,
                ) from None
            raise
        if node is None:
            raise LoadError("empty-file", said("empty-file"), 1)
        builder = _Builder(track_aliases="*" in text)
        data = builder.build(node)
        if data is None:  # `---` alone, or `~`: a document that holds nothing
            raise LoadError("empty-file", said("null-file"), 1)
        return data, builder.problems
    except yaml.reader.ReaderError as err:
        line, col = _reader_position(text, err.position)
        code = err.character if isinstance(err.character, int) else ord(err.character)
        raise LoadError(
            "yaml-syntax",
            said("control-character", char=f"U+{code:04X}"),
            line,
            col,
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if _libyaml_too_deep(err):
            raise _too_deep(mark.line + 1 if mark else 0, mark.column + 1 if mark else 0) from None
        message = " ".join(str(part) for part in (err.context, err.problem) if part)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise LoadError("yaml-syntax", said("yaml-syntax", detail=message), line, col) from None
    except yaml.YAMLError as err:
        raise LoadError("yaml-syntax", said("yaml-syntax", detail=err)) from None
    except RecursionError:  # pragma: no cover - _check_depth keeps nesting shallow
        raise LoadError("too-deep", said("too-deep", depth=MAX_DEPTH)) from None
    finally:
        loader.dispose()


def _reader_position(text: str, position: int) -> tuple[int, int]:
    """Line and column of a reader error; libyaml counts the position in UTF-8 bytes."""
    raw = text.encode("utf-8") if C_PARSER else text
    start = raw.rfind(b"\n" if C_PARSER else "\n", 0, position) + 1  # type: ignore[arg-type]
    line = raw.count(b"\n" if C_PARSER else "\n", 0, position) + 1  # type: ignore[arg-type]
    prefix = raw[start:position]
    width = len(prefix.decode("utf-8", "replace") if isinstance(prefix, bytes) else prefix)
    return line, width + 1


_DEEP_INDENT = re.compile(r"\n {48,}\S")
_COMPACT = re.compile(r"(?:[-?:]\s+){12,}")


def _check_depth(text: str) -> None:
    """Refuse nesting over MAX_DEPTH without letting libyaml recurse into it.

    A cheap bound first: block nesting needs indentation or compact `- - -` runs, and flow
    nesting needs brackets. Only a file that could be deep pays for an exact count over the
    parser's events, which come one at a time and never recurse.
    """
    suspicious = text.count("[") + text.count("{") > 32 and _flow_depth(text) > 32
    if not (suspicious or _DEEP_INDENT.search(text) or _COMPACT.search(text)):
        return
    try:
        _count_depth(text, StrictLoader)
    except yaml.MarkedYAMLError as err:
        if not _libyaml_too_deep(err):
            return  # the real parse reports the syntax error with its position
        # libyaml scans ahead and stops at its own nesting limit (deeper than ours, and
        # lower in newer releases) before it yields the event that crosses MAX_DEPTH. The
        # pure-Python parser yields events as it goes: run it over the text up to libyaml's
        # stop (its index counts UTF-8 bytes, at least as many as characters) to find ours.
        mark = err.problem_mark
        end = mark.index + 1 if mark else len(text)
        with contextlib.suppress(yaml.YAMLError):
            _count_depth(text[:end], yaml.SafeLoader)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise _too_deep(line, col) from None
    except yaml.YAMLError:
        return


def _count_depth(text: str, loader: Any) -> None:
    """Raise `too-deep` at the first collection nested deeper than MAX_DEPTH."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _too_deep(mark.line + 1 if mark else 0, mark.column + 1 if mark else 0)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _too_deep(line: int, col: int) -> LoadError:
    return LoadError("too-deep", said("too-deep", depth=MAX_DEPTH), line, col)


def _libyaml_too_deep(err: yaml.MarkedYAMLError) -> bool:
    """Whether libyaml stopped at its own nesting limit (PyYAML 6.0.2 and later)."""
    return "maximum nesting depth" in f"{err.context} {err.problem}"


_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKETS = str.maketrans("{}", "[]")


def _flow_depth(text: str) -> int:
    """How deep the brackets nest, counted up to 33, with no Python step per bracket.

    Each pass deletes the innermost pairs; brackets left unpaired (a truncated file)
    count as depth too. Brackets in quoted text count as well: this is only a bound.
    """
    brackets = _NOT_BRACKET.sub("", text).translate(_BRACKETS)
    for depth in range(33):
        shorter = brackets.replace("[]", "")
        if shorter == brackets:
            return depth + len(brackets)
        brackets = shorter
    return 33


def locate(root: Any, path: tuple[Any, ...]) -> tuple[int, int]:
    """The line and column of the deepest part of `path` that exists in the tree."""
    line, col = getattr(root, "line", 0), getattr(root, "col", 0)
    node = root
    for part in path:
        if isinstance(node, LineDict) and part in node:
            line, col = node.key_at(part) or (line, col)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.item_at(part)
            node = node[part]
        else:
            break
    return line, col
