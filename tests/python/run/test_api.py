"""The Python API: load (path, dict, text, YAML), Architecture inspection, errors, evaluate, analyze."""

from __future__ import annotations

import json
import math

import outagesim
import pytest
from conftest import EXAMPLES, ROOT, ids

from models import (
    A1,
    A_PARALLEL,
    A_SERIES,
    ACTIVE_PASSIVE,
    MTTF,
    MTTR,
    ONE,
    PARALLEL,
    SERIES,
    covers_at_999,
    model,
)

yaml = pytest.importorskip("yaml")

MULTI_AZ = ROOT / "models" / "examples" / "02-multi-az.json"


# --- loading ----------------------------------------------------------------------------------


def test_version():
    assert outagesim.__version__ == "0.1.0"
    assert outagesim._core.__version__ == outagesim.__version__


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_load_every_example(path):
    arch = outagesim.load(path)
    assert isinstance(arch, outagesim.Architecture)
    assert arch.components and arch.services and arch.capabilities
    assert arch.source == str(path)
    # Topological order: every dependency before its dependents.
    position = {name: i for i, name in enumerate(arch.service_order)}
    assert sorted(position) == sorted(s.name for s in arch.services)
    for source, target, _ in arch.edges:
        assert position[target] < position[source]


def test_load_path_str_dict_text_and_yaml_agree(tmp_path):
    from_path = outagesim.load(str(MULTI_AZ))
    document = json.loads(MULTI_AZ.read_text())
    from_dict = outagesim.load(document)
    from_text = outagesim.load(MULTI_AZ.read_text())
    yaml_file = tmp_path / "multi-az.yaml"
    yaml_file.write_text(yaml.safe_dump(document, sort_keys=False))
    from_yaml = outagesim.load(yaml_file)
    from_yaml_text = outagesim.load(yaml.safe_dump(document))
    assert from_dict.source == "<dict>"
    assert from_yaml.source == str(yaml_file)
    for other in (from_dict, from_text, from_yaml, from_yaml_text):
        assert other.to_dict()["components"] == from_path.to_dict()["components"]
        assert other.to_dict()["services"] == from_path.to_dict()["services"]
        assert other.to_dict()["domains"] == from_path.to_dict()["domains"]


def test_architecture_inspection_multi_az():
    arch = outagesim.load(MULTI_AZ)
    assert arch.name == "webshop-multi-az"
    assert "aws" in arch.catalogs
    assert repr(arch).startswith("<Architecture 'webshop-multi-az'")
    web1 = arch.component("web-1")
    assert web1.type == "vm"
    assert web1.location == "aws/us-east-1/use1-az1"
    assert web1.services == ["web"]
    # Everything about web-1's failure and cost came from the catalog, and says so.
    assert web1.failure_origin.startswith("catalog aws")
    assert web1.cost_origin.startswith("catalog aws")
    assert web1.cost_per_hour > 0
    assert 0 < web1.failure.availability < 1
    assert web1.failure.mttf > web1.failure.mttr > 0
    assert math.isclose(
        web1.failure.availability, web1.failure.mttf / (web1.failure.mttf + web1.failure.mttr)
    )
    # Zones the model lists without an outage take the catalog's.
    zone = arch.domain("aws/us-east-1/use1-az1")
    assert zone.level == "zone" and zone.parent == "aws/us-east-1"
    assert zone.outage_origin.startswith("catalog aws")
    assert not zone.outage.never_fails
    web = arch.service("web")
    assert web.mode == "active_active" and web.min_healthy == 2
    assert web.replicas == ["web-1", "web-2", "web-3"]
    assert [(d.service, d.scope) for d in web.depends_on] == [("cache", "same_region")]
    db = arch.service("db")
    assert db.mode == "active_passive" and db.failover is not None
    assert db.failover.success_probability == 0.99
    assert db.failover.switchover.kind == "lognormal"
    assert math.isclose(db.failover.switchover.median, 1.5 / 60)
    assert {c.name: c.weight for c in arch.capabilities} == {"browse": 0.9, "checkout": 0.1}
    assert arch.capability("checkout").requires[-1] == "db"
    assert arch.cost_per_hour == pytest.approx(sum(c.cost_per_hour for c in arch.components))
    with pytest.raises(KeyError):
        arch.component("nope")


def test_model_values_override_catalog():
    document = json.loads(MULTI_AZ.read_text())
    document["components"]["web-1"]["failure"] = {"mtbf": "100h", "mttr": "1h"}
    document["components"]["web-1"]["cost_per_hour"] = 1.25
    arch = outagesim.load(document)
    web1 = arch.component("web-1")
    assert web1.failure_origin == "model" and web1.cost_origin == "model"
    assert web1.failure.mttf == pytest.approx(100.0)
    assert web1.cost_per_hour == 1.25
    assert web1.failure.ttf.kind == "exponential"


