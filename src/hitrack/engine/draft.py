"""`hitrack draft PLAN`: a draft data directory from a plan document.

The document is read (UTF-8 or GBK/GB18030 text, or .docx), split into clauses under their
headings, and each clause is read by `phrases.read_phrase`. Every quantified or dated
commitment becomes a target with its exact quote; each field the reader is unsure of gets a
``# review:`` comment (the schema forbids unknown fields, so review notes live in YAML
comments, which `check` ignores and a person deletes once done). Clauses judged not
trackable go to ``draft-skipped.txt`` with the reason.

.docx is read by hand from the zip's ``word/document.xml``: python-docx would pull in lxml
(a compiled dependency) for the one thing needed here, the text of the paragraphs. The XML
of an untrusted document is refused outright if it declares a DTD or an entity (a Word
document never does), which rules out entity expansion attacks without defusedxml, and
the member is read with a size cap, so a zip bomb cannot exhaust memory.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from hitrack.core import units
from hitrack.engine import phrases
from hitrack.engine.kinds import KINDS

MAX_BYTES = 16 * 1024 * 1024
_HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．](?!\d)"
    r"|第[一二三四五六七八九十]+[章节部分条])"
)
_CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?]")
_SENTENCE_SPLIT = re.compile(r"(?<=[。；;！？!?])")
_FACT_RE = re.compile(
    r"(已有|现有|目前|现已|已经|已达|去年|上一年|已建|同比|比上年|较上年|上年|截至目前|拥有|共有|全省有|"
    r"^[^，]{0,8}有[^，]{0,30}\d|数为|其中|总面积|等\d|共实现|分别占|占全省近)"
)
_BACKGROUND_RE = re.compile(
    r"(发展基础|工作基础|现实基础|基础条件|基础及|基础与|现状|回顾|成效|成绩|形势|背景|面临|"
    r"趋势|存在的|突出问题|主要问题|发展需求|总结)"
)
# Words that make a sentence in a background section a commitment after all.
_COMMIT_RE = re.compile(r"(力争|确保|争取|目标是|目标为|预期目标)")
# History and forecasts: 已突破, 截至2018年, 预计; a bare 为 before the number states a fact.
_HISTORY_RE = re.compile(
    r"(已(?:突破|超过|达|累计|建成|形成|有|经|拥有|实现|完成|认定|引进|培育|建设|获得|增至|增长)"
    r"|截至\s*\d{4}\s*年|截止\s*\d{4}\s*年|截至目前|截至当前"
    r"|[率额量值数]为\s*\d"
    r"|(?:建立|设立|建成|出台|引进|培育|完成|实现|形成|组建|获得|成立|新增|累计|突破|达到|超过|启动)了)"
)
_FORECAST_RE = re.compile(r"(预计|预测|预期将|有望)")
_YEAR_RE = re.compile(r"(?<![到至\d])((?:19|20)\d\d)\s*年(?!底前|前|以前)")
_VAGUE_RE = re.compile(
    r"(一批|健全|环境|理念|布局|格局|成为|注入|提供|改革|先行先试|各类|等$|体制|政策措施|制定本)"
)
_COUNT_LEVEL_RE = re.compile(
    r"(数量|总数|总量|规模|拥有|入库|每个|各[\d一二两三四五六七八九十]|各$)"
)
_CREATE_RE = re.compile(
    r"(组建|建立|建设|新建|获得|研制|攻克|研发|开展|孵化|培育|引进|设立|突破|转移转化|培训|"
    r"吸引|培养|进入|晋升|新增|累计|认定|制定|争取|实施|推广|完成|引导)"
)
# Verbs that count arrivals, each one an event: what is brought in, set up or certified.
_ARRIVAL_RE = re.compile(r"(引进|引入|设立|新建|新增|新设|组建|成立|吸引|认定|孵化)")
_MILESTONE_VERB_RE = re.compile(
    r"^(?:[^，。]{0,12}?)(建立|设立|建设|制定|完成|启动|成立|组建|构建|共建|举办|出台|印发|"
    r"筹建|建成|打造|推进|推动|引进|开展|完善)"
)
_DELIVERABLE_RE = re.compile(
    r"(平台|中心|基金|资金|公司|联盟|基地|实验室|制度|机制|工作站|站|大厦|小镇|公寓|方案|办法|"
    r"银行|体系|研究院|园区|示范区|库|系统|标准|规划|政策|项目|市场|活动|"
    r"程序|规程|规范|指南|业务)"
)
_GLOSSARY = (
    ("高新技术企业", "high-tech enterprises", "hte"),
    ("科技型中小企业", "technology-based SMEs", "tech-smes"),
    ("高新技术产品", "high-tech products", "high-tech-products"),
    ("高新区", "high-tech zones", "zones"),
    ("研究与开发", "R&D", "rd"),
    ("R&D", "R&D", "rd"),
    ("研发", "R&D", "rd"),
    ("发明专利", "invention patents", "invention-patents"),
    ("专利", "patents", "patents"),
    ("技术合同", "technology contracts", "tech-contracts"),
    ("技术交易", "technology trade", "tech-trade"),
    ("科技成果", "technology achievements", "achievements"),
    ("孵化器", "incubators", "incubators"),
    ("众创空间", "maker spaces", "maker-spaces"),
    ("重点实验室", "key laboratories", "key-labs"),
    ("工程技术研究中心", "engineering research centres", "engineering-centres"),
    ("创新平台", "innovation platforms", "innovation-platforms"),
    ("平台", "platforms", "platforms"),
    ("产业集群", "industry clusters", "clusters"),
    ("联盟", "alliances", "alliances"),
    ("基金", "funds", "funds"),
    ("人才", "talents", "talents"),
    ("团队", "teams", "teams"),
    ("金融机构", "financial institutions", "financial-institutions"),
    ("创业", "start-ups", "startups"),
    ("企业", "enterprises", "enterprises"),
    ("产值", "output value", "output"),
    ("增加值", "value added", "value-added"),
    ("营业收入", "operating revenue", "revenue"),
    ("收入", "revenue", "revenue"),
    ("GDP", "GDP", "gdp"),
    ("经费", "expenditure", "spend"),
    ("投资", "investment", "investment"),
    ("新产品", "new products", "new-products"),
    ("产品", "products", "products"),
    ("品种", "varieties", "varieties"),
    ("基地", "bases", "bases"),
    ("项目", "projects", "projects"),
    ("技术", "technologies", "technologies"),
    ("药物", "drugs", "drugs"),
    ("装备", "equipment", "equipment"),
    ("机构", "institutions", "institutions"),
    ("载体", "carriers", "carriers"),
)
_KIND_WORDS = {"growth": ("growth of ", "-growth"), "ratio": ("share of ", "-share")}


class DraftError(Exception):
    """The document cannot be read; the message says why and what to do."""


@dataclasses.dataclass
class DraftTarget:
    id: str
    name: str
    name_en: str
    kind: str
    quote: str
    section: str
    comparator: str | None = None
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    tolerance: Decimal | None = None
    unit: str | None = None
    deadline: str | None = None
    owners: tuple[str, ...] = ()
    """The lead departments the plan names for it."""
    departments: tuple[tuple[str, str], ...] = ()
    """Every department named in the bracket, with its role (lead, cooperating)."""
    owners_quote: str = ""
    """The bracket's words naming them (区科技局牵头，区财政局配合)."""
    reading: bool = False
    note: str | None = None
    review: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Draft:
    title: str
    text: str
    """The document as UTF-8 text (copied into sources/)."""
    targets: list[DraftTarget]
    skipped: list[tuple[str, str]]
    """(clause, why it is not a target)."""
    deadline: str | None
    start: str | None


