"""The built site in a real browser: headless Chromium driven by Selenium, from files.

Needs `chromium` and `chromium-driver` (Debian) and `selenium` (the dev extra). Locally the
tests skip without them; in CI (`CI=true`) a missing browser fails them, so the browser tests
cannot pass by not running. Screenshots of the overview at 375 and 1280 px are kept in
`.artifacts/` (git-ignored) for CI to keep.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from hitrack.commands.site import SiteOptions, site
from hitrack.engine import progress
from hitrack.load.datadir import DataDir
from hitrack.load.loader import load_dataset

ARTIFACTS = ROOT / ".artifacts"
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
WIDTHS = (375, 1280)


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}: install chromium and chromium-driver")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[dev]')")
    binary = next((found for name in CHROMIUM if (found := shutil.which(name))), None)
    driver_path = shutil.which("chromedriver")
    if binary is None or driver_path is None:
        _missing("no chromium or chromedriver on PATH")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,900")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        yield driver
    finally:
        driver.quit()


def _build(root: Path, data: Path) -> Path:
    outcome = site(DataDir(data), SiteOptions(directory=str(root)))
    assert outcome.code == 0, outcome.stderr
    return root


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("site") / "out", ROOT / "data")


@pytest.fixture(scope="module")
def zones_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(
        tmp_path_factory.mktemp("zones") / "out", ROOT / "examples" / "liaoning-htz-2017-2020"
    )


def _open(driver: Any, page: Path, width: int = 1280) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(page.as_uri())


def _visible_targets(driver: Any) -> list[str]:
    return list(
        driver.execute_script(
            "return [...document.querySelectorAll('#targets > li')]"
            ".filter(li => li.offsetParent !== null).map(li => li.dataset.status);"
        )
    )


def _overflow(driver: Any) -> int:
    return int(
        driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
        )
    )


def test_every_target_on_the_overview_in_both_languages(browser: Any, bundled_site: Path) -> None:
    dataset = load_dataset(DataDir(ROOT / "data")).dataset
    assert dataset is not None
    expected = [a.target.name for a in progress.assess_all(dataset)]
    for page, lang, names in (
        (bundled_site / "index.html", "zh-CN", expected),
        (bundled_site / "en" / "index.html", "en", None),
    ):
        _open(browser, page)
        assert browser.execute_script("return document.documentElement.lang") == lang
        shown = browser.execute_script(
            "return [...document.querySelectorAll('#targets > li h2')].map(h => h.textContent);"
        )
        assert len(shown) == len(expected)
        if names is not None:
            assert shown == names


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_overflow(browser: Any, bundled_site: Path, width: int) -> None:
    pages = [
        bundled_site / "index.html",
        bundled_site / "register.html",
        bundled_site / "en" / "index.html",
        *sorted((bundled_site / "t").glob("*.html")),
        *sorted((bundled_site / "en" / "t").glob("*.html"))[:3],
    ]
    for page in pages:
        _open(browser, page, width)
        assert _overflow(browser) <= 0, f"{page.relative_to(bundled_site)} overflows at {width}px"


@pytest.mark.parametrize("width", WIDTHS)
def test_overview_screenshot(browser: Any, bundled_site: Path, width: int) -> None:
    _open(browser, bundled_site / "index.html", width)
    height = int(browser.execute_script("return document.documentElement.scrollHeight;"))
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"site-overview-{width}.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000  # a page was drawn, not a blank


def test_filters_change_what_is_shown(browser: Any, bundled_site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open(browser, bundled_site / "index.html")
    everything = _visible_targets(browser)
    assert browser.find_element(By.ID, "filters").is_displayed()
    status = Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=status]"))
    status.select_by_value("achieved")
    shown = _visible_targets(browser)
    assert shown == [s for s in everything if s == "achieved"]
    assert 0 < len(shown) < len(everything)
    count = browser.find_element(By.ID, "shown-n").text
    assert count == str(len(shown))
    kind = Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=kind]"))
    kind.select_by_value("level")
    assert len(_visible_targets(browser)) < len(shown) or not shown
    status.select_by_value("")
    kind.select_by_value("")
    assert _visible_targets(browser) == everything


def test_zone_filter(browser: Any, zones_site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open(browser, zones_site / "index.html")
    everything = browser.execute_script(
        "return [...document.querySelectorAll('#targets > li')].map(li => li.dataset.zone);"
    )
    zone = Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=zone]"))
    values = [o.get_attribute("value") for o in zone.options if o.get_attribute("value")]
    assert values
    zone.select_by_value(values[0])
    assert len(_visible_targets(browser)) == everything.count(values[0])
    assert len(_visible_targets(browser)) < len(everything)


@pytest.fixture(scope="module")
def owners_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("owners") / "out", ROOT / "examples" / "shapes-synthetic")


def test_owner_and_section_filters(browser: Any, owners_site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open(browser, owners_site / "index.html")
    owner = Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=owner]"))
    # sci-tech leads hte, rd-intensity, smes, project-pass-rate and eng-centres, and
    # cooperates on rd-spend and incubator-area
    owner.select_by_value("sci-tech")
    assert len(_visible_targets(browser)) == 7
    owner.select_by_value("stats")  # cooperates only
    assert len(_visible_targets(browser)) == 2
    section = Select(browser.find_element(By.CSS_SELECTOR, "select[data-filter=section]"))
    section.select_by_value("entities")
    assert len(_visible_targets(browser)) == 1  # rd-intensity: stats and entities
    owner.select_by_value("")
    assert len(_visible_targets(browser)) == 4  # hte, rd-intensity, smes, rd-spend
    section.select_by_value("")
    assert len(_visible_targets(browser)) == 10


def test_no_console_errors(browser: Any, bundled_site: Path, zones_site: Path) -> None:
    pages = [
        bundled_site / "index.html",
        bundled_site / "register.html",
        bundled_site / "en" / "index.html",
        next((bundled_site / "t").glob("*.html")),
        zones_site / "index.html",
    ]
    for page in pages:
        _open(browser, page)
        errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
        assert errors == [], page


def test_charts_have_text_alternatives(browser: Any, bundled_site: Path) -> None:
    charts = 0
    for page in sorted((bundled_site / "t").glob("*.html")):
        _open(browser, page)
        found = browser.execute_script(
            "return [...document.querySelectorAll('svg')].map(s => ["
            "s.getAttribute('role'), s.getAttribute('aria-label') || '',"
            "(s.querySelector('title') || {}).textContent || '',"
            "s.getBoundingClientRect().width]);"
        )
        for role, label, title, width in found:
            assert role == "img"
            assert label.strip() and title.strip()
            assert width > 100  # drawn, at a readable size
        charts += len(found)
    assert charts >= 3
