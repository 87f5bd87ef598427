"""`hitrack draft`: a data directory that `check` reads, from text, GBK or .docx documents."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from hitrack.cli import app
from hitrack.engine import draft
from hitrack.engine.checks import run_checks
from hitrack.load.datadir import DataDir
from hitrack.load.loader import load_dataset

PLAN = """关于加快高新区发展的实施意见

一、发展目标
到2020年，全区科技型中小企业数量突破120家，高新技术企业数量达到60家以上，
研发经费支出占GDP比重不低于3%，技术合同成交额超过5亿元。
二、重点任务
（一）建设创新平台
新建省级重点实验室3—5个（区科技局牵头），引进研发团队20个。建立科技成果转化风险补偿机制。
截至目前已有孵化器4家。
"""


def write_docx(path: Path, paragraphs: list[str], extra: bytes = b"") -> None:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + extra
        + (
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ).encode()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    path.write_bytes(buffer.getvalue())


def test_draft_reads_targets_sections_owners_and_skips_facts() -> None:
    result = draft.draft_plan(PLAN)
    found = {(t.name, t.kind, t.comparator, t.value, t.low, t.high, t.unit) for t in result.targets}
    assert ("科技型中小企业数量", "level", "gt", 120, None, None, "家") in found
    assert ("研发经费支出占GDP比重", "ratio", "gte", 3, None, None, "%") in found
    assert ("技术合同成交额", "level", "gt", 5, None, None, "亿元") in found
    labs = next(t for t in result.targets if t.low == 3)
    assert (labs.kind, labs.high, labs.owners, labs.section) == (
        "cumulative",
        5,
        ("区科技局",),
        "（一）建设创新平台",
    )
    assert all(t.deadline == "2020" for t in result.targets if t.section == "一、发展目标")
    assert any(t.kind == "milestone" and "风险补偿机制" in t.quote for t in result.targets)
    assert any("已有孵化器4家" in clause for clause, _ in result.skipped)


def test_drafted_directory_passes_check(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(PLAN, encoding="gbk")
    out = tmp_path / "draft"
    result = CliRunner().invoke(app, ["draft", str(source), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = (out / "targets.yaml").read_text(encoding="utf-8")
    assert "# review:" in text and "reading: true" in text
    assert (out / "draft-skipped.txt").read_text(encoding="utf-8").count("->") >= 1
    loaded = load_dataset(DataDir(out))
    assert run_checks(loaded) == []
    assert loaded.dataset is not None and len(loaded.dataset.targets.targets) >= 5
    again = CliRunner().invoke(app, ["draft", str(source), "--out", str(out), "--lang", "en"])
    assert again.exit_code == 1 and "exists" in again.output
    assert (out / "targets.yaml").read_text(encoding="utf-8") == text


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "draft"
    result = CliRunner().invoke(app, ["draft", str(source), "-o", str(out), "--dry-run"])
    assert result.exit_code == 0
    assert 'quote: "全区科技型中小企业数量突破120家"' in result.output
    assert not out.exists()


def test_docx_is_read_and_entities_refused(tmp_path: Path) -> None:
    document = tmp_path / "plan.docx"
    write_docx(document, ["一、发展目标", "到2020年，高新技术企业数量超过45家。"])
    text = draft.load_document(document)
    assert "高新技术企业数量超过45家" in text
    bomb = tmp_path / "bomb.docx"
    write_docx(bomb, ["x"], b'<!DOCTYPE d [<!ENTITY a "aaaa">]>')
    with pytest.raises(draft.DraftError, match="DTD"):
        draft.load_document(bomb)


@pytest.mark.parametrize("content", [b"\xff\xfe\x00\x00binary", b"PK\x03\x04broken"])
def test_unreadable_documents_are_a_usage_error(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "plan.bin"
    source.write_bytes(content)
    result = CliRunner().invoke(app, ["draft", str(source), "-o", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not (tmp_path / "d").exists()


def test_draft_finds_most_of_the_bundled_plan() -> None:
    source = ROOT / "data" / "sources" / "000_77f66053db368d38.txt"
    result = draft.draft_plan(draft.load_document(source))
    quotes = {t.quote for t in result.targets if t.kind != "milestone"}
    for quote in ("科技型中小企业数量突破55家", "技术交易合同成交额超过2.5亿元"):
        assert quote in quotes


def quantified(text: str) -> list[tuple[str, str, str | None, Decimal | None, str | None]]:
    return [
        (t.quote, t.kind, t.comparator, t.value, t.unit)
        for t in draft.draft_plan(text).targets
        if t.kind != "milestone"
    ]


def test_background_history_and_forecasts_are_not_targets() -> None:
    text = """## 一、发展基础