def test_distributions_are_resolved_to_hours():
    arch = outagesim.load(ONE)
    c = arch.component("c")
    assert c.failure.mttf == pytest.approx(MTTF)
    assert c.failure.mttr == pytest.approx(MTTR)
    assert c.failure.availability == pytest.approx(A1, rel=1e-12)
    assert "exponential" in c.failure.ttf.describe()
    assert arch.domain("p").outage.never_fails
    # No capabilities stated: one implicit capability needing every top service.
    assert arch.implicit_capability
    assert [cap.services for cap in arch.capabilities] == [["s"]]


# --- errors ---------------------------------------------------------------------------------------


def test_model_error_lists_every_problem_with_paths():
    bad = model(PARALLEL)
    bad["services"]["s"]["replicas"] = ["a", "nope"]
    bad["components"]["b"]["failure"] = {"mtbff": "1000h", "mttr": "10h"}
    with pytest.raises(outagesim.ModelError) as caught:
        outagesim.load(bad)
    error = caught.value
    assert isinstance(error, ValueError)
    paths = [p.path for p in error.problems]
    assert "/services/s/replicas/1" in paths
    assert any(p.startswith("/components/b/failure") for p in paths)
    assert all(p.file == "<dict>" for p in error.problems)
    replica = next(p for p in error.problems if p.path == "/services/s/replicas/1")
    assert "nope" in replica.message
    assert replica["message"] == replica.message  # dict-style access too
    assert "mtbf" in str(error)  # the did-you-mean suggestion reaches the message
    assert str(replica) == f"<dict>: /services/s/replicas/1: {replica.message}"


def test_model_error_from_file_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "outagesim/v1", "name": 3')
    with pytest.raises(outagesim.ModelError) as caught:
        outagesim.load(path)
    assert caught.value.problems[0].file == str(path)


def test_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(outagesim.ModelError) as caught:
        outagesim.load(tmp_path / "absent.json")
    assert "no such file" in str(caught.value)


def test_bad_yaml_reports_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nservices: [unclosed\n")
    with pytest.raises(outagesim.ModelError) as caught:
        outagesim.load(path)
    assert "line" in caught.value.problems[0].message


def test_huge_yaml_file_rejected_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "w") as handle:
        handle.write("name: " + "x" * (outagesim.MAX_MODEL_BYTES + 10) + "\n")
    with pytest.raises(outagesim.ModelError) as caught:
        outagesim.load(path)
    assert "limited" in str(caught.value)


def test_cycle_is_a_model_error():
    bad = model(SERIES)
    bad["services"]["sz"]["depends_on"] = ["sx"]
    with pytest.raises(outagesim.ModelError) as caught:
        outagesim.load(bad)
    assert "->" in str(caught.value)


def test_exception_classes():
    assert issubclass(outagesim.ModelError, ValueError)
    assert issubclass(outagesim.SimulationError, RuntimeError)
    assert issubclass(outagesim.ExactNotApplicable, outagesim.OutagesimError)
    with pytest.raises(outagesim.ModelError) as caught:
        outagesim._core._raise_model_error("f.json", "/a/0", "found x, expected y")
    assert caught.value.problems == [outagesim.Problem("f.json", "/a/0", "found x, expected y")]


# --- evaluate ---------------------------------------------------------------------------------------


def test_exact_single_component():
    result = outagesim.evaluate(ONE, method="exact")
    assert result.method == "exact"
    assert result.availability == pytest.approx(A1, rel=1e-12)
    assert result.availability_ci95 == (pytest.approx(A1, rel=1e-12), pytest.approx(A1, rel=1e-12))
    assert result.incidents_per_year == pytest.approx(8760.0 / (MTTF + MTTR), rel=1e-9)
    assert result.downtime_minutes_per_year == pytest.approx((1 - A1) * 525600, rel=1e-9)
    assert result.nines == pytest.approx(-math.log10(1 - A1), rel=1e-9)
    assert result.method_reason


def test_exact_series_and_parallel():
    assert outagesim.evaluate(SERIES, method="exact").availability == pytest.approx(
        A_SERIES, rel=1e-12
    )
    assert outagesim.evaluate(PARALLEL, method="exact").availability == pytest.approx(
        A_PARALLEL, rel=1e-12
    )


