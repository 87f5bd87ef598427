"""Problems found in data files, as values with a location, and the exit-code policy.

Every problem code is a stable kebab-case id. The table below is the reference: tests walk
`CODES` to make sure every code has a failing fixture under ``tests/fixtures/invalid``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Literal

Severity = Literal["error", "warning"]

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

#: code -> what it means. The message of each problem says what is allowed instead.
CODES: dict[str, str] = {
    # reading files
    "file-missing": "a required file (targets.yaml) is not there",
    "file-unreadable": "the file cannot be read (permissions, or it is not a regular file)",
    "file-too-large": "the file is over the size cap, or holds more lines or rows than one "
    "file may",
    "outside-data-dir": "a symbolic link points outside the data directory",
    "encoding": "the file is not UTF-8 (GBK, UTF-16 and binary files are refused)",
    # YAML
    "yaml-syntax": "the YAML cannot be parsed",
    "empty-file": "the file holds no YAML document",
    "multiple-documents": "the file holds more than one YAML document",
    "not-a-mapping": "the top of the file (or a record) is not a mapping",
    "too-deep": "the YAML nests deeper than any hitrack file needs",
    "duplicate-key": "a key appears twice in one mapping",
    "yaml-alias": "anchors and aliases are refused (they hide data and allow alias bombs)",
    "yaml-merge-key": "merge keys (<<) are refused",
    "yaml-tag": "explicit YAML tags (!!python/..., !foo) are refused",
    "full-width-character": "a full-width colon, comma, space or digit where YAML needs the "
    "ASCII one (a Chinese input method in full-width mode)",
    "ambiguous-number": "a number with a leading zero, which YAML 1.1 reads as octal",
    "csv-syntax": "a CSV actuals row cannot be read (its cell count differs from the header's)",
    # schema (field by field)
    "missing-field": "a required field is missing",
    "unknown-field": "a field that the schema does not have",
    "wrong-type": "a field has the wrong type (a string where a number belongs, ...)",
    "invalid-choice": "a field's value is not one of the allowed codes",
    "invalid-value": "a field's value is out of range or malformed",
    "invalid-id": "an id is not kebab-case",
    "invalid-period": "a period is not a year (2019) or a quarter (2020-Q2)",
    "unknown-unit": "a unit neither hitrack nor the plan (plan.units) knows",
    "not-a-number": "a number was written as text (quoted, or in Chinese numerals)",
    "not-finite": "NaN or infinity where a number belongs",
    "hidden-character": "a name, note or quote holds a control, bidi or invisible character",
    # cross-field and cross-file rules (checks.py)
    "duplicate-id": "two targets, platforms, categories, sections or zones share an id",
    "target-fields": "a target lacks a field its kind or comparator needs, or has one it must not",
    "unit-mismatch": "a unit that cannot be converted to the target's unit",
    "unit-declaration": (
        "a unit of plan.units is declared twice, redefines a built-in unit, or is not exactly "
        "one of a new dimension, a counting word or a multiple of a known unit"
    ),
    "unknown-target": "an actual value names a target that does not exist",
    "unknown-zone": "a zone that the plan does not list",
    "unknown-reference": "a target's `against` names no series of `references`",
    "unknown-owner": "a target's owner that plan.owners does not list",
    "unknown-section": "a target's section that plan.sections does not list",
    "owner-not-in-quote": "an owner's name is not in the target's owners_quote",
    "unknown-category": "a platform category that platforms.yaml does not define",
    "platform-fields": "a platform's designation date lacks its source, or a source has no date",
    "duplicate-period": "two actuals files report the same period",
    "period-mismatch": "an actuals file's period differs from its file name",
    "period-out-of-range": "a period outside the plan window",
    "plan-window": "the plan's start is after its deadline, or a target's start or deadline is "
    "outside it (or its start after its deadline)",
    "duplicate-actual": "one period reports the same target (and zone) twice",
    "actual-fields": "an actual value lacks the fields its target's kind needs",
    "negative-value": "a negative count or amount",
    "register-count": "the register disagrees with a count its source declares",
    "number-not-in-quote": "a target's number cannot be found in its source quote",
    "quote-disagrees": "a target's comparator, unit or kind contradicts the words of its quote "
    "(突破 read as lt, 亿元 written as 万元); a warning where it reads more than the quote "
    "states (达到 alone, a bare number) and records no reading",
    "quote-not-in-source": "a quote is not in the plan's source document (plan.source)",
    "source-untraced": "the plan's source document cannot be traced: missing, not UTF-8, "
    "unreadable, or so repetitive that tracing stopped at its work budget (a warning)",
    "source-refused": "the source document is not a regular file inside the data directory "
    "(a symbolic link, FIFO or device on the way) or is over the size cap",
    "source-changed": "the source document's SHA-256 differs from plan.source_sha256",
    "plan-changed": "compared with the base (`check --base`), the change edits the plan "
    "(targets, thresholds, platforms, source), not only the data (a warning)",
    "no-register": "a register target but no platforms.yaml",
    # plausibility (plausible.py): warnings, silenced by a value's `confirmed`
    "unit-scale": "a value about 10,000 or 100,000,000 times off its other periods or its "
    "target: a 万/亿 slip (a warning)",
    "percent-as-fraction": "a percentage written as a fraction, 0.368 for 36.8% (a warning)",
    "share-over-100": "a share (a ratio target) over 100% (a warning)",
    "fractional-count": "a count that is not a whole number, 47.5家 (a warning)",
    "implausible-jump": "a value more than plausibility.jump times off its other periods "
    "(a warning)",
    "ytd-decrease": "a year-to-date amount that falls from one period to a later one of the "
    "same year (a warning)",
    "date-in-future": "a reported date or a milestone's date after today (a warning)",
    "reported-early": "a value reported on or before the last day of its period (a warning)",
    "unread-file": "a file in actuals/ that hitrack does not read (a warning: not .yaml or .csv)",
}


#: message key -> the English template of a problem's message, with `{named}` parameters.
#: A message built with `said` carries its key and parameters, so that `i18n` can say it in
#: Chinese (`i18n.PROBLEM_MESSAGES` pairs each template with its Chinese); `Problem.message`
#: stays this English text, the one `check --format json` and CI consumers read.
MESSAGES: dict[str, str] = {
    "unit-undeclared": (
        "unknown unit {text}; use one of {known}, or declare it in plan.units (a new "
        "`dimension`, `count: true`, or `equals: {{value, unit}}` of a known unit)"
    ),
    "unit-one-way": (
        "a declared unit is exactly one of: a new `dimension` (件/万人), a counting word "
        "(`count: true`: 所, 台套) or a multiple of a known unit (`equals: {{value, unit}}`)"
    ),
    "unit-builtin": (
        "{symbol} is a unit hitrack knows; a plan may only declare a built-in counting word "
        "equal to another (个 as 家: `equals: {{value: 1, unit: 家}}`)"
    ),
    "unit-twice": "{symbol} is declared twice",
    "unit-equals-unknown": (
        "{unit} is not a unit known here: `equals` names a built-in unit or one declared above "
        "this one"
    ),
    "unit-equals-positive": "`equals.value` must be above zero",
    "unit-dimension-taken": (
        "dimension {dimension} already has its unit; declare this one as `equals: {{value, "
        "unit}}` of it"
    ),
    "register-level-both": (
        "give `level` (exactly this level) or `min_level` (this level or above), not both"
    ),
    "register-min-unspecified": (
        "`min_level` orders national > provincial > municipal; unspecified has no rank"
    ),
    "register-new-undated": (
        "the target counts platforms new in its window (`new: true`), but {count} matching "
        "platforms have no `designated` date: {ids}; give each its date of designation and its "
        "source"
    ),
    "platform-no-source": (
        "{id}: a `designated` date needs `designated_source` (the notice of designation or its "
        "document number), or `sample: true` for an illustrative date"
    ),
    "platform-no-date": (
        "{id}: `designated_source` cites the date in `designated`; give it (YYYY-MM-DD)"
    ),
    "against-kind": "a {kind} target cannot be compared `against` a reference; {which} can",
    "against-comparator": (
        "a target `against` a reference compares with gt, gte, lt or lte (高于: gt, 不低于: gte)"
    ),
    "against-field": (
        "a target `against` a reference takes its level from the reference, not `{name}`; give "
        "how far above or below it as `margin`"
    ),
    "against-margin-negative": "`margin` must not be negative: the comparator says which way",
    "against-unit": (
        "reference {id} is in {unit}, which cannot convert to the target's {target_unit}"
    ),
    "margin-without-against": "`margin` belongs to targets compared `against` a reference",
    "reference-unknown": "reference {name} is not in `references`; known: {known}",
    "reference-none": "reference {name} is not in `references`: targets.yaml lists none",
    "reference-is-target": (
        "reference id {id} is also a target's; the values of both would share it"
    ),
    "more-like-this": "and {count} more like this ({code})",
    # reading files
    "file-missing": "no targets.yaml in the data directory; create it (see `hitrack init`)",
    "outside-data-dir": "the file is a symbolic link (or lies in a linked folder) pointing "
    "outside the data directory; copy the file in instead",
    "not-a-file": "a directory; it must be a data file",
    "not-regular": "not a regular file; it must be a data file",
    "link-loop": "a symbolic link that loops; remove it",
    "cannot-read": "cannot read the file: {reason}",
    "file-too-large": "the file is {size} bytes; the cap is {cap} (split it, or use a "
    "CSV actuals file for bulk data)",
    "utf-16": "the file is UTF-16; save it as UTF-8 (in Excel/WPS: 'CSV UTF-8')",
    "nul-bytes": "the file holds NUL bytes: it is binary, not YAML text",
    "not-utf-8": "it is not UTF-8; save the file as UTF-8",
    "gbk": "it looks like GBK/GB18030; save the file as UTF-8",
    # YAML
    "yaml-alias": "anchors and aliases (&name, *name) are not allowed; write the value out",
    "key-not-text": "keys must be plain text",
    "yaml-merge-key": "merge keys (<<) are not allowed; write the keys out",
    "yaml-tag": "YAML tags such as {tag} are not allowed; remove it",
    "multiple-documents": "the file holds more than one YAML document (---); keep one",
    "empty-file": "the file is empty; it must hold a YAML mapping",
    "null-file": "the file holds only null; it must hold a mapping",
    "control-character": "YAML syntax: the control character {char} is not allowed; remove it",
    "yaml-syntax": "YAML syntax: {detail}",
    "duplicate-key": "duplicate key {key} (first at line {line}); keep one of them",
    "ambiguous-number": "{text} has a leading zero, which YAML 1.1 reads as octal; write "
    "{meant} or quote it",
    "full-width-colon": "a full-width colon '：' (U+FF1A) after {key}: YAML needs the ASCII "
    "colon and a space; type `{typed}: ` with the input method in half-width (English) mode / "
    "全角冒号“：”：请改为半角冒号“:”加空格",
    "full-width-comma": "a full-width comma '，' (U+FF0C) between fields: YAML needs the ASCII "
    "comma; type ', ' / 全角逗号“，”：请改为半角逗号“,”",
    "full-width-space": "an ideographic (full-width) space U+3000: YAML reads it as text, not "
    "as space; type an ordinary space / 全角空格：请改为半角空格",
    "full-width-yaml-digits": "full-width digits {text}: YAML reads them as text, not as a "
    "number; type {meant} / 全角数字“{written}”：请改为半角数字 {meant}",
    "too-deep": "the YAML nests deeper than {depth} levels; no hitrack file does",
    # fields (validation.py; `field:` before a key puts `{field}: ` before its template)
    "missing-field": "{field}: this required field is missing",
    "unknown-field": "{field}: unknown field; remove it",
    "unknown-field-suggest": "{field}: unknown field; did you mean {suggestion}?",
    "not-a-mapping": "{field}: expected a mapping of `key: value` lines",
    "file-not-a-mapping": "the file: expected a mapping of `key: value` lines",
    "invalid-choice": "{field} must be one of {expected}; got {got}",
    "wrong-type": "{field}: {msg}, got {got}",
    "invalid-value": "{field}: {msg}",
    # values (model.py)
    "expected-number": "expected a number, got {got}",
    "not-finite": "NaN and infinity are not allowed; write a number",
    "number-too-large": "{number} is too large (at most 18 digits)",
    "too-many-decimals": "{number} has more than 18 decimal places",
    "expected-count": "expected a whole number >= 0, got {got}",
    "expected-text": "expected text, got {got}; quote it",
    "empty-text": "must not be empty",
    "text-too-long": "is {length} characters long; at most {limit}",
    "invalid-id": "{text} is not a kebab-case id: use a-z, 0-9 and single hyphens (rd-spend)",
    "invalid-period": '{text} is not a period: write a year ("2019") or a quarter ("2020-Q2")',
    "expected-unit": "expected a unit as text, got {got}",
    "unknown-unit": "unknown unit {text}; use one of {known}",
    "expected-flag": "expected true or false, got {got}",
    "expected-date": "expected a date as YYYY-MM-DD, got {got}",
    "full-width-digits": "expected a number, got the full-width digits {text}: type {meant} in "
    "half-width digits, without quotes / 全角数字：请改为半角数字",
    "quoted-number": "expected a number, got the text {text}: remove the quotes",
    "number-with-unit": "expected a number, got {text}: write `value: {number}` and `unit: {unit}`",
    "chinese-numeral": "expected a number, got the Chinese numeral {text}: write {number}",
    "thousands-separator": "expected a number, got {text}: write it without thousands "
    "separators or quotes",
    "hidden-character": "character {at} is {what}; such characters hide or reorder text in "
    "review and in output: delete it (retype the text if unsure where it is)",
    # CSV (load/tabular.py)
    "csv-empty": "the file is empty; it must start with the header {header}",
    "column-twice": "column {column} appears twice",
    "unknown-column-suggest": "unknown column {column}; did you mean {suggestion}?",
    "unknown-csv-column": "unknown column {column}; columns: {known}",
    "csv-error": "CSV: {detail}",
    "csv-error-rest": "CSV: {detail}; the rows after it were not read",
    "row-width": "the row has {cells} cells but the header has {header}; quote cells that "
    "contain commas",
    "header-lacks": "the header lacks the column {column}; it needs {header}",
    # cross-field and cross-file rules (engine/checks.py)
    "duplicate-id": "{what} id {id} is used twice (first at line {line}); ids must be unique",
    "unknown-owner": "owner {id} is not in plan.owners; known: {known}",
    "unknown-section": "section {id} is not in plan.sections; known: {known}",
    "unknown-zone": "zone {id} is not in plan.zones; known: {known}",
    "unknown-zone-none": "zone {id} is not in plan.zones (the plan has no zones)",
    "unknown-zone-platform": "zone {id} is not in plan.zones",
    "number-not-in-quote": "{field} {number} is not in the quote {quote}; "
    "copy the sentence that states it",
    "path-not-in-quote": "path {field} {number} ({period}: {value}) is not in the quote "
    "{quote}; copy the sentence that states each interim value with its year",
    "stated-not-in-quote": "stated level {number} is not in the quote {quote}; "
    "copy the sentence that states it",
    "baseline-not-in-quote": "baseline value {number} is not in the quote {quote}",
    "count-not-in-quote": "count {number} is not in the quote {quote}",
    "quote-differs": "the quote is not in the source {source} (compared without whitespace): "
    "it matches up to {matched}, then differs at {differs}; copy the words exactly from the "
    "source",
    "quote-not-in-source": "the quote is not in the source {source} (compared without "
    "whitespace): not even its first character is there; copy the words exactly from the source",
    "quote-not-found": "the quote is not in the source {source} (compared without "
    "whitespace); copy the words exactly from the source",
    "no-register": "a register target needs a platforms.yaml in the data directory",
    "source-is-a-path": "plan.source {source} must be a file name in sources/, not a path",
    "source-refused": "plan.source {source}: {why}; nothing is traced",
    "source-changed": "sources/{source} has SHA-256 {sha256}, not the {pinned} the plan pins: "
    "the document was edited, re-encoded or swapped; if that is intended, check every quote "
    "against it and update plan.source_sha256",
    "source-untraced": "the quotes cannot be traced to {source}: {why}; keep the plan's source "
    "document in sources/ as UTF-8 text (or remove plan.source)",
    "tracing-stopped": "quote tracing stopped: sources/{source} repeats a few characters so "
    "often that tracing its {count} quotes would take more than {budget} steps, and some are "
    "not traced; keep only the plan's own text in the document",
    # why a source document is not traced (load/source.py)
    "source-not-a-file-name": "plan.source is not a file name",
    "source-not-utf-8": "it is not UTF-8; save it as UTF-8",
    "source-nul-bytes": "it holds NUL bytes: it is not text",
    "source-not-found": "not found in {folder}/ of the data directory",
    "source-over-cap": "it is over {mb} MB",
    "source-dir-unreadable": "the data directory cannot be read: {reason}",
    "source-step-unreadable": "{path} cannot be read: {reason}",
    "source-link": "{path} is a symbolic link; the source document must be a regular file "
    "inside the data directory: copy it in",
    "source-not-a-folder": "{path} is not a folder",
    "source-not-regular": "it is not a regular file (a folder, FIFO, device or socket); the "
    "source document must be a text file",
    "source-unreadable": "it cannot be read: {reason}",
    "source-swapped": "it changed while it was read; run the check again",
    "unknown-category": "category {id} is not defined in platforms.yaml; known: {known}",
    "period-mismatch": "period {period} differs from the file name {stem}; rename the file "
    "to {period}.yaml or fix the period",
    "duplicate-period": "period {period} is also reported in {file}; merge the two files",
    "period-out-of-range": "period {period} is outside the plan window {start}..{deadline}",
    "unknown-target": "no target has the id {id}",
    "unknown-target-suggest": "no target has the id {id}; did you mean {suggestion}?",
    "duplicate-actual": "{target} is reported twice for {period}; keep one value",
    "counted-value": "{target} is counted from platforms.yaml; remove this value",
    "milestone-needs-done": "{target} is a milestone: report `done: true|false`",
    "milestone-number": "{target} is a milestone: report `done`, not a number",
    "not-a-milestone": "{target} is not a milestone: report `value` and `unit`",
    "parts-not-a-share": "numerator/denominator belong to ratio targets (and to relative "
    "targets of a share, whose baseline is in %)",
    "value-or-parts": "report either `value` or both `numerator` and `denominator`",
    "value-needs-unit": "{target} needs `value` and `unit`",
    "each-zone": "{target} applies to each zone; give the value's `zone`",
    "other-zone": "{target} belongs to zone {zone}; this value names {named}",
    "plan-start-late": "plan.start {start} is after plan.deadline {deadline}",
    "deadline-outside": "deadline {period} is outside the plan window {start}..{deadline}",
    "start-outside": "start {period} is outside the plan window {start}..{deadline}",
    "start-late": "start {period} is after the target's deadline {deadline}",
    "path-outside": "path period {period} is not inside the target's window {start}..{deadline}: "
    "an interim value falls after the start and before the deadline (the deadline's value is "
    "`value`)",
    "category-not-listed": "category {id} is not one of the categories: {known}",
    "register-count": "{title} declares {count} but the register lists {listed} matching "
    "platforms; add or re-categorise platforms",
    "unit-mismatch": "{unit} cannot be converted to {allowed} ({target})",
    "parts-not-divisible": "numerator in {numerator} and denominator in {denominator} cannot "
    "be divided",
    "negative-value": "{value} {unit}: a count or amount cannot be negative",
    "owner-not-in-quote": "owner {name} ({id}) is not named in the owners_quote {quote}; copy "
    "the words that name it",
    "unread-file": "hitrack reads only .yaml, .yml and .csv files here; bring a sheet in with "
    "`hitrack import`, or move the file out of actuals/",
    "actuals-not-a-folder": "actuals must be a folder of actuals files, not a file",
    # a target's fields (engine/checks.py, target-fields)
    "kind-needs": "a {kind} target needs `{name}`",
    "kind-needs-baseline": "a {kind} target needs `{name}` (the base-period value it is "
    "measured from: `baseline: {{value, period, unit, quote}}` where the plan states it, else "
    "with `source`, `issuer`, `year` and `page` or `url` of the statistical bulletin or "
    "yearbook it comes from)",
    "kind-refuses": "a {kind} target must not have `{name}`",
    "kind-unit": "a {kind} target is measured in {unit}, not {written}",
    "register-unit": "a register target counts platforms; use a counting unit, not {unit}",
    "between-needs-range": "a `between` target needs `low` and `high`",
    "low-above-high": "low {low} is above high {high}",
    "between-has-value": "a `between` target uses `low` and `high`, not `value`",
    "between-needs-upper-binds": "a `between` target needs `upper_binds`: true when the upper "
    "end is a ceiling (聚焦1-2个: a third is a miss), false when it may be exceeded (突破3-5项)",
    "comparator-needs-value": "a `{comparator}` target needs `value`",
    "between-only": "`{name}` belongs to `between` targets only",
    "approx-needs-tolerance": "an `approx` target needs `tolerance` (how far from value still "
    "counts)",
    "approx-only": "`tolerance` belongs to `approx` targets only",
    "negative-tolerance": "tolerance must not be negative",
    "baseline-unit": "baseline unit {unit} cannot convert to {target_unit}",
    "relative-baseline-unit": "a relative target's baseline needs `unit`",
    "against-no-path": "a target `against` a reference series is judged in the latest period "
    "both report: it takes no `path` or `every_period`",
    "every-period-only": "`every_period` (held every year) belongs to {holding} targets; a "
    "{kind} target is judged on its window as a whole",
    "flow-only": "`flow` belongs to {flows} targets; a {kind} target cannot have it",
    "reading-needs-note": "a target marked `reading: true` needs a `note` saying what was read",
    "one-zone-and-each": "a target of one zone cannot also apply to each zone (zone_scope: each)",
    "each-needs-zones": "zone_scope `each` needs plan.zones",
    "baseline-cites-without-source": "`baseline.{name}` describes the baseline's `source`: give "
    "`source` (the bulletin's or yearbook's title) too",
    "baseline-source-incomplete": "a baseline the plan does not state is shown with its source: "
    "add {fields} (who published it, when, and where the figure stands), or mark an "
    "illustrative figure `sample: true`",
    "stated-comparator": "a stated level needs the target's comparator to be gt, gte, lt or lte",
    "stated-other-way": "the stated level ({stated}) goes the other way from the target "
    "({comparator}): both conditions must point the same way",
    "stated-unit": "the stated level's unit {unit} cannot convert to the baseline's "
    "{baseline_unit}",
    "owner-twice": "owner {id} is listed twice",
    "too-many-items": "the file has {count} lines and list items, over the {limit} hitrack "
    "reads from one file; split it (one file per period)",
    "too-many-rows": "the file has {count} rows, over the {limit} hitrack reads from one file; "
    "split it (one file per period)",
    "git-missing": "git is not installed or not on PATH",
    "git-said": "{detail}",
    "git-failed": "git {command} failed",
    "git-not-a-repo": "{start} is not inside a git repository that git will read ({err}); "
    "give BASE and HEAD as two directories",
    "git-bad-revision": "{revision} is not a revision name",
    "git-unknown-revision": "unknown revision {revision} (try `git log --oneline`)",
    "git-no-default-branch": "no default branch (origin/HEAD, main or master) to compare with; "
    "name BASE, e.g. `hitrack diff HEAD~1`",
    "git-outside": "the data directory {data} is outside the git repository {repo}",
    "git-no-data-dir": "there is no {where} at {commit}: nothing to compare with",
    "git-not-a-folder": "there is no {where} at {commit}: it is a {found}, not a folder",
    "plan-changed": "this change edits the plan, not only the data: {what} (compared with "
    "{label}); review it against the plan's source document",
    "plan-changed-new": "the base has no data directory: all of it is new",
    "plan-changed-unreadable": "the base {label} cannot be read to compare",
    "plan-changed-fields": "plan fields {fields} differ",
    "plan-changed-target": "{n} target added, changed or removed ({shown})",
    "plan-changed-targets": "{n} targets added, changed or removed ({shown})",
    "plan-changed-targets-more": "{n} targets added, changed or removed ({shown} and {more} more)",
    "plan-changed-platforms": "{n} records of the platform register added, changed or removed",
    "plan-changed-source": "the source document differs ({before} → {after})",
    "direction-kind": "`{comparator}` (direction only) belongs to {kinds} targets; a {kind} "
    "target needs a value to reach",
    "direction-no-number": "a `{comparator}` target is judged on its direction alone and has "
    "no `{name}`; a plan that states a number to reach wants gt, gte, lt or lte",
    "direction-no-path": "a `{comparator}` target has no value to trace a path to",
    "path-kind": "`path` (interim values) belongs to {kinds} targets; a {kind} target cannot "
    "have it",
    "path-between": "a `between` target has no single value to trace a path to",
    "path-order": "path period {period} does not come after {before}: list the interim values "
    "in period order, one per period",
    "no-lead-owner": "the owners name no lead department: mark the one the plan says leads "
    "(牵头) `role: lead`",
    "owners-quote-without-owners": "`owners_quote` quotes the owners: list them in `owners`",
    # a target against its quote (engine/phrases.py, quote-disagrees)
    "quote-unit-scale": "the quote says {words} ({numbers} {unit}), so the unit is {unit}; "
    "the file says {written}, a different scale: write unit: {unit}",
    "quote-unit": "the quote says {words}, so the unit is {unit}; the file says {written}",
    "quote-bare-level": "the quote states a bare {words}, a level to reach; the file says "
    "{written}",
    "quote-bare-number": "the quote states a bare {words} with no comparator word; the file "
    "reads it as {written}: record the reading (reading: true and a note)",
    "quote-comparator-unstated": "the quote says {words} ({gloss}) alone, which reads as {read} "
    "but does not state it: record the reading (reading: true and a note)",
    "quote-comparator": "the quote says {words} ({gloss}), so the comparator is {read}; the "
    "file says {written}",
    "quote-kind": "the quote says {words}, so the kind is {read}; the file says {written}",
    "quote-no-growth": "the quote has no growth words (年均增长, 增速, 增长) before {words}; the "
    "file says growth, the quote reads as {read}",
    "quote-share": "the quote says {words} (a share), so the kind is ratio; the file says "
    "{written}",
    "quote-cumulative": "the quote says {words} (a count over the window), which reads as "
    "cumulative; the file says level: record the reading (reading: true and a note)",
    # plausibility (engine/plausible.py)
    "done-in-future": "{target} is done on {date}, which is after today ({today}); report the "
    "date it was done, or `done: false` until it is",
    "reported-in-future": "reported on {date}, which is after today ({today}); write the date "
    "the figures were published (a typo in the year?)",
    "reported-early": "reported on {date}, but the period ends on {end}: figures for a period "
    "are published after it ends; check the year and the period",
    "fractional-count": "{number} {unit}: a count is a whole number; did you mean {low} or "
    "{high}? (add `confirmed: why` if the figure is an average)",
    "share-over-100": "{number}%: a share ({target}) cannot be over 100%; check the figure "
    "(a count or an amount in the share's column?)",
    "unit-scale": "did you mean {meant} {unit}? {shown} is {times} {against} (add "
    "`confirmed: why` if it is right)",
    "unit-scale-hint": "did you mean {meant} {unit}? {shown} is {times} {against}; or keep the "
    "number and write `unit: {other}` (add `confirmed: why` if it is right)",
    "percent-as-fraction": "did you mean {meant}%? {shown} looks like a fraction written for a "
    "percentage ({against} is about 100 times as large)",
    "implausible-jump": "{shown} is {size} {against}, beyond plausibility.jump ({jump}); check "
    "the figure and its unit, or add `confirmed: why` to the value",
    "times": "{n} times",
    "times-less": "a {n}th of",
    "fraction-of": "1/{n} of",
    "against-period": "the {period} value ({value} {unit})",
    "against-median": "the median of its other periods ({periods})",
    "against-target": "the target",
    "ytd-decrease": "{target} is reported year to date: {after} in {later} is less than "
    "{before} in {earlier} of the same year; a year-to-date amount cannot fall (is one of them "
    "a single quarter's figure?)",
    # the data directory and options (usage errors, exit 2)
    "not-a-directory": "{what}: {path} is not a directory",
    "max-bytes": "HITRACK_MAX_BYTES: {text} is not a positive number of bytes",
    "no-data-dir": "no ./data directory here; name the data directory with --data",
    "side-not-a-directory": "{path} is not a directory",
    "dir-or-revision": "{path} is both a directory and a git revision; write ./{name} for "
    "the directory, or pass --rev to read BASE and HEAD as revisions only",
    "bad-period-option": "{option} {value}: write a year (2019) or a quarter (2020-Q2)",
    "bad-date-option": "{option} {value}: write a date as YYYY-MM-DD",
    # a plan document to draft from (engine/draft.py)
    "draft-cannot-read": "cannot read {path}: {reason}",
    "draft-too-large": "{path} is over {mb} MB; split the document",
    "draft-encoding": "{path} is neither UTF-8 nor GBK text (a .doc or PDF?); save it as .docx "
    "or .txt",
    "draft-xml-too-large": "{path}: word/document.xml is too large",
    "draft-not-docx": "{path} is not a readable .docx (no word/document.xml)",
    "draft-dtd": "{path}: the document declares a DTD or entities; refused",
    "draft-bad-xml": "{path}: word/document.xml is not well-formed XML ({detail})",
    # the site's directory (commands/site.py)
    "site-link": "{path} is a symbolic link; give the directory itself",
    "site-not-a-dir": "{path} exists and is not a directory",
    "site-not-ours": "{path} is not empty and holds no site built by hitrack (no {marker}); "
    "choose a new or empty directory, or empty this one first",
    "site-marker-not-regular": "{path} is not a regular file; remove it or choose another "
    "directory",
    "site-folder-not-dir": "{path} is not a directory (a link or a file); remove it",
    "site-file-not-regular": "{path} is not a regular file (a link?); remove it",
    # sheets (interchange/importing.py)
    "no-header": "found no header row (a column 指标/名称 or 编号/id and a column 数值/本期) and "
    "no row of target names; add a header row or say which header is which with --map",
    "unknown-row": "{label} is not a target, an alias (targets.yaml `aliases`) or a label of "
    "--map; map it to a target id or to null, or delete the row",
    "unknown-column": "column {label} is not a target or an alias; map it to a target id or to "
    "null with --map, or delete the column",
    "ambiguous-name": "{label} matches the targets {ids}; use the id",
    "sheet-period": "{text} is not a period; write 2020 or 2020-Q2",
    "sheet-zone": "{text} is not a zone of the plan; zones: {known}",
    "sheet-counted": "{target} is counted from platforms.yaml, not reported; leave the cell "
    "empty or map the row to null",
    "formula-no-value": "the formula {formula} has no stored result; open the file in Excel or "
    "WPS, save it, and import again",
    "sheet-milestone": "{target} is a milestone: {why}",
    "sheet-unknown-unit": "unknown unit {unit}; {known}",
    "sheet-units-differ": "the cell says {written} but the unit column {column}",
    "sheet-no-unit": "{target}: no unit for {value}; add a 单位 column or write the unit in the "
    "header, e.g. 本期（万元）",
    "sheet-unit-mismatch": "{target} is measured in {allowed}; {unit} cannot be converted",
    "sheet-part": "{part}: {why}",
    "sheet-part-unit": "{target}: give the {part}'s unit",
    "duplicate-row": "{target} is also given at {first} with another value; keep one",
    "sheet-no-period-column": "several rows of values and no 期间/period column; keep the row "
    "for {period} or add a period column",
    "map-not-a-mapping": "expected a mapping with `targets:` and/or `columns:`",
    "map-unknown-key": "unknown key {key}; use `targets:` and `columns:`",
    "map-section": "`{key}` must be a mapping of `label: value` lines",
    "map-not-a-target": "{id} is not a target id; ids: {known}",
    "map-role": "`{role}: {header}`: give a header for one of {roles}",
    "skipped-rows": "{count} row(s) for period {period}",
    "skipped-empty": "{target}: no value ({cell})",
    "cannot-merge": "cannot merge into the period file: {why}; edit it by hand",
    # sheets that cannot be read (interchange/sheets.py, exit 2)
    "sheet-cannot-read": "{path}: cannot read the file: {reason}",
    "sheet-too-large": "{path}: over {mb} MB; split the file",
    "csv-no-sheets": "--sheet {sheet}: a CSV file has no sheets; leave --sheet out",
    "sheet-suffix": "{path}: expected an .xlsx, .xls, .ods or .csv file, got {suffix}",
    "sheet-no-suffix": "{path}: expected an .xlsx, .xls, .ods or .csv file, got 'no suffix'",
    "sheet-bad-encoding": "{path}: looks like {encoding} but does not decode",
    "sheet-encoding": "{path}: neither UTF-8, UTF-16 nor GBK; save it as 'CSV UTF-8' in Excel "
    "or WPS",
    "sheet-csv-syntax": "{path}:{line}: CSV syntax: {detail}",
    "workbook-unreadable": "{path}: cannot read it as an {kind} workbook ({detail})",
    "workbook-no-sheets": "{path}: the workbook has no sheets",
    "no-such-sheet": "--sheet {sheet}: {path} has no such sheet; its sheets: {sheets}",
    "sheet-spans-too-much": "{path}: refused: the sheet spans over {rows} rows or {cells} cells "
    "(repeated rows or columns); import one period's table at a time",
    "sheet-too-many-cells": "{path}: refused: the sheet has over {rows} rows or {cells} cells; "
    "import one period's table at a time",
    "zip-bomb": "{path}: refused: it unpacks to over {mb} MB (a zip bomb?)",
    # cells (interchange/cells.py)
    "cell-not-finite": "{value} is not a finite number",
    "cell-flag-not-number": "{value} is a true/false cell, not a number",
    "cell-date-not-number": "{value} is a date cell, not a number; format the cell as a number",
    "cell-not-a-number": "{value} is not a number",
    "cell-scientific": "{value} is in scientific notation, which Excel uses when it hides "
    "digits; format the column as a number with all its digits and export again",
    "cell-chinese-numeral": "{value} is a Chinese numeral; write {number}",
    "cell-comma": "{value} is not a number: a comma is read only as a thousands separator "
    "(1,234.5)",
    "cell-not-a-number-text": "{value} is not a number; leave the cell empty when there is no "
    "value",
    "cell-nan": "NaN and infinity are not values; leave the cell empty",
    "cell-not-a-flag": "{value} is not yes or no; write TRUE/FALSE, 是/否 or 已完成/未完成",
    "cell-not-a-date": "{value} is not a date; write YYYY-MM-DD",
}


class Said(str):
    """An English message (a `str`, usable wherever one is) that remembers its template key
    and parameters; `Problem` keeps them in `key` and `params`."""

    key: str
    params: tuple[tuple[str, str], ...]

    def __new__(cls, key: str, params: tuple[tuple[str, str], ...]) -> Said:
        made = super().__new__(cls, template(MESSAGES, key, ": ").format(**dict(params)))
        made.key, made.params = key, params
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (Said, (self.key, self.params))


def template(table: dict[str, str], key: str, colon: str) -> str:
    """The template of `key` in `table`; `field:KEY` is KEY's after `{field}` and `colon`."""
    if key.startswith("field:"):
        return "{field}" + colon + table[key[len("field:") :]]
    return table[key]


