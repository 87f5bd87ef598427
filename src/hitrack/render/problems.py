"""Renderers for `hitrack check`: text, json and GitHub annotations, by name in `FORMATS`."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from typing import Protocol

from hitrack.i18n import Lang, word
from hitrack.problems import Problem
from hitrack.render import escape

CHECK_SCHEMA = "hitrack.check/v1"


class ProblemFormat(Protocol):
    def render(self, problems: Sequence[Problem], files: int, lang: Lang) -> str: ...


def _summary(problems: Sequence[Problem], files: int, lang: Lang) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"{files} {word('files', lang)}: {word('no_problems', lang)}"
    if lang == "zh":
        return f"{len(problems)} {word('problems', lang)}（{errors} 个错误，{warnings} 个警告）"
    return f"{len(problems)} problems ({errors} errors, {warnings} warnings) in {files} files"


class TextFormat:
    """`file:line:col: severity: message [code]`, one per line, then a summary."""

    def render(self, problems: Sequence[Problem], files: int, lang: Lang) -> str:
        lines = [
            f"{escape.terminal(p.file)}:{p.line}:{p.col}: {p.severity}: "
            f"{escape.terminal(p.message)} [{p.code}]"
            for p in problems
        ]
        lines.append(_summary(problems, files, lang))
        return "\n".join(lines) + "\n"


class JsonFormat:
    """`{"schema": "hitrack.check/v1", "problems": [...], "summary": {...}}`."""

    def render(self, problems: Sequence[Problem], files: int, lang: Lang) -> str:
        errors = sum(p.severity == "error" for p in problems)
        document = {
            "schema": CHECK_SCHEMA,
            "problems": [
                {
                    "file": p.file,
                    "line": p.line,
                    "col": p.col,
                    "code": p.code,
                    "severity": p.severity,
                    "message": p.message,
                }
                for p in problems
            ],
            "summary": {"errors": errors, "warnings": len(problems) - errors, "files": files},
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class GithubFormat:
    """GitHub Actions annotations; data can never start a workflow command of its own.

    Messages are escaped as the runner expects, so a newline in data cannot begin a new
    line; the summary line is free text and goes between stop-commands markers.
    """

    def render(self, problems: Sequence[Problem], files: int, lang: Lang) -> str:
        lines = []
        for p in problems:
            props = [f"file={escape.github_property(p.file)}"]
            if p.line:
                props.append(f"line={p.line}")
                if p.col:
                    props.append(f"col={p.col}")
            props.append(f"title={escape.github_property(p.code)}")
            lines.append(f"::{p.severity} {','.join(props)}::{escape.github_data(p.message)}")
        token = secrets.token_hex(16)
        lines += [
            f"::stop-commands::{token}",
            escape.terminal(_summary(problems, files, lang)),
            f"::{token}::",
        ]
        return "\n".join(lines) + "\n"


FORMATS: dict[str, type[ProblemFormat]] = {
    "text": TextFormat,
    "json": JsonFormat,
    "github": GithubFormat,
}
