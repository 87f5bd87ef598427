"""User-facing words in Chinese and English.

A problem's message is built in English where it is found (`core.problems.said`, with the
templates of `core.problems.MESSAGES`) and keeps its template key and parameters;
`problem_message` says it in Chinese from `PROBLEM_MESSAGES_ZH`. A message without a key
(one not moved to a template yet) stays English; in Chinese every problem also carries what
its code means (`PROBLEM_TITLES`)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal, TypeVar

if TYPE_CHECKING:
    from hitrack.core.problems import Problem

Lang = Literal["zh", "en"]
_T = TypeVar("_T")


def default_lang(environ: dict[str, str] | None = None) -> Lang:
    """zh when the locale is Chinese, else en, looked up as gettext does: the first entry of
    LANGUAGE (a list such as `zh_CN:en`) unless the locale is C/POSIX, then LC_ALL,
    LC_MESSAGES and LANG."""
    env = os.environ if environ is None else environ
    locale = next((env[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(n)), "")
    first = env.get("LANGUAGE", "").split(":")[0]
    if first and locale not in ("C", "POSIX"):
        return "zh" if first.lower().startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _status_words() -> dict[str, tuple[str, str]]:
    from hitrack.core.statuses import Status

    return {status.value: status.words for status in Status}


#: status code -> (Chinese, English); the words live with the type, `statuses.Status`.
STATUS_WORDS: dict[str, tuple[str, str]] = _status_words()

WORDS: dict[str, tuple[str, str]] = {
    "check_base_not_dir": (
        "hitrack：check --base：{base} 不是目录",
        "hitrack: check --base: {base} is not a directory",
    ),
    "summary_full": (
        "hitrack：{path}：步骤摘要已接近上限，未写入摘要",
        "hitrack: {path}: the step summary is nearly full; no summary written",
    ),
    "summary_cannot_write": (
        "hitrack：无法把步骤摘要写入 {path}：{reason}",
        "hitrack: cannot write the step summary to {path}: {reason}",
    ),
    "report_docx_needs_word": (
        "hitrack：--format docx 需要 python-docx：pip install 'hitrack-plan[word]'",
        "hitrack: --format docx needs python-docx: pip install 'hitrack-plan[word]'",
    ),
    "report_docx_needs_output": (
        "hitrack：--format docx 需要 -o FILE.docx",
        "hitrack: --format docx needs -o FILE.docx",
    ),
    "report_png_hint": (
        "hitrack：PNG 图表需要 `pip install 'hitrack-plan[charts]'`；只写了 SVG 图表",
        "hitrack: PNG charts need `pip install 'hitrack-plan[charts]'`; wrote the SVG charts only",
    ),
    "report_since_order": (
        "hitrack：--since {since} 必须早于截至期 {as_of}",
        "hitrack: --since {since} must be earlier than the as-of period {as_of}",
    ),
    "report_exists": (
        "hitrack：{path} 已存在；如需覆盖请加 --force",
        "hitrack: {path} exists; pass --force to overwrite",
    ),
    "report_exist_more": (
        "hitrack：{path} 等 {n} 个文件已存在；如需覆盖请加 --force",
        "hitrack: {path} and {more} more files exist; pass --force to overwrite",
    ),
    "report_cannot_write": (
        "hitrack：无法写入 {where}：{reason}",
        "hitrack: cannot write {where}: {reason}",
    ),
    "report_the_output": ("输出文件", "the output"),
    "report_wrote": ("hitrack：已写入 {what}", "hitrack: wrote {what}"),
    "report_chart_files": ("{n} 个图表文件（{where}）", "{n} chart files in {where}"),
    "periods_sheet": ("各期", "periods"),
    "unit": ("单位", "unit"),
    "periods_sample_note": (
        "斜体橙色的数值为示例数据，并非真实统计。",
        "Values in orange italics are samples, not real statistics.",
    ),
    "explain_target": ("目标：", "target: "),
    "explain_by": ("，截止 {deadline}", " by {deadline}"),
    "explain_quote": ("原文：", "quote: "),
    "explain_as_of": ("截至：", "as of: "),
    "explain_zone": ("，{zone}", ", zone {zone}"),
    "explain_sample": (
        "注：所用数值为示例数据，并非真实统计",
        "note: the values used are illustrative samples, not real statistics",
    ),
    "explain_reading": (
        "解读：该目标的判定方式（比较、容差、数值或交付物）是对原文的解读，并非原文所写：",
        "reading: how this target is judged (comparator, tolerance, value or deliverable) is a "
        "reading of the quote, not the document's words: ",
    ),
    "reading_legend": (
        "为解读，并非原文所写（详见 --explain 与 targets.yaml 的 note）：",
        "a reading of the quote, not the document's words (see --explain and the note in "
        "targets.yaml): ",
    ),
    "target": ("目标", "Target"),
    "actual": ("实际", "Actual"),
    "period": ("期间", "Period"),
    "gap": ("差距", "Gap"),
    "progress": ("完成度", "Progress"),
    "pace": ("进度", "Pace"),
    "status": ("状态", "Status"),
    "id": ("编号", "ID"),
    "deadline": ("截止", "Deadline"),
    "as_of": ("截至", "As of"),
    "sample_banner": (
        "注意：以下实际值为示例数据，并非真实统计。",
        "Note: the actual values shown are illustrative samples, not real statistics.",
    ),
    "sample_count_banner": (
        "注意：以下 {shown} 个实际值中有 {n} 个为示例数据，并非真实统计。",
        "Note: {n} of the {shown} actual values shown are illustrative samples, not real "
        "statistics.",
    ),
    "sample_mark": ("示例", "sample"),
    "bundled_note": (
        "未找到 ./data 目录，使用 hitrack 自带的本溪高新区规划数据。",
        "No ./data directory: using the Benxi High-tech Zone plan bundled with hitrack.",
    ),
    "no_problems": ("未发现问题", "no problems"),
    "problems": ("个问题", "problems"),
    "errors": ("错误", "errors"),
    "warnings": ("警告", "warnings"),
    "files": ("个文件", "files"),
    "name": ("名称", "Name"),
    "category": ("类别", "Category"),
    "level": ("级别", "Level"),
    "host": ("依托单位", "Host"),
    "built": ("已建", "built"),
    "planned": ("筹建", "planned"),
    "national": ("国家级", "national"),
    "provincial": ("省级", "provincial"),
    "municipal": ("市级", "municipal"),
    "unspecified": ("未注明", "unspecified"),
    "total": ("合计", "Total"),
    "ahead": ("超前", "ahead"),
    "behind": ("落后", "behind"),
    "remaining": ("还差", "to go"),
    "exceeded": ("超出", "exceeded by"),
    "done": ("已完成", "done"),
    "not_done": ("未完成", "not done"),
    "all_zones": ("全部高新区（汇总）", "All zones (roll-up)"),
    # check in CI and diff
    "severity": ("级别", "Severity"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "location": ("位置", "Location"),
    "code": ("代码", "Code"),
    "message": ("说明", "Message"),
    "annotations_capped": (
        "GitHub 每类只显示前 10 条标注；完整列表见本步骤的摘要（step summary）。",
        "GitHub shows the first 10 annotations of each kind; the step summary lists every one.",
    ),
    "summary_capped": (
        "另有 {} 个问题未列出（摘要上限 1 MiB）；请在本地运行 hitrack check 查看全部。",
        "{} more problems not listed (the summary is capped at 1 MiB); "
        "run hitrack check locally to see them all.",
    ),
    "met": ("已达标", "met"),
    "new": ("新增", "new"),
    "removed": ("已删除", "removed"),
    "no_changes": ("数据没有改动。", "No changes to the data."),
    "changes": ("改动", "Changes"),
    "effects": ("对目标的影响", "Effect on targets"),
    "record": ("类型", "Record"),
    "change": ("改动内容", "Change"),
    "plan": ("规划", "Plan"),
    "platform": ("平台", "Platform"),
    "section": ("分类计数", "Section"),
    "working_tree": ("工作区", "working tree"),
    # the words of status cells, --explain and the diff
    "milestone_done": ("建成/完成", "done"),
    "direction_rising": ("上升", "rising"),
    "direction_falling": ("下降", "falling"),
    "every_year": ("（逐年）", " every year"),
    "per_year": ("/年", "/yr"),
    "cumulative_prefix": ("累计", "total "),
    "kind_level": ("水平值", "level"),
    "kind_growth": ("增长率", "growth"),
    "kind_ratio": ("比例", "ratio"),
    "kind_relative": ("倍数", "relative"),
    "kind_cumulative": ("累计", "cumulative"),
    "kind_milestone": ("里程碑", "milestone"),
    "kind_register": ("平台名录", "register"),
    "points_suffix": (" 个百分点", " pp"),
    "reference_level": ("参照序列", "the reference"),
    "reference_margin": ("（幅度 {margin}）", " (margin {margin})"),
    "versus_reference": ("（参照 {reference}）", " (reference {reference})"),
    "margin_words": ("相差 {margin}", "margin {margin}"),
    "above_ceiling": ("超出上限 {over}", "{over} above the ceiling"),
    "above_range": ("超出上限", "above range"),
    "gap_remaining": ("{remaining} {gap}", "{gap} {remaining}"),
    "zones_met": ("个区达标", "zones met"),
    "on_pace": ("持平", "on pace"),
    "sample_legend": (" (* = 示例)", " (* = sample)"),
    "chart_sample_note": ("* 示例数据，并非真实统计", "* sample values, not real statistics"),
    "gap_word": ("差距", "gap"),
    "sheet_targets": ("目标", "targets"),
    "sheet_notes": ("说明", "notes"),
    "in_parentheses": ("（{}）", " ({})"),
    "list_sep": ("；", "; "),
    "name_sep": ("、", "; "),
    "label_colon": ("：", ": "),
    # options that do not go together (usage errors, exit 2)
    "explain_prints_text": (
        "--explain 只输出文字说明，不支持 --format {fmt}；请去掉 --format",
        "--explain prints its steps as text, not as {fmt}; leave out --format",
    ),
    "explain_one_target": (
        "--explain 只说明一个目标，不能与 {option} 同用",
        "--explain shows one target; it does not go with {option}",
    ),
    "periods_not_by": (
        "--periods 与 --by {by} 不能同用：请分别运行",
        "--periods and --by {by} do not go together; run them one at a time",
    ),
    "plan_edit": (
        "！！此变更修改了规划本身，而不仅是数据：{what}。请对照规划原文逐条审查。",
        "!! This change edits the plan, not only the data: {what}. Review it against the "
        "plan's source document.",
    ),
    "plan_edit_fields": ("规划字段 {}", "plan fields {}"),
    "plan_edit_target": ("{} 个目标", "{} target"),
    "plan_edit_targets": ("{} 个目标", "{} targets"),
    "plan_edit_register_record": ("{} 条平台名录记录", "{} platform register record"),
    "plan_edit_register": ("{} 条平台名录记录", "{} platform register records"),
    "plan_edit_source": ("规划原文 {}", "the source document {}"),
    "more_changes": (
        "另有 {} 处改动未列出；运行 hitrack diff 查看全部。",
        "{} more changes not listed; run hitrack diff to see them all.",
    ),
    "created": ("已创建", "created"),
    "skipped_existing": ("已存在，未改动", "exists, left as it is"),
    "draft_summary": (
        "起草了 {targets} 个目标，其中 {review} 个有待核对的字段（# review:）；"
        "{skipped} 句判为不可跟踪（见 draft-skipped.txt）",
        "drafted {targets} targets, {review} with fields to review (# review:); "
        "{skipped} sentences judged not trackable (see draft-skipped.txt)",
    ),
    "draft_exists": (
        "草稿未写入：上列文件已存在；请换一个 --out 目录",
        "nothing written: the files above exist; choose another --out directory",
    ),
    "draft_next": (
        "下一步：逐条核对 # review: 注释，然后运行 hitrack check -d {0}",
        "next: go through each # review: comment, then run hitrack check -d {0}",
    ),
    "init_next": (
        "下一步：把示例换成你的规划和数据，运行 hitrack check --data {}；"
        "CI 需要仓库变量 HITRACK_PACKAGE（安装 hitrack 的 pip 要求）。",
        "Next: replace the examples with your plan and figures and run hitrack check --data {}; "
        "for CI, set the repository variable HITRACK_PACKAGE (a pip requirement for hitrack).",
    ),
    # import / export
    "import_change": ("变化", "Change"),
    "zone": ("区域", "Zone"),
    "old_value": ("原值", "Old"),
    "new_value": ("新值", "New"),
    "cell": ("单元格", "Cell"),
    "added": ("新增", "added"),
    "changed": ("修改", "changed"),
    "unchanged": ("不变", "unchanged"),
    "dry_run": ("试运行：未写入任何文件。", "Dry run: nothing written."),
    "nothing_to_do": ("没有需要新增或修改的值。", "Nothing to add or change."),
    "written": ("已写入", "Written"),
    "more_like_this": (
        "另有 {count:,} 个同类问题（{code}）未列出",
        "and {count:,} more like this ({code})",
    ),
    "unit_assumed": ("未注明单位，按目标单位", "no unit given: the target's unit"),
    # command-line usage errors in Chinese (in English, click's own words are kept)
    "usage_line": ("用法：{usage}", "Usage: {usage}"),
    "usage_try": ("运行 '{command} -h' 查看帮助。", "Try '{command} -h' for help."),
    "usage_error": ("错误：{message}", "Error: {message}"),
    "usage_no_such_option": ("没有选项 {option}", "No such option: {option}"),
    "usage_did_you_mean": ("（是否应为 {options}？）", " (Possible options: {options})"),
    "usage_missing_option": ("缺少选项 {option}", "Missing option {option}."),
    "usage_missing_argument": ("缺少参数 {argument}", "Missing argument {argument}."),
    "usage_not_one_of": (
        "{param} 的值 {value} 无效：可选 {choices}",
        "Invalid value for {param}: {value} is not one of {choices}.",
    ),
    "usage_not_in_range": (
        "{param} 的值 {value} 超出范围 {range}",
        "Invalid value for {param}: {value} is not in the range {range}.",
    ),
    "usage_not_a_number": (
        "{param} 的值 {value} 不是整数",
        "Invalid value for {param}: {value} is not a valid integer.",
    ),
    "usage_needs_value": ("选项 {option} 需要一个值", "Option {option} requires an argument."),
    "usage_extra": ("多余的参数：{args}", "Got unexpected extra arguments ({args})"),
    "usage_other": ("用法错误（原文：「{message}」）", "{message}"),
    "usage_no_command": ("没有命令 {name}", "No such command {name}."),
    "interrupted": ("已中断", "interrupted"),
    "help_usage": ("用法：", "Usage: "),
    # an option that names a record by id or name
    "ambiguous": (
        "{option} {value} 有歧义，可指：{candidates}；请写其中一个 id\n",
        "{option} {value} is ambiguous: it names {candidates}; write one of the ids\n",
    ),
    "none": ("无", "none"),
    "unknown_owner": (
        "--owner {value} 不是本规划的责任单位；已有：{known}\n",
        "--owner {value} is not an owner of this plan; owners: {known}\n",
    ),
    "unknown_section": (
        "--section {value} 不是本规划的章节；已有：{known}\n",
        "--section {value} is not a section of this plan; sections: {known}\n",
    ),
    "unknown_zone": (
        "--zone {value} 不是本规划的区；已有：{known}\n",
        "--zone {value} is not a zone of this plan; zones: {known}\n",
    ),
    "unknown_explain": (
        "--explain：没有目标 {value}；是否应为 {close}？\n",
        "--explain: no target {value}; did you mean {close}?\n",
    ),
    "unknown_explain_list": (
        "--explain：没有目标 {value}；已有目标：{known}\n",
        "--explain: no target {value}; targets: {known}\n",
    ),
    "explain_other_zone": (
        "--explain：{target} 属于区 {zone}，不是 {named}",
        "--explain: {target} belongs to zone {zone}, not {named}",
    ),
    "unknown_category": (
        "--category：{value} 不是平台类别；可选：{known}",
        "--category: {value} is not a category; choose from {known}",
    ),
    "unknown_level": (
        "--level：{value} 不是级别；可选：{known}",
        "--level: {value} is not a level; choose from {known}",
    ),
    "stdin_too_large": (
        "标准输入的报表超过 {cap} MB；请拆分",
        "the sheet on standard input is over {cap} MB; split it",
    ),
    "stdin_empty": (
        "标准输入中没有报表（import - 从标准输入读取）",
        "nothing on standard input (import - reads the sheet from it)",
    ),
    "import_fix_map": ("未写入：请修正映射文件", "nothing written: fix the mapping file"),
    "import_fix_sheet": ("未写入：请修正报表或 --map", "nothing written: fix the sheet or --map"),
    "import_not_pass": (
        "未写入：导入后的数据无法通过 check",
        "nothing written: the result would not pass check",
    ),
    "no_platforms_file": (
        "此数据目录没有 platforms.yaml\n",
        "this data directory has no platforms.yaml\n",
    ),
    "import_busy": (
        "{path}：另一个导入写入此处的时间过长；未写入。请待其完成后重新导入",
        "{path}: another import has been writing here for too long; nothing written. "
        "Run the import again when it is done",
    ),
    "import_cannot_lock": (
        "{path}：无法锁定数据目录：{reason}",
        "{path}: cannot lock the data directory: {reason}",
    ),
    "import_needs_data": (
        "import 写入数据目录：请用 --data DIR 指定（或在数据目录中运行）",
        "import writes into a data directory: give --data DIR (or run in one)",
    ),
    "no_such_file": ("{path}：没有这个文件", "{path}: no such file"),
    "import_data_errors": (
        "数据有错误；请先修正（hitrack check）再导入",
        "the data has errors; fix them (hitrack check) and import again",
    ),
    "import_differ": (
        "{count} 个数值与 {path} 中的不同；未写入。加 --update 重新运行即可替换它们。\n",
        "{count} value(s) differ from {path}; nothing written. Run again with --update to "
        "replace them.\n",
    ),
    "import_changed_meanwhile": (
        "导入期间 {path} 被其他程序修改；未写入。请重新导入",
        "{path} was changed by another program while importing; nothing written. "
        "Run the import again",
    ),
    "import_lost": (
        "导入期间 {path} 被其他程序修改；本次导入可能已丢失。请重新导入",
        "{path} was changed by another program while importing; the import may be lost. "
        "Run the import again",
    ),
    "import_appeared": (
        "导入期间出现了 {path}；请重新导入",
        "{path} appeared while importing; run the import again",
    ),
    "cannot_write": ("{path}：无法写入：{reason}", "{path}: cannot write: {reason}"),
    "import_other_periods": (
        "{path} 中没有属于 {period} 的行：其各行属于 {listed}。请用 --period {last} 导入，"
        "或把报表发出填写 {period} 的数值：hitrack export --template {period}；未写入",
        "no row of {path} is for {period}: its rows are for {listed}. Import it with "
        "--period {last}, or hand out the sheet to fill in for {period}: "
        "hitrack export --template {period}; nothing written",
    ),
    "import_empty_cells": (
        "{path} 中没有 {period} 的数值：数值单元格都是空的；未写入",
        "{path} holds no value for {period}: its value cells are empty; nothing written",
    ),
    "skipped": ("已跳过", "skipped"),
    "template_format": (
        "--template 生成待填写的报表：格式为 csv 或 xlsx，不能是 json",
        "--template writes a sheet to fill in: csv or xlsx, not json",
    ),
    "template_as_of": (
        "--template 与 --as-of 不能同时使用：报表的期间就是 --template 给出的期间",
        "--template and --as-of do not go together: the template's period is it",
    ),
    "xlsx_needs_output": (
        "xlsx 工作簿是二进制文件：请用 -o FILE.xlsx 指定输出文件",
        "an xlsx workbook is binary: give -o FILE.xlsx",
    ),
    "output_exists": (
        "{path} 已存在；加 --force 可替换它",
        "{path} exists; add --force to replace it",
    ),
    "excel_missing_writing": (
        "写入 .xlsx 需要 openpyxl：pip install 'hitrack[excel]'",
        "writing .xlsx needs openpyxl: pip install 'hitrack[excel]'",
    ),
    "cannot_write_to": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "init_not_a_dir": (
        "{path} 已存在且不是目录\n",
        "{path} exists and is not a directory\n",
    ),
    "site_written": (
        "已把 {pages} 个网页写入 {root}/（打开 {root}/index.html）",
        "wrote {pages} pages to {root}/ (open {root}/index.html)",
    ),
    "diff_side_errors": ("{side} 有错误：", "{side} has errors:"),
    "internal_error": ("内部错误：{error}", "internal error: {error}"),
}


#: The command line's help in Chinese: an option's English help -> its Chinese (`cli` puts
#: them in place when the command line asks for Chinese, before the help is shown).
HELP_ZH: dict[str, str] = {
    "Track a development plan's targets against what was actually achieved.\n\n"
    "跟踪发展规划目标的完成情况。": "跟踪发展规划目标的完成情况。",
    "Data directory (default: $HITRACK_DATA, else ./data, else the bundled plan).": (
        "数据目录（默认：$HITRACK_DATA，其次 ./data，再次 hitrack 自带的规划）。"
    ),
    "Output language (default: from the locale).": "输出语言（默认：按系统语言环境）。",
    "Output language of every command (default: from the locale); a command's own --lang wins.": (
        "所有命令的输出语言（默认：按系统语言环境）；命令自己的 --lang 优先。"
    ),
    "Only this zone (id or name) of a multi-zone plan.": "只看多区规划中的这个区（id 或名称）。",
    "Only the targets this owner (id or name) leads or cooperates on.": (
        "只看这个责任单位（id 或名称）牵头或配合的目标。"
    ),
    "Only the targets of this section (id or title) of the plan.": (
        "只看规划中这个章节（id 或标题）的目标。"
    ),
    "Table width in columns (default: the terminal's).": "表格宽度，按列数（默认：终端宽度）。",
    "Show the version.": "显示版本号。",
    "Output format; auto is github under GitHub Actions (which also appends a markdown "
    "summary to $GITHUB_STEP_SUMMARY), text elsewhere; gitlab is a GitLab Code Quality "
    "report.": (
        "输出格式；auto 在 GitHub Actions 中为 github（并把 Markdown 摘要追加到 "
        "$GITHUB_STEP_SUMMARY），其他环境为 text；gitlab 为 GitLab Code Quality 报告。"
    ),
    "Warnings fail the check too.": "警告也算检查不通过。",
    "A git revision (or ./DIR) to compare with: a change to the plan itself (targets, "
    "thresholds, platforms, source document) since it is a plan-changed warning.": (
        "用于比较的 git 版本（或 ./DIR）：自该版本以来对规划本身（目标、阈值、平台、原文）"
        "的修改给出 plan-changed 警告。"
    ),
    "Assess as of this period (default: the latest reported).": (
        "按此期间评估（默认：最新报告的期间）。"
    ),
    "Output format.": "输出格式。",
    "Row order.": "行的排序。",
    "Show every step for one target (its id, name or an alias).": (
        "逐步说明一个目标的评估过程（id、名称或别名）。"
    ),
    "zone: one block per zone of a multi-zone plan, then the roll-up; owner or section: one "
    "block per owner (plan.owners) or section, each with its counts.": (
        "zone：多区规划每区一块，最后为汇总；owner 或 section：每个责任单位（plan.owners）"
        "或章节一块，各附计数。"
    ),
    "One column per reported period: the value of each.": "每个报告期一列：各期的数值。",
    "Only this category (id or name; see platforms.yaml).": (
        "只看这个类别（id 或名称，见 platforms.yaml）。"
    ),
    "Only this level.": "只看这个级别。",
    "Only built or only planned platforms.": "只看已建或只看筹建的平台。",
    "Which file's schema.": "哪种文件的数据格式。",
    "Report as of this period (default: the latest reported).": (
        "按此期间出报告（默认：最新报告的期间）。"
    ),
    "Show changes since this period (default: the previous).": (
        "列出自此期间以来的变化（默认：上一期）。"
    ),
    "Report language (default: Chinese).": "报告语言（默认：中文）。",
    "Write to FILE instead of stdout (- is stdout).": (
        "写入文件 FILE，而不是标准输出（- 表示标准输出）。"
    ),
    "Overwrite an existing report or chart files.": "覆盖已有的报告或图表文件。",
    "Also write SVG (and PNG) charts to DIR.": "同时把 SVG（及 PNG）图表写入目录 DIR。",
    "The report's date YYYY-MM-DD (default: today); days to deadline count from the as-of "
    "period.": "报告日期 YYYY-MM-DD（默认：今天）；距截止天数自评估期间起算。",
    "markdown, or docx (a Word document; needs -o).": "markdown，或 docx（Word 文档；需要 -o）。",
    "owner or section: the targets table grouped, each group with its counts.": (
        "owner 或 section：目标表按责任单位或章节分组，各组附计数。"
    ),
    "A git revision or a data directory (./DIR; default: the merge base with the default "
    "branch: origin/HEAD, else main, else master).": (
        "git 版本或数据目录（./DIR；默认：与默认分支的合并基点：origin/HEAD，其次 main，"
        "再次 master）。"
    ),
    "A git revision or a data directory (./DIR; default: the working tree).": (
        "git 版本或数据目录（./DIR；默认：工作区）。"
    ),
    "BASE and HEAD are git revisions, never directories (for CI: a pull request can add a "
    "folder named like a branch).": (
        "BASE 和 HEAD 一律按 git 版本读取，不当作目录"
        "（用于 CI：拉取请求可能添加与分支同名的文件夹）。"
    ),
    "Where to create the repository's files.": "在哪里创建仓库的文件。",
    "The plan document: .txt (UTF-8 or GBK) or .docx.": "规划原文：.txt（UTF-8 或 GBK）或 .docx。",
    "Data directory to write (default: ./draft).": "写入的数据目录（默认：./draft）。",
    "Print what would be written; write nothing.": "只显示将写入的内容，不写任何文件。",
    "The sheet: an .xlsx workbook or a .csv file (- reads it from standard input).": (
        "报表：.xlsx 工作簿或 .csv 文件（- 表示从标准输入读取）。"
    ),
    "The format of a sheet on standard input (default: from its first bytes).": (
        "来自标准输入的报表的格式（默认：按其开头的字节判断）。"
    ),
    "Only errors on stderr: no notes (data output unchanged).": (
        "标准错误只输出错误，不输出提示（数据输出不变）。"
    ),
    "The period the sheet reports: 2019 or 2020-Q2.": "报表所属期间：如 2019 或 2020-Q2。",
    "The workbook's sheet (default: the first).": "工作簿中的工作表（默认：第一个）。",
    "Other labels and headers (see README).": "其他行名与表头的对应（见 README）。",
    "Show what would change; write nothing.": "只显示将有的改动，不写任何文件。",
    "Replace values that differ from the file's.": "替换与文件中不同的数值。",
    "Where the values come from (default: the file's name).": "数值的出处（默认：文件名）。",
    "Report date YYYY-MM-DD (default: today).": "报送日期 YYYY-MM-DD（默认：今天）。",
    "csv, xlsx or json (default: from -o, else csv).": (
        "csv、xlsx 或 json（默认：按 -o 的扩展名，否则 csv）。"
    ),
    "Write to FILE (default, or -: stdout).": "写入文件 FILE（默认或 -：标准输出）。",
    "Replace FILE if it exists.": "文件 FILE 已存在时替换它。",
    "Instead, the sheet to fill in for PERIOD (csv or xlsx): ids, names, units, the last "
    "value for reference and an empty value column; `import --period PERIOD` reads it "
    "back.": (
        "改为导出期间 PERIOD 的待填报表（csv 或 xlsx）：编号、名称、单位、上期数值供参考，"
        "以及空白的数值列；用 `import --period PERIOD` 读回。"
    ),
    "Directory to build the site in.": "生成网站的目录。",
    "Show the plan as of this period (default: the latest).": (
        "按此期间显示规划（默认：最新期间）。"
    ),
    # commands: the Chinese line of each docstring, with its exit codes
    "command:check": "检查所有数据文件，报告全部问题（退出码 0 无问题，1 有问题，2 用法错误）。",
    "command:status": "每个目标的实际值、差距、完成度、进度与状态（退出码 0；数据有错误时为 1）。",
    "command:platforms": "列出科研平台，并按类别、级别、建设状态汇总。",
    "command:schema": "输出数据文件的 JSON Schema，供编辑器在输入时校验 YAML。",
    "command:report": "生成进展会议用的 Markdown 报告（退出码 0；数据有错误时为 1）。",
    "command:diff": "比较两个版本的数据及其对目标完成情况的影响：新增、修改、删除的目标、"
    "实际值与平台，以及受影响目标前后的实际值、差距与状态（退出码 0；一方数据有错误时为 1；"
    "用法或 git 错误为 2）。",
    "command:init": "创建一个新的跟踪仓库（示例数据、CI 工作流、pre-commit 配置、README）。"
    "从不覆盖文件（退出码 0 有新建，1 文件都已存在，2 写入错误）。",
    "command:draft": "从规划原文起草数据目录：每条量化或有期限的承诺成为一个目标，附原文引文与"
    "待核对说明（# review:），原文复制到 sources/，判为不可跟踪的句子列入 draft-skipped.txt。"
    "从不覆盖文件（退出码 0 已写入，1 文件已存在，2 规划无法读取）。",
    "command:import": "从 Excel/CSV 报表导入实际值到 data/actuals/PERIOD.yaml（退出码 0、1、2）。",
    "command:export": "导出目标、最新实际值、差距与状态（Excel/WPS 可直接打开），或 JSON；"
    "--template 导出待填报表。",
    "command:site": "在目录 DIR 中生成静态网页看板（中文，附英文版）（退出码 0；数据有错误时为 1；"
    "DIR 中有其他文件时为 2）。",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "显示当前 shell 的补全脚本，可复制或自定义安装。"
    ),
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show this message and exit.": "显示本帮助并退出。",
    "note:[default: ": "默认：",
    "note:[default": "默认",
    "note:[required": "必填",
    "note:[env var: ": "环境变量：",
    "note:[env var": "环境变量",
    "heading:Options": "选项",
    "heading:Commands": "命令",
    "heading:Arguments": "参数",
}


def pick(lang: Lang, zh: _T, en: _T) -> _T:
    """The Chinese or the English of a pair that is not a word of these tables (punctuation
    around data, a layout constant): the one branch on the language outside them."""
    return zh if lang == "zh" else en


def named(lang: Lang, zh: str, en: str | None) -> str:
    """A record's name in `lang`: its English name when it has one, else its Chinese one."""
    return en if lang == "en" and en else zh


