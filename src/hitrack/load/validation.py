"""One file's YAML tree with its lines, and a record validated from it: a Pydantic error
becomes a problem at its place in the file. Shared by the YAML loader (`loader.py`) and the
CSV reader (`tabular.py`), which therefore need not import each other."""

from __future__ import annotations

import dataclasses
import difflib
from functools import cache
from typing import Any

from hitrack.core import model
from hitrack.core.problems import Collector, Problem, said
from hitrack.load import yamlload
from hitrack.load.datadir import DataDir


@dataclasses.dataclass
class SourceFile:
    """One file's YAML tree, kept so that checks can point at lines."""

    name: str
    """The file's name in messages."""
    tree: Any
    data_dir: DataDir | None = None
    rel: str = ""
    """Where to read the tree again when it was let go (see `release`)."""

    def at(self, *path: Any) -> tuple[int, int]:
        if self.tree is None and self.data_dir is not None:
            try:
                text = self.data_dir.read_text(self.rel)
            except yamlload.LoadError:
                text = ""
            self.tree = yamlload.load_text(text, self.name).data
        return yamlload.locate(self.tree, path)

    def release(self, data_dir: DataDir, rel: str) -> None:
        """Let the tree go; `at` reads the file again if a check needs a line.

        A large actuals file's tree (a mapping with line marks per record) weighs as much as
        its validated records, and checks need lines only for the few records with problems.
        """
        self.tree, self.data_dir, self.rel = None, data_dir, rel

    def problem(self, path: tuple[Any, ...], code: str, message: str) -> Problem:
        line, col = self.at(*path)
        return Problem(self.name, line, col, code, message)


@cache
def adapter(schema: type) -> Any:
    """The Pydantic adapter of `schema`, built once a process."""
    from pydantic import TypeAdapter

    return TypeAdapter(schema)


def validate(
    schema: type, tree: Any, source: SourceFile, locs: list[tuple[Any, ...]] | None = None
) -> tuple[Any, list[Problem]]:
    """The validated record, or None and the problems with their lines; `locs`, when given,
    receives where every problem is (all of them, also those only counted).

    Small files are first read by `plain` (no Pydantic to import or build: most of the
    first run after an edit), up to `PLAIN_BUDGET` values a process; anything it cannot
    vouch for goes to Pydantic, which gives the problems."""
    global _plain_read
    count = _values(tree)
    if adapter.cache_info().currsize == 0 and _plain_read + count <= PLAIN_BUDGET:
        found = plain(schema, tree)
        if found is not None:
            _plain_read += count
            return found, []
    from pydantic import ValidationError

    try:
        return adapter(schema).validate_python(tree), []
    except ValidationError as err:
        errors = err.errors(include_url=False, include_context=True)
        # Only the problems that are kept are built (a line and a message each); the rest
        # are counted. Suggestions cost a fuzzy match each: a file of 50,000 unknown keys
        # gets them for its first few only.
        found = Collector()
        for index, error in enumerate(errors):
            if locs is not None:
                locs.append(tuple(error["loc"]))
            code = error_code(error["type"])
            if found.full(source.name, code):
                found.count(source.name, code)
            else:
                found.append(problem_from_error(error, source, suggest=index < SUGGESTIONS))
        del errors
        return None, found.problems()


# ------------------------------------------------------------------ without Pydantic


class _Unsure(Exception):
    """`plain` cannot vouch for an input: Pydantic decides (and says what is wrong)."""


def plain(schema: type, tree: Any) -> Any | None:
    """The record `schema` validates from `tree`, as Pydantic's adapter would build it, or
    None: `plain` accepts only inputs whose record it knows is Pydantic's, and leaves every
    other input (a wrong value, an unknown field, a shape it does not read) to Pydantic.

    It reads the records' own field types, which are all of a few shapes: a dataclass of
    `_Record` (a mapping, unknown fields forbidden, defaults as declared), `Annotated[T,
    marker]` (the marker's `check`, which is all Pydantic runs for it), `X | None`, a
    `Literal` of strings and `tuple[X, ...]`. A type of any other shape makes `plain` give
    up on the whole schema (`tests/test_plain_validation.py` checks that none is left, and
    that the records equal Pydantic's on every fixture)."""
    read = _reader(schema)
    if read is None:
        return None
    try:
        return read(tree)
    except _Unsure:
        return None


def _values(tree: Any) -> int:
    """How many values (or targets, or platforms) a file's tree lists, at least 1."""
    if not isinstance(tree, dict):
        return 1
    return max(1, max((len(v) for v in tree.values() if isinstance(v, list)), default=0))


PLAIN_BUDGET = 20_000
"""How many values `plain` reads in a process before Pydantic takes over. Measured: `plain`
takes about twice Pydantic's time a value (9.3 against 4.8 ms for 2,000 values), and
importing Pydantic and building a validator about 80 ms, which the difference on 20,000
values (about 45 ms) does not reach."""
_plain_read = 0


@cache
def _reader(schema: type) -> Any | None:
    try:
        return _compile(schema, {})
    except TypeError:
        return None