def said(key: str, /, **params: object) -> Said:
    """The message of template `key` with its parameters (each put in text with `str`).

    A parameter that is itself a `Said` (a reason inside a message) keeps its key and
    parameters too, as `name:key` and `name:param`, so that it can be said in Chinese."""
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        pairs.append((name, str(value)))
        if isinstance(value, Said):
            pairs.append((f"{name}:key", value.key))
            pairs += [(f"{name}:{inner}", text) for inner, text in value.params]
    return Said(key, tuple(pairs))


def nested(params: tuple[tuple[str, str], ...], name: str) -> Said | None:
    """Parameter `name` of a message as the `Said` it was, when it was one."""
    values = dict(params)
    key = values.get(f"{name}:key")
    if key is None:
        return None
    prefix = f"{name}:"
    inner = tuple(
        (k[len(prefix) :], v) for k, v in params if k.startswith(prefix) and k != f"{name}:key"
    )
    return Said(key, inner)


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One finding in one file, with its 1-based line and column (0 when unknown)."""

    file: str
    """Path of the file, relative to the data directory where possible."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    col: int
    """1-based column; 0 when unknown."""
    code: str
    """Stable kebab-case id, one of `CODES`."""
    message: str
    """What is wrong and what is allowed instead."""
    severity: Severity = "error"
    """`error` fails `check`; `warning` fails it only with `--strict`."""
    more: int = 0
    """On the summary problem (line 0) of a group that a `Collector` cut: how many more
    problems of this code in this file were found and not kept. `capped` words it."""
    key: str = ""
    """The template of `message` in `MESSAGES` ("" for a message without one)."""
    params: tuple[tuple[str, str], ...] = ()
    """The template's parameters, by name."""

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a programming error, caught by the test suite
            raise ValueError(f"unknown problem code {self.code!r}")
        if isinstance(self.message, Said):  # kept as plain text, its key and parameters apart
            object.__setattr__(self, "key", self.message.key)
            object.__setattr__(self, "params", self.message.params)
            object.__setattr__(self, "message", str(self.message))