# --- reading the document ------------------------------------------------------------------


def load_document(path: Path) -> str:
    """The text of a plan document; DraftError when it cannot be read."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as err:
        raise DraftError(f"cannot read {path}: {err.strerror}") from None
    if len(data) > MAX_BYTES:
        raise DraftError(f"{path} is over {MAX_BYTES // (1024 * 1024)} MB; split the document")
    if data[:4] == b"PK\x03\x04":
        return docx_text(data, str(path))
    return decode_text(data, str(path))


def decode_text(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text.replace("\r\n", "\n").replace("\r", "\n")
    raise DraftError(
        f"{name} is neither UTF-8 nor GBK text (a .doc or PDF?); save it as .docx or .txt"
    )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, name: str) -> str:
    """The paragraphs of a .docx, one a line (see the module docstring on safety)."""
    import xml.etree.ElementTree as ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_BYTES * 4:
                raise DraftError(f"{name}: word/document.xml is too large")
            with archive.open(info) as member:
                xml = member.read(MAX_BYTES * 4 + 1)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        raise DraftError(f"{name} is not a readable .docx (no word/document.xml)") from None
    if len(xml) > MAX_BYTES * 4:
        raise DraftError(f"{name}: word/document.xml is too large")
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise DraftError(f"{name}: the document declares a DTD or entities; refused")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as err:
        raise DraftError(f"{name}: word/document.xml is not well-formed XML ({err})") from None
    lines = []
    for paragraph in root.iter(f"{_W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
        lines.append("".join(parts))
    return "\n".join(lines) + "\n"


# --- finding the commitments ---------------------------------------------------------------


def paragraphs(text: str) -> Iterator[tuple[str, str]]:
    """(section heading, paragraph) pairs; lines wrapped mid-sentence are joined."""
    for _, section, paragraph in _paragraphs(text):
        yield section, paragraph


_TOP_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部分])")


def _paragraphs(text: str) -> Iterator[tuple[str, str, str]]:
    """(top-level heading, section heading, paragraph); a heading counts even when the next
    heading follows it without a paragraph between (五、… then （一）…)."""
    top, section, pending = "", "", ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            if pending:
                yield top, section, pending
                pending = ""
            continue
        box = _BOX_RE.match(line)
        if box:
            # 专栏8 设立各类股权投资基金 is a box's title: its own paragraph, never glued to
            # the sentence after it (on the same line or on the next).
            if pending:
                yield top, section, pending
            title, line = _box_title(line[box.end() :])
            yield top, section, (box.group(0) + title).strip()
            pending = ""
            if not line:
                continue
        if _is_heading(line):
            if pending:
                yield top, section, pending
                pending = ""
            if not (_PRINCIPLES_RE.search(section) and _ITEM_RE.match(line)):
                section = line.lstrip("#").strip()  # (items of the principles stay under them)
            if _TOP_RE.match(section):
                top = section
            rest = _heading_rest(line)
            if rest:
                yield top, section, rest
            continue
        pending += line
        if line[-1] in "。；;！？!?：:":
            yield top, section, pending
            pending = ""
    if pending:
        yield top, section, pending


_BOX_RE = re.compile(r"^\s*专栏\s*(?:\d+|[一二三四五六七八九十]+)\s*[:：]?\s*")
# Where a box's title ends when the sentence after it runs on without a stop: a dash that
# opens a list (——沈阳…), a subject label (沈阳高新区：, kept with the title: its start
# is unknown), a stop, or a word that opens a sentence (重点推进…, 支持…, 目前, 到2020年).
_BOX_END_RE = re.compile(
    r"——|[:：。；;]|(?=重点|支持|鼓励|引导|依托|围绕|通过|力争|争取|目前|截至|现有|"
    r"到\d{4}年|着力|各高新区|每个)"
)
_BOX_TITLE_MAX = 30


def _box_title(rest: str) -> tuple[str, str]:
    """(title, the sentence after it) of a box's line without its 专栏N: a title has at
    least four characters and at most thirty; a line with no end in reach is all title."""
    end = _BOX_END_RE.search(rest, 4, _BOX_TITLE_MAX + 1)
    if end is None:
        return (rest, "") if len(rest) <= _BOX_TITLE_MAX else ("", rest)
    # A dash stays with the list it opens; a label's colon and a stop go.
    after = rest[end.start() :] if end.group(0) == "——" else rest[end.end() :]
    return rest[: end.start()].strip(), after.strip()


# Sections on how the plan is meant, not on what it delivers; a plan may write their
# headings as bare lines (指导思想。 on a line of its own).
_PRINCIPLES_RE = re.compile(r"(指导思想|基本原则|发展原则|工作原则|主要原则)")
_ITEM_RE = re.compile(r"^\s*(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[）)])")
_PRINCIPLES_LINE_RE = re.compile(rf"^{_PRINCIPLES_RE.pattern}[。：:]?$")


def _is_heading(line: str) -> bool:
    if line.startswith("#"):  # a Markdown heading (a plan saved from Word as Markdown)
        return True
    if _PRINCIPLES_LINE_RE.match(line):
        return True
    return bool(_HEADING_RE.match(line)) and len(line) <= 40


def _heading_rest(line: str) -> str:
    """The sentence after a short heading on the same line (1.培育壮大生物医药产业。依托...)."""
    head, _, rest = line.partition("。")
    return rest.strip() if head and rest.strip() else ""


def clauses(paragraph: str) -> Iterator[tuple[str, str]]:
    """(sentence, clause) pairs; a clause keeps its brackets with it, and a list of noun
    phrases split at ， stays whole (重点完成A，B，C等辅料的开发)."""
    for sentence in _SENTENCE_SPLIT.split(paragraph):
        spans: list[tuple[int, int]] = []
        depth, start = 0, 0
        for at, char in enumerate(sentence):
            if char in "（(":
                depth += 1
            elif char in "）)":
                depth = max(0, depth - 1)
            elif depth == 0 and _CLAUSE_SPLIT.match(char):
                spans.append((start, at))
                start = at + 1
        spans.append((start, len(sentence)))
        for begin, end in _parallel_lists(sentence, spans):
            if sentence[begin:end].strip():
                yield sentence, sentence[begin:end].strip()


# A bare item of a list: short, no number, no verb (TPGS-磷脂, 透皮和粘膜给药系统).
_ITEM_MAX = 24
_VERB_RE = re.compile(
    r"(建设|建立|设立|开展|完成|推进|推动|加强|加快|实施|提高|提升|培育|引进|发展|支持|打造|"
    r"形成|实现|组建|构建|突破|研究|研发|开发|鼓励|引导|促进|完善|强化|深化|优化|创新|"
    r"力争|争取|确保|达到|增长|依托|通过|围绕|按照|利用|借助|依靠|针对|发挥|"
    r"要|将|是|为|以|把|对|在|由|使|让|^并|^同时|^还)"
)


def _is_item(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= _ITEM_MAX and not re.search(r"\d", text) and not _VERB_RE.search(text)


def _parallel_lists(sentence: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The clause spans with a list split at ， joined again: a clause with a verb, then
    bare items, then an item closed by 等 (A，B，C等X): the verb takes the whole list."""
    at = 0
    while at < len(spans):
        begin, end = spans[at]
        last = at + 1
        while (
            last < len(spans)
            and not _closes_list(sentence[slice(*spans[last])])
            and _is_item(sentence[slice(*spans[last])])
        ):
            last += 1
        if (
            last < len(spans)
            and _VERB_RE.search(sentence[begin:end])
            and "等" not in sentence[begin:end]  # a list closed already
            and _closes_list(sentence[slice(*spans[last])])
        ):
            yield begin, spans[last][1]
            at = last + 1
        else:
            yield begin, end
            at += 1