园区高新技术企业数量达到38家，研发投入占比达到2.1%。
## 二、发展目标
### （一）总体目标
“十三五”以来，全区已突破技术合同成交额3亿元。
2015年，全区新增孵化器2家。
预计到2022年，产值将超过90亿元。
到2022年，高新技术企业数量达到60家。
"""
    found = quantified(text)
    assert found == [("高新技术企业数量达到60家", "level", "gte", Decimal(60), "家")]
    skipped = dict(draft.draft_plan(text).skipped)
    assert "present state" in skipped["园区高新技术企业数量达到38家"]
    assert "已突破" in skipped["全区已突破技术合同成交额3亿元"]
    assert "2015" in skipped["全区新增孵化器2家"]
    assert "预计" in skipped["预计到2022年"] or "预计" in skipped["产值将超过90亿元"]


def test_a_top_heading_counts_even_when_a_sub_heading_follows_it() -> None:
    text = "一、发展现状\n全区孵化器达到5家。\n二、目标\n（一）数量目标\n全区孵化器达到9家。\n"
    found = quantified(text)
    assert [f[3] for f in found] == [Decimal(9)]


def test_a_list_of_targets_gives_a_target_for_each_part() -> None:
    found = quantified("力争获得新药证书8个、医疗器械注册证12个、培育年产值过亿元产品3个。")
    assert found == [
        ("力争获得新药证书8个", "cumulative", "gte", Decimal(8), "个"),
        ("医疗器械注册证12个", "cumulative", "gte", Decimal(12), "个"),
        ("培育年产值过亿元产品3个", "cumulative", "gte", Decimal(3), "个"),
    ]


def test_respectively_and_each_give_a_target_for_each_subject() -> None:
    growth = draft.draft_plan("专利申请量和授权量分别年均增长12%以上。").targets
    assert [(t.name, t.kind, t.value) for t in growth] == [
        ("专利申请量", "growth", Decimal(12)),
        ("授权量", "growth", Decimal(12)),
    ]
    pairs = draft.draft_plan("孵化器、加速器分别达到7家、3家。").targets
    assert [(t.name, t.value) for t in pairs] == [("孵化器", Decimal(7)), ("加速器", Decimal(3))]
    each = draft.draft_plan("各园区要设立天使投资基金或风险补偿资金各1只。").targets
    assert [(t.name, t.value, t.unit) for t in each] == [
        ("天使投资基金", Decimal(1), "只"),
        ("风险补偿资金", Decimal(1), "只"),
    ]


def test_counts_of_listed_names_moves_and_fund_amounts() -> None:
    # 3个 counts the names listed before it: a description, not a target.
    assert quantified("推动东区、西区、南区3个园区提质增效。") == []
    # Moving into a class counts the moves.
    assert quantified("力争有4个县级园区晋升为省级园区。")[0][1] == "cumulative"
    assert quantified("力争县级园区晋升省级园区数量达到6家。")[0][1] == "cumulative"
    # The amount of a fund to set up describes the deliverable: a milestone.
    result = draft.draft_plan("甲园区：设立人才发展基金300万元。").targets
    assert [(t.kind, t.quote) for t in result] == [("milestone", "甲园区：设立人才发展基金300万元")]


@pytest.mark.parametrize(
    ("clause", "is_milestone"),
    [
        ("建立科技成果转化年度报告制度", True),
        ("加快推进科技企业孵化器和检测中心的筹建和设立", True),
        ("乙园区：建设院士工作站和博士后工作站等", True),
        ("支持丙园区成立产业技术创新联盟", True),
        ("建立相应的考核机制", False),  # a system described, not named
        ("完善创业服务体系", False),  # improved, not set up
        ("推进园区信用体系建设", False),
        ("引导企业建设研发中心", False),  # support for others' work
        ("加强项目建设", False),
        ("1.构建协同创新政策体系", False),  # an item's title
        ("出台了支持人才引进的专项政策", False),  # history
    ],
)
def test_milestones(clause: str, is_milestone: bool) -> None:
    targets = draft.draft_plan(f"{clause}。").targets
    assert [t.kind for t in targets] == (["milestone"] if is_milestone else [])


def test_an_annex_register_and_repeated_sentences() -> None:
    text = """到2021年，全区孵化器数量达到8家。
