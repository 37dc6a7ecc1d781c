"""Matplotlib pictures of outagesim results: availability per design, downtime and incident
distributions, downtime attribution, and the architecture drawn by Graphviz.

Every function takes an optional ``ax`` (a new figure is made when it is None), returns the
Axes it drew on, and works with any backend (including the headless ``Agg``). Intervals are
the engine's 95% confidence intervals.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union, cast

from ..results.result import _histogram

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

    from ..model.architecture import Architecture
    from ..results.result import Result

__all__ = [
    "availability",
    "downtime_distribution",
    "incident_durations",
    "attribution",
    "attribution_levels",
    "architecture",
]

_METRICS = {
    "nines": ("nines", "nines (-log10 of unavailability)"),
    "availability": ("availability", "availability"),
    "downtime": ("downtime_minutes_per_year", "downtime, minutes per year"),
    "downtime_minutes_per_year": ("downtime_minutes_per_year", "downtime, minutes per year"),
}
_LEVEL_COLORS = {
    "provider": "#b2182b",
    "region": "#ef8a62",
    "zone": "#fddbc7",
    "component": "#67a9cf",
    "failover": "#2166ac",
}


def _axes(ax: Optional[Axes], figsize: Tuple[float, float] = (7.0, 4.0)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=figsize)
    return new_ax


def _minutes(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _set_title(ax, text: str) -> None:
    """A title wrapped to the axes' width, so that a long model name is not cut off."""
    import textwrap

    ax.set_title("\n".join(textwrap.wrap(text, 60)) or text, fontsize=10)


def _is_frame(value: Any) -> bool:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False
    return isinstance(value, pd.DataFrame)


def _label_column(frame: pd.DataFrame) -> Optional[str]:
    for name in ("design", "label", "name", "model"):
        if name in frame.columns:
            return name
    return None


def _design_rows(
    results: Union[Sequence[Result], Mapping[str, Result], pd.DataFrame],
    labels: Optional[Sequence[str]],
    measure: str,
) -> pd.DataFrame:
    """One row per design (label, metric columns with _lo/_hi) for ``measure``."""
    import pandas as pd

    if _is_frame(results):
        frame = cast(pd.DataFrame, results).copy()
        if "measure" in frame.columns:
            chosen = frame[frame["measure"] == measure]
            if chosen.empty:
                raise ValueError(
                    f"no rows with measure {measure!r}; the frame has "
                    f"{sorted(set(frame['measure']))}"
                )
            frame = chosen
        column = _label_column(frame)
        # A named index (compare() indexes its rows by design) labels the rows unless a
        # design/label column does.
        if frame.index.name is not None and column not in ("design", "label"):
            column = frame.index.name
            frame = frame.reset_index()
        else:
            frame = frame.reset_index(drop=column is not None)
        if column is None:
            column = frame.columns[0]
        frame = frame.rename(columns={column: "label"})
        if labels is not None:
            frame["label"] = list(labels)
        return frame
    if isinstance(results, Mapping):
        labels = list(results) if labels is None else list(labels)
        results = list(results.values())
    rows = []
    for i, result in enumerate(results):
        frame = result.to_frame(include_weighted=True)
        chosen = frame[frame["measure"] == measure]
        if chosen.empty:
            raise ValueError(
                f"result {i} has no measure {measure!r}; it has {list(frame['measure'])}"
            )
        row = chosen.iloc[0].to_dict()
        row["label"] = labels[i] if labels is not None else row.get("model") or f"design {i + 1}"
        rows.append(row)
    return pd.DataFrame(rows)