def _closes_list(text: str) -> bool:
    """The last item of a list: a bare item, then 等 and what the list is (聚谷氨酸等辅料)."""
    head, mark, tail = text.partition("等")
    # What the list is: a noun, perhaps with what is done to it (辅料的开发), not a verb
    # phrase (甲、乙等园区与银行合作开展…: the list is a subject there).
    noun = re.sub(r"的[\u4e00-\u9fff]{2,4}$", "", tail.strip())
    if not mark or len(noun) > 8 or _VERB_RE.search(noun):
        return False
    return all(_is_item(item) for item in head.split("、"))


def draft_plan(text: str, title: str = "") -> Draft:
    """Every trackable commitment of `text` as a draft target."""
    targets: list[DraftTarget] = []
    skipped: list[tuple[str, str]] = []
    deadlines: list[str] = []
    drafted: set[str] = set()
    past_before = _horizon(text)
    annex = False
    registered: set[str] = set()
    sections = list(_sections(text))
    # The same words in a section on the present state (a summary that repeats a passage
    # of the plan) are the present state wherever they appear.
    past = {
        clause
        for background, _, _, paragraph in sections
        if background
        for _, clause in clauses(paragraph)
    }
    for background, _top, section, paragraph in sections:
        if _ANNEX_RE.match(paragraph) or _ANNEX_RE.match(section):
            annex = True
        if annex:
            # An annex lists platforms: what is built is the present state; a count whose
            # list names some still to be set up (筹建：…) is a register to complete.
            if _TO_BUILD_RE.match(paragraph) and section not in registered:
                registered.add(section)
                register = _register(section)
                if register is not None:
                    targets.append(register)
                    continue
            skipped.append((paragraph[:80], "an annex listing what exists, not a commitment"))
            continue
        context_deadline, _ = phrases.read_deadline(paragraph)
        in_paragraph: list[tuple[str, DraftTarget]] = []
        for sentence, clause in clauses(paragraph):
            if (background or clause in past) and not _COMMIT_RE.search(sentence):
                skipped.append((clause, "in a section on the present state, not a commitment"))
                continue
            why = _history(clause, sentence, past_before)
            if why:
                skipped.append((clause, why))
                continue
            if clause in drafted:
                skipped.append((clause, "the same words again; drafted where they first appear"))
                continue
            found, why = _targets_of(clause, sentence, section, context_deadline)
            _name_departments(found, sentence)
            if why:
                skipped.append((clause, why))
            if _PRINCIPLES_RE.search(section) and any(t.kind == "milestone" for t in found):
                # 坚持生态引领……加快构建…平台: a principle's example, not a deliverable.
                found = [t for t in found if t.kind != "milestone"]
                skipped.append((clause, "in a section on principles, not a deliverable"))
            for target in [t for t in found if any(_restates(t, e) for e in targets)]:
                found.remove(target)
                skipped.append((clause, f"restates {target.name}; drafted where first stated"))
            if found:
                drafted.add(clause)
            targets.extend(found)
            in_paragraph.extend((sentence, t) for t in found)
        for target, by in _implied(in_paragraph):
            targets.remove(target)
            skipped.append((target.quote, f"implied by the target on {by.quote}"))
    for target in targets:
        if target.deadline:
            deadlines.append(target.deadline)
    _unique_ids(targets)
    years = sorted(set(re.findall(r"(20\d\d)\s*年", text)))
    deadline = max(deadlines) if deadlines else (years[-1] if years else None)
    return Draft(
        title or _title(text), text, targets, skipped, deadline, years[0] if years else None
    )


def _implied(found: list[tuple[str, DraftTarget]]) -> list[tuple[DraftTarget, DraftTarget]]:
    """(milestone, quantified target) pairs of one sentence where the number counts what the
    milestone sets up: 建立企业培育后备库，到2020年培育后备库入库企业达到500家 (the count
    cannot be met without the 库, so it is one commitment, tracked by its number)."""
    out = []
    for sentence, target in found:
        name = _squash(target.name)
        if target.kind != "milestone" or len(name) < _RESTATED_MIN:
            continue
        by = next(
            (
                other
                for where, other in found
                if where == sentence and other.kind != "milestone" and name in _squash(other.quote)
            ),
            None,
        )
        if by is not None:
            out.append((target, by))
    return out


