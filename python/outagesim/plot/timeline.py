"""A scenario run's timeline as a Gantt-style chart: one row per element that changed state and
one per service, capability and the system, in the order things happened, coloured by state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from ..results.timeline import STATES, Timeline

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..scenarios.result import ScenarioResult

STATE_COLORS = {
    "up": "#a6d96a",
    "degraded": "#fee08b",
    "failing over": "#fdae61",
    "down": "#d7191c",
}


def _timeline_of(source: Union[Timeline, ScenarioResult], run: str) -> Timeline:
    if isinstance(source, Timeline):
        return source
    timelines = source.timelines
    if run not in timelines:
        raise ValueError(
            f"no {run!r} timeline in this result (timelines=False?); have {sorted(timelines)}"
        )
    return timelines[run]


def timeline(
    result: Union[Timeline, ScenarioResult],
    run: str = "median",
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
    hours: Optional[float] = None,
) -> Axes:
    """Draw the timeline of a scenario result's ``run`` ('median' or 'worst'), or of a Timeline.

    ``hours``: the span drawn (default: the whole window). Returns the Axes."""
    t = _timeline_of(result, run)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(9.0, 0.35 * len(t.rows) + 1.4))
    span = hours if hours is not None else t.window_hours
    rank = {row: i for i, row in enumerate(t.rows)}
    for i in t.intervals:
        if i.start_hours >= span:
            continue
        y = rank[i.row]
        ax.broken_barh(
            [(i.start_hours, min(i.end_hours, span) - i.start_hours)],
            (y - 0.4, 0.8),
            facecolors=STATE_COLORS[i.state],
            edgecolors="none",
        )
    ax.set_yticks(range(len(t.rows)))
    ax.set_yticklabels(t.rows, fontsize=8)
    ax.set_ylim(len(t.rows) - 0.5, -0.5)
    ax.set_xlim(0, span)
    ax.set_xlabel("hours from the scenario's start")
    from matplotlib.patches import Patch

    # Below the chart, so that it never hides a row.
    ax.legend(
        handles=[Patch(color=STATE_COLORS[s], label=s) for s in STATES],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        fontsize=7,
        ncol=4,
        frameon=False,
    )
    if title is None and not isinstance(result, Timeline):
        title = f"{result.scenario} on {result.model}: {run} run ({t.run})"
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def save_timeline_svg(result: Any, path: str, run: str = "median") -> None:
    """Write the chart of ``timeline(result, run)`` to an SVG file (headless: Agg)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9.0, 0.35 * len(_timeline_of(result, run).rows) + 1.4))
    timeline(result, run, ax=ax)
    fig.tight_layout()
    try:
        fig.savefig(path, format="svg")
    finally:
        plt.close(fig)
