"""Per-target failover timings as the package and the CLI show them (the engine is checked in
tests/cpp/test_sim_failover_targets.cpp)."""

from __future__ import annotations

import json

import outagesim
from conftest import GOOD_DIR, run_cli

MODEL = GOOD_DIR / "failover_targets.json"


def test_targets_resolved_with_the_services_defaults():
    failover = outagesim.load(MODEL).service("db").failover
    assert list(failover.targets) == ["db-west"]
    west = failover.targets["db-west"]
    assert west.success_probability == 0.9
    assert west.switchover.mean == 0.75
    assert west.manual_recovery.mean == 2.0
    assert west.detection == failover.detection  # detection is never a target's
    assert not failover.is_instant


def test_a_target_field_left_out_is_the_services():
    document = json.loads(MODEL.read_text())
    targets = document["services"]["db"]["redundancy"]["failover"]["targets"]
    targets["db-b"] = {"success_probability": 0.5}
    failover = outagesim.load(document).service("db").failover
    assert list(failover.targets) == ["db-b", "db-west"]  # replica order
    b = failover.targets["db-b"]
    assert b.success_probability == 0.5
    assert b.switchover == failover.switchover
    assert b.manual_recovery == failover.manual_recovery
    assert failover.to_dict()["targets"]["db-b"]["success_probability"] == 0.5


def test_show_prints_each_targets_timings():
    proc = run_cli("show", str(MODEL))
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if "failover" in x and "db-west" in x)
    assert "to db-west: switchover" in line
    assert "success 0.9," in line


def test_per_target_timings_change_the_exact_answer():
    # The cross-region promotion (45 min, 90%) instead of the service's 2 min, 99%.
    with_targets = outagesim.load(MODEL)
    document = json.loads(MODEL.read_text())
    del document["services"]["db"]["redundancy"]["failover"]["targets"]
    without = outagesim.load(document)
    a = outagesim.evaluate(with_targets, method="exact", assume_exponential=True).availability
    b = outagesim.evaluate(without, method="exact", assume_exponential=True).availability
    assert a < b


def test_a_target_that_is_not_a_replica_exits_2():
    proc = run_cli(
        "validate", str(MODEL.parent.parent / "bad" / "failover_target_not_replica.json")
    )
    assert proc.returncode == 2
    assert "/services/db/redundancy/failover/targets/web-1" in proc.stderr
    assert "Traceback" not in proc.stderr