_MEASURE_WORD_RE = re.compile(r"(?:的)?(?:数量|总数|总量|个数|规模|数)$")
_SUBJECT_LEAD_RE = re.compile(r"^(?:支持|重点|推进|推动|积极|加快|大力|要|并)+")
_RESTATED_MIN = 5


def _restates(target: DraftTarget, earlier: DraftTarget) -> bool:
    """Whether `target` states again what `earlier` states: a plan sets a goal in its
    targets and names it again among its tasks (省级以上高新区数量达到25家以上, later
    省级以上高新区总数达到25家以上), or names a project in a box and again in the text
    (建设1.6万平方米的人才服务大厦, later 支持大连高新区建设人才服务大厦). Quantities: the same
    kind, comparator, number(s) and unit, of the same subject (数量/总数 aside), and no
    other deadline.
    Milestones: one deliverable holds the other (five characters at least), the longer
    not a list of several (A、B的建设 names A among others, not A again) and the
    subjects, where both are named, are the same (甲园区：建设工作站 and 乙园区：建设工作站
    are two)."""
    if target.kind != earlier.kind:
        return False
    if target.deadline and earlier.deadline and target.deadline != earlier.deadline:
        return False
    if target.kind == "milestone":
        a, b = sorted((_squash(target.name), _squash(earlier.name)), key=len)
        if len(a) < _RESTATED_MIN or a not in b or re.search(r"[、和及与]", b.replace(a, "", 1)):
            return False  # (甲联盟、乙平台的建设 names 甲联盟 among others: not again)
        mine, theirs = _subject(target), _subject(earlier)
        return not mine or not theirs or mine in theirs or theirs in mine
    fields = ("comparator", "value", "low", "high", "unit")
    if any(getattr(target, f) != getattr(earlier, f) for f in fields):
        return False
    a = _MEASURE_WORD_RE.sub("", _squash(target.name))
    b = _MEASURE_WORD_RE.sub("", _squash(earlier.name))
    return len(a) >= 2 and len(b) >= 2 and (a in b or b in a)


def _squash(text: str) -> str:
    return re.sub(r"[\s,，:：;；。“”\"《》（）()]", "", text)


def _subject(target: DraftTarget) -> str:
    """Who a milestone's quote names as doing it (甲园区 in 甲园区：建设… or 支持甲园区建设…)."""
    label = _LABEL_RE.match(target.quote)
    if label:
        return _squash(label.group(0))
    at = target.quote.find(target.name)
    head = target.quote[:at] if at > 0 else ""
    head = re.sub(r"(建立|设立|建设|制定|完成|启动|成立|组建|构建|共建|打造|开展|引进)$", "", head)
    head = re.sub(r"^(?:依托|通过|借助|利用|围绕|按照|联合).*$", "", head)  # a means, not who
    return _squash(_SUBJECT_LEAD_RE.sub("", head))


_ANNEX_RE = re.compile(r"^\s*(?:附件|附表|附录)\s*\d*\s*[:：]?")
_TO_BUILD_RE = re.compile(r"^\s*(?:筹建|拟建|在建|待建|新建|计划建设)\s*[:：]")


_SUMMARY_RE = re.compile(r"(总结|回顾|汇报)如下")
_FUTURE_RE = re.compile(
    r"(目标|任务|思路|重点工作|规划|计划|打算|安排|展望|十[一二三四五六七八九]?五)"
)


def _sections(text: str) -> Iterator[tuple[bool, str, str, str]]:
    """(in background, top heading, section heading, paragraph). A section is background
    when its heading says so (发展基础, 现状, 存在的问题) or when it follows 「现将…总结如下」
    and no top heading since names the future (目标, 任务, “十三五”…)."""
    summary, last_top = False, ""
    for top, section, paragraph in _paragraphs(text):
        if summary and top != last_top and _FUTURE_RE.search(top):
            summary = False
        last_top = top
        background = summary or bool(_BACKGROUND_RE.search(top + "\n" + section))
        yield background, top, section, paragraph
        if _SUMMARY_RE.search(paragraph):
            summary = True


def _register(heading: str) -> DraftTarget | None:
    """A count of platforms in an annex heading (技术转移示范机构（已建和筹建）（6家）)."""
    claims = [c for c in phrases.read_phrase(heading).claims if units.is_count(c.unit)]
    if not claims:
        return None
    claim = claims[-1]
    target = _target(claim, heading, heading, None, ())
    target.kind = "level"
    target.name = re.sub(
        r"^[一二三四五六七八九十\d]+[、.．]|[（(][^（）()]*[）)]", "", heading
    ).strip()
    target.name_en, target.id = _english(target.name, "level")
    target.review = [
        r for r in target.review if not r.startswith(("kind:", "deadline:", "name_en:"))
    ]
    target.review.append(
        "kind: a register of the platforms the annex lists, some still to be set up; "
        "consider kind: register with platforms.yaml"
    )
    return target


def _horizon(text: str) -> int | None:
    """The year before which a plain year is the past: the year before the first deadline
    the plan sets (到2020年 -> 2019), or None when it sets none."""
    years = [int(y) for y in phrases.DEADLINE_RE.findall(phrases.normalise(text))]
    return min(years) - 1 if years else None


def _history(clause: str, sentence: str, past_before: int | None) -> str:
    """Why a clause reports the past or a forecast rather than a commitment ("" when not)."""
    norm = phrases.normalise(clause)
    match = _HISTORY_RE.search(norm)
    if match:
        return f"{match.group(0)}: history, not a commitment"
    forecast = _FORECAST_RE.search(sentence)
    if forecast:  # 预计到2022年，产值将超过90亿元: the whole sentence is a forecast
        return f"{forecast.group(0)}: a forecast, not a commitment"
    if past_before is None or phrases.read_deadline(phrases.normalise(sentence))[0]:
        return ""
    past = [y for y in _YEAR_RE.findall(phrases.normalise(sentence)) if int(y) < past_before]
    if past and not _COMMIT_RE.search(sentence):
        return f"{past[0]}年: a year before the plan's window, so history, not a commitment"
    return ""


