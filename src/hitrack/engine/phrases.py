"""A reader of Chinese target phrases: what a plan's sentence states, with the words that say it.

`read_phrase` takes a quote (「科技型中小企业数量突破55家」) and returns each quantity it states
(a `Claim`): the number or range, its unit and scale, the comparator and the kind, each with
the words that decide it and whether those words decide it or only suggest it (达到 alone is
a reading, not a statement). It also reads the deadline (到2020年, 十三五期末) and the lead
department in brackets (（市科技局牵头）), and lists what it could not read: it never guesses
silently.

`disagreements` holds a target against its quote for `check` (rule `quote-disagrees`).
Pure: no I/O, no model imports beyond types.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Literal, Protocol

from hitrack.core import units as units_mod
from hitrack.core.problems import said
from hitrack.engine.kinds import KINDS

Severity = Literal["error", "warning"]

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９％．，～－：（）",
    "0123456789%.,~-:()",
)
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "―": "-", "〜": "~"})

# Counting words and measures plans use; a unit hitrack does not know is still read (and
# `draft` says so). Longest first, so 万平方米 wins over 平方米 and 个百分点 over 个.
_EXTRA_UNITS = [
    "个百分点",
    "万平方米",
    "平方公里",
    "平方米",
    "公顷",
    "公里",
    "千米",
    "万亩",
    "亩",
    "吨",
    "美元",
    "亿美元",
    "万美元",
    "人次",
    "名",
    "所",
    "支",
    "条",
    "种",
    "款",
    "台",
    "套",
    "篇",
    "户",
    "株",
    "枚",
    "例",
    "张",
    "栋",
    "座",
]
_CN = "零〇一二两三四五六七八九十百千"
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_NUMBER = rf"(?:{_NUM}|[{_CN}]+)"
_SCALES = {
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "十亿": Decimal(10) ** 9,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
}
_CN_DIGITS = {c: int(d) for c, d in zip("零〇一二两三四五六七八九", "001223456789", strict=True)}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}

# Words before a number (adjacent) and after its unit, with the comparator they state and
# whether they decide it (True) or only suggest it (False), and an English gloss.
_PREFIX: tuple[tuple[str, str, bool, str], ...] = (
    ("不低于", "gte", True, "not lower than"),
    ("不少于", "gte", True, "not fewer than"),
    ("不小于", "gte", True, "not less than"),
    ("不超过", "lte", True, "not more than"),
    ("不高于", "lte", True, "not higher than"),
    ("不多于", "lte", True, "not more than"),
    ("不大于", "lte", True, "not more than"),
    ("控制在", "lte", False, "kept within"),
    ("突破", "gt", True, "more than"),
    ("超过", "gt", True, "more than"),
    ("高于", "gt", True, "higher than"),
    ("多于", "gt", True, "more than"),
    ("大于", "gt", True, "more than"),
    ("超", "gt", True, "over"),
    ("逾", "gt", True, "over"),
    ("过", "gt", True, "over"),
    ("低于", "lt", True, "lower than"),
    ("少于", "lt", True, "fewer than"),
    ("小于", "lt", True, "less than"),
    ("大约", "approx", True, "about"),
    ("约", "approx", True, "about"),
    ("近", "approx", True, "nearly"),
    ("力争达到", "gte", False, "strive to reach"),
    ("达到", "gte", False, "reach"),
    ("提高到", "gte", False, "raise to"),
    ("提高至", "gte", False, "raise to"),
    ("提升到", "gte", False, "raise to"),
    ("提升至", "gte", False, "raise to"),
    ("增加到", "gte", False, "increase to"),
    ("增加至", "gte", False, "increase to"),
    ("增长到", "gte", False, "grow to"),
    ("达", "gte", False, "reach"),
)
_SUFFIX: tuple[tuple[str, str, bool, str], ...] = (
    ("以上", "gte", True, "or more"),
    ("左右", "approx", True, "about"),
    ("上下", "approx", True, "about"),
    ("以内", "lte", True, "within"),
    ("之内", "lte", True, "within"),
    ("以下", "lte", True, "or less"),
)
GLOSS: dict[str, str] = {"between": "a range", "gt": "more than", "gte": "at least"}
GLOSS.update({"lt": "less than", "lte": "at most", "approx": "about"})

_DOUBLINGS = (
    ("翻两番", Decimal(4)),
    ("翻三番", Decimal(8)),
    ("翻一番", Decimal(2)),
    ("翻番", Decimal(2)),
    ("倍增", Decimal(2)),
    ("增长一倍", Decimal(2)),
)
_GROWTH_RE = re.compile(r"(年均增长速度|年均增速|年均增长率|年均增长|年增长|增长率|增速|增幅|增长)")
_SHARE_RE = re.compile(r"占[^，。；,;]{0,40}?(比重|比例|份额)|(\w率)")
_CUMULATIVE_RE = re.compile(r"(累计|新增|总计|合计|共计|新建|新组建|新培育|新引进|新认定|新升级)")
_PER_RE = re.compile(r"(每[十百千万亿]?(?:人|户|家|平方公里))")
# 截至2018年 is the date of a figure already reached (history), not a deadline.
DEADLINE_RE = re.compile(r"(?:(?<![截])到|(?<![截])至)\s*(\d{4})\s*年")
_YEAR_END_RE = re.compile(r"(?<!截至)(?<!截止)(?<!截止到)(\d{4})\s*年(?:底|末)")
_FYP_RE = re.compile(r"“?(十[一二三四五六七八九]?五)”?(?:规划)?(?:期末|末期|末)")
_FYP_END = {"十一五": "2010", "十二五": "2015", "十三五": "2020", "十四五": "2025"}
_FYP_END.update({"十五": "2005", "十五五": "2030", "十六五": "2035"})
_LEAD_RE = re.compile(r"[（(]([^（）()]{2,80}?)(?:牵头|负责)[^（）()]{0,40}[）)]")
_LEAD_UNIT_RE = re.compile(r"牵头(?:单位|部门)\s*[:：]\s*([^（）()；;。]+)")


@dataclasses.dataclass(frozen=True)
class Claim:
    """One quantity a phrase states."""

    words: str
    """The words of the quantity, comparator words included (突破55家)."""
    start: int
    """Where `words` starts in the phrase (after normalising fullwidth characters)."""
    value: Decimal | None
    """The number, in `unit` (None for a range)."""
    low: Decimal | None
    high: Decimal | None
    unit: str
    """The unit as written after any scale word is applied (亿元, 家, %)."""
    unit_words: str
    """How number and unit are written (2.5亿元, 1.6万平方米)."""
    comparator: str | None
    comparator_words: str
    """The words that state the comparator ("" for a bare number)."""
    comparator_sure: bool
    """False when the comparator is a reading (达到 alone, a bare number)."""
    kind: str
    kind_words: str
    kind_sure: bool
    per: str | None = None
    """Per-population words (每万人)."""

    @property
    def known_unit(self) -> bool:
        return self.unit in units_mod.UNITS

    def numbers(self) -> tuple[Decimal, ...]:
        return tuple(n for n in (self.value, self.low, self.high) if n is not None)


@dataclasses.dataclass(frozen=True)
class Reading:
    """What a phrase states."""

    text: str
    claims: tuple[Claim, ...]
    deadline: str | None
    deadline_words: str
    owners: tuple[str, ...]
    unread: tuple[str, ...]
    """What the reader saw but could not read (a number without a unit, ...)."""


def normalise(text: str) -> str:
    """Fullwidth digits and punctuation as ASCII, dashes as "-"; same length as `text`."""
    return text.translate(_FULLWIDTH).translate(_DASHES)


def chinese_number(text: str) -> Decimal | None:
    """十五 -> 15, 两 -> 2, 一千六百 -> 1600, 二〇二〇 -> 2020; None when not a numeral."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if all(c in _CN_DIGITS for c in text) and len(text) > 1:  # 二〇二〇: digit by digit
        return Decimal("".join(str(_CN_DIGITS[c]) for c in text))
    total, digit = 0, None
    for char in text:
        if char in _CN_DIGITS:
            if digit is not None:
                return None
            digit = _CN_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[char]
            digit = None
    return Decimal(total + (digit or 0))


