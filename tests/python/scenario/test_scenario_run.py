"""outagesim.scenario and `outagesim scenario`: known answers to the second, a failover that fails
with probability p, reproducibility, the deterministic mode, and wrong input."""

from __future__ import annotations

import json

import outagesim
import pytest
from conftest import ROOT, run_cli
from outagesim.scenarios.stats import wilson
from scenario_models import region_down, two_regions, with_fault

GAME_DAY = ROOT / "models" / "scenarios" / "game-day-zone-use1-az1.json"
MULTI_AZ = ROOT / "models" / "examples" / "02-multi-az.json"


def test_a_region_down_8h_costs_detection_plus_switchover_to_the_second():
    result = outagesim.scenario(two_regions(), region_down("8h"), runs=20, seed=3)
    for measure in [result.system, *result.capabilities.values()]:
        d = measure.downtime_minutes
        # 3 min detection + 5 min switchover in every run: 8 minutes, to the second.
        assert abs(d.max * 60 - 480) < 1e-6 and abs(d.median * 60 - 480) < 1e-6
        assert measure.p_down == 1.0
        assert abs(measure.recovery_minutes.median - 8.0) < 1e-9
        assert measure.down_at_end == 0
    (db,) = result.failovers
    assert db.per_run == 1.0 and db.p_failed == 0.0
    assert result.causes[0].cause == "fault east-down" and result.causes[0].injected
    # The timeline says why: the region went down with the fault, the database failed over.
    t = result.median_run
    assert t.state_at("region p/east", 2.0) == "down"
    assert t.state_at("service db", 1.0 + 1 / 60) == "failing over"
    assert t.state_at("service db", 1.5) == "degraded"
    assert abs(t.down_hours("system") * 60 - 8.0) < 1e-9
    # ... and why each change happened.
    whys = {(row, state): why for _, row, state, why in t.events}
    assert whys[("region p/east", "down")] == "fault east-down started"
    assert whys[("system", "up")] == "failover of db completed"
    assert whys[("region p/east", "up")] == "fault east-down ended"


def test_a_failed_failover_is_told_as_a_manual_recovery():
    result = outagesim.scenario(two_regions(0.0), region_down("8h"), runs=3, seed=3)
    whys = [why for _, row, state, why in result.median_run.events if row == "system"]
    assert whys == [
        "fault east-down started",
        "manual recovery of db completed after a failed failover",
    ]
    assert result.system.downtime_minutes.median == pytest.approx(63.0)


def test_a_failover_that_fails_with_probability_p_is_seen_within_its_interval():
    p_fail = 0.2
    result = outagesim.scenario(two_regions(1 - p_fail), region_down("8h"), runs=3000, seed=11)
    down = result.system
    # Down longer than the switchover's 8 minutes exactly when the failover failed.
    (db,) = result.failovers
    share = db.p_failed
    lo, hi = wilson(round(share * result.runs), result.runs)
    widen = 3.2905 / 1.959964  # the 99.9% interval, as the other single-seed checks
    centre = share
    assert centre - (centre - lo) * widen <= p_fail <= centre + (hi - centre) * widen
    assert down.downtime_minutes.p90 == pytest.approx(63.0)  # 3 min detection + 1 h manual
    assert down.downtime_minutes.median == pytest.approx(8.0)


def test_the_same_seed_gives_the_same_result_on_any_thread_count():
    sc = with_fault(
        region_down(), duration={"distribution": "lognormal", "median": "4h", "sigma": 0.8}
    )
    one = outagesim.scenario(two_regions(0.7), sc, runs=500, seed=5, background=True, threads=1)
    two = outagesim.scenario(two_regions(0.7), sc, runs=500, seed=5, background=True, threads=2)
    assert one.to_dict()["system"] == two.to_dict()["system"]
    assert one.to_dict()["timelines"] == two.to_dict()["timelines"]
    assert one.warmup_hours > 0


def test_mean_timings_give_one_deterministic_readable_timeline():
    sc = with_fault(region_down(), duration={"distribution": "exponential", "mean": "8h"})
    result = outagesim.scenario(two_regions(0.5), sc, runs=1, timings="mean", background=False)
    assert result.system.downtime_minutes.max == pytest.approx(8.0)
    rows = result.median_run.rows
    assert rows[0] == "region p/east"
    assert {"service db", "service web", "capability shop", "capability orders", "system"} <= set(
        rows
    )
    assert result.worst_run.run == result.median_run.run


def test_after_orders_faults_and_one_zone_of_draws_a_zone():
    sc = {
        "format": "outagesim-scenario/v1",
        "name": "two steps",
        "faults": [
            {"name": "first", "target": {"zone": "p/east/e1"}, "duration": "1h"},
            {
                "name": "second",
                "target": {"one_zone_of": "p/east"},
                "after": "first",
                "delay": "30m",
                "duration": "1h",
            },
        ],
    }
    result = outagesim.scenario(two_regions(), sc, runs=400, seed=2)
    second = result.faults[1]
    assert set(second.choices) == {"p/east/e1", "p/east/e2"}
    assert sum(second.choices.values()) == 400
    # Binomial(400, 1/2): within 4 standard deviations (10 each).
    assert abs(second.choices["p/east/e1"] - 200) < 40


def test_cli_scenario_text_json_and_svg(tmp_path):
    svg = tmp_path / "t.svg"
    proc = run_cli("scenario", str(MULTI_AZ), str(GAME_DAY), "--runs", "300", "--svg", str(svg))
    assert proc.returncode == 0, proc.stderr
    assert "P(down)" in proc.stdout and "timeline of the median run" in proc.stdout
    assert svg.read_text().lstrip().startswith(("<?xml", "<svg"))
    proc = run_cli("scenario", str(MULTI_AZ), str(GAME_DAY), "--runs", "300", "--json")
    data = json.loads(proc.stdout)
    assert data["runs"] == 300 and data["seed"] == 1 and data["background"] == "on"
    assert 0 < data["system"]["p_down"] <= 1
    lo, hi = data["system"]["p_down_ci95"]
    assert lo <= data["system"]["p_down"] <= hi
    assert data["timelines"]["median"]["intervals"]


