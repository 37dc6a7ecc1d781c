"""compare(): designs side by side (availability, downtime, SLA, cost) under common random numbers."""

from __future__ import annotations

import math
from typing import Any, Dict, List, Optional, Sequence

from ..cost.business import CostEvaluation, evaluate_cost
from ..model.load import ModelSource
from ..render.text import fmt_usd

# Columns of the side-by-side table, in the order they are printed.
COLUMNS = [
    "design",
    "availability",
    "availability_lo",
    "availability_hi",
    "unavailability",
    "unavailability_lo",
    "unavailability_hi",
    "nines",
    "nines_lo",
    "nines_hi",
    "downtime_minutes_per_year",
    "downtime_minutes_per_year_lo",
    "downtime_minutes_per_year_hi",
    "worst_year_downtime_minutes",
    "incidents_per_year",
    "incidents_per_year_lo",
    "incidents_per_year_hi",
    "full_availability",
    "full_availability_lo",
    "full_availability_hi",
    "value_weighted_availability",
    "value_weighted_availability_lo",
    "value_weighted_availability_hi",
    "degraded_minutes_per_year",
    "degraded_minutes_per_year_lo",
    "degraded_minutes_per_year_hi",
    "data_loss_events_per_year",
    "data_loss_events_per_year_lo",
    "data_loss_events_per_year_hi",
    "data_minutes_lost_per_year",
    "data_minutes_lost_per_year_lo",
    "data_minutes_lost_per_year_hi",
    "rto_hours",
    "incidents_over_rto_share",
    "incidents_over_rto_share_lo",
    "incidents_over_rto_share_hi",
    "rpo_hours",
    "losses_over_rpo_per_year",
    "losses_over_rpo_per_year_lo",
    "losses_over_rpo_per_year_hi",
    "sla_target",
    "sla_window_hours",
    "sla_breach_probability",
    "sla_breach_probability_lo",
    "sla_breach_probability_hi",
    "infra_cost_per_year",
    "downtime_cost_per_year",
    "downtime_cost_per_year_lo",
    "downtime_cost_per_year_hi",
    "credits_per_year",
    "credits_per_year_lo",
    "credits_per_year_hi",
    "total_cost_per_year",
    "total_cost_per_year_lo",
    "total_cost_per_year_hi",
    "extra_cost_per_nine",
    "extra_cost_per_nine_lo",
    "extra_cost_per_nine_hi",
    "extra_nine_note",
    "method",
    "seed",
    "replications",
    "stop_reason",
    "warnings",
]


def _money(x: float) -> str:
    return fmt_usd(x)


def cost_per_extra_nine(rows: List[Dict[str, Any]]) -> None:
    """Adds to each row the infrastructure cost of each extra nine over the cheapest design.

    ``extra_cost_per_nine = (infra - cheapest infra) / (nines - cheapest nines)``; its interval
    divides by the widest and narrowest gap the two nines intervals allow (a conservative bound:
    the designs share random numbers, so the true gap is known better than this). A design with
    no more nines than the cheapest gets NaN and a note saying why.
    """
    if not rows:
        return
    base = min(rows, key=lambda r: (r["infra_cost_per_year"], -_finite(r["nines"])))
    for row in rows:
        dc = row["infra_cost_per_year"] - base["infra_cost_per_year"]
        dn = row["nines"] - base["nines"]
        row["extra_cost_per_nine"] = row["extra_cost_per_nine_lo"] = math.nan
        row["extra_cost_per_nine_hi"] = math.nan
        if row is base:
            row["extra_nine_note"] = "reference: the cheapest"
            continue
        if not math.isfinite(dn):
            row["extra_nine_note"] = "no downtime observed: nines unbounded"
            continue
        if dn <= 0:
            row["extra_nine_note"] = (
                f"no extra nines: +{_money(dc)}/yr for {dn:+.2f} nines"
                if dc > 0
                else "no extra nines at the same cost"
            )
            continue
        row["extra_cost_per_nine"] = dc / dn
        widest = row["nines_hi"] - base["nines_lo"]
        narrowest = row["nines_lo"] - base["nines_hi"]
        if math.isfinite(widest) and widest > 0:
            row["extra_cost_per_nine_lo"] = dc / widest
        row["extra_cost_per_nine_hi"] = dc / narrowest if narrowest > 0 else math.inf
        row["extra_nine_note"] = f"+{_money(dc)}/yr for {dn:+.2f} nines"


def _finite(x: float) -> float:
    return x if math.isfinite(x) else 1e9


def compare_rows(
    evaluations: Sequence[CostEvaluation], names: Optional[Sequence[str]] = None
) -> List[Dict[str, Any]]:
    """The side-by-side rows of evaluated designs: each design's figures, its name made unique,
    and the cost per extra nine relative to the cheapest (what compare() and the report show)."""
    rows = []
    for i, evaluation in enumerate(evaluations):
        row = evaluation.row()
        if names is not None:
            row["design"] = names[i]
        rows.append(row)
    seen: Dict[str, int] = {}
    for row in rows:  # two designs of the same name stay apart
        n = seen.get(row["design"], 0)
        seen[row["design"]] = n + 1
        if n:
            row["design"] = f"{row['design']} ({n + 1})"
    cost_per_extra_nine(rows)
    return rows


def compare(
    models: Sequence[ModelSource],
    names: Optional[Sequence[str]] = None,
    **options: Any,
):
    """Evaluates designs side by side; returns a pandas DataFrame indexed by design name.

    Each design is evaluated by :func:`outagesim.evaluate` with ``options`` (``method``,
    ``seed``, ``replications``, ``horizon``, ``threads``, ``rel_error``, ``max_time``,
    ``start``, ``warmup``, ``rare_event``, ``assume_exponential``; the same defaults), so a
    design's figures are those ``evaluate`` gives it. Every design runs with the same seed; since each element draws
    its failures and repairs from its own random stream keyed by (seed, replication, element
    name), elements the designs share fail at the same simulated moments in each of them
    (common random numbers), so a difference between two designs is a difference of design,
    not of luck. ``max_time`` bounds each design's evaluation.

    Columns: availability, nines, downtime per year, each with ``_lo``/``_hi`` (95%); the worst
    year's downtime (p99 over simulated years; n/a for exact results); incidents per year; the
    data lost (loss events and minutes of writes a year, every data service together) and how
    often the recovery objectives are missed (share of incidents over the RTO, losses over the
    RPO a year) by the system or capability that misses its own the most, n/a where the model
    states none; SLA
    breach probability per window; infrastructure cost; expected downtime cost, credits and
    total per year with intervals (n/a where the model does not price them);
    ``extra_cost_per_nine`` (infrastructure cost of each extra nine relative to the cheapest
    design) with ``extra_nine_note``; what produced the figures.
    """
    import pandas as pd

    if not models:
        raise ValueError("compare needs at least one model")
    evaluations = []
    for model in models:
        evaluation = evaluate_cost(model, **options)
        if evaluation.result.interrupted:
            raise KeyboardInterrupt  # a comparison with a design cut short would mislead
        evaluations.append(evaluation)
    rows = compare_rows(evaluations, names)
    frame = pd.DataFrame(rows)
    frame = frame[[c for c in COLUMNS if c in frame.columns]]
    return frame.set_index("design")


__all__ = ["compare", "compare_rows", "cost_per_extra_nine", "COLUMNS"]
