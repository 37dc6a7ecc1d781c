"""A replay of incidents against one design, as text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _core
from .text import table

if TYPE_CHECKING:  # pragma: no cover
    from ..scenarios.replay import ReplayResult
    from ..scenarios.trace import TraceFigure, TraceReplay


def format_replay(result: ReplayResult) -> str:
    r = result
    out = [
        f"replay: {r.model} through {len(r.rows)} incidents ({r.runs:,} runs each, "
        f"seed {r.seed}; background off unless asked)",
        "",
    ]
    rows = []
    for row in r.rows:
        minutes = (
            (f"{row.downtime_minutes:.3g} [{row.downtime_ci95[0]:.3g}, {row.downtime_ci95[1]:.3g}]")
            if row.p_down > 0
            else "0"
        )
        rows.append(
            [
                row.date,
                row.incident.removeprefix(row.date).strip()[:52],
                row.verdict,
                f"{row.p_down:.2f}",
                minutes,
                row.carried_by,
            ]
        )
    out += table(
        rows,
        ["date", "incident", "verdict", "P(down)", "downtime min [95%]", "carried by"],
        align_right=(3, 4),
    )
    lo, hi = r.total_ci95
    out += [
        "",
        f"total: {r.total_minutes:,.1f} minutes down across the incidents [{lo:,.1f}, {hi:,.1f}]",
        f"'failover saved it': {r.verdict_rule}; 'not in this design': none of the "
        "incident's targets is in the model.",
    ]
    return "\n".join(out) + "\n"


def format_trace_replay(result: TraceReplay) -> str:
    r, t = result, result.trace
    years = t.span_hours / _core.HOURS_PER_YEAR
    out = [
        f"trace replay: {r.model} over {t.source}",
        f"span: {t.start:%Y-%m-%d} to {t.end:%Y-%m-%d} ({years:.2f} years), {t.rows:,} rows, "
        f"{len(t.faults):,} faults on {t.provider}; {r.runs:,} runs (seed {r.seed})",
        "",
        "rows:",
    ]
    out += [f"  {n:6,}  {what}" for what, n in sorted(t.counts.items())]
    if t.unknown_regions:
        listed = ", ".join(f"{k} ({v})" for k, v in sorted(t.unknown_regions.items()))
        out.append(f"          unknown regions skipped: {listed}")
    rows = [
        ["replayed (the record)", *_trace_cells(r.replayed)],
        ["predicted (the catalog)", *_trace_cells(r.predicted)],
    ]
    rows += [[f"  capability {k}, replayed", *_trace_cells(v)] for k, v in r.capabilities.items()]
    out += [""]
    out += table(rows, ["", "availability [95%]", "downtime min/yr [95%]"], align_right=(1, 2))
    out += [
        "",
        "replayed: the record drives the provider's regions, zones and regional services; "
        "everything else fails at random. predicted: " + r.predicted_method + ", the catalog's "
        "processes over the same span.",
    ]
    return "\n".join(out) + "\n"


def _trace_cells(f: TraceFigure) -> list:
    lo, hi = f.availability_ci95
    dlo, dhi = f.downtime_ci95
    return [
        f"{f.availability:.5f} [{lo:.5f}, {hi:.5f}]",
        f"{f.downtime_minutes_per_year:,.0f} [{dlo:,.0f}, {dhi:,.0f}]",
    ]
