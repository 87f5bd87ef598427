"""Standard streams that never fail on a character their encoding lacks.

A piped or redirected Windows console in a Chinese locale encodes in GBK, which holds every
Chinese character hitrack prints but not its symbols (✔ ✘ ⚠ ░); an ASCII stream holds
neither. Instead of raising `UnicodeEncodeError`, such a stream writes the nearest symbol it
can encode, and a character with none as a `\\uXXXX` escape, so no value is lost. Kept tiny:
it runs before every command.
"""

from __future__ import annotations

import codecs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ERRORS = "hitrack-fallback"

#: For each symbol hitrack prints, stand-ins of the same width, best first; the first one the
#: stream's encoding holds is written. The last of each is ASCII.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "✔": ("√", "v"),
    "✓": ("√", "v"),
    "✘": ("×", "x"),
    "✗": ("×", "x"),
    "⚠": ("!",),
    "░": ("-",),
    "█": ("#",),
    "▸": (">",),
    "↗": ("/",),
    "↘": ("\\",),
    "→": ("->",),
    "²": ("2",),
    "µ": ("u",),
    "∅": ("-",),
    "∈": ("in",),
    "√": ("v",),
    "×": ("x",),
    "≥": (">=",),
    "≤": ("<=",),
    "≈": ("~",),
    "±": ("+/-",),
    "–": ("-",),
    "—": ("-",),
    "…": ("...",),
    "·": (".",),
    "“": ('"',),
    "”": ('"',),
    "‘": ("'",),
    "’": ("'",),
    # Rich's table rules and borders
    **dict.fromkeys("─━═", ("-",)),
    **dict.fromkeys("│┃║", ("|",)),
    **dict.fromkeys("┼╋┌┐└┘├┤┬┴╪╞╡╤╧┏┓┗┛┣┫┳┻", ("+",)),
}


def _stand_in(char: str, encoding: str) -> str:
    for candidate in FALLBACKS.get(char, ()):
        try:
            candidate.encode(encoding)
        except UnicodeEncodeError:
            continue
        return candidate
    return char.encode("ascii", "backslashreplace").decode("ascii")


def _fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    text = err.object[err.start : err.end]
    return "".join(_stand_in(char, err.encoding) for char in text), err.end


codecs.register_error(ERRORS, _fallback)


def fit(stream: Any) -> None:
    """Make `stream` write stand-ins instead of failing, unless the user chose an error mode."""
    if getattr(stream, "errors", None) != "strict":
        return
    try:  # noqa: SIM105 - contextlib is one more import on the replay path
        stream.reconfigure(errors=ERRORS)
    except (AttributeError, ValueError, OSError):  # not a TextIOWrapper, or closed
        pass


def encode(text: str, encoding: str) -> bytes:
    """`text` in `encoding` with the same stand-ins (for output written as bytes)."""
    return text.encode(encoding, ERRORS)
