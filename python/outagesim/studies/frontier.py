"""The Pareto frontier of cost versus availability over evaluated designs (rows of a frame)."""

from __future__ import annotations

import math
from typing import Optional

COST_COLUMNS = {"total": "total_cost_per_year", "infra": "infra_cost_per_year"}


def mark_frontier(frame, cost: Optional[str] = None, target: Optional[float] = None):
    """Adds ``pareto``, ``meets_target``, ``meets_target_surely`` and ``cheapest_meeting_target``.

    A variant is on the Pareto frontier when no other variant costs no more (``cost``: the
    total expected annual cost, or ``"infra"``) and is at least as available, one of them
    strictly. ``meets_target``: availability >= target; ``meets_target_surely``: the lower end
    of its 95% interval is. The cheapest meeting the target is the one with the lowest cost
    among those (ties: the more available). Works on any frame with these columns, e.g. sweeps
    of several base models concatenated.

    ``cost=None`` takes the total where every variant's total is known (the model prices
    downtime in a ``business`` section) and the infrastructure cost otherwise;
    ``frame.attrs["cost_basis"]`` says which, and the printed sweep says so. An explicit
    ``"total"`` with unknown totals is an error: an unknown cost cannot be ranked.
    """
    if cost is None:
        cost = "total" if frame["total_cost_per_year"].notna().all() else "infra"
    if cost not in COST_COLUMNS:
        raise ValueError(f"cost must be 'total' or 'infra', not {cost!r}")
    column = COST_COLUMNS[cost]
    unknown = int(frame[column].isna().sum())
    if unknown:
        raise ValueError(
            f"the {'total expected' if cost == 'total' else 'infrastructure'} annual cost is "
            f"unknown for {unknown} of {len(frame)} variants (a model without "
            "business.downtime_cost_per_hour does not price its downtime); rank by the "
            "infrastructure cost (cost 'infra') or price the downtime in the model"
        )
    frame = frame.copy()
    order = sorted(
        range(len(frame)),
        key=lambda i: (frame[column].iloc[i], -frame["availability"].iloc[i]),
    )
    pareto = [False] * len(frame)
    best = -math.inf
    for i in order:
        a = frame["availability"].iloc[i]
        if a > best:
            pareto[i] = True
            best = a
    frame["pareto"] = pareto
    if target is not None:
        meets = frame["availability"] >= target
        frame["meets_target"] = meets
        frame["meets_target_surely"] = frame["availability_lo"] >= target
        cheapest = [False] * len(frame)
        candidates = [i for i in order if bool(meets.iloc[i])]
        if candidates:
            cheapest[candidates[0]] = True
        frame["cheapest_meeting_target"] = cheapest
    frame.attrs["cost_basis"] = column
    frame.attrs["target"] = target
    return frame
