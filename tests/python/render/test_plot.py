"""outagesim.plot draws on the headless Agg backend: every function, its inputs and its errors."""

from __future__ import annotations

import shutil

import outagesim
import pytest
from conftest import ROOT

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from outagesim import plot  # noqa: E402

from models import PARALLEL  # noqa: E402

EXAMPLES = ROOT / "models" / "examples"


@pytest.fixture(scope="module")
def results():
    names = ["01-single-zone.json", "02-multi-az.json", "03-multi-region-active-passive.json"]
    return {
        name.split(".")[0]: outagesim.evaluate(
            EXAMPLES / name, method="mc", seed=5, rel_error=0.25, max_time="5s"
        )
        for name in names
    }


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _error_bars(ax):
    return [c for c in ax.collections if c.__class__.__name__ == "LineCollection"]


def test_availability_from_results_dict_list_and_frame(results):
    ax = plot.availability(results)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(results)
    assert _error_bars(ax), "interval bars are drawn"
    ax = plot.availability(list(results.values()), metric="downtime", measure="browse")
    assert "downtime" in ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [r.model for r in results.values()]
    stacked = []
    for name, r in results.items():
        frame = r.to_frame()
        frame["design"] = name
        stacked.append(frame)
    import pandas as pd

    ax = plot.availability(pd.concat(stacked), metric="availability")
    assert [t.get_text() for t in ax.get_yticklabels()] == list(results)
    # A compare-like frame: one row per design, the design as index.
    compare_like = pd.concat(stacked)
    compare_like = compare_like[compare_like.measure == "system"].set_index("design")
    compare_like = compare_like.drop(columns=["measure"])
    ax = plot.availability(compare_like)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(results)
    with pytest.raises(ValueError):
        plot.availability(results, metric="beauty")
    with pytest.raises(ValueError):
        plot.availability(results, measure="nothing")


def test_downtime_and_incident_distributions(results):
    r = results["03-multi-region-active-passive"]
    ax = plot.downtime_distribution(r)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "p50" in texts and "p99" in texts
    ax = plot.downtime_distribution(r, measure="browse")
    assert ax.get_title()
    ax = plot.incident_durations(r)
    assert "minutes" in ax.get_xlabel()
    exact = outagesim.evaluate(PARALLEL, method="exact")
    with pytest.raises(ValueError, match="method='mc'"):
        plot.downtime_distribution(exact)
    with pytest.raises(ValueError):
        plot.downtime_distribution(r, measure="nothing")


def test_attribution_plots(results):
    r = results["02-multi-az"]
    ax = plot.attribution(r, top=5)
    assert len(ax.patches) == min(5, len(r.attribution))
    ax = plot.attribution(r, by="level")
    assert len(ax.patches) == len(r.attribution_by_level())
    with pytest.raises(ValueError):
        plot.attribution(r, by="colour")
    ax = plot.attribution_levels(results)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(results)


def test_figures_save(tmp_path, results):
    ax = plot.availability(results)
    out = tmp_path / "nines.png"
    ax.figure.savefig(out)
    assert out.stat().st_size > 1000


def test_architecture_drawing(monkeypatch):
    arch = outagesim.load(EXAMPLES / "02-multi-az.json")
    if shutil.which("dot"):
        ax = plot.architecture(arch)
        assert ax.images
        assert arch.render("svg").lstrip().startswith(b"<?xml")
    # Without Graphviz the error says so and how to install it.
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(outagesim.GraphvizNotFound, match="apt-get install graphviz"):
        plot.architecture(arch)


def test_pareto_hook_exists():
    assert callable(plot.pareto)


def test_histograms_are_drawn_when_the_engine_gives_them(results):
    data = results["03-multi-region-active-passive"].to_dict()
    if "downtime_minutes_per_year_histogram" not in data:
        # An engine without histograms: give the result one, to exercise the drawing.
        data["downtime_minutes_per_year_histogram"] = {
            "zeros": 3,
            "edges": [1.0, 2.0, 4.0, 8.0],
            "counts": [5, 7, 1],
        }
        data["incident_duration_hours_histogram"] = {
            "zeros": 0,
            "edges": [0.1, 0.2, 0.4],
            "counts": [10, 4],
        }
    result = outagesim.Result(data)
    hist = result.downtime_histogram
    assert len(hist["edges"]) == len(hist["counts"]) + 1
    ax = plot.downtime_distribution(result)
    assert sum(len(c) for c in ax.containers) == len(hist["counts"])
    assert "histogram" in ax.get_title()
    ax = plot.incident_durations(result)
    bars = sum(len(c) for c in ax.containers)
    assert bars == len(result.incident_duration_histogram["counts"])