def _title(text: str) -> str:
    for line in text.split("\n"):
        line = line.strip()
        if line and not re.search(r"〔\d{4}〕|\d+号$", line):
            return line[:200]
    return "未命名规划"


def enumeration(clause: str) -> list[str]:
    """The parts of a clause that lists several targets with 、 (获得临床批件60个、注册证书30个),
    each with its own quantity; [clause] when it lists none. A part without a quantity joins
    the next (科技型企业、高新技术企业分别… stays whole: 分别 pairs two lists)."""
    if "、" not in clause or "分别" in clause:
        return [clause]
    parts: list[str] = []
    pending = ""
    depth, start = 0, 0
    pieces = []
    for at, char in enumerate(clause):
        if char in "（(《“":
            depth += 1
        elif char in "）)》”":
            depth = max(0, depth - 1)
        elif char == "、" and depth == 0:
            pieces.append(clause[start:at])
            start = at + 1
    pieces.append(clause[start:])
    for piece in pieces:
        pending = f"{pending}、{piece}" if pending else piece
        if any(_in_digits(c) for c in phrases.read_phrase(piece).claims):
            parts.append(pending)
            pending = ""
    if pending and parts:
        parts[-1] = f"{parts[-1]}、{pending}"
    return parts if len(parts) > 1 else [clause]


def _in_digits(claim: phrases.Claim) -> bool:
    """Whether a quantity is written in digits (60个, 百分之五): one in Chinese numerals
    alone (千人计划, 一个窗口) is mostly a name."""
    return claim.words[:1].isdigit() or claim.words.startswith("百分之")


def _targets_of(
    clause: str, sentence: str, section: str, context_deadline: str | None
) -> tuple[list[DraftTarget], str]:
    parts = enumeration(clause)
    if len(parts) == 1:
        return _targets_of_part(clause, sentence, section, context_deadline)
    found: list[DraftTarget] = []
    whys: list[str] = []
    for part in parts:
        more, why = _targets_of_part(part, sentence, section, context_deadline)
        if found and more and found[-1].kind == "cumulative" and more[0].kind == "level":
            # 获得临床批件60个、注册证书30个: the verb of the list holds for every part.
            head = re.split(r"\d", phrases.normalise(part), maxsplit=1)[0]
            own_verb = _CREATE_RE.search(head) or _MILESTONE_VERB_RE.search(head)
            if (
                not own_verb
                and not _COUNT_LEVEL_RE.search(part)
                and units.is_count(more[0].unit or "")
            ):
                more[0].kind = "cumulative"
                more[0].review.append("kind: cumulative, from the verb that opens the list")
        found.extend(more)
        whys.extend([why] if why else [])
    return found, "; ".join(whys)


def _targets_of_part(
    clause: str, sentence: str, section: str, context_deadline: str | None
) -> tuple[list[DraftTarget], str]:
    reading = phrases.read_phrase(clause)
    deadline = reading.deadline or phrases.read_deadline(sentence)[0] or context_deadline
    owners = reading.owners or phrases.read_owners(sentence)
    if _FACT_RE.search(clause) and reading.claims and not _COMMIT_RE.search(clause):
        return [], "states a fact (已有, 目前, 同比), not a commitment"
    if _sized_funds(clause, reading.claims):
        milestone = _milestone(clause, section, deadline, owners)
        if milestone is not None:
            milestone.review.append(
                "kind: the funds to set up with their size (a count and an amount of the same "
                "funds): one deliverable; a count target instead if only the count matters"
            )
            return [milestone], ""
    claims = [c for c in reading.claims if _trackable(c, clause, reading.claims)]
    written = [c for c in claims if not _in_digits(c)]
    if written and written == claims and not any(c.kind == "relative" for c in claims):
        # 四个全面, 一个窗口, 千人计划: numbers in Chinese numerals are mostly names.
        claims = []
    if not claims:
        milestone = _milestone(clause, section, deadline, owners)
        opening = sentence.lstrip()
        if milestone and _SUPPORT_OTHERS_RE.match(opening) and not opening.startswith(clause):
            return [], "support for others' work (the sentence opens with it), not a deliverable"
        if milestone is not None:
            return [milestone], ""
        if reading.claims:
            return [], "its amounts describe what is built (2亿元基金), not a level to reach"
        if reading.unread:
            return [], "; ".join(reading.unread)
        return [], ""
    unknown = [c for c in claims if c.unit not in units.UNITS]
    found = [_target(c, clause, section, deadline, owners) for c in claims if c not in unknown]
    why = "; ".join(f"{c.words}: {c.unit} is not a unit hitrack knows" for c in unknown)
    return _distributed(found, clause), why


_RESPECTIVELY_RE = re.compile(r"^(?P<head>.*?)(?P<word>分别|各自)")
_EACH_RE = re.compile(r"各\s*(?:\d|[一两二三四五六七八九十])")
_SUBJECT_SPLIT = re.compile(r"[、和与及或]")
_SUBJECT_LEAD = re.compile(
    r"^(?:到\d{4}年|力争|争取|确保|全省|全市|全区|各高新区|每个高新区|要|实现|使|重点|"
    r"积极|加快|设立|建立|建设|组建|引进|培育|新建|新增)+"
)


def _distributed(found: list[DraftTarget], clause: str) -> list[DraftTarget]:
    """Several targets from one sentence that names several subjects for its numbers:
    「发明专利申请和授权分别年均增长10%以上」 (one number for each), 「A、B分别达到55家、45家」
    (a number each, in order), 「设立A、B或C各1只」 (one of each)."""
    if not found:
        return found
    norm = phrases.normalise(clause)
    match = _RESPECTIVELY_RE.match(norm)
    each = _EACH_RE.search(norm)
    if match:
        head = match.group("head")
    elif each and len(found) == 1:
        head = norm[: each.start()]
    else:
        return found
    head = re.sub(r"[（(][^（）()]*[）)]", "", head)
    head = re.sub(r"^[^、]*?(?:要|应当|应)(?=[\u4e00-\u9fff])", "", head.split("，")[-1].strip())
    head = _SUBJECT_LEAD.sub("", head)
    subjects = [s.strip() for s in _SUBJECT_SPLIT.split(head) if s.strip()]
    if len(subjects) < 2:
        return found
    if len(found) == len(subjects):  # A、B分别达到55家、45家
        for target, subject in zip(found, subjects, strict=True):
            _rename(target, subject)
        return found
    if len(found) != 1:
        return found
    out = []
    for subject in subjects:
        target = dataclasses.replace(found[0], review=list(found[0].review))
        _rename(target, subject)
        out.append(target)
    return out


