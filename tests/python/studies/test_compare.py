"""compare(): designs side by side under common random numbers, the cost of each extra nine,
and the `outagesim compare` command (text, --json, --csv, exit codes)."""

from __future__ import annotations

import io
import json
import math

import outagesim
import pandas as pd
import pytest
from conftest import ROOT
from outagesim.studies.compare import cost_per_extra_nine

SINGLE = ROOT / "models" / "examples" / "01-single-zone.json"
MULTI_CLOUD = ROOT / "models" / "examples" / "05-multi-cloud.json"
FAST = dict(seed=7, replications=300, rel_error=0.0)


@pytest.fixture(scope="module")
def two():
    return outagesim.compare([SINGLE, MULTI_CLOUD], **FAST)


def test_compare_two_examples_side_by_side(two):
    assert list(two.index) == ["webshop-single-zone", "webshop-multi-cloud"]
    single, cloud = two.loc["webshop-single-zone"], two.loc["webshop-multi-cloud"]
    for r in (single, cloud):
        assert r["availability_lo"] <= r["availability"] <= r["availability_hi"]
        assert r["nines_lo"] <= r["nines"] <= r["nines_hi"]
        assert r["downtime_minutes_per_year"] == pytest.approx((1 - r["availability"]) * 525600)
        assert r["worst_year_downtime_minutes"] >= r["downtime_minutes_per_year"] * 0.9
        assert r["replications"] == 300 and r["seed"] == 7
        assert r["total_cost_per_year"] == pytest.approx(
            r["infra_cost_per_year"] + r["downtime_cost_per_year"] + r["credits_per_year"]
        )
        assert 0.0 <= r["sla_breach_probability_lo"] <= r["sla_breach_probability"]
        assert r["sla_breach_probability"] <= r["sla_breach_probability_hi"] <= 1.0
        assert r["infra_cost_per_year"] == pytest.approx(
            outagesim.price(SINGLE if r is single else MULTI_CLOUD)["per_year"].iloc[-1]
        )
    # Multi-cloud is clearly more available, costs more to run, and breaches its SLA less.
    assert cloud["availability_lo"] > single["availability_hi"]
    assert cloud["infra_cost_per_year"] > single["infra_cost_per_year"]
    assert cloud["sla_breach_probability"] < single["sla_breach_probability"]
    # Cost of each extra nine relative to the cheapest (single zone).
    assert single["extra_nine_note"].startswith("reference")
    assert math.isnan(single["extra_cost_per_nine"])
    expected = (cloud["infra_cost_per_year"] - single["infra_cost_per_year"]) / (
        cloud["nines"] - single["nines"]
    )
    assert cloud["extra_cost_per_nine"] == pytest.approx(expected)
    assert cloud["extra_cost_per_nine_lo"] <= expected <= cloud["extra_cost_per_nine_hi"]


def test_same_design_twice_gives_identical_figures():
    frame = outagesim.compare([SINGLE, SINGLE], **FAST)
    assert list(frame.index) == ["webshop-single-zone", "webshop-single-zone (2)"]
    a, b = frame.iloc[0], frame.iloc[1]
    for column in (
        "availability",
        "availability_lo",
        "sla_breach_probability",
        "total_cost_per_year",
    ):
        assert a[column] == b[column]
    assert b["extra_nine_note"] == "no extra nines at the same cost"


def test_common_random_numbers_a_redundant_design_is_never_worse_in_any_window():
    # With one random stream per element (keyed by its name), component "a" fails at the same
    # moments in both designs; adding a parallel replica can then only remove downtime, in
    # every simulated window, not just on average.
    base = {
        "format": "outagesim/v1",
        "name": "alone",
        "providers": {"p": {}},
        "components": {"a": {"location": "p", "failure": {"mtbf": "500h", "mttr": "20h"}}},
        "services": {"s": {"replicas": ["a"]}},
        "business": {"sla": {"target": 0.999, "window": "w"}},
    }
    redundant = json.loads(json.dumps(base))
    redundant["name"] = "pair"
    redundant["components"]["b"] = {"location": "p", "failure": {"mtbf": "500h", "mttr": "20h"}}
    redundant["services"]["s"] = {
        "replicas": ["a", "b"],
        "redundancy": {"mode": "active_active", "min_healthy": 1},
    }
    kw = dict(method="mc", seed=11, replications=200, rel_error=0.0)
    alone = outagesim.evaluate_cost(base, **kw).window_availability
    pair = outagesim.evaluate_cost(redundant, **kw).window_availability
    assert len(alone) == len(pair) == 52 * 200
    assert all(p >= a for a, p in zip(alone, pair))
    assert sum(p > a for a, p in zip(alone, pair)) > 100


def test_cost_per_extra_nine_notes():
    rows = [
        dict(design="cheap", infra_cost_per_year=100.0, nines=3.0, nines_lo=2.9, nines_hi=3.1),
        dict(design="better", infra_cost_per_year=300.0, nines=4.0, nines_lo=3.9, nines_hi=4.1),
        dict(design="worse", infra_cost_per_year=200.0, nines=2.5, nines_lo=2.4, nines_hi=2.6),
    ]
    cost_per_extra_nine(rows)
    assert rows[0]["extra_nine_note"].startswith("reference")
    assert rows[1]["extra_cost_per_nine"] == pytest.approx(200.0)
    assert rows[1]["extra_cost_per_nine_lo"] == pytest.approx(200.0 / 1.2)
    assert rows[1]["extra_cost_per_nine_hi"] == pytest.approx(200.0 / 0.8)
    assert math.isnan(rows[2]["extra_cost_per_nine"])
    assert "no extra nines" in rows[2]["extra_nine_note"]


def test_cli_compare_text_json_csv(cli):
    args = [
        "compare",
        str(SINGLE),
        str(MULTI_CLOUD),
        "--seed",
        "7",
        "--replications",
        "300",
        "--rel-error",
        "0",
    ]
    text = cli(*args)
    assert text.returncode == 0, text.stderr
    assert "webshop-multi-cloud" in text.stdout and "cost per extra nine" in text.stdout
    assert "P(SLA window breached)" in text.stdout and "(30d < 99.95%)" in text.stdout
    as_json = cli(*args, "--json")
    assert as_json.returncode == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert [r["design"] for r in rows] == ["webshop-single-zone", "webshop-multi-cloud"]
    as_csv = cli(*args, "--csv")
    assert as_csv.returncode == 0, as_csv.stderr
    frame = pd.read_csv(io.StringIO(as_csv.stdout))
    assert list(frame["design"]) == ["webshop-single-zone", "webshop-multi-cloud"]
    # The same seed gives the same figures through every output form.
    assert frame["availability"].tolist() == pytest.approx(
        [r["availability"] for r in rows], rel=1e-12
    )


def test_cli_compare_errors(cli):
    missing = cli("compare", "no-such-model.json")
    assert missing.returncode == 2
    assert "no-such-model.json" in missing.stderr
    both = cli("compare", str(SINGLE), "--json", "--csv")
    assert both.returncode == 2
