"""Cost from Python: the infrastructure bill against figures computed by hand from the catalog,
the origin of every price, and the business impact (downtime cost, SLA breaches, credits)."""

from __future__ import annotations

import json
import math

import outagesim
import pytest
from conftest import ROOT
from outagesim.cost import business_impact, evaluate_cost, infra_cost, sla_window_hours

MULTI_AZ = ROOT / "models" / "examples" / "02-multi-az.json"
CATALOG = json.loads((ROOT / "models" / "catalog" / "aws.json").read_text())
TYPES = CATALOG["component_types"]

# A model with every cost input stated by hand: two 1-of-2 servers in two zones, a standby
# database, replication across zones at a stated price, a fixed cost and an SLA.
PRICED = {
    "format": "outagesim/v1",
    "name": "priced",
    "providers": {"p": {"regions": {"r": {"zones": {"z1": {}, "z2": {}}}}}},
    "components": {
        "a": {
            "location": "p/r/z1",
            "failure": {"mtbf": "1000h", "mttr": "10h"},
            "cost_per_hour": 1.0,
        },
        "b": {
            "location": "p/r/z2",
            "failure": {"mtbf": "1000h", "mttr": "10h"},
            "cost_per_hour": 2.0,
        },
        "d1": {
            "location": "p/r/z1",
            "failure": {"mtbf": "1000h", "mttr": "10h"},
            "cost_per_hour": 0.5,
        },
        "d2": {
            "location": "p/r/z2",
            "failure": {"mtbf": "1000h", "mttr": "10h"},
            "cost_per_hour": 0.5,
        },
    },
    "services": {
        "web": {"replicas": ["a", "b"], "redundancy": {"mode": "active_active", "min_healthy": 1}},
        "db": {
            "replicas": ["d1", "d2"],
            "replication": {"gb_per_month": 100, "price_per_gb": 0.02},
            "redundancy": {
                "mode": "active_passive",
                "failover": {
                    "detection": "1m",
                    "switchover": "2m",
                    "success_probability": 0.9,
                    "manual_recovery": "1h",
                },
            },
        },
    },
    "fixed_cost_per_month": 100,
    "business": {
        "downtime_cost_per_hour": 1200,
        "sla": {
            "target": 0.999,
            "window": "mo",
            "credits": [[0.999, 0.1], [0.99, 0.25]],
            "monthly_bill": 1000,
        },
    },
}


def row(frame, item, kind=None):
    rows = frame[(frame["item"] == item) & ((frame["kind"] == kind) if kind else True)]
    assert len(rows) == 1, f"expected one row for {item}"
    return rows.iloc[0]


def test_price_of_the_multi_az_example_from_the_catalog_by_hand():
    frame = outagesim.price(MULTI_AZ)
    year = 8760.0
    # Each component's hourly price is the catalog's price of its type, times 8760.
    for name, kind in [
        ("web-1", "vm"),
        ("web-2", "vm"),
        ("web-3", "vm"),
        ("lb", "load_balancer"),
        ("dns", "dns"),
        ("images", "object_storage"),
        ("cache-a", "cache"),
        ("db-a", "managed_db"),
    ]:
        r = row(frame, name)
        assert r["kind"] == "compute"
        assert r["per_year"] == pytest.approx(TYPES[kind]["cost_per_hour"] * year, rel=1e-12)
        assert r["origin"].startswith("catalog aws: ")
        assert TYPES[kind]["cost_source"] in r["origin"]
    # The non-serving replicas of active_passive services are standby capacity.
    for name, kind in [("cache-b", "cache"), ("db-b", "managed_db")]:
        r = row(frame, name)
        assert r["kind"] == "standby"
        assert r["per_year"] == pytest.approx(TYPES[kind]["cost_per_hour"] * year, rel=1e-12)
    # Cache replication crosses zones: 100 GB a month at the catalog inter-zone price.
    cache = row(frame, "cache", "replication")
    assert cache["boundary"] == "inter_zone"
    assert cache["price_per_gb"] == CATALOG["transfer"]["inter_zone_per_gb"]
    assert cache["per_year"] == pytest.approx(100 * CATALOG["transfer"]["inter_zone_per_gb"] * 12)
    assert CATALOG["transfer"]["source"] in cache["origin"]
    # The database's replication price is stated in the model (0).
    db = row(frame, "db", "replication")
    assert db["per_year"] == 0.0 and db["origin"] == "model"
    assert row(frame, "fixed")["per_year"] == 300 * 12
    # Hand-computed total: 3 vm + 2 cache + 2 managed_db + lb + dns + images, replication, fixed.
    expected = (3 * 0.096 + 2 * 0.156 + 2 * 0.171 + 0.0225 + 0.000685 + 0.003151) * year + 12 + 3600
    total = row(frame, "total")["per_year"]
    assert total == pytest.approx(expected, rel=1e-12)
    assert total == pytest.approx(12094.62336, abs=1e-6)
    assert frame[frame["kind"] != "total"]["per_year"].sum() == pytest.approx(total, rel=1e-12)
    assert frame.attrs["standby_per_year"] == pytest.approx((0.156 + 0.171) * year)


