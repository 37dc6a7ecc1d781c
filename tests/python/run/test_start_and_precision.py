"""The default start (stationary, automatic warm-up), the precision target held by every figure,
and unavailability reported directly (issue: unbiased by default, precise at any number of
nines)."""

from __future__ import annotations

import json

import outagesim
import pytest

from models import ACTIVE_PASSIVE, PARALLEL

# Two capabilities, one a hundred times rarer down than the other: the stopping rule must hold
# the rare one to the target too, not only the system (which the frequent one dominates).
TWO_SPEEDS = {
    "format": "outagesim/v1",
    "name": "two-speeds",
    "providers": {"p": {}},
    "components": {
        "flaky": {"location": "p", "failure": {"mtbf": "100h", "mttr": "1h"}},
        "solid": {"location": "p", "failure": {"mtbf": "10000h", "mttr": "1h"}},
    },
    "services": {"often": {"replicas": ["flaky"]}, "seldom": {"replicas": ["solid"]}},
    "capabilities": {"often": {"requires": ["often"]}, "seldom": {"requires": ["seldom"]}},
}


def test_default_start_is_stationary_with_an_automatic_warm_up():
    result = outagesim.evaluate(ACTIVE_PASSIVE, method="mc", seed=3, rel_error=0.2)
    assert result.start == "stationary"
    assert result.warmup == "automatic"
    assert result.warmup_years > 0  # an active_passive service needs one
    plain = outagesim.evaluate(PARALLEL, method="mc", seed=3, rel_error=0.2)
    assert plain.warmup_years == 0  # every state is drawn exactly: none needed


def test_all_up_start_and_a_given_warm_up_are_kept_and_reported():
    all_up = outagesim.evaluate(ACTIVE_PASSIVE, method="mc", seed=3, rel_error=0.2, start="all-up")
    assert (all_up.start, all_up.warmup_years, all_up.warmup) == ("all-up", 0, "automatic")
    given = outagesim.evaluate(ACTIVE_PASSIVE, method="mc", seed=3, rel_error=0.2, warmup="2y")
    assert given.warmup == "given"
    assert given.warmup_years == pytest.approx(2.0)
    with pytest.raises(ValueError, match="warmup"):
        outagesim.evaluate(ACTIVE_PASSIVE, method="mc", warmup="-1y")


def test_rel_error_holds_for_every_capability():
    result = outagesim.evaluate(TWO_SPEEDS, method="mc", seed=5, rel_error=0.1, max_time="60s")
    assert result.stop_reason == "rel-error reached"
    seldom = result.capabilities["seldom"]
    often = result.capabilities["often"]
    assert often["unavailability"] > 50 * seldom["unavailability"]
    for measure in (result.to_dict(), often, seldom):
        assert measure["rel_error_achieved"] <= 0.1
        assert measure["incidents_observed"] >= 10
    assert result.rel_error_achieved == max(
        m["rel_error_achieved"] for m in (result.to_dict(), often, seldom)
    )


def test_a_time_limit_names_the_figures_short_of_the_target():
    result = outagesim.evaluate(
        TWO_SPEEDS, method="mc", seed=5, rel_error=0.01, max_time="0.3s", progress=False
    )
    assert result.stop_reason == "max-time reached"
    warning = next(w for w in result.warnings if "relative error target" in w)
    assert "seldom" in warning


def test_unavailability_keeps_its_digits_at_twelve_nines():
    # Three parallel replicas, each down 1e-4 of the time: U = 1e-12, which 1 - A cannot carry.
    model = {
        "format": "outagesim/v1",
        "name": "twelve-nines",
        "providers": {"p": {}},
        "components": {
            name: {"location": "p", "failure": {"availability": 0.9999, "mttr": "1h"}}
            for name in ("a", "b", "c")
        },
        "services": {"s": {"replicas": ["a", "b", "c"], "redundancy": {"mode": "active_active"}}},
    }
    exact = outagesim.evaluate(model, method="exact")
    assert exact.unavailability == pytest.approx(1e-12, rel=1e-9)
    assert exact.unavailability_ci95 == pytest.approx((1e-12, 1e-12), rel=1e-9)
    assert exact.nines == pytest.approx(12.0, rel=1e-9)
    row = exact.to_frame().iloc[0]
    assert row["unavailability"] == pytest.approx(1e-12, rel=1e-9)


def test_monte_carlo_unavailability_is_the_estimate_availability_derives_from():
    result = outagesim.evaluate(PARALLEL, method="mc", seed=2, rel_error=0.2)
    lo, hi = result.unavailability_ci95
    assert lo <= result.unavailability <= hi
    assert result.availability == pytest.approx(1.0 - result.unavailability, abs=1e-15)
    assert result.availability_ci95 == pytest.approx((1.0 - hi, 1.0 - lo), abs=1e-15)
    data = json.loads(result.to_json())
    assert data["unavailability_ci95"] == [lo, hi]


def test_cli_says_which_start_and_warm_up_ran(tmp_path, capsys):
    from outagesim import cli

    path = tmp_path / "ap.json"
    path.write_text(json.dumps(ACTIVE_PASSIVE))
    assert cli.main(["evaluate", str(path), "--method", "mc", "--rel-error", "0.2"]) == 0
    out = capsys.readouterr().out
    assert "start stationary, warm-up" in out and "(automatic)" in out
    assert cli.main(["evaluate", str(path), "--method", "mc", "--start", "all-up"]) == 0
    assert "start all-up, no warm-up" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["evaluate", str(path), "--warmup", "soon"])
    assert exit_info.value.code == 2