到2021年，全区孵化器数量达到8家。
附件：园区平台明细
一、重点实验室（已建）（4家）
已建：甲实验室、乙实验室、丙实验室、丁实验室。
二、孵化器（已建和筹建）（5家）
已建：甲孵化器、乙孵化器。
筹建：丙孵化器、丁孵化器、戊孵化器。
"""
    found = quantified(text)
    assert found == [
        ("全区孵化器数量达到8家", "level", "gte", Decimal(8), "家"),
        ("二、孵化器（已建和筹建）（5家）", "level", "gte", Decimal(5), "家"),
    ]
    register = draft.draft_plan(text).targets[-1]
    assert any("register" in note for note in register.review)


def test_a_work_summary_is_the_present_state_until_a_heading_names_the_future() -> None:
    text = """一、主要工作
加快建设园区综合服务平台。
现将2016年工作总结如下：
一、主要工作
加快建设园区综合服务平台。
二、“十三五”重点任务
加快建设园区人才服务大厦。
"""
    targets = draft.draft_plan(text).targets
    # The first passage is repeated in the summary, so it is the summary's words too.
    assert [t.quote for t in targets] == ["加快建设园区人才服务大厦"]


def test_a_lasting_mechanism_is_not_a_deliverable() -> None:
    assert draft.draft_plan("建立园区企业服务长效机制。").targets == []
    assert [t.kind for t in draft.draft_plan("建立科技成果转化年度报告制度。").targets] == [
        "milestone"
    ]


def test_a_box_title_is_not_glued_to_the_sentence_after_it() -> None:
    # On one line (a document saved without the box's line breaks) and on its own line.
    text = (
        "专栏3 设立各类投资基金重点推进甲园区设立1亿元天使投资基金，乙园区设立科技担保基金。\n"
        "专栏4 建设人才强区\n丙园区：建设院士工作站。\n"
        "专栏5 引进各类金融机构支持丁园区成立科技金融产业联盟。\n"
    )
    result = draft.draft_plan(text)
    assert [t.quote for t in result.targets] == [
        "重点推进甲园区设立1亿元天使投资基金",
        "乙园区设立科技担保基金",
        "丙园区：建设院士工作站",
        "支持丁园区成立科技金融产业联盟",
    ]
    assert all(t.kind == "milestone" for t in result.targets)
    titles = [p for _, p in draft.paragraphs(text) if p.startswith("专栏")]
    assert titles == ["专栏3 设立各类投资基金", "专栏4 建设人才强区", "专栏5 引进各类金融机构"]


def test_a_list_split_at_commas_stays_one_clause() -> None:
    sentence = "针对长效制剂的需求，重点完成甲酯，乙酯，丙酰胺等辅料的研制。"
    assert [c for _, c in draft.clauses(sentence)] == [
        "针对长效制剂的需求",
        "重点完成甲酯，乙酯，丙酰胺等辅料的研制",
    ]
    targets = draft.draft_plan(sentence).targets
    assert [(t.kind, t.quote) for t in targets] == [
        ("milestone", "重点完成甲酯，乙酯，丙酰胺等辅料的研制")
    ]
    # Clauses with their own verbs or numbers are not items of a list.
    assert len(list(draft.clauses("建设甲平台，引进团队5个，加快乙中心等建设。"))) == 3
    assert len(list(draft.clauses("启动建设甲平台，并依托互联网等新技术手段。"))) == 2
    # A list as a subject, and a list already closed by 等, are not items of a list.
    subjects = "丙园区引进甲银行、乙银行，丁、戊、己等园区与银行合作开展助保贷业务。"
    assert len(list(draft.clauses(subjects))) == 2
    closed = "建设甲基地、乙基地等载体，发挥丙联谊会、丁计划等平台的作用。"
    assert len(list(draft.clauses(closed))) == 2
    # A name written in Chinese numerals (千人计划) is no quantity of a list's part.
    named = "建设甲创新创业基地、国家千人计划示范基地、乙留学报国基地等载体"
    assert draft.enumeration(named) == [named]


@pytest.mark.parametrize(
    ("clause", "is_milestone"),
    [
        ("建成园区智能化调度系统", True),
        ("重点完成新型缓释材料的开发", True),  # 完成X的开发: a deliverable whatever X is
        ("积极完成省市下达的各项指标", False),
        ("完成规范的临床前研", False),  # 完成 without what is completed named
        ("制定园区危险化学品安全生产规程", True),
        ("建设甲创新创业基地、乙人才自由港、丙留学报国基地等载体", True),
        ("甲、乙、丙等园区与银行合作开展助保贷业务", True),  # named subjects, then the verb
        ("省、市引导基金要重点支持园区设立创业投资基金", False),  # support for others
        ("探索开展投贷联动业务", False),  # to explore, not to do
    ],
)
def test_milestone_verbs_and_deliverables(clause: str, is_milestone: bool) -> None:
    targets = draft.draft_plan(f"{clause}。").targets
    assert [t.kind for t in targets] == (["milestone"] if is_milestone else [])


def test_a_verb_of_arrival_nearer_the_number_than_a_level_word_decides() -> None:
    assert quantified("每个园区引进或设立3家以上创业投资机构。")[0][1] == "cumulative"
    assert quantified("每个园区要重点建设1至2个特色产业集群。")[0][1] == "level"
    assert quantified("引进企业数量达到50家。")[0][1] == "level"


def test_funds_counted_and_sized_are_one_deliverable() -> None:
    targets = draft.draft_plan("甲园区设立2只总额不低于3亿元的产业投资基金。").targets
    assert [(t.kind, t.quote) for t in targets] == [
        ("milestone", "甲园区设立2只总额不低于3亿元的产业投资基金")
    ]
    # A count of funds without their size stays a count.
    assert quantified("乙园区设立天使投资基金2只。") == [
        ("乙园区设立天使投资基金2只", "cumulative", "gte", Decimal(2), "只")
    ]


def test_a_restatement_is_drafted_where_first_stated() -> None:
    text = """一、发展目标