def test_monte_carlo_interval_covers_exact_value():
    result = outagesim.evaluate(PARALLEL, method="mc", seed=7, rel_error=0.1, max_time="30s")
    lo, hi = result.availability_ci95
    assert lo <= result.availability <= hi
    assert covers_at_999(result.availability, (lo, hi), A_PARALLEL)
    assert result.method == "mc"
    assert result.seed == 7
    assert result.replications > 0 and result.simulated_years > 0
    # rare-event auto weighed failure biasing and kept crude simulation, saying why
    assert result.method_reason.startswith("Monte Carlo requested; crude Monte Carlo: rare-event")
    assert result.solver == "monte-carlo"
    data = result.to_dict()
    for key in (
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
    ):
        assert key in data, key
    assert json.loads(result.to_json()) == data


def test_same_seed_same_numbers_on_any_thread_count():
    runs = [
        outagesim.evaluate(
            PARALLEL, method="mc", seed=3, replications=400, rel_error=0.0, threads=threads
        )
        for threads in (1, 2)
    ]
    assert runs[0].availability == runs[1].availability
    assert runs[0].incidents_per_year == runs[1].incidents_per_year
    other_seed = outagesim.evaluate(PARALLEL, method="mc", seed=4, replications=400, rel_error=0.0)
    assert other_seed.availability != runs[0].availability


def test_auto_picks_exact_for_static_and_mc_for_timed_failover():
    static = outagesim.evaluate(PARALLEL, method="auto")
    assert static.method == "exact"
    assert static.method_reason.startswith("auto chose exact")
    timed = outagesim.evaluate(ACTIVE_PASSIVE, method="auto", rel_error=0.2, max_time="5s")
    assert timed.method == "mc"
    assert timed.method_reason.startswith("auto chose Monte Carlo")


def test_exact_not_applicable_says_why():
    with pytest.raises(outagesim.ExactNotApplicable) as caught:
        outagesim.evaluate(ACTIVE_PASSIVE, method="exact")
    # The core says why without naming a flag; the Python message names Python's keywords.
    assert "--" not in caught.value.reason
    assert "method='mc'" in str(caught.value) and "assume_exponential=True" in str(caught.value)


def test_capabilities_and_attribution():
    arch = outagesim.load(MULTI_AZ)
    result = outagesim.evaluate(arch, method="mc", rel_error=0.3, max_time="5s", seed=1)
    caps = result.capabilities
    assert set(caps) == {"browse", "checkout"}
    # checkout needs everything browse needs, and the database too.
    assert caps["checkout"].availability <= caps["browse"].availability
    weighted = 0.9 * caps["browse"].availability + 0.1 * caps["checkout"].availability
    assert result.weighted_availability == pytest.approx(weighted, rel=1e-9)
    assert result.availability <= result.weighted_availability
    rows = result.attribution
    assert rows, "some downtime must be attributed"
    assert {r["level"] for r in rows} <= {
        "component",
        "zone",
        "region",
        "provider",
        "common_cause",
        "regional_service",
        "change",
        "failover",
    }
    minutes = [r["minutes_per_year"] for r in rows]
    assert minutes == sorted(minutes, reverse=True)
    frame = result.attribution_frame()
    assert len(frame) == len(rows)


def test_bad_evaluate_options():
    with pytest.raises(ValueError):
        outagesim.evaluate(ONE, method="magic")
    with pytest.raises(ValueError):
        outagesim.evaluate(ONE, method="mc", horizon="10")  # a bare number is not a duration
    with pytest.raises(ValueError):
        outagesim.evaluate(ONE, method="mc", rel_error=1.5)


# --- analyze ----------------------------------------------------------------------------------------


def test_analyze_series_importance_identities():
    analysis = outagesim.analyze(SERIES)
    assert analysis.result.availability == pytest.approx(A_SERIES, rel=1e-12)
    by_element = {row["element"]: row for row in analysis.importance if row["level"] == "component"}
    assert set(by_element) == {"x", "y", "z"}
    for row in by_element.values():
        # Series: Birnbaum of one part is the product of the others' availabilities.
        assert row["birnbaum"] == pytest.approx(0.9999**2, rel=1e-12)
    # Each component alone is a minimal cut set.
    assert sorted(tuple(c["elements"]) for c in analysis.cut_sets) == [("x",), ("y",), ("z",)]
    frame = analysis.importance_frame()
    assert list(frame.index) == [row["element"] for row in analysis.importance]


def test_analyze_parallel_has_one_pair_cut_set():
    analysis = outagesim.analyze(PARALLEL, top=5)
    assert analysis.cut_set_count == 1
    cut = analysis.cut_sets[0]
    assert sorted(cut["elements"]) == ["a", "b"]
    assert cut["probability"] == pytest.approx((MTTR / (MTTF + MTTR)) ** 2, rel=1e-12)
    assert not analysis.single_points_of_failure


