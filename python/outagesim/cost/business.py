"""Cost of a design: infrastructure price with the origin of every figure, and business impact.

``price(arch)`` is the infrastructure bill (components, standby capacity, replication traffic,
fixed cost), each row naming where its price came from (``"model"`` or ``"catalog aws: ..."``).
``evaluate_cost(arch)`` evaluates availability and the business impact together: expected
downtime cost, the probability of breaching the SLA in a window (counted over simulated windows,
not derived from the mean), expected credits and the total expected annual cost, each with its
95% interval.
"""

from __future__ import annotations

import json
import math
from typing import Any, Dict, Optional, Sequence

from .. import _core
from ..model.architecture import Architecture
from ..model.load import ModelSource, as_architecture
from ..render.text import fmt_usd
from ..results.result import Result
from ..results.row import summary_row
from ..run.evaluate import evaluate


def sla_window_hours(model: ModelSource) -> Optional[float]:
    """Length of the model's SLA window in hours, or None when the model states no SLA."""
    plan = as_architecture(model)._plan
    sla = json.loads(_core.business_impact(plan, 0.0, 0.0, 0.0, []))["sla"]
    return float(sla["window_hours"]) if sla else None


def business_impact(
    model: ModelSource,
    result: Any,
    window_availability: Optional[Sequence[float]] = None,
) -> Dict[str, Any]:
    """Business impact of a design from an evaluation result (plain data, the core's JSON form).

    ``result`` is a :class:`Result` (or its dict); its system downtime per year with interval
    prices the downtime. ``window_availability`` is the simulated availability of each SLA
    window; without it the SLA breach probability and credits are unknown (None) and a warning
    says so.
    """
    data = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    minutes = float(data["downtime_minutes_per_year"])
    lo, hi = data.get("downtime_minutes_per_year_ci95") or (minutes, minutes)
    windows = [float(a) for a in (window_availability or [])]
    plan = as_architecture(model)._plan
    return json.loads(_core.business_impact(plan, minutes, float(lo), float(hi), windows))


class CostEvaluation:
    """Availability and cost of one design: ``result`` (a :class:`Result`), ``business`` (the
    business impact as plain data), ``infra`` (the infrastructure cost) and the simulated
    ``window_availability`` sample the SLA figures came from (empty for an exact result)."""

    def __init__(self, arch: Architecture, result: Result, business: Dict[str, Any]):
        self.architecture = arch
        self.result = result
        self.business = business
        self.infra = business["infra"]
        self.window_availability = result.window_availability

    def row(self) -> Dict[str, Any]:
        """The headline figures as one flat dict (a row of ``compare`` and ``sweep``)."""
        return summary_row(self.result, self.business, self.architecture.name)

    def __repr__(self) -> str:
        r = self.result
        total = self.business.get("total_per_year")
        return (
            f"<CostEvaluation {self.architecture.name!r}: availability {r.availability:.6f}, "
            f"total {fmt_usd(total)}/yr>"
        )


def evaluate_cost(model: ModelSource, **options: Any) -> CostEvaluation:
    """Evaluates availability and business impact of one design, through :func:`evaluate`
    (the same method choice, run and options: ``method``, ``seed``, ``replications``,
    ``horizon``, ``threads``, ``rel_error``, ``max_time``, ``start``, ``warmup``, ...).

    The business impact comes from the evaluation's own run: the downtime cost from its
    downtime, the SLA breach probability and credits from the availability of every simulated
    window of the same run. A model without a ``business`` section gets the infrastructure cost
    with the downtime cost and the total unknown (None).
    """
    arch = as_architecture(model)
    result = evaluate(arch, **options)
    business = result.business
    if business is None:
        business = json.loads(_core.business_impact(arch._plan, math.nan, math.nan, math.nan, []))
    return CostEvaluation(arch, result, business)


__all__ = [
    "business_impact",
    "evaluate_cost",
    "CostEvaluation",
    "sla_window_hours",
]