到2020年，省级以上园区数量达到12家以上。
二、重点任务
专栏1 建设人才高地
甲园区：建设1.2万平方米的人才服务大厦；乙园区：建设院士工作站。丙园区：建设院士工作站。
推进园区升级，到2020年，省级以上园区总数达到12家以上。支持甲园区建设人才服务大厦。
"""
    result = draft.draft_plan(text)
    assert [t.quote for t in result.targets] == [
        "省级以上园区数量达到12家以上",
        "甲园区：建设1.2万平方米的人才服务大厦",
        "乙园区：建设院士工作站",
        "丙园区：建设院士工作站",  # another subject: another deliverable
    ]
    skipped = dict(result.skipped)
    assert "restates" in skipped["省级以上园区总数达到12家以上"]
    assert "restates" in skipped["支持甲园区建设人才服务大厦"]
    # Another number is another target.
    again = draft.draft_plan("园区数量达到12家。到2020年，园区总数达到15家。").targets
    assert [t.value for t in again] == [Decimal(12), Decimal(15)]
    # One item of a list named again alone is that item's own milestone, not a restatement.
    listed = draft.draft_plan(
        "重点推进甲园区科技金融联盟、乙园区综合服务平台的建设和运行。支持甲园区成立科技金融联盟。"
    ).targets
    assert [t.kind for t in listed] == ["milestone", "milestone"]


@pytest.mark.parametrize(
    ("sentence", "milestones"),
    [
        ("争取甲省先进材料实验室进入国家实验室序列。", 1),  # admission into a formal list
        ("推动医疗设备整体进入国际先进行列。", 0),  # ranks: an aspiration
        ("探索将园区企业纳入国家创新型企业名录。", 0),
        # Support for others' work opening a sentence holds for the clauses after it.
        ("支持园区骨干企业自主选择高校，联合建立产业专业技术创新平台。", 0),
        ("加强园区协同创新，联合建立产业专业技术创新平台。", 1),
    ],
)
def test_admissions_and_support_for_others(sentence: str, milestones: int) -> None:
    targets = draft.draft_plan(sentence).targets
    assert [t.kind for t in targets] == ["milestone"] * milestones


def test_a_milestone_counted_by_the_same_sentence_is_implied() -> None:
    text = "建立科技企业培育后备库，到2020年，科技企业培育后备库入库企业达到500家。"
    result = draft.draft_plan(text)
    assert [(t.kind, t.value) for t in result.targets] == [("level", Decimal(500))]
    assert "implied" in dict(result.skipped)["建立科技企业培育后备库"]
    # In another sentence it is its own commitment.
    apart = draft.draft_plan("建立科技企业培育后备库。到2020年，入库企业达到500家。").targets
    assert [t.kind for t in apart] == ["milestone", "level"]


def test_a_means_is_not_who_delivers_a_restated_project() -> None:
    text = (
        "依托甲公司启动园区企业高级经理人培训项目。依托社会中介机构启动园区企业高级经理人培训项目。"
    )
    targets = draft.draft_plan(text).targets
    assert [t.quote for t in targets] == ["依托甲公司启动园区企业高级经理人培训项目"]


def test_the_benchmark_uses_each_side_once() -> None:
    import importlib.util
    from types import SimpleNamespace

    spec = importlib.util.spec_from_file_location("bench_draft", ROOT / "benchmarks" / "draft.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    def ref(quote: str) -> SimpleNamespace:
        fields = dict.fromkeys(("comparator", "value", "low", "high", "unit"))
        return SimpleNamespace(id=quote, kind="milestone", quote=quote, **fields)

    def got(quote: str) -> draft.DraftTarget:
        return draft.DraftTarget("m", "m", "m", "milestone", quote, "")

    loans = "甲、乙等园区开展助保贷业务"
    a1, a2, b = ref(loans), ref(loans), ref("丙园区引进丁银行")
    both = got("丙园区引进丁银行，甲、乙等园区开展助保贷业务")
    pairs = bench._matching([a1, a2, b], [both])
    # One draft on a long quote finds one reference quote (with every target on it).
    assert [id(r) for r, _ in pairs] in ([id(a1), id(a2)], [id(b)])
    twice = bench._matching([a1, a2], [got(a1.quote), got(a1.quote)])
    assert len({id(g) for _, g in twice}) == 1  # the second draft on that quote is unmatched
    assert {id(r) for r, _ in twice} == {id(a1), id(a2)}


def test_principles_and_ongoing_work_are_no_deliverables() -> None:
    text = """二、总体思路