#: the HTML `lang` of each language, and the other language (the site's switch)
HTML_LANG: dict[str, str] = {"zh": "zh-CN", "en": "en"}
OTHER_LANG: dict[str, Lang] = {"zh": "en", "en": "zh"}


def _choose(words: tuple[str, str], lang: Lang) -> str:
    """The Chinese or the English of a (Chinese, English) pair."""
    return words[0] if lang == "zh" else words[1]


def word(key: str, lang: Lang) -> str:
    return _choose(WORDS[key], lang)


def status_word(status: str, lang: Lang) -> str:
    return _choose(STATUS_WORDS[status], lang)


#: why a target has no status from a trend: code -> (Chinese, English), with {named} values
REASONS: dict[str, tuple[str, str]] = {
    "no-value": ("截至 {as_of} 无数据", "no value reported up to {as_of}"),
    "not-reported": ("尚未报告", "not reported yet"),
    "not-done-yet": ("尚未完成", "not done yet"),
    "deadline-passed": ("截止期已过", "deadline passed"),
    "missed-deadline": ("截止 {deadline} 未达成", "not met by the deadline {deadline}"),
    "no-register": ("缺少 platforms.yaml", "no platforms.yaml"),
    "register-undated": (
        "平台名录没有日期，无法推算趋势",
        "the register has no dates to project a trend from",
    ),
    "zones-achieved": ("{met}/{zones} 个区达标", "{met}/{zones} zones achieved"),
    "no-zones": ("规划未列出各区", "the plan lists no zones"),
    "zone-part": (
        "目标针对全部各区合计，此为本区所占部分",
        "the target is for all zones together; this is the zone's part",
    ),
    "above-range": ("高于目标区间上限", "exceeds the upper end"),
    "one-point-no-baseline": ("仅有一个数据点且无基期值", "one data point and no baseline"),
    "one-point": ("仅有一个数据点", "one data point"),
    "no-trend": ("无法由这些数值推算趋势", "no trend can be projected from these values"),
    "no-growth-rate": (
        "计算增速需要两个相隔至少一个季度的正值",
        "a growth rate needs two positive values at least a quarter apart",
    ),
    "fell-below": ("曾经达标，现已低于目标", "met earlier, now short of the target"),
    "awaits-final": (
        "待 {deadline} 最终数据（最新为 {period}），按趋势判断",
        "awaits the final figure for {deadline} (latest {period}); judged from the trend",
    ),
    "awaits-final-one-point": (
        "待 {deadline} 最终数据（最新为 {period}），仅一个数据点，无法推算",
        "awaits the final figure for {deadline} (latest {period}); one data point, no trend",
    ),
    "over-range": (
        "超出区间上限 {high}（上限为约束）",
        "above the upper end {high}, which is a ceiling",
    ),
    "met-late": ("已达成，但晚于截止期 {deadline}", "met, but after the deadline {deadline}"),
    "interim-missed": (
        "未达中间目标 {period} 的 {value}",
        "missed the interim target {value} for {period}",
    ),
    "seen-rising": (
        "上升：{first}（{start}）→ {last}（{end}）",
        "rising: {first} ({start}) -> {last} ({end})",
    ),
    "seen-falling": (
        "下降：{first}（{start}）→ {last}（{end}）",
        "falling: {first} ({start}) -> {last} ({end})",
    ),
    "seen-flat": (
        "持平：{first}（{start}）→ {last}（{end}）",
        "flat: {first} ({start}) -> {last} ({end})",
    ),
    "broke-rising": (
        "{years} 未上升（须逐年上升）",
        "did not rise in {years} (it must rise every year)",
    ),
    "broke-falling": (
        "{years} 未下降（须逐年下降）",
        "did not fall in {years} (it must fall every year)",
    ),
    "held-missed": ("{years} 未达标（须每年保持）", "missed in {years} (it must hold every year)"),
    "held-so-far": (
        "迄今 {years} 年均达标，须保持至 {deadline}",
        "held in all {years} years so far; it must hold to {deadline}",
    ),
    "no-reference": ("参照序列不存在", "the reference series does not exist"),
    "no-reference-value": (
        "{reference} 在 {period} 无数据，无法比较",
        "{reference} has no value for {period} to compare with",
    ),
    "against-closing": (
        "{period} 仍未达到{reference}，但差距较上期缩小",
        "short of {reference} in {period}, but closer than the period before",
    ),
    "against-below": (
        "{period} 未达到{reference}，差距未缩小",
        "short of {reference} in {period}, and not closing",
    ),
}


