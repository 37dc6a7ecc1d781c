"""The side-by-side table of compare() as text: one column per design, one line per figure."""

from __future__ import annotations

import math

from .text import fmt_hours, fmt_usd


def format_compare(frame) -> str:
    """The side-by-side table as text: one column per design, one line per figure."""

    def ci(r, key, fmt):
        v, lo, hi = r[key], r.get(key + "_lo"), r.get(key + "_hi")
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return "n/a"
        text = fmt(v)
        if lo is not None and hi is not None and not (math.isnan(lo) or math.isnan(hi)):
            if lo != hi:
                text += f" [{fmt(lo)}, {fmt(hi)}]"
        return text

    def pct(x):
        return f"{100 * x:.4f}%"

    def num(x):
        return "inf" if math.isinf(x) else f"{x:.2f}"

    def mins(x):
        return f"{x:,.0f} min"

    def prob(x):
        return f"{x:.3f}"

    def usd(x):
        return fmt_usd(x)

    def objective(r, name, key, fmt):
        """How often a design misses its objective `name` (rto or rpo), or "no RTO"."""
        stated = r[name + "_hours"]
        if math.isnan(stated):
            return f"no {name.upper()}"
        return f"{ci(r, key, fmt)} (> {fmt_hours(stated)})"

    lines = [
        ("availability", lambda r: ci(r, "availability", pct)),
        ("nines", lambda r: ci(r, "nines", num)),
        ("downtime / year", lambda r: ci(r, "downtime_minutes_per_year", mins)),
        (
            "worst year (p99)",
            lambda r: (
                "n/a"
                if math.isnan(r["worst_year_downtime_minutes"])
                else mins(r["worst_year_downtime_minutes"])
            ),
        ),
        ("incidents / year", lambda r: ci(r, "incidents_per_year", num)),
        ("in full", lambda r: ci(r, "full_availability", pct)),
        ("value-weighted", lambda r: ci(r, "value_weighted_availability", pct)),
        ("data-loss events / yr", lambda r: ci(r, "data_loss_events_per_year", num)),
        ("writes lost / yr", lambda r: ci(r, "data_minutes_lost_per_year", mins)),
        ("incidents over RTO", lambda r: objective(r, "rto", "incidents_over_rto_share", prob)),
        ("losses over RPO / yr", lambda r: objective(r, "rpo", "losses_over_rpo_per_year", num)),
        (
            "P(SLA window breached)",
            lambda r: (
                "no SLA"
                if math.isnan(r["sla_target"])
                else f"{ci(r, 'sla_breach_probability', prob)} "
                f"({fmt_hours(r['sla_window_hours'])} < {100 * r['sla_target']:g}%)"
            ),
        ),
        ("infrastructure / yr", lambda r: usd(r["infra_cost_per_year"])),
        ("downtime cost / yr", lambda r: ci(r, "downtime_cost_per_year", usd)),
        ("SLA credits / yr", lambda r: ci(r, "credits_per_year", usd)),
        ("total / yr", lambda r: ci(r, "total_cost_per_year", usd)),
        ("cost per extra nine", lambda r: ci(r, "extra_cost_per_nine", usd)),
        ("", lambda r: r["extra_nine_note"]),
        ("method", lambda r: f"{r['method']} (seed {r['seed']}, {r['replications']} repl.)"),
    ]
    records = [dict(frame.loc[name], design=name) for name in frame.index]
    cells = [[label] + [str(f(r)) for r in records] for label, f in lines]
    # Data and objectives only where some design states them.
    optional = {"data-loss events / yr", "writes lost / yr", "incidents over RTO"}
    optional.update({"losses over RPO / yr", "in full", "value-weighted"})
    absent = {"n/a", "no RTO", "no RPO"}
    cells = [row for row in cells if row[0] not in optional or set(row[1:]) - absent]
    header = [""] + [str(r["design"]) for r in records]
    widths = [max(len(row[i]) for row in cells + [header]) for i in range(len(header))]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    for row in cells:
        out.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    notes = sorted({w for r in records for w in str(r.get("warnings") or "").split(" | ") if w})
    if notes:
        out.append("")
        out.extend(f"warning: {w}" for w in notes)
    out.append("")
    out.append(
        "Intervals are 95%. Designs share their random numbers (same seed, one stream per "
        "element), so differences between them are differences of design."
    )
    return "\n".join(out) + "\n"
