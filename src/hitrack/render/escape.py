"""Escaping of untrusted text (names, quotes, sources from data files) for each output.

Every renderer passes data through one of these before it reaches a terminal, a markdown
document or a CI log. Tests feed the same hostile strings through all of them.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators (some viewers break
# lines there), and the controls that reorder or hide text (Trojan Source: bidi overrides
# and isolates; zero-width joiners are harmless and kept).
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


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
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|#(?=#)")


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
