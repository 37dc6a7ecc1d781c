"""outagesim report: the figures are those of evaluate --json and compare --json, the page is
self-contained, and bad output paths and models exit 2."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import outagesim
import pytest
from conftest import ROOT, run_cli
from outagesim.report.fmt import FORMATS, resolve

SINGLE = str(ROOT / "models" / "examples" / "01-single-zone.json")
MULTI = str(ROOT / "models" / "examples" / "02-multi-az.json")
# A fixed number of replications: the same seed and options give the same digits in every run.
RUN = ("--method", "mc", "--replications", "300", "--rel-error", "0", "--seed", "3")
# Figures of a run that are not results of the model (how long it took).
NOT_FIGURES = {"wall_seconds", "window_availability"}


class _Numbers(HTMLParser):
    """(pointer, format, text) of every number the page shows."""

    def __init__(self):
        super().__init__()
        self.found, self._open = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-json" in attrs:
            self._open = [attrs["data-json"], attrs["data-format"], ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag):
        if self._open is not None and tag == "span":
            self.found.append(tuple(self._open))
            self._open = None


@pytest.fixture(scope="module")
def two_designs(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    proc = run_cli("report", SINGLE, MULTI, "-o", str(out), "--json", *RUN)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), out.read_text(encoding="utf-8")


def test_results_are_those_of_evaluate_json(two_designs):
    data, _ = two_designs
    for model, design in zip((SINGLE, MULTI), data["designs"]):
        proc = run_cli("evaluate", model, "--json", "--no-progress", *RUN)
        assert proc.returncode == 0, proc.stderr
        alone = json.loads(proc.stdout)
        assert {k: v for k, v in alone.items() if k not in NOT_FIGURES} == {
            k: v for k, v in design["result"].items() if k not in NOT_FIGURES
        }


def test_side_by_side_rows_are_those_of_compare_json(two_designs):
    data, _ = two_designs
    proc = run_cli("compare", SINGLE, MULTI, "--json", *RUN)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["design"] for r in rows] == [d["name"] for d in data["designs"]]
    for row, design in zip(rows, data["designs"]):
        assert row == {k: design["compare"][k] for k in row}


def test_page_numbers_are_formatted_from_its_data(two_designs):
    data, page = two_designs
    embedded = re.search(
        r'<script type="application/json" id="outagesim-data">(.*?)</script>', page, re.S
    )
    assert json.loads(embedded.group(1).replace("<\\/", "</")) == data
    parser = _Numbers()
    parser.feed(page)
    assert len(parser.found) > 100
    pointers = {p for p, _, _ in parser.found}
    for must in (
        "/designs/1/compare/availability",
        "/designs/0/result/nines_ci95/1",
        "/designs/1/business/sla/breach_probability",
        "/designs/1/compare/extra_cost_per_nine",
        # The web tier's bad deploys, with their intervals.
        "/designs/1/result/changes/0/bad_changes_per_year",
        "/designs/1/result/changes/0/replica_outage_minutes_per_year_ci95/1",
    ):
        assert must in pointers
    for pointer, kind, text in parser.found:
        assert text == FORMATS[kind](resolve(data, pointer)), pointer


def test_page_is_self_contained_and_has_every_section(two_designs):
    data, page = two_designs
    # Nothing fetched: no external stylesheet, script, image or font.
    assert not re.search(r"<link\b|<img\b|<iframe\b|<script\b[^>]*\bsrc=|@import|url\(", page)
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", page)
    for heading in (
        "Side by side",
        "Architecture",
        "Availability",
        "Downtime per year and incidents",
        "Where the downtime comes from",
        "What to fix first",
        "Cost",
    ):
        assert f">{heading}</h" in page
    assert page.count('<svg class="drawing"') == 2
    assert page.count('<svg class="chart"') == 2
    assert "@media print" in page
    # Cut sets in plain words, and the single zone's design has its zone as a single point of
    # failure. The multi-zone design's first cut sets are its correlated elements, named as such.
    assert "regional_service aws/us-east-1/managed_db down" in page
    assert "change web down" in page
    assert ">Bad changes</h3>" in page
    assert "all at once (1 wave over 3 replicas)" in page
    spofs = {c["description"] for c in data["designs"][0]["analysis"]["single_points_of_failure"]}
    assert "zone aws/us-east-1/use1-az1 down" in spofs


def test_python_api_exact_design(tmp_path):
    out = tmp_path / "exact.html"
    data = outagesim.report(SINGLE, out, method="exact")
    design = data["designs"][0]
    assert design["result"]["method"] == "exact"
    assert (
        design["result"]["availability"] == outagesim.evaluate(SINGLE, method="exact").availability
    )
    page = out.read_text(encoding="utf-8")
    assert "not available from an exact result" in page


@pytest.mark.parametrize("where", ["missing-dir", "directory"])
def test_unwritable_output_exits_2_before_evaluating(tmp_path, where):
    target = tmp_path / "no" / "report.html" if where == "missing-dir" else tmp_path
    proc = run_cli("report", MULTI, "-o", str(target), *RUN)
    assert proc.returncode == 2
    assert f"outagesim report: cannot write {target}" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_model_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "outagesim/v1", "components": {}}')
    out = tmp_path / "r.html"
    proc = run_cli("report", str(bad), "-o", str(out), *RUN)
    assert proc.returncode == 2
    assert str(bad) in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_names_are_text_not_markup(tmp_path):
    hostile = "</script><script>alert(1)</script><b>"
    model = {
        "format": "outagesim/v1",
        "name": hostile,
        "description": "<img src=x onerror=alert(1)>",
        "providers": {"p": {"outage": {"mtbf": "5y", "mttr": "4h"}}},
        "components": {
            hostile + "1": {"location": "p", "failure": {"mtbf": "1y", "mttr": "1h"}},
            "a&b": {"location": "p", "failure": {"mtbf": "1y", "mttr": "1h"}},
        },
        "services": {"s<>": {"replicas": [hostile + "1", "a&b"]}},
    }
    out = tmp_path / "hostile.html"
    data = outagesim.report(model, out, method="exact")
    page = out.read_text(encoding="utf-8")

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

    parser = Tags()
    parser.feed(page)
    assert parser.tags.count("script") == 1 and "img" not in parser.tags
    embedded = re.search(r'id="outagesim-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(embedded) == data
    assert data["designs"][0]["name"] == hostile
