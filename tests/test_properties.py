"""Property-based tests: whatever the input, loading and checking never crash or hang, and
data known to be invalid is never reported clean.

Examples are derandomized (the same every run, so CI is stable), bounded in size, and few
enough that this file runs in seconds. The deadline is generous: it catches a hang or a
blow-up (an alias bomb, quadratic work), not a slow machine.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import random
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import _Dumper
from hitrack.core import model
from hitrack.core.problems import Problem
from hitrack.engine.checks import _check_values, _clean_columns, run_checks
from hitrack.load import tabular, yamlload
from hitrack.load.loader import DataDir, load_dataset
from hitrack.load.tabular import TableSource

VALID = Path(__file__).parent / "fixtures" / "valid" / "all-kinds"
FILES = ("targets.yaml", "platforms.yaml", "actuals/2019.yaml")

PROFILE = settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
)

# Characters that mean something to YAML, with some text and the odd hostile byte.
YAML_ALPHABET = st.sampled_from(
    list(":-?[]{},&*!|>'\"%@`#\n\t ") + list("abc01.~<=") + ["目标", "\r", "\x00", "\ufeff"]
)
YAML_TEXT = st.lists(YAML_ALPHABET, max_size=200).map("".join)


@contextmanager
def dataset(files: dict[str, bytes]) -> Iterator[Path]:
    """The valid dataset with some files replaced, in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "data"
        shutil.copytree(VALID, root)
        for name, content in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(content)
        yield root


def check(root: Path) -> list[Problem]:
    return run_checks(load_dataset(DataDir(root)))


def original(name: str) -> str:
    return (VALID / name).read_text(encoding="utf-8")


@PROFILE
@given(YAML_TEXT)
def test_any_text_loads_without_raising(text: str) -> None:
    loaded = yamlload.load_text(text, "x.yaml")
    assert loaded.data is not None or loaded.problems


@PROFILE
@given(YAML_TEXT, st.sampled_from(FILES))
def test_any_text_as_a_data_file_is_checked_without_raising(text: str, name: str) -> None:
    with dataset({name: text.encode("utf-8", "surrogatepass")}) as root:
        problems = check(root)
    if name == "targets.yaml" or not text.strip():
        assert problems  # a random targets.yaml is never a valid plan


@PROFILE
@given(st.binary(max_size=300), st.sampled_from(FILES))
def test_any_bytes_are_checked_without_raising(raw: bytes, name: str) -> None:
    with dataset({name: raw}) as root:
        check(root)


@PROFILE
@given(st.sampled_from(FILES), st.integers(min_value=0), st.binary(min_size=1, max_size=8))
def test_injected_bytes_never_crash(name: str, seed: int, raw: bytes) -> None:
    text = original(name).encode("utf-8")
    at = seed % (len(text) + 1)
    with dataset({name: text[:at] + raw + text[at:]}) as root:
        check(root)


@PROFILE
@given(st.sampled_from(FILES), st.integers(min_value=0))
def test_truncation_never_crashes(name: str, seed: int) -> None:
    text = original(name).encode("utf-8")
    with dataset({name: text[: seed % len(text)]}) as root:
        check(root)  # a cut at a line end may leave valid data: no verdict, only no crash


CSV_ALPHABET = st.sampled_from([*',"\n\r 0123456789.-e', "smes", "家", "2019", "\ufeff"])
CSV_HEADER = "target,zone,period,value,unit,source,reported,sample,note\n"


@PROFILE
@given(st.lists(CSV_ALPHABET, max_size=200).map("".join), st.booleans())
def test_any_csv_rows_are_checked_without_raising(rows: str, with_header: bool) -> None:
    text = (CSV_HEADER if with_header else "") + rows
    with dataset({"actuals/stats.csv": text.encode("utf-8")}) as root:
        check(root)


# ------------------------------------------------------------- mutations known to be invalid


def tree(name: str) -> Any:
    return yamlload.load_file(VALID / name, name).data


def paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*path, index))


#: Fields every record of that list (or the file) must have, by file.
REQUIRED = {
    "targets.yaml": {
        (): {"schema", "plan", "targets"},
        ("plan",): {"id", "title", "issuer", "start", "deadline"},
        ("targets",): {"id", "name", "name_en", "kind", "quote"},
    },
    "platforms.yaml": {
        (): {"schema", "categories", "platforms"},
        ("categories",): {"id", "name"},
        ("platforms",): {"id", "name", "category", "level", "status"},
    },
    "actuals/2019.yaml": {(): {"schema", "period", "values"}, ("values",): {"target"}},
}


def required_paths(name: str) -> list[tuple[Any, ...]]:
    found = []
    for path in paths(tree(name)):
        parent = tuple(p for p in path[:-1] if not isinstance(p, int))
        if path[-1] in REQUIRED[name].get(parent, set()):
            found.append(path)
    return found


def plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node


