"""rare_event / --rare-event: importance sampling through every door, and its refusals."""

from __future__ import annotations

import copy
import json

import outagesim
import pytest
from conftest import ROOT, run_cli

from models import ACTIVE_PASSIVE, PARALLEL

RARE = ROOT / "bench" / "models" / "rare-three-regions.json"
IS_SOLVER = "monte-carlo/importance-sampling"


def _one_of_three() -> dict:
    """1-of-3 of components at availability 1 - 1e-3: U = 1e-9 exactly."""
    model = copy.deepcopy(PARALLEL)
    model["name"] = "one-of-three"
    model["providers"]["p"]["regions"]["r"]["zones"]["z3"] = {}
    for name, zone in (("a", "z1"), ("b", "z2"), ("c", "z3")):
        model["components"][name] = {
            "location": f"p/r/{zone}",
            "failure": {"mtbf": "9990h", "mttr": "10h"},
        }
    model["services"]["s"]["replicas"] = ["a", "b", "c"]
    return model


def test_auto_runs_failure_biasing_on_a_nine_nines_design_and_covers_the_exact_value():
    model = _one_of_three()
    result = outagesim.evaluate(model, method="mc", seed=1, threads=2, rel_error=0.1)
    assert result.solver == IS_SOLVER
    assert "rare-event auto" in result.method_reason
    data = result.to_dict()
    lo, hi = data["unavailability_ci95"]
    assert lo <= 1e-9 <= hi
    assert hi - lo <= 0.2 * data["unavailability"] * 1.0001
    assert any("importance sampling" in w for w in data["warnings"])


def test_off_runs_crude_simulation():
    result = outagesim.evaluate(
        _one_of_three(), method="mc", rare_event="off", replications=20, rel_error=0.0
    )
    assert result.solver == "monte-carlo"


def test_same_digits_as_the_core_on_any_thread_count():
    one = outagesim.evaluate(RARE, method="mc", rare_event="failure-biasing", threads=1).to_dict()
    two = outagesim.evaluate(RARE, method="mc", rare_event="failure-biasing", threads=2).to_dict()
    for key in ("unavailability", "unavailability_ci95", "incidents_per_year", "replications"):
        assert one[key] == two[key]


def test_bad_rare_event_value_is_a_value_error():
    with pytest.raises(ValueError, match="rare_event must be auto, off or failure-biasing"):
        outagesim.evaluate(PARALLEL, method="mc", rare_event="splitting")


def test_cli_failure_biasing_on_a_failover_model_says_why_and_runs_crude(tmp_path):
    path = tmp_path / "ap.json"
    path.write_text(json.dumps(ACTIVE_PASSIVE))
    proc = run_cli(
        "evaluate", str(path), "--method", "mc", "--rare-event", "failure-biasing",
        "--max-time", "5s", "--rel-error", "0.2", "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["solver"] == "monte-carlo"
    assert any("is active_passive" in w and "crude Monte Carlo ran instead" in w
               for w in data["warnings"])  # fmt: skip


def test_cli_rare_event_json_and_bad_value():
    proc = run_cli(
        "evaluate", str(RARE), "--method", "mc", "--rare-event", "failure-biasing",
        "--rel-error", "0.1", "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["solver"] == IS_SOLVER
    assert data["incident_duration_hours"]["count"] == 0
    bad = run_cli("evaluate", str(RARE), "--rare-event", "splitting")
    assert bad.returncode == 2
    assert "--rare-event" in bad.stderr and "failure-biasing" in bad.stderr


def test_cli_text_names_cycles_not_replications_of_a_horizon():
    proc = run_cli(
        "evaluate", str(RARE), "--method", "mc", "--rare-event", "failure-biasing",
        "--rel-error", "0.2",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "regeneration cycles" in proc.stdout
    assert "replications of 0y" not in proc.stdout


def test_sla_with_failure_biasing_is_unknown_and_says_why():
    model = _one_of_three()
    model["business"] = {"sla": {"target": 0.9999, "window": "mo"}, "downtime_cost_per_hour": 1000}
    result = outagesim.evaluate(model, method="mc", rare_event="failure-biasing", rel_error=0.2)
    assert result.solver == IS_SOLVER
    business = result.business
    assert business["sla"]["breach_probability"] is None
    assert any("needs --rare-event off" in w for w in business["warnings"])
    # auto keeps crude simulation when the SLA windows are needed
    crude = outagesim.evaluate(model, method="mc", replications=4, rel_error=0.0)
    assert crude.solver == "monte-carlo"
