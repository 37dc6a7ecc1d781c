"""The outagesim CLI run as a subprocess: exit codes, messages, and every command on every example."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import outagesim
import pytest
from conftest import BAD_DIR, EXAMPLES, GOOD_DIR, ROOT, ids, run_cli

from models import ACTIVE_PASSIVE, PARALLEL

FAST_MC = ("--max-time", "5s", "--rel-error", "0.2")


def _bad_corpus():
    expected = BAD_DIR / "expected.json"
    if not expected.exists():
        return []
    table = json.loads(expected.read_text())
    return sorted(table.items())


BAD = _bad_corpus()


def _is_static(path) -> bool:
    arch = outagesim.load(path)
    return all(s.failover is None or s.failover.is_instant for s in arch.services)


def _no_traceback(proc):
    assert "Traceback" not in proc.stderr, proc.stderr


# --- basics -----------------------------------------------------------------------------------------


def test_version():
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"outagesim {outagesim.__version__}"


def test_console_script_installed():
    import sysconfig
    from pathlib import Path

    script = shutil.which("outagesim") or str(Path(sysconfig.get_path("scripts")) / "outagesim")
    proc = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "outagesim" in proc.stdout


@pytest.mark.parametrize("command", ["validate", "show", "evaluate", "analyze", "export"])
def test_help_for_every_command(command):
    proc = run_cli(command, "--help")
    assert proc.returncode == 0
    assert "usage: outagesim " + command in proc.stdout


def test_no_command_is_usage_error():
    proc = run_cli()
    assert proc.returncode == 2
    assert "usage" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("evaluate", "MODEL", "--rel-error", "2"),
        ("evaluate", "MODEL", "--horizon", "10"),
        ("evaluate", "MODEL", "--horizon", "-1y"),
        ("evaluate", "MODEL", "--max-time", "soon"),
        ("evaluate", "MODEL", "--method", "magic"),
        ("evaluate", "MODEL", "--seed", "-3"),
        ("evaluate", "MODEL", "--threads", "x"),
        ("evaluate", "MODEL", "--replications", "0"),
        ("evaluate", "MODEL", "--start", "half-up"),
        ("analyze", "MODEL", "--top", "-1"),
        ("export", "MODEL", "--to", "xlsx"),
        ("export", "MODEL"),
        ("frobnicate",),
    ],
)
def test_bad_options_exit_2(args):
    model = str(EXAMPLES[0]) if EXAMPLES else "x.json"
    proc = run_cli(*[model if a == "MODEL" else a for a in args])
    assert proc.returncode == 2, proc.stderr
    assert "error:" in proc.stderr
    _no_traceback(proc)


# --- validate -----------------------------------------------------------------------------------------


def test_validate_examples_all_ok():
    assert EXAMPLES, "models/examples holds the example models"
    proc = run_cli("validate", *map(str, EXAMPLES))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"{p}: ok" for p in EXAMPLES]


def test_validate_good_corpus():
    good = sorted(GOOD_DIR.glob("*.json"))
    if not good:
        pytest.skip("no good corpus yet")
    proc = run_cli("validate", *map(str, good))
    assert proc.returncode == 0, proc.stderr


def test_validate_missing_file():
    proc = run_cli("validate", "models/examples/does-not-exist.json")
    assert proc.returncode == 2
    assert "models/examples/does-not-exist.json" in proc.stderr
    assert "no such file" in proc.stderr
    _no_traceback(proc)


def test_validate_mixed_reports_bad_and_good(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("this is not json")
    proc = run_cli("validate", str(EXAMPLES[0]), str(bad))
    assert proc.returncode == 2
    assert f"{EXAMPLES[0]}: ok" in proc.stdout
    assert proc.stderr.startswith(f"{bad}: ")
    _no_traceback(proc)


def test_validate_empty_file(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("")
    proc = run_cli("validate", str(empty))
    assert proc.returncode == 2
    assert str(empty) in proc.stderr
    _no_traceback(proc)


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_huge_file_rejected(tmp_path, suffix):
    huge = tmp_path / ("huge" + suffix)
    with open(huge, "w") as handle:
        handle.write('{"format": "outagesim/v1", "name": "')
        chunk = "x" * (1 << 20)
        for _ in range(17):
            handle.write(chunk)
        handle.write('"}\n')
    assert huge.stat().st_size > 16 * 1024 * 1024
    started = time.monotonic()
    proc = run_cli("validate", str(huge))
    assert proc.returncode == 2
    assert str(huge) in proc.stderr
    assert time.monotonic() - started < 30
    _no_traceback(proc)


@pytest.mark.parametrize("name,expected", BAD, ids=[name for name, _ in BAD])
def test_bad_model_corpus(name, expected):
    proc = run_cli("validate", str(BAD_DIR / name))
    assert proc.returncode == 2, proc.stdout
    _no_traceback(proc)
    path = expected.get("path", "")
    message = expected["message"]
    lines = proc.stderr.splitlines()
    shown_path = path or "/"
    matching = [
        line
        for line in lines
        if line.startswith(f"{BAD_DIR / name}: {shown_path}: ") and message in line
    ]
    assert matching, f"expected '{shown_path}: ...{message}...' in:\n{proc.stderr}"


def test_bad_corpus_is_big_enough():
    if not BAD:
        pytest.skip("the bad-model corpus has not landed yet")
    assert len(BAD) >= 30


# --- show -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_show_every_example(path):
    proc = run_cli("show", str(path))
    assert proc.returncode == 0, proc.stderr
    arch = outagesim.load(path)
    out = proc.stdout
    flat = " ".join(out.split())  # long origins are wrapped over several lines
    for heading in (
        "Failure domains",
        "Components",
        "Services",
        "Dependency graph",
        "Capabilities",
    ):
        assert heading in out
    for item in arch.domains:
        assert item.path in out
    for item in arch.components:
        assert item.name in out
        assert " ".join(item.failure_origin.split()) in flat
        assert " ".join(item.cost_origin.split()) in flat
    for item in arch.domains:
        assert " ".join(item.outage_origin.split()) in flat
    assert "topological order: " + " -> ".join(arch.service_order) in out
    if arch.catalogs:
        assert "catalog " in out


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_show_dot_every_example(path):
    proc = run_cli("show", str(path), "--dot")
    assert proc.returncode == 0, proc.stderr
    dot = proc.stdout
    assert dot.startswith("digraph ")
    arch = outagesim.load(path)
    for c in arch.components:
        assert f'"component:{c.name}"' in dot
    for s in arch.services:
        assert f'"service:{s.name}"' in dot
    # Nested clusters: one per domain.
    assert dot.count("subgraph cluster_") == len(arch.domains) + 1
    if shutil.which("dot"):
        rendered = subprocess.run(
            ["dot", "-Tsvg"], input=dot, capture_output=True, text=True, timeout=60
        )
        assert rendered.returncode == 0, rendered.stderr
        assert "<svg" in rendered.stdout


def test_show_json():
    proc = run_cli("show", str(EXAMPLES[0]), "--json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["name"] == outagesim.load(EXAMPLES[0]).name


# --- evaluate ---------------------------------------------------------------------------------------

RESULT_KEYS = (
    "availability",
    "availability_ci95",
    "weighted_availability",
    "nines",
    "downtime_minutes_per_year",
    "incidents_per_year",
    "mean_incident_hours",
    "capabilities",
    "attribution",
    "method",
    "seed",
    "replications",
    "simulated_years",
)


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_evaluate_json_every_example(path):
    proc = run_cli("evaluate", str(path), "--json", *FAST_MC)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    for key in RESULT_KEYS:
        assert key in data, key
    lo, hi = data["availability_ci95"]
    assert 0.0 <= lo <= data["availability"] <= hi <= 1.0
    arch = outagesim.load(path)
    assert set(data["capabilities"]) == {c.name for c in arch.capabilities}
    assert data["method"] in ("mc", "exact")
    assert data["method_reason"].startswith("auto chose")


@pytest.mark.parametrize("path", EXAMPLES[:2], ids=ids(EXAMPLES[:2]))
def test_evaluate_summary(path):
    proc = run_cli("evaluate", str(path), "--method", "mc", *FAST_MC)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for text in (
        "availability",
        "95% CI",
        "nines",
        "downtime",
        "incidents",
        "mean incident",
        "weighted availability",
        "Capabilities",
        "Top contributors to downtime",
        "Provenance",
        "seed 1",
        "simulated years",
        "stopped:",
    ):
        assert text in out, text


def test_evaluate_exact_matches_api(tmp_path):
    model = tmp_path / "parallel.json"
    model.write_text(json.dumps(PARALLEL))
    proc = run_cli("evaluate", str(model), "--method", "exact", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["method"] == "exact"
    assert data["availability"] == pytest.approx(1 - (10 / 1010) ** 2, rel=1e-12)
    assert data["availability_ci95"] == [data["availability"], data["availability"]]


def test_evaluate_exact_impossible_exit_2(tmp_path):
    model = tmp_path / "ap.json"
    model.write_text(json.dumps(ACTIVE_PASSIVE))
    proc = run_cli("evaluate", str(model), "--method", "exact")
    assert proc.returncode == 2
    assert "--method mc" in proc.stderr
    _no_traceback(proc)


def test_evaluate_bad_model_exit_2(tmp_path):
    model = tmp_path / "bad.json"
    bad = json.loads(json.dumps(PARALLEL))
    bad["services"]["s"]["redundancy"]["min_healthy"] = 3
    model.write_text(json.dumps(bad))
    proc = run_cli("evaluate", str(model))
    assert proc.returncode == 2
    assert f"{model}: /services/s/redundancy/min_healthy: " in proc.stderr
    _no_traceback(proc)


def test_progress_and_ctrl_c(tmp_path):
    """A long run shows progress on stderr, and Ctrl-C stops it promptly with exit 130."""
    model = tmp_path / "parallel.json"
    model.write_text(json.dumps(PARALLEL))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "outagesim",
            "evaluate",
            str(model),
            "--method",
            "mc",
            "--rel-error",
            "0.0001",
            "--max-time",
            "120s",
            "--threads",
            "1",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A job started in the background by a non-interactive shell (as CI may be) inherits
        # SIGINT ignored, and Python then keeps ignoring it: give the child a terminal's default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # Deterministic: the signal goes only once the progress line shows the engine running.
    seen = ""
    deadline = time.monotonic() + 60
    while "replications" not in seen and time.monotonic() < deadline:
        seen += proc.stderr.read(1)
    assert "replications" in seen, "no progress line within 60 s"
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("evaluate did not stop within 30 s of Ctrl-C")
    err = seen + err
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert "Traceback" not in err
    # What was computed so far is printed, with its interval and the stop reason.
    assert "availability" in out and "stopped: interrupted" in out


# --- analyze and export -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_analyze_every_example(path):
    proc = run_cli("analyze", str(path), "--top", "5", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["importance"] and data["cut_sets"]
    assert len(data["cut_sets"]) <= 5
    sizes = [len(c["elements"]) for c in data["cut_sets"]]
    assert sizes == sorted(sizes)
    text = run_cli("analyze", str(path), "--top", "5")
    assert text.returncode == 0
    assert "Birnbaum" in text.stdout and "Minimal cut sets" in text.stdout
    if any(c["single_point_of_failure"] for c in data["cut_sets"]):
        assert "SINGLE POINT OF FAILURE" in text.stdout


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_export_mef_every_example(path, tmp_path):
    out = tmp_path / "model.xml"
    proc = run_cli("export", str(path), "--to", "mef", "-o", str(out))
    _no_traceback(proc)
    if _is_static(path):
        assert proc.returncode == 0, proc.stderr
        root = ET.parse(out).getroot()
        assert root.tag == "opsa-mef"
    else:
        # Timed failover or recovery that waits is no static fault tree: a clear refusal, not
        # a crash, that says why.
        assert proc.returncode == 2
        assert "not a static fault tree" in proc.stderr
        assert any(why in proc.stderr for why in ("failover", "control plane", "responder"))


def test_export_to_stdout(tmp_path):
    model = tmp_path / "parallel.json"
    model.write_text(json.dumps(PARALLEL))
    proc = run_cli("export", str(model), "--to", "mef")
    assert proc.returncode == 0, proc.stderr
    assert ET.fromstring(proc.stdout).tag == "opsa-mef"


def test_yaml_model_through_every_command(tmp_path):
    yaml = pytest.importorskip("yaml")
    document = json.loads((ROOT / "models" / "examples" / "02-multi-az.json").read_text())
    model = tmp_path / "multi-az.yaml"
    model.write_text(yaml.safe_dump(document, sort_keys=False))
    assert run_cli("validate", str(model)).stdout == f"{model}: ok\n"
    shown = run_cli("show", str(model))
    assert shown.returncode == 0 and "webshop-multi-az" in shown.stdout
    evaluated = run_cli("evaluate", str(model), "--json", *FAST_MC)
    assert evaluated.returncode == 0, evaluated.stderr
    assert json.loads(evaluated.stdout)["model"] == "webshop-multi-az"
    # A YAML error names the file and the line.
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\nservices: [unclosed\n")
    proc = run_cli("validate", str(broken))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"{broken}: /: not valid YAML at line ")
    _no_traceback(proc)