#: what each problem code of `problems.CODES` means, in Chinese: `check --lang zh` adds it to
#: every problem, whose message (with the data's own names and numbers) stays English.
PROBLEM_TITLES: dict[str, str] = {
    "file-missing": "缺少必需的文件（targets.yaml）",
    "file-unreadable": "文件无法读取（权限不足，或不是普通文件）",
    "file-too-large": "文件超过大小上限，或行数超过单个文件的上限",
    "outside-data-dir": "符号链接指向数据目录之外",
    "encoding": "文件不是 UTF-8 编码（不接受 GBK、UTF-16 和二进制文件）",
    "yaml-syntax": "YAML 语法错误，无法解析",
    "empty-file": "文件中没有 YAML 内容",
    "multiple-documents": "文件包含多个 YAML 文档",
    "not-a-mapping": "文件顶层（或某条记录）不是键值映射",
    "too-deep": "YAML 嵌套层级过深",
    "duplicate-key": "同一映射中出现重复的键",
    "full-width-character": "全角冒号、逗号、空格或数字用在了 YAML 需要半角字符的位置"
    "（输入法处于全角模式）",
    "yaml-alias": "不接受锚点和别名（会隐藏数据，并可能构成别名炸弹）",
    "yaml-merge-key": "不接受合并键（<<）",
    "yaml-tag": "不接受显式 YAML 标签（!!python/…、!foo）",
    "ambiguous-number": "数字以 0 开头，YAML 1.1 会按八进制读取",
    "csv-syntax": "CSV 行无法读取（单元格数与表头不符）",
    "missing-field": "缺少必填字段",
    "unknown-field": "数据格式中没有这个字段",
    "wrong-type": "字段类型错误（如在应填数字处填了文字）",
    "invalid-choice": "字段值不在允许的代码之中",
    "invalid-value": "字段值超出范围或格式错误",
    "invalid-id": "id 不是小写连字符格式（kebab-case）",
    "hidden-character": "名称、备注或引文中含有控制字符、双向控制字符或不可见字符",
    "invalid-period": "期间不是年份（2019）或季度（2020-Q2）",
    "unknown-unit": "hitrack 与规划（plan.units）都不认识的单位",
    "not-a-number": "数字写成了文字（加了引号，或用了中文数字）",
    "not-finite": "应填数字处为 NaN 或无穷大",
    "duplicate-id": "目标、平台、类别、分组或区的 id 重复",
    "target-fields": "目标缺少其类型或比较方式所需的字段，或含有不应有的字段",
    "unit-mismatch": "单位无法换算为目标的单位",
    "unit-declaration": "plan.units 中的单位重复声明、重定义了内置单位，或不是新量纲、计数单位、"
    "已知单位的倍数三者之一",
    "unknown-target": "实际值引用了不存在的目标",
    "unknown-zone": "规划未列出的区",
    "unknown-owner": "目标的责任单位不在 plan.owners 中",
    "unknown-reference": "目标的 against 不是 references 中的参照序列",
    "unknown-section": "目标的章节不在 plan.sections 中",
    "owner-not-in-quote": "责任单位的名称不在目标的 owners_quote 中",
    "unknown-category": "platforms.yaml 未定义的平台类别",
    "duplicate-period": "两个实际值文件报告了同一期间",
    "period-mismatch": "实际值文件的期间与文件名不符",
    "period-out-of-range": "期间超出规划期",
    "plan-window": "规划起始晚于截止，或目标的起始期、截止期超出规划期（或起始晚于截止）",
    "duplicate-actual": "同一期间重复报告同一目标（及区）",
    "actual-fields": "实际值缺少其目标类型所需的字段",
    "negative-value": "数量或金额为负数",
    "register-count": "平台名录与原文声明的数量不符",
    "platform-fields": "平台的认定日期缺少出处，或有出处而无日期",
    "number-not-in-quote": "目标的数值在原文引文中找不到",
    "quote-disagrees": "目标的比较方式、单位或类型与原文用词相悖（如“突破”却写成 lt，"
    "“亿元”写成“万元”）；若只是超出原文所述（单独的“达到”、无比较词的数字）而未记录解读，则为警告",
    "quote-not-in-source": "引文不在规划原文（plan.source）中",
    "source-untraced": "无法核对规划原文：文件缺失、不是 UTF-8、无法读取，"
    "或重复过多、核对达到工作量上限而停止（警告）",
    "source-refused": "规划原文不是数据目录内的普通文件（途经符号链接、FIFO 或设备），"
    "或超过大小上限",
    "source-changed": "规划原文的 SHA-256 与 plan.source_sha256 不符",
    "plan-changed": "与基准版本相比（`check --base`），此变更修改了规划本身"
    "（目标、阈值、平台、原文），而不仅是数据（警告）",
    "no-register": "有平台名录类目标，但没有 platforms.yaml",
    "unit-scale": "数值约为其他期间或目标的一万倍或一亿倍（或其万分之一）："
    "疑为万/亿单位错位（警告）",
    "percent-as-fraction": "百分比写成了小数，如把 36.8% 写成 0.368（警告）",
    "share-over-100": "占比（比率类目标）超过 100%（警告）",
    "fractional-count": "计数不是整数，如 47.5家（警告）",
    "implausible-jump": "数值与其他期间相差超过 plausibility.jump 倍（警告）",
    "ytd-decrease": "年内累计数在同一年的后一期反而下降（警告）",
    "date-in-future": "报送日期或里程碑完成日期晚于今天（警告）",
    "reported-early": "报送日期不晚于所属期间的最后一天（警告）",
    "unread-file": "actuals/ 中有 hitrack 不读取的文件（警告：不是 .yaml 或 .csv）",
}