def _rename(target: DraftTarget, subject: str) -> None:
    target.name = subject[:60]
    target.name_en, target.id = _english(subject, target.kind)
    target.review.append(f"name: one of the subjects the sentence lists ({subject})")


_LISTED_RE = re.compile(r"、[^、，,；;（）()]{1,8}$")
# A count followed by a move into a class (5个高新区进入国家级行列) counts moves: cumulative.
_TRANSITION_RE = re.compile(r"^[^，,；;]{0,12}?(进入|晋升|升级为|升格为|跻身|迈入|纳入)")

# 县域晋升省级高新区数量达到10家: the number of moves, even beside a level word.
_TRANSITION_BEFORE_RE = re.compile(r"(晋升|升级为|升格为|跻身)[^，,；;]{0,14}$")
# 设立人才基金200万元: the amount of a fund to set up describes the deliverable.
_FUND_RE = re.compile(
    r"(设立|建立|组建|成立|筹建|筹集|募集)[^，,；;]{0,20}(基金|资金)[^，,；;]{0,4}$"
)


_FUNDS_SET_UP_RE = re.compile(r"(设立|建立|组建|成立|筹建|募集|发起)[^，,；;]*(基金|资金)$")


def _sized_funds(clause: str, claims: tuple[phrases.Claim, ...]) -> bool:
    """设立3只总额不低于6亿元的股权投资基金: how many funds and how large, both describing
    the funds to set up; the deliverable is the set of funds, done when all are set up at
    that size. A count alone (设立…基金各1只) stays a count."""
    counted = any(units.is_count(c.unit) for c in claims)
    sized = any(c.unit.endswith("元") for c in claims)
    return counted and sized and bool(_FUNDS_SET_UP_RE.search(clause))


def _trackable(claim: phrases.Claim, clause: str, claims: tuple[phrases.Claim, ...]) -> bool:
    after = clause[claim.start + len(claim.words) :]
    if claim.unit in ("%", "倍", "个百分点"):
        return True
    if _is_measure(claim.unit) and _FUND_RE.search(clause[: claim.start]):
        return False
    counts = [c for c in claims if units.is_count(c.unit) or not _is_measure(c.unit)]
    if units.is_count(claim.unit) or not _is_measure(claim.unit):
        # 鞍山、营口、辽阳3个高新区: a count of the names listed just before it describes them.
        listed = _LISTED_RE.search(clause[: claim.start])
        verb = listed and _CREATE_RE.search(listed.group(0))
        return not (claim.comparator is None and listed and not verb)
    # An amount or an area right before a noun, or beside a count, describes the thing
    # counted or built (超千亿元产业集群2个, 设立2亿元投资基金), not a level to reach.
    return not (after[:1] == "的" or phrases.is_object(after[:1]) or counts)


def _is_measure(unit: str) -> bool:
    return (unit in units.UNITS and not units.is_count(unit)) or unit.endswith(
        ("米", "亩", "吨", "元")
    )


def _target(
    claim: phrases.Claim,
    clause: str,
    section: str,
    deadline: str | None,
    owners: tuple[str, ...],
) -> DraftTarget:
    kind = _kind(claim, clause)
    name = _name(claim, clause)
    name_en, slug = _english(name, kind)
    target = DraftTarget(
        slug, name, name_en, kind, clause, section, deadline=deadline, owners=owners
    )
    target.value, target.low, target.high = claim.value, claim.low, claim.high
    target.unit = claim.unit
    target.comparator = claim.comparator
    notes = []
    if claim.comparator is None:
        target.comparator = "gte"
        notes.append(f"the bare {claim.words} is read as at least {claim.value}")
    elif not claim.comparator_sure:
        notes.append(f"{claim.comparator_words} alone is read as {claim.comparator}")
    if target.comparator == "approx" and claim.value is not None:
        target.tolerance = _tolerance(claim.value, claim.unit)
        notes.append(
            f"{claim.comparator_words} (about) is read as within {target.tolerance} "
            f"{claim.unit}; the plan states no tolerance"
        )
    if notes:
        target.reading = True
        target.note = "; ".join(notes).capitalize() + "."
        target.review.append("comparator: " + "; ".join(notes))
    if not claim.kind_sure and kind == claim.kind:
        target.review.append(f"kind: read as {kind}; no word decides it")
    elif kind != claim.kind:
        target.review.append(f"kind: read as {kind} from the verb; check level vs cumulative")
    if "baseline" in KINDS[kind].needs:
        target.review.append("baseline: a relative target needs the value it is measured from")
    if name_en.startswith("Target"):
        target.review.append("name_en: translate the name")
    if deadline is None:
        target.review.append("deadline: none stated; the plan's deadline applies")
    return target


def _tolerance(value: Decimal, unit: str) -> Decimal:
    if unit == "%":
        return Decimal(1)
    return max(Decimal(1), (value / 20).quantize(Decimal(1)))


def _kind(claim: phrases.Claim, clause: str) -> str:
    if claim.kind in ("growth", "ratio", "relative") or not units.is_count(claim.unit):
        return claim.kind if claim.kind != "cumulative" or units.is_count(claim.unit) else "level"
    before = clause[: claim.start]
    if claim.kind == "cumulative":
        return "cumulative"
    after = clause[claim.start + len(claim.words) :]
    if _TRANSITION_RE.search(after) or _TRANSITION_BEFORE_RE.search(before):
        return "cumulative"
    if "销售额" in clause or after.startswith(("规模", "的规模")):
        return "level"
    # A verb of arrival nearer the number than a level word decides: 每个园区引进5家 counts
    # what each brings in (cumulative); 引进企业数量达到5家 states how many there are
    # (level), and so does 每个园区建设2个集群 (建设 builds a stock up, it is no arrival).
    level_at = max((m.end() for m in _COUNT_LEVEL_RE.finditer(before)), default=-1)
    arrival_at = max((m.end() for m in _ARRIVAL_RE.finditer(before)), default=-1)
    if level_at >= 0 and arrival_at > level_at:
        return "cumulative"
    if level_at >= 0:
        return "level"
    if _CREATE_RE.search(before) or (not before.strip() and claim.start == 0):
        return "cumulative"
    return "level"


_STRIP_LEAD = re.compile(
    r"^(?:到\d{4}年|力争|争取|全省|全市|全区|要|实现|使|达到|重点|积极|进一步|大力|加快)+"
)
_STRIP_TAIL = re.compile(
    r"(?:力争达到|提高到|提升到|增加到|不低于|不少于|不超过|达到|突破|超过|高于|低于|约|近|超|过|达)$"
)