def test_mef_export_is_xml():
    import xml.etree.ElementTree as ET

    root = ET.fromstring(outagesim.to_open_psa_mef(PARALLEL))
    assert root.tag == "opsa-mef"
    with pytest.raises(outagesim.ExactNotApplicable):
        outagesim.to_open_psa_mef(ACTIVE_PASSIVE)


# --- progress and interruption ------------------------------------------------------------------


def test_progress_callable_sees_batches_and_can_stop_the_run():
    calls = []

    def progress(done, rel_error):
        calls.append((done, rel_error))
        return len(calls) < 3  # stop after the third batch

    result = outagesim.evaluate(
        PARALLEL, method="mc", rel_error=0, replications=10**9, max_time="60s", progress=progress
    )
    assert len(calls) == 3
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert result.replications == calls[-1][0] < 10**9


def test_exception_in_progress_callable_stops_the_run():
    def progress(done, rel_error):
        raise ValueError("stop here")

    with pytest.raises(ValueError, match="stop here"):
        outagesim.evaluate(
            PARALLEL,
            method="mc",
            rel_error=0,
            replications=10**9,
            max_time="60s",
            progress=progress,
        )


def test_keyboard_interrupt_returns_the_replications_done():
    """Ctrl-C between batches returns the figures so far, marked interrupted. Deterministic: the
    interrupt comes from the progress callable at its third call (between batches), not from a
    timer."""
    calls = []

    def progress(done, rel):
        calls.append(done)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return True

    options = dict(method="mc", seed=9, threads=2)
    result = outagesim.evaluate(
        PARALLEL, rel_error=0, replications=10**9, progress=progress, **options
    )
    assert result.interrupted and result.stop_reason == "interrupted"
    assert result.replications == calls[-1]  # every batch completed before the signal
    assert any("interrupted" in w for w in result.warnings)
    lo, hi = result.availability_ci95
    assert lo < result.availability < hi  # an interval, from the replications done
    # The same replications run to completion give the same figures, and the engine is usable.
    again = outagesim.evaluate(PARALLEL, rel_error=0, replications=calls[-1], **options)
    assert not again.interrupted
    assert again.availability == result.availability


def test_a_real_ctrl_c_returns_the_figures_so_far():
    """SIGINT sent once a batch has completed (the progress callable says so): the run stops
    within a fraction of a second and returns the whole replications done, marked interrupted."""
    import os
    import signal
    import threading
    import time

    first_batch = threading.Event()

    def progress(done, rel):
        first_batch.set()

    def interrupt():
        first_batch.wait(60)
        os.kill(os.getpid(), signal.SIGINT)

    sender = threading.Thread(target=interrupt)
    sender.start()
    started = time.monotonic()
    try:
        result = outagesim.evaluate(
            PARALLEL, method="mc", rel_error=0, replications=10**9, progress=progress
        )
    finally:
        sender.join()
    assert time.monotonic() - started < 30
    assert result.interrupted and result.replications > 0
    lo, hi = result.availability_ci95
    assert lo <= result.availability <= hi


def test_tqdm_progress_bar_estimates_the_total():
    import io

    from outagesim.run.progress import TqdmProgress, make_progress, needed_replications

    assert needed_replications(100, 0.1, 0.05) == 400  # error shrinks as 1/sqrt(n)
    assert needed_replications(100, float("inf"), 0.05) is None
    assert needed_replications(100, 0.01, 0.05) == 100
    out = io.StringIO()
    bar = TqdmProgress(0.05, delay=0, notebook=False, file=out, mininterval=0)
    assert bar(100, 0.1) is True
    assert bar._bar.total == 400
    bar(400, 0.05)
    bar.close()
    text = out.getvalue()
    assert "replications" in text and "rel. error" in text
    fixed = TqdmProgress(0.0, replications=1000, delay=0, notebook=False, file=io.StringIO())
    fixed(500, 0.2)
    assert fixed._bar.total == 1000
    fixed.close()
    # Under pytest stderr is no terminal and no notebook runs: plain lines, not a bar.
    assert not isinstance(make_progress(0.05), TqdmProgress)


def test_progress_true_in_a_notebook_uses_tqdm(monkeypatch):
    from outagesim.run import progress as progress_module

    monkeypatch.setattr(progress_module, "_in_notebook", lambda: True)
    reporter = progress_module.make_progress(0.05)
    assert isinstance(reporter, progress_module.TqdmProgress)
    reporter.close()
    result = outagesim.evaluate(PARALLEL, method="mc", rel_error=0.2, progress=True)
    assert result.replications > 0


def test_help_of_evaluate_reads_well():
    doc = outagesim.evaluate.__doc__
    for word in (
        "method",
        "seed",
        "rel_error",
        "max_time",
        "progress",
        "KeyboardInterrupt",
        "Raises",
        "ModelError",
    ):
        assert word in doc
