"""A replay of incidents against one design, as text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .text import table

if TYPE_CHECKING:  # pragma: no cover
    from ..scenarios.replay import ReplayResult


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