def _compile(kind: Any, done: dict[type, Any]) -> Any:
    """A function reading one value of type `kind`, raising `_Unsure`; TypeError for a
    type of a shape `plain` does not read."""
    import types
    import typing

    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        _, *meta = typing.get_args(kind)
        if len(meta) != 1 or not isinstance(meta[0], model.Marker):
            raise TypeError(kind)
        return _marked(meta[0])
    if origin is typing.Literal:
        choices = typing.get_args(kind)
        if not all(type(c) is str for c in choices):
            raise TypeError(kind)
        return _literal(frozenset(choices))
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(kind)
        if len(args) != 2 or type(None) not in args:
            raise TypeError(kind)
        inner = _compile(next(a for a in args if a is not type(None)), done)
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(kind)
        return _sequence(_compile(args[0], done))
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind, done)
    raise TypeError(kind)


def _marked(marker: model.Marker) -> Any:
    check = marker.check

    def read(value: Any) -> Any:
        try:
            return check(value)
        except Exception:  # model.Invalid, or anything else: Pydantic's to report
            raise _Unsure from None

    return read


def _literal(choices: frozenset[str]) -> Any:
    def read(value: Any) -> Any:
        if type(value) is str and value in choices:
            return value
        raise _Unsure

    return read


def _sequence(item: Any) -> Any:
    def read(value: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise _Unsure
        return tuple(item(v) for v in value)

    return read


def _dataclass(cls: type, done: dict[type, Any]) -> Any:
    import typing

    if cls in done:
        return done[cls]
    if getattr(cls, "__pydantic_config__", None) != {"extra": "forbid"}:
        raise TypeError(cls)
    fields: dict[str, Any] = {}
    required: set[str] = set()

    def read(value: Any) -> Any:
        if not isinstance(value, dict) or not required <= value.keys():
            raise _Unsure
        args = {}
        for name, given in value.items():
            field = fields.get(name) if type(name) is str else None
            if field is None:
                raise _Unsure
            args[name] = field(given)
        return cls(**args)

    done[cls] = read
    hints = typing.get_type_hints(cls, include_extras=True)
    for field in dataclasses.fields(cls):
        if not field.init or field.metadata:
            raise TypeError(cls)
        fields[field.name] = _compile(hints[field.name], done)
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            required.add(field.name)
    return read


SUGGESTIONS = 100
"""How many problems of one file get a "did you mean" suggestion."""


def problem_from_error(error: Any, source: SourceFile, *, suggest: bool = True) -> Problem:
    """A Pydantic error as a problem at its place in `source`."""
    loc = tuple(error["loc"])
    kind = error["type"]
    field = _field_name(loc)
    line, col = source.at(*loc)
    if line == 0:  # the whole file is wrong (a list or a scalar at the top): its first line
        line, col = 1, 1
    value = error.get("input")
    category = _category(kind)
    code = _CATEGORY_CODES.get(category, kind)
    message: str
    if category == "missing":
        message = said("missing-field", field=field)
    elif category == "unknown":
        close = _suggest(str(loc[-1])) if suggest else None
        if close is None:
            message = said("unknown-field", field=field)
        else:
            message = said("unknown-field-suggest", field=field, suggestion=repr(close))
    elif category == "mapping":
        message = said("not-a-mapping", field=field) if field else said("file-not-a-mapping")
    elif category == "choice":
        expected = error.get("ctx", {}).get("expected", "")
        message = said("invalid-choice", field=field, expected=expected, got=_short(value))
    elif category == "type":
        message = said("wrong-type", field=field, msg=error["msg"], got=_short(value), type=kind)
    else:
        inner = error.get("ctx", {}).get("said")
        if isinstance(inner, tuple) and len(inner) == 2:  # a message of model.py's
            key, params = inner
            message = said("field:" + key, field=field, **dict(params))
        elif category == "own":  # a message of model.py's without a template yet: English
            message = f"{field}: {error['msg']}"
        else:
            message = said("invalid-value", field=field, msg=error["msg"], type=kind)
    return Problem(source.name, line, col, code, message)


def error_code(kind: str) -> str:
    """The problem code of a Pydantic error type (as `problem_from_error` gives it)."""
    return _CATEGORY_CODES.get(_category(kind), kind)


_CATEGORY_CODES = {
    "missing": "missing-field",
    "unknown": "unknown-field",
    "mapping": "not-a-mapping",
    "choice": "invalid-choice",
    "type": "wrong-type",
    "value": "invalid-value",
}
"""What each kind of Pydantic error is reported as; "own" is a problem code already."""


def _category(kind: str) -> str:
    if kind in ("missing", "missing_argument"):
        return "missing"
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return "unknown"
    if kind in ("dataclass_type", "dataclass_args_type", "dict_type", "model_type"):
        return "mapping"
    if kind == "literal_error":
        return "choice"
    if kind in _problem_codes():
        return "own"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return "type"
    return "value"


@cache
def _problem_codes() -> frozenset[str]:
    from hitrack.core.problems import CODES

    return frozenset(CODES)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            name = str(part)  # a key may be a 10 MB string (`? key`): never echo it whole
            if len(name) > 60 or not name.isprintable() or name != name.strip():
                name = _short(name)  # quoted, so that a space at its end shows
            parts.append(("." if parts else "") + name)
    return "".join(parts)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@cache
def _all_fields() -> tuple[str, ...]:
    names: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and dataclasses.is_dataclass(obj):
            names.update(f.name for f in dataclasses.fields(obj))
    return tuple(sorted(names))


def _suggest(name: str) -> str | None:
    """The field `name` may be a typo of, if any."""
    if len(name) > 64:  # no field is that long; a fuzzy match on megabytes takes seconds
        return None
    close = difflib.get_close_matches(name, _all_fields(), n=1, cutoff=0.7)
    return close[0] if close else None
