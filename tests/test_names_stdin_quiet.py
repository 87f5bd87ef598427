"""Names wherever an id is, `import -` from standard input, `--quiet`, shell completion."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner, Result

from hitrack import cli
from hitrack.cli import app
from hitrack.commands import common
from hitrack.commands.common import Outcome
from hitrack.commands.import_ import sniff
from hitrack.render.grouping import matching

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "src" / "hitrack" / "bundled"


def run(*args: str, stdin: bytes | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.stderr
    return result


CANDIDATES = [
    ("dalian", ("大连高新区", "Dalian High-tech Zone")),
    ("dalian-jinpu", ("大连金普新区", None)),
    ("shenyang", ("沈阳高新区", "Shenyang High-tech Zone")),
]


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ("dalian", ["dalian"]),  # the id itself, though it starts another id too
        ("大连高新区", ["dalian"]),
        ("shenyang high-tech zone", ["shenyang"]),  # an English name, case aside
        ("沈阳", ["shenyang"]),  # the start of a name
        ("大连", ["dalian", "dalian-jinpu"]),  # ambiguous
        ("高新区", []),  # inside a name is not its start
        ("", []),
    ],
)
def test_an_option_names_records_by_id_name_or_the_start_of_a_name(
    value: str, ids: list[str]
) -> None:
    assert matching(value, CANDIDATES) == ids


def _zoned() -> SimpleNamespace:
    zones = [SimpleNamespace(id=i, name=n, name_en=e) for i, (n, e) in CANDIDATES]
    return SimpleNamespace(plan=SimpleNamespace(zones=zones))


def test_an_ambiguous_zone_is_a_usage_error_listing_the_candidates() -> None:
    for lang, says in (("en", "is ambiguous: it names"), ("zh", "有歧义，可指")):
        outcome = common._zone(_zoned(), "大连", lang)  # type: ignore[arg-type]
        assert isinstance(outcome, Outcome) and outcome.code == 2
        assert says in outcome.stderr and "dalian, dalian-jinpu" in outcome.stderr
    assert common._zone(_zoned(), "大连高新区", "zh") == "dalian"  # type: ignore[arg-type]
    assert common._zone(_zoned(), "沈阳", "zh") == "shenyang"  # type: ignore[arg-type]


def test_explain_takes_a_target_by_its_chinese_name() -> None:
    by_name = run("status", "--explain", "科技型中小企业数量", "--lang", "zh")
    by_id = run("status", "--explain", "tech-smes", "--lang", "zh")
    assert by_name.exit_code == 0 and by_name.stdout == by_id.stdout
    assert by_name.stdout.startswith("tech-smes: 科技型中小企业数量")


def test_explain_of_an_unknown_name_is_a_usage_error_in_chinese() -> None:
    result = run("status", "--explain", "不存在的目标", "--lang", "zh")
    assert result.exit_code == 2 and "--explain：没有目标 '不存在的目标'" in result.stderr


def test_level_and_category_take_their_chinese_names() -> None:
    national = run("platforms", "--level", "国家级", "--format", "json")
    assert national.exit_code == 0
    assert national.stdout == run("platforms", "--level", "national", "--format", "json").stdout
    assert '"level": "provincial"' not in national.stdout
    labs = run("platforms", "--category", "重点实验室", "--format", "json")
    assert labs.exit_code == 0 and '"category": "key-lab"' in labs.stdout
    assert '"category": "engineering-centre"' not in labs.stdout
    galactic = run("platforms", "--level", "银河级", "--lang", "zh")
    assert galactic.exit_code == 2 and "不是级别；可选：national" in galactic.stderr


def test_a_sheet_is_sniffed_by_its_first_bytes() -> None:
    assert sniff(b"\xef\xbb\xbf\xe6\x8c\x87\xe6\xa0\x87,\xe6\x95\xb0\xe5\x80\xbc\n") == "csv"
    assert sniff(b"PK\x03\x04" + b"\0" * 26 + b"[Content_Types].xml") == "xlsx"
    ods = b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
    assert sniff(ods) == "ods"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8) == "xls"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(BUNDLED, tmp_path / "data")
    return tmp_path / "data"


def test_import_dash_reads_the_sheet_from_standard_input(data: Path) -> None:
    sheet = "指标,数值\n科技型中小企业数量,60\n".encode()
    result = run("import", "-", "-d", str(data), "--period", "2020", stdin=sheet)
    assert result.exit_code == 0, result.stderr
    assert "60 家" in result.stdout and "-:2:2" in result.stdout  # the cell, named by -
    written = (data / "actuals" / "2020.yaml").read_text(encoding="utf-8")
    assert "target: tech-smes" in written and "source: stdin" in written


def test_import_dash_names_standard_input_in_its_findings(data: Path) -> None:
    result = run("import", "-", "-d", str(data), "--period", "2020", stdin=b"a,b\n1,2\n")
    assert result.exit_code == 1 and result.stdout.startswith("-:1:1: error: found no header")


def test_import_dash_of_nothing_or_of_too_much_is_a_usage_error(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = run("import", "-", "-d", str(data), "--period", "2020", stdin=b"")
    assert empty.exit_code == 2 and "nothing on standard input" in empty.stderr
    monkeypatch.setattr("hitrack.commands.import_.STDIN_CAP", 10)
    large = run("import", "-", "-d", str(data), "--period", "2020", stdin=b"x" * 11)
    assert large.exit_code == 2 and "over 0 MB" in large.stderr
    assert not (data / "actuals" / "2020.yaml").exists()


def test_import_dash_takes_the_format_it_is_told(data: Path) -> None:
    sheet = "指标,数值\n科技型中小企业数量,60\n".encode()
    told = run("import", "-", "-d", str(data), "--period", "2020", "-f", "xlsx", stdin=sheet)
    assert told.exit_code == 2 and "-: cannot read it as an .xlsx workbook" in told.stderr


@pytest.fixture
def loud() -> object:
    yield
    cli.QUIET = False  # the root callback set it for the process


@pytest.mark.usefixtures("loud")
def test_quiet_drops_the_notes_and_keeps_the_data_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./data: the bundled plan, with its note on stderr
    plain = run("status", "--format", "json")
    quiet = run("--quiet", "status", "--format", "json")
    assert plain.exit_code == quiet.exit_code == 0
    assert "bundled" in plain.stderr and quiet.stderr == ""
    assert quiet.stdout == plain.stdout


@pytest.mark.usefixtures("loud")
def test_quiet_keeps_the_errors() -> None:
    result = run("-q", "status", "--data", "/no/such/directory")
    assert result.exit_code == 2 and "is not a directory" in result.stderr


@pytest.mark.parametrize(
    ("shell", "says"),
    [
        ("bash", "complete -o default -F _hitrack_completion hitrack"),
        ("zsh", "#compdef hitrack"),
        ("fish", "complete --command hitrack"),
    ],
)
def test_the_completion_script_of_each_shell(shell: str, says: str) -> None:
    """What README says to run: `_HITRACK_COMPLETE=source_SHELL hitrack > FILE`."""
    env = {"_HITRACK_COMPLETE": f"source_{shell}"}
    result = CliRunner().invoke(app, [], prog_name="hitrack", env=env)
    assert result.exit_code == 0 and says in result.stdout


def test_show_completion_prints_a_shells_script(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the shell cannot be detected (here: detection off), it is named."""
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="hitrack")
    assert result.exit_code == 0
    assert "complete -o default -F _hitrack_completion hitrack" in result.stdout


def test_the_completion_script_completes_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"_HITRACK_COMPLETE": "complete_bash", "COMP_WORDS": "hitrack sta", "COMP_CWORD": "1"}
    result = CliRunner().invoke(app, [], prog_name="hitrack", env=env)
    assert result.stdout.split() == ["status"]
