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
from typing import Any, Dict, List, Optional, Sequence

from . import _core
from .architecture import Architecture
from .model import ModelSource, load
from .report import fmt_usd
from .results import Result

HOURS_PER_YEAR = 8760.0


def _architecture(model: ModelSource) -> Architecture:
    return model if isinstance(model, Architecture) else load(model)


def infra_cost(model: ModelSource) -> Dict[str, Any]:
    """The infrastructure cost as plain data (the JSON form of the core's ``cost::price``)."""
    return json.loads(_core.price(_architecture(model)._plan))


def price(model: ModelSource):
    """Infrastructure cost breakdown as a pandas DataFrame, one row per priced item.

    Columns: ``item`` (component or service name, ``"fixed"``, ``"total"``), ``kind``
    (``compute``, ``standby``, ``replication``, ``fixed``, ``total``), ``service``,
    ``per_hour`` (USD, components), ``gb_per_month``, ``price_per_gb`` and ``boundary``
    (replication), ``per_year`` (USD) and ``origin`` (where the price came from: ``"model"`` or
    ``"catalog <provider>: <source>"``). The last row is the total per year; ``frame.attrs``
    holds the sums by kind.
    """
    import pandas as pd

    cost = infra_cost(model)
    rows: List[Dict[str, Any]] = []
    for c in cost["components"]:
        rows.append(
            {
                "item": c["component"],
                "kind": "standby" if c["standby"] else "compute",
                "service": c["service"] or None,
                "per_hour": c["per_hour"],
                "gb_per_month": None,
                "price_per_gb": None,
                "boundary": None,
                "per_year": c["per_year"],
                "origin": c["origin"],
            }
        )
    for r in cost["replication"]:
        rows.append(
            {
                "item": r["service"],
                "kind": "replication",
                "service": r["service"],
                "per_hour": None,
                "gb_per_month": r["gb_per_month"],
                "price_per_gb": r["price_per_gb"],
                "boundary": r["boundary"],
                "per_year": r["per_year"],
                "origin": r["price_origin"],
            }
        )
    if cost["fixed_per_year"]:
        rows.append(
            {
                "item": "fixed",
                "kind": "fixed",
                "service": None,
                "per_hour": None,
                "gb_per_month": None,
                "price_per_gb": None,
                "boundary": None,
                "per_year": cost["fixed_per_year"],
                "origin": "model: fixed_cost_per_month x 12",
            }
        )
    rows.append(
        {
            "item": "total",
            "kind": "total",
            "service": None,
            "per_hour": None,
            "gb_per_month": None,
            "price_per_gb": None,
            "boundary": None,
            "per_year": cost["total_per_year"],
            "origin": "sum of the rows above",
        }
    )
    frame = pd.DataFrame(rows)
    frame.attrs.update(
        {k: cost[k] for k in cost if k.endswith("_per_year")},
    )
    return frame


def sla_window_hours(model: ModelSource) -> Optional[float]:
    """Length of the model's SLA window in hours, or None when the model states no SLA."""
    plan = _architecture(model)._plan
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
    plan = _architecture(model)._plan
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
    from .api import evaluate

    arch = _architecture(model)
    result = evaluate(arch, **options)
    business = result.business
    if business is None:
        business = json.loads(_core.business_impact(arch._plan, math.nan, math.nan, math.nan, []))
    return CostEvaluation(arch, result, business)


def format_business(business: Dict[str, Any]) -> str:
    """The business figures as text lines, each with its 95% interval."""

    def usd(key: str, data: Dict[str, Any] = business) -> str:
        value = data.get(key)
        if value is None:
            return "unknown"
        lo, hi = data.get(key + "_ci95") or (value, value)
        text = fmt_usd(value)
        return text if lo == hi else f"{text} [{fmt_usd(lo, '')}, {fmt_usd(hi, '')}]"

    infra = business["infra"]
    lines = ["Cost per year (USD, 95% intervals):"]
    lines.append(
        f"  infrastructure      {fmt_usd(infra['total_per_year'])} (compute "
        f"{fmt_usd(infra['compute_per_year'])}, standby {fmt_usd(infra['standby_per_year'])}, "
        f"replication {fmt_usd(infra['replication_per_year'])}, "
        f"fixed {fmt_usd(infra['fixed_per_year'])}; origins: outagesim show, outagesim.price)"
    )
    if business.get("downtime_cost_per_hour") is not None:
        lines.append(
            f"  downtime            {usd('downtime_cost_per_year')} "
            f"(at {fmt_usd(business['downtime_cost_per_hour'])}/h)"
        )
    sla = business.get("sla")
    if sla:
        p = sla.get("breach_probability")
        if p is None:
            lines.append("  SLA breach          unknown (no window sample)")
        else:
            lo, hi = sla["breach_probability_ci95"]
            lines.append(
                f"  SLA breach          P(a {sla['window_hours']:g} h window < "
                f"{100 * sla['target']:g}%) = {p:.4f} [{lo:.4f}, {hi:.4f}] over "
                f"{sla['windows_observed']:,} simulated windows"
            )
        lines.append(f"  SLA credits         {usd('credits_per_year', sla)}")
    lines.append(f"  total expected      {usd('total_per_year')}")
    for warning in business.get("warnings") or []:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