def _number(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    return chinese_number(text)


def _unit_pattern(extra: Iterable[str]) -> str:
    names = set(units_mod.UNITS) | set(_EXTRA_UNITS) | set(extra)
    names.discard("%")
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(map(re.escape, ordered)) + "|%"


_QUANTITY_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _quantity_re(extra: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _QUANTITY_CACHE.get(extra)
    if pattern is None:
        scales = "|".join(_SCALES)
        pattern = re.compile(
            rf"(?P<pct>百分之(?P<pnum>{_NUMBER}))"
            rf"|(?P<num>{_NUMBER})(?:\s*(?P<sep>[-~至])\s*(?P<num2>{_NUMBER}))?"
            rf"\s*(?P<scale>{scales})?\s*(?P<unit>{_unit_pattern(extra)})"
        )
        _QUANTITY_CACHE[extra] = pattern
    return pattern


def _scaled(number: Decimal, scale: str | None, unit: str) -> tuple[Decimal, str]:
    """A scale word applied: 2.5 亿 元 -> 2.5 亿元; 1 万 家 -> 10000 家; 千亿元 -> 1000 亿元."""
    if not scale:
        return number, unit
    if scale + unit in units_mod.UNITS:
        return number, scale + unit
    for word in ("亿", "万"):  # 千亿元: 千 multiplies a unit hitrack knows (亿元)
        if scale.endswith(word) and word + unit in units_mod.UNITS and scale != word:
            return number * _SCALES[scale] / _SCALES[word], word + unit
    if scale + unit in _EXTRA_UNITS:
        return number, scale + unit
    return number * _SCALES[scale], unit


def _comparator(text: str, start: int, end: int, ranged: bool) -> tuple[str | None, str, bool]:
    if ranged:
        return "between", text[start:end], True
    before = text[max(0, start - 6) : start].rstrip()
    after = text[end : end + 3].lstrip()
    prefix = next((p for p in _PREFIX if before.endswith(p[0])), None)
    if prefix is not None and prefix[0] == "突破" and is_object(text[end : end + 1]):
        prefix = None  # 突破20项关键技术: the verb "break through", not "more than"
    suffix = next((s for s in _SUFFIX if after.startswith(s[0])), None)
    if suffix is not None and (prefix is None or not prefix[2] or suffix[1] == "approx"):
        # 左右 decides over 达到; 以上 decides over 达到 / 力争达到.
        words = (prefix[0] + "…" if prefix else "") + suffix[0]
        return suffix[1], words, True
    if prefix is not None and suffix is not None:
        # Two stating words: 控制在…以内 agrees; 超过…以上 says gt and gte at once.
        same = prefix[1] == suffix[1]
        return suffix[1] if same else prefix[1], f"{prefix[0]}…{suffix[0]}", same
    if prefix is not None:
        return prefix[1], prefix[0], prefix[2]
    return None, "", False


def is_object(char: str) -> bool:
    """Whether the character after a quantity starts a noun it counts (20项关键技术)."""
    return bool(char) and "\u4e00" <= char <= "\u9fff" and char not in "以左上之的"


def _kind(clause: str, before: str, unit: str) -> tuple[str, str, bool]:
    growth = _GROWTH_RE.search(before[-14:])
    if growth and unit in ("%", "个百分点"):
        if unit == "个百分点":
            return "relative", growth.group(1) + "…个百分点", True
        return "growth", growth.group(1), True
    if unit == "个百分点":
        return "relative", "个百分点", True
    if unit == "%":
        share = _SHARE_RE.search(before)
        if share:
            return "ratio", share.group(0) if share.group(1) else share.group(2), True
        return "ratio", "%", False
    if unit == "倍":
        return "relative", "倍", False
    cumulative = _CUMULATIVE_RE.search(before)
    if cumulative:
        return "cumulative", cumulative.group(1), True
    return "level", "", False


def read_phrase(text: str, extra_units: Iterable[str] = ()) -> Reading:
    """What `text` states: its quantities, deadline and lead department."""
    norm = normalise(text)
    claims: list[Claim] = []
    covered: list[tuple[int, int]] = []
    for match in _quantity_re(tuple(sorted(extra_units))).finditer(norm):
        claim = _claim(norm, match)
        if claim is not None:
            claims.append(claim)
            covered.append(match.span())
    for word, factor in _DOUBLINGS:
        at = norm.find(word)
        if at >= 0 and not any(s <= at < e for s, e in covered):
            covered.append((at, at + len(word)))
            claims.append(
                Claim(
                    word,
                    at,
                    factor,
                    None,
                    None,
                    "倍",
                    word,
                    "gte",
                    word,
                    True,
                    "relative",
                    word,
                    True,
                )
            )
    claims.sort(key=lambda c: c.start)
    claims = _shared_comparators(norm, claims)
    deadline, deadline_words = read_deadline(norm)
    return Reading(
        text,
        tuple(claims),
        deadline,
        deadline_words,
        read_owners(norm),
        tuple(_unread(norm, covered)),
    )


def _shared_comparators(norm: str, claims: list[Claim]) -> list[Claim]:
    """Numbers listed together share their comparator words: 6家、9家以上 (以上 closes the
    list and decides for both, over a 达到 before the first), 达到55家、45家 (达到 reads for
    both). A number with a word that decides keeps it."""
    out = list(claims)

    def listed(a: Claim, b: Claim) -> bool:
        between = norm[a.start + len(a.words) : b.start].strip()
        return between in ("、", "和", "及", "与") and a.unit == b.unit

    for at in range(len(out) - 2, -1, -1):  # a closing word holds for the list before it
        cur, nxt = out[at], out[at + 1]
        if listed(cur, nxt) and not cur.comparator_sure and nxt.comparator_sure:
            words = f"{cur.comparator_words}…{nxt.comparator_words}".lstrip("…")
            if nxt.comparator != "between":
                out[at] = dataclasses.replace(
                    cur, comparator=nxt.comparator, comparator_words=words, comparator_sure=True
                )
    for at in range(1, len(out)):  # an opening word reads for the list after it
        prev, cur = out[at - 1], out[at]
        if listed(prev, cur) and cur.comparator is None and prev.comparator != "between":
            out[at] = dataclasses.replace(
                cur,
                comparator=prev.comparator,
                comparator_words=prev.comparator_words,
                comparator_sure=prev.comparator_sure,
            )
    return out


def _claim(norm: str, match: re.Match[str]) -> Claim | None:
    start, end = match.span()
    if match.group("pct"):
        value = _number(match.group("pnum"))
        if value is None:
            return None
        comparator, cwords, sure = _comparator(norm, start, end, False)
        kind, kwords, ksure = _kind(norm, norm[:start], "%")
        return Claim(
            match.group(0), start, value, None, None, "%", match.group(0),
            comparator, cwords, sure, kind, kwords, ksure,
        )  # fmt: skip
    first = _number(match.group("num"))
    second = _number(match.group("num2")) if match.group("num2") else None
    if first is None or (match.group("num2") and second is None):
        return None
    unit = match.group("unit")
    scale = match.group("scale")
    value, unit_out = _scaled(first, scale, unit)
    low = high = None
    if second is not None:
        low, (high, _) = value, _scaled(second, scale, unit)
        value = None
    comparator, cwords, sure = _comparator(norm, start, end, second is not None)
    kind, kwords, ksure = _kind(norm, norm[:start], unit_out)
    per = _PER_RE.search(norm[:start])
    return Claim(
        match.group(0), start, value, low, high, unit_out, match.group(0),
        comparator, cwords, sure, kind, kwords, ksure, per.group(1) if per else None,
    )  # fmt: skip


def read_deadline(text: str) -> tuple[str | None, str]:
    """The year a phrase sets as its deadline (到2020年, 2020年底, 十三五期末), with its words."""
    for pattern in (DEADLINE_RE, _YEAR_END_RE):
        match = pattern.search(text)
        if match:
            return match.group(1), match.group(0)
    match = _FYP_RE.search(text)
    if match and match.group(1) in _FYP_END:
        return _FYP_END[match.group(1)], match.group(0)
    return None, ""


def read_owners(text: str) -> tuple[str, ...]:
    """The lead departments named in brackets: （市科技局牵头，市财政局配合） -> (市科技局,)."""
    found: list[str] = []
    for pattern in (_LEAD_RE, _LEAD_UNIT_RE):
        for match in pattern.finditer(text):
            inner = match.group(1).split("，")[0].split(",")[0]
            inner = re.sub(r"^(?:由|牵头单位[:：]?)", "", inner)
            found.extend(part.strip() for part in re.split(r"[、/]", inner) if part.strip())
    return tuple(dict.fromkeys(found))


_LEAD_WORDS = ("牵头", "负责")
_HELP_WORDS = ("配合", "参与", "协助", "协同")


def read_departments(text: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """The departments named in the first bracket that names a lead, each with its role,
    and that bracket's words: （区科技局牵头，区财政局、区发改局配合） ->
    ((区科技局, lead), (区财政局, cooperating), (区发改局, cooperating)), "区科技局牵头，…配合".
    A part without a role word after the lead's is cooperating; () and "" without a lead."""
    match = _LEAD_RE.search(text)
    if match is None:
        return (), ""
    inner = match.group(0)[1:-1]
    found: dict[str, str] = {}
    role = "lead"
    for part in re.split(r"[，,；;]", inner):
        part = part.strip()
        words = _LEAD_WORDS if part.endswith(_LEAD_WORDS) else _HELP_WORDS
        said = next((w for w in words if part.endswith(w)), "")
        if said:
            role = "lead" if said in _LEAD_WORDS else "cooperating"
            part = part[: -len(said)]
        elif found:
            role = "cooperating"
        part = re.sub(r"^(?:由|牵头单位[:：]?)", "", part).strip()
        for name in re.split(r"[、/]", part):
            name = name.strip()
            if 2 <= len(name) <= 40 and name not in found:
                found[name] = role
    if "lead" not in found.values():
        return (), ""
    return tuple(found.items()), inner


_YEARISH = re.compile(
    r"\d{4}\s*年|\d{1,2}\s*月|\d+\s*日|第[一二三四五六七八九十\d]+|(?:专栏|附件|附表|图|表)\s*\d+"
)
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _unread(norm: str, covered: list[tuple[int, int]]) -> Iterator[str]:
    skip = [m.span() for m in _YEARISH.finditer(norm)]
    for match in _BARE_NUMBER.finditer(norm):
        at = match.start()
        if any(s <= at < e for s, e in covered + skip):
            continue
        if norm[max(0, at - 1) : at].isascii() and norm[max(0, at - 1) : at].isalpha():
            continue  # part of a name (R&D, 5G, PM2.5)
        after = norm[match.end() : match.end() + 2]
        if after[:1].isascii() and after[:1].isalpha():
            continue  # 5G, 3D
        yield f"{match.group(0)}{after}: a number without a unit hitrack can read"


# --- holding a target against its quote ---------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Disagreement:
    field: str
    """The target's field the finding is about (comparator, unit, value, kind)."""
    severity: Severity
    message: str


class _TargetLike(Protocol):
    """The fields of model.Target this module reads."""

    @property
    def kind(self) -> str: ...
    @property
    def comparator(self) -> str | None: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def low(self) -> Decimal | None: ...
    @property
    def high(self) -> Decimal | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def reading(self) -> bool: ...
    @property
    def quote(self) -> str: ...
    @property
    def every_period(self) -> bool: ...


def _claim_for(target: _TargetLike, reading: Reading) -> Claim | None:
    numbers = {n for n in (target.value, target.low, target.high) if n is not None}
    if not numbers:
        return None
    same = [c for c in reading.claims if numbers <= set(c.numbers())]
    if not same:
        # The number in another unit of its dimension (25000 万元 for 2.5亿元) is the same claim.
        same = [
            c
            for c in reading.claims
            if target.unit
            and units_mod.compatible(c.unit, target.unit)
            and {units_mod.convert(n, c.unit, target.unit) for n in c.numbers()} >= numbers
        ]
    if not same:
        return None
    return next((c for c in same if c.unit == target.unit), same[0])


def disagreements(target: _TargetLike) -> list[Disagreement]:
    """Where `target` contradicts its own quote (errors) or reads more into it than it states
    (warnings, silenced by `reading: true` with a note)."""
    if KINDS[target.kind].flag:
        return []  # a milestone states no number
    yearly = list(_every_year_findings(target))
    reading = read_phrase(target.quote, [target.unit] if target.unit else [])
    claim = _claim_for(target, reading)
    if claim is None:
        # number-not-in-quote (or a doubling without a number) reports it
        return [f for f in yearly if f.severity == "error"] if target.reading else yearly
    found = yearly + list(_unit_findings(target, claim))
    found += _comparator_findings(target, claim)
    if not KINDS[target.kind].counted:
        found += _kind_findings(target, claim)
    if target.reading:
        found = [f for f in found if f.severity == "error"]
    return found


#: Words that make a target hold (or move) every year: 保持在90%以上, 逐年增加.
EVERY_YEAR_WORDS = ("逐年", "保持在")
#: Words a `every_period` target's quote may say it with.
_YEARLY_WORDS = (*EVERY_YEAR_WORDS, "每年", "年度", "历年", "连续", "始终", "保持")
_DIRECTION_WORDS = {
    "rising": ("增加", "增长", "提升", "提高", "上升", "扩大", "增强"),
    "falling": ("下降", "降低", "减少", "减小", "压缩"),
}


def _every_year_findings(target: _TargetLike) -> Iterator[Disagreement]:
    """逐年 and 保持在 make a target hold every year; a direction-only target's quote says
    which way."""
    quote = target.quote
    said = next((w for w in EVERY_YEAR_WORDS if w in quote), None)
    if said is not None and not target.every_period:
        yield Disagreement(
            "every_period",
            "warning",
            f"the quote says {said} (every year), but the target is judged at its deadline "
            "only: set every_period: true, or record the reading (reading: true and a note)",
        )
    if target.every_period and not any(w in quote for w in _YEARLY_WORDS):
        yield Disagreement(
            "every_period",
            "warning",
            "every_period holds the target every year, but the quote says nothing of each year "
            f"({', '.join(_YEARLY_WORDS[:4])}): record the reading (reading: true and a note)",
        )
    words = _DIRECTION_WORDS.get(target.comparator or "")
    if words is not None and not any(w in quote for w in words):
        other = next(d for d in _DIRECTION_WORDS if d != target.comparator)
        wrong = next((w for w in _DIRECTION_WORDS[other] if w in quote), None)
        yield Disagreement(
            "comparator",
            "error" if wrong else "warning",
            f"the quote says {wrong}, so the target is {other}; the file says {target.comparator}"
            if wrong
            else f"the quote names no direction ({', '.join(words[:4])}) for "
            f"{target.comparator}: record the reading (reading: true and a note)",
        )


def _unit_findings(target: _TargetLike, claim: Claim) -> Iterator[Disagreement]:
    if target.unit is None or target.unit == claim.unit:
        return
    if claim.unit == "个百分点" and target.unit == "%":  # points of a share: hitrack writes %
        return
    if "/" in target.unit and target.unit.split("/", 1)[0] == claim.unit:
        return  # a per-population unit (件/万人): the quote says 每万人口…8件
    numbers = ", ".join(map(str, claim.numbers()))
    if units_mod.compatible(claim.unit, target.unit):
        yield Disagreement(
            "unit",
            "error",
            said(
                "quote-unit-scale",
                words=claim.unit_words,
                numbers=numbers,
                unit=claim.unit,
                written=target.unit,
            ),
        )
    else:
        yield Disagreement(
            "unit",
            "error",
            said("quote-unit", words=claim.unit_words, unit=claim.unit, written=target.unit),
        )


def _comparator_findings(target: _TargetLike, claim: Claim) -> Iterator[Disagreement]:
    written = target.comparator
    if written is None:
        return
    read = claim.comparator
    words = claim.comparator_words
    if read is None:
        if written in ("lt", "lte"):
            yield Disagreement(
                "comparator",
                "error",
                said("quote-bare-level", words=claim.words, written=written),
            )
        elif written != "between":
            yield Disagreement(
                "comparator",
                "warning",
                said("quote-bare-number", words=claim.words, written=written),
            )
        return
    gloss = GLOSS.get(read, read)
    if written == read:
        if not claim.comparator_sure:
            yield Disagreement(
                "comparator",
                "warning",
                said("quote-comparator-unstated", words=words, gloss=_gloss(words), read=read),
            )
        return
    opposite = {"gt": "lower", "gte": "lower", "lt": "upper", "lte": "upper"}
    bound_said = {"gt": "lower", "gte": "lower", "lt": "upper", "lte": "upper"}.get(written)
    contradicts = (
        claim.comparator_sure
        or read == "between"
        or written == "between"
        or (bound_said is not None and opposite.get(read, bound_said) != bound_said)
        or read == "approx"
    )
    message = said(
        "quote-comparator", words=words, gloss=_gloss(words) or gloss, read=read, written=written
    )
    yield Disagreement("comparator", "error" if contradicts else "warning", message)


def _gloss(words: str) -> str:
    parts = words.split("…")
    glosses = [g for p in parts for w, _, _, g in _PREFIX + _SUFFIX if w == p]
    return " … ".join(glosses)


def _kind_findings(target: _TargetLike, claim: Claim) -> Iterator[Disagreement]:
    written, read = target.kind, claim.kind
    if written == read:
        return
    if read in ("growth", "relative") and claim.kind_sure and written not in ("growth", "relative"):
        yield Disagreement(
            "kind",
            "error",
            said("quote-kind", words=claim.kind_words, read=read, written=written),
        )
    elif written == "growth" and read != "growth":
        yield Disagreement(
            "kind",
            "error",
            said("quote-no-growth", words=claim.words, read=read),
        )
    elif read == "ratio" and claim.kind_sure and written not in ("ratio", "growth", "relative"):
        yield Disagreement(
            "kind",
            "error",
            said("quote-share", words=claim.kind_words, written=written),
        )
    elif read == "cumulative" and written == "level":
        yield Disagreement(
            "kind",
            "warning",
            said("quote-cumulative", words=claim.kind_words),
        )
