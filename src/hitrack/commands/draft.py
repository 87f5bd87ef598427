"""`hitrack draft`: a draft data directory from a plan document (the drafting itself is
`engine.draft`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hitrack.commands.common import (
    Outcome,
)
from hitrack.core.problems import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
)
from hitrack.i18n import Lang, os_reason, say, word

if TYPE_CHECKING:
    from pathlib import Path


def draft(plan: str, out: str, dry_run: bool, lang: Lang) -> Outcome:
    """`hitrack draft`: write (or with `dry_run` print) a draft data directory."""
    from hitrack.engine import draft as drafting
    from hitrack.render import escape

    try:
        result = drafting.draft_plan(drafting.load_document(Path(plan)))
    except drafting.DraftError as err:
        told = say(err.args[0] if err.args else str(err), lang)
        return Outcome("", f"hitrack: draft: {escape.terminal(told)}\n", EXIT_USAGE)
    files = drafting.draft_files(result)
    root = Path(out)
    summary = word("draft_summary", lang).format(
        targets=len(result.targets),
        review=sum(1 for t in result.targets if t.review),
        skipped=len(result.skipped),
    )
    if dry_run:
        shown = [f"==> {escape.terminal(str(root / name))} <==\n{body}" for name, body in files[:1]]
        shown += [f"==> {escape.terminal(str(root / name))} <==" for name, _ in files[1:]]
        return Outcome("\n".join([*shown, summary]) + "\n", "", EXIT_CLEAN)
    taken = [name for name, _ in files if (root / name).exists() or (root / name).is_symlink()]
    if taken:
        lines = [
            f"{word('skipped_existing', lang)}: {escape.terminal(str(root / n))}" for n in taken
        ]
        return Outcome("\n".join(lines) + "\n", word("draft_exists", lang) + "\n", EXIT_FINDINGS)
    try:
        for name, body in files:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as stream:
                stream.write(body)
    except OSError as err:
        where = escape.terminal(str(err.filename or out))
        told = word("cannot_write_to", lang).format(
            path=where, reason=os_reason(err.strerror, lang)
        )
        return Outcome("", f"hitrack: draft: {told}\n", EXIT_USAGE)
    lines = [f"{word('created', lang)}: {escape.terminal(str(root / n))}" for n, _ in files]
    lines.append(summary)
    lines.append(word("draft_next", lang).format(escape.terminal(str(root))))
    return Outcome("\n".join(lines) + "\n", "", EXIT_CLEAN)