def _problems(proc):
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr


def test_bad_scenarios_name_file_path_and_what_was_expected(tmp_path):
    def write(doc, name="s.json"):
        path = tmp_path / name
        path.write_text(json.dumps(doc))
        return str(path)

    zone = with_fault(region_down(), target={"zone": "aws/us-east-1/use1-az9"})
    err = _problems(run_cli("scenario", str(MULTI_AZ), write(zone)))
    assert err.startswith(str(tmp_path / "s.json") + ": /faults/0/target/zone: ")
    assert "did you mean 'aws/us-east-1/use1-az" in err
    no_duration = region_down()
    del no_duration["faults"][0]["duration"]
    assert 'missing "duration"' in _problems(run_cli("scenario", str(MULTI_AZ), write(no_duration)))
    negative = with_fault(region_down(), start="-1h")
    assert "/faults/0/start" in _problems(run_cli("scenario", str(MULTI_AZ), write(negative)))
    cycle = {
        "format": "outagesim-scenario/v1",
        "name": "c",
        "faults": [
            {"name": "a", "target": {"region": "aws/us-east-1"}, "after": "b", "duration": "1h"},
            {"name": "b", "target": {"region": "aws/us-east-1"}, "after": "a", "duration": "1h"},
        ],
    }
    assert "cycle: a -> b -> a" in _problems(run_cli("scenario", str(MULTI_AZ), write(cycle)))
    incident = json.loads(
        (ROOT / "models" / "incidents" / "aws-2017-02-28-s3-us-east-1.json").read_text()
    )
    incident["incident"]["severity"] = "high"
    err = _problems(run_cli("scenario", str(MULTI_AZ), write(incident)))
    assert "/incident/severity" in err and "unknown field" in err
    typo = with_fault(region_down(), target={"zon": "aws/us-east-1/use1-az1"})
    assert "did you mean 'zone'" in _problems(run_cli("scenario", str(MULTI_AZ), write(typo)))
    yaml_file = tmp_path / "s.yaml"
    yaml_file.write_text("format: outagesim-scenario/v1\nname: x\nfaults: [\n")
    assert "not valid YAML at line" in _problems(run_cli("scenario", str(MULTI_AZ), str(yaml_file)))


def test_bad_options_are_rejected():
    with pytest.raises(ValueError):
        outagesim.scenario(two_regions(), region_down(), runs=0)
    with pytest.raises(ValueError):
        outagesim.scenario(two_regions(), region_down(), timings="fast")
    proc = run_cli("scenario", str(MULTI_AZ), str(GAME_DAY), "--background", "maybe")
    assert proc.returncode == 2 and "on" in proc.stderr


def test_a_time_limit_keeps_the_runs_done_in_order():
    # A background run over ten years per run cannot finish 10 million runs in a second.
    sc = with_fault(region_down(), duration="1h")
    result = outagesim.scenario(
        two_regions(),
        sc,
        runs=10_000_000,
        background=True,
        window="10y",
        max_time="1s",
        timelines=False,
    )
    assert 0 < result.runs < 10_000_000
    assert result.stop_reason == "max-time reached"
    assert any("runs completed" in w for w in result.warnings)
    again = outagesim.scenario(
        two_regions(), sc, runs=result.runs, background=True, window="10y", timelines=False
    )
    assert again.to_dict()["system"] == result.to_dict()["system"]


@pytest.mark.parametrize(
    "target, note",
    [
        ({"change": "web"}, "every replica"),
        ({"service": "dns"}, "every replica"),
        ({"common_cause": "db-engine"}, "common cause"),
        ({"regional_service": "aws/us-east-1/cache"}, "2 component(s) of type cache"),
        ({"component_type": "aws/vm"}, "3 component(s) of type vm"),
    ],
)
def test_every_kind_of_target_takes_down_what_it_names(target, note):
    # Each of these takes a whole tier of the multi-AZ example down, so the system is down for
    # exactly the fault's 30 minutes (no failover can help: every replica is gone).
    sc = {
        "format": "outagesim-scenario/v1",
        "name": "t",
        "faults": [{"target": target, "duration": "30m"}],
    }
    result = outagesim.scenario(str(MULTI_AZ), sc, runs=5, timings="mean")
    assert result.faults[0].note == note
    assert result.system.downtime_minutes.max == pytest.approx(30.0)
    assert result.system.downtime_minutes.median == pytest.approx(30.0)


def test_a_control_plane_fault_is_reported_not_applied():
    sc = {
        "format": "outagesim-scenario/v1",
        "name": "cp",
        "faults": [
            {
                "target": {"control_plane": "aws/us-east-1"},
                "action": "unavailable",
                "duration": "2h",
            }
        ],
    }
    result = outagesim.scenario(str(MULTI_AZ), sc, runs=5)
    assert not result.faults[0].applied and "not modelled" in result.faults[0].note
    assert any("changes nothing" in w for w in result.warnings)
    assert result.system.p_down == 0.0
    wrong = {
        "format": "outagesim-scenario/v1",
        "name": "cp",
        "faults": [{"target": {"control_plane": "aws/us-east-1"}, "duration": "2h"}],
    }
    with pytest.raises(outagesim.ModelError, match="/faults/0/action"):
        outagesim.scenario(str(MULTI_AZ), wrong)
