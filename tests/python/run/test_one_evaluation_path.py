"""One seed means one sample: evaluate, evaluate_cost, compare and sweep run the same evaluation,
every figure of one evaluation comes from one run, and the options reach that run."""

from __future__ import annotations

import json
import math
import time

import outagesim
import pytest
from conftest import ROOT

MULTI_AZ = ROOT / "models" / "examples" / "02-multi-az.json"
# A fixed sample, so that the runs are the same whatever the machine's speed.
OPTIONS = dict(method="mc", seed=42, replications=1792, rel_error=0.0, max_time="10m")


@pytest.fixture(scope="module")
def evaluated():
    return outagesim.evaluate(MULTI_AZ, **OPTIONS)


def test_evaluate_compare_and_sweep_agree_to_the_last_digit(evaluated):
    compared = outagesim.compare([MULTI_AZ], **OPTIONS).iloc[0]
    swept = outagesim.sweep(
        MULTI_AZ, {"services.web.redundancy.min_healthy": [2]}, workers=1, **OPTIONS
    ).iloc[0]
    for row in (compared, swept):
        assert row["availability"] == evaluated.availability
        assert row["downtime_minutes_per_year"] == evaluated.downtime_minutes_per_year
        assert row["incidents_per_year"] == evaluated.incidents_per_year
        assert row["replications"] == evaluated.replications
        assert row["sla_breach_probability"] == evaluated.business["sla"]["breach_probability"]
        assert row["total_cost_per_year"] == evaluated.business["total_per_year"]


def test_every_figure_of_one_evaluation_comes_from_one_run(evaluated):
    business = evaluated.business
    # The downtime cost is this run's downtime priced, not another run's.
    assert business["downtime_minutes_per_year"] == evaluated.downtime_minutes_per_year
    assert business["downtime_cost_per_year"] == pytest.approx(
        evaluated.downtime_minutes_per_year / 60 * business["downtime_cost_per_hour"]
    )
    # The SLA windows are those of this run: 12 monthly windows in each of its replications,
    # and their mean is this run's availability.
    windows = evaluated.window_availability
    assert len(windows) == business["sla"]["windows_observed"] == 12 * evaluated.replications
    assert sum(windows) / len(windows) == pytest.approx(evaluated.availability, abs=2e-4)
    assert business["sla"]["breach_probability"] == pytest.approx(
        sum(a < business["sla"]["target"] for a in windows) / len(windows)
    )


def test_evaluate_cost_passes_every_option_to_its_one_run():
    ev = outagesim.evaluate_cost(MULTI_AZ, method="mc", seed=42, rel_error=0.02, max_time="10m")
    assert ev.result.seed == 42
    assert ev.result.rel_error_target == 0.02
    assert ev.result.rel_error_achieved <= 0.02
    # Its business figures are those of the evaluation, not of a second run.
    same = outagesim.evaluate(MULTI_AZ, method="mc", seed=42, rel_error=0.02, max_time="10m")
    assert ev.business == same.business
    timing = ("wall_seconds",)
    assert {k: v for k, v in ev.result.to_dict().items() if k not in timing} == {
        k: v for k, v in same.to_dict().items() if k not in timing
    }


def test_max_time_bounds_the_whole_evaluation_of_a_priced_model():
    started = time.monotonic()
    result = outagesim.evaluate(MULTI_AZ, method="mc", rel_error=1e-4, max_time="2s")
    elapsed = time.monotonic() - started
    assert result.stop_reason == "max-time reached"
    assert result.business["sla"]["windows_observed"] > 0
    # Loose: the bound is 2 s of engine time; loading and pricing add little.
    assert elapsed < 4.0, elapsed


def test_cli_evaluate_and_compare_print_the_same_figures(cli):
    args = ["--method", "mc", "--seed", "42", "--replications", "1792", "--rel-error", "0"]
    evaluate = cli("evaluate", str(MULTI_AZ), "--json", "--no-progress", *args)
    compare = cli("compare", str(MULTI_AZ), "--json", *args)
    assert evaluate.returncode == 0 and compare.returncode == 0, evaluate.stderr + compare.stderr
    one, (row,) = json.loads(evaluate.stdout), json.loads(compare.stdout)
    assert row["availability"] == one["availability"]
    assert row["downtime_minutes_per_year"] == one["downtime_minutes_per_year"]
    assert row["total_cost_per_year"] == one["business"]["total_per_year"]


def test_the_method_is_chosen_in_one_place():
    # auto on a model with an SLA simulates (the SLA needs simulated windows), and says so;
    # the same reason reaches evaluate, evaluate_cost and compare.
    reason = outagesim.evaluate(MULTI_AZ, seed=1, rel_error=0.1).method_reason
    assert "SLA" in reason
    assert outagesim.evaluate_cost(MULTI_AZ, seed=1, rel_error=0.1).result.method_reason == reason
    static = json.loads(MULTI_AZ.read_text())
    del static["business"]
    for service in ("db", "cache"):
        static["services"][service]["redundancy"] = {"mode": "active_active", "min_healthy": 1}
    exact = outagesim.evaluate(static)
    assert exact.method == "exact" and exact.method_reason.startswith("auto chose exact (bdd)")
    assert outagesim.evaluate_cost(static).result.method_reason == exact.method_reason


def test_unknown_costs_read_as_unknown(cli, tmp_path):
    plain = json.loads(MULTI_AZ.read_text())
    del plain["business"]
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(plain))
    row = outagesim.compare([path], method="mc", rel_error=0.2).iloc[0]
    assert math.isnan(row["downtime_cost_per_year"]) and math.isnan(row["total_cost_per_year"])
    text = cli("compare", str(path), "--rel-error", "0.2")
    assert text.returncode == 0, text.stderr
    assert "$0" not in text.stdout
    total = next(line for line in text.stdout.splitlines() if line.startswith("total / yr"))
    assert "n/a" in total
    as_json = json.loads(cli("compare", str(path), "--rel-error", "0.2", "--json").stdout)
    assert as_json[0]["total_cost_per_year"] is None
