"""A cache of validated datasets, so that `status` does not parse and validate unchanged data.

`status` is typed by hand many times a day; parsing YAML and building Pydantic validators
costs several times Python's own start-up. After a load that found no errors, the dataset
is written to the user's cache directory as JSON, keyed by `paths.fingerprint`: the
contents of every data file and source document, and hitrack's own code. The next run
computes the same fingerprint and, when it matches, rebuilds the dataset without
importing PyYAML or Pydantic.

Trust: an entry is data, never code. It is JSON, and reading it builds only the model's
own dataclasses, `Decimal`, dates, tuples and lists, by name from a fixed table: a planted
or corrupt entry can at worst be a miss. Entries are read and written through
`paths.read_private` / `paths.write_private`: a directory only the user can write (0700),
no symbolic links followed, files owned by the user and writable by nobody else, written
atomically. Anything unexpected (a foreign, truncated, corrupt or older entry) is a miss,
never an error. `check` never uses the cache: CI always validates from scratch.
`HITRACK_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hitrack.core import model
from hitrack.core.problems import Problem
from hitrack.load import paths

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

_FORMAT = "hitrack-dataset-2"

#: the classes an entry may name; nothing else is ever built from one
_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        model.Zone,
        model.Owner,
        model.PlanSection,
        model.OwnerRef,
        model.Thresholds,
        model.Plausibility,
        model.Plan,
        model.Baseline,
        model.StatedLevel,
        model.RegisterFilter,
        model.Target,
        model.TargetsFile,
        model.Category,
        model.Section,
        model.Platform,
        model.PlatformsFile,
        model.Quantity,
        model.ActualValue,
        model.ActualsFile,
        model.Dataset,
        Problem,
    )
}
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _CLASSES.items()}


class _Refused(Exception):
    """The entry holds something the format does not."""


Refused = _Refused
"""For the other caches that store records in this format (`filecache.py`)."""


def cache_dir(environ: dict[str, str] | None = None) -> Path | None:
    found = paths.cache_dir(os.environ if environ is None else environ)
    return None if found is None else Path(found)


def fingerprint(root: Path) -> str | None:
    """The key of a dataset read from `root` (see `paths.fingerprint`); taken before loading
    and again after, so that a dataset read while a file changed is not stored."""
    return paths.fingerprint(root)


def _entry(root: Path, bundled: bool) -> str:
    where = f"{root.resolve()}\0{bundled}"
    return f"dataset-{paths.digest(where)[:32]}.json"


def read_entry(entry: str, expected: Mapping[str, object]) -> dict[str, Any] | None:
    """The JSON record of cache entry `entry` (read privately: no link followed, owner and
    mode checked) when each field of `expected` has exactly that value; else None. Raises
    ValueError for a corrupt entry."""
    directory = cache_dir()
    if directory is None:
        return None
    raw = paths.read_private(str(directory), entry)
    if raw is None:
        return None
    import json

    record = json.loads(raw)
    if not isinstance(record, dict):
        return None
    if any(type(record.get(k)) is not type(v) or record.get(k) != v for k, v in expected.items()):
        return None
    return record


def load(root: Path, bundled: bool, key: str | None) -> tuple[model.Dataset, list[Problem]] | None:
    """The cached dataset and its warnings, when it was stored under the fingerprint `key`
    (see `fingerprint`); else None."""
    if key is None:
        return None
    expected = {"format": _FORMAT, "key": key, "root": str(root.resolve()), "bundled": bundled}
    try:
        record = read_entry(_entry(root, bundled), expected)
        if record is None:
            return None
        dataset = decode(record["dataset"])
        warnings = decode(record["warnings"])
    except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError, _Refused):
        return None  # a corrupt or foreign entry is a miss
    if not isinstance(dataset, model.Dataset) or not isinstance(warnings, tuple):
        return None
    if not all(isinstance(w, Problem) for w in warnings):
        return None
    # The entry is found by the resolved path; messages name the directory as given now.
    return dataclasses.replace(dataset, root=str(root)), list(warnings)


def store(
    root: Path,
    bundled: bool,
    dataset: model.Dataset,
    warnings: list[Problem],
    key: str | None,
) -> None:
    """Save a dataset that loaded without errors under the fingerprint `key` taken before
    loading; any failure means no cache."""
    directory = cache_dir()
    if directory is None or key is None:
        return
    import json

    try:
        record = {
            "format": _FORMAT,
            "key": key,
            "root": str(root.resolve()),
            "bundled": bundled,
            "dataset": encode(dataset),
            "warnings": encode(tuple(warnings)),
        }
        blob = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError, _Refused):
        return
    paths.write_private(str(directory), _entry(root, bundled), blob.encode("utf-8"))


# ------------------------------------------------------------------ the format
#
# JSON with a few tagged forms. A JSON list is a tuple; an object is one of
#   {"@": class name, "f": [field values in declaration order]}  a dataclass of `_CLASSES`
#   {"d": "1.5"}   Decimal        {"t": "2020-01-31"}  date
#   {"l": [...]}   list           {"x": ["1.5", ...]}  DecimalTexts
#   {"c": {field: column}}        ValueColumns
# Strings, integers, booleans and null are themselves.


def encode(value: Any) -> Any:
    """`value` as JSON-ready data; raises _Refused for anything the format cannot hold."""
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return value
    if kind is tuple:
        return [encode(item) for item in value]
    if kind is Decimal:
        return {"d": str(value)}
    if kind is datetime.date:
        return {"t": value.isoformat()}
    if kind is list:
        return {"l": [encode(item) for item in value]}
    if kind is model.DecimalTexts:
        if not all(type(text) is str for text in value.texts):
            raise _Refused(kind.__name__)
        return {"x": list(value.texts)}
    if kind is model.ValueColumns:
        return {"c": {name: encode(cells) for name, cells in value.columns.items()}}
    fields = _FIELDS.get(kind.__name__)
    if fields is None or _CLASSES[kind.__name__] is not kind:
        raise _Refused(kind.__name__)
    return {"@": kind.__name__, "f": [encode(getattr(value, name)) for name in fields]}


def decode(data: Any) -> Any:
    """The value `encode` made `data` from; raises _Refused (or ValueError, TypeError,
    KeyError) on anything else."""
    kind = type(data)
    if data is None or kind in (str, int, bool):
        return data
    if kind is list:
        return tuple(map(decode, data))
    if kind is not dict or len(data) != (2 if "@" in data else 1):
        raise _Refused(kind.__name__)
    tag, body = next(iter(data.items()))
    if tag == "@":
        return _build(body, data["f"])
    return _TAGS[tag](body)


def _build(name: Any, values: Any) -> Any:
    fields = _FIELDS.get(name) if type(name) is str else None
    if fields is None or type(values) is not list or len(values) != len(fields):
        raise _Refused(str(name))
    made: Any = object.__new__(_CLASSES[name])
    # Frozen dataclasses of valid data, set as validation left them (see model._record).
    object.__setattr__(made, "__dict__", dict(zip(fields, map(decode, values), strict=True)))
    return made


def _decimal(text: Any) -> Decimal:
    if type(text) is not str:
        raise _Refused("decimal")
    number = Decimal(text)
    if not number.is_finite():
        raise _Refused("decimal")
    return number


def _texts(texts: Any) -> model.DecimalTexts:
    if type(texts) is not list or not all(type(text) is str for text in texts):
        raise _Refused("texts")
    return model.DecimalTexts(texts)


def _columns(columns: Any) -> model.ValueColumns:
    if type(columns) is not dict:
        raise _Refused("columns")
    return model.ValueColumns({str(name): decode(cells) for name, cells in columns.items()})


def _list(items: Any) -> list[Any]:
    if type(items) is not list:
        raise _Refused("list")
    return list(map(decode, items))


_TAGS: dict[str, Callable[[Any], Any]] = {
    "d": _decimal,
    "t": lambda text: datetime.date.fromisoformat(text),
    "l": _list,
    "x": _texts,
    "c": _columns,
}