def test_price_of_stated_costs():
    cost = infra_cost(PRICED)
    assert cost["compute_per_year"] == pytest.approx((1.0 + 2.0 + 0.5) * 8760)
    assert cost["standby_per_year"] == pytest.approx(0.5 * 8760)
    assert cost["replication_per_year"] == pytest.approx(100 * 0.02 * 12)
    assert cost["fixed_per_year"] == 1200
    assert cost["total_per_year"] == pytest.approx(4.0 * 8760 + 24 + 1200)
    frame = outagesim.price(PRICED)
    assert set(frame[frame["kind"].isin(["compute", "standby"])]["origin"]) == {"model"}


def test_price_rejects_what_is_not_a_model():
    with pytest.raises(outagesim.ModelError):
        outagesim.price({"format": "outagesim/v1", "name": "x"})


def test_business_impact_from_a_hand_made_window_sample():
    # Downtime of 60 min/yr at $1200/h costs $1200/yr; windows: one breach of 99.9% only
    # (credit 10%), one below 99% (credit 25%), two clean ones.
    result = {"downtime_minutes_per_year": 60.0, "downtime_minutes_per_year_ci95": [30.0, 90.0]}
    windows = [1.0, 0.9985, 0.95, 0.9999]
    impact = business_impact(PRICED, result, windows)
    assert impact["downtime_cost_per_year"] == pytest.approx(1200.0)
    assert impact["downtime_cost_per_year_ci95"] == pytest.approx([600.0, 1800.0])
    sla = impact["sla"]
    assert sla["windows_observed"] == 4
    assert sla["breach_probability"] == pytest.approx(0.5)
    lo, hi = sla["breach_probability_ci95"]
    assert 0.0 < lo < 0.5 < hi < 1.0
    # Mean credit fraction (0 + 0.1 + 0.25 + 0) / 4, of a $12,000 annual bill.
    assert sla["credit_fraction"] == pytest.approx(0.0875)
    assert sla["credits_per_year"] == pytest.approx(0.0875 * 12000)
    infra = impact["infra"]["total_per_year"]
    assert impact["total_per_year"] == pytest.approx(infra + 1200 + 0.0875 * 12000)
    t_lo, t_hi = impact["total_per_year_ci95"]
    assert t_lo <= impact["total_per_year"] <= t_hi
    assert t_lo == pytest.approx(infra + 600 + sla["credits_per_year_ci95"][0])


def test_business_impact_without_windows_says_the_sla_is_unknown():
    impact = business_impact(PRICED, {"downtime_minutes_per_year": 10.0})
    assert impact["sla"]["breach_probability"] is None
    assert any("no SLA window" in w for w in impact["warnings"])


def test_sla_window_hours():
    assert sla_window_hours(PRICED) == 720.0
    no_sla = json.loads(json.dumps(PRICED))
    del no_sla["business"]
    assert sla_window_hours(no_sla) is None


