"""Escaping of untrusted text (names, quotes, sources from data files) for each output.

Every renderer passes data through one of these before it reaches a terminal, a markdown
document or a CI log. Tests feed the same hostile strings through all of them.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the Unicode controls that reorder or hide text (Trojan
# Source: bidi overrides and isolates; zero-width joiners are harmless and kept).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    return f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}"


def terminal(text: str) -> str:
    """One line of plain text that cannot move the cursor, recolour, or reorder the screen."""
    return _CONTROL.sub(_visible, text)


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


def github_data(text: str) -> str:
    """The message part of a GitHub Actions workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value (file=, title=) of a GitHub Actions workflow command."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")
