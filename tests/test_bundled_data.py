"""The Benxi plan's data as shipped: clean, complete and traceable to its source."""

from __future__ import annotations

import datetime
import filecmp
from decimal import Decimal

import pytest

from conftest import ROOT, load_ok
from hitrack.core import model
from hitrack.load import source
from hitrack.load.datadir import DataDir, bundled_path
from hitrack.load.loader import load_dataset

DATA = ROOT / "data"
SOURCE = ROOT / "data" / "sources" / "000_77f66053db368d38.txt"


@pytest.fixture(scope="module")
def dataset() -> model.Dataset:
    return load_ok(DATA)


def test_bundled_copy_loads_clean() -> None:
    loaded = load_dataset(DataDir(bundled_path(), bundled=True))
    assert loaded.problems == []
    assert loaded.dataset is not None and loaded.dataset.bundled


def test_bundled_is_the_data_directory() -> None:
    if bundled_path().is_symlink():  # in the repository; an sdist holds a copy
        assert bundled_path().resolve() == DATA.resolve()
    names = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.yaml"))
    assert "targets.yaml" in names and "platforms.yaml" in names
    match, mismatch, errors = filecmp.cmpfiles(DATA, bundled_path(), names, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert sorted(match) == names


def test_quotes_are_traced_to_the_source(dataset: model.Dataset) -> None:
    for data_dir in (DataDir(DATA), DataDir(bundled_path(), bundled=True)):
        document = source.load_source(data_dir, dataset.plan.source)
        assert document is not None and document.name == SOURCE.name
        assert document.text == source.compact(SOURCE.read_text(encoding="utf-8"))
        assert document.sha256 == dataset.plan.source_sha256  # pinned


# The 发展目标 paragraph: 科技型中小企业数量突破55家，高新技术企业数量超过45家，
# 高新技术产品增加值年均增速达到15%左右,转移转化科技成果15项以上，技术交易合同成交额超过
# 2.5亿元，研究与开发（R&D）经费支出超过6亿元。
GOALS = [
    ("tech-smes", "level", "gt", "55", "家"),
    ("high-tech-enterprises", "level", "gt", "45", "家"),
    ("high-tech-value-added-growth", "growth", "approx", "15", "%"),
    ("achievements-transferred", "cumulative", "gte", "15", "项"),
    ("tech-contract-turnover", "level", "gt", "2.5", "亿元"),
    ("rd-spend", "level", "gt", "6", "亿元"),
]


@pytest.mark.parametrize(("target_id", "kind", "comparator", "value", "unit"), GOALS)
def test_development_goal(
    dataset: model.Dataset, target_id: str, kind: str, comparator: str, value: str, unit: str
) -> None:
    target = next(t for t in dataset.targets.targets if t.id == target_id)
    assert (target.kind, target.comparator, target.value, target.unit) == (
        kind,
        comparator,
        Decimal(value),
        unit,
    )
    assert target.deadline in (None, "2020")
    assert dataset.plan.deadline == "2020"
    assert source.compact(target.quote) in source.compact(SOURCE.read_text(encoding="utf-8"))


def test_approx_target_has_a_tolerance(dataset: model.Dataset) -> None:
    (growth,) = [t for t in dataset.targets.targets if t.comparator == "approx"]
    assert growth.tolerance is not None and growth.tolerance > 0


def test_plan_metadata(dataset: model.Dataset) -> None:
    plan = dataset.plan
    assert plan.document_number == "本高党政办发〔2019〕59号"
    assert plan.issued == datetime.date(2019, 8, 27)
    assert plan.issuer == "本溪高新区党政综合办公室"
    assert (plan.start, plan.deadline) == ("2019", "2020")


def test_annex_counts_add_up_to_47(dataset: model.Dataset) -> None:
    register = dataset.platforms
    assert register is not None
    assert sum(section.count for section in register.sections) == 47
    assert len(register.platforms) == 47
    assert len({p.id for p in register.platforms}) == 47
    # The annex's eight categories, each with at least one platform.
    assert len(register.categories) == 8
    assert {p.category for p in register.platforms} == {c.id for c in register.categories}


def test_every_actual_file_is_a_sample(dataset: model.Dataset) -> None:
    assert len(dataset.actuals) >= 2
    for name, actuals in dataset.actuals:
        assert actuals.sample is True, name
        assert all(value.sample in (None, True) for value in actuals.values), name
        text = (DATA / name).read_text(encoding="utf-8")
        assert "SAMPLE" in text or "示例" in text, name


_LEVEL_WORDS = {"provincial": ("省级", "辽宁省"), "national": ("国家级", "国家")}


def test_a_level_is_set_only_where_the_annex_or_the_name_states_it(
    dataset: model.Dataset,
) -> None:
    register = dataset.platforms
    assert register is not None
    stated_by_heading = {(s.category, s.level) for s in register.sections if s.level}
    for platform in register.platforms:
        if platform.level == "unspecified":
            continue
        words = platform.name + (platform.quote or "")
        assert (platform.category, platform.level) in stated_by_heading or any(
            word in words for word in _LEVEL_WORDS[platform.level]
        ), platform.id
    levels = {p.id: p.level for p in register.platforms if p.category == "innovation-platform"}
    assert levels.pop("ln-immunobiology-service-platform") == "provincial"  # 辽宁省…平台
    assert set(levels.values()) == {"unspecified"}


def test_platform_names_are_the_annexs_and_status_says_what_is_planned(
    dataset: model.Dataset,
) -> None:
    register = dataset.platforms
    assert register is not None
    text = source.compact(SOURCE.read_text(encoding="utf-8"))
    for platform in register.platforms:
        assert "筹建" not in platform.name, platform.id
        assert source.compact(platform.name) in text, platform.id
    planned = sorted(p.name for p in register.platforms if p.status == "planned")
    assert planned == sorted(["辽宁万嘉科技", "辽宁泰阳科技", "辽宁上药好护士研发"])


def test_the_tech_transfer_target_is_stated_as_a_reading(dataset: model.Dataset) -> None:
    readings = {t.id for t in dataset.targets.targets if t.reading}
    assert "tech-transfer-institutions" in readings
    assert {"high-tech-value-added-growth", "hydrogen-buses"} <= readings
    assert all(t.note for t in dataset.targets.targets if t.reading)
