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
import dataclasses
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.constructor import BaseConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from hitrack.datadir import DEFAULT_MAX_BYTES
from hitrack.problems import Problem

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

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class LineDict(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stand (1-based)."""

    __slots__ = ("col", "keys_at", "line")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col
        self.keys_at: dict[str, tuple[int, int]] = {}


class LineList(list[Any]):
    """A sequence that remembers where it and each of its items stand (1-based)."""

    __slots__ = ("col", "items_at", "line")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col
        self.items_at: list[tuple[int, int]] = []


class LoadError(Exception):
    """A problem that stops the file from being read any further."""

    def __init__(self, code: str, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.col = code, message, line, col


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Resolver(BaseResolver):
    yaml_implicit_resolvers = {}  # noqa: RUF012 - PyYAML's own class-level table


for _tag, _pattern, _first in [
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        _FLOAT,
        r"^[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?"
        r"|[0-9]+[eE][-+]?[0-9]+)$",
        "-+.0123456789",
    ),
]:
    _Resolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Constructor(BaseConstructor):
    """Builds LineDict/LineList/str/int/Decimal/bool/None and nothing else."""

    yaml_constructors: ClassVar[dict[Any, Any]] = {}
    problems: list[tuple[str, str, int, int]]

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            line, col = _mark(node)
            raise LoadError(
                "yaml-alias",
                "anchors and aliases (&name, *name) are not allowed; write the value out",
                line,
                col,
            )
        self.recursive_objects[node] = None
        constructor = self.yaml_constructors.get(node.tag)
        if constructor is None:
            line, col = _mark(node)
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise LoadError(
                "yaml-tag", f"YAML tags such as {tag!r} are not allowed; remove it", line, col
            )
        data = constructor(self, node)
        self.constructed_objects[node] = data
        del self.recursive_objects[node]
        return data

    def _scalar(self, node: Node) -> str:
        if not isinstance(node, ScalarNode):
            line, col = _mark(node)
            raise LoadError("yaml-tag", f"a {node.tag} tag on a collection", line, col)
        value: str = node.value
        return value

    def _str(self, node: Node) -> str:
        return self._scalar(node)

    def _int(self, node: Node) -> int:
        text = self._scalar(node)
        digits = text.lstrip("+-")
        if len(digits) > 1 and digits.startswith("0"):
            line, col = _mark(node)
            self.problems.append(
                (
                    "ambiguous-number",
                    f"{text} has a leading zero, which YAML 1.1 reads as octal; "
                    f"write {int(text, 10)} or quote it",
                    line,
                    col,
                )
            )
        try:
            return int(text, 10)
        except ValueError:
            line, col = _mark(node)
            raise LoadError("yaml-tag", f"{text!r} is not a decimal integer", line, col) from None

    def _float(self, node: Node) -> Decimal:
        text = self._scalar(node)
        try:
            return Decimal(text)
        except ArithmeticError:
            line, col = _mark(node)
            raise LoadError("yaml-tag", f"{text!r} is not a decimal number", line, col) from None

    def _bool(self, node: Node) -> bool:
        return self._scalar(node).lower() == "true"

    def _null(self, node: Node) -> None:
        self._scalar(node)

    def _seq(self, node: Node) -> LineList:
        if not isinstance(node, SequenceNode):
            line, col = _mark(node)
            raise LoadError("yaml-tag", "a !!seq tag on a scalar or mapping", line, col)
        result = LineList(*_mark(node))
        for child in node.value:
            result.items_at.append(_mark(child))
            result.append(self.construct_object(child))
        return result

    def _map(self, node: Node) -> LineDict:
        if not isinstance(node, MappingNode):
            line, col = _mark(node)
            raise LoadError("yaml-tag", "a !!map tag on a scalar or sequence", line, col)
        result = LineDict(*_mark(node))
        for key_node, value_node in node.value:
            line, col = _mark(key_node)
            if isinstance(key_node, ScalarNode) and key_node.value == "<<":
                raise LoadError(
                    "yaml-merge-key",
                    "merge keys (<<) are not allowed; write the keys out",
                    line,
                    col,
                )
            if not isinstance(key_node, ScalarNode):
                raise LoadError("not-a-mapping", "keys must be plain text", line, col)
            key = str(self.construct_object(key_node))
            value = self.construct_object(value_node)
            if key in result:
                first = result.keys_at[key][0]
                self.problems.append(
                    (
                        "duplicate-key",
                        f"duplicate key {key!r} (first at line {first}); keep one of them",
                        line,
                        col,
                    )
                )
                continue
            result.keys_at[key] = (line, col)
            result[key] = value
        return result


_Constructor.yaml_constructors = {
    _STR: _Constructor._str,
    _INT: _Constructor._int,
    _FLOAT: _Constructor._float,
    _BOOL: _Constructor._bool,
    _NULL: _Constructor._null,
    _SEQ: _Constructor._seq,
    _MAP: _Constructor._map,
}


class StrictLoader(_Parser, _Constructor, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self.problems = []


@dataclasses.dataclass
class Loaded:
    """A file's YAML tree (None when it could not be read) and the problems found reading it."""

    data: Any
    problems: list[Problem]


def load_file(path: Path, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read `path` (shown as `name` in problems) strictly; never raises for bad input."""
    try:
        text = _read_text(path, max_bytes)
        return load_text(text, name)
    except LoadError as err:
        return Loaded(None, [Problem(name, err.line, err.col, err.code, err.message)])


def load_text(text: str, name: str) -> Loaded:
    try:
        data, found = _parse(text)
    except LoadError as err:
        return Loaded(None, [Problem(name, err.line, err.col, err.code, err.message)])
    problems = [Problem(name, line, col, code, message) for code, message, line, col in found]
    return Loaded(data, problems)


def _read_text(path: Path, max_bytes: int) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                "file-too-large",
                f"the file is {size:,} bytes; the cap is {max_bytes:,} (split it, or use a "
                "CSV actuals file for bulk data)",
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as err:
        raise LoadError("file-unreadable", f"cannot read the file: {err.strerror}") from None
    return decode(raw)


def decode(raw: bytes) -> str:
    """UTF-8 text (a UTF-8 BOM is dropped); anything else is a LoadError saying what to do."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise LoadError(
            "encoding", "the file is UTF-16; save it as UTF-8 (in Excel/WPS: 'CSV UTF-8')", 1, 1
        )
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise LoadError("encoding", "the file holds NUL bytes: it is binary, not YAML text", line)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        hint = "it is not UTF-8"
        try:
            raw.decode("gb18030")
            hint = "it looks like GBK/GB18030"
        except UnicodeDecodeError:
            pass
        raise LoadError("encoding", f"{hint}; save the file as UTF-8", line) from None


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
                    "the file holds more than one YAML document (---); keep one",
                    mark.line + 1 if mark else 0,
                    mark.column + 1 if mark else 0,
                ) from None
            raise
        if node is None:
            raise LoadError("empty-file", "the file is empty; it must hold a YAML mapping", 1)
        data = loader.construct_document(node)
        return data, loader.problems
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = " ".join(str(part) for part in (err.context, err.problem) if part)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise LoadError("yaml-syntax", f"YAML syntax: {message}", line, col) from None
    except yaml.YAMLError as err:
        raise LoadError("yaml-syntax", f"YAML syntax: {err}") from None
    except RecursionError:  # pragma: no cover - _check_depth keeps nesting shallow
        raise LoadError("too-deep", f"the YAML nests deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


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
    depth = 0
    try:
        for event in yaml.parse(text, Loader=StrictLoader):  # type: ignore[arg-type]
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise LoadError(
                        "too-deep",
                        f"the YAML nests deeper than {MAX_DEPTH} levels; no hitrack file does",
                        mark.line + 1 if mark else 0,
                        mark.column + 1 if mark else 0,
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # the real parse reports the syntax error with its position


def _flow_depth(text: str) -> int:
    depth = deepest = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def locate(root: Any, path: tuple[Any, ...]) -> tuple[int, int]:
    """The line and column of the deepest part of `path` that exists in the tree."""
    line, col = getattr(root, "line", 0), getattr(root, "col", 0)
    node = root
    for part in path:
        if isinstance(node, LineDict) and part in node.keys_at:
            line, col = node.keys_at[part]
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.items_at[part]
            node = node[part]
        else:
            break
    return line, col
