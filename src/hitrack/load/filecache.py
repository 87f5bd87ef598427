"""Validated data files, one cache entry each, so that after an edit only the edited file is
parsed and validated again.

The dataset cache (`cache.py`) holds a whole dataset under one key: any edit misses it, and
the next `status` reads, parses and validates every file. This cache keeps each YAML file
that validated without a problem, keyed by its text, its name in messages, the schema it
was validated against and hitrack's own code (`paths.code_digest`): an unchanged file
comes back as the record validation made, without parsing it or building its validator.
The cross-file checks still run on the whole dataset, as before.

Trust is the dataset cache's: an entry is JSON read and written through
`paths.read_private` / `paths.write_private` (a directory only the user can write, no
symbolic links followed, files owned by the user and writable by nobody else, written
atomically) and decoded by `cache.decode`, which builds only the model's own classes from a
fixed table; the decoded record must be of the schema asked for. Anything unexpected is a
miss, never an error. There is one entry per data file (named by its directory, path and
schema), replaced when the file changes, so the cache does not grow with edits. Only the
reading commands use it (`commands.load_for_reading`); `check` and `diff` never do, and
`HITRACK_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import os
from typing import Any

from hitrack.load import cache, paths

_FORMAT = "hitrack-file-1"


def names(root: str, rel: str, display: str, schema: type, text: str) -> tuple[str, str]:
    """(entry file name, content key) of one data file, for `load` and `store`."""
    where = f"{os.path.realpath(root)}\0{rel}\0{schema.__name__}"
    content = f"{_FORMAT}\0{schema.__name__}\0{display}\0{paths.code_digest().hex()}\0{text}"
    return f"file-{paths.digest(where)[:32]}.json", paths.digest(content)


def load(where: tuple[str, str], schema: type) -> Any | None:
    """The record `schema` validated from the file's text in an earlier run, or None."""
    entry, key = where
    try:
        expected = {"format": _FORMAT, "key": key, "schema": schema.__name__}
        record = cache.read_entry(entry, expected)
        if record is None:
            return None
        found = cache.decode(record["record"])
    except (ValueError, TypeError, KeyError, ArithmeticError, RecursionError, cache.Refused):
        return None  # a corrupt or foreign entry is a miss
    return found if type(found) is schema else None


def store(where: tuple[str, str], schema: type, found: Any) -> None:
    """Keep a record that validated without a problem; any failure means no entry."""
    directory = cache.cache_dir()
    if directory is None or type(found) is not schema:
        return
    import json

    entry, key = where
    try:
        blob = json.dumps(
            {
                "format": _FORMAT,
                "key": key,
                "schema": schema.__name__,
                "record": cache.encode(found),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
    except (TypeError, ValueError, RecursionError, cache.Refused):
        return
    paths.write_private(str(directory), entry, blob.encode("utf-8"))