#: message key of `core.problems.MESSAGES` -> its Chinese, with the same `{named}` parameters.
PROBLEM_MESSAGES_ZH: dict[str, str] = {
    "unit-undeclared": (
        "未知单位 {text}；请用以下之一：{known}，或在 plan.units 中声明它（新的 `dimensio"
        "n`、`count: true`，或已知单位的倍数 `equals: {{value, unit}}`）"
    ),
    "unit-one-way": (
        "声明的单位须恰为以下之一：新量纲 `dimension`（件/万人）、计数单位 `count: true`"
        "（所、台套）、已知单位的倍数 `equals: {{value, unit}}`"
    ),
    "unit-builtin": (
        "{symbol} 是 hitrack 内置的单位；规划只能把内置计数单位声明为等于另一个（个 作 家"
        "：`equals: {{value: 1, unit: 家}}`）"
    ),
    "unit-twice": "{symbol} 重复声明",
    "unit-equals-unknown": "{unit} 在此处不是已知单位：`equals` 须指内置单位或在此之前声明的单位",
    "unit-equals-positive": "`equals.value` 须大于零",
    "unit-dimension-taken": (
        "量纲 {dimension} 已有其单位；请把此单位声明为它的倍数 `equals: {{value, unit}}`"
    ),
    "register-level-both": "`level`（恰为此级别）与 `min_level`（此级别及以上）只能给一个",
    "register-min-unspecified": (
        "`min_level` 按 national > provincial > municipal 排序；unspecified 没有级别"
    ),
    "register-new-undated": (
        "该目标只统计目标期内新建的平台（`new: true`），但有 {count} 个符合条件的平台没有"
        " `designated` 日期：{ids}；请给出各自的认定日期及出处"
    ),
    "platform-no-source": (
        "{id}：认定日期 `designated` 须有出处 `designated_source`（认定通知或其文号），示"
        "例日期则标 `sample: true`"
    ),
    "platform-no-date": (
        "{id}：`designated_source` 是 `designated` 日期的出处；请给出日期（YYYY-MM-DD）"
    ),
    "against-kind": "{kind} 类目标不能与参照序列比较（`against`）；可比较的类型：{which}",
    "against-comparator": (
        "与参照序列比较（`against`）的目标须用 gt、gte、lt 或 lte（高于：gt，不低于：gte）"
    ),
    "against-field": (
        "与参照序列比较（`against`）的目标以参照序列为准，不写 `{name}`；高出或低于的幅度"
        "写在 `margin`"
    ),
    "against-margin-negative": "`margin` 不能为负：方向由比较方式决定",
    "against-unit": "参照序列 {id} 的单位是 {unit}，无法换算为目标的 {target_unit}",
    "margin-without-against": "`margin` 只用于与参照序列比较（`against`）的目标",
    "reference-unknown": "参照序列 {name} 不在 `references` 中；已有：{known}",
    "reference-none": "参照序列 {name} 不在 `references` 中：targets.yaml 未列出任何参照序列",
    "reference-is-target": "参照序列编号 {id} 也是某个目标的编号；两者的实际值会混在一起",
    "more-like-this": "另有 {count} 个同类问题（{code}）未列出",
    "file-missing": "数据目录中没有 targets.yaml；请创建它（见 `hitrack init`）",
    "outside-data-dir": "该文件是指向数据目录之外的符号链接（或位于被链接的文件夹中）；"
    "请把文件复制进来",
    "not-a-file": "这是一个目录；这里须是数据文件",
    "not-regular": "不是普通文件；这里须是数据文件",
    "link-loop": "符号链接形成循环；请删除它",
    "cannot-read": "无法读取该文件：{reason}",
    "file-too-large": "文件大小为 {size} 字节，上限为 {cap}"
    "（请拆分文件，或把大批数据写成 CSV 实际值文件）",
    "utf-16": "文件为 UTF-16 编码；请另存为 UTF-8（Excel/WPS 中选 'CSV UTF-8'）",
    "nul-bytes": "文件含有 NUL 字节：是二进制文件，不是 YAML 文本",
    "not-utf-8": "文件不是 UTF-8 编码；请另存为 UTF-8",
    "gbk": "文件似为 GBK/GB18030 编码；请另存为 UTF-8",
    "yaml-alias": "不允许使用锚点和别名（&name、*name）；请直接写出数值",
    "key-not-text": "键必须是纯文字",
    "yaml-merge-key": "不允许使用合并键（<<）；请直接写出各键",
    "yaml-tag": "不允许使用 {tag} 这类 YAML 标签；请删除",
    "multiple-documents": "文件包含多个 YAML 文档（---）；只保留一个",
    "empty-file": "文件为空；其中须是一个 YAML 映射",
    "null-file": "文件只有 null；其中须是一个映射",
    "control-character": "YAML 语法：不允许控制字符 {char}；请删除",
    "yaml-syntax": "YAML 语法错误（解析器原文：「{detail}」）",
    "duplicate-key": "键 {key} 重复（首次在第 {line} 行）；只保留一个",
    "ambiguous-number": "{text} 以 0 开头，YAML 1.1 会按八进制读取；请写 {meant}，或加引号",
    "full-width-colon": "{key} 后是全角冒号“：”（U+FF1A）：YAML 需要半角冒号加空格；"
    "请切换到半角（英文）输入，写成 `{typed}: `",
    "full-width-comma": "字段之间是全角逗号“，”（U+FF0C）：YAML 需要半角逗号；请改为 ', '",
    "full-width-space": "全角空格 U+3000：YAML 把它当作文字而不是空格；请改为半角空格",
    "full-width-yaml-digits": "全角数字 {text}：YAML 把它当作文字而不是数字；"
    "请改为半角数字 {meant}（原为“{written}”）",
    "too-deep": "YAML 嵌套超过 {depth} 层；hitrack 的文件都用不到这么深",
    "missing-field": "{field}：缺少这个必填字段",
    "unknown-field": "{field}：未知字段；请删除",
    "unknown-field-suggest": "{field}：未知字段；是否应为 {suggestion}？",
    "not-a-mapping": "{field}：应为 `key: value` 各行组成的映射",
    "file-not-a-mapping": "整个文件：应为 `key: value` 各行组成的映射",
    "invalid-choice": "{field} 须为 {expected} 之一；实际为 {got}",
    "wrong-type": "{field}：{msg}，实际为 {got}",
    "invalid-value": "{field}：{msg}",
    "expected-number": "应为数字，实际为 {got}",
    "not-finite": "不允许 NaN 和无穷大；请写一个数字",
    "number-too-large": "{number} 过大（至多 18 位数字）",
    "too-many-decimals": "{number} 的小数超过 18 位",
    "expected-count": "应为不小于 0 的整数，实际为 {got}",
    "expected-text": "应为文字，实际为 {got}；请加引号",
    "empty-text": "不能为空",
    "text-too-long": "长 {length} 个字符；至多 {limit} 个",
    "invalid-id": "{text} 不是 kebab-case 格式的 id：只用 a-z、0-9 和单个连字符（如 rd-spend）",
    "invalid-period": '{text} 不是期间：请写年份（"2019"）或季度（"2020-Q2"）',
    "expected-unit": "单位应写成文字，实际为 {got}",
    "unknown-unit": "未知单位 {text}；请用以下之一：{known}",
    "expected-flag": "应为 true 或 false，实际为 {got}",
    "expected-date": "应为 YYYY-MM-DD 格式的日期，实际为 {got}",
    "full-width-digits": "应为数字，实际为全角数字 {text}：请改用半角数字输入 {meant}，不加引号",
    "quoted-number": "应为数字，实际为文字 {text}：请去掉引号",
    "number-with-unit": "应为数字，实际为 {text}：请写成 `value: {number}` 和 `unit: {unit}`",
    "chinese-numeral": "应为数字，实际为中文数字 {text}：请写 {number}",
    "thousands-separator": "应为数字，实际为 {text}：请去掉千位分隔符和引号",
    "hidden-character": "第 {at} 个字符是{what}；这类字符会在审阅和输出中隐藏或打乱文字："
    "请删除它（不确定位置时重新输入这段文字）",
    "csv-empty": "文件为空；第一行须为表头 {header}",
    "column-twice": "列 {column} 出现了两次",
    "unknown-column-suggest": "未知的列 {column}；是否应为 {suggestion}？",
    "unknown-csv-column": "未知的列 {column}；可用的列：{known}",
    "header-lacks": "表头缺少列 {column}；须有 {header}",
    "duplicate-id": "{what} id {id} 重复使用（首次在第 {line} 行）；id 必须唯一",
    "unknown-owner": "责任单位 {id} 不在 plan.owners 中；已有：{known}",
    "unknown-section": "章节 {id} 不在 plan.sections 中；已有：{known}",
    "unknown-zone": "区 {id} 不在 plan.zones 中；已有：{known}",
    "unknown-zone-none": "区 {id} 不在 plan.zones 中（规划未列出各区）",
    "unknown-zone-platform": "区 {id} 不在 plan.zones 中",
    "number-not-in-quote": "{field} 的数值 {number} 不在引文 {quote} 中；请复制写明该数值的原句",
    "path-not-in-quote": "路径的 {field} {number}（{period}：{value}）不在引文 {quote} 中；"
    "请复制逐年写明各中间值及其年份的原句",
    "stated-not-in-quote": "明确水平 {number} 不在引文 {quote} 中；请复制写明该数值的原句",
    "baseline-not-in-quote": "基数 {number} 不在引文 {quote} 中",
    "count-not-in-quote": "数量 {number} 不在引文 {quote} 中",
    "quote-differs": "引文不在规划原文 {source} 中（忽略空白比较）：一致到 {matched}，"
    "自 {differs} 起不同；请照原文逐字复制",
    "quote-not-in-source": "引文不在规划原文 {source} 中（忽略空白比较）：连第一个字都对不上；"
    "请照原文逐字复制",
    "quote-not-found": "引文不在规划原文 {source} 中（忽略空白比较）；请照原文逐字复制",
    "no-register": "平台名录类目标需要数据目录中有 platforms.yaml",
    "unknown-category": "类别 {id} 未在 platforms.yaml 中定义；已有：{known}",
    "period-mismatch": "期间 {period} 与文件名 {stem} 不符；请把文件改名为 {period}.yaml，"
    "或改正期间",
    "duplicate-period": "期间 {period} 也在 {file} 中报告；请合并这两个文件",
    "period-out-of-range": "期间 {period} 超出规划期 {start}..{deadline}",
    "unknown-target": "没有 id 为 {id} 的目标",
    "unknown-target-suggest": "没有 id 为 {id} 的目标；是否应为 {suggestion}？",
    "duplicate-actual": "{target} 在 {period} 重复报告；只保留一个值",
    "each-zone": "{target} 按区分别考核；请给该值写明 `zone`",
    "other-zone": "{target} 属于区 {zone}；该值写的是 {named}",
    "plan-start-late": "plan.start {start} 晚于 plan.deadline {deadline}",
    "deadline-outside": "截止期 {period} 超出规划期 {start}..{deadline}",
    "start-outside": "起始期 {period} 超出规划期 {start}..{deadline}",
    "start-late": "起始期 {period} 晚于目标的截止期 {deadline}",
    "path-outside": "路径期间 {period} 不在目标期限 {start}..{deadline} 之内：中间值应晚于起始期、"
    "早于截止期（截止期的值即 `value`）",
    "category-not-listed": "类别 {id} 不在已定义的类别中：{known}",
    "register-count": "{title} 声明有 {count} 个，但平台名录中符合的平台有 {listed} 个；"
    "请补充平台或调整其类别",
    "unit-mismatch": "{unit} 无法换算为 {allowed}（{target}）",
    "parts-not-divisible": "分子单位 {numerator} 与分母单位 {denominator} 无法相除",
    "negative-value": "{value} {unit}：数量或金额不能为负数",
    "owner-not-in-quote": "责任单位 {name}（{id}）不在 owners_quote {quote} 中；"
    "请复制原文中写明它的文字",
    "unread-file": "hitrack 在此只读取 .yaml、.yml 和 .csv 文件；报表请用 `hitrack import` "
    "导入，或把该文件移出 actuals/",
    "actuals-not-a-folder": "actuals 须是存放实际值文件的文件夹，不能是文件",
    "kind-needs": "类型为 {kind} 的目标须有 `{name}`",
    "kind-needs-baseline": "类型为 {kind} 的目标须有 `{name}`（测算所依据的基期数值：规划写明时为 "
    "`baseline: {{value, period, unit, quote}}`，否则须注明其所出自的统计公报或年鉴的 "
    "`source`、`issuer`、`year` 以及 `page` 或 `url`）",
    "kind-refuses": "类型为 {kind} 的目标不应有 `{name}`",
    "kind-unit": "类型为 {kind} 的目标以 {unit} 计量，不是 {written}",
    "register-unit": "名录类目标统计平台个数；请使用计数单位，不是 {unit}",
    "between-needs-range": "`between` 目标须有 `low` 和 `high`",
    "low-above-high": "下限 low {low} 高于上限 high {high}",
    "between-has-value": "`between` 目标使用 `low` 和 `high`，不用 `value`",
    "between-needs-upper-binds": "`between` 目标须有 `upper_binds`：上限为封顶时写 true"
    "（聚焦1-2个：第三个即未达成），可以超出时写 false（突破3-5项）",
    "comparator-needs-value": "`{comparator}` 目标须有 `value`",
    "between-only": "`{name}` 只用于 `between` 目标",
    "approx-needs-tolerance": "`approx` 目标须有 `tolerance`（偏离 value 多少仍算达成）",
    "approx-only": "`tolerance` 只用于 `approx` 目标",
    "negative-tolerance": "tolerance 不能为负数",
    "baseline-unit": "基期单位 {unit} 无法换算为 {target_unit}",
    "relative-baseline-unit": "relative 目标的基期须有 `unit`",
    "against-no-path": "与参照序列比较（`against`）的目标按双方都有报告的最近一期评判："
    "不用 `path` 或 `every_period`",
    "every-period-only": "`every_period`（每年都须达到）只用于 {holding} 类型的目标；类型为 "
    "{kind} 的目标按整个规划期评判",
    "flow-only": "`flow` 只用于 {flows} 类型的目标；类型为 {kind} 的目标不能有它",
    "reading-needs-note": "标注 `reading: true` 的目标须有 `note`，说明是如何解读的",
    "one-zone-and-each": "属于某一个区的目标不能同时适用于每个区（zone_scope: each）",
    "each-needs-zones": "zone_scope `each` 需要 plan.zones",
    "baseline-cites-without-source": "`baseline.{name}` 描述的是基期的 `source`：请同时写出 "
    "`source`（公报或年鉴的标题）",
    "baseline-source-incomplete": "规划未写明的基期数值须注明来源：请补充 {fields}"
    "（发布者、发布时间、数字所在位置），或把示意用的数字标为 `sample: true`",
    "stated-comparator": "写明的目标水平要求目标的比较方式为 gt、gte、lt 或 lte",
    "stated-other-way": "写明的目标水平（{stated}）与目标（{comparator}）方向相反："
    "两个条件须指向同一方向",
    "stated-unit": "写明的目标水平的单位 {unit} 无法换算为基期的 {baseline_unit}",
    "owner-twice": "责任单位 {id} 列出了两次",
    "too-many-items": "文件有 {count} 行和列表项，超过 hitrack 单个文件读取的上限 {limit}；"
    "请拆分（每期一个文件）",
    "too-many-rows": "文件有 {count} 行，超过 hitrack 单个文件读取的上限 {limit}；"
    "请拆分（每期一个文件）",
    "git-missing": "未安装 git，或 git 不在 PATH 中",
    "git-said": "git 报错：「{detail}」",
    "git-failed": "git {command} 执行失败",
    "git-not-a-repo": "{start} 不在 git 可读取的仓库中（{err}）；请以两个目录给出 BASE 和 HEAD",
    "git-bad-revision": "{revision} 不是版本名",
    "git-unknown-revision": "未知版本 {revision}（可运行 `git log --oneline` 查看）",
    "git-no-default-branch": "没有可比较的默认分支（origin/HEAD、main 或 master）；请指定 BASE，"
    "例如 `hitrack diff HEAD~1`",
    "git-outside": "数据目录 {data} 不在 git 仓库 {repo} 之内",
    "git-no-data-dir": "{commit} 中没有 {where}：无可比较",
    "git-not-a-folder": "{commit} 中的 {where} 是 {found}，不是文件夹",
    "plan-changed": "此变更修改了规划本身，而不只是数据：{what}（与 {label} 相比）；"
    "请对照规划原文审核",
    "plan-changed-new": "基准没有数据目录：全部为新增",
    "plan-changed-unreadable": "无法读取基准 {label} 进行比较",
    "plan-changed-fields": "规划字段 {fields} 有变化",
    "plan-changed-target": "{n} 项目标有增加、修改或删除（{shown}）",
    "plan-changed-targets": "{n} 项目标有增加、修改或删除（{shown}）",
    "plan-changed-targets-more": "{n} 项目标有增加、修改或删除（{shown}，另有 {more} 项）",
    "plan-changed-platforms": "科研平台名录中 {n} 条记录有增加、修改或删除",
    "plan-changed-source": "规划原文有变化（{before} → {after}）",
    "direction-kind": "`{comparator}`（只看方向）只用于 {kinds} 类目标；{kind} 类目标需要一个"
    "要达到的数值",
    "direction-no-number": "`{comparator}` 目标只按变化方向评估，不能有 `{name}`；规划写明要达到的"
    "数值时，应使用 gt、gte、lt 或 lte",
    "direction-no-path": "`{comparator}` 目标没有可设中间目标的数值",
    "path-kind": "`path`（中间目标）只用于 {kinds} 类目标；{kind} 类目标不能有",
    "path-between": "`between` 目标没有单一数值，无法设中间目标",
    "path-order": "中间目标的期间 {period} 不在 {before} 之后：请按期间顺序列出，每期一个",
    "no-lead-owner": "责任单位中没有牵头部门：请把规划所说牵头的那个标为 `role: lead`",
    "owners-quote-without-owners": "`owners_quote` 引用了责任单位：请在 `owners` 中列出它们",
    "sheet-counted": "{target} 由 platforms.yaml 统计得出，无需报告；请让该单元格留空，或用 "
    "--map 把该行映射为 null",
    "formula-no-value": "公式 {formula} 没有保存计算结果；请在 Excel 或 WPS 中打开并保存该文件，"
    "然后重新导入",
    "sheet-milestone": "{target} 是里程碑：{why}",
    "sheet-unknown-unit": "未知单位 {unit}；可用：{known}",
    "sheet-units-differ": "单元格写的是 {written}，而单位列是 {column}",
    "sheet-no-unit": "{target}：{value} 没有单位；请加一个“单位”列，或在表头中写明单位，"
    "如 本期（万元）",
    "sheet-unit-mismatch": "{target} 以 {allowed} 计量；{unit} 无法换算",
    "sheet-part": "{part}：{why}",
    "sheet-part-unit": "{target}：请给出 {part} 的单位",
    "duplicate-row": "{target} 在 {first} 也有一个不同的数值；请只保留一个",
    "sheet-no-period-column": "有多行数值但没有“期间/period”列；请只保留 {period} 的一行，"
    "或加一个期间列",
    "draft-cannot-read": "无法读取 {path}：{reason}",
    "draft-too-large": "{path} 超过 {mb} MB；请拆分文档",
    "draft-encoding": "{path} 既不是 UTF-8 也不是 GBK 文本（是 .doc 或 PDF？）；请另存为 .docx "
    "或 .txt",
    "draft-xml-too-large": "{path}：word/document.xml 过大",
    "draft-not-docx": "{path} 不是可读取的 .docx（没有 word/document.xml）",
    "draft-dtd": "{path}：文档声明了 DTD 或实体；已拒绝",
    "draft-bad-xml": "{path}：word/document.xml 不是格式正确的 XML（「{detail}」）",
    "site-link": "{path} 是符号链接；请给出目录本身",
    "site-not-a-dir": "{path} 已存在且不是目录",
    "site-not-ours": "{path} 不是空目录，也不是 hitrack 生成的网站（没有 {marker}）；"
    "请选择一个新的或空的目录，或先清空此目录",
    "site-marker-not-regular": "{path} 不是普通文件；请删除它或选择另一个目录",
    "site-folder-not-dir": "{path} 不是目录（而是链接或文件）；请删除它",
    "site-file-not-regular": "{path} 不是普通文件（是链接？）；请删除它",
    "map-not-a-mapping": "应为含 `targets:` 和/或 `columns:` 的映射",
    "map-unknown-key": "未知的键 {key}；请使用 `targets:` 和 `columns:`",
    "map-section": "`{key}` 须是 `label: value` 形式各行组成的映射",
    "map-not-a-target": "{id} 不是目标编号；可用的编号：{known}",
    "map-role": "`{role}: {header}`：请为以下角色之一给出表头：`{roles}`",
    "skipped-rows": "{count} 行属于期间 {period}",
    "skipped-empty": "{target}：没有数值（{cell}）",
    "cannot-merge": "无法合并到期间文件：{why}；请手工编辑",
    "sheet-cannot-read": "{path}：无法读取该文件：{reason}",
    "sheet-too-large": "{path}：超过 {mb} MB；请拆分文件",
    "csv-no-sheets": "--sheet {sheet}：CSV 文件没有工作表；请去掉 --sheet",
    "sheet-suffix": "{path}：应为 .xlsx、.xls、.ods 或 .csv 文件，实际为 {suffix}",
    "sheet-no-suffix": "{path}：应为 .xlsx、.xls、.ods 或 .csv 文件，实际没有扩展名",
    "sheet-bad-encoding": "{path}：看起来是 {encoding} 编码，但无法解码",
    "sheet-encoding": "{path}：既不是 UTF-8、UTF-16，也不是 GBK；请在 Excel 或 WPS 中另存为 "
    "'CSV UTF-8'",
    "sheet-csv-syntax": "{path}:{line}：CSV 格式错误（解析器原文：「{detail}」）",
    "workbook-unreadable": "{path}：无法作为 {kind} 工作簿读取（「{detail}」）",
    "workbook-no-sheets": "{path}：工作簿中没有工作表",
    "no-such-sheet": "--sheet {sheet}：{path} 中没有这个工作表；其工作表有：{sheets}",
    "sheet-spans-too-much": "{path}：已拒绝：工作表跨越超过 {rows} 行或 {cells} 个单元格"
    "（重复的行或列）；请一次只导入一个期间的表",
    "sheet-too-many-cells": "{path}：已拒绝：工作表超过 {rows} 行或 {cells} 个单元格；"
    "请一次只导入一个期间的表",
    "zip-bomb": "{path}：已拒绝：解压后超过 {mb} MB（压缩炸弹？）",
    "cell-not-finite": "{value} 不是有限数值",
    "cell-flag-not-number": "{value} 是真/假单元格，不是数字",
    "cell-date-not-number": "{value} 是日期单元格，不是数字；请把单元格格式设为数字",
    "cell-not-a-number": "{value} 不是数字",
    "cell-scientific": "{value} 是科学计数法（Excel 隐藏位数时的写法）；请把该列格式设为显示全部"
    "位数的数字后重新导出",
    "cell-chinese-numeral": "{value} 是中文数字；请写 {number}",
    "cell-comma": "{value} 不是数字：逗号只作千位分隔符（1,234.5）",
    "cell-not-a-number-text": "{value} 不是数字；没有数值时请让单元格留空",
    "cell-nan": "NaN 和无穷大不是数值；请让单元格留空",
    "cell-not-a-flag": "{value} 不是“是/否”；请写 TRUE/FALSE、是/否 或 已完成/未完成",
    "cell-not-a-date": "{value} 不是日期；请写成 YYYY-MM-DD",
    "unit-scale": "是否应为 {meant} {unit}？{shown} 是{against}的{times}"
    "（如数字无误，请加 `confirmed: why` 说明）",
    "unit-scale-hint": "是否应为 {meant} {unit}？{shown} 是{against}的{times}；或保留数字、"
    "改写为 `unit: {other}`（如数字无误，请加 `confirmed: why` 说明）",
    "percent-as-fraction": "是否应为 {meant}%？{shown} 像是把百分比写成了小数"
    "（{against}约为它的 100 倍）",
    "implausible-jump": "{shown} 是{against}的{size}，超出 plausibility.jump（{jump}）；"
    "请核对数字及其单位，或在该数值上加 `confirmed: why`",
    "times": " {n} 倍",
    "times-less": " {n} 分之一",
    "fraction-of": " 1/{n}",
    "against-period": " {period} 的数值（{value} {unit}）",
    "against-median": "其他期间（{periods}）的中位数",
    "against-target": "目标",
    "csv-error": "CSV 格式错误（解析器原文：「{detail}」）",
    "csv-error-rest": "CSV 格式错误（解析器原文：「{detail}」）；其后的行未读取",
    "row-width": "该行有 {cells} 个单元格，而表头有 {header} 个；含逗号的单元格请加引号",
    "counted-value": "{target} 由 platforms.yaml 统计得出；请删除这个数值",
    "milestone-needs-done": "{target} 是里程碑：请报告 `done: true|false`",
    "milestone-number": "{target} 是里程碑：请报告 `done`，不要写数字",
    "not-a-milestone": "{target} 不是里程碑：请报告 `value` 和 `unit`",
    "parts-not-a-share": "numerator/denominator 只用于 ratio 目标（以及基期以 % 计的比重类 "
    "relative 目标）",
    "value-or-parts": "请只报告 `value`，或同时报告 `numerator` 和 `denominator`",
    "value-needs-unit": "{target} 须有 `value` 和 `unit`",
    "source-is-a-path": "plan.source {source} 须是 sources/ 中的文件名，不能是路径",
    "source-refused": "plan.source {source}：{why}；未核对任何引文",
    "source-changed": "sources/{source} 的 SHA-256 为 {sha256}，不是规划所固定的 {pinned}："
    "该文件被编辑、重新编码或替换过；如属有意，请逐条核对引文后更新 plan.source_sha256",
    "source-untraced": "无法把引文与 {source} 核对：{why}；请把规划原文以 UTF-8 文本存放在 "
    "sources/ 中（或删除 plan.source）",
    "tracing-stopped": "引文核对已停止：sources/{source} 反复重复少数几个字符，核对其 {count} "
    "条引文将超过 {budget} 步，部分引文未核对；文件中请只保留规划本身的文字",
    "source-not-a-file-name": "plan.source 不是文件名",
    "source-not-utf-8": "文件不是 UTF-8 编码；请另存为 UTF-8",
    "source-nul-bytes": "文件含有 NUL 字节：不是文本",
    "source-not-found": "数据目录的 {folder}/ 中没有该文件",
    "source-over-cap": "文件超过 {mb} MB",
    "source-dir-unreadable": "无法读取数据目录：{reason}",
    "source-step-unreadable": "无法读取 {path}：{reason}",
    "source-link": "{path} 是符号链接；规划原文须是数据目录内的普通文件：请把它复制进来",
    "source-not-a-folder": "{path} 不是文件夹",
    "source-not-regular": "不是普通文件（而是文件夹、FIFO、设备或套接字）；规划原文须是文本文件",
    "source-unreadable": "无法读取该文件：{reason}",
    "source-swapped": "读取期间文件被更改；请重新运行检查",
    "quote-unit-scale": "原文为「{words}」（{numbers} {unit}），单位应为 {unit}；文件写的是 "
    "{written}，数量级不同：请写 `unit: {unit}`",
    "quote-unit": "原文为「{words}」，单位应为 {unit}；文件写的是 {written}",
    "quote-bare-level": "原文只写了「{words}」，是要达到的水平；文件写的是 {written}",
    "quote-bare-number": "原文只写了「{words}」，没有表示比较的词；文件把它读作 {written}："
    "请记下这一解读（`reading: true` 并写 note）",
    "quote-comparator-unstated": "原文只有「{words}」（{gloss}），可读作 {read} 但并未写明："
    "请记下这一解读（`reading: true` 并写 note）",
    "quote-comparator": "原文为「{words}」（{gloss}），比较方式应为 {read}；文件写的是 {written}",
    "quote-kind": "原文为「{words}」，类型应为 {read}；文件写的是 {written}",
    "quote-no-growth": "原文在「{words}」之前没有表示增长的词（年均增长、增速、增长）；"
    "文件写的是 growth，原文读作 {read}",
    "quote-share": "原文为「{words}」（一个比重），类型应为 ratio；文件写的是 {written}",
    "quote-cumulative": "原文为「{words}」（规划期内的累计数），读作 cumulative；文件写的是 "
    "level：请记下这一解读（`reading: true` 并写 note）",
    "done-in-future": "{target} 的完成日期 {date} 晚于今天（{today}）；请写实际完成的日期，"
    "未完成前写 `done: false`",
    "reported-in-future": "报送日期 {date} 晚于今天（{today}）；请写数据发布的日期（年份写错了？）",
    "reported-early": "报送日期 {date} 不晚于期间的最后一天 {end}：一期的数据在期末之后才发布；"
    "请核对年份和期间",
    "fractional-count": "{number} {unit}：计数应为整数；是否应为 {low} 或 {high}？"
    "（若是平均数，请加 `confirmed: why`）",
    "share-over-100": "{number}%：占比（{target}）不能超过 100%；请核对数值"
    "（是否把数量或金额填进了占比一栏？）",
    "ytd-decrease": "{target} 按年初至今累计报告：{later} 的 {after} 小于同年 {earlier} 的 "
    "{before}；年内累计数不会下降（其中一个是单季度数吗？）",
    "not-a-directory": "{what}：{path} 不是目录",
    "max-bytes": "HITRACK_MAX_BYTES：{text} 不是正的字节数",
    "no-data-dir": "此处没有 ./data 目录；请用 --data 指定数据目录",
    "side-not-a-directory": "{path} 不是目录",
    "dir-or-revision": "{path} 既是目录又是 git 版本；指目录请写 ./{name}，"
    "或加 --rev 把 BASE 和 HEAD 都按版本读取",
    "bad-period-option": "{option} {value}：请写年份（2019）或季度（2020-Q2）",
    "bad-date-option": "{option} {value}：请写 YYYY-MM-DD 格式的日期",
    "no-header": "找不到表头行（需有一列 指标/名称 或 编号/id，和一列 数值/本期），"
    "也没有一行目标名称；请加表头行，或用 --map 说明各表头的含义",
    "unknown-row": "{label} 不是目标、别名（targets.yaml 的 `aliases`）或 --map 中的行名；"
    "请把它对应到目标 id 或 null，或删除该行",
    "unknown-column": "列 {label} 不是目标或别名；请用 --map 把它对应到目标 id 或 null，或删除该列",
    "ambiguous-name": "{label} 与多个目标相符：{ids}；请写 id",
    "sheet-period": "{text} 不是期间；请写 2020 或 2020-Q2",
    "sheet-zone": "{text} 不是本规划的区；已有：{known}",
}

