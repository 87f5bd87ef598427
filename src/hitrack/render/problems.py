"""Renderers for `hitrack check`: text, json, GitHub annotations and a GitLab Code Quality
report, by name in `FORMATS`; and the markdown step summary for GitHub Actions."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from typing import Protocol

from hitrack.core.problems import Problem
from hitrack.i18n import Lang, pick, problem_code, said_in, word
from hitrack.render import escape

CHECK_SCHEMA = "hitrack.check/v1"


class ProblemFormat(Protocol):
    def render(self, problems: Sequence[Problem], files: int, lang: Lang) -> str: ...


def _summary(problems: Sequence[Problem], files: int, lang: Lang) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        read = pick(lang, f"{files} {word('files', lang)}", _count(files, "file"))
        return f"{read}: {word('no_problems', lang)}"
    chinese = f"{len(problems)} {word('problems', lang)}（{errors} 个错误，{warnings} 个警告）"
    counts = f"{_count(len(problems), 'problem')} ({_count(errors, 'error')}, "
    counts += f"{_count(warnings, 'warning')})"
    # No file was read when the data directory itself is wrong: no "in 0 files" then.
    return pick(lang, chinese, f"{counts} in {_count(files, 'file')}" if files else counts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class TextFormat:
    """`file:line:col: severity: message [code]`, one per line, then a summary; in Chinese
    the code says what it means (`[unknown-target：实际值引用了不存在的目标]`). The severity
    stays `error`/`warning`, the word editors and CI problem matchers look for."""

    def render(self, problems: Sequence[Problem], files: int, lang: Lang) -> str:
        lines = [
            f"{escape.terminal(p.file)}:{p.line}:{p.col}: {p.severity}: "
            f"{escape.terminal(said_in(p, lang))} [{problem_code(p.code, lang)}]"
            for p in problems
        ]
        lines.append(_summary(problems, files, lang))
        return "\n".join(lines) + "\n"


class JsonFormat:
    """`{"schema": "hitrack.check/v1", "problems": [...], "summary": {...}}`. Each
    problem's `message` is English whatever the language (what scripts match on); with
    `--lang zh` a problem also has `message_zh`, the same in Chinese."""

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
                    **pick(lang, {"message_zh": said_in(p, lang)}, {}),
                }
                for p in problems
            ],
            "summary": {"errors": errors, "warnings": len(problems) - errors, "files": files},
        }
        return escape.json_text(document)


#: GitHub shows this many annotations of each kind per step; the step summary has them all.
GITHUB_SHOWN = 10


class GithubFormat:
    """GitHub Actions annotations; data can never start a workflow command of its own.

    Messages and properties are escaped as the runner unescapes them; controls in data are
    made visible first, so no data ever reaches the log as a line of its own. Free text
    (the summary) goes between a random stop-commands token and its resume marker.
    """

    def render(self, problems: Sequence[Problem], files: int, lang: Lang) -> str:
        lines = [self.annotation(p, lang) for p in problems]
        token = secrets.token_hex(16)
        lines += [f"::stop-commands::{token}", escape.terminal(_summary(problems, files, lang))]
        counts = [sum(p.severity == s for p in problems) for s in ("error", "warning")]
        if max(counts) > GITHUB_SHOWN:
            lines.append(word("annotations_capped", lang))
        lines.append(f"::{token}::")
        return "\n".join(lines) + "\n"

    @staticmethod
    def annotation(p: Problem, lang: Lang = "en") -> str:
        props = [f"file={escape.github_property(escape.terminal(p.file))}"]
        if p.line:
            props.append(f"line={p.line}")
            # A problem spans one line; the runner drops col on multi-line spans anyway.
            if p.col:
                props.append(f"col={p.col}")
        title = problem_code(p.code, lang)
        props.append(f"title={escape.github_property(escape.terminal(title))}")
        return f"::{p.severity} {','.join(props)}::{escape.github_message(said_in(p, lang))}"


#: Code Quality severities: info, minor, major, critical, blocker.
GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


class GitlabFormat:
    """A GitLab Code Quality report (the CodeClimate subset GitLab reads), a JSON array.

    The fingerprint hashes file, code and message (and the rank among identical ones), not
    the line, so a problem that only moves is the same problem in the merge request widget.
    """

    def render(self, problems: Sequence[Problem], files: int, lang: Lang) -> str:
        seen: dict[tuple[str, str, str], int] = {}
        issues = []
        for p in problems:
            key = (p.file, p.code, p.message)
            seen[key] = seen.get(key, 0) + 1
            digest = hashlib.sha256("\0".join((*key, str(seen[key]))).encode("utf-8"))
            issues.append(
                {
                    "type": "issue",
                    "description": said_in(p, lang),
                    "check_name": p.code,
                    "categories": ["Bug Risk"],
                    "fingerprint": digest.hexdigest(),
                    "severity": GITLAB_SEVERITY[p.severity],
                    "location": {"path": p.file, "lines": {"begin": max(p.line, 1)}},
                }
            )
        return escape.json_text(issues)


#: GitHub refuses a step summary over 1 MiB; what the same step wrote before counts too.
SUMMARY_LIMIT = 1024 * 1024


def render_step_summary(
    problems: Sequence[Problem], files: int, lang: Lang, budget: int = SUMMARY_LIMIT
) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: every problem, within `budget` bytes (UTF-8).

    Rows are not padded (tabulate would pad every row to the longest message), and rows
    that would pass the budget are left out with a note saying how many.
    """
    heading = f"### hitrack check: {escape.markdown(_summary(problems, files, lang))}\n"
    if not problems:
        return heading
    keys = ("severity", "location", "code", "message")
    lines = [heading, _md_row([word(k, lang) for k in keys]), "|---|---|---|---|\n"]
    footer_room = 200
    used = sum(len(line.encode("utf-8")) for line in lines)
    for index, p in enumerate(problems):
        where = f"{p.file}:{p.line}:{p.col}"
        cells = [word(p.severity, lang), where, problem_code(p.code, lang), said_in(p, lang)]
        line = _md_row(cells)
        size = len(line.encode("utf-8"))
        if used + size + footer_room > budget:
            lines.append("\n" + word("summary_capped", lang).format(len(problems) - index) + "\n")
            break
        lines.append(line)
        used += size
    return "".join(lines)


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(escape.markdown(c) for c in cells) + " |\n"


FORMATS: dict[str, type[ProblemFormat]] = {
    "text": TextFormat,
    "json": JsonFormat,
    "github": GithubFormat,
    "gitlab": GitlabFormat,
}
