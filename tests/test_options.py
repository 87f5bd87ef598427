"""Options are typed at the CLI edge: format and language names from `core.formats`, a
period parsed once into `core.periods.Period`, and an option the chosen output does not
honour refused as a usage error (exit 2, in the chosen language) instead of ignored."""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from hitrack import cli
from hitrack.core import formats
from hitrack.core.periods import Period
from hitrack.i18n import Lang
from hitrack.interchange import exporting
from hitrack.render import by_zone, diff, period_matrix, platforms, problems, status


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.app, list(args))
    return result.exit_code, result.stdout, result.stderr


def names(enum: type[formats.enum.Enum]) -> set[str]:
    return {member.value for member in enum}


def test_every_format_name_is_one_a_renderer_has() -> None:
    for table in (status.FORMATS, by_zone.FORMATS, period_matrix.FORMATS):
        assert set(table) == names(formats.StatusFormat)
    assert set(platforms.FORMATS) == names(formats.PlatformFormat)
    assert set(diff.FORMATS) == names(formats.DiffFormat)
    assert set(problems.FORMATS) == names(formats.CheckFormat) - {"auto"}
    assert set(exporting.RENDERERS) == names(formats.ExportFormat)
    assert names(formats.Language) == set(typing.get_args(Lang))


def test_the_cli_ignores_no_type() -> None:
    source = (ROOT / "src" / "hitrack" / "cli.py").read_text(encoding="utf-8")
    assert "type: ignore" not in source
    defined = {n.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ClassDef)}
    assert not defined & {"CheckFormat", "StatusFormat", "Language", "ExportFormat"}


@pytest.mark.parametrize("text", ["2019", "2020-Q2"])
def test_a_period_is_made_from_its_text(text: str) -> None:
    assert Period(text) == text
    assert isinstance(Period(text), str)


@pytest.mark.parametrize("text", ["2019\n", "２０１９", "2020-Q5", "19", ""])
def test_a_malformed_period_is_refused_when_made(text: str) -> None:
    with pytest.raises(ValueError, match="write a year"):
        Period(text)


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--as-of", "2019\n"],
        ["report", "--since", "2020-Q5"],
        ["export", "--template", "２０２０"],
        ["export", "--as-of", "x"],
        ["import", "sheet.csv", "--period", "2019-Q0"],
        ["site", "out", "--as-of", "2019\n"],  # site matched the start only before
    ],
)
def test_every_period_option_is_checked_at_the_edge(args: list[str], tmp_path: Path) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.startswith(f"hitrack: {args[-2]} {args[-1]!r}: write a year (2019)")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (
            ["--explain", "rd-spend", "--format", "json"],
            "--explain prints its steps as text, not as json; leave out --format",
            "--explain 只输出文字说明，不支持 --format json",
        ),
        (
            ["--explain", "rd-spend", "--by", "zone"],
            "--explain shows one target; it does not go with --by",
            "--explain 只说明一个目标，不能与 --by 同用",
        ),
        (
            ["--explain", "rd-spend", "--periods"],
            "--explain shows one target; it does not go with --periods",
            "--explain 只说明一个目标，不能与 --periods 同用",
        ),
        (
            ["--periods", "--by", "zone", "--format", "csv"],
            "--periods and --by zone do not go together",
            "--periods 与 --by zone 不能同用",
        ),
    ],
)
def test_an_option_the_output_does_not_honour_is_a_usage_error(
    args: list[str], en: str, zh: str
) -> None:
    for lang, words in (("en", en), ("zh", zh)):
        code, out, err = run("status", "--data", str(ROOT / "data"), "--lang", lang, *args)
        assert (code, out) == (2, ""), err
        assert err.startswith(f"hitrack: {words}")


def test_explain_in_its_one_format_still_explains() -> None:
    code, out, _ = run(
        "status", "--data", str(ROOT / "data"), "--explain", "rd-spend", "-f", "table"
    )
    assert code == 0
    assert out.startswith("rd-spend: ")


def test_the_cli_choices_are_the_models_vocabularies() -> None:
    from hitrack.commands.platforms import LEVELS
    from hitrack.commands.status import SORTS
    from hitrack.core import model

    assert set(LEVELS) == set(typing.get_args(model.Level))  # --level takes these or names
    assert names(cli.BuildStatus) == set(typing.get_args(model.BuildStatus))
    assert [k.value for k in cli.SortKey] == list(SORTS)
