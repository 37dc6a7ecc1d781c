"""The CLI on bad changes: show, evaluate (all at once against one region at a time), analyze,
export, and bad input."""

from __future__ import annotations

import copy
import json

from conftest import GOOD_DIR, run_cli

# Two web replicas in two regions (one needed) that fail every week or so, and changes: one a
# day, 5% bad, detected after an exponential 20 minutes, rolled back in 30.
BASE = {
    "format": "outagesim/v1",
    "name": "deploys",
    "providers": {
        "aws": {
            "regions": {
                "us-east-1": {"zones": {"use1-az1": {}}},
                "us-west-2": {"zones": {"usw2-az1": {}}},
            }
        }
    },
    "components": {
        "web-1": {"location": "aws/us-east-1/use1-az1", "failure": {"mtbf": "1w", "mttr": "1h"}},
        "web-2": {"location": "aws/us-west-2/usw2-az1", "failure": {"mtbf": "1w", "mttr": "1h"}},
    },
    "services": {
        "web": {
            "replicas": ["web-1", "web-2"],
            "changes": {
                "rate": "1/d",
                "bad_probability": 0.05,
                "detection": {"distribution": "exponential", "mean": "20m"},
                "rollback": "30m",
            },
        }
    },
}


def _write(tmp_path, name, rollout):
    document = copy.deepcopy(BASE)
    document["name"] = name
    document["services"]["web"]["changes"]["rollout"] = rollout
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document))
    return str(path)


def _evaluate(path):
    proc = run_cli(
        "evaluate",
        path,
        "--json",
        "--method",
        "mc",
        "--seed",
        "11",
        "--rel-error",
        "0.05",
        "--max-time",
        "60s",
        "--no-progress",
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_all_at_once_against_one_region_at_a_time(tmp_path):
    """What a staged rollout buys, in nines and incidents, each with its 95% interval: staged,
    the second region is reached only when detection takes longer than the 1 h bake (e^-3 of
    bad changes), so bad changes almost never take both regions down."""
    once = _evaluate(_write(tmp_path, "at-once", "all_at_once"))
    staged = _evaluate(_write(tmp_path, "by-region", {"by": "region", "bake": "1h"}))
    for data in (once, staged):
        print(
            f"{data['model']}: nines {data['nines']:.3f} {data['nines_ci95']}, incidents/yr "
            f"{data['incidents_per_year']:.3g} {data['incidents_per_year_ci95']}, seed "
            f"{data['seed']}, {data['replications']} replications of {data['horizon_years']} y"
        )
    assert once["nines_ci95"][1] < staged["nines_ci95"][0]
    assert staged["incidents_per_year_ci95"][1] < once["incidents_per_year_ci95"][0]
    # The same bad changes in both runs (common random numbers), reaching fewer replicas staged.
    (once_row,) = once["changes"]
    (staged_row,) = staged["changes"]
    assert once_row["rollout"] == "all at once" and once_row["waves"] == 1
    assert staged_row["rollout"] == "one region at a time, 1h bake" and staged_row["waves"] == 2
    assert (
        staged_row["replica_outage_minutes_per_year_ci95"][1]
        < once_row["replica_outage_minutes_per_year_ci95"][0]
    )
    # Bad changes are named as a cause of downtime, at their own level.
    assert any(r["level"] == "change" and r["element"] == "web" for r in once["attribution"])
    # Closed form, all at once: bad changes begin at lambda' = lambda p / (1 + lambda p E[L]).
    bad_rate = 0.05 / 24
    per_year = bad_rate / (1 + bad_rate * (20 + 30) / 60) * 8760
    lo, hi = once_row["bad_changes_per_year_ci95"]
    width = (hi - lo) / 2
    assert lo - 0.7 * width <= per_year <= hi + 0.7 * width  # its 99.9% interval


def test_auto_says_why_a_staged_rollout_runs_monte_carlo(tmp_path):
    staged = _write(tmp_path, "by-region", {"by": "region", "bake": "1h", "canary": True})
    proc = run_cli("evaluate", staged, "--max-time", "10s", "--rel-error", "0.2", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert (
        "auto chose Monte Carlo, since no exact answer exists: service web rolls its changes "
        in (proc.stdout.replace("\n", " "))
    )
    assert "Bad changes" in proc.stdout
    once = _write(tmp_path, "at-once", "all_at_once")
    proc = run_cli("evaluate", once, "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "exact (bdd)" in proc.stdout
    assert "change:" in proc.stdout  # the attribution level


def test_show_analyze_export(tmp_path):
    proc = run_cli("show", str(GOOD_DIR / "changes.json"))
    assert proc.returncode == 0, proc.stderr
    assert "changes: 2/w, each bad with probability 0.02" in proc.stdout
    assert "wave 2 (+1h if not yet detected): api-1, api-2" in proc.stdout
    staged = _write(tmp_path, "by-region", {"by": "region", "bake": "1h"})
    proc = run_cli("analyze", staged)
    assert proc.returncode == 0, proc.stderr
    assert "reach only their rollout's first wave" in proc.stdout.replace("\n", " ")
    proc = run_cli("export", "--to", "mef", staged)
    assert proc.returncode == 2
    assert "rolls its changes out in 2 waves" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run_cli("export", "--to", "mef", _write(tmp_path, "at-once", "all_at_once"))
    assert proc.returncode == 0, proc.stderr
    assert 'name="change_web"' in proc.stdout


def test_bad_changes_exit_2_with_the_path(tmp_path):
    document = copy.deepcopy(BASE)
    document["services"]["web"]["changes"]["rate"] = "1"
    document["services"]["web"]["changes"]["rollout"] = {
        "by": "zone",
        "bake": "1h",
        "order": ["usw2-az2"],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2
    assert f"{path}: /services/web/changes/rate: a rate needs a unit" in proc.stderr
    assert "Traceback" not in proc.stderr