def availability(
    results: Union[Sequence[Result], Mapping[str, Result], pd.DataFrame],
    metric: str = "nines",
    measure: str = "system",
    labels: Optional[Sequence[str]] = None,
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
    annotate: bool = True,
) -> Axes:
    """Nines (or availability, or downtime) per design, with 95% interval bars.

    ``results``: a list of :class:`Result` (labelled by model name or ``labels``), a dict
    label -> Result, or a DataFrame such as ``Result.to_frame()`` rows stacked with a
    ``design``/``label``/``model`` column, or the frame of ``outagesim.compare``: it needs
    the metric's column and, for bars, ``<column>_lo``/``<column>_hi``. ``measure`` picks
    ``"system"``, ``"weighted"`` or a capability name.
    """
    if metric not in _METRICS:
        raise ValueError(f"metric must be one of {', '.join(_METRICS)}, not {metric!r}")
    column, axis_label = _METRICS[metric]
    rows = _design_rows(results, labels, measure)
    if column not in rows.columns:
        raise ValueError(f"the results have no {column!r} column to plot")
    ax = _axes(ax, (7.0, 0.6 * len(rows) + 1.5))
    values = rows[column].astype(float).tolist()
    lo_col, hi_col = f"{column}_lo", f"{column}_hi"
    has_ci = lo_col in rows.columns and hi_col in rows.columns
    y = list(range(len(rows)))[::-1]
    finite = [v for v in values if math.isfinite(v)]
    if has_ci:
        lo = rows[lo_col].astype(float).tolist()
        hi = rows[hi_col].astype(float).tolist()
        err = [
            [max(0.0, v - a) if math.isfinite(a) else 0.0 for v, a in zip(values, lo)],
            [max(0.0, b - v) if math.isfinite(b) else 0.0 for v, b in zip(values, hi)],
        ]
        ax.errorbar(values, y, xerr=err, fmt="o", color="#2166ac", ecolor="#444444", capsize=4)
    else:
        ax.plot(values, y, "o", color="#2166ac")
    ax.set_yticks(y)
    ax.set_yticklabels([str(v) for v in rows["label"]])
    ax.set_xlabel(axis_label + (" (95% interval)" if has_ci else ""))
    if annotate:
        for v, yy, (_, row) in zip(values, y, rows.iterrows()):
            if not math.isfinite(v):
                continue
            text = f"{v:.2f}" if metric == "nines" else f"{v:.6g}"
            if has_ci and math.isfinite(row[lo_col]) and row[lo_col] != row[hi_col]:
                text += f"  [{row[lo_col]:.3g}, {row[hi_col]:.3g}]"
            elif row.get("method") == "exact":
                text += "  (exact)"
            ax.annotate(
                text, (v, yy), textcoords="offset points", xytext=(0, 7), fontsize=8, ha="center"
            )
    if finite:
        span = max(finite) - min(finite)
        pad = 0.15 * span if span > 0 else 0.5
        ax.set_xlim(min(finite) - pad, max(finite) + pad)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    _set_title(ax, title or f"{axis_label.split(',')[0].split(' (')[0]} per design ({measure})")
    return ax


def _measure_data(result: Result, measure: str) -> Dict[str, Any]:
    if measure == "system":
        return result._data
    capabilities = result.capabilities
    if measure not in capabilities:
        raise ValueError(
            f"no measure {measure!r}: use 'system' or a capability ({', '.join(capabilities)})"
        )
    return capabilities[measure]._data


def _quantile_exceedance(
    ax: Axes, q: Dict[str, Any], scale: float, color: str, label: str
) -> List[Tuple[float, float]]:
    """Draws the fraction of the sample above each quantile the engine reports (p50, p90,
    p99 and the maximum), on log-log axes; zero quantiles cannot be drawn there and are
    named in the legend instead."""
    count = int(q.get("count") or 0)
    points = [(q["p50"] * scale, 0.5), (q["p90"] * scale, 0.1), (q["p99"] * scale, 0.01)]
    if count > 0:
        points.append((q["max"] * scale, 1.0 / count))
    names = ["p50", "p90", "p99", "max"]
    shown = [(x, p, n) for (x, p), n in zip(points, names) if x > 0]
    zero = [n for (x, _), n in zip(points, names) if x <= 0]
    if zero:
        label += f"; {', '.join(zero)} = 0"
    if shown:
        xs = [x for x, _, _ in shown]
        ps = [p for _, p, _ in shown]
        ax.plot(xs, ps, "o-", color=color, label=label, drawstyle="steps-post")
        for x, p, n in shown:
            ax.annotate(n, (x, p), xytext=(4, 4), textcoords="offset points", fontsize=8)
        ax.set_xscale("log")
        ax.set_xlim(min(xs) / 2.0, max(xs) * 2.0)
    ax.set_yscale("log")
    ax.set_ylim(min(0.5, 0.5 / max(count, 1)), 1.0)
    ax.set_ylabel("fraction of the sample above")
    return points


def _draw_histogram(
    ax: Axes, histogram: Dict[str, Any], scale: float, label: str, what: str
) -> None:
    """Bars of a log-binned histogram on a log x axis; the zero count goes to the legend."""
    edges = [e * scale for e in histogram["edges"]]
    counts = histogram["counts"]
    widths = [b - a for a, b in zip(edges[:-1], edges[1:])]
    if histogram["zeros"]:
        label += f"; {histogram['zeros']:,} {what} at 0 not drawn"
    ax.bar(
        edges[:-1],
        counts,
        width=widths,
        align="edge",
        color="#67a9cf",
        edgecolor="white",
        linewidth=0.3,
        label=label,
    )
    ax.set_xscale("log")


