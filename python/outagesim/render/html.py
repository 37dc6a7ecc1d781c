"""HTML tables of a result and its business impact, for notebooks (plain data in, HTML out)."""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING, Any, Dict

from .. import _core
from .text import _pair, fmt_avail, fmt_hours, fmt_num, fmt_usd

if TYPE_CHECKING:
    from ..results.result import Result


def _num(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) else math.nan


def _nines_value(value: Any) -> float:
    # JSON has no infinity: the engine writes the nines of an availability of 1 as null.
    return math.inf if value is None else float(value)


def _weighted_nines(availability: float) -> float:
    # The core writes no nines for the traffic-weighted availability (a weighted mean of the
    # capabilities' figures); the column shows its -log10(1 - A) like the rows above.
    return math.inf if availability >= 1.0 else -math.log10(1.0 - availability)


def _fmt_ci(value: Any, ci: Any, fmt) -> str:
    """``value [lo, hi]``; an exact figure (lo == hi == value) without its degenerate interval."""
    text = fmt(value)
    pair = _pair(ci)
    if pair is not None and not (pair[0] == pair[1] == value):
        text += f" <small>[{fmt(pair[0])}, {fmt(pair[1])}]</small>"
    return text


def _result_html(result: Result) -> str:
    e = html.escape
    d = result._data
    exact = d.get("method") == "exact"
    name = d.get("model", "")
    out = [
        f"<div><b>{e(str(name))}</b> &mdash; {e(str(d.get('method_reason') or d.get('method')))}"
    ]
    header = (
        "<table><thead><tr><th>measure</th><th>availability [95% CI]</th><th>nines</th>"
        "<th>downtime min/yr</th><th>worst years p90 / p99</th><th>incidents/yr</th>"
        "<th>mean incident</th></tr></thead><tbody>"
    )
    out.append(header)

    def minutes(x: Any) -> str:
        return fmt_num(x, ".3g")

    def measure_row(label: str, m: Dict[str, Any]) -> str:
        year = m.get("downtime_minutes_per_year_distribution") or {}
        worst = (
            f"{minutes(year.get('p90'))} / {minutes(year.get('p99'))}"
            if year.get("count")
            else "&ndash;"
        )
        nines = m.get("nines")
        nines_ci = m.get("nines_ci95")
        return (
            f"<tr><td>{e(label)}</td>"
            f"<td>{_fmt_ci(m.get('availability'), m.get('availability_ci95'), fmt_avail)}</td>"
            f"<td>{_fmt_ci(_nines_value(nines), nines_ci, lambda x: fmt_num(x, '.2f'))}</td>"
            f"<td>{_fmt_ci(m.get('downtime_minutes_per_year'), m.get('downtime_minutes_per_year_ci95'), minutes)}</td>"
            f"<td>{worst}</td>"
            f"<td>{_fmt_ci(m.get('incidents_per_year'), m.get('incidents_per_year_ci95'), lambda x: fmt_num(x, '.3g'))}</td>"
            f"<td>{_fmt_ci(m.get('mean_incident_hours'), m.get('mean_incident_hours_ci95'), fmt_hours)}</td></tr>"
        )

    out.append(measure_row("system (every capability)", d))
    for cap_name, cap in result.capabilities.items():
        out.append(measure_row(f"{cap_name} (weight {cap.get('weight', 0):g})", cap._data))
    w = d.get("weighted_availability")
    if w is not None and result.capabilities:
        out.append(
            f"<tr><td>traffic-weighted</td><td>{_fmt_ci(w, d.get('weighted_availability_ci95'), fmt_avail)}</td>"
            f"<td>{fmt_num(_weighted_nines(w), '.2f')}</td><td>{minutes((1 - w) * _core.MINUTES_PER_YEAR)}</td>"
            "<td></td><td></td><td></td></tr>"
        )
    out.append("</tbody></table>")
    rows = result.attribution[:8]
    if rows:
        out.append(
            "<b>Where the downtime comes from</b><table><thead><tr><th>element</th><th>level</th>"
            "<th>min/yr [95% CI]</th><th>share</th></tr></thead><tbody>"
        )
        for row in rows:
            out.append(
                f"<tr><td>{e(str(row.get('element')))}</td><td>{e(str(row.get('level')))}</td>"
                f"<td>{_fmt_ci(row.get('minutes_per_year'), row.get('minutes_per_year_ci95'), minutes)}</td>"
                f"<td>{fmt_num((row.get('share') or 0) * 100, '.1f')}%</td></tr>"
            )
        out.append("</tbody></table>")
    if exact:
        prov = f"exact ({e(str(d.get('solver', '')))})"
    else:
        prov = (
            f"Monte Carlo: seed {d.get('seed')}, {d.get('replications', 0):,} replications, "
            f"{fmt_num(d.get('simulated_years'), ',.0f')} simulated years, "
            f"{fmt_num(d.get('wall_seconds'), '.2g')} s, {e(str(d.get('stop_reason', '')))}"
        )
    out.append(f"<small>{prov}</small>")
    business = result.business
    if business is not None:
        out.append(f"<br><small>{_business_html(business)}</small>")
    for warning in result.warnings:
        out.append(f"<br><small>&#9888; {e(warning)}</small>")
    out.append("</div>")
    return "".join(out)


def _business_html(business: Dict[str, Any]) -> str:
    """One line of the business impact: downtime cost, SLA breach, credits, total (USD/yr)."""

    def usd(data: Dict[str, Any], key: str) -> str:
        value = data.get(key)
        if value is None:
            return "unknown"
        return _fmt_ci(value, data.get(key + "_ci95"), fmt_usd)

    parts = []
    if business.get("downtime_cost_per_hour") is not None:
        parts.append(f"downtime {usd(business, 'downtime_cost_per_year')}")
    sla = business.get("sla") or {}
    if sla:
        p = sla.get("breach_probability")
        ci = _pair(sla.get("breach_probability_ci95"))
        breach = "unknown" if p is None else f"{p:.4f}"
        if p is not None and ci is not None:
            breach += f" [{ci[0]:.4f}, {ci[1]:.4f}]"
        parts.append(
            f"SLA breach per {_num(sla.get('window_hours')):g} h window {breach}, "
            f"credits {usd(sla, 'credits_per_year')}"
        )
    parts.append(f"total expected {usd(business, 'total_per_year')}")
    return "<b>Cost per year</b>: " + "; ".join(parts)
