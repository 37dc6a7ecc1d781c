"""What a scenario run reports: per capability (and the system) the probability it went down,
its downtime and time-to-recover distributions, failovers that ran and failed, what carried the
downtime, each fault's draws, and the timelines of the median and worst runs. Every figure is
over the runs, with its 95% interval, the seed and the run count."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from ..results.timeline import Timeline

Interval = Tuple[float, float]


@dataclass(frozen=True)
class Spread:
    """A distribution over runs, in minutes: mean with its t interval, quantiles with their
    order-statistic intervals, and the maximum."""

    mean: float
    mean_ci95: Interval
    median: float
    median_ci95: Interval
    p90: float
    p90_ci95: Interval
    p99: float
    p99_ci95: Interval
    max: float
    count: int  # runs it is taken over

    def to_dict(self) -> dict:
        return {
            "mean": self.mean,
            "mean_ci95": list(self.mean_ci95),
            "median": self.median,
            "median_ci95": list(self.median_ci95),
            "p90": self.p90,
            "p90_ci95": list(self.p90_ci95),
            "p99": self.p99,
            "p99_ci95": list(self.p99_ci95),
            "max": self.max,
            "runs": self.count,
        }


@dataclass(frozen=True)
class MeasureOutcome:
    """The system or one capability over the runs."""

    name: str
    p_down: float  # share of runs in which it was down at some moment of the window
    p_down_ci95: Interval
    downtime_minutes: Spread  # over every run (0 where it stayed up)
    recovery_minutes: Optional[Spread]  # first down to last back up, over the runs that recovered
    down_at_end: int  # runs still down when the window closed (their recovery is not counted)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "p_down": self.p_down,
            "p_down_ci95": list(self.p_down_ci95),
            "downtime_minutes": self.downtime_minutes.to_dict(),
            "recovery_minutes": self.recovery_minutes.to_dict() if self.recovery_minutes else None,
            "runs_down_at_end": self.down_at_end,
        }


@dataclass(frozen=True)
class FailoverOutcome:
    service: str
    per_run: float  # failovers that began, mean per run
    per_run_ci95: Interval
    p_failed: float  # share of runs in which at least one failover failed (manual recovery)
    p_failed_ci95: Interval
    failed_per_run: float

    def to_dict(self) -> dict:
        return {
            "service": self.service,
            "failovers_per_run": self.per_run,
            "failovers_per_run_ci95": list(self.per_run_ci95),
            "p_failed": self.p_failed,
            "p_failed_ci95": list(self.p_failed_ci95),
            "failed_per_run": self.failed_per_run,
        }


@dataclass(frozen=True)
class CauseShare:
    """System downtime charged to what began it: a fault, or an element failing at random."""

    cause: str
    injected: bool
    minutes_per_run: float
    minutes_per_run_ci95: Interval
    share: float

    def to_dict(self) -> dict:
        return {
            "cause": self.cause,
            "injected": self.injected,
            "minutes_per_run": self.minutes_per_run,
            "minutes_per_run_ci95": list(self.minutes_per_run_ci95),
            "share": self.share,
        }


@dataclass(frozen=True)
class FaultOutcome:
    name: str
    target: str  # "zone aws/us-east-1/use1-az1"
    applied: bool
    note: str
    duration: str  # as written
    mean_hours: float  # of its draws (0 when it never started in the window)
    choices: Dict[str, int]  # one_zone_of: runs per zone taken

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "target": self.target,
            "applied": self.applied,
            "note": self.note,
            "duration": self.duration,
            "mean_hours": self.mean_hours,
            "choices": dict(self.choices),
        }


@dataclass
class ScenarioResult:
    scenario: str
    model: str
    seed: int
    runs: int
    runs_asked: int
    background: bool
    timings: str
    window_hours: float
    warmup_hours: float
    stop_reason: str
    wall_seconds: float
    system: MeasureOutcome
    capabilities: Dict[str, MeasureOutcome]
    failovers: List[FailoverOutcome]
    causes: List[CauseShare]
    faults: List[FaultOutcome]
    median_run: Optional[Timeline] = None
    worst_run: Optional[Timeline] = None
    warnings: List[str] = field(default_factory=list)
    # Data loss needs data on services (replication, backups), which the model format does not
    # have yet: None, and said so.
    data_lost: Optional[float] = None

    @property
    def timelines(self) -> Dict[str, Timeline]:
        out = {}
        if self.median_run is not None:
            out["median"] = self.median_run
        if self.worst_run is not None:
            out["worst"] = self.worst_run
        return out

    def to_frame(self) -> Any:
        """One row per measure (system, then capabilities): P(down) and downtime in minutes."""
        import pandas as pd

        rows = []
        for m in [self.system, *self.capabilities.values()]:
            d = m.downtime_minutes
            rows.append(
                {
                    "measure": m.name,
                    "p_down": m.p_down,
                    "p_down_lo": m.p_down_ci95[0],
                    "p_down_hi": m.p_down_ci95[1],
                    "downtime_mean_min": d.mean,
                    "downtime_mean_lo": d.mean_ci95[0],
                    "downtime_mean_hi": d.mean_ci95[1],
                    "downtime_median_min": d.median,
                    "downtime_p90_min": d.p90,
                    "downtime_p99_min": d.p99,
                    "downtime_max_min": d.max,
                    "recovery_median_min": m.recovery_minutes.median
                    if m.recovery_minutes
                    else None,
                    "runs_down_at_end": m.down_at_end,
                }
            )
        return pd.DataFrame(rows).set_index("measure")

    def to_dict(self) -> dict:
        return {
            "scenario": self.scenario,
            "model": self.model,
            "seed": self.seed,
            "runs": self.runs,
            "runs_asked": self.runs_asked,
            "background": "on" if self.background else "off",
            "timings": self.timings,
            "window_hours": self.window_hours,
            "warmup_hours": self.warmup_hours,
            "stop_reason": self.stop_reason,
            "wall_seconds": self.wall_seconds,
            "system": self.system.to_dict(),
            "capabilities": {k: v.to_dict() for k, v in self.capabilities.items()},
            "failovers": [f.to_dict() for f in self.failovers],
            "causes": [c.to_dict() for c in self.causes],
            "faults": [f.to_dict() for f in self.faults],
            "data_lost": self.data_lost,
            "data_lost_note": "not modelled: services do not declare their data yet",
            "timelines": {k: t.to_dict() for k, t in self.timelines.items()},
            "warnings": list(self.warnings),
        }

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def __repr__(self) -> str:
        s = self.system
        return (
            f"<ScenarioResult {self.scenario!r} on {self.model!r}: P(down) {s.p_down:.3f}, "
            f"mean downtime {s.downtime_minutes.mean:.1f} min over {self.runs} runs>"
        )

    def _repr_html_(self) -> str:
        return self.to_frame().to_html()
