"""Common-cause groups and regional service events through Python and the CLI: the exact figure
of a shared shock against its closed form, the what-if edit, show, JSON, and bad input."""

from __future__ import annotations

import json

import outagesim
import pytest
from conftest import run_cli

MODEL = {
    "format": "outagesim/v1",
    "name": "pair",
    "providers": {"p": {"regions": {"r": {"zones": {"z1": {}, "z2": {}}}}}},
    "components": {
        name: {
            "location": f"p/r/{zone}",
            "failure": {
                "ttf": {"distribution": "exponential", "mean": "1000h"},
                "ttr": {"distribution": "exponential", "mean": "10h"},
            },
        }
        for name, zone in (("a", "z1"), ("b", "z2"))
    },
    "services": {"web": {"replicas": ["a", "b"], "redundancy": {"mode": "active_active"}}},
}


def test_a_shared_shock_matches_its_closed_form_and_shows_everywhere():
    arch = outagesim.load(MODEL).set_common_cause(
        "same-build", members=["web"], shock={"mtbf": "5000h", "mttr": "4h"}
    )
    assert [g.name for g in arch.common_causes] == ["same-build"]
    assert arch.common_causes[0].members == ["a", "b"]
    assert arch.to_dict()["common_causes"][0]["kind"] == "shock"
    result = outagesim.evaluate(arch, method="exact")
    a, shock = 1000 / 1010, 5000 / 5004
    expected = 1 - shock * (1 - (1 - a) ** 2)
    assert result.unavailability == pytest.approx(expected, rel=1e-9)
    assert "common_cause" in {row["level"] for row in result.attribution}
    assert "same-build: shared shock over a, b" in arch.describe()


def test_beta_factor_individual_repair_goes_to_the_markov_chain_and_can_be_removed():
    arch = outagesim.load(MODEL).set_common_cause(
        "bug", members=["a", "b"], beta=0.2, repair="individual"
    )
    exact = outagesim.evaluate(arch, method="exact")
    assert exact.solver == "ctmc"
    assert "repaired individually" in exact.method_reason
    sim = outagesim.evaluate(arch, method="mc", seed=5, rel_error=0.05)
    lo, hi = sim.unavailability_ci95
    half = (hi - lo) / 2 * 3.2905 / 1.96  # the 99.9% interval, as the C++ agreement tests
    assert abs(sim.unavailability - exact.unavailability) <= half
    removed = arch.set_common_cause("bug")
    assert removed.common_causes == []
    with pytest.raises(outagesim.ModelError, match="no common-cause group named 'bog'"):
        arch.set_common_cause("bog")


def test_regional_service_events_come_from_the_catalog_with_their_origin():
    arch = outagesim.load("models/examples/02-multi-az.json")
    names = {r.name: r for r in arch.regional_services}
    assert "aws/us-east-1/managed_db" in names
    db = names["aws/us-east-1/managed_db"]
    assert db.origin.startswith("catalog aws: docs/calibration.md#regional-service-events")
    assert len(db.members) == 2
    assert "Regional service events" in arch.describe()


def test_bad_groups_exit_2_with_the_json_path(tmp_path):
    bad = dict(MODEL, common_causes={"g": {"members": ["a", "bb"], "beta": 1.5, "repair": "jiont"}})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2
    for text in (
        "/common_causes/g/members/1",
        'unknown member "bb"',
        "/common_causes/g/beta",
        "[0, 1)",
        "/common_causes/g/repair",
        "did you mean",
    ):
        assert text in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
