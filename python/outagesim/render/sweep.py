"""A sweep as text: one line per variant, the frontier and the cheapest meeting the target marked."""

from __future__ import annotations

import math

from .text import fmt_usd


def format_sweep(frame) -> str:
    """The sweep as text: one line per variant, frontier and cheapest-meeting-target marked."""
    basis = frame.attrs.get("cost_basis", "total_cost_per_year")
    target = frame.attrs.get("target")
    lines = []
    header = f"{'':2} {'#':>4}  {'availability [95%]':<32} {'nines':>5}  {'infra/yr':>10}  {'total/yr [95%]':<30}  variant"
    lines.append(header)
    for _, r in frame.iterrows():
        mark = ("*" if r["pareto"] else " ") + (
            "<" if target is not None and r.get("cheapest_meeting_target") else " "
        )
        a = f"{100 * r['availability']:.4f}% [{100 * r['availability_lo']:.4f}, {100 * r['availability_hi']:.4f}]"
        t = (
            "n/a"
            if math.isnan(r["total_cost_per_year"])
            else f"{fmt_usd(r['total_cost_per_year'])} [{fmt_usd(r['total_cost_per_year_lo'], '')}, "
            f"{fmt_usd(r['total_cost_per_year_hi'], '')}]"
        )
        n = "inf" if math.isinf(r["nines"]) else f"{r['nines']:.2f}"
        lines.append(
            f"{mark} {int(r['variant']):>4}  {a:<32} {n:>5}  {fmt_usd(r['infra_cost_per_year']):>10}  {t:<30}  {r['label']}"
        )
    lines.append("")
    lines.append(
        f"* Pareto frontier of {'total expected' if basis.startswith('total') else 'infrastructure'} "
        "annual cost versus availability"
    )
    if target is not None:
        chosen = frame[frame["cheapest_meeting_target"]]
        if len(chosen):
            r = chosen.iloc[0]
            sure = (
                ""
                if r["meets_target_surely"]
                else " (its 95% interval reaches below the target: run with a smaller --rel-error)"
            )
            lines.append(
                f"< cheapest variant meeting {100 * target:g}%: #{int(r['variant'])} {r['label']}{sure}"
            )
        else:
            best = frame.loc[frame["availability"].idxmax()]
            lines.append(
                f"no variant meets {100 * target:g}%; the most available is #{int(best['variant'])} "
                f"at {100 * best['availability']:.4f}%"
            )
    return "\n".join(lines) + "\n"
