"""Escaping of untrusted text (names, quotes, sources from data files) for each output.

One policy per destination, and every renderer uses the one of its destination:

| destination                       | function                        |
|-----------------------------------|---------------------------------|
| terminal, plain-text log          | `terminal`                      |
| Rich console (tables, status)     | `rich_text` (never markup)      |
| markdown (report, summaries)      | `markdown`                      |
| XML/HTML/SVG text and attributes  | `xml`                           |
| CSV cells                         | `spreadsheet`                   |
| xlsx text cells (typed as text)   | `xlsx`                          |
| GitHub Actions annotations        | `github_message`, `github_property` |
| JSON documents                    | `json_text`                     |

All of them share `_CONTROL`: C0 and C1 controls, DEL, the line and paragraph separators
and the bidi controls never reach any output raw. tests/test_hostile_output.py runs every
command in every format over the same hostile strings.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from hitrack.core import tokens

if TYPE_CHECKING:
    from rich.text import Text

# C0 and C1 controls, DEL, the Unicode line and paragraph separators (some viewers break
# lines there), and the controls that reorder or hide text (Trojan Source: bidi overrides
# and isolates; zero-width joiners are harmless and kept).
_CONTROL = re.compile(f"[{tokens.CONTROLS}]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    return f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}"


# CI runners read commands out of every log line: GitHub Actions takes `::name::` at the start
# of a line (after blanks) and the older `##[name]` anywhere in it, Azure Pipelines `##vso[`.
# Data must never spell one, so the second character of each opener is shown as an escape.
_CI_COMMAND = re.compile(r"#(?=#(?:vso)?\[)|^(\s*):(?=:)")
# What json.dumps leaves raw in a string: C0 controls it already escapes itself.
_JSON_RAW = re.compile(f"[{tokens.CONTROLS.removeprefix(chr(0) + '-' + chr(31))}]|#(?=#)")


def _ci_inert(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return match.group(1) + "\\x3a"
    return "\\x23"


def ci_inert(text: str) -> str:
    """Text that no CI runner reads as a command, wherever on a log line it is printed."""
    return _CI_COMMAND.sub(_ci_inert, text)


def terminal(text: str) -> str:
    """One line of plain text that cannot move the cursor, recolour, reorder the screen, or
    run a CI workflow command."""
    return ci_inert(_CONTROL.sub(_visible, text))


# Inline markup only: with [ and ] escaped, ( ) ! cannot form a link or an image.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)](?=\s|$))")
# `&` starts an entity only when a name or number and `;` follow.
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def markdown(text: str) -> str:
    """Text for a markdown table cell or paragraph: no HTML, no markup, one line."""
    text = terminal(text)
    text = _MD_ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # A heading, list, quote or rule marker would act when the text opens a line.
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    marker = match[2]
    return match[1] + (marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker)


def json_document(dumped: str) -> str:
    """A JSON text (from json.dumps) whose strings spell no raw control or bidi character and
    no CI command opener; it decodes to exactly the same values."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def json_text(document: Any) -> str:
    """The one way hitrack writes JSON: indented, UTF-8 readable, `json_document`-safe, with a
    final newline. Values are kept exactly; only their spelling in the text is escaped."""
    return json_document(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def rich_text(text: str, style: str = "") -> Text:
    """A Rich `Text` of untrusted text: never parsed as markup, controls made visible."""
    from rich.text import Text

    return Text(terminal(text), style=style)


_XML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
_XML_SPECIAL = re.compile("[&<>\"']")


def xml(text: str) -> str:
    """Text for an XML, HTML or SVG text node or quoted attribute."""
    return _XML_SPECIAL.sub(lambda m: _XML[m.group()], terminal(text))


def spreadsheet(text: str) -> str:
    """A CSV or xlsx text cell: controls visible (xlsx refuses most C0 characters outright)
    and never run as a formula by Excel, WPS or LibreOffice (CSV injection); plain numbers
    stay numbers."""
    text = terminal(text)
    if text[:1] in ("=", "+", "-", "@") and not tokens.PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def github_message(text: str) -> str:
    """Untrusted text as the message of a GitHub Actions annotation.

    Controls are made visible first, so a newline in data cannot become a line of the log
    (the runner writes an annotation's message back to the log unescaped).
    """
    return github_data(terminal(text))


def github_data(text: str) -> str:
    """The message part of a GitHub Actions workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value (file=, title=) of a GitHub Actions workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def xlsx(text: str) -> str:
    """An xlsx cell typed as text (so never a formula, and shown as written): controls made
    visible, since the format cannot hold most C0 characters (openpyxl refuses them)."""
    return terminal(text)