def _name(claim: phrases.Claim, clause: str) -> str:
    bracket = r"[（(][^（）()]*[）)]"
    before = re.sub(bracket, "", clause[: claim.start]).strip()
    after = re.sub(bracket, "", clause[claim.start + len(claim.words) :]).strip()
    after = re.sub(r"^(?:以上|左右|以内|以下|上下)", "", after).lstrip("的")
    after = re.split(r"[和及与、]", after)[0]
    if len(re.findall(r"[\u4e00-\u9fff]", after)) >= 2 and not before.endswith(("数量", "规模")):
        name = after
    else:
        name = _STRIP_TAIL.sub("", _STRIP_LEAD.sub("", before)).strip()
        name = re.split(r"[和及与]", name)[-1] if len(name) > 30 else name
    name = re.sub(r"[“”\"《》]", "", name).strip() or clause[:30]
    return name[:60]


def _english(name: str, kind: str) -> tuple[str, str]:
    for chinese, english, slug in _GLOSSARY:
        if chinese in name:
            prefix, suffix = _KIND_WORDS.get(kind, ("", ""))
            text = prefix + english
            return text[0].upper() + text[1:], slug + suffix
    return "Target (translate the name)", "target"


_TITLE_RE = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十\d]+[）)]|——|专栏)")
_ENCOURAGE_RE = re.compile(
    r"(?:引导|鼓励|支持|带动|推动|动员)(?:企业|高校|社会|各类|科研|金融机构|有条件)"
)
_NOMINAL_TAIL_RE = re.compile(
    r"(?:的)?(?:筹建和设立|筹建与设立|建设和运行|建设与运营|建设和运营|建设|设立|筹建|组建|开发|研制|研发|运行)$"
)
# 争取A进入国家实验室序列: admission into a formal list (序列, 名单, 名录) is a deliverable;
# 进入国际先进行列 (ranks) is an aspiration.
_ADMISSION_RE = re.compile(
    r"^[^，。]{2,40}?(?:进入|纳入|列入|入选|晋升为|升级为|获批)[^，。]{0,20}?(?:序列|名单|名录)$"
)
_ASPIRE_RE = re.compile(r"^(?:力争|争取|确保|积极|推动|努力)+")
# Support for others' work opening a sentence (支持骨干企业…，联合建立…平台) holds for the
# clauses after it: the enterprises build it, not the plan.
_SUPPORT_OTHERS_RE = re.compile(
    r"^(?:引导|鼓励|支持|带动|动员)[^，,；;]{0,30}?(?:企业|高校|院所|科研机构|社会资本|金融机构)"
)
# 探索开展…: to explore whether to do it, not to do it; 建设和发展X, 建立并完善X: work
# that goes on, not a thing delivered.
_TENTATIVE_RE = re.compile(
    r"^[^，。]{0,12}?探索|(?:建设|建立|构建)(?:和|与|并)(?:发展|完善|提升|壮大)"
)
_LISTED_CLASS_RE = re.compile(r"^(.*、.*?)等[\u4e00-\u9fff]{1,4}$")
# The verb after a named subject, further in than _MILESTONE_VERB_RE looks: 甲、乙、丙等园区
# 与银行合作开展助保贷业务 (the subjects named, then what they do).
_SUBJECT_VERB_RE = re.compile(
    r"^(?:(?!支持|鼓励|引导|带动|要|应|探索)[^，。]){0,30}?(?:高新区|开发区|园区|新区|示范区|[省市县])"
    r"(?:与[^，。、]{1,12}?(?:合作|联合|共同))?(开展|建设|建立|设立|实施|推广|完成|建成|启动)"
)
_LABEL_RE = re.compile(r"^[^，,:：；;（）()]{2,12}[:：]\s*")
_AMOUNT_TAIL_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:元|平方米|平方公里|亩)$")
_ABSTRACT_RE = re.compile(r"(体系|机制|制度|政策|办法|规划|方案|标准|环境|评价|格局|链)")
_FOUNDING_RE = re.compile(r"(建立|设立|制定|出台|印发|构建|组建|建成|成立|筹建)")
_UNNAMED_RE = re.compile(r"(的|、|等|各项|各类|相应|和|及|与|长效|常态化|有效|良好|高效|健全)")


def _milestone(
    clause: str, section: str, deadline: str | None, owners: tuple[str, ...]
) -> DraftTarget | None:
    label = _LABEL_RE.match(clause)  # 大连高新区：建设… (the subject as a label)
    body = clause[label.end() :] if label else clause
    admission = _ADMISSION_RE.match(body)
    if admission and not _TENTATIVE_RE.search(body) and len(clause) <= 80:
        name = _SUBJECT_LEAD_RE.sub("", _ASPIRE_RE.sub("", body)).strip()[:60]
        return _milestone_target(name, clause, section, deadline, owners)
    found_verb = _MILESTONE_VERB_RE.search(body) or _SUBJECT_VERB_RE.search(body)
    if len(clause) > 80 or len(clause) < 6 or not found_verb:
        return None
    if _TITLE_RE.match(clause) or _ENCOURAGE_RE.search(body) or _TENTATIVE_RE.search(body):
        return None  # an item's title (1.构建…体系, ——…建设) or support for others' work
    # 推进X的建设, X的筹建和设立, 设立X基金200万元, 建设X工作站等: the deliverable is X.
    tail = _AMOUNT_TAIL_RE.sub("", _NOMINAL_TAIL_RE.sub("", body))
    tail = re.sub(r"等$", "", tail) if _DELIVERABLE_RE.search(tail[-7:-1]) else tail
    ending = re.sub(r"[》”\"）)]+$", "", tail)
    # A、B、C等载体: a list closed by 等 and a class word; the items name the deliverable.
    listed = _LISTED_CLASS_RE.search(ending)
    if listed:
        ending = listed.group(1)
    verb = _MILESTONE_VERB_RE.search(tail) or _SUBJECT_VERB_RE.search(tail)
    if verb is None:
        return None  # 加强项目建设: only the nominal ending is a verb
    # 完成X的开发, 建成X: a verb of completion states a deliverable whatever X is called.
    # (完成 only with what is completed named: 完成X的开发, not 完成各项指标).
    nominal = _NOMINAL_TAIL_RE.search(body) is not None
    done = (verb.group(1) == "建成" or (verb.group(1) == "完成" and nominal)) and (
        len(tail) - verb.end() >= 4
    )
    if _VAGUE_RE.search(tail) or not (done or _DELIVERABLE_RE.search(ending[-3:])):
        return None
    name = tail[verb.end() :].strip()[:60] or clause[:60]
    # 建立相应的考核机制, 完善各项政策, 推进信用体系建设: a system described or improved,
    # not one set up and named.
    if (
        _ABSTRACT_RE.search(name[-4:])
        and "《" not in tail
        and (_UNNAMED_RE.search(tail) or not _FOUNDING_RE.match(verb.group(1)))
    ):
        return None
    return _milestone_target(name, clause, section, deadline, owners)


