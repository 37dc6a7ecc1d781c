"""Engine limits from Python and the CLI: the thread cap, the exact solver's budget and its
Monte Carlo fallback, long horizons under --max-time, and Ctrl-C inside long operations."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import outagesim
import pytest
from conftest import ROOT, run_cli
from outagesim import _core


def _k_of_n(k: int, n: int) -> dict:
    """k of n identical components in one zone: the structure BDD has k (n - k + 1) nodes."""
    return {
        "format": "outagesim/v1",
        "name": f"{k}-of-{n}",
        "providers": {"p": {"regions": {"r": {"zones": {"z": {}}}}}},
        "components": {
            f"c{i}": {"location": "p/r/z", "failure": {"mtbf": "1000h", "mttr": "10h"}}
            for i in range(n)
        },
        "services": {
            "pool": {
                "replicas": [f"c{i}" for i in range(n)],
                "redundancy": {"mode": "active_active", "min_healthy": k},
            }
        },
    }


@pytest.fixture(scope="module")
def huge_k_of_n(tmp_path_factory):
    """3000-of-6000: 9 million BDD nodes, far more work than the budgets below allow."""
    path = tmp_path_factory.mktemp("limits") / "k-of-n.json"
    path.write_text(json.dumps(_k_of_n(3000, 6000)))
    return path


@pytest.fixture(scope="module")
def one_component(tmp_path_factory):
    path = tmp_path_factory.mktemp("limits") / "one.json"
    model = _k_of_n(1, 1)
    path.write_text(json.dumps(model))
    return path


# --- threads ------------------------------------------------------------------------------------


def test_threads_above_the_cap_are_a_value_error_naming_it(one_component):
    with pytest.raises(ValueError, match=f"at most {_core.MAX_THREADS}"):
        outagesim.evaluate(one_component, method="mc", threads=100000)


def test_cli_threads_above_the_cap_exit_2(one_component):
    proc = run_cli("evaluate", str(one_component), "--method", "mc", "--threads", "100000")
    assert proc.returncode == 2, proc.stderr
    assert f"at most {_core.MAX_THREADS}" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- exact budget and the fallback ----------------------------------------------------------------


def test_auto_falls_back_to_monte_carlo_and_says_why(huge_k_of_n):
    proc = run_cli(
        "evaluate",
        str(huge_k_of_n),
        "--method",
        "auto",
        "--max-time",
        "2s",
        "--json",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["method"] == "mc"
    reason = result["method_reason"]
    assert "auto chose Monte Carlo" in reason
    # With auto the exact solver gets half of --max-time; Monte Carlo keeps the rest.
    assert "time budget of 1 s" in reason or "node limit" in reason, reason


def test_exact_beyond_its_budget_exits_2_with_the_reason(huge_k_of_n):
    start = time.monotonic()
    proc = run_cli("evaluate", str(huge_k_of_n), "--method", "exact", "--max-time", "1s")
    assert proc.returncode == 2, proc.stderr
    assert "time budget of 1 s" in proc.stderr or "node limit" in proc.stderr, proc.stderr
    assert "--method mc" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert time.monotonic() - start < 30


def _failover_pairs(pairs: int) -> dict:
    """Active-passive pairs with timed failover: the Markov chain grows as 5^pairs or so."""
    failover = {
        "detection": {"distribution": "exponential", "mean": "1m"},
        "switchover": {"distribution": "exponential", "mean": "2m"},
        "success_probability": 0.9,
        "manual_recovery": {"distribution": "exponential", "mean": "1h"},
    }
    return {
        "format": "outagesim/v1",
        "name": f"{pairs}-failover-pairs",
        "providers": {"p": {"regions": {"r": {"zones": {"z": {}}}}}},
        "components": {
            f"{side}{i}": {"location": "p/r/z", "failure": {"mtbf": "1000h", "mttr": "5h"}}
            for i in range(pairs)
            for side in "ab"
        },
        "services": {
            f"s{i}": {
                "replicas": [f"a{i}", f"b{i}"],
                "redundancy": {"mode": "active_passive", "failover": failover},
            }
            for i in range(pairs)
        },
    }


def _example_03() -> dict:
    return json.loads((ROOT / "models/examples/03-multi-region-active-passive.json").read_text())


def test_auto_on_a_large_failover_model_falls_back_with_the_state_count():
    result = outagesim.evaluate(_failover_pairs(12), method="auto", rel_error=0.2)
    assert result.method == "mc"
    assert "auto chose Monte Carlo" in result.method_reason
    assert "Markov chain has at least" in result.method_reason
    assert "state limit of 50000 states" in result.method_reason  # api::AUTO_STATE_LIMIT


def test_auto_on_example_03_falls_back_with_the_reason():
    # As shipped, the model states an SLA: auto needs the simulated downtime per window.
    result = outagesim.evaluate(_example_03(), method="auto", rel_error=0.2)
    assert result.method == "mc"
    assert "the model states an SLA" in result.method_reason
    # Without the SLA and with exponential timings assumed, the chain is too big for auto.
    model = _example_03()
    del model["business"]
    result = outagesim.evaluate(model, method="auto", assume_exponential=True, rel_error=0.2)
    assert result.method == "mc"
    assert "Markov chain has at least" in result.method_reason
    assert "Use the Monte Carlo method" in result.method_reason


def test_exact_on_example_03_is_refused_with_the_state_count():
    path = ROOT / "models/examples/03-multi-region-active-passive.json"
    proc = run_cli("evaluate", str(path), "--method", "exact", "--assume-exponential")
    assert proc.returncode == 2, proc.stderr
    assert "Markov chain has at least" in proc.stderr
    assert "state limit of 2000000 states" in proc.stderr
    assert "[--method mc (Monte Carlo)]" in proc.stderr  # not --assume-exponential again
    assert "Traceback" not in proc.stderr


# --- long horizons --------------------------------------------------------------------------------


def test_cli_million_year_horizon_respects_max_time(one_component):
    start = time.monotonic()
    proc = run_cli(
        "evaluate",
        str(one_component),
        "--method",
        "mc",
        "--horizon",
        "1000000y",
        "--max-time",
        "2s",
        "--json",
        timeout=60,
    )
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr
    assert elapsed < 10, f"took {elapsed:.1f} s"
    result = json.loads(proc.stdout)
    assert result["stop_reason"] == "max-time reached"
    assert any("time limit" in w for w in result["warnings"]), result["warnings"]


# --- Ctrl-C -----------------------------------------------------------------------------------------

# The child prints READY once the package is imported, so the signal is sent while the command
# runs, never during interpreter start-up (where Python's own default would apply).
_CHILD = (
    "import sys, outagesim.cli as cli; sys.stderr.write('READY\\n'); sys.stderr.flush(); "
    "sys.exit(cli.main(sys.argv[1:]))"
)


def _interrupt_after_start(args, settle: float) -> tuple:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # A background job of a non-interactive shell inherits SIGINT ignored: restore it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert proc.stderr.readline().strip() == "READY"
        # Loading the model takes well under a second; the operation then runs for minutes.
        time.sleep(settle)
        assert proc.poll() is None, "the command ended before it was interrupted"
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
        return proc.returncode, time.monotonic() - sent, err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_ctrl_c_stops_an_exact_solve_within_a_second_or_two(huge_k_of_n):
    code, delay, err = _interrupt_after_start(
        ["evaluate", str(huge_k_of_n), "--method", "exact", "--max-time", "10m"], settle=3.0
    )
    assert code == 130, err
    assert delay < 2.0, f"stopped {delay:.2f} s after Ctrl-C"
    assert "Traceback" not in err


def test_ctrl_c_stops_a_long_replication_within_a_second_or_two(one_component):
    code, delay, err = _interrupt_after_start(
        [
            "evaluate",
            str(one_component),
            "--method",
            "mc",
            "--horizon",
            "1000000000y",
            "--max-time",
            "10m",
            "--no-progress",
        ],
        settle=2.0,
    )
    assert code == 130, err
    assert delay < 2.0, f"stopped {delay:.2f} s after Ctrl-C"
    assert "Traceback" not in err