发展原则。
1.坚持开放共享。加快构建园区创新创业支撑平台，营造良好的创业环境。
三、重点任务
加快构建园区创新创业支撑平台。建设和发展园区招才引智平台。
"""
    result = draft.draft_plan(text)
    assert [t.section for t in result.targets] == ["三、重点任务"]
    assert "principles" in dict(result.skipped)["加快构建园区创新创业支撑平台"]
    assert next(s for s, _ in draft.paragraphs(text)) == "发展原则。"
    # A section on the plan's approach (思路) sets out its work: not principles.
    work = draft.draft_plan("三、发展思路及重点工作\n1.发展思路\n建设园区人才服务大厦。\n").targets
    assert [t.kind for t in work] == ["milestone"]


def test_the_readme_example_is_what_draft_writes() -> None:
    """The worked example in README's "Start a new plan from its document" stays true."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Start a new plan from its document", 1)[1]
    sentence = section.split("「", 1)[1].split("」", 1)[0].replace("\n", "")
    shown = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    written = draft.render_targets(
        draft.draft_plan("一、发展目标\n\n" + sentence + "\n"), "plan.txt"
    )
    assert shown in written, written


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新建孵化器3家（区科技局牵头）。", (("区科技局", "lead"),)),
        (
            "新建孵化器3家（区科技局牵头，区财政局、区发改局配合）。",
            (("区科技局", "lead"), ("区财政局", "cooperating"), ("区发改局", "cooperating")),
        ),
        (
            "新建孵化器3家（区科技局、区工信局负责，各街道参与）。",
            (("区科技局", "lead"), ("区工信局", "lead"), ("各街道", "cooperating")),
        ),
        (
            "新建孵化器3家（区科技局牵头，区财政局）。",
            (("区科技局", "lead"), ("区财政局", "cooperating")),
        ),
        ("新建孵化器3家（含省级2家）。", ()),
    ],
)
def test_departments_and_their_roles(sentence: str, expected: tuple[tuple[str, str], ...]) -> None:
    from hitrack.engine import phrases

    departments, words = phrases.read_departments(sentence)
    assert departments == expected
    assert (words in sentence) if expected else words == ""


def test_drafted_owners_and_sections_pass_check(tmp_path: Path) -> None:
    """The departments and headings a draft names are plan.owners and plan.sections, each
    target points at them, and `check --strict` holds it all against the document."""
    text = (
        "一、发展目标\n\n到2020年，全区科技型中小企业数量突破120家（区科技局牵头，区财政局配合）。\n\n"
        "二、重点任务\n\n新建省级重点实验室3个（区发改局牵头）。\n"
    )
    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "draft"
    result = CliRunner().invoke(app, ["draft", str(source), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    loaded = load_dataset(DataDir(out))
    assert run_checks(loaded) == [] and loaded.dataset is not None
    plan = loaded.dataset.plan
    assert [o.name for o in plan.owners] == ["区科技局", "区财政局", "区发改局"]
    assert [s.title for s in plan.sections] == ["一、发展目标", "二、重点任务"]
    smes, labs = loaded.dataset.targets.targets
    assert [(o.id, o.role) for o in smes.owners] == [("dept-1", "lead"), ("dept-2", "cooperating")]
    assert (smes.section, labs.section) == ("section-1", "section-2")
    assert [(o.id, o.role) for o in labs.owners] == [("dept-3", "lead")]
