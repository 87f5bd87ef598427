"""`--lang zh` reaches a Chinese reader in Chinese: every command's error paths, run in
Chinese, print no sentence of Latin letters outside the tokens a Chinese text keeps as
they are (`english_sentences` says which)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hitrack import cli
from hitrack.commands.check import check
from hitrack.load.datadir import DataDir

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "fixtures" / "invalid"
BUNDLED = ROOT / "src" / "hitrack" / "bundled"
ZONED = ROOT / "examples" / "liaoning-htz-2017-2020"

#: What a Chinese sentence keeps in Latin letters, removed before looking for English:
KEPT = [
    r"`[^`\n]*`",  # code spans: `key: value`, `hitrack init`
    r"'[^'\n]*'",  # quoted data: a value, an id, a header as the file has it
    r'"[^"\n]*"',
    r"「[^」\n]*」",  # quoted words: the plan's quote, the YAML parser's own words
    r"\[[^\]\n]*\]",  # [code：meaning] after a problem, [OPTIONS] of a usage line
    r"(?:[A-Za-z]:)?(?:\.{0,2}/)[^\s:：，；（）]+",  # paths
    r"[\w.<>-]+\.(?:yaml|yml|csv|xlsx|xls|ods|txt|docx|md|json)\b",  # file names
    r"(?<![\w-])--?[a-z][a-z-]*",  # option names: --format, -d
    r"\$?\b[A-Z][A-Z0-9_-]*[A-Z0-9]\b",  # acronyms and variables: YAML, UTF-8, $HITRACK_DATA
    r"\b[a-z0-9_-]+(?:,[a-z0-9_-]+)+\b",  # a header as CSV writes it: target,zone,period
    r"\b[a-z0-9]+(?:[-_.][a-z0-9]+)+\b",  # ids, codes, fields: rd-spend, plan.title, int_type
    r"\b\w+\[\d+\](?:\.\w+)*",  # a field path: targets[0].value
    r"^用法：.*$",  # a usage line is the command's syntax
    r"\b(?:hitrack|error|warning|true|false|null|id|ids|NaN|Excel|WPS|GitHub|GitLab|git|Word|"
    r"pre-commit|kebab-case|to|null)\b",  # names and words the format itself uses
    r"\b(?:zh|en|table|json|markdown|csv|text|github|gitlab|auto|docx|xlsx|plan|status|gap|"
    r"zone|owner|section|national|provincial|municipal|unspecified|built|planned|targets|"
    r"platforms|actuals)\b",  # option values
]
#: three Latin words in a row, what remains of an English sentence
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[\s,;:()'\"/-]+[A-Za-z]{2,}){2,}")


def english_sentences(text: str) -> list[str]:
    """The lines of `text` that still hold three Latin words in a row once the `KEPT`
    tokens are taken out."""
    found = []
    for line in text.splitlines():
        rest = line
        for pattern in KEPT:
            rest = re.sub(pattern, " ", rest, flags=re.MULTILINE)
        if ENGLISH.search(rest):
            found.append(line)
    return found


def _bundled_and_sheet(tmp_path: Path, name: str, rows: str) -> tuple[Path, Path]:
    """A copy of the bundled data and a sheet of `rows` beside it."""
    data = tmp_path / "data"
    shutil.copytree(BUNDLED, data)
    sheet = tmp_path / name
    sheet.write_text(rows, encoding="utf-8")
    return data, sheet


def test_the_detector_finds_english_and_passes_chinese_with_its_tokens() -> None:
    assert english_sentences("targets.yaml:2:1: error: plan.title: this required field is missing")
    assert english_sentences("hitrack: nothing written: fix the sheet or --map")
    assert not english_sentences(
        "targets.yaml:2:1: error: plan.title：缺少这个必填字段 [missing-field：缺少必填字段]"
    )
    assert not english_sentences("hitrack: --data：'/no/such dir' 不是目录")
    assert not english_sentences("YAML 语法错误（解析器原文：「found unexpected end of stream」）")
    assert not english_sentences("用法：hitrack status [OPTIONS]")


#: Codes whose messages have no Chinese template yet: their message stays English (with
#: the code's Chinese title). The test below fails when one of them is translated (remove
#: it here) or when another code falls back to English.
NOT_YET: set[str] = set()
CASES = sorted(p.parent for p in INVALID.glob("*/*/expected.txt"))


def _english_lines(case: Path) -> dict[str, list[str]]:
    """The English lines of `check --lang zh` on `case`, by problem code (the summary's:
    "")."""
    outcome = check(DataDir(case), "text", strict=False, lang="zh")
    found: dict[str, list[str]] = {}
    for line in english_sentences(outcome.stdout + outcome.stderr):
        code = re.search(r"\[([a-z0-9-]+)：[^\]]*\]$", line)
        found.setdefault(code.group(1) if code else "", []).append(line)
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_check_of_an_invalid_fixture_in_chinese(case: Path) -> None:
    english = _english_lines(case)
    assert {code: lines for code, lines in english.items() if code not in NOT_YET} == {}


def test_not_yet_lists_only_codes_still_in_english() -> None:
    still: set[str] = set()
    for case in CASES:
        still.update(_english_lines(case))
    assert not NOT_YET - still, f"translated now, remove from NOT_YET: {NOT_YET - still}"


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    monkeypatch.setattr(cli, "RUN_LANG", "zh")
    monkeypatch.setattr("sys.argv", ["hitrack", *args])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2, (args, stop.value.code)
    captured = capsys.readouterr()
    return captured.out + captured.err


ERROR_PATHS = [
    ["status", "--lang", "zh", "-d", "/no/such/dir"],
    ["check", "--lang", "zh", "--data", "/no/such/dir"],
    ["status", "--lang", "zh", "--as-of", "2019-Q5"],
    ["report", "--lang", "zh", "--as-of", "20x9"],
    ["status", "--lang", "zh", "--explain", "no-such-target"],
    ["status", "--lang", "zh", "--explain", "zzzzzz"],
    ["status", "--lang", "zh", "--zone", "nowhere"],
    ["status", "--lang", "zh", "--owner", "nobody"],
    ["status", "--lang", "zh", "--section", "nothing"],
    ["platforms", "--lang", "zh", "--level", "galactic"],
    ["platforms", "--lang", "zh", "--category", "no-such-category"],
    ["status", "--lang", "zh", "--format", "xml"],
    ["check", "--lang", "zh", "--format", "xml"],
    ["export", "--lang", "zh", "--format", "pdf"],
    ["status", "--lang", "zh", "--bogus"],
    ["status", "--lang", "zh", "--width", "10"],
    ["status", "--lang", "zh", "extra"],
    ["status", "--lang", "zh", "--explain", "tech-smes", "--format", "json"],
    ["status", "--lang", "zh", "--periods", "--by", "zone"],
    ["import", "--lang", "zh", "sheet.csv"],
    ["diff", "--lang", "zh", "./no/such/dir"],
    ["export", "--lang", "zh", "--format", "xlsx"],
    ["export", "--lang", "zh", "--template", "2021", "--format", "json"],
    ["export", "--lang", "zh", "--template", "2021", "--as-of", "2020"],
    ["draft", "--lang", "zh", "/no/such/plan.txt"],
]


@pytest.mark.parametrize("args", ERROR_PATHS, ids=lambda a: " ".join(a[3:]) or a[0])
def test_an_error_path_in_chinese(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _run(monkeypatch, capsys, *args)
    assert text.strip()
    assert english_sentences(text) == [], text


def test_an_unknown_zone_of_a_zoned_plan_in_chinese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _run(monkeypatch, capsys, "status", "--lang", "zh", "-d", str(ZONED), "--zone", "x")
    assert "不是本规划的区" in text and "dalian (大连高新区)" in text
    assert english_sentences(text) == [], text


def test_the_help_of_every_command_in_chinese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "RUN_LANG", "zh")
    for command in ("check", "status", "platforms", "schema", "report", "diff", "init"):
        monkeypatch.setattr("sys.argv", ["hitrack", command, "--help"])
        with pytest.raises(SystemExit) as stop:
            cli.main()
        assert stop.value.code == 0
        text = capsys.readouterr().out
        assert text.startswith("用法：") and f"hitrack {command} [OPTIONS]" in text.split("\n")[0]
        assert "选项" in text and "显示本帮助并退出。" in text
        assert english_sentences(text) == [], (command, english_sentences(text))


def test_the_help_stays_english_in_english(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "RUN_LANG", "en")
    monkeypatch.setattr("sys.argv", ["hitrack", "status", "--help"])
    with pytest.raises(SystemExit):
        cli.main()
    text = capsys.readouterr().out
    assert text.startswith("Usage: ") and "Output format." in text and "选项" not in text


def test_the_language_of_a_command_line() -> None:
    from hitrack.i18n import argv_lang

    assert argv_lang(["status", "--lang", "zh"], {}) == "zh"
    assert argv_lang(["status", "--lang=zh"], {"LANG": "en_US.UTF-8"}) == "zh"
    assert argv_lang(["status", "--lang", "en"], {"LANG": "zh_CN.UTF-8"}) == "en"
    assert argv_lang(["status"], {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert argv_lang(["status"], {"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}) == "zh"
    assert argv_lang(["status", "--", "--lang", "zh"], {}) == "en"


def test_an_import_of_a_bad_sheet_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, sheet = _bundled_and_sheet(tmp_path, "bad.csv", "a,b\n1,2\n")
    monkeypatch.setattr(cli, "RUN_LANG", "zh")
    monkeypatch.setattr(
        "sys.argv",
        ["hitrack", "import", "--lang", "zh", "-d", str(data), str(sheet), "--period", "2020"],
    )
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 1
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "[no-header]" in text
    assert english_sentences(text) == [], text


def test_every_chinese_word_and_message_template_is_chinese() -> None:
    from hitrack.i18n import PROBLEM_MESSAGES_ZH, WORDS

    assert [k for k, (zh, _) in WORDS.items() if english_sentences(zh)] == []
    assert [k for k, zh in PROBLEM_MESSAGES_ZH.items() if english_sentences(zh)] == []


def _import(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    monkeypatch.setattr(cli, "RUN_LANG", "zh")
    monkeypatch.setattr("sys.argv", ["hitrack", "import", "--lang", "zh", *args])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    captured = capsys.readouterr()
    return int(stop.value.code or 0), captured.out + captured.err


def test_an_import_of_bad_cells_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(BUNDLED, data)
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "编号,数值,单位\n"
        "tech-smes,abc,\n"
        "high-tech-enterprises,1.5e9,\n"
        "hydrogen-buses,5,furlongs\n"
        "rd-spend,12,\n"
        "hydrogen-station,maybe,\n"
        'tech-contract-turnover,"1,2,3",\n'
        "achievements-transferred,5,亿元\n"
        "tech-transfer-institutions,3,\n",
        encoding="utf-8",
    )
    code, text = _import(monkeypatch, capsys, "-d", str(data), str(sheet), "--period", "2020")
    assert code == 1
    for found in ("not-a-number", "unknown-unit", "no-unit", "not-a-flag", "unit-mismatch"):
        assert f"[{found}]" in text
    assert "科学计数法" in text and "是里程碑" in text and "由 platforms.yaml 统计得出" in text
    assert english_sentences(text) == [], text


def test_import_file_and_period_errors_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(BUNDLED, data)
    missing = str(tmp_path / "none.csv")
    code, text = _import(monkeypatch, capsys, "-d", str(data), missing, "--period", "2020")
    assert code == 2 and "没有这个文件" in text
    assert english_sentences(text) == [], text
    empty = tmp_path / "empty.csv"
    empty.write_text("编号,数值\ntech-smes,\n", encoding="utf-8")
    code, text = _import(monkeypatch, capsys, "-d", str(data), str(empty), "--period", "2020")
    assert code == 1 and "数值单元格都是空的" in text and "已跳过" in text
    assert english_sentences(text) == [], text
    other = tmp_path / "other.csv"
    other.write_text("编号,期间,数值\ntech-smes,2019,5\ntech-smes,2018,4\n", encoding="utf-8")
    code, text = _import(monkeypatch, capsys, "-d", str(data), str(other), "--period", "2020")
    assert code == 1 and "没有属于 2020 的行" in text
    assert english_sentences(text) == [], text


def test_an_import_into_a_locked_data_directory_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from hitrack.load import atomic

    data, sheet = _bundled_and_sheet(tmp_path, "s.csv", "编号,数值\ntech-smes,5\n")

    def busy(path: Path) -> object:
        raise atomic.Busy(str(path))

    monkeypatch.setattr(atomic, "locked", busy)
    code, text = _import(monkeypatch, capsys, "-d", str(data), str(sheet), "--period", "2020")
    assert code == 2 and "另一个导入" in text
    assert english_sentences(text) == [], text


def _exit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(cli, "RUN_LANG", "zh")
    monkeypatch.setattr("sys.argv", ["hitrack", *args])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    captured = capsys.readouterr()
    return int(stop.value.code or 0), captured.out, captured.err


def test_export_init_draft_and_site_messages_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken.csv"
    taken.write_text("x", encoding="utf-8")
    code, out, err = _exit(monkeypatch, capsys, "export", "--lang", "zh", "-o", str(taken))
    assert code == 2 and "已存在；加 --force 可替换它" in err
    assert english_sentences(out + err) == [], err
    code, out, err = _exit(monkeypatch, capsys, "init", "--lang", "zh", str(taken))
    assert code == 2 and "已存在且不是目录" in err
    assert english_sentences(out + err) == [], err
    binary = tmp_path / "plan.txt"
    binary.write_bytes(b"\xff\xfe\x00\x00\x81")
    code, out, err = _exit(monkeypatch, capsys, "draft", "--lang", "zh", str(binary))
    assert code == 2 and "既不是 UTF-8 也不是 GBK" in err
    assert english_sentences(out + err) == [], err
    mine = tmp_path / "docs"
    mine.mkdir()
    (mine / "index.html").write_text("mine", encoding="utf-8")
    code, out, err = _exit(monkeypatch, capsys, "site", "--lang", "zh", str(mine))
    assert code == 2 and "不是 hitrack 生成的网站" in err
    assert english_sentences(out + err) == [], err
    code, out, err = _exit(monkeypatch, capsys, "site", "--lang", "zh", str(tmp_path / "s"))
    assert code == 0 and "个网页写入" in err
    assert english_sentences(out + err) == [], err


def test_a_diff_with_a_side_in_error_in_chinese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = INVALID / "target-fields" / "between-without-range"
    monkeypatch.chdir(ROOT)
    code, out, err = _exit(
        monkeypatch,
        capsys,
        "diff",
        "--lang",
        "zh",
        "./src/hitrack/bundled",
        "./" + str(bad.relative_to(ROOT)),
    )
    assert code == 1 and "有错误：" in err
    assert english_sentences(out + err) == [], err


def test_lang_before_the_command_is_the_command_s_lang(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _exit(monkeypatch, capsys, "--lang", "zh", "status", "--width", "120")
    after = _exit(monkeypatch, capsys, "status", "--lang", "zh", "--width", "120")
    assert before == after and before[0] == 0 and "状态" in before[1]
    own = _exit(monkeypatch, capsys, "--lang", "zh", "status", "--lang", "en", "--width", "120")
    assert own[0] == 0 and "Status" in own[1] and "状态" not in own[1]
    again = _exit(monkeypatch, capsys, "status", "--lang", "en", "--width", "120")
    assert again == own  # the global choice does not outlive its command line
    code, out, err = _exit(monkeypatch, capsys, "--lang", "zh", "check", "-d", "/no/such/dir")
    assert code == 2 and "不是目录" in err and english_sentences(out + err) == []


def test_an_import_with_a_bad_map_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, sheet = _bundled_and_sheet(tmp_path, "s.csv", "编号,数值\ntech-smes,5\n")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("targets:\n  foo: nosuch\ncolumns:\n  weird: x\nextra: 1\n", "utf-8")
    code, text = _import(
        monkeypatch, capsys, "-d", str(data), str(sheet), "--period", "2020", "--map", str(mapping)
    )
    assert code == 1 and text.count("[invalid-map]") == 3 and "不是目标编号" in text
    assert english_sentences(text) == [], text