def _milestone_target(
    name: str, clause: str, section: str, deadline: str | None, owners: tuple[str, ...]
) -> DraftTarget:
    name_en, slug = _english(name, "milestone")
    target = DraftTarget(slug, name, name_en, "milestone", clause, section, deadline=deadline)
    target.owners = owners
    target.review.append("kind: a deliverable without a number; keep only if it is a commitment")
    if name_en.startswith("Target"):
        target.review.append("name_en: translate the name")
    return target


def _unique_ids(targets: list[DraftTarget]) -> None:
    seen: dict[str, int] = {}
    for target in targets:
        base = target.id
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1 or base == "target":
            target.id = f"{base}-{seen[base]}"


# --- writing the draft ---------------------------------------------------------------------


def source_name(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"plan_{digest[:16]}.txt"


def _name_departments(found: list[DraftTarget], sentence: str) -> None:
    """Each target's departments and roles from the bracket of its sentence, when the
    bracket's leads are the target's."""
    departments, words = phrases.read_departments(sentence)
    leads = {name for name, role in departments if role == "lead"}
    for target in found:
        if target.owners and set(target.owners) <= leads:
            target.departments, target.owners_quote = departments, words


def _ids(names: Iterable[str], prefix: str) -> dict[str, str]:
    """`prefix-1`, `prefix-2`, ... for each distinct name, in order of first appearance."""
    ids: dict[str, str] = {}
    for name in names:
        if name and name not in ids:
            ids[name] = f"{prefix}-{len(ids) + 1}"
    return ids


def render_targets(draft: Draft, source: str) -> str:
    """targets.yaml of the draft, review notes in comments."""
    digest = hashlib.sha256(draft.text.encode("utf-8")).hexdigest()
    deadline = draft.deadline or "2025"
    start = draft.start if draft.start and draft.start <= deadline else deadline
    lines = [
        "# A draft written by `hitrack draft`: every `# review:` comment marks a field to check",
        "# against the document; delete each comment once done. `hitrack check` reads this file.",
        "schema: hitrack/v1",
        "plan:",
        "  id: draft-plan  # review: choose a kebab-case id",
        f"  title: {_q(draft.title)}  # review: the plan's title",
        "  issuer: 未填写  # review: who issued the plan",
        f'  start: "{start}"  # review: the first year of the plan window',
        f'  deadline: "{deadline}"',
        f"  source: {source}",
        f"  source_sha256: {digest}",
    ]
    owners = _ids((name for t in draft.targets for name, _ in t.departments), "dept")
    if owners:
        lines.append("  owners:  # review: choose ids; add name_en")
        lines += [f"    - {{id: {i}, name: {_q(name)}}}" for name, i in owners.items()]
    sections = _ids((t.section for t in draft.targets), "section")
    if sections:
        lines.append("  sections:  # review: choose ids; add title_en")
        lines += [f"    - {{id: {i}, title: {_q(title)}}}" for title, i in sections.items()]
    lines.append("targets:")
    section = None
    for target in draft.targets:
        if target.section != section:
            section = target.section
            lines.append(f"  # {_comment(section) or '(before the first heading)'}")
        lines.extend(_render_target(target, deadline, sections, owners))
    if not draft.targets:
        lines[-1] = "targets: []"
    return "\n".join(lines) + "\n"


def _render_target(
    target: DraftTarget, plan_deadline: str, sections: dict[str, str], owners: dict[str, str]
) -> list[str]:
    out = [f"  - id: {target.id}"]
    out.append(f"    name: {_q(target.name)}")
    out.append(f"    name_en: {_q(target.name_en)}")
    out.append(f"    kind: {target.kind}")
    fields: list[tuple[str, object]] = [
        ("comparator", target.comparator),
        ("value", target.value),
        ("low", target.low),
        ("high", target.high),
        ("tolerance", target.tolerance),
        ("unit", target.unit),
    ]
    for key, value in fields:
        if value is not None:
            shown = _q(value) if isinstance(value, str) else _number(value)  # type: ignore[arg-type]
            out.append(f"    {key}: {shown}")
    if target.comparator == "between":
        # The quote rarely says whether the upper end is a ceiling; the reviewer decides.
        out.append("    upper_binds: false  # review: true if the upper end is a ceiling")
    if target.deadline and target.deadline != plan_deadline:
        out.append(f'    deadline: "{target.deadline}"')
    if KINDS[target.kind].flag:
        out.append(f"    deliverable: {_q(target.name)}")
    out.append(f"    quote: {_q(target.quote)}")
    if target.reading:
        out.append("    reading: true")
    if target.section in sections:
        out.append(f"    section: {sections[target.section]}")
    if target.departments:
        out.append("    owners:")
        out += [f"      - {{id: {owners[n]}, role: {role}}}" for n, role in target.departments]
        out.append(f"    owners_quote: {_q(target.owners_quote)}")
    notes = [target.note] if target.note else []
    if target.owners and not target.departments:
        notes.append("Lead: " + "、".join(target.owners) + ".")
    if notes:
        out.append(f"    note: {_q(' '.join(notes))}")
    out.extend(f"    # review: {_comment(r)}" for r in target.review)
    return out


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _comment(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", " ", text)


def render_skipped(draft: Draft) -> str:
    lines = ["# Sentences `hitrack draft` judged not trackable, with the reason.", ""]
    lines += [f"{_comment(clause)}\n    -> {_comment(why)}" for clause, why in draft.skipped]
    return "\n".join(lines) + "\n"


def draft_files(draft: Draft) -> list[tuple[str, str]]:
    """(path in the data directory, content) of every file of the draft."""
    name = source_name(draft.text)
    return [
        ("targets.yaml", render_targets(draft, name)),
        (f"sources/{name}", draft.text),
        ("draft-skipped.txt", render_skipped(draft)),
    ]