def _ci(data: Dict[str, Any], key: str) -> tuple:
    """(value, lo, hi) of an estimate; NaN where it is unknown (null in JSON)."""
    value = data.get(key)
    pair = data.get(key + "_ci95") or [value, value]
    return tuple(math.nan if x is None else float(x) for x in (value, pair[0], pair[1]))


def _nines(a: Optional[float]) -> float:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return math.nan
    return math.inf if a >= 1.0 else -math.log10(1.0 - a)


def summary_row(result: Result, business: Dict[str, Any], name: str) -> Dict[str, Any]:
    """Flat figures of one evaluated design; every estimate with ``_lo``/``_hi`` (95%)."""
    data = result.to_dict()
    row: Dict[str, Any] = {"design": name}
    a, a_lo, a_hi = _ci(data, "availability")
    row.update(availability=a, availability_lo=a_lo, availability_hi=a_hi)
    row.update(nines=_nines(a), nines_lo=_nines(a_lo), nines_hi=_nines(a_hi))
    d, d_lo, d_hi = _ci(data, "downtime_minutes_per_year")
    row.update(
        downtime_minutes_per_year=d,
        downtime_minutes_per_year_lo=d_lo,
        downtime_minutes_per_year_hi=d_hi,
    )
    dist = data.get("downtime_minutes_per_year_distribution") or {}
    row["worst_year_downtime_minutes"] = (
        float(dist["p99"]) if dist.get("count") else math.nan
    )  # p99 over simulated years
    i, i_lo, i_hi = _ci(data, "incidents_per_year")
    row.update(incidents_per_year=i, incidents_per_year_lo=i_lo, incidents_per_year_hi=i_hi)

    sla = business.get("sla") or {}
    b, b_lo, b_hi = _ci(sla, "breach_probability") if sla else (math.nan,) * 3
    row.update(
        sla_target=sla.get("target") if sla else math.nan,
        sla_window_hours=sla.get("window_hours") if sla else math.nan,
        sla_breach_probability=b,
        sla_breach_probability_lo=b_lo,
        sla_breach_probability_hi=b_hi,
        sla_windows_observed=sla.get("windows_observed", 0) if sla else 0,
    )
    row["infra_cost_per_year"] = float(business["infra"]["total_per_year"])
    dc, dc_lo, dc_hi = _ci(business, "downtime_cost_per_year")
    row.update(
        downtime_cost_per_year=dc, downtime_cost_per_year_lo=dc_lo, downtime_cost_per_year_hi=dc_hi
    )
    # Without an SLA there is nothing to credit; shown as n/a like every figure not priced.
    cr, cr_lo, cr_hi = _ci(sla, "credits_per_year") if sla else (math.nan,) * 3
    row.update(credits_per_year=cr, credits_per_year_lo=cr_lo, credits_per_year_hi=cr_hi)
    t, t_lo, t_hi = _ci(business, "total_per_year")
    row.update(total_cost_per_year=t, total_cost_per_year_lo=t_lo, total_cost_per_year_hi=t_hi)
    row.update(
        method=data.get("method"),
        seed=data.get("seed"),
        replications=data.get("replications"),
        stop_reason=data.get("stop_reason"),
        warnings=" | ".join(
            list(data.get("warnings") or []) + list(business.get("warnings") or [])
        ),
    )
    return row


__all__ = [
    "price",
    "infra_cost",
    "business_impact",
    "evaluate_cost",
    "CostEvaluation",
    "sla_window_hours",
    "summary_row",
    "format_business",
]