#: what a hidden character is (`tokens.hidden_character`), in Chinese
HIDDEN_KINDS_ZH: dict[str, str] = {
    "a bidi control, which reorders the text around it": "双向控制字符，会打乱其周围文字的顺序",
    "a line or paragraph separator": "行或段落分隔符",
    "a control character": "控制字符",
    "an invisible character": "不可见字符",
}

#: the English words a parameter may hold, by parameter, in Chinese
#: The operating system's reasons (`strerror`) in Chinese, for the common ones.
OS_REASONS_ZH: dict[str, str] = {
    "No such file or directory": "没有这个文件或目录",
    "Permission denied": "权限不足",
    "Is a directory": "这是一个目录",
    "Not a directory": "不是目录",
    "File exists": "文件已存在",
    "No space left on device": "磁盘空间不足",
    "Read-only file system": "文件系统为只读",
    "Too many levels of symbolic links": "符号链接层级过多",
    "File name too long": "文件名过长",
    "Operation not permitted": "不允许该操作",
    "Disk quota exceeded": "超出磁盘配额",
    "Resource temporarily unavailable": "资源暂时不可用",
}


def os_reason(reason: object, lang: Lang) -> str:
    """The operating system's reason for an error (`strerror`) in `lang`, where it is known."""
    text = str(reason)
    return OS_REASONS_ZH.get(text, text) if lang == "zh" else text


