"""The Chinese descriptions of the published JSON Schema (`hitrack schema`).

Keyed by record (`Target`) and by record and field (`Target.quote`); `hitrack schema` puts
each after the English description that the field's docstring gives, so an editor shows
both. A test makes sure every record and field of the model has one.
"""

from __future__ import annotations

from typing import Any

ZH: dict[str, str] = {
    # targets.yaml
    "TargetsFile": "targets.yaml：规划、阈值与目标",
    "TargetsFile.schema": "固定为 hitrack/v1",
    "TargetsFile.plan": "规划文件",
    "TargetsFile.targets": "规划的各项目标",
    "TargetsFile.thresholds": "按计划 / 有风险 / 滞后的判定阈值",
    "TargetsFile.plausibility": "数值看似录错时的警告阈值（check 的合理性检查）",
    "TargetsFile.references": "参照序列：有实际值而无目标的指标，供目标的 against 引用",
    "Reference": "参照序列：有实际值而本身无目标的指标（全省增速、作分母的 GDP），"
    "目标可与之比较（against）",
    "Reference.id": "序列编号，目标的 against 与实际值的 target 引用它",
    "Reference.name": "发布方所用的序列名称（全省规模以上工业增加值增速）",
    "Reference.unit": "单位；须能换算为与之比较的每个目标的单位",
    "Reference.name_en": "序列的英文名称",
    "Reference.source": "发布方及出处（辽宁省统计局《辽宁省国民经济和社会发展统计公报》）",
    "Reference.flow": "为 true 表示年度流量，同目标的 flow",
    "Reference.note": "备注",
    "Plan": "目标所出自的规划文件",
    "Plan.id": "规划的编号（小写字母、数字与连字符）",
    "Plan.title": "文件标题（原文语言）",
    "Plan.issuer": "印发机关",
    "Plan.start": "规划期的第一个期间（年均增速的基期）",
    "Plan.deadline": "规划期的最后一个期间；未写截止期的目标以此为准",
    "Plan.title_en": "英文标题",
    "Plan.document_number": "文号，如 本高党政办发〔2019〕59号",
    "Plan.issued": "印发日期",
    "Plan.source": "原文文件名，位于数据目录的 sources/ 中",
    "Plan.source_sha256": "原文的 SHA-256（sha256sum sources/文件）；原文被改动、转码或替换即报错",
    "Plan.zones": "多园区规划的各园区",
    "Plan.owners": "规划确定的各责任单位（区科技局、区财政局），供目标的 owners 引用",
    "Plan.sections": "规划中归类目标的各章节，供目标的 section 引用",
    "Plan.units": "规划自用而 hitrack 未内置的单位（件/万人、万平方米、亿美元）："
    "各为新量纲、计数单位或已知单位的精确倍数",
    "Plan.note": "备注",
    "DeclaredUnit": "规划使用而 hitrack 未内置的单位"
    "（件/万人、万平方米、亿美元、个百分点、所、台套）："
    "dimension、count、equals 三者恰选其一，说明其度量",
    "DeclaredUnit.symbol": "目标与实际值中该单位的写法（件/万人）",
    "DeclaredUnit.name_en": "单位的英文名称",
    "DeclaredUnit.dimension": "以该单位为基本单位的新量纲（per-10k-people）；"
    "其他单位只能经 equals 换算为它",
    "DeclaredUnit.count": "为 true 表示计数单位（所、名、台套）：取整数，且不与其他计数单位换算，"
    "除非另有单位声明 equals 等于它",
    "DeclaredUnit.equals": "一个该单位恰等于 value 个 unit（内置单位或前面已声明的单位），"
    "如 万平方米：{value: 0.01, unit: 平方公里}；内置计数单位也可声明等于另一个"
    "（个 作 家：{value: 1, unit: 家}），用于规划的统计口径混用二者时",
    "Owner": "规划确定的一个责任单位（牵头或配合单位）",
    "Owner.id": "单位编号，目标的 owners 引用它",
    "Owner.name": "规划所写的单位名称（区科技局）",
    "Owner.name_en": "单位英文名称",
    "PlanSection": "规划的一章（或一节），归类目标",
    "PlanSection.id": "章节编号，目标的 section 引用它",
    "PlanSection.title": "规划所写的标题（三、重点任务）；与原文核对",
    "PlanSection.title_en": "标题的英文",
    "OwnerRef": "目标的一个责任单位及其角色",
    "OwnerRef.id": "plan.owners 中的单位编号",
    "OwnerRef.role": "lead（牵头）或 cooperating（配合、参与）",
    "Zone": "多园区规划中的一个园区（省内某高新区）",
    "Zone.id": "园区编号，实际值的 zone 引用它",
    "Zone.name": "园区中文名称（沈阳高新区）",
    "Zone.name_en": "园区英文名称",
    "Thresholds": "决定目标状态的进度区间",
    "Thresholds.on_track": "预计进度与应达进度之比不低于此值：按计划",
    "Thresholds.at_risk": "不低于此值（且低于 on_track）：有风险；低于此值：滞后；"
    "低于 0（背离目标）：恶化",
    "Thresholds.method": "hitrack：按数量比较预计进度与应达进度；opensdg：Open SDG 的"
    "实际与应达复合增速之比，区间为 0.95 / 0.6 / 0（此时忽略 on_track 与 at_risk）",
    "Plausibility": "报送数值偏离多少时 check 警告其疑似录错",
    "Plausibility.jump": "与同一指标其他期间（中位数）相差超过此倍数即警告 "
    "implausible-jump；0 关闭",
    "Plausibility.scale_slack": "与参照值之比在一万倍或一亿倍（或其倒数）的此倍数之内"
    "即警告 unit-scale",
    "Target": "规划的一项目标",
    "Target.id": "目标编号（小写字母、数字与连字符）",
    "Target.name": "中文简称（科技型中小企业数量）",
    "Target.name_en": "英文简称",
    "Target.kind": "类型：level、growth、ratio、relative、cumulative、milestone 或 register",
    "Target.quote": "原文中提出该目标的句子，逐字照录；目标的每个数字都须在其中",
    "Target.comparator": "比较方式：gt、gte、lt、lte、approx 或 between；只有方向的目标"
    "（研发投入逐年增加、大幅提升）用 rising 或 falling（无目标值，按数据序列判定；"
    "every_period: true 时须逐年如此，否则看总体）；里程碑无此项",
    "Target.value": "目标值（between 用 low 与 high）",
    "Target.low": "between 区间的下限",
    "Target.high": "between 区间的上限",
    "Target.upper_binds": "between：上限为封顶时为 true（聚焦1-2个产业：第三个即未达），"
    "为可超越的目标时为 false（突破3-5项：六项亦可）；每个区间必填",
    "Target.tolerance": "approx：允许偏离目标值的幅度，以目标单位计",
    "Target.unit": "目标单位；里程碑无此项",
    "Target.series_unit": "growth：所测增速的基础序列的单位",
    "Target.deadline": "目标的截止期间；默认为规划的截止期。早于规划期末的目标（2016—2020年规划中"
    "的2018年目标）按自己的截止期判定，晚于截止期才达成的显示为逾期达成",
    "Target.start": "目标自己的起始期间，晚于规划起始时填写（2018年启动的任务）：累计值自此起算，"
    "所需路径与进度自此时或此前最近的一个值起算；默认为规划的起始期",
    "Target.baseline": "目标的基数",
    "Target.path": "规划给出的逐年中间值（2018年40家、2019年48家、2020年55家中截止期以前的各点；"
    "截止期的值即 value），按期间先后排列：进度按此路径衡量而非直线，每个中间值逐一判定是否达到",
    "PathPoint": "目标路径上的一个中间值（2018年40家）",
    "PathPoint.period": "该中间值应达到的期间（规划期内、截止期之前的年份）",
    "PathPoint.value": "届时应达到的值，单位同目标（cumulative：至此的累计值）；须出现在目标原文中",
    "Target.every_period": "须每年保持的目标（科技计划项目年度验收合格率保持在90%以上）填 true："
    "逐年判定，任一年未达标即为未完成，其后年份不能弥补；迄今每年都达标才算达标。rising 或 falling "
    "目标：须逐年上升（下降）（逐年增加），而非仅总体如此",
    "Target.against": "level 与 ratio：与之比较的参照序列（references）编号"
    "（园区工业增加值增速高于全省平均水平）：比较方式（gt、gte、lt、lte）作用于参照序列同期数值"
    "（加减 margin），不写 value",
    "Target.margin": "与 against 同用：目标高于（gt、gte）或低于（lt、lte）参照序列的幅度，"
    "以目标单位计（高于全省平均水平2个百分点：2）；默认 0",
    "Target.stated": "relative：规划同时写明的水平（翻一番，达到120家）；倍数与水平都满足才算达标，"
    "显示为一行",
    "StatedLevel": "relative 目标同时写明的水平（翻一番，达到120家）：两者都须满足",
    "StatedLevel.comparator": "gt、gte、lt 或 lte，方向与目标的比较方式一致",
    "StatedLevel.value": "写明的水平，以 unit 计；须出现在目标的 quote 中",
    "StatedLevel.unit": "该水平的单位；须可换算为基数的单位",
    "Target.register": "register：统计平台名录中的哪些平台",
    "Target.flow": "年度流量（成交额、研发投入）：季度报年内累计，趋势与进度按年折算",
    "Target.zone": "多园区规划中，目标所属的园区",
    "Target.zone_scope": "total：全规划一个数；each：每个园区各自适用",
    "Target.numerator": "ratio：分子是什么",
    "Target.denominator": "ratio：分母是什么",
    "Target.deliverable": "milestone：怎样算完成",
    "Target.aliases": "统计报表中该目标的其他名称",
    "Target.owners": "目标的责任单位及其角色：lead（牵头）或 cooperating（配合）；"
    "为 plan.owners 中的编号。status --by owner 与报告按其分组",
    "Target.owners_quote": "规划中写明责任单位的文字（区科技局牵头，区财政局配合）；"
    "每个责任单位的名称都须在其中，并与 quote 一样与原文核对",
    "Target.section": "目标所属的规划章节：plan.sections 中的编号",
    "Target.reading": "判定方式是对原文的解读而非原文所写时为 true；note 说明解读了什么",
    "Target.note": "备注：解读、假设",
    "Baseline": "目标的基数",
    "Baseline.value": "基数值，以 unit（或目标单位）计",
    "Baseline.period": "基数所属期间",
    "Baseline.unit": "基数单位；relative 目标必填",
    "Baseline.quote": "基数出自的句子",
    "Baseline.source": "原文未写明的基数的出处：统计公报或年鉴的标题（辽宁统计年鉴2017）；"
    "此时无 quote，不与原文核对，显示时注明出处",
    "Baseline.issuer": "source 的发布机关（辽宁省统计局）",
    "Baseline.year": "source 的出版年份（2017年鉴载2016年数据）",
    "Baseline.page": "数字在 source 中的位置（页码、表号：第86页、表3-2）",
    "Baseline.url": "source 的网址（https://…）",
    "Baseline.sample": "示例基数（代替尚待查找的统计数字，如同示例实际值）时为 true；"
    "此时无需发布机关、年份与页码",
    "RegisterFilter": "register 目标统计名录中的哪些平台",
    "RegisterFilter.category": "platforms.yaml 中的类别编号",
    "RegisterFilter.level": "级别：national、provincial、municipal 或 unspecified",
    "RegisterFilter.status": "状态：built 或 planned",
    "RegisterFilter.min_level": "不低于此级别（省级以上：provincial 统计省级与国家级平台；"
    "national > provincial > municipal；unspecified 的平台从不计入）。不可与 level 同用",
    "RegisterFilter.new": "为 true 表示只统计目标期内新建的平台（新建、新增、组建）："
    "自目标（或规划）"
    "起始期起认定的才计入，每个都须有 designated",
    # platforms.yaml
    "PlatformsFile": "platforms.yaml：科研平台名录",
    "PlatformsFile.schema": "固定为 hitrack/v1",
    "PlatformsFile.categories": "名录的类别",
    "PlatformsFile.platforms": "各平台",
    "PlatformsFile.sections": "原文申明的数量，与平台逐一核对",
    "Category": "平台名录的一个类别（重点实验室等）",
    "Category.id": "类别编号",
    "Category.name": "原文所写的类别名称",
    "Category.name_en": "类别英文名称",
    "Section": "原文为名录一部分申明的数量（附件标题）",
    "Section.id": "编号",
    "Section.title": "原文所写的标题",
    "Section.category": "所计的类别",
    "Section.count": "原文申明的平台数量",
    "Section.quote": "申明该数量的标题",
    "Section.level": "只计此级别的平台",
    "Section.status": "只计此状态的平台",
    "Platform": "一个科研平台（实验室、工程中心、孵化器等）",
    "Platform.id": "平台编号",
    "Platform.name": "平台名称",
    "Platform.category": "类别编号",
    "Platform.level": "级别：national、provincial、municipal 或 unspecified",
    "Platform.status": "状态：built 或 planned",
    "Platform.host": "依托单位",
    "Platform.zone": "多园区名录中的园区",
    "Platform.quote": "原文中列出该平台的文字",
    "Platform.designated": "平台认定或批准组建的日期：register 目标自此日起计入该平台，"
    "因而有趋势并遵从 --as-of",
    "Platform.designated_source": "designated 的出处：认定通知（辽宁省科学技术厅关于认定"
    "2019年度辽宁省重点实验室的通知）或其文号；有 designated 时必填",
    "Platform.sample": "为 true 表示平台或日期为示例（同示例实际值）：计入它的评估都会注明",
    "Platform.note": "备注",
    # actuals/PERIOD.yaml
    "ActualsFile": "actuals/期间.yaml：一个期间报送的数值",
    "ActualsFile.schema": "固定为 hitrack/v1",
    "ActualsFile.period": "期间；须与文件名一致",
    "ActualsFile.values": "报送的各项数值",
    "ActualsFile.sample": "数值为示例而非真实统计时为 true",
    "ActualsFile.note": "备注，如为何是示例",
    "ActualsFile.source": "各数值的默认来源",
    "ActualsFile.reported": "各数值的默认报送日期",
    "ActualValue": "某一期间某项目标（及园区）的一个报送值",
    "ActualValue.target": "目标编号",
    "ActualValue.zone": "园区（多园区规划）",
    "ActualValue.value": "报送值，以 unit 计",
    "ActualValue.unit": "value 的单位；可换算为目标单位的任一单位",
    "ActualValue.numerator": "ratio 目标：分子（代替 value）",
    "ActualValue.denominator": "ratio 目标：分母（代替 value）",
    "ActualValue.done": "里程碑：是否完成",
    "ActualValue.date": "里程碑：完成日期",
    "ActualValue.evidence": "里程碑：完成的佐证",
    "ActualValue.source": "数值来源；默认为文件的来源",
    "ActualValue.reported": "报送日期；默认为文件的日期",
    "ActualValue.sample": "示例数值为 true；默认随文件",
    "ActualValue.note": "备注",
    "ActualValue.confirmed": "看似录错的数值为何无误（确有十倍增长、占比确超 100%）："
    "写明后 check 不再警告",
    "Quantity": "带单位的数",
    "Quantity.value": "数值",
    "Quantity.unit": "单位",
}


def add_chinese(document: dict[str, Any], top: str) -> dict[str, Any]:
    """`document` (a schema of record `top` with its `$defs`) with each description followed
    by its Chinese one."""

    def annotate(name: str, schema: dict[str, Any]) -> None:
        _append(schema, ZH.get(name))
        for field, sub in schema.get("properties", {}).items():
            _append(sub, ZH.get(f"{name}.{field}"))

    annotate(top, document)
    for name, schema in document.get("$defs", {}).items():
        annotate(name, schema)
    return document


def _append(schema: dict[str, Any], chinese: str | None) -> None:
    if chinese is None:
        return
    english = schema.get("description")
    schema["description"] = f"{english}\n{chinese}" if english else chinese