def test_evaluate_cost_counts_breaches_in_simulated_windows():
    ev = evaluate_cost(PRICED, method="mc", seed=3, replications=400, rel_error=0.0)
    windows = ev.window_availability
    # A 1-year horizon holds 12 whole 30-day windows (the 5 days left are not a window).
    assert len(windows) == 12 * 400
    assert all(0.0 <= a <= 1.0 for a in windows)
    sla = ev.business["sla"]
    breaches = sum(a < 0.999 for a in windows)
    assert sla["windows_observed"] == len(windows)
    assert sla["breach_probability"] == pytest.approx(breaches / len(windows))
    assert 0 < breaches < len(windows)
    lo, hi = sla["breach_probability_ci95"]
    assert lo <= sla["breach_probability"] <= hi
    # The windows cover 360 of the 365 simulated days: their mean is close to the availability.
    mean = sum(windows) / len(windows)
    assert mean == pytest.approx(ev.result.availability, abs=5e-4)
    # Downtime cost is the simulated downtime priced per hour, with its interval.
    minutes = ev.result.downtime_minutes_per_year
    assert ev.business["downtime_cost_per_year"] == pytest.approx(minutes / 60 * 1200)
    row = ev.row()
    assert (
        row["total_cost_per_year_lo"] <= row["total_cost_per_year"] <= row["total_cost_per_year_hi"]
    )
    assert row["sla_breach_probability"] == pytest.approx(breaches / len(windows))


def test_auto_simulates_a_model_with_an_sla_and_exact_leaves_its_windows_unknown():
    static = json.loads(json.dumps(PRICED))
    static["services"]["db"]["redundancy"] = {"mode": "active_active", "min_healthy": 1}
    # An SLA breach is about the distribution of downtime per window: auto simulates, once.
    ev = evaluate_cost(static, method="auto", seed=1, replications=200, rel_error=0.0)
    assert ev.result.method == "mc" and "SLA" in ev.result.method_reason
    assert ev.business["sla"]["windows_observed"] == 12 * 200
    assert len(ev.window_availability) == 12 * 200
    # Asked for exact, the availability is exact and the window figures are unknown.
    exact = evaluate_cost(static, method="exact")
    a = 1.0 - (10 / 1010) ** 2
    assert exact.result.availability == pytest.approx(a * a, rel=1e-12)
    assert exact.business["sla"]["breach_probability"] is None
    assert exact.window_availability == []


def test_evaluate_cost_without_business_section():
    plain = json.loads(json.dumps(PRICED))
    del plain["business"]
    ev = evaluate_cost(plain, method="mc", replications=100, rel_error=0.0)
    row = ev.row()
    assert math.isnan(row["sla_breach_probability"])
    # Unknown reads as unknown, not as zero: nothing prices the downtime.
    assert math.isnan(row["downtime_cost_per_year"])
    assert math.isnan(row["total_cost_per_year"]) and math.isnan(row["credits_per_year"])
    assert row["infra_cost_per_year"] > 0


def test_cli_evaluate_carries_the_business_impact(cli, tmp_path):
    model = tmp_path / "priced.json"
    model.write_text(json.dumps(PRICED))
    text = cli("evaluate", str(model), "--replications", "200", "--rel-error", "0", "--no-progress")
    assert text.returncode == 0, text.stderr
    assert "SLA breach" in text.stdout and "total expected" in text.stdout
    as_json = cli("evaluate", str(model), "--replications", "200", "--rel-error", "0", "--json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    business = data["business"]
    assert business["sla"]["windows_observed"] == 12 * 200
    assert business["downtime_cost_per_year"] == pytest.approx(
        data["downtime_minutes_per_year"] / 60 * 1200
    )
    plain = json.loads(json.dumps(PRICED))
    del plain["business"]
    model.write_text(json.dumps(plain))
    without = cli("evaluate", str(model), "--replications", "50", "--rel-error", "0", "--json")
    assert json.loads(without.stdout)["business"] is None
