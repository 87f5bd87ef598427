"""`hitrack import`: read, plan, validate, show, then write (or not).

Import never writes a file that `check` would reject: the period file as it would be
written is validated, with the rest of the data directory, in a scratch copy first. It
never overwrites a value silently: a changed value needs --update and is listed.
"""

from __future__ import annotations

import dataclasses
import datetime
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hitrack.commands.common import Outcome, bundled_note, load_checked, problems_outcome, usage
from hitrack.core.periods import Period
from hitrack.core.problems import EXIT_CLEAN, EXIT_FINDINGS, Problem, has_errors, said
from hitrack.engine.kinds import kind_of
from hitrack.i18n import Lang, os_reason, say, word
from hitrack.interchange import importing, yamledit
from hitrack.interchange.cells import name_key
from hitrack.interchange.importing import Change, Finding, Mapping, Reading
from hitrack.load.datadir import DataDir
from hitrack.render import escape


@dataclasses.dataclass(frozen=True)
class ImportOptions:
    file: str
    period: Period
    sheet: str | None = None
    mapping: str | None = None
    dry_run: bool = False
    update: bool = False
    source: str | None = None
    """Recorded on the new values; default: the imported file's name."""
    reported: datetime.date | None = None
    """Recorded on the new values; default: today."""
    lang: Lang = "en"
    today: datetime.date | None = None
    """The date taken as today (tests fix it)."""
    stdin: bytes | None = None
    """With `file` "-": the sheet as read from standard input (at most `STDIN_CAP` bytes
    and one more, so that a larger one is seen)."""
    shown: str | None = None
    """How messages name the sheet (default: `file`): `-` for standard input."""
    fmt: str | None = None
    """The sheet's format when it comes from standard input (csv, xlsx, xls, ods); by
    default sniffed from its first bytes."""


#: The most read from standard input: the cap of a sheet file.
STDIN_CAP = 64 * 1024 * 1024

#: The formats `import -` reads, by the suffix the sheet readers take them by.
STDIN_FORMATS = {"csv": ".csv", "xlsx": ".xlsx", "xls": ".xls", "ods": ".ods"}


def sniff(raw: bytes) -> str:
    """The format of a sheet by its first bytes: a zip is an xlsx workbook (an .ods when its
    first entry says so), an OLE2 file is an .xls, anything else is CSV text."""
    if raw.startswith(b"PK\x03\x04"):
        return "ods" if b"application/vnd.oasis.opendocument.spreadsheet" in raw[:200] else "xlsx"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    return "csv"