def _mark(ax: Axes, x: float, text: str, color: str, row: int = 0) -> None:
    if ax.get_xscale() == "log" and not x > 0:
        return
    ax.axvline(x, color=color, linestyle="--", linewidth=1)
    ax.annotate(
        text,
        (x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(3, -12 - 11 * row),
        textcoords="offset points",
        fontsize=8,
        color=color,
    )


def downtime_distribution(
    result: Result,
    measure: str = "system",
    ax: Optional[Axes] = None,
    bins: int = 40,
    title: Optional[str] = None,
) -> Axes:
    """Distribution of downtime per simulated year (minutes), with p50 and p99 marked.

    With the engine's histogram of years (``result.downtime_histogram``) it is drawn on a
    log scale (years without downtime counted in the legend); otherwise the quantiles the
    engine reports (p50, p90, p99, max) are drawn as the fraction of years exceeding each,
    and the title says so. Exact results have no distribution: a ValueError says so.
    """

    data = _measure_data(result, measure)
    q = data.get("downtime_minutes_per_year_distribution") or {}
    if not q.get("count"):
        raise ValueError(
            "this result has no per-year downtime distribution (exact results give long-run "
            "figures only): evaluate with method='mc'"
        )
    ax = _axes(ax)
    histogram = _histogram(data.get("downtime_minutes_per_year_histogram"))
    name = result._data.get("model", "") if measure == "system" else measure
    if histogram is not None and histogram["counts"]:
        _draw_histogram(ax, histogram, 1.0, f"{q['count']:,} simulated years", "years")
        ax.set_ylabel("simulated years")
        how = "histogram of simulated years"
    else:
        _quantile_exceedance(ax, q, 1.0, "#2166ac", f"quantiles of {q['count']:,} simulated years")
        how = "from the engine's quantiles p50, p90, p99, max"
    _mark(ax, q["p50"], f"p50 {_minutes(q['p50'])} min", "#1a9850")
    _mark(ax, q["p99"], f"p99 {_minutes(q['p99'])} min", "#d73027", row=1)
    ax.set_xlabel("downtime in one year, minutes")
    ax.legend(loc="lower left" if histogram is None else "center right", fontsize=8)
    _set_title(ax, title or f"Downtime per year: {name} ({how})")
    return ax


def incident_durations(
    result: Result,
    measure: str = "system",
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
) -> Axes:
    """Distribution of incident durations (how long the system stays down each time).

    The engine's histogram (``result.incident_duration_histogram``) when it has one,
    otherwise the fraction of incidents longer than each reported quantile (p50, p90, p99,
    max), with the mean and its 95% interval marked.
    """
    data = _measure_data(result, measure)
    q = data.get("incident_duration_hours") or {}
    if not q.get("count"):
        raise ValueError(
            "this result has no incident-duration distribution (exact results, or no incident "
            "observed): evaluate with method='mc' and enough replications"
        )
    ax = _axes(ax)
    histogram = _histogram(data.get("incident_duration_hours_histogram"))
    if histogram is not None and histogram["counts"]:
        _draw_histogram(ax, histogram, 60.0, f"{q['count']:,} incidents", "incidents")
        # Failover delays pile incidents into spikes; a log scale keeps the long tail visible.
        ax.set_yscale("log")
        ax.set_ylabel("incidents (log scale)")
        how = "histogram"
    else:
        _quantile_exceedance(ax, q, 60.0, "#2166ac", f"quantiles of {q['count']:,} incidents")
        how = "from the engine's quantiles p50, p90, p99, max"
    mean = data.get("mean_incident_hours")
    if isinstance(mean, (int, float)):
        ci = data.get("mean_incident_hours_ci95") or [mean, mean]
        ax.axvspan(ci[0] * 60.0, ci[1] * 60.0, color="#fdae61", alpha=0.3)
        _mark(ax, mean * 60.0, f"mean {mean * 60:.3g} min", "#d73027", row=1)
    _mark(ax, q["p50"] * 60.0, f"p50 {q['p50'] * 60:.3g} min", "#1a9850")
    ax.set_xlabel("incident duration, minutes")
    ax.legend(loc="lower left", fontsize=8)
    name = result._data.get("model", "") if measure == "system" else measure
    _set_title(ax, title or f"Incident durations: {name} ({how})")
    return ax


def attribution(
    result: Result,
    by: str = "element",
    top: int = 12,
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
) -> Axes:
    """Downtime of the system charged to each element (``by="element"``, the ``top``
    largest) or to each failure-domain level (``by="level"``: provider, region, zone,
    component, failover), in minutes per year with 95% interval bars."""
    if by not in ("element", "level"):
        raise ValueError(f"by must be 'element' or 'level', not {by!r}")
    if by == "element":
        frame = result.attribution_frame().head(top)
        labels = [f"{e} ({lvl})" for e, lvl in zip(frame["element"], frame["level"])]
        colors = [_LEVEL_COLORS.get(lvl, "#999999") for lvl in frame["level"]]
    else:
        frame = result.attribution_by_level().reset_index()
        labels = list(frame["level"])
        colors = [_LEVEL_COLORS.get(lvl, "#999999") for lvl in frame["level"]]
    if frame.empty:
        raise ValueError("no downtime was attributed: the result has no attribution rows")
    ax = _axes(ax, (7.0, 0.35 * len(frame) + 1.5))
    values = frame["minutes_per_year"].astype(float).tolist()
    err = [
        [max(0.0, v - lo) for v, lo in zip(values, frame["minutes_per_year_lo"])],
        [max(0.0, hi - v) for v, hi in zip(values, frame["minutes_per_year_hi"])],
    ]
    y = list(range(len(frame)))[::-1]
    ax.barh(y, values, xerr=err, color=colors, edgecolor="#333333", capsize=3)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    for v, yy, share in zip(values, y, frame["share"]):
        ax.annotate(
            f"{share * 100:.0f}%", (v, yy), xytext=(4, -3), textcoords="offset points", fontsize=7
        )
    ax.set_xlabel("system downtime charged, minutes per year (95% interval)")
    name = result._data.get("model", "")
    what = f"top {len(frame)} elements" if by == "element" else "failure-domain level"
    note = " (level bars: elements' intervals added, conservative)" if by == "level" else ""
    _set_title(ax, title or f"Where the downtime comes from: {name}, by {what}{note}")
    ax.grid(axis="x", alpha=0.3)
    return ax


def attribution_levels(
    results: Union[Sequence[Result], Mapping[str, Result]],
    labels: Optional[Sequence[str]] = None,
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
) -> Axes:
    """Downtime per year of several designs, each bar split by the failure-domain level it is
    charged to (provider, region, zone, component, failover)."""
    if isinstance(results, Mapping):
        labels = list(results) if labels is None else list(labels)
        results = list(results.values())
    results = list(results)
    if labels is None:
        labels = [r._data.get("model") or f"design {i + 1}" for i, r in enumerate(results)]
    ax = _axes(ax, (8.0, 0.55 * len(results) + 1.8))
    y = list(range(len(results)))[::-1]
    left = [0.0] * len(results)
    levels = [lvl for lvl in ("provider", "region", "zone", "component", "failover")]
    for level in levels:
        widths = []
        for r in results:
            by_level = r.attribution_by_level()
            widths.append(
                float(by_level.loc[level, "minutes_per_year"]) if level in by_level.index else 0.0
            )
        if not any(widths):
            continue
        ax.barh(y, widths, left=left, color=_LEVEL_COLORS[level], edgecolor="#333333", label=level)
        left = [a + b for a, b in zip(left, widths)]
    for yy, r, total in zip(y, results, left):
        ci = r.downtime_minutes_per_year_ci95
        text = f"{_minutes(r.downtime_minutes_per_year)} min/yr"
        if ci and ci[0] != ci[1]:
            text += f" [{_minutes(ci[0])}, {_minutes(ci[1])}]"
        ax.annotate(text, (total, yy), xytext=(4, -3), textcoords="offset points", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels(list(labels))
    ax.set_xlim(0, max(left) * 1.45 if max(left) > 0 else 1)
    ax.set_xlabel("system downtime, minutes per year, by the level it is charged to")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    _set_title(ax, title or "Where the remaining downtime comes from")
    return ax


def architecture(arch: Architecture, ax: Optional[Axes] = None, dpi: int = 110) -> Axes:
    """The architecture drawn by Graphviz (services, dependencies, replicas in provider >
    region > zone clusters) as an image on matplotlib axes.

    Raises :class:`outagesim.GraphvizNotFound` with install instructions when Graphviz's
    ``dot`` is not installed. In a notebook, ``IPython.display.SVG(arch.render("svg"))``
    gives a sharper picture.
    """
    import io

    import matplotlib.image as mpimg

    png = arch.render("png")
    image = mpimg.imread(io.BytesIO(png), format="png")
    height, width = image.shape[0], image.shape[1]
    ax = _axes(ax, (width / dpi, height / dpi))
    ax.imshow(image)
    ax.set_axis_off()
    return ax