#: The English gloss of a comparator's words (engine/phrases.py) in Chinese.
GLOSS_ZH: dict[str, str] = {
    "not lower than": "不低于",
    "not fewer than": "不少于",
    "not less than": "不小于",
    "not more than": "不超过",
    "not higher than": "不高于",
    "kept within": "控制在以内",
    "more than": "多于",
    "higher than": "高于",
    "over": "超过",
    "lower than": "低于",
    "fewer than": "少于",
    "less than": "小于",
    "about": "大约",
    "nearly": "接近",
    "strive to reach": "力争达到",
    "reach": "达到",
    "raise to": "提高到",
    "increase to": "增加到",
    "grow to": "增长到",
    "or more": "及以上",
    "within": "以内",
    "or less": "及以下",
    "a range": "一个区间",
    "at least": "至少",
    "at most": "至多",
}

PARAMS_ZH: dict[str, dict[str, str]] = {
    "what": {
        "target": "目标",
        "zone": "区",
        "owner": "责任单位",
        "section": "章节",
        "category": "类别",
        "platform": "平台",
    },
    "known": {
        "none: the plan has no zones": "无（规划未列出各区）",
        "none: the plan lists no owners (plan.owners)": "无（规划未列出责任单位 plan.owners）",
        "none: the plan lists no sections (plan.sections)": "无（规划未列出章节 plan.sections）",
    },
}