def import_sheet(data_dir: DataDir, options: ImportOptions) -> Outcome:
    """`import_file`, or for `file` "-" the sheet read from standard input, kept in a
    private temporary folder while it is imported."""
    if options.file != "-":
        return import_file(data_dir, options)
    import tempfile

    raw = options.stdin or b""
    if len(raw) > STDIN_CAP:
        return usage(word("stdin_too_large", options.lang).format(cap=STDIN_CAP // 2**20))
    if not raw:
        return usage(word("stdin_empty", options.lang))
    fmt = options.fmt or sniff(raw)
    with tempfile.TemporaryDirectory(prefix="hitrack-stdin-") as folder:
        path = Path(folder) / f"stdin{STDIN_FORMATS[fmt]}"
        path.write_bytes(raw)
        source = options.source or "stdin"
        read = dataclasses.replace(options, file=str(path), source=source, shown="-")
        return import_file(data_dir, read)


def import_file(data_dir: DataDir, options: ImportOptions) -> Outcome:
    """Import a sheet into the period file. A writing import holds the data directory's lock
    (`atomic.locked`) from reading the data to writing the file, so a second import into the
    same period waits, then reads the first one's result and merges on top of it."""
    if options.dry_run or data_dir.bundled:
        return _import_sheet(data_dir, options)
    from hitrack.load.atomic import Busy, locked

    here = escape.terminal(str(data_dir.path))
    try:
        with locked(data_dir.path):
            return _import_sheet(data_dir, options)
    except Busy:
        return usage(word("import_busy", options.lang).format(path=here))
    except OSError as err:
        return usage(
            word("import_cannot_lock", options.lang).format(
                path=here, reason=os_reason(err.strerror, options.lang)
            )
        )


def _import_sheet(data_dir: DataDir, options: ImportOptions) -> Outcome:
    from hitrack.interchange.sheets import SheetError, read_sheet

    if data_dir.bundled and not options.dry_run:
        return usage(word("import_needs_data", options.lang))
    path = Path(options.file)
    if not path.is_file():
        return usage(word("no_such_file", options.lang).format(path=options.file))
    loaded, problems = load_checked(data_dir)
    if has_errors(problems) or loaded.dataset is None:
        outcome = problems_outcome(data_dir, problems, options.lang)
        outcome.stderr += f"hitrack: {word('import_data_errors', options.lang)}\n"
        return outcome
    dataset = loaded.dataset
    mapping, findings = Mapping(), list[Finding]()
    if options.mapping is not None:
        mapping, findings = load_mapping(Path(options.mapping), dataset)
        if findings:
            return _findings_outcome(findings, "import_fix_map", options.lang)
    try:
        sheet = read_sheet(path, options.shown or options.file, options.sheet)
    except SheetError as err:
        return usage(say(err.args[0], options.lang))
    values = importing.read_values(sheet, dataset, options.period, mapping)
    findings += values.findings
    if findings:
        return _findings_outcome(findings, "import_fix_sheet", options.lang)
    if not values.readings:
        return _nothing_read(options, values)
    rel, existing, text = _period_file(data_dir, dataset, options.period)
    changes = importing.plan_changes(values.readings, existing, dataset.plan.unit_table)
    defaults = _Defaults(
        options.source or path.name,
        options.reported or options.today or datetime.date.today(),
        existing.sample if existing else False,
        existing.source if existing else None,
        existing.reported if existing else None,
    )
    new_text = _new_text(options.period, text, changes, defaults, options.lang)
    if isinstance(new_text, Outcome):
        return new_text
    table = render_changes(changes, values.skipped, options.lang)
    invalid = validate(data_dir, rel, new_text, changes, len(existing.values) if existing else 0)
    if invalid:
        return _findings_outcome(invalid, "import_not_pass", options.lang, table)
    changed = [c for c in changes if c.kind == "changed"]
    if changed and not options.update:
        message = "hitrack: " + word("import_differ", options.lang).format(
            count=len(changed), path=data_dir.display(rel)
        )
        return Outcome(table, message, EXIT_FINDINGS)
    if options.dry_run:
        return Outcome(table + word("dry_run", options.lang) + "\n", "", EXIT_CLEAN)
    if new_text == (text or ""):
        return Outcome(table + word("nothing_to_do", options.lang) + "\n", "", EXIT_CLEAN)
    from hitrack.load.atomic import Exists, write_file

    target = data_dir.path / rel
    shown = escape.terminal(data_dir.display(rel))
    changed_meanwhile = word("import_changed_meanwhile", options.lang).format(path=shown)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Compare and swap: a writer that does not take the lock (an editor, a system
        # without flock) may have changed the file since it was read above.
        if text is not None and _read_text(target) != text:
            return usage(changed_meanwhile)
        # A new period file must not clobber one created meanwhile; an existing one was read
        # above and is replaced as a whole.
        write_file(target, new_text.encode("utf-8"), force=text is not None)
        written = _read_text(target)
    except Exists:
        return usage(word("import_appeared", options.lang).format(path=shown))
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        return usage(
            word("cannot_write", options.lang).format(
                path=shown, reason=os_reason(reason, options.lang)
            )
        )
    if written != new_text:  # never report success for values that are not on disk
        return usage(word("import_lost", options.lang).format(path=shown))
    done = f"{word('written', options.lang)}: {escape.terminal(data_dir.display(rel))}\n"
    return Outcome(table + done, bundled_note(data_dir, options.lang), EXIT_CLEAN)


def _nothing_read(options: ImportOptions, values: importing.SheetValues) -> Outcome:
    """An import that finds no value for its period is a finding, not a silent success:
    last period's export imported into a new period, or a template sent back empty."""
    table = render_changes([], values.skipped, options.lang)
    shown = escape.terminal(options.file)
    if values.other_periods:
        listed = ", ".join(values.other_periods)
        why = word("import_other_periods", options.lang).format(
            path=shown, period=options.period, listed=listed, last=values.other_periods[-1]
        )
    else:
        why = word("import_empty_cells", options.lang).format(path=shown, period=options.period)
    return Outcome(table, f"hitrack: {why}\n", EXIT_FINDINGS)


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


def _findings_outcome(
    findings: Iterable[Finding], why: str, lang: Lang, table: str = ""
) -> Outcome:
    lines = "".join(escape.terminal(f.text(lang)) + "\n" for f in findings)
    return Outcome(table + lines, f"hitrack: {word(why, lang)}\n", EXIT_FINDINGS)


def load_mapping(path: Path, dataset: Any) -> tuple[Mapping, list[Finding]]:
    """The --map file: `targets: {label: id or null}` and `columns: {role: header}`."""
    from hitrack.load import yamlload

    name = str(path)
    loaded = yamlload.load_file(path, name)
    findings = [
        Finding(f"{p.file}:{p.line}:{p.col}", "invalid-map", p.message) for p in loaded.problems
    ]
    tree = loaded.data
    if findings or tree is None:
        return Mapping(), findings

    def bad(at: tuple[int, int] | None, message: str) -> None:
        line, col = at or (0, 0)
        findings.append(Finding(f"{name}:{line}:{col}", "invalid-map", message))

    if not isinstance(tree, yamlload.LineDict):
        bad((1, 1), said("map-not-a-mapping"))
        return Mapping(), findings
    ids = {t.id for t in dataset.targets.targets}
    labels: dict[str, str | None] = {}
    columns: dict[str, str] = {}
    for key in tree:
        if key not in ("targets", "columns"):
            bad(tree.key_at(key), said("map-unknown-key", key=repr(key)))
        elif not isinstance(tree[key], yamlload.LineDict):
            bad(tree.key_at(key), said("map-section", key=key))
    section = tree.get("targets")
    if isinstance(section, yamlload.LineDict):
        for label, target in section.items():
            if target is not None and target not in ids:
                bad(
                    section.key_at(label),
                    said("map-not-a-target", id=repr(target), known=", ".join(sorted(ids))),
                )
            labels[name_key(label)] = target
    section = tree.get("columns")
    if isinstance(section, yamlload.LineDict):
        for role, header in section.items():
            if role not in importing.ROLES or not isinstance(header, str):
                bad(
                    section.key_at(role),
                    said("map-role", role=role, header=header, roles=", ".join(importing.ROLES)),
                )
            else:
                columns[role] = name_key(header)
    return Mapping(labels, columns), findings


def _period_file(data_dir: DataDir, dataset: Any, period: str) -> tuple[str, Any, str | None]:
    """The period file's path in the data directory, its record and its text (None if new)."""
    for rel, actuals in dataset.actuals:
        if actuals.period == period:
            raw = (data_dir.path / rel).read_bytes()
            return rel, actuals, raw.decode("utf-8").removeprefix("\ufeff")
    return f"actuals/{period}.yaml", None, None


@dataclasses.dataclass(frozen=True)
class _Defaults:
    source: str
    reported: datetime.date
    file_sample: bool
    file_source: str | None
    file_reported: datetime.date | None


def _fields(reading: Reading, defaults: _Defaults, old: Any = None) -> dict[str, Any]:
    """What the file must say for this reading; `old` is the value it replaces, if any."""
    fields: dict[str, Any] = {}
    if old is None:
        fields["target"] = reading.target.id
        if reading.zone is not None:
            fields["zone"] = reading.zone
    if kind_of(reading.target).flag:
        for key in ("done", "date", "evidence"):
            if getattr(reading, key) is not None:
                fields[key] = getattr(reading, key)
    elif reading.numerator is not None and reading.denominator is not None:
        for key, (value, unit) in (
            ("numerator", reading.numerator),
            ("denominator", reading.denominator),
        ):
            fields[key] = {"value": value, "unit": unit}
    else:
        fields["value"], fields["unit"] = reading.value, reading.unit
    extras: dict[str, tuple[object, object]] = {
        "sample": (bool(reading.sample), defaults.file_sample),
        "source": (reading.source or defaults.source, defaults.file_source),
        "reported": (reading.reported or defaults.reported, defaults.file_reported),
    }
    for key, (extra, file_default) in extras.items():
        if extra != file_default or (old is not None and getattr(old, key) is not None):
            fields[key] = extra
    return fields


def _new_text(
    period: str, text: str | None, changes: list[Change], defaults: _Defaults, lang: Lang
) -> str | Outcome:
    additions = [_fields(c.reading, defaults) for c in changes if c.kind == "added"]
    if text is None:
        header: dict[str, Any] = {
            "schema": "hitrack/v1",
            "period": period,
            "sample": False,
            "source": defaults.source,
            "reported": defaults.reported,
        }
        file_defaults = dataclasses.replace(
            defaults, file_source=defaults.source, file_reported=defaults.reported
        )
        items = [_fields(c.reading, file_defaults) for c in changes if c.kind == "added"]
        return yamledit.new_file(header, items) if items else ""
    updates = {
        c.index: _fields(c.reading, defaults, c.old)
        for c in changes
        if c.kind == "changed" and c.index is not None
    }
    try:
        return yamledit.merge(text, updates, additions)
    except yamledit.EditError as err:
        return usage(say(said("cannot-merge", why=err.args[0] if err.args else err), lang))


def validate(
    data_dir: DataDir, rel: str, text: str, changes: list[Change], existing: int
) -> list[Finding]:
    """Problems `check` would find with the period file replaced by `text`, located at the
    sheet cell of the value they concern where there is one."""
    if not text:
        return []
    from hitrack.engine.checks import run_checks
    from hitrack.load.loader import load_dataset

    with tempfile.TemporaryDirectory(prefix="hitrack-import-") as scratch:
        # The YAML files are all the rules read about actuals; the source document only
        # traces targets' quotes, which an import does not touch (and were checked clean).
        root = Path(scratch)
        for item in data_dir.path.rglob("*.y*ml"):
            target = root / item.relative_to(data_dir.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item, target)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        copy = DataDir(root)
        loaded = load_dataset(copy)
        problems = [p for p in run_checks(loaded) if p.severity == "error"]
        items = _item_lines(loaded.files.get(rel))
    cells = _cells_by_item(changes, existing)
    result = []
    for problem in problems:
        shown = dataclasses.replace(problem, file=data_dir.display(_relative(problem, copy)))
        index = _item_at(items, problem.line) if _relative(problem, copy) == rel else None
        where = cells.get(index) if index is not None else None
        location = where or f"{shown.file}:{shown.line}:{shown.col}"
        result.append(Finding(location, problem.code, problem.message))
    return result


def _relative(problem: Problem, copy: DataDir) -> str:
    prefix = str(copy.path) + "/"
    return problem.file.removeprefix(prefix)


def _item_lines(source: Any) -> list[int]:
    from hitrack.load import yamlload

    if source is None or not isinstance(source.tree, dict):
        return []
    values = source.tree.get("values")
    if not isinstance(values, yamlload.LineList):
        return []
    return [values.item_at(index)[0] for index in range(len(values))]


def _item_at(lines: list[int], line: int) -> int | None:
    found = None
    for index, start in enumerate(lines):
        if start <= line:
            found = index
    return found


def _cells_by_item(changes: list[Change], existing: int) -> dict[int, str]:
    cells = {
        c.index: c.reading.where for c in changes if c.kind == "changed" and c.index is not None
    }
    added = [c for c in changes if c.kind == "added"]
    cells.update({existing + n: c.reading.where for n, c in enumerate(added)})
    return cells


def render_changes(changes: list[Change], skipped: Iterable[str], lang: Lang) -> str:
    """The values to add or change, as a table, and a count of those that stay."""
    from hitrack.render.markdown import tabulate

    keys = ("import_change", "target", "zone", "old_value", "new_value", "cell")
    rows = []
    for change in changes:
        if change.kind == "unchanged":
            continue
        new = importing.describe(change.reading)
        if change.reading.assumed_unit:
            new += f" ({word('unit_assumed', lang)})"
        cells = [
            word(change.kind, lang),
            change.reading.target.id,
            change.reading.zone or "",
            importing.describe(change.old),
            new,
            change.reading.where,
        ]
        rows.append([escape.terminal(cell) for cell in cells])
    counts = {
        kind: sum(c.kind == kind for c in changes) for kind in ("added", "changed", "unchanged")
    }
    summary = ", ".join(f"{word(kind, lang)} {n}" for kind, n in counts.items())
    parts = []
    if rows:
        table = tabulate(rows, headers=[word(k, lang) for k in keys], tablefmt="simple")
        parts.append(table)
    parts.append(summary)
    parts += [f"{word('skipped', lang)} {escape.terminal(say(note, lang))}" for note in skipped]
    return "\n".join(parts) + "\n"
