"""Shape 9: who is responsible (`owners`, lead or cooperating) and where in the plan
(`section`): check rules, `status --by owner|section`, `--owner`/`--section`, the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, codes, load, target, write_data
from golden import assert_golden
from hitrack.commands import common
from hitrack.commands import report as report_cmd
from hitrack.commands import status as status_cmd
from hitrack.engine import progress
from hitrack.load.loader import DataDir
from hitrack.render import grouping

GOLDEN = ROOT / "tests" / "golden" / "shapes"
PLAN = {
    "owners": [
        {"id": "sci-tech", "name": "区科技局", "name_en": "District S&T Bureau"},
        {"id": "finance", "name": "区财政局", "name_en": "District Finance Bureau"},
        {"id": "land", "name": "区自然资源局"},
    ],
    "sections": [
        {"id": "goals", "title": "二、发展目标", "title_en": "II. Goals"},
        {"id": "tasks", "title": "三、重点任务", "title_en": "III. Key tasks"},
    ],
}
LEAD_FINANCE = [{"id": "sci-tech", "role": "lead"}, {"id": "finance", "role": "cooperating"}]


def _targets() -> list[dict[str, Any]]:
    return [
        target(
            id="smes",
            owners=LEAD_FINANCE,
            owners_quote="区科技局牵头，区财政局配合",
            section="goals",
        ),
        target(
            id="patents",
            name="发明专利数量",
            name_en="Invention patents",
            value=80,
            unit="件",
            quote="发明专利数量突破80件",
            owners=[{"id": "sci-tech"}],
            section="goals",
        ),
        target(
            id="fund",
            name="引导基金规模",
            name_en="Guidance fund",
            value=5,
            unit="亿元",
            quote="引导基金规模突破5亿元",
            owners=[{"id": "finance", "role": "lead"}],
            section="tasks",
        ),
        target(
            id="park",
            name="园区面积",
            name_en="Park area",
            value=12,
            unit="平方公里",
            quote="园区面积突破12平方公里",
        ),
    ]


def _actuals() -> dict[str, list[dict[str, Any]]]:
    return {
        "2018": [
            {"target": "smes", "value": 40, "unit": "家"},
            {"target": "patents", "value": 60, "unit": "件"},
            {"target": "fund", "value": 2, "unit": "亿元"},
        ],
        "2019": [
            {"target": "smes", "value": 56, "unit": "家"},
            {"target": "patents", "value": 62, "unit": "件"},
            {"target": "fund", "value": 4, "unit": "亿元"},
            {"target": "park", "value": 10, "unit": "平方公里"},
        ],
    }


@pytest.fixture
def owned(tmp_path: Path) -> DataDir:
    root = write_data(tmp_path / "data", _targets(), _actuals(), plan=PLAN)
    dataset, problems = load(root)
    assert problems == [] and dataset is not None
    return DataDir(root)


def status(data_dir: DataDir, **options: Any) -> common.Outcome:
    return status_cmd.status(data_dir, status_cmd.StatusOptions(**options))


def test_an_owner_groups_what_it_leads_then_what_it_cooperates_on(owned: DataDir) -> None:
    dataset, _ = load(owned.path)
    assert dataset is not None
    groups = grouping.by_owner(dataset.plan, progress.assess_all(dataset, "2019"))
    assert [g.key for g in groups] == ["sci-tech", "finance", None]  # land has no target
    sci, finance, orphans = groups
    assert [a.target.id for a in sci.assessments] == ["smes", "patents"]
    assert [a.target.id for a in finance.assessments] == ["fund", "smes"]
    assert finance.roles == ("lead", "cooperating")
    # The roll-up counts what an owner leads: finance answers for the fund only.
    assert [a.target.id for a in finance.counted] == ["fund"]
    assert finance.cooperating == 1
    assert sum(sci.counts().values()) == 2
    assert [a.target.id for a in orphans.assessments] == ["park"]


def test_status_by_owner_golden(owned: DataDir) -> None:
    for lang in ("en", "zh"):
        out = status(owned, by="owner", fmt="markdown", lang=lang)
        assert out.code == 0
        assert_golden(GOLDEN / f"by-owner.{lang}.md", out.stdout)
    out = status(owned, by="owner", fmt="markdown", lang="en")
    assert "**leads 2: 1 achieved, 1 off track**" in out.stdout
    assert "**leads 1: 1 on track; cooperates on 1**" in out.stdout
    assert "Technology SMEs \\[cooperating\\]" in out.stdout  # markdown-escaped


def test_status_by_section_and_table(owned: DataDir) -> None:
    out = status(owned, by="section", fmt="markdown", lang="en")
    assert_golden(GOLDEN / "by-section.en.md", out.stdout)
    assert out.stdout.index("II. Goals (goals)") < out.stdout.index("III. Key tasks (tasks)")
    assert "in no section" in out.stdout
    table = status(owned, by="owner", fmt="table", lang="zh", width=120)
    assert "区科技局 (sci-tech)" in table.stdout and "牵头 2 项" in table.stdout


def test_status_by_owner_json_and_csv(owned: DataDir) -> None:
    document = json.loads(status(owned, by="owner", fmt="json").stdout)
    assert document["schema"] == "hitrack.status-by-group/v1" and document["by"] == "owner"
    finance = document["groups"][1]
    assert finance["id"] == "finance" and finance["cooperating"] == 1
    assert [(t["id"], t["role"]) for t in finance["targets"]] == [
        ("fund", "lead"),
        ("smes", "cooperating"),
    ]
    assert sum(finance["counts"].values()) == 1
    lines = status(owned, by="section", fmt="csv").stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("section,role,id,")
    assert [line.split(",")[:3] for line in lines[1:]] == [
        ["goals", "", "smes"],
        ["goals", "", "patents"],
        ["tasks", "", "fund"],
        ["", "", "park"],
    ]


def test_owner_and_section_filters(owned: DataDir) -> None:
    ids = lambda out: [t["id"] for t in json.loads(out.stdout)["targets"]]  # noqa: E731
    assert ids(status(owned, fmt="json", owner="finance")) == ["smes", "fund"]
    assert ids(status(owned, fmt="json", owner="区科技局")) == ["smes", "patents"]
    assert ids(status(owned, fmt="json", owner="区科技局", section="三、重点任务")) == []
    assert ids(status(owned, fmt="json", section="tasks")) == ["fund"]
    wrong = status(owned, owner="区税务局")
    assert wrong.code == 2 and "sci-tech (区科技局)" in wrong.stderr
    hostile = status(owned, section="\x1b[2Jx")
    assert hostile.code == 2 and "\x1b" not in hostile.stderr


def test_the_report_rolls_up_by_owner(owned: DataDir) -> None:
    import datetime

    out = report_cmd.report(
        owned, report_cmd.ReportOptions(lang="en", today=datetime.date(2020, 1, 31))
    )
    assert out.code == 0
    start = out.stdout.index("## By owner")
    block = out.stdout[start : out.stdout.index("##", start + 3)]
    assert_golden(GOLDEN / "report-by-owner.en.md", block)
    finance = next(line for line in block.splitlines() if "(finance)" in line)
    cells = [cell.strip() for cell in finance.strip("|").split("|")]
    assert cells[1] == "1" and cells[-1] == "1"  # leads one target, cooperates on one


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"owners": [{"id": "nobody"}]}, "unknown-owner", "nobody"),
        ({"section": "chapter-9"}, "unknown-section", "chapter-9"),
        ({"owners_quote": "区科技局牵头"}, "owner-not-in-quote", "区财政局"),
        ({"owners": [{"id": "finance", "role": "cooperating"}]}, "target-fields", "no lead"),
        (
            {"owners": [{"id": "finance"}, {"id": "finance", "role": "cooperating"}]},
            "target-fields",
            "listed twice",
        ),
        ({"owners": [], "owners_quote": "区科技局牵头"}, "target-fields", "owners_quote"),
        ({"owners": [{"id": "Sci_Tech"}]}, "invalid-id", "kebab-case"),
        ({"owners": [{"id": "finance", "role": "boss"}]}, "invalid-choice", "role"),
    ],
)
def test_check_names_each_owner_and_section_problem(
    tmp_path: Path, change: dict[str, Any], code: str, field: str
) -> None:
    base = target(owners=LEAD_FINANCE, owners_quote="区科技局牵头，区财政局配合", section="goals")
    base.update(change)
    root = write_data(tmp_path, [base], plan=PLAN)
    _, problems = load(root)
    assert code in codes(problems), problems
    found = next(p for p in problems if p.code == code)
    assert found.file.endswith("targets.yaml") and found.line > 0
    assert field in found.message or field in str(found)


def test_a_hidden_character_in_an_owner_name_is_refused(tmp_path: Path) -> None:
    plan = {**PLAN, "owners": [{"id": "sci-tech", "name": "区科技局\u202e"}]}
    root = write_data(tmp_path, [target(owners=[{"id": "sci-tech"}])], plan=plan)
    _, problems = load(root)
    assert codes(problems) == ["hidden-character"]


def test_duplicate_owner_and_section_ids(tmp_path: Path) -> None:
    plan = {
        "owners": [{"id": "a", "name": "甲"}, {"id": "a", "name": "乙"}],
        "sections": [{"id": "s", "title": "一"}, {"id": "s", "title": "二"}],
    }
    root = write_data(tmp_path, [target()], plan=plan)
    _, problems = load(root)
    assert codes(problems) == ["duplicate-id", "duplicate-id"]


def test_the_report_groups_its_targets_by_owner(owned: DataDir) -> None:
    import datetime

    options = report_cmd.ReportOptions(lang="zh", today=datetime.date(2020, 1, 31), by="owner")
    out = report_cmd.report(owned, options)
    assert out.code == 0
    start = out.stdout.index("## 目标完成情况")
    block = out.stdout[start : out.stdout.index("\n## ", start + 3)]
    assert_golden(GOLDEN / "report-targets-by-owner.zh.md", block)
    assert block.index("### 区科技局 (sci-tech)") < block.index("### 区财政局 (finance)")
    assert "**牵头 1 项：1 项按计划；配合 1 项**" in block
    assert "科技型中小企业数量 \\[配合\\]" in block


def test_grouping_a_plan_without_owners_or_sections_is_a_usage_error(tmp_path: Path) -> None:
    data = DataDir(write_data(tmp_path, [target()]))
    out = status(data, by="owner")
    assert out.code == 2 and "plan.owners" in out.stderr
    out = report_cmd.report(data, report_cmd.ReportOptions(by="section"))
    assert out.code == 2 and "plan.sections" in out.stderr


def test_an_owner_name_is_escaped_for_each_output(tmp_path: Path) -> None:
    plan = {**PLAN, "owners": [{"id": "sci-tech", "name": "区科技局|**牵头**<b>"}]}
    data = DataDir(write_data(tmp_path, [target(owners=[{"id": "sci-tech"}])], plan=plan))
    markdown = status(data, by="owner", fmt="markdown").stdout
    assert "#### 区科技局\\|\\*\\*牵头\\*\\*" in markdown and "<b>" not in markdown
    lines = status(data, by="owner", fmt="csv").stdout
    assert lines.count("\n") == 2  # the header and one row: nothing broke the table


def test_explain_names_the_owners_and_the_section(owned: DataDir) -> None:
    zh = status(owned, explain="smes", lang="zh").stdout.splitlines()
    assert "责任单位：区科技局（牵头）、区财政局（配合）" in zh
    assert "章节：二、发展目标" in zh
    en = status(owned, explain="smes", lang="en").stdout.splitlines()
    assert "owners: District S&T Bureau (lead), District Finance Bureau (cooperating)" in en
    assert "section: II. Goals" in en
    assert not any(
        line.startswith("owners") for line in status(owned, explain="park").stdout.splitlines()
    )


def test_the_word_report_rolls_up_by_owner(owned: DataDir, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    import datetime

    out = tmp_path / "r.docx"
    options = report_cmd.ReportOptions(
        fmt="docx", output=str(out), lang="zh", today=datetime.date(2020, 1, 31)
    )
    assert report_cmd.report(owned, options).code == 0
    document = docx.Document(str(out))
    assert "按责任单位汇总" in [p.text for p in document.paragraphs]
    owners = next(t for t in document.tables if t.rows[0].cells[0].text == "责任单位")
    rows = [[c.text for c in row.cells] for row in owners.rows]
    assert rows[2][0] == "区财政局 (finance)" and rows[2][1] == "1" and rows[2][-1] == "1"


@pytest.mark.parametrize("width", [60, 100])
def test_the_owner_blocks_fit_the_terminal_without_cutting_values(
    owned: DataDir, width: int
) -> None:
    text = status(owned, by="owner", lang="zh", width=width).stdout
    assert max(len(line) for line in text.splitlines()) <= width
    for whole in ("56家 (2019) *", "还差 1亿元", "✔ 已完成", "↗ 按计划"):
        assert whole in text, (whole, text)


def test_a_report_for_one_owner(owned: DataDir) -> None:
    import datetime

    options = report_cmd.ReportOptions(lang="en", today=datetime.date(2020, 1, 31), owner="finance")
    out = report_cmd.report(owned, options)
    assert out.code == 0
    assert "**2 targets:" in out.stdout  # the fund it leads and the SMEs it cooperates on
    assert "Park area" not in out.stdout and "Invention patents" not in out.stdout
    wrong = report_cmd.report(owned, report_cmd.ReportOptions(section="nowhere"))
    assert wrong.code == 2 and "goals (二、发展目标)" in wrong.stderr
