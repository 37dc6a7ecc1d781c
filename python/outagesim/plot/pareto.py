"""pareto(): cost versus nines of every variant of a sweep, with 95% interval bars and the frontier."""

from __future__ import annotations

import math
from typing import Any, Optional

from ..studies.frontier import COST_COLUMNS, mark_frontier


def _nines(a: float) -> float:
    return math.inf if a >= 1.0 else -math.log10(1.0 - a)


def pareto(
    frame,
    cost: Optional[str] = None,
    target: Optional[float] = None,
    ax: Any = None,
    label: Optional[str] = "label",
    annotate: bool = True,
    title: Optional[str] = None,
):
    """Draws every variant of a sweep (or rows of ``compare``) as cost per year (x) versus nines
    (y), each with its 95% interval bars, the Pareto frontier as a step line, the target as a
    horizontal line and the cheapest variant meeting it circled. Returns the matplotlib Axes.

    ``cost``: ``"total"`` (expected annual cost: infrastructure + downtime + credits) or
    ``"infra"``; by default what the frame's frontier was computed with. ``target``: an
    availability such as 0.9999 (default: the sweep's). Frontier flags are recomputed when
    the frame lacks them or the cost basis differs.
    """
    import matplotlib.pyplot as plt

    if cost is None:
        basis = frame.attrs.get("cost_basis", "total_cost_per_year")
        cost = "infra" if basis.startswith("infra") else "total"
    if target is None:
        target = frame.attrs.get("target")
    column = COST_COLUMNS[cost]
    needs = (
        "pareto" not in frame
        or frame.attrs.get("cost_basis") != column
        or (target is not None and "cheapest_meeting_target" not in frame)
        or (target is not None and frame.attrs.get("target") != target)
    )
    if needs:
        frame = mark_frontier(frame, cost=cost, target=target)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5))

    x = frame[column].astype(float)
    if cost == "total":
        x_lo = frame["total_cost_per_year_lo"].astype(float)
        x_hi = frame["total_cost_per_year_hi"].astype(float)
    else:  # infrastructure cost is exact
        x_lo, x_hi = x, x
    y = frame["availability"].map(_nines)
    y_lo = frame["availability_lo"].map(_nines)
    y_hi = frame["availability_hi"].map(_nines)
    finite = y.map(math.isfinite)
    if not finite.all():
        # A variant with no simulated downtime has unbounded nines; it is drawn at the top.
        top = max([v for v in y_hi if math.isfinite(v)] + [1.0]) + 0.5
        y = y.where(finite, top)
        y_lo = y_lo.where(y_lo.map(math.isfinite), top)
        y_hi = y_hi.where(y_hi.map(math.isfinite), top)

    on = frame["pareto"].astype(bool)
    xerr = [(x - x_lo).clip(lower=0), (x_hi - x).clip(lower=0)]
    yerr = [(y - y_lo).clip(lower=0), (y_hi - y).clip(lower=0)]
    ax.errorbar(
        x[~on],
        y[~on],
        xerr=[e[~on] for e in xerr],
        yerr=[e[~on] for e in yerr],
        fmt="o",
        color="0.6",
        ecolor="0.8",
        markersize=4,
        capsize=2,
        label="variant (95% interval)",
    )
    ax.errorbar(
        x[on],
        y[on],
        xerr=[e[on] for e in xerr],
        yerr=[e[on] for e in yerr],
        fmt="o",
        color="C0",
        ecolor="C0",
        markersize=6,
        capsize=3,
        label="Pareto frontier",
    )
    front = frame[on].assign(_x=x[on], _y=y[on]).sort_values("_x")
    ax.step(front["_x"], front["_y"], where="post", color="C0", linewidth=1.2)

    if target is not None:
        ax.axhline(
            _nines(target),
            color="C3",
            linestyle="--",
            linewidth=1,
            label=f"target {100 * target:g}%",
        )
        if "cheapest_meeting_target" in frame and frame["cheapest_meeting_target"].any():
            chosen = frame["cheapest_meeting_target"].astype(bool)
            ax.scatter(
                x[chosen],
                y[chosen],
                s=220,
                facecolors="none",
                edgecolors="C3",
                linewidths=2,
                label="cheapest meeting the target",
                zorder=5,
            )
    if annotate and label and label in frame:
        for xi, yi, text, is_on in zip(x, y, frame[label], on):
            if is_on:
                ax.annotate(
                    str(text),
                    (xi, yi),
                    textcoords="offset points",
                    xytext=(5, -10),
                    fontsize=7,
                    color="C0",
                )
    ax.set_xlabel(
        "total expected cost per year (USD: infrastructure + downtime + SLA credits)"
        if cost == "total"
        else "infrastructure cost per year (USD)"
    )
    ax.set_ylabel("nines of availability (-log10(1 - A))")
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"${v:,.0f}"))
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="best")
    if title:
        ax.set_title(title)
    return ax


__all__ = ["pareto"]
