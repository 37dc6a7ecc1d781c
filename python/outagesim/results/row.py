"""One evaluated design as one flat row of figures (a row of compare and sweep)."""

from __future__ import annotations

import math
from typing import Any, Dict

from .result import DEGRADED_KEYS, Result


def _ci(data: Dict[str, Any], key: str) -> tuple:
    """(value, lo, hi) of an estimate; NaN where it is unknown (null in JSON)."""
    value = data.get(key)
    pair = data.get(key + "_ci95") or [value, value]
    return tuple(math.nan if x is None else float(x) for x in (value, pair[0], pair[1]))


def summary_row(result: Result, business: Dict[str, Any], name: str) -> Dict[str, Any]:
    """Flat figures of one evaluated design; every estimate with ``_lo``/``_hi`` (95%)."""
    data = result.to_dict()
    row: Dict[str, Any] = {"design": name}
    a, a_lo, a_hi = _ci(data, "availability")
    row.update(availability=a, availability_lo=a_lo, availability_hi=a_hi)
    # The core writes the nines of an availability of 1 as null: +inf here (not unknown).
    if data.get("availability") is not None:
        n, n_lo, n_hi = (math.inf if math.isnan(x) else x for x in _ci(data, "nines"))
    else:
        n = n_lo = n_hi = math.nan
    row.update(nines=n, nines_lo=n_lo, nines_hi=n_hi)
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
    # Degraded modes (the system's): NaN for a model without them.
    for key in DEGRADED_KEYS:
        v, lo, hi = _ci(data, key) if data.get(key) is not None else (math.nan,) * 3
        row.update({key: v, key + "_lo": lo, key + "_hi": hi})

    row.update(_data_and_objectives(data))

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


def _data_and_objectives(data: Dict[str, Any]) -> Dict[str, Any]:
    """The data lost by every data service together, and how often the recovery objectives are
    missed by the measure that misses its own the most; NaN where the model states none. The intervals of
    the totals add the services' bounds: conservative whatever their correlation."""
    rows = data.get("data") or []
    out: Dict[str, Any] = {}
    for key in ("loss_events_per_year", "minutes_lost_per_year"):
        name = "data_" + key
        if not rows:
            out.update({name: math.nan, name + "_lo": math.nan, name + "_hi": math.nan})
            continue
        values = [_ci(row, key) for row in rows]
        out[name] = sum(v[0] for v in values)
        out[name + "_lo"] = sum(v[1] for v in values)
        out[name + "_hi"] = sum(v[2] for v in values)
    # Objectives: the measure (system or capability) that misses its own the most, so that a
    # design "meets its objectives" when its worst journey does.
    measures = [data] + list((data.get("capabilities") or {}).values())
    for key, stated in (
        ("incidents_over_rto_share", "rto_hours"),
        ("losses_over_rpo_per_year", "rpo_hours"),
    ):
        worst = None
        for m in measures:
            if m.get(stated) is None or m.get(key) is None:
                continue
            if worst is None or float(m[key]) > float(worst[key]):
                worst = m
        value, lo, hi = _ci(worst, key) if worst is not None else (math.nan,) * 3
        out.update({key: value, key + "_lo": lo, key + "_hi": hi})
        out[stated] = float(worst[stated]) if worst is not None else math.nan
    return out
