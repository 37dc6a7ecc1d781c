"""The report opened in a real headless Chromium: no console errors, every table, chart and
drawing visible, every number shown equal to the figure of the JSON, a screenshot saved in the
test's temporary folder, and the print layout renders."""

from __future__ import annotations

import base64
import json

import pytest
from browser import start_chromium
from conftest import ROOT, run_cli
from outagesim.report.fmt import FORMATS, resolve
from selenium.webdriver.common.by import By

MODELS = [
    str(ROOT / "models" / "examples" / n) for n in ("01-single-zone.json", "02-multi-az.json")
]
RUN = ("--method", "mc", "--replications", "200", "--rel-error", "0", "--seed", "7")


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "report.html"
    proc = run_cli("report", *MODELS, "-o", str(page), "--json", *RUN)
    assert proc.returncode == 0, proc.stderr
    driver = start_chromium()
    try:
        driver.get(page.as_uri())
        yield driver, json.loads(proc.stdout), folder
    finally:
        driver.quit()


def test_loads_without_console_errors(opened):
    driver, _, _ = opened
    assert driver.title.startswith("outagesim report: ")
    problems = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert problems == []


def test_tables_charts_and_drawings_are_visible(opened):
    driver, data, _ = opened
    tables = driver.find_elements(By.TAG_NAME, "table")
    # Side by side, then per design at least availability, years, incidents, attribution, cost.
    assert len(tables) >= 1 + 5 * len(data["designs"])
    for element in tables + driver.find_elements(By.CSS_SELECTOR, "svg.chart, svg.drawing"):
        assert element.is_displayed()
        assert element.size["width"] > 50 and element.size["height"] > 20
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.drawing")) == len(data["designs"])
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")) == 2 * len(
        data["designs"]
    )
    # Readable on a laptop: the page does not scroll sideways.
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_numbers_shown_equal_the_json(opened):
    driver, data, _ = opened
    embedded = driver.execute_script(
        "return JSON.parse(document.getElementById('outagesim-data').textContent)"
    )
    assert embedded == data
    numbers = driver.find_elements(By.CSS_SELECTOR, "[data-json]")
    assert len(numbers) > 100
    shown = driver.execute_script(
        "return arguments[0].map(e => [e.dataset.json, e.dataset.format, e.innerText])", numbers
    )
    for pointer, kind, text in shown:
        assert text == FORMATS[kind](resolve(data, pointer)), pointer
    # The headline of each design is in the side-by-side table as its JSON has it.
    for i, design in enumerate(data["designs"]):
        cell = driver.find_element(
            By.CSS_SELECTOR, f'table.compare [data-json="/designs/{i}/compare/availability"]'
        )
        assert cell.is_displayed()
        assert cell.text == FORMATS["avail"](design["compare"]["availability"])


def test_screenshot_and_print(opened):
    driver, _, folder = opened
    shot = folder / "report.png"
    assert driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    pdf = base64.b64decode(driver.print_page())
    assert pdf.startswith(b"%PDF")
    (folder / "report.pdf").write_bytes(pdf)