def _problem_messages() -> dict[str, tuple[str, str]]:
    from hitrack.core.problems import MESSAGES

    return {key: (PROBLEM_MESSAGES_ZH.get(key, ""), en) for key, en in MESSAGES.items()}


#: message key -> (Chinese, English): the templates of problem messages in both languages.
PROBLEM_MESSAGES: dict[str, tuple[str, str]] = _problem_messages()

#: Pydantic's own error types (a field of the wrong type) in Chinese; others are named by type.
PYDANTIC_ZH: dict[str, str] = {
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "string_type": "应为文字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "dict_type": "应为映射",
    "date_type": "应为日期",
    "date_parsing": "应为 YYYY-MM-DD 格式的日期",
    "date_from_datetime_parsing": "应为 YYYY-MM-DD 格式的日期",
    "too_short": "项数过少",
    "too_long": "项数过多",
    "string_too_short": "文字过短",
    "string_too_long": "文字过长",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "union_tag_invalid": "类型标记不在允许之列",
    "union_tag_not_found": "缺少类型标记",
}

_VALUE_ZH: tuple[tuple[str, str], ...] = (
    ("the text ", "文字 "),
    ("the full-width digits ", "全角数字 "),
)
_VALUE_WHOLE_ZH: dict[str, str] = {
    "nothing (null)": "空值（null）",
    "a mapping": "一个映射",
    "a list": "一个列表",
    "true (a boolean)": "true（布尔值）",
    "false (a boolean)": "false（布尔值）",
}


def _value_zh(text: str) -> str:
    """A value as `model._describe` words it (`the text '4'`), in Chinese."""
    if text in _VALUE_WHOLE_ZH:
        return _VALUE_WHOLE_ZH[text]
    for en, zh in _VALUE_ZH:
        if text.startswith(en):
            return zh + text[len(en) :]
    return text


def problem_message(key: str, params: tuple[tuple[str, str], ...], message: str, lang: Lang) -> str:
    """A problem's message in `lang`: from its template `key` when it has one (and the
    template has a Chinese), else `message` as it was built (English)."""
    if lang != "zh" or not key:
        return message
    from hitrack.core.problems import nested, template

    try:
        chinese = template(PROBLEM_MESSAGES_ZH, key, "：")
    except KeyError:
        return message
    values = {name: value for name, value in params if ":" not in name}
    for name in values:
        inner = nested(params, name)
        if inner is not None:  # a message inside the message: its own Chinese
            values[name] = problem_message(inner.key, inner.params, inner, lang)
    if "type" in values and "msg" in values:  # Pydantic's own words
        if values["type"] not in PYDANTIC_ZH:
            return message
        values["msg"] = PYDANTIC_ZH[values["type"]]
    if "got" in values:
        values["got"] = _value_zh(values["got"])
    for name, words in PARAMS_ZH.items():
        if name in values:
            values[name] = words.get(values[name], values[name])
    if "allowed" in values:  # units joined by " or "
        values["allowed"] = values["allowed"].replace(" or ", " 或 ")
    if "reason" in values:  # the operating system's words
        values["reason"] = os_reason(values["reason"], lang)
    if "gloss" in values:  # what a comparator's words mean, in English
        values["gloss"] = "…".join(GLOSS_ZH.get(g, g) for g in values["gloss"].split(" … "))
    if "flows" in values:  # kinds joined by " and "
        values["flows"] = values["flows"].replace(" and ", "、")
    if key.endswith("hidden-character"):  # "U+202E, a bidi control, which ..."
        char, _, kind = values.get("what", "").partition(", ")
        values["what"] = f" {char}（{HIDDEN_KINDS_ZH.get(kind, kind)}）"
    return chinese.format(**values)


def said_in(problem: Problem, lang: Lang) -> str:
    """`problem`'s message in `lang`."""
    return problem_message(problem.key, problem.params, problem.message, lang)


def say(message: object, lang: Lang) -> str:
    """A message (a `core.problems.Said`, else any text) in `lang`."""
    key, params = getattr(message, "key", ""), getattr(message, "params", ())
    return problem_message(key, params, str(message), lang)


def argv_lang(argv: list[str], environ: dict[str, str] | None = None) -> Lang:
    """The language a command line asks for: its last `--lang zh|en` (or `--lang=...`),
    else the locale's (`default_lang`). The help and usage errors are in it, before the
    command (which reads `--lang` itself) runs."""
    chosen = ""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg[len("--lang=") :]
    if chosen in ("zh", "en"):
        return "zh" if chosen == "zh" else "en"
    return default_lang(environ)


def problem_code(code: str, lang: Lang) -> str:
    """A problem's code as shown to people: in Chinese with what it means."""
    return f"{code}：{PROBLEM_TITLES[code]}" if lang == "zh" else code


def reason_words(code: str, params: tuple[tuple[str, str], ...], lang: Lang) -> str:
    return _choose(REASONS[code], lang).format(**dict(params))


#: the steps of an assessment, for `status --explain`: code -> (Chinese, English). Numbers
#: arrive formatted; `{status}` is a status code, put in words here.
STEPS: dict[str, tuple[str, str]] = {
    "points": ("数据点（{unit}）：{points}", "points ({unit}): {points}"),
    "zone-sums": ("以下各期为各区之和：{parts}", "sums over zones: {parts}"),
    "year-to-date": (
        "{period} 为年初至今累计：全年折算 {value} × 4 / {quarter} = {annual}",
        "{period} is year to date: annualised {value} x 4 / {quarter} = {annual} for the year",
    ),
    "cumulative": (
        "自 {start} 年累计：{parts} = {total}",
        "cumulative since {start}: {parts} = {total}",
    ),
    "cagr": (
        "年均增速 {start} → {end}：({last} / {first}) ^ (1 / {years} 年) - 1 = {rate}%",
        "CAGR {start} -> {end}: ({last} / {first}) ^ (1 / {years} years) - 1 = {rate}%",
    ),
    "cagr-from-baseline": (
        "年均增速 基期 {start} → {end}：({last} / {first}) ^ (1 / {years} 年) - 1 = {rate}%",
        "CAGR baseline {start} -> {end}: ({last} / {first}) ^ (1 / {years} years) - 1 = {rate}%",
    ),
    "no-growth-rate": (
        "计算增速需要两个相隔至少一个季度的正值数据点",
        "a growth rate needs two positive points at least a quarter apart",
    ),
    "measure-met": (
        "测度值 {measure} {unit} {comparator} {value}：达标（要求 {required}）",
        "measure {measure} {unit} {comparator} {value}: met (required {required})",
    ),
    "measure-not-met": (
        "测度值 {measure} {unit} {comparator} {value}：未达标（要求 {required}）",
        "measure {measure} {unit} {comparator} {value}: not met (required {required})",
    ),
    "pace-ahead": (
        "进度：按从 {origin} 出发的路径，{period} 应为 {expected}；{actual} 领先 {by}",
        "pace: expected {expected} at {period} on the path from {origin}; "
        "{actual} is ahead by {by}",
    ),
    "pace-behind": (
        "进度：按从 {origin} 出发的路径，{period} 应为 {expected}；{actual} 落后 {by}",
        "pace: expected {expected} at {period} on the path from {origin}; "
        "{actual} is behind by {by}",
    ),
    "projection-rate": (
        "推算：当前增速 {rate}% 保持到截止期；比值 = {rate} / {required}",
        "projection: the observed rate {rate}% holds to the deadline; ratio = {rate} / {required}",
    ),
    "projection-average": (
        "推算：{total} + 年均 {average} × {years} 年 = {projected}",
        "projection: {total} + average {average} a year x {years} years = {projected}",
    ),
    "projection-compound": (
        "按复合年增长率推算至 {deadline}"
        "（取首末两点 {first} → {last}，相隔 {years} 年）：{projected}",
        "projection to {deadline} by compound annual growth from the first and last points "
        "({first} -> {last} over {years} years): {projected}",
    ),
    "projection-linear": (
        "按直线推算至 {deadline}（取首末两点 {first} → {last}，相隔 {years} 年）：{projected}",
        "projection to {deadline} by a straight line through the first and last points "
        "({first} -> {last} over {years} years): {projected}",
    ),
    "projection-linear-floor": (
        "按直线推算至 {deadline}（取首末两点 {first} → {last}，相隔 {years} 年）将低于零，取 0",
        "projection to {deadline} by a straight line through the first and last points "
        "({first} -> {last} over {years} years) runs below zero: {projected}",
    ),
    "origin-met": (
        "起点已达标，此后回落：进度自最新值 {origin} 起算",
        "the origin already met the target and the measure fell since: progress counts "
        "from the latest value {origin}",
    ),
    "opensdg-ratio": (
        "Open SDG 方法：实际年均增速 {observed}% / 所需年均增速 {needed}% = {ratio}"
        "（≥0.95 按计划，≥0.6 有风险，≥0 滞后，<0 倒退）",
        "Open SDG method: observed CAGR {observed}% / required CAGR {needed}% = {ratio} "
        "(>= 0.95 on track, >= 0.6 at risk, >= 0 off track, < 0 deterioration)",
    ),
    "opensdg-undefined": (
        "Open SDG 方法：数值非正或无需增长，增速之比无定义",
        "Open SDG method: a value is not positive or no growth is required; the rate ratio "
        "is undefined",
    ),
    "over-range": ("高于区间上限 {high}：上限为约束，未达标", "above the ceiling {high}: not met"),
    "path": (
        "规划自有路径 {path}，{deadline} 为 {required}：进度按此路径衡量，而非直线",
        "the plan's own path {path}, then {required} at {deadline}: pace is measured on it, "
        "not on a straight line",
    ),
    "path-point-met": (
        "中间目标 {period} 应达 {value}：实际 {actual}，达到",
        "interim target {period}: {value}; actual {actual}: met",
    ),
    "path-point-missed": (
        "中间目标 {period} 应达 {value}：实际 {actual}，未达到",
        "interim target {period}: {value}; actual {actual}: missed",
    ),
    "path-behind": (
        "趋势虽按计划，但未达最近的中间目标（{period}）：判为有风险",
        "on track by the trend, but short of the latest interim target ({period}): at risk",
    ),
    "path-point-due": (
        "中间目标 {period} 应达 {value}：该期无数据",
        "interim target {period}: {value}; no value reported for it",
    ),
    "path-point-pending": (
        "中间目标 {period} 应达 {value}：尚未到期",
        "interim target {period}: {value}; not due yet",
    ),
    "direction-rising": (
        "方向：上升，{first}（{start}）→ {last}（{end}），年均 {rate}%",
        "direction: rising, {first} ({start}) -> {last} ({end}), {rate} % a year",
    ),
    "direction-falling": (
        "方向：下降，{first}（{start}）→ {last}（{end}），年均 {rate}%",
        "direction: falling, {first} ({start}) -> {last} ({end}), {rate} % a year",
    ),
    "direction-flat": (
        "方向：持平，{first}（{start}）→ {last}（{end}）",
        "direction: flat, {first} ({start}) -> {last} ({end})",
    ),
    "direction-years-rising": ("须逐年上升，逐年比较：{years}", "to rise every year: {years}"),
    "direction-years-falling": ("须逐年下降，逐年比较：{years}", "to fall every year: {years}"),
    "hold-years": (
        "须每年达标，逐年判定：{years}",
        "to hold every year, judged year by year: {years}",
    ),
    "hold-missed": (
        "须每年达标，逐年判定：{years}；{missed} 未达标，其后年份不能弥补",
        "to hold every year, judged year by year: {years}; missed in {missed}, which no "
        "later year makes good",
    ),
    "awaits-final": (
        "截至期 {deadline} 尚无最终数据（最新 {period}）：按推算判断",
        "no final figure for {deadline} yet (latest {period}): judged from the projection",
    ),
    "met-late": ("截止期 {deadline} 时尚未达成", "not yet met at the deadline {deadline}"),
    "stated-level": (
        "两个条件：{multiple} 倍于基数（{doubled}{unit}）且 {sign}{level}{unit}，都须满足："
        "要求 {required}",
        "two conditions, both to hold: {multiple} times the baseline ({doubled} {unit}) and "
        "{sign}{level} {unit}: required {required}",
    ),
    "own-window": (
        "目标自有期限 {start}—{deadline}（规划期 {plan_start}—{plan_deadline}）：按此起算与判定",
        "the target's own window {start}..{deadline} (the plan's {plan_start}..{plan_deadline}): "
        "counted and judged on it",
    ),
    "baseline-cited": (
        "基数 {period} = {value}{unit}，规划未写明，出自 {source}（不与规划原文核对）",
        "baseline {period} = {value} {unit}, not stated in the plan: from {source} (not traced "
        "to the plan)",
    ),
    "baseline-sample": (
        "基数 {period} = {value}{unit} 为示例数字（{source}），须换为统计数字",
        "baseline {period} = {value} {unit} is a sample figure ({source}); replace it with the "
        "statistic",
    ),
    "unit-converted": (
        "{period} 报 {value}{unit}，换算为 {converted}{target_unit}"
        "（1{unit} = {factor}{target_unit}）",
        "{period} reported {value} {unit}, converted to {converted} {target_unit} "
        "(1 {unit} = {factor} {target_unit})",
    ),
    "unit-declared": (
        "{period} 报 {value}{unit}，按规划声明的单位（plan.units）换算为 {converted}{target_unit}"
        "（1{unit} = {factor}{target_unit}）",
        "{period} reported {value} {unit}, converted by the plan's own units (plan.units) to "
        "{converted} {target_unit} (1 {unit} = {factor} {target_unit})",
    ),
    "progress-ratio": (
        "推算进度 / 所需进度 = {made} / {needed} = {ratio}",
        "projected/required progress = {made} / {needed} = {ratio}",
    ),
    "milestone-done": ("最新报告 {period}：已完成", "latest report {period}: done"),
    "milestone-not-done": ("最新报告 {period}：未完成", "latest report {period}: not done"),
    "milestone-late": ("截止期 {deadline} 前未完成", "not done by the deadline {deadline}"),
    "milestone-no-trend": ("里程碑类目标没有趋势可推算", "a milestone has no trend to project"),
    "register-count": (
        "平台名录筛选 {filter}：{count} 个平台",
        "register filter {filter}: {count} platforms",
    ),
    "against-period": (
        "{period}：{actual}{unit}，{name} {reference}{unit}，相差 {margin} {met}",
        "{period}: {actual} {unit} against {name} {reference} {unit}, margin {margin} {met}",
    ),
    "against-met": (
        "最新共同期间 {period}：{comparator}{name}（幅度 {margin}）"
        "即 {comparator}{required}{unit}：达标",
        "latest period both report, {period}: {comparator} {name} (margin {margin}), i.e. "
        "{comparator} {required} {unit}: met",
    ),
    "against-not-met": (
        "最新共同期间 {period}：{comparator}{name}（幅度 {margin}）"
        "即 {comparator}{required}{unit}：未达标",
        "latest period both report, {period}: {comparator} {name} (margin {margin}), i.e. "
        "{comparator} {required} {unit}: not met",
    ),
    "register-dated": (
        "各平台自认定之日起计入，名录计数成为逐年序列：{dates}",
        "each platform counts from its designation date, so the count is a yearly series: {dates}",
    ),
    "register-met": ("要求 {required}：达标", "required {required}: met"),
    "register-not-met": ("要求 {required}：未达标", "required {required}: not met"),
    "zone-status": ("{zone}：{status}（实际值 {actual}）", "{zone}: {status} (actual {actual})"),
    "zones-worst": (
        "{met}/{zones} 个区达标；状态取已报告各区中最差者",
        "{met} of {zones} zones achieved; status is the worst reported zone's",
    ),
    "zone-part": (
        "本区所占部分不单独评价：目标针对全部各区合计",
        "a zone's part of a plan-wide total is not judged alone",
    ),
}


