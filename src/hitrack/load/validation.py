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
    receives where every problem is (all of them, also those only counted)."""
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
