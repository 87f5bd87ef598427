"""`hitrack site DIR`: what the built files hold and where it writes (the browser tests are in
test_site_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, target, write_data
from hitrack.cli import app
from hitrack.commands.site import SiteOptions, site
from hitrack.core.problems import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from hitrack.load.datadir import DataDir

EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if (p / "targets.yaml").exists())


def build(data: Path, out: Path) -> dict[str, bytes]:
    outcome = site(DataDir(data), SiteOptions(directory=str(out)))
    assert outcome.code == EXIT_CLEAN, outcome.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("data", [ROOT / "data", *EXAMPLES], ids=lambda p: p.name)
def test_every_plan_builds_a_page_per_target_in_both_languages(tmp_path: Path, data: Path) -> None:
    files = build(data, tmp_path / "out")
    pages = [name for name in files if name.startswith("t/")]
    assert pages and sorted(pages) == sorted(n[3:] for n in files if n.startswith("en/t/"))
    index = files["index.html"].decode()
    for page in pages:
        assert f'href="{page}"' in index
    for name, data_bytes in files.items():
        if name.endswith(".html"):
            text = data_bytes.decode()
            # Offline: nothing is fetched from elsewhere.
            assert not re.search(r'(src|href)="(https?:)?//', text), name
            lang = "en" if name.startswith("en/") else "zh-CN"
            assert f'<html lang="{lang}">' in text


def test_same_data_same_bytes(tmp_path: Path) -> None:
    assert build(ROOT / "data", tmp_path / "a") == build(ROOT / "data", tmp_path / "b")


def test_sample_banner_on_every_page_when_samples_are_shown(tmp_path: Path) -> None:
    files = build(ROOT / "data", tmp_path / "out")
    pages = [name for name in files if name.endswith(".html")]
    assert all(b'class="sample-banner"' in files[name] for name in pages)
    real = write_data(
        tmp_path / "real",
        [target()],
        {"2019": [{"target": "smes", "value": 48, "unit": "家", "sample": False}]},
    )
    clean = build(real, tmp_path / "real-site")
    assert not any(b"sample-banner" in v for k, v in clean.items() if k.endswith(".html"))


def test_target_page_has_quote_steps_chart_and_values(tmp_path: Path) -> None:
    text = build(ROOT / "data", tmp_path / "out")["t/rd-spend.html"].decode()
    assert "研究与开发（R&amp;D）经费支出超过6亿元" in text
    assert '<ol class="steps">' in text and text.count("<li>") >= 3
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in text and 'aria-label="' in text
    assert "stroke-dasharray" in text  # the required path
    # Every value with its period, source, reported date and sample mark.
    assert re.search(
        r"<td>2019</td><td>5\.2亿元 \*</td><td>[^<]+</td><td>2020-01-20</td><td>是</td>"
        r"<td>↗ 按计划</td>",
        text,
    )


def test_filters_are_hidden_without_javascript_and_every_target_is_listed(tmp_path: Path) -> None:
    index = build(ROOT / "data", tmp_path / "out")["index.html"].decode()
    assert '<form id="filters" class="filters" hidden' in index
    items = re.findall(r'<li class="target"[^>]*>', index)
    assert len(items) == 11 and not any("hidden" in item for item in items)


def test_owner_and_section_filters_are_offered(tmp_path: Path) -> None:
    index = build(ROOT / "examples" / "shapes-synthetic", tmp_path / "out")["index.html"].decode()
    assert '<select name="owner" data-filter="owner">' in index
    assert '<option value="sci-tech">区科技局</option>' in index
    assert '<option value="entities">（一）壮大创新主体</option>' in index
    assert 'data-owner="sci-tech finance tax" data-section="entities"' in index
    plain = build(ROOT / "examples" / "liaoning-htz-2017-2020", tmp_path / "z")["index.html"]
    assert b'data-filter="owner"' not in plain  # no owners: no filter


def test_badge(tmp_path: Path) -> None:
    files = build(ROOT / "data", tmp_path / "out")
    badge = files["badge.svg"].decode()
    assert "11 目标 · 2 完成 · 5 正常 · 1 风险 · 3 无法评估" in badge
    assert "11 targets" in files["badge-en.svg"].decode()


def test_rebuild_replaces_its_own_files_and_drops_pages_of_removed_targets(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data", [target(), target(id="other", name="其他", name_en="x")])
    out = tmp_path / "out"
    assert "t/other.html" in build(data, out)
    write_data(tmp_path / "data", [target()])
    files = build(data, out)
    assert "t/other.html" not in files and not (out / "t" / "other.html").exists()
    assert "t/smes.html" in files


def test_refuses_a_directory_it_did_not_build(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "index.html").write_text("mine", encoding="utf-8")
    outcome = site(DataDir(ROOT / "data"), SiteOptions(directory=str(out), lang="en"))
    assert outcome.code == EXIT_USAGE
    assert "not empty" in outcome.stderr and ".hitrack-site" in outcome.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def test_never_writes_through_a_link(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(ROOT / "data", out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for page in (out / "t").iterdir():
        page.unlink()
    (out / "t").rmdir()
    (out / "t").symlink_to(elsewhere)
    outcome = site(DataDir(ROOT / "data"), SiteOptions(directory=str(out), lang="en"))
    assert outcome.code == EXIT_USAGE and "not a directory" in outcome.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_forged_manifest_removes_nothing_outside(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(ROOT / "data", out)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    marker = out / ".hitrack-site"
    marker.write_text(marker.read_text() + "../victim.txt\n/etc/passwd\n", encoding="utf-8")
    build(ROOT / "data", out)
    assert victim.read_text(encoding="utf-8") == "keep"


def test_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["site", str(tmp_path / "s"), "--data", str(ROOT / "data")])
    assert result.exit_code == EXIT_CLEAN, result.output
    assert (tmp_path / "s" / "index.html").exists()
    bad = write_data(tmp_path / "bad", [target(value="many")])
    result = CliRunner().invoke(app, ["site", str(tmp_path / "s2"), "--data", str(bad)])
    assert result.exit_code == EXIT_FINDINGS
    assert not (tmp_path / "s2").exists()
