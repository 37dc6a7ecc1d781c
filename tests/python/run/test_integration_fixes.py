"""evaluate() carries the business impact; sweep() edits variants the way with_changes does."""

from __future__ import annotations

import json

import outagesim
import pandas as pd
import pytest
from conftest import ROOT

MULTI_AZ = ROOT / "models" / "examples" / "02-multi-az.json"
# No business section: results carry no business impact.
PLAIN = {
    "format": "outagesim/v1",
    "name": "plain",
    "providers": {"p": {"regions": {"r": {"zones": {"z1": {}}}}}},
    "components": {"a": {"location": "p/r/z1", "failure": {"mtbf": "1000h", "mttr": "10h"}}},
    "services": {"s": {"replicas": ["a"]}},
}
MC = dict(method="mc", seed=7, rel_error=0.1, threads=2, max_time="10m")


def check_interval(data, key):
    value = data[key]
    lo, hi = data[key + "_ci95"]
    assert lo <= value <= hi, (key, lo, value, hi)
    return value, lo, hi


@pytest.fixture(scope="module")
def multi_az():
    return outagesim.load(MULTI_AZ)


@pytest.fixture(scope="module")
def mc_result(multi_az):
    return outagesim.evaluate(multi_az, **MC)


def test_evaluate_result_carries_business_impact(multi_az, mc_result):
    business = mc_result.business
    assert business is not None
    # Downtime is priced at the model's $6,000/h from the result's own downtime and interval.
    assert business["downtime_cost_per_hour"] == 6000
    cost, lo, hi = check_interval(business, "downtime_cost_per_year")
    assert cost == pytest.approx(mc_result.downtime_minutes_per_year / 60 * 6000)
    low, high = mc_result["downtime_minutes_per_year_ci95"]
    assert (lo, hi) == pytest.approx((low / 60 * 6000, high / 60 * 6000))
    # SLA breach per monthly window from the simulated window distribution, with its interval.
    sla = business["sla"]
    p, p_lo, p_hi = check_interval(sla, "breach_probability")
    assert 0.0 < p < 1.0 and p_lo < p_hi
    assert sla["windows_observed"] > 0
    check_interval(sla, "credits_per_year")
    assert sla["credits_per_year"] > 0
    total, _, _ = check_interval(business, "total_per_year")
    assert total == pytest.approx(
        business["infra"]["total_per_year"] + cost + sla["credits_per_year"]
    )
    # The windows come from the evaluation's own run: evaluate_cost gives the same figures.
    assert outagesim.evaluate_cost(multi_az, **MC).business == business


def test_business_is_in_to_dict_to_json_and_html(mc_result):
    assert mc_result.to_dict()["business"] == mc_result.business
    assert json.loads(mc_result.to_json())["business"] == mc_result.business
    html = mc_result._repr_html_()
    assert "Cost per year" in html and "SLA breach" in html and "total expected" in html


def test_exact_result_carries_business_impact_too(multi_az):
    result = outagesim.evaluate(multi_az, method="exact", assume_exponential=True)
    business = result.business
    assert business is not None
    assert business["downtime_cost_per_year"] == pytest.approx(
        result.downtime_minutes_per_year / 60 * 6000
    )
    # The exact solver gives no window distribution: the SLA figures are unknown, and say so.
    assert business["sla"]["breach_probability"] is None
    assert business["total_per_year"] is None
    assert any("Monte Carlo" in w for w in business["warnings"])


def test_no_business_section_no_business():
    result = outagesim.evaluate(PLAIN)
    assert result.business is None
    assert result.to_dict()["business"] is None
    assert "Cost per year" not in result._repr_html_()


# --- sweep over a catalog-provided value --------------------------------------------------------

CATALOG_VARY = {"components.web-1.failure.mttr": ["5m", "2h"]}
SWEEP = dict(seed=11, method="mc", rel_error=0.1, max_time="10m")


@pytest.fixture(scope="module")
def catalog_sweep():
    return outagesim.sweep(MULTI_AZ, CATALOG_VARY, workers=2, **SWEEP)


def test_sweep_varies_a_catalog_provided_value(catalog_sweep, multi_az):
    # web-1's failure process comes from the catalog type "vm": the model does not state it.
    assert "failure" not in multi_az.document["components"]["web-1"]
    frame = catalog_sweep
    assert len(frame) == 2
    assert frame["components.web-1.failure.mttr"].tolist() == ["5m", "2h"]
    fast, slow = frame["availability"].tolist()
    # Two of three web servers must be up: a slow repair of web-1 costs availability (the
    # same seed gives both variants the same failures: common random numbers).
    assert fast > slow


def test_sweep_variant_is_the_with_changes_model(multi_az):
    from outagesim.studies.sweep import prepare

    ((changes, text),) = prepare(multi_az, {"components.web-1.failure.mttr": ["5m"]})
    expected = multi_az.with_changes(changes).document
    assert json.loads(text) == expected
    # One field of the catalog's process is overridden; the loader keeps the rest.
    assert expected["components"]["web-1"]["failure"] == {"mttr": "5m"}


def test_cli_sweep_varies_a_catalog_provided_value(cli):
    run = cli(
        "sweep",
        str(MULTI_AZ),
        "--vary",
        "components.web-1.failure.mttr=5m,2h",
        "--method",
        "mc",
        "--seed",
        "11",
        "--rel-error",
        "0.1",
    )
    assert run.returncode == 0, run.stderr
    assert 'components.web-1.failure.mttr="5m"' in run.stdout
    assert 'components.web-1.failure.mttr="2h"' in run.stdout


def test_dask_sweep_of_a_catalog_value_gives_the_local_figures(catalog_sweep):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = outagesim.sweep(MULTI_AZ, CATALOG_VARY, client=client, **SWEEP)
    columns = ["availability", "availability_lo", "availability_hi", "total_cost_per_year"]
    pd.testing.assert_frame_equal(catalog_sweep[columns], remote[columns])
