"""Replaying the incident library (or any set of scenario files) against a design: one row per
incident with what the design lost, what carried it and whether a failover saved it, and a total
across incidents; side by side for several designs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from ..errors import ModelError
from ..model.load import ModelSource, as_architecture
from ..model.paths import incidents_dir
from .format import Scenario, load_scenario
from .result import ScenarioResult
from .run import scenario

# A failover "saved it" when the incident reached the design, failovers ran, and the design was
# down for less than this share of the time the incident's faults lasted.
SAVED_SHARE = 0.5

Selection = Union[None, str, Sequence[str]]


def incidents(selection: Selection = None) -> List[Scenario]:
    """Incident scenarios: the bundled library (None), a directory of scenario files, or a list
    of files and library names ('aws-2017-02-28-s3-us-east-1', with or without .json; a comma-
    separated string works too). Sorted by date."""
    library = Path(incidents_dir())
    if selection is None:
        paths = sorted(library.glob("*.json")) + sorted(library.glob("*.yaml"))
    elif isinstance(selection, str) and Path(selection).is_dir():
        directory = Path(selection)
        paths = sorted(directory.glob("*.json")) + sorted(directory.glob("*.y*ml"))
        if not paths:
            raise ModelError.single(
                selection, "", "no scenario files (.json, .yaml) in this folder"
            )
    else:
        names = selection.split(",") if isinstance(selection, str) else list(selection)
        paths = []
        known = sorted(p.stem for p in library.glob("*.json"))
        for name in (n.strip() for n in names):
            candidate = Path(name)
            if candidate.is_file():
                paths.append(candidate)
                continue
            in_library = library / (name if name.endswith(".json") else f"{name}.json")
            if not in_library.is_file():
                from .format import did_you_mean

                raise ModelError.single(
                    name,
                    "",
                    "no such scenario file or library incident"
                    f"{did_you_mean(name, known)}; expected a file or one "
                    f"of: {', '.join(known)}",
                )
            paths.append(in_library)
    loaded = [load_scenario(str(p)) for p in paths]
    return sorted(loaded, key=lambda s: (s.incident.date if s.incident else "", s.name))


@dataclass(frozen=True)
class ReplayRow:
    incident: str  # the scenario's name
    date: str
    provider: str
    verdict: str  # "not in this design", "unaffected", "failover saved it", "down"
    p_down: float
    p_down_ci95: Tuple[float, float]
    downtime_minutes: float  # system, mean over runs
    downtime_ci95: Tuple[float, float]
    capability_minutes: Dict[str, float]
    carried_by: str  # what began most of the downtime, "" when none
    failovers: float  # per run, every service together
    failed_failovers: float
    incident_hours: float  # how long its applied faults lasted, mean over runs
    result: ScenarioResult

    def to_dict(self) -> dict:
        return {
            "incident": self.incident,
            "date": self.date,
            "provider": self.provider,
            "verdict": self.verdict,
            "p_down": self.p_down,
            "p_down_ci95": list(self.p_down_ci95),
            "downtime_minutes": self.downtime_minutes,
            "downtime_minutes_ci95": list(self.downtime_ci95),
            "capability_minutes": dict(self.capability_minutes),
            "carried_by": self.carried_by,
            "failovers_per_run": self.failovers,
            "failed_failovers_per_run": self.failed_failovers,
            "incident_hours": self.incident_hours,
        }


@dataclass
class ReplayResult:
    model: str
    seed: int
    runs: int
    rows: List[ReplayRow]

    @property
    def verdict_rule(self) -> str:
        return (
            f"failovers ran and the design was down for less than {SAVED_SHARE:.0%} of the "
            "time the incident lasted"
        )

    @property
    def total_minutes(self) -> float:
        return sum(r.downtime_minutes for r in self.rows)

    @property
    def total_ci95(self) -> Tuple[float, float]:
        """The incidents' runs are independent, so the half-widths add in quadrature."""
        half = math.sqrt(
            sum(((r.downtime_ci95[1] - r.downtime_ci95[0]) / 2) ** 2 for r in self.rows)
        )
        return (max(0.0, self.total_minutes - half), self.total_minutes + half)

    def to_frame(self) -> Any:
        import pandas as pd

        return pd.DataFrame(
            [{k: v for k, v in r.to_dict().items() if k != "capability_minutes"} for r in self.rows]
        ).set_index("incident")

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "seed": self.seed,
            "runs": self.runs,
            "incidents": [r.to_dict() for r in self.rows],
            "total_downtime_minutes": self.total_minutes,
            "total_downtime_minutes_ci95": list(self.total_ci95),
            "verdict_rule": f"failover saved it: {self.verdict_rule}",
        }


def _verdict(res: ScenarioResult, incident_hours: float, failovers: float) -> str:
    if not any(f.applied for f in res.faults):
        return "not in this design"
    if res.system.p_down == 0.0:
        return "unaffected"
    if failovers > 0 and res.system.downtime_minutes.mean < SAVED_SHARE * incident_hours * 60:
        return "failover saved it"
    return "down"


def _row(sc: Scenario, res: ScenarioResult) -> ReplayRow:
    applied = [f for f in res.faults if f.applied]
    hours = max((f.mean_hours for f in applied), default=0.0)
    failovers = sum(f.per_run for f in res.failovers)
    injected = [c for c in res.causes if c.injected]
    carried = injected[0].cause.removeprefix("fault ") if injected else ""
    d = res.system.downtime_minutes
    inc = sc.incident
    return ReplayRow(
        sc.name,
        inc.date if inc else "",
        inc.provider if inc else "",
        _verdict(res, hours, failovers),
        res.system.p_down,
        res.system.p_down_ci95,
        d.mean,
        d.mean_ci95,
        {k: m.downtime_minutes.mean for k, m in res.capabilities.items()},
        carried,
        failovers,
        sum(f.failed_per_run for f in res.failovers),
        hours,
        res,
    )


def replay(
    model: ModelSource,
    selection: Selection = None,
    runs: int = 500,
    seed: int = 1,
    background: bool = False,
    threads: Optional[int] = None,
    max_time: Optional[str] = "60s",
    scenarios: Optional[List[Scenario]] = None,
) -> ReplayResult:
    """Run ``model`` through every incident of ``selection`` (see :func:`incidents`).

    Targets the design does not have change nothing (the incident may not reach it at all);
    background failures are off by default, so each row is what the incident itself did."""
    arch = as_architecture(model)
    chosen = scenarios if scenarios is not None else incidents(selection)
    rows = [
        _row(
            sc,
            scenario(
                arch,
                sc,
                runs=runs,
                seed=seed,
                background=background,
                threads=threads,
                max_time=max_time,
                strict=False,
                timelines=False,
            ),
        )
        for sc in chosen
    ]
    return ReplayResult(arch.name, seed, runs, rows)


def replay_compare(
    models: Sequence[ModelSource], selection: Selection = None, **options: Any
) -> Any:
    """Designs side by side against the same incidents: a DataFrame of mean system downtime
    minutes per incident (rows) and design (columns), with a total row."""
    import pandas as pd

    chosen = incidents(selection)
    results = [replay(m, scenarios=chosen, **options) for m in models]
    frame = pd.DataFrame(
        {r.model: {row.incident: row.downtime_minutes for row in r.rows} for r in results}
    )
    frame.loc["total"] = [r.total_minutes for r in results]
    return frame
