"""Output that misled: durations in a person's units, intervals with even digits, titles that fit,
CSV cells as typed, SLA windows with their length, and analyze --top applying to every list."""

from __future__ import annotations

import csv
import json
import re

import outagesim
import pytest
from conftest import ROOT
from outagesim.render.text import interval_decimals

MULTI_AZ = ROOT / "models" / "examples" / "02-multi-az.json"
STATIC = {
    "format": "outagesim/v1",
    "name": "a model whose name is long enough to be cut off in a plot title of a notebook",
    "providers": {"p": {"regions": {"r": {"zones": {"z1": {}, "z2": {}}}}}},
    "components": {
        f"c{i}": {"location": f"p/r/z{1 + i % 2}", "failure": {"mtbf": "1000h", "mttr": "10h"}}
        for i in range(6)
    },
    "services": {
        "s": {
            "replicas": [f"c{i}" for i in range(6)],
            "redundancy": {"mode": "active_active", "min_healthy": 4},
        }
    },
}


@pytest.mark.parametrize(
    "lo, hi, decimals",
    [(150.2, 163.8, 1), (3.548, 3.615, 3), (1472.0, 1604.0, 0), (0.0, 0.0, None)],
)
def test_interval_decimals_show_the_half_width_to_two_digits(lo, hi, decimals):
    assert interval_decimals(lo, hi) == decimals


def test_evaluate_prints_a_value_and_its_interval_with_the_same_digits(cli):
    run = cli("evaluate", str(MULTI_AZ), "--method", "mc", "--rel-error", "0.1", "--no-progress")
    assert run.returncode == 0, run.stderr
    for label in ("downtime", "incidents"):
        line = next(x for x in run.stdout.splitlines() if x.strip().startswith(label))
        numbers = re.findall(r"\d[\d,]*(?:\.(\d+))?", line.split("95% CI")[0])[:1]
        numbers += re.findall(r"\d[\d,]*(?:\.(\d+))?", line.split("95% CI")[1])
        assert len(numbers) == 3, line
        assert len({len(decimals) for decimals in numbers}) == 1, line


def test_show_prints_failover_timings_in_a_persons_units(cli):
    run = cli("show", str(MULTI_AZ))
    assert run.returncode == 0, run.stderr
    assert "0.0167" not in run.stdout  # what a 1-minute detection used to print as
    assert "failover: detection 1m, switchover 2m" in run.stdout
    assert "switchover lognormal(median 1.5m, sigma 0.4, mean 1.62m)" in run.stdout


def test_analyze_top_limits_the_importance_table_too(cli, tmp_path):
    path = tmp_path / "static.json"
    path.write_text(json.dumps(STATIC))
    analysis = outagesim.analyze(path, top=3)
    assert (
        len(analysis.importance) == 3 and analysis.importance_count == 6
    )  # the domains never fail
    assert len(analysis.cut_sets) == 3
    text = cli("analyze", str(path), "--top", "2")
    assert text.returncode == 0, text.stderr
    assert "Importance (2 shown of 6 elements" in text.stdout
    assert (
        json.loads(cli("analyze", str(path), "--top", "2", "--json").stdout)["importance_count"]
        == 6
    )


def test_a_long_plot_title_is_wrapped_not_cut(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    result = outagesim.evaluate(STATIC, method="mc", rel_error=0.2, seed=1)
    for draw in (outagesim.plot.attribution, outagesim.plot.downtime_distribution):
        ax = draw(result)
        title = ax.get_title()
        assert STATIC["name"].split()[0] in title
        assert max(len(line) for line in title.splitlines()) <= 60, title
        ax.figure.tight_layout()
        renderer = ax.figure.canvas.get_renderer()
        box = ax.title.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= ax.figure.bbox.width, "title runs off the figure"


def test_sweep_csv_cells_read_as_typed(cli, tmp_path):
    out = tmp_path / "sweep.csv"
    run = cli(
        "sweep",
        str(MULTI_AZ),
        "--vary",
        "services.db.redundancy.failover.detection=1m,10s",
        "--vary",
        "services.web.redundancy.min_healthy=1,2",
        "--method",
        "mc",
        "--rel-error",
        "0.3",
        "--out",
        str(out),
    )
    assert run.returncode == 0, run.stderr
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["services.db.redundancy.failover.detection"] for r in rows] == [
        "1m",
        "1m",
        "10s",
        "10s",
    ]
    assert [r["services.web.redundancy.min_healthy"] for r in rows] == ["1", "2", "1", "2"]
    assert '"""' not in out.read_text()
