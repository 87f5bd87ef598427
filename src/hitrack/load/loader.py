"""Load a data directory: find its files, read them strictly, validate them, collect problems.

`load_dataset` never raises for bad data: every problem comes back as a value with its file
and line, and the dataset is None only when targets.yaml itself is unusable.
"""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path
from typing import Any

from hitrack.core import model
from hitrack.core.problems import Collector, Problem, said
from hitrack.load import yamlload
from hitrack.load.datadir import DataDir
from hitrack.load.validation import SourceFile, validate

TARGETS = "targets.yaml"
PLATFORMS = "platforms.yaml"
ACTUALS = "actuals"


@dataclasses.dataclass
class Loaded:
    dataset: model.Dataset | None
    problems: list[Problem]
    files: dict[str, SourceFile]
    """Keyed by the file's path relative to the data directory (`file.csv#period` for each
    period of a CSV file)."""
    data_dir: DataDir | None = None
    """Where the files were read, for the rules that read more (the source document)."""

    @property
    def file_count(self) -> int:
        """How many files were read: a CSV file of several periods counts once."""
        return len({source.name for source in self.files.values()})


def load_dataset(data_dir: DataDir, *, file_cache: bool = False) -> Loaded:
    """Read and validate every file; run no cross-file checks (see checks.py).
    `file_cache`: take the YAML files that did not change from `filecache` (the reading
    commands; never `check`)."""
    problems = Collector()
    files: dict[str, SourceFile] = {}
    root = data_dir.path

    def read(rel: str, schema: type) -> Any:
        name = data_dir.display(rel)
        try:
            text = data_dir.read_text(rel)
        except yamlload.LoadError as err:
            problems.append(Problem(name, err.line, err.col, err.code, err.message))
            return None
        where = None
        if file_cache:
            from hitrack.load import filecache

            where = filecache.names(str(root), rel, name, schema, text)
            kept = filecache.load(where, schema)
            if kept is not None:
                files[rel] = SourceFile(name, None, data_dir, rel)  # parsed if a check asks
                return kept
        loaded = yamlload.load_text(text, name)
        del text
        problems.extend(loaded.problems)
        if loaded.data is None:
            return None
        files[rel] = SourceFile(name, loaded.data)
        locs: list[tuple[Any, ...]] = []
        result, found = validate(schema, loaded.data, files[rel], locs)
        problems.extend(found)
        if where is not None and result is not None and not found and not loaded.problems:
            filecache.store(where, schema, result)
        if schema is model.ActualsFile:
            if result is None and found:
                result = _valid_part(loaded.data, files[rel], locs)
            if result is None or not found:
                files[rel].release(data_dir, rel)
        return result

    def read_table(rel: str) -> list[tuple[str, model.ActualsFile]]:
        from hitrack.load import tabular

        name = data_dir.display(rel)
        try:
            text = data_dir.read_text(rel)
        except yamlload.LoadError as err:
            problems.append(Problem(name, err.line, err.col, err.code, err.message))
            return []
        loaded = tabular.read_actuals(text, rel, name, lambda: data_dir.read_text(rel))
        problems.extend(loaded.problems)
        files.update((key, source) for key, (_, source) in loaded.groups.items())
        return [(key, record) for key, (record, _) in loaded.groups.items()]

    # Bulk construction allocates millions of small objects; the cyclic GC would rescan
    # them over and over (measured: 2-3x slower) and none of them form cycles.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        problems.extend(data_dir.tree_problems())
        targets = read(TARGETS, model.TargetsFile) if data_dir.exists(TARGETS) else None
        if targets is None and not data_dir.exists(TARGETS):
            problems.append(
                Problem(
                    data_dir.display(TARGETS),
                    0,
                    0,
                    "file-missing",
                    said("file-missing"),
                )
            )
        platforms = read(PLATFORMS, model.PlatformsFile) if data_dir.exists(PLATFORMS) else None
        actuals = []
        folder_problem = _check_folder(data_dir)
        if folder_problem:
            problems.append(folder_problem)
        for rel in actual_files(data_dir):
            actual = read(rel, model.ActualsFile)
            if actual is not None:
                actuals.append((rel, actual))
        for rel in table_files(data_dir):
            actuals.extend(read_table(rel))
        problems.extend(_unread_files(data_dir))
    finally:
        if gc_was_enabled:
            gc.enable()
    from hitrack.core import periods

    actuals.sort(key=lambda item: periods.sort_key(item[1].period))
    dataset = None
    if targets is not None:
        dataset = model.Dataset(
            targets, platforms, tuple(actuals), str(root), bundled=data_dir.bundled
        )
    return Loaded(dataset, problems.problems(), files, data_dir)


def actual_files(data_dir: DataDir) -> list[str]:
    if not data_dir.is_dir(ACTUALS):
        return []
    names = [n for n in data_dir.names(ACTUALS) if Path(n).suffix in (".yaml", ".yml")]
    return [f"{ACTUALS}/{name}" for name in names]


def table_files(data_dir: DataDir) -> list[str]:
    """CSV actuals (see tabular.py); each may hold several periods."""
    if not data_dir.is_dir(ACTUALS):
        return []
    names = [n for n in data_dir.names(ACTUALS) if Path(n).suffix == ".csv"]
    return [f"{ACTUALS}/{name}" for name in names]


def _unread_files(data_dir: DataDir) -> list[Problem]:
    """A warning for each file in actuals/ that is read as neither YAML nor CSV: a sheet
    dropped there by hand would otherwise look tracked and be silently left out."""
    if not data_dir.is_dir(ACTUALS) or data_dir.is_link(ACTUALS):
        return []
    return [
        Problem(
            data_dir.display(f"{ACTUALS}/{name}"),
            0,
            0,
            "unread-file",
            said("unread-file"),
            severity="warning",
        )
        for name in data_dir.names(ACTUALS)
        if Path(name).suffix not in (".yaml", ".yml", ".csv") and not name.startswith(".")
    ]


def _check_folder(data_dir: DataDir) -> Problem | None:
    if data_dir.exists(ACTUALS) and not data_dir.is_dir(ACTUALS):
        return Problem(
            data_dir.display(ACTUALS),
            0,
            0,
            "file-unreadable",
            said("actuals-not-a-folder"),
        )
    return None


def _valid_part(tree: Any, source: SourceFile, locs: list[tuple[Any, ...]]) -> Any:
    """An actuals file of the values that are valid, when every problem is inside a value:
    the cross-file rules (an unknown target, a unit that does not convert) then check them
    in the same run instead of after the broken values are fixed. `source` then points at
    a tree of those values only, each keeping its own line. `locs`: where the problems of
    validating `tree` are (see `validate`)."""
    if not isinstance(tree, yamlload.LineDict) or not isinstance(
        tree.get("values"), yamlload.LineList
    ):
        return None
    values: yamlload.LineList = tree["values"]
    inside = (len(loc) >= 2 and loc[0] == "values" and isinstance(loc[1], int) for loc in locs)
    if not locs or not all(inside):
        return None  # a problem in the file's own fields: the file cannot be used
    broken = {loc[1] for loc in locs}
    kept = yamlload.LineList(values.line, values.col)
    for index, item in enumerate(values):
        if index not in broken:
            kept.append(item)
            kept.marks.extend(values.marks[2 * index : 2 * index + 2])
    partial = yamlload.LineDict(tree.line, tree.col)
    partial.update(tree)
    partial.marks = tree.marks
    partial["values"] = kept
    result, again = validate(model.ActualsFile, partial, source)
    if again:
        return None
    source.tree = partial
    return result
