"""Control planes and responders from Python: loading, show, errors, what-if, exact vs Monte Carlo."""

from __future__ import annotations

import copy
import json

import outagesim
import pytest
from conftest import ROOT, run_cli


def _process(mtbf: str, mttr: str) -> dict:
    return {"mtbf": mtbf, "mttr": mttr}


BASE = {
    "format": "outagesim/v1",
    "name": "cp-failover",
    "providers": {
        "aws": {
            "control_plane": {"outage": _process("2mo", "6h")},
            "regions": {"east": {"zones": {"a": {}}}, "west": {"zones": {"b": {}}}},
        }
    },
    "components": {
        "db-a": {"location": "aws/east/a", "failure": _process("2mo", "10h")},
        "db-b": {"location": "aws/west/b", "failure": _process("2mo", "10h")},
    },
    "services": {
        "db": {
            "replicas": ["db-a", "db-b"],
            "redundancy": {
                "mode": "active_passive",
                "failover": {
                    "detection": {"distribution": "exponential", "mean": "5m"},
                    "switchover": {"distribution": "exponential", "mean": "10m"},
                    "control_planes": ["aws"],
                },
            },
        }
    },
}


def _variant(**edits) -> dict:
    doc = copy.deepcopy(BASE)
    for path, value in edits.items():
        node = doc
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = value
    return doc


def test_show_names_control_planes_and_operations():
    doc = _variant(operations={"responders": 2})
    arch = outagesim.load(doc)
    assert [cp.name for cp in arch.control_planes] == ["aws"]
    assert arch.service("db").failover.control_planes_by_target == {
        "db-a": ["aws"],
        "db-b": ["aws"],
    }
    assert arch.operations.responders == 2
    assert arch.operations.engage_origin.startswith("default:")
    text = arch.describe()
    assert "Control planes (needed by recovery actions" in text
    assert "switchover needs aws; waits while one is down" in text
    assert "2 responders" in text
    assert arch.to_dict()["control_planes"][0]["name"] == "aws"


def test_target_region_resolves_per_target():
    doc = _variant()
    doc["providers"]["aws"]["regions"]["west"]["control_plane"] = {"outage": _process("1y", "2h")}
    doc["services"]["db"]["redundancy"]["failover"]["control_planes"] = ["target_region"]
    with pytest.raises(outagesim.ModelError, match="aws/east.*no outage process"):
        outagesim.load(doc)
    doc["providers"]["aws"]["regions"]["east"]["control_plane"] = {"outage": _process("1y", "2h")}
    arch = outagesim.load(doc)
    assert arch.service("db").failover.control_planes_by_target == {
        "db-a": ["aws/east"],
        "db-b": ["aws/west"],
    }


def test_exact_and_monte_carlo_agree_with_waits_attributed():
    exact = outagesim.evaluate(BASE, method="exact")
    assert exact.method == "exact"
    mc = outagesim.evaluate(BASE, method="mc", rel_error=0.02, seed=3)
    lo, hi = mc.availability_ci95
    half = (hi - lo) / 2
    # Within the 99.9% interval (the 95% one widened by 3.29 / 1.96).
    assert abs(mc.availability - exact.availability) <= half * 3.2905 / 1.959964
    rows = {r["element"]: r for r in mc.to_dict()["attribution"]}
    assert rows["aws control plane"]["level"] == "control_plane"
    assert rows["aws control plane"]["minutes_per_year"] > 0
    exact_rows = {r["element"]: r for r in exact.to_dict()["attribution"]}
    assert exact_rows["aws control plane"]["level"] == "control_plane"


def test_statically_stable_failover_is_better_and_static():
    stable = _variant()
    stable["services"]["db"]["redundancy"]["failover"]["control_planes"] = []
    a_stable = outagesim.evaluate(stable, method="exact").availability
    a_waits = outagesim.evaluate(BASE, method="exact").availability
    assert a_stable > a_waits


def test_what_if_sets_responders_and_control_planes():
    arch = outagesim.load(copy.deepcopy(BASE))
    changed = arch.with_changes(
        {
            "operations": {"responders": 1, "engage": "20m"},
            "services.db.redundancy.failover.without_control_plane": "fail",
            "services.db.redundancy.failover.manual_recovery": {
                "distribution": "exponential",
                "mean": "1h",
            },
        }
    )
    assert changed.operations.responders == 1
    assert changed.service("db").failover.without_control_plane == "fail"
    two = changed.with_changes({"operations.responders": 2})
    engage = {"operations.engage": {"distribution": "exponential", "mean": "20m"}}
    one_a = outagesim.evaluate(changed.with_changes(engage), method="exact").availability
    two_a = outagesim.evaluate(two.with_changes(engage), method="exact").availability
    assert two_a >= one_a


@pytest.mark.parametrize(
    "edit, where, message",
    [
        (
            {"services__db__redundancy__failover__control_planes": ["aws/eastt"]},
            "/services/db/redundancy/failover/control_planes/0",
            "did you mean 'aws/east'",
        ),
        ({"operations": {"responders": 0}}, "/operations/responders", "found 0"),
        ({"operations": {"engage": "15"}}, "/operations/engage", "needs a unit"),
        (
            {"services__db__redundancy__failover__without_control_plane": "fial"},
            "/services/db/redundancy/failover/without_control_plane",
            "did you mean 'fail'",
        ),
    ],
)
def test_bad_input_is_a_precise_error(tmp_path, edit, where, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_variant(**edit)))
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2
    assert where in proc.stderr + proc.stdout
    assert message in proc.stderr + proc.stdout


def test_manual_repair_without_operations_is_an_error(tmp_path):
    doc = copy.deepcopy(BASE)
    doc["components"]["db-a"]["repair"] = "manual"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2
    assert "/components/db-a/repair" in proc.stderr + proc.stdout


def test_examples_show_a_statically_stable_design_beside_one_that_is_not():
    waits = outagesim.load(ROOT / "models" / "examples" / "06-multi-region-control-plane.json")
    stable = outagesim.load(ROOT / "models" / "examples" / "07-multi-region-statically-stable.json")
    assert waits.service("lb").failover.control_planes_by_target["lb-west"] == ["aws"]
    assert stable.service("lb").failover.statically_stable
    assert waits.component("web-west-1").repair == "replace"
    assert stable.component("web-west-1").repair == "provider"
    # AWS's global control plane lives in us-east-1: an outage there reaches the us-west-2
    # failover of the design that changes DNS records through the API.
    plane = next(cp for cp in waits.control_planes if cp.name == "aws")
    assert plane.home == "aws/us-east-1"