def dump(node: Any) -> bytes:
    text = yaml.dump(plain(node), Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8")


def edit(name: str, path: tuple[Any, ...], change: Any) -> bytes:
    node = plain(tree(name))
    parent = node
    for part in path[:-1]:
        parent = parent[part]
    change(parent, path[-1])
    return dump(node)


def _delete(parent: Any, key: Any) -> None:
    del parent[key]


def _retype(parent: Any, key: Any) -> None:
    value = parent[key]
    parent[key] = "x" if isinstance(value, (dict, list)) else {"wrong": Decimal(1)}


def _duplicate_line(text: str, rng: random.Random) -> str:
    """Repeat a `key: value` line right below itself: the same key twice in one mapping."""
    lines = text.split("\n")
    candidates = [
        i
        for i, line in enumerate(lines)
        if ": " in line and not line.lstrip().startswith(("#", "- ")) and "{" not in line
    ]
    index = rng.choice(candidates)
    lines.insert(index + 1, lines[index])
    return "\n".join(lines)


@PROFILE
@given(st.data())
def test_deleting_a_required_key_is_never_clean(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    path = data.draw(st.sampled_from(required_paths(name)))
    with dataset({name: edit(name, path, _delete)}) as root:
        assert check(root), f"{name}: deleting {path} was accepted"


@PROFILE
@given(st.data())
def test_changing_a_scalar_type_is_never_clean(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    path = data.draw(st.sampled_from([p for p in paths(tree(name)) if p[-1] != "schema"]))
    with dataset({name: edit(name, path, _retype)}) as root:
        assert check(root), f"{name}: a wrong type at {path} was accepted"


@PROFILE
@given(st.sampled_from(FILES), st.randoms(use_true_random=False))
def test_duplicating_a_key_is_never_clean(name: str, rng: random.Random) -> None:
    text = _duplicate_line(original(name), rng)
    with dataset({name: text.encode("utf-8")}) as root:
        assert "duplicate-key" in {p.code for p in check(root)}


@PROFILE
@given(st.sampled_from(FILES), st.sampled_from(["x", "[1, 2]", "{a: 1}", "48"]))
def test_an_alias_is_never_clean(name: str, value: str) -> None:
    text = original(name) + f"\nanchored: &a {value}\naliased: *a\n"
    with dataset({name: text.encode("utf-8")}) as root:
        assert "yaml-alias" in {p.code for p in check(root)}


# ------------------------------------------------------------- CSV and YAML agree

TARGET_UNITS = {"smes": ["家"], "turnover": ["亿元", "万元", "元"]}
ROW = st.fixed_dictionaries(
    {
        "target": st.sampled_from(sorted(TARGET_UNITS)),
        "value": st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
        "source": st.sampled_from(["", "统计局", "a, b", 'say "hi"']),
        "reported": st.sampled_from(["", "2020-01-15"]),
        "sample": st.sampled_from(["", "true", "false"]),
    }
)
TWO_TARGETS = """schema: hitrack/v1
plan: {id: p, title: 规划, issuer: 局, start: "2018", deadline: "2020"}
targets:
  - {id: smes, name: 企业, name_en: SMEs, kind: level, comparator: gt, value: 55, unit: 家,
     quote: 企业突破55家}
  - {id: turnover, name: 成交额, name_en: Turnover, kind: level, comparator: gte, value: 2.5,
     unit: 亿元, quote: 成交额达到2.5亿元}
"""


@PROFILE
@given(st.lists(ROW, min_size=1, max_size=12))
def test_csv_and_yaml_actuals_load_the_same(rows: list[dict[str, Any]]) -> None:
    records = []
    for row in rows:
        record = {"target": row["target"], "value": row["value"]}
        record["unit"] = TARGET_UNITS[row["target"]][0]
        for column in ("source", "reported"):
            if row[column]:
                record[column] = row[column]
        if row["sample"]:
            record["sample"] = row["sample"] == "true"
        records.append(record)
    yaml_text = dump({"schema": "hitrack/v1", "period": "2019", "values": records})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["target", "zone", "period", "value", "unit", "source", "reported", "sample"])
    for row, record in zip(rows, records, strict=True):
        cells = [row["target"], "", "2019", str(row["value"]), record["unit"]]
        writer.writerow([*cells, row["source"], row["reported"], row["sample"]])
    results = []
    for files in (
        {"actuals/2019.yaml": yaml_text},
        {"actuals/2019.csv": out.getvalue().encode("utf-8")},
    ):
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            (root / "actuals").mkdir()
            (root / "targets.yaml").write_text(TWO_TARGETS, encoding="utf-8")
            for name, content in files.items():
                (root / name).write_bytes(content)
            loaded = load_dataset(DataDir(root))
            problems = run_checks(loaded)
            assert loaded.dataset is not None
            values = [v for _, f in loaded.dataset.actuals for v in f.values]
            results.append((values, [(p.line, p.code) for p in problems]))
    (yaml_values, yaml_problems), (csv_values, csv_problems) = results
    assert csv_values == yaml_values
    assert [code for _, code in csv_problems] == [code for _, code in yaml_problems]


# ------------------------------------------------- checks over columns agree with records


def _targets() -> dict[str, model.Target]:
    loaded = load_dataset(DataDir(VALID))
    assert loaded.dataset is not None
    found = {target.id: target for target in loaded.dataset.targets.targets}
    smes = found["smes"]
    found["each-zone"] = dataclasses.replace(smes, id="each-zone", zone_scope="each")
    found["north-only"] = dataclasses.replace(smes, id="north-only", zone="north")
    return found


TARGETS = _targets()
VALUE = st.fixed_dictionaries(
    {
        "target": st.sampled_from([*sorted(TARGETS), "ghost"]),
        "zone": st.sampled_from([None, "north", "south", "east"]),
        "value": st.one_of(
            st.none(), st.decimals(min_value=-5, max_value=500, places=1, allow_nan=False)
        ),
        "unit": st.sampled_from(["家", "亿元", "万元", "%", "个", "人", "倍", "件"]),
    }
)


UNITS = {"smes": "家", "patents": "件", "each-zone": "家", "north-only": "家", "rd-spend": "万元"}
CLEAN = st.lists(
    st.tuples(st.sampled_from(sorted(UNITS)), st.sampled_from([None, "north", "south"])),
    unique=True,
    max_size=20,
).map(
    lambda pairs: [
        {"target": name, "zone": zone, "value": Decimal(index), "unit": UNITS[name]}
        for index, (name, zone) in enumerate(pairs)
        if (name != "each-zone" or zone) and (name != "north-only" or zone != "south")
    ]
)


@PROFILE
@given(CLEAN, st.lists(VALUE, max_size=3), st.integers(0, 20), st.booleans(), st.booleans())
def test_checks_over_columns_find_what_the_record_loop_finds(
    rows: list[dict[str, Any]], odd: list[dict[str, Any]], at: int, same_unit: bool, texts: bool
) -> None:
    """Rows valid but for a few random ones: the column proof must never miss a problem."""
    rows = rows[:at] + odd + rows[at:]
    if not rows:
        return
    if same_unit:
        rows = [{**row, "unit": rows[0]["unit"]} for row in rows]
    cells: dict[str, Any] = {name: [row[name] for row in rows] for name in rows[0]}
    if texts and None not in cells["value"]:  # numbers as a CSV table holds them
        cells["value"] = model.DecimalTexts([str(number) for number in cells["value"]])
    columns = model.ValueColumns(cells)
    records = tuple(model.ActualValue(**row) for row in rows)
    assert columns == records
    source = TableSource("a.csv", None, header=list(rows[0]), rows=range(2, len(rows) + 2))
    zones = {"north", "south"}
    found = []
    for values in (columns, records):
        actuals = model.ActualsFile(schema="hitrack/v1", period="2019", values=values)
        found.append(list(_check_values(actuals, source, TARGETS, zones)))
    assert found[0] == found[1]
    # And the shortcut is taken whenever it can be: no problems, no signs or gaps.
    plain = all(row["value"] is not None and not row["value"].is_signed() for row in rows)
    assert _clean_columns(columns, TARGETS, zones) == (plain and not found[1])


# ------------------------------------------------- CSV tables with one known-bad row

CSV_TARGETS = {
    "smes": "家",
    "patents": "件",
    "rd-spend": "万元",
    "talents": "人",
    "new-drugs": "个",
}
CLEAN_ROWS = [
    f"{name},,2020-Q{quarter},{10 + quarter},{unit},统计局,2021-01-15,false,"
    for name, unit in CSV_TARGETS.items()
    for quarter in range(1, 5)
]
BAD_CELLS = {  # column index -> (bad text, the problem it must raise)
    "unknown-target": (0, "smez"),
    "unknown-zone": (1, "north"),
    "period-out-of-range": (2, "2031"),
    "negative-value": (3, "-3"),
    "not-a-number": (3, "五十"),
    "unit-mismatch": (4, "%"),
    "invalid-value": (6, "2020-13-01"),
}


@PROFILE
@given(
    st.permutations(CLEAN_ROWS),
    st.sampled_from([*BAD_CELLS, "duplicate-actual"]),
    st.integers(0, len(CLEAN_ROWS) - 1),
    st.sampled_from([1, 40, 1 << 16]),
)
def test_one_bad_row_in_a_csv_table_is_always_found(
    rows: list[str], code: str, at: int, chunk: int
) -> None:
    """Whichever reader and chunking the file gets, its one bad row is reported at its line."""
    rows = list(rows)
    if code == "duplicate-actual":
        rows[at] = rows[(at + 1) % len(rows)]
        lines = {at + 2, (at + 1) % len(rows) + 2}
    else:
        index, text = BAD_CELLS[code]
        cells = rows[at].split(",")
        cells[index] = text
        rows[at] = ",".join(cells)
        lines = {at + 2}
    content = CSV_HEADER + "\n".join(rows) + "\n"
    saved = tabular._CHUNK
    tabular._CHUNK = chunk
    try:
        with dataset({"actuals/stats.csv": content.encode("utf-8")}) as root:
            # The generated figures need not be plausible: the errors are what is tested.
            problems = [p for p in check(root) if p.severity == "error"]
    finally:
        tabular._CHUNK = saved
    assert problems, content
    assert {p.code for p in problems} == {code}, (problems, content)
    assert {p.line for p in problems} <= lines and problems[0].line in lines
