"""A scenario result as text for the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Tuple

from .text import fmt_hours, table
from .timeline import timeline_text

if TYPE_CHECKING:  # pragma: no cover
    from ..scenarios.result import MeasureOutcome, ScenarioResult, Spread


def with_interval(value: float, ci: Tuple[float, float], fmt: str = ".3g") -> str:
    return f"{value:{fmt}} [{ci[0]:{fmt}}, {ci[1]:{fmt}}]"


def _minutes(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.3g}"


def _measure_row(label: str, m: MeasureOutcome) -> List[str]:
    d: Spread = m.downtime_minutes
    r = m.recovery_minutes
    return [
        label,
        with_interval(m.p_down, m.p_down_ci95, ".3f"),
        with_interval(d.mean, d.mean_ci95),
        _minutes(d.median),
        _minutes(d.p90),
        _minutes(d.p99),
        _minutes(d.max),
        _minutes(r.median if r else None),
        str(m.down_at_end),
    ]


def format_scenario(result: ScenarioResult, timeline_lines: int = 40) -> str:
    r = result
    background = f"on (warm-up {fmt_hours(r.warmup_hours)})" if r.background else "off"
    out = [
        f"scenario: {r.scenario}",
        f"model:    {r.model}",
        f"runs:     {r.runs:,} (seed {r.seed}; {r.stop_reason}), background {background}, "
        f"timings {r.timings}, window {fmt_hours(r.window_hours)}",
        "",
        "faults:",
    ]
    for f in r.faults:
        note = "" if f.applied else f"  NOT APPLIED: {f.note}"
        out.append(
            f"  {f.name}: {f.target}, {f.duration} (mean drawn {fmt_hours(f.mean_hours)}){note}"
        )
        for zone, n in sorted(f.choices.items()):
            out.append(f"    took {zone} in {n:,} runs")
    out += ["", "what went down (downtime and time to recover in minutes; 95% intervals):"]
    rows = [_measure_row("system", r.system)]
    rows += [_measure_row(f"capability {k}", m) for k, m in r.capabilities.items()]
    out += table(
        rows,
        [
            "",
            "P(down)",
            "downtime mean",
            "median",
            "p90",
            "p99",
            "max",
            "recover median",
            "down at end",
        ],
        align_right=range(1, 9),
    )
    if r.failovers:
        out += ["", "failovers (per run; failed = went to manual recovery):"]
        out += table(
            [
                [
                    f.service,
                    with_interval(f.per_run, f.per_run_ci95, ".2f"),
                    with_interval(f.p_failed, f.p_failed_ci95, ".3f"),
                ]
                for f in r.failovers
            ],
            ["service", "failovers per run", "P(a failover failed)"],
            align_right=(1, 2),
        )
    if r.causes:
        out += ["", "system downtime by what began it (minutes per run):"]
        out += table(
            [
                [
                    c.cause,
                    "injected" if c.injected else "random",
                    with_interval(c.minutes_per_run, c.minutes_per_run_ci95),
                    f"{c.share:.0%}",
                ]
                for c in r.causes[:10]
            ],
            ["cause", "", "minutes per run", "share"],
            align_right=(2, 3),
        )
    out += ["", "data lost: not modelled (services do not declare their data yet)"]
    for label, t in (("median", r.median_run), ("worst", r.worst_run)):
        if t is None or (
            label == "worst" and r.median_run is not None and t.run == r.median_run.run
        ):
            continue
        out += [
            "",
            f"timeline of the {label} run (run {t.run}, system down "
            f"{t.down_hours() * 60:.3g} min):",
        ]
        out += timeline_text(t, timeline_lines)
    for w in r.warnings:
        out.append(f"warning: {w}")
    return "\n".join(out) + "\n"