PER_CODE_AND_FILE = 100
"""Problems of one code in one file that are listed; the rest are counted in one line."""


def capped(problems: Iterable[Problem], more: Callable[[int, str], str]) -> list[Problem]:
    """At most `PER_CODE_AND_FILE` problems per code and file, in order; each cut group ends
    with one problem (at its file, line 0) whose message is `more(count, code)`. The count
    includes what a `Collector` counted and did not keep (its summary problems).

    A file that repeats one bad row a million times is reported in a few kB, not 80 MB.
    """
    kept: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    uncounted: dict[tuple[str, str], int] = {}
    severity: dict[tuple[str, str], Severity] = {}
    """The summary's: its group's first problem's, or error if any it counts is one."""
    for problem in problems:
        key = (problem.file, problem.code)
        if problem.more:
            uncounted[key] = uncounted.get(key, 0) + problem.more
            if problem.severity == "error" or key not in seen:
                severity[key] = problem.severity
            continue
        count = seen[key] = seen.get(key, 0) + 1
        if count <= PER_CODE_AND_FILE:
            kept.append(problem)
            if count == 1 and severity.get(key) != "error":
                severity[key] = problem.severity
    groups = [*seen, *(key for key in uncounted if key not in seen)]
    for key in groups:
        rest = max(0, seen.get(key, 0) - PER_CODE_AND_FILE) + uncounted.get(key, 0)
        if rest:
            file, code = key
            kept.append(Problem(file, 0, 0, code, more(rest, code), severity[key]))
    return kept


