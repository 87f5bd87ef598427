"""User-facing words in Chinese and English. Messages about data errors stay English."""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["zh", "en"]


def default_lang(environ: dict[str, str] | None = None) -> Lang:
    """zh when the locale (LC_ALL, LC_MESSAGES, LANG) is Chinese, else en."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


STATUS_WORDS: dict[str, tuple[str, str]] = {
    "achieved": ("已完成", "achieved"),
    "on_track": ("按计划", "on track"),
    "at_risk": ("有风险", "at risk"),
    "off_track": ("滞后", "off track"),
    "no_data": ("无数据", "no data"),
    "not_assessable": ("无法评估", "not assessable"),
}

WORDS: dict[str, tuple[str, str]] = {
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
    "more_changes": (
        "另有 {} 处改动未列出；运行 hitrack diff 查看全部。",
        "{} more changes not listed; run hitrack diff to see them all.",
    ),
    "created": ("已创建", "created"),
    "skipped_existing": ("已存在，未改动", "exists, left as it is"),
    "init_next": (
        "下一步：把示例换成你的规划和数据，运行 hitrack check --data {}；"
        "CI 需要仓库变量 HITRACK_PACKAGE（安装 hitrack 的 pip 要求）。",
        "Next: replace the examples with your plan and figures and run hitrack check --data {}; "
        "for CI, set the repository variable HITRACK_PACKAGE (a pip requirement for hitrack).",
    ),
}


def word(key: str, lang: Lang) -> str:
    zh, en = WORDS[key]
    return zh if lang == "zh" else en


def status_word(status: str, lang: Lang) -> str:
    zh, en = STATUS_WORDS[status]
    return zh if lang == "zh" else en
