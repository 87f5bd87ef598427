"""`hitrack init DIR`: a new tracking repository from the templates in `hitrack/templates`.

The data skeleton passes `hitrack check` as written. Files are created exclusively (never
opened over an existing file, not even a dangling symbolic link), and the three data files
come as a group: an example actual next to someone's own targets.yaml would not check.
"""

from __future__ import annotations

import dataclasses
import datetime
from importlib import resources
from pathlib import Path

from hitrack import __version__
from hitrack.commands.common import Outcome
from hitrack.core.problems import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from hitrack.i18n import Lang, os_reason, word

#: (path in the new repository, template name); `{start}` is the first year of the plan.
FILES = (
    ("data/targets.yaml", "targets.yaml"),
    ("data/platforms.yaml", "platforms.yaml"),
    ("data/actuals/{start}.yaml", "actuals.yaml"),
    (".github/workflows/data-check.yml", "github-data-check.yml"),
    (".github/workflows/publish-site.yml", "github-publish-site.yml"),
    (".pre-commit-config.yaml", "pre-commit-config.yaml"),
    ("README.md", "README.md"),
)
DATA_GROUP = "data/"


@dataclasses.dataclass
class Scaffold:
    created: list[str] = dataclasses.field(default_factory=list)
    skipped: list[str] = dataclasses.field(default_factory=list)
    """Files that already existed (or belong to a data skeleton that already exists)."""


def render_template(name: str, start: int) -> str:
    text = (resources.files("hitrack") / "templates" / name).read_text(encoding="utf-8")
    values = {"start": str(start), "deadline": str(start + 2), "version": __version__}
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


#: The data files an editor validates as you type, with the schema of each (`schema/`).
SCHEMAS = (
    ("targets", "data/targets.yaml"),
    ("platforms", "data/platforms.yaml"),
    ("actuals", "data/actuals/*.yaml"),
)


def plan_files(start: int | None = None) -> list[tuple[str, str]]:
    """(relative path, content) of every file `init` writes; the plan starts this year."""
    year = start or datetime.date.today().year
    files = [(path.format(start=year), render_template(name, year)) for path, name in FILES]
    return files + editor_files()


def editor_files() -> list[tuple[str, str]]:
    """The JSON Schemas in schema/ (each data file's first line names its own, for the YAML
    language server) and .vscode/settings.json, which maps the data files to them."""
    import json

    from hitrack.commands.schema import schema

    files = [(f"schema/{which}.json", schema(which).stdout) for which, _ in SCHEMAS]
    settings = {
        "yaml.schemas": {f"./schema/{which}.json": glob for which, glob in SCHEMAS},
        "files.encoding": "utf8",
    }
    files.append((".vscode/settings.json", json.dumps(settings, indent=2) + "\n"))
    return files


def write_scaffold(root: Path, files: list[tuple[str, str]]) -> Scaffold:
    """Create each file that does not exist yet; OSError when one cannot be written."""
    result = Scaffold()
    data_exists = any(
        _taken(root / path) for path, _ in files if path.startswith(DATA_GROUP)
    ) or _taken(root / DATA_GROUP / "targets.yaml")
    for path, content in files:
        target = root / path
        if _taken(target) or (data_exists and path.startswith(DATA_GROUP)):
            result.skipped.append(path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        result.created.append(path)
    return result


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def init(directory: str, lang: Lang, start: int | None = None) -> Outcome:
    """Scaffold a tracking repository in `directory`; exit 0 when a file was created, 1 when
    every file already existed (nothing to do), 2 when one could not be written."""
    from pathlib import Path

    from hitrack.render import escape

    root = Path(directory)
    if root.exists() and not root.is_dir():
        message = "hitrack: init: " + word("init_not_a_dir", lang).format(path=repr(directory))
        return Outcome("", message, EXIT_USAGE)
    try:
        result = write_scaffold(root, plan_files(start))
    except OSError as err:
        where = escape.terminal(str(err.filename or directory))
        told = word("cannot_write_to", lang).format(
            path=where, reason=os_reason(err.strerror, lang)
        )
        return Outcome("", f"hitrack: init: {told}\n", EXIT_USAGE)
    shown = escape.terminal(str(root))
    lines = [f"{word('created', lang)}: {shown}/{path}" for path in result.created]
    lines += [f"{word('skipped_existing', lang)}: {shown}/{path}" for path in result.skipped]
    if result.created:
        lines.append(word("init_next", lang).format(escape.terminal(str(root / "data"))))
    code = EXIT_CLEAN if result.created else EXIT_FINDINGS
    return Outcome("\n".join(lines) + "\n", "", code)