class Collector:
    """Problems as they are found, keeping at most `limit` of each code in each file (the
    first found) and only counting the rest, so that a file of a million bad rows holds
    the memory of a hundred problems, not of a million; the counts stay exact.

    A producer of many problems may ask `full` before it builds one (finding the line of
    a problem costs more than the check) and `count` it instead.
    """

    def __init__(self, limit: int = PER_CODE_AND_FILE) -> None:
        self.limit = limit
        self._kept: list[Problem] = []
        self._sizes: dict[tuple[str, str], int] = {}
        self._cut: dict[tuple[str, str], tuple[int, bool]] = {}
        """Per group: how many were not kept, and whether any of those was an error."""

    def full(self, file: str, code: str) -> bool:
        """Whether a problem of `code` in `file` would only be counted."""
        return self._sizes.get((file, code), 0) >= self.limit

    def count(self, file: str, code: str, severity: Severity = "error", number: int = 1) -> None:
        """Count `number` problems that are not kept."""
        done, error = self._cut.get((file, code), (0, False))
        self._cut[(file, code)] = (done + number, error or severity == "error")

    def append(self, problem: Problem) -> None:
        if problem.more:  # a summary of what another collector counted
            self.count(problem.file, problem.code, problem.severity, problem.more)
            return
        key = (problem.file, problem.code)
        size = self._sizes.get(key, 0)
        if size >= self.limit:
            self.count(problem.file, problem.code, problem.severity)
            return
        self._sizes[key] = size + 1
        self._kept.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    @property
    def stored(self) -> int:
        """How many problems are held (kept ones and one count per cut group)."""
        return len(self._kept) + len(self._cut)

    def problems(self) -> list[Problem]:
        """The kept problems, in the order found, then a summary problem (line 0, `more`
        set, an error if any problem it counts is one) for each group that was cut."""
        return [
            *self._kept,
            *(
                Problem(
                    file,
                    0,
                    0,
                    code,
                    said("more-like-this", count=f"{number:,}", code=code),
                    "error" if error else "warning",
                    more=number,
                )
                for (file, code), (number, error) in self._cut.items()
            ),
        ]


def exit_code(problems: Iterable[Problem], *, strict: bool = False) -> int:
    """0 when nothing counts against the data, 1 otherwise."""
    for problem in problems:
        if problem.severity == "error" or strict:
            return EXIT_FINDINGS
    return EXIT_CLEAN


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
