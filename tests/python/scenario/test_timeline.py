"""The timeline of a scenario run: intervals that tile the window, the chart's rows."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import outagesim  # noqa: E402
from scenario_models import region_down, two_regions  # noqa: E402


def test_intervals_tile_the_window_row_by_row():
    result = outagesim.scenario(two_regions(), region_down("8h"), runs=1, timings="mean")
    t = result.median_run
    for row in t.rows:
        intervals = t.of(row)
        assert intervals[0].start_hours == 0.0
        assert intervals[-1].end_hours == t.window_hours
        for a, b in zip(intervals, intervals[1:]):
            assert a.end_hours == b.start_hours
    frame = t.to_frame()
    assert set(frame["state"]) <= {"up", "degraded", "failing over", "down"}


def test_the_chart_has_one_row_per_changed_element_service_and_capability(tmp_path):
    result = outagesim.scenario(two_regions(), region_down("8h"), runs=1, timings="mean")
    ax = outagesim.plot.timeline(result)
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert labels == result.median_run.rows
    assert labels[0] == "region p/east"
    assert {"service db", "service web", "capability shop", "capability orders", "system"} <= set(
        labels
    )
    # Elements that never changed state have no row.
    assert "component db-west" not in labels
    path = tmp_path / "timeline.svg"
    outagesim.plot.save_timeline_svg(result, str(path))
    assert path.stat().st_size > 1000