def step_words(code: str, params: tuple[tuple[str, str], ...], lang: Lang) -> str:
    """One step in words; a `status` parameter holds a status code."""
    values = dict(params)
    if "status" in values:
        values["status"] = status_word(values["status"], lang)
    return _choose(STEPS[code], lang).format(**values)


#: The words of `hitrack report`, kept apart so that the report's vocabulary reads as one.
REPORT_WORDS: dict[str, tuple[str, str]] = {
    "title": ("规划目标进展报告", "Plan progress report"),
    "report_date": ("报告日期", "Report date"),
    "targets_heading": ("目标完成情况", "Targets"),
    "periods_heading": ("各期数值", "Values by period"),
    "periods_last": (
        "只列出最近 {n} 期；全部各期见 hitrack status --periods。",
        "Only the last {n} periods; hitrack status --periods shows them all.",
    ),
    "changes_heading": ("自 {since} 以来的变化", "Changes since {since}"),
    "changes_none_earlier": (
        "没有更早的报告期可供比较。",
        "There is no earlier reported period to compare with.",
    ),
    "no_changes": ("与 {since} 相比没有变化。", "Nothing changed since {since}."),
    "risk_heading": ("有风险或滞后的目标", "Targets at risk or off track"),
    "no_risks": ("没有有风险或滞后的目标。", "No target is at risk or off track."),
    "register_heading": ("科研平台", "Research platforms"),
    "no_register": (
        "此数据目录没有 platforms.yaml。",
        "This data directory has no platforms.yaml.",
    ),
    "provenance_heading": ("数据来源", "Data provenance"),
    "cited_baselines_heading": ("规划外的基数", "Baselines from outside the plan"),
    "cited_baselines_note": (
        "以下基数规划原文未写明，取自所列出处，不与规划原文核对。",
        "The plan does not state these baselines; they come from the sources listed and are "
        "not traced to the plan.",
    ),
    "baseline": ("基数", "Baseline"),
    "no_values": ("尚未报告任何实际值。", "No actual value has been reported yet."),
    "method_heading": ("评估方法", "How status is assessed"),
    "charts_heading": ("图表", "Charts"),
    "targets_count": ("{n} 项目标", "{n} targets"),
    "count_item": ("{n} 项{status}", "{n} {status}"),
    "new_target": ("新增目标", "new target"),
    "removed_target": ("已删除的目标", "removed target"),
    "new_value": ("新值", "new value"),
    "status_change": ("状态", "status"),
    "gap_change": ("差距", "gap"),
    "narrowed": ("缩小", "narrowed by"),
    "widened": ("扩大", "widened by"),
    "days_left": ("剩 {n} 天", "{n} days left"),
    "days_over": ("已过 {n} 天", "{n} days past"),
    "source": ("来源", "Source"),
    "reported": ("报告日期", "Reported"),
    "sample": ("示例", "Sample"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "register_source": ("科研平台名录 (platforms.yaml)", "platform register (platforms.yaml)"),
    "sample_note": (
        "{n} 个实际值为示例数据（数据文件中标注为 sample: true），并非真实统计。",
        "{n} of these values are illustrative samples (marked sample: true in the data files), "
        "not real statistics.",
    ),
    "percent_achieved": ("完成度", "% achieved"),
    "days": ("距截止", "Days to deadline"),
    "progress_chart": ("各目标完成度", "Progress of each target"),
    "trend_chart": ("{name}：实际值与所需路径", "{name}: actual values and the required path"),
    "required_path": ("所需路径", "required path"),
    "observed": ("实际值", "actual values"),
    "method": (
        "方法参照联合国统计司的 SDG 进展图：达到目标即为“已完成”（晚于截止期达成时注明）；"
        "截止期已过仍未达到为“滞后”；"
        "否则按已观测的趋势推算到截止期，{ratio}不低于 {on_track} 为“按计划”，"
        "不低于 {at_risk} 为“有风险”，"
        "低于 {at_risk} 为“滞后”，低于 0（背离目标）为“倒退”；"
        "没有数值为“无数据”，只有一个数值且无基期、或里程碑尚未完成为“无法评估”。"
        "完成度自基期值（无基期时自零）起算。"
        "详见 hitrack 的 README 中“How status is assessed”一节。",
        "After the UN Statistics Division's SDG progress chart: a target that is met is "
        "achieved (noted when met after its deadline); one not met by its deadline is off "
        "track; otherwise the observed trend is projected to the deadline, and {ratio} sets "
        "the status: on track at or above {on_track}, at risk at or above {at_risk}, off track "
        "below, deterioration below 0 (moving away from the target). Without a value: no "
        "data; with one value and no baseline, or a milestone not done yet: not assessable. "
        "% achieved runs from the baseline, else from zero. See the section \u201cHow status "
        "is assessed\u201d in hitrack's README.",
    ),
    "method_ratio": (
        "推算进展与所需进展之比（均自起点即基期值或第一个值起算）",
        "the ratio of projected to required progress (both counted from the origin: the "
        "baseline, else the first value)",
    ),
    "method_ratio_opensdg": (
        "按 Open SDG 方法，实际年均增速与所需年均增速之比",
        "following Open SDG's method, the ratio of the observed to the required compound "
        "growth rate",
    ),
}


def report_word(key: str, lang: Lang, **values: object) -> str:
    return _choose(REPORT_WORDS[key], lang).format(**values)


#: (Chinese, English) words of the site that the report does not have.
SITE_WORDS: dict[str, tuple[str, str]] = {
    "overview": ("总览", "Overview"),
    "register": ("科研平台", "Research platforms"),
    "other_lang": ("English", "中文"),
    "filters": ("筛选", "Filter"),
    "all": ("全部", "all"),
    "kind": ("类型", "Kind"),
    "zone": ("区域", "Zone"),
    "plan_wide": ("全规划", "plan-wide"),
    "each_zone": ("每个区", "each zone"),
    "owner": ("责任单位", "Owner"),
    "section": ("章节", "Section"),
    "shown": ("显示 {n} / {total} 项目标", "showing {n} of {total} targets"),
    "quote": ("原文", "Quote"),
    "document": ("文件", "Document"),
    "method": ("计算步骤", "How it was assessed"),
    "values": ("各期数值", "Values"),
    "no_chart": ("此目标没有可绘制的数值序列。", "This target has no series to draw."),
    "chart_alt": (
        "{name}：{points}；所需路径至 {deadline} 达到 {target}",
        "{name}: {points}; required path to {target} by {deadline}",
    ),
    "platforms": ("平台名录", "Platforms"),
    "counts": ("按类别与级别统计（已建/计划）", "Counts by category and level (built/planned)"),
    "back": ("返回总览", "Back to the overview"),
    "generated": ("由 hitrack 生成", "Made with hitrack"),
    "badge_targets": ("{n} 目标", "{n} targets"),
    "deadline_of": ("截止", "due"),
    "note": ("说明", "Note"),
}
#: Short status words for the badge.
BADGE_WORDS: dict[str, tuple[str, str]] = {
    "deterioration": ("倒退", "deteriorating"),
    "achieved": ("完成", "achieved"),
    "on_track": ("正常", "on track"),
    "at_risk": ("风险", "at risk"),
    "off_track": ("滞后", "off track"),
    "no_data": ("无数据", "no data"),
    "not_assessable": ("无法评估", "n/a"),
}


def site_word(key: str, lang: Lang, **values: object) -> str:
    return _choose(SITE_WORDS[key], lang).format(**values)


#: (Chinese, English) of the groupings' words.
GROUP_WORDS: dict[str, tuple[str, str]] = {
    "no_owner": ("未指定责任单位", "no owner named"),
    "no_section": ("未归入章节", "in no section"),
    "lead": ("牵头", "lead"),
    "cooperating": ("配合", "cooperating"),
    "role": ("角色", "Role"),
    "owner": ("责任单位", "Owner"),
    "section": ("章节", "Section"),
    "led": ("牵头 {n} 项", "leads {n}"),
    "cooperates": ("配合 {n} 项", "cooperates on {n}"),
    "explain_owners": ("责任单位：", "owners: "),
    "explain_section": ("章节：", "section: "),
    "by_owner_heading": ("按责任单位汇总", "By owner"),
    "led_targets": ("牵头目标", "Targets led"),
    "by_owner_note": (
        "各单位只计其牵头的目标；配合的目标另计。",
        "Each owner's counts are of the targets it leads; those it cooperates on are counted "
        "apart.",
    ),
}


def group_word(key: str, lang: Lang, **values: object) -> str:
    return _choose(GROUP_WORDS[key], lang).format(**values)
