"""The documentation matches the program: commands, options and problem codes.

The problem-code table of docs/data-format.md is generated from `problems.CODES`:
`HITRACK_UPDATE_GOLDEN=1 python -m pytest tests/test_docs.py` rewrites it.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
import typer.main

from conftest import ROOT
from hitrack.cli import app
from hitrack.core.problems import CODES
from hitrack.i18n import PROBLEM_TITLES

README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA_FORMAT = ROOT / "docs" / "data-format.md"
CODES_HEADING = "## Problem codes"
CODES_INTRO = (
    "Every problem `hitrack check` reports carries one of these codes (defined, with the same\n"
    "words, in `src/hitrack/core/problems.py`; the Chinese in `src/hitrack/i18n.py`, shown by\n"
    "`check --lang zh`). Its message says what is allowed instead."
)


def commands() -> dict[str, Any]:
    group: Any = typer.main.get_command(app)
    return dict(group.commands)


COMMANDS = sorted(commands())


def section(name: str) -> str:
    """The README section of one command, up to the next heading."""
    match = re.search(rf"^### `hitrack {name}`\n(.*?)(?=^#)", README, re.M | re.S)
    assert match, f"README.md has no section ### `hitrack {name}`"
    return match.group(1)


def documented_options(name: str) -> set[str]:
    """The options of the README's usage block of a command."""
    block = re.search(r"```sh\n(.*?)```", section(name), re.S)
    assert block, f"the README section of {name} has no usage block"
    return set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", block.group(1)))


def cli_options(name: str) -> set[str]:
    found: set[str] = set()
    for param in commands()[name].params:
        found.update(param.opts)
        found.update(param.secondary_opts)
    return found - {"-h", "--help"}


def test_there_are_commands() -> None:
    assert {"check", "platforms", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = commands()[name]
    assert command.help and len(command.help.strip()) > 20
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"{name} {param.opts[0]} has no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme_table(name: str) -> None:
    assert re.search(rf"^\| `hitrack {name}` \| \S", README, re.M)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_a_readme_section(name: str) -> None:
    assert section(name).strip()


@pytest.mark.parametrize("name", COMMANDS)
def test_documented_options_exist(name: str) -> None:
    assert documented_options(name) - cli_options(name) == set()


@pytest.mark.parametrize("name", ["check", "platforms"])
def test_every_option_is_documented(name: str) -> None:
    # -d and -f are short forms of documented options.
    assert cli_options(name) - documented_options(name) - {"-d", "-f"} == set()


def codes_table() -> str:
    lines = ["| code | meaning | 含义 |", "|---|---|---|"]
    for code, meaning in CODES.items():
        escaped = meaning.replace("|", "\\|")
        chinese = PROBLEM_TITLES[code].replace("|", "\\|")
        lines.append(f"| `{code}` | {escaped} | {chinese} |")
    return "\n".join(lines)


def test_problem_codes_table_matches_codes() -> None:
    text = DATA_FORMAT.read_text(encoding="utf-8")
    expected = f"{CODES_HEADING}\n\n{CODES_INTRO}\n\n{codes_table()}\n"
    pattern = re.compile(rf"^{re.escape(CODES_HEADING)}\n.*?(?=^## |\Z)", re.M | re.S)
    if os.environ.get("HITRACK_UPDATE_GOLDEN") == "1":
        if pattern.search(text):
            text = pattern.sub(lambda _: expected + "\n", text).rstrip("\n") + "\n"
        else:
            text = text.rstrip("\n") + "\n\n" + expected
        DATA_FORMAT.write_text(text, encoding="utf-8")
    match = pattern.search(text)
    assert match, f"{DATA_FORMAT} has no {CODES_HEADING!r} section"
    assert match.group(0).rstrip("\n") + "\n" == expected


def test_every_code_is_documented() -> None:
    docs = DATA_FORMAT.read_text(encoding="utf-8") + README
    assert [code for code in CODES if f"`{code}`" not in docs] == []


def test_readme_links_to_the_codes() -> None:
    assert "docs/data-format.md#problem-codes" in README
