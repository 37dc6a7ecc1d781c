"""Result as data: attributes, to_dict/to_json, to_frame, attribution frames, importance, HTML."""

from __future__ import annotations

import json
import math

import outagesim
import pytest
from conftest import ROOT

from models import A_PARALLEL, PARALLEL, SERIES

pd = pytest.importorskip("pandas")

MULTI_AZ = ROOT / "models" / "examples" / "02-multi-az.json"
LEVELS = {
    "component",
    "zone",
    "region",
    "provider",
    "common_cause",
    "regional_service",
    "change",
    "failover",
}


@pytest.fixture(scope="module")
def mc_result():
    return outagesim.evaluate(MULTI_AZ, method="mc", seed=3, rel_error=0.2, max_time="10s")


@pytest.fixture(scope="module")
def exact_result():
    return outagesim.evaluate(PARALLEL, method="exact")


def test_attributes_and_intervals(mc_result):
    r = mc_result
    lo, hi = r.availability_ci95
    assert lo <= r.availability <= hi
    n_lo, n_hi = r.nines_ci95
    assert n_lo <= r.nines <= n_hi
    assert r.nines == pytest.approx(-math.log10(1 - r.availability), rel=1e-9)
    d_lo, d_hi = r.downtime_minutes_per_year_ci95
    assert d_lo <= r.downtime_minutes_per_year <= d_hi
    assert r.downtime_minutes_per_year == pytest.approx((1 - r.availability) * 525600, rel=1e-9)
    assert isinstance(r.incidents_per_year_ci95, tuple)
    assert r.replications > 0 and r.seed == 3 and r.method == "mc"


def test_to_dict_and_json_round_trip(mc_result):
    data = mc_result.to_dict()
    assert json.loads(mc_result.to_json()) == data
    assert set(data["capabilities"]) == {"browse", "checkout"}
    # to_dict is a copy: changing it does not change the result.
    data["availability"] = 0.0
    assert mc_result.availability != 0.0


def test_to_frame_is_tidy(mc_result):
    frame = mc_result.to_frame()
    assert list(frame["measure"]) == ["system", "browse", "checkout"]
    assert list(frame["kind"]) == ["system", "capability", "capability"]
    for column in (
        "availability",
        "availability_lo",
        "availability_hi",
        "nines",
        "nines_lo",
        "nines_hi",
        "downtime_minutes_per_year",
        "downtime_minutes_per_year_lo",
        "downtime_minutes_per_year_hi",
        "downtime_p50",
        "downtime_p99",
        "incidents_per_year",
        "mean_incident_hours",
        "weight",
        "method",
        "seed",
        "replications",
    ):
        assert column in frame.columns, column
    system = frame.set_index("measure").loc["system"]
    assert system.availability == mc_result.availability
    assert system.availability_lo <= system.availability <= system.availability_hi
    assert system.nines_lo <= system.nines <= system.nines_hi
    assert system.downtime_p50 <= system.downtime_p99
    browse = frame.set_index("measure").loc["browse"]
    assert browse.weight == pytest.approx(0.9)
    assert browse.availability == mc_result.capabilities["browse"].availability
    assert (frame["seed"] == 3).all() and (frame["method"] == "mc").all()
    weighted = mc_result.to_frame(include_weighted=True).set_index("measure").loc["weighted"]
    assert weighted.availability == pytest.approx(mc_result.weighted_availability)
    assert weighted.availability_lo <= weighted.availability <= weighted.availability_hi
    assert weighted.nines == pytest.approx(-math.log10(1 - weighted.availability))


def test_exact_frame_has_degenerate_intervals(exact_result):
    row = exact_result.to_frame().iloc[0]
    assert row.availability == pytest.approx(A_PARALLEL, rel=1e-12)
    assert row.availability_lo == row.availability == row.availability_hi
    assert row.method == "exact"


def test_attribution_frames(mc_result):
    frame = mc_result.attribution_frame()
    assert list(frame.columns[:3]) == ["element", "level", "minutes_per_year"]
    assert set(frame["level"]) <= LEVELS
    assert (frame["minutes_per_year_lo"] <= frame["minutes_per_year"]).all()
    assert (frame["minutes_per_year"] <= frame["minutes_per_year_hi"]).all()
    assert frame["minutes_per_year"].is_monotonic_decreasing
    by_level = mc_result.attribution_by_level()
    assert set(by_level.index) <= LEVELS
    assert by_level["minutes_per_year"].sum() == pytest.approx(frame["minutes_per_year"].sum())
    assert by_level["share"].sum() == pytest.approx(frame["share"].sum())
    assert by_level["elements"].sum() == len(frame)
    for level, row in by_level.iterrows():
        part = frame[frame["level"] == level]
        assert row.minutes_per_year == pytest.approx(part["minutes_per_year"].sum())
        assert row.minutes_per_year_lo <= row.minutes_per_year <= row.minutes_per_year_hi
    # Shares of the system's downtime add up to (nearly) all of it.
    assert frame["share"].sum() == pytest.approx(1.0, abs=0.02)


def test_importance_frames():
    analysis = outagesim.analyze(SERIES)
    frame = analysis.importance_frame()
    assert {"birnbaum", "fussell_vesely", "risk_achievement_worth", "level"} <= set(frame.columns)
    by_level = analysis.importance_by_level()
    assert by_level.loc["component", "elements"] == 3
    cuts = analysis.cut_sets_frame()
    assert len(cuts) == 3
    page = analysis._repr_html_()
    assert "Importance" in page and "0 single points of failure" in page


def test_html_repr(mc_result, exact_result):
    page = mc_result._repr_html_()
    assert "webshop-multi-az" in page
    assert "browse" in page and "checkout" in page and "traffic-weighted" in page
    lo, hi = mc_result.availability_ci95
    assert "[" in page and "Monte Carlo: seed 3" in page
    assert "Where the downtime comes from" in page
    exact_page = exact_result._repr_html_()
    assert "exact" in exact_page


def test_engine_histograms_count_every_year_and_incident(mc_result, exact_result):
    years = mc_result.downtime_histogram
    assert years is not None, "the Monte Carlo engine reports the histogram of simulated years"
    assert len(years["edges"]) == len(years["counts"]) + 1
    assert years["edges"] == sorted(years["edges"])
    assert years["zeros"] + sum(years["counts"]) == mc_result.replications
    q = mc_result.downtime_minutes_per_year_distribution
    assert years["edges"][-1] >= q["max"] * 0.99
    incidents = mc_result.incident_duration_histogram
    assert (
        incidents["zeros"] + sum(incidents["counts"]) == mc_result.incident_duration_hours["count"]
    )
    browse = mc_result.capabilities["browse"].downtime_histogram
    assert browse["zeros"] + sum(browse["counts"]) == mc_result.replications
    # Exact results have no sample, hence no histogram.
    assert exact_result.downtime_histogram is None
