"""The business impact of an evaluation (cost per year, SLA breach, credits) as text lines."""

from __future__ import annotations

from typing import Any, Dict

from .text import fmt_usd


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
