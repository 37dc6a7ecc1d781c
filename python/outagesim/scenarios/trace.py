"""Trace replay: a design driven by a real record of outages (a provider's status-page events)
instead of the catalog's random processes for the provider's regions and zones, beside what the
catalog predicts for the same span.

How rows become faults (the rules of status_record.py, those the catalog was calibrated with;
docs/traces.md):
- rows in ``global`` and control-plane-only rows are not mapped (control planes are not modelled
  yet), nor rows without a duration: each is counted;
- per region, data-plane rows are grouped into incidents; an incident of at least
  REGION_SERVICES services is the region down from its first start to its last end;
- single-zone rows of the other incidents become one zone down (the zone named by the row, or
  one of the region's zones drawn per run, since status pages rarely say which);
- the remaining rows of a service with a catalog type (SERVICE_TYPES) become that regional
  service down for the row's duration; other services' rows are counted as not mapped;
- a region neither in the provider's catalog nor in the model is an error (a typo, or a region
  the catalog lacks), unless the caller asks to skip such rows: then they are counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

from .. import _core
from ..errors import ModelError, Problem
from ..model.load import ModelSource, as_architecture
from .format import FORMAT, Scenario, read_scenario
from .resolve import catalog_regions
from .result import ScenarioResult
from .run import scenario
from .status_record import (
    REGION_SERVICES,
    SERVICE_TYPES,
    Event,
    cluster,
    is_control_plane_only,
    read_events,
)

HOURS_PER_YEAR: float = _core.HOURS_PER_YEAR
MINUTES_PER_YEAR: float = _core.MINUTES_PER_YEAR


@dataclass
class Trace:
    """A record read and mapped to faults of one provider."""

    source: str
    provider: str
    start: dt.datetime
    end: dt.datetime
    rows: int
    counts: Dict[str, int]  # rows per fate: mapped kinds and reasons for not mapping
    unknown_regions: Dict[str, int]
    faults: List[Dict[str, Any]] = field(default_factory=list)  # scenario fault documents

    @property
    def span_hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600.0

    def to_scenario(self) -> Scenario:
        document = {
            "format": FORMAT,
            "name": f"trace {Path(self.source).name}",
            "description": f"{self.rows} rows of {self.source}, {self.start:%Y-%m-%d} to "
            f"{self.end:%Y-%m-%d}",
            "background": "on",
            "faults": self.faults,
        }
        return read_scenario(document, self.source)


def _fault(
    name: str, target: Dict[str, str], start: dt.datetime, origin: dt.datetime, minutes: float
) -> Dict[str, Any]:
    offset = max(0.0, (start - origin).total_seconds())
    return {
        "name": name,
        "target": target,
        "start": f"{offset:.0f}s",
        # A fault of zero length changes nothing; a record's rounding to whole minutes stays.
        "duration": f"{max(minutes, 1.0 / 60.0) * 60.0:.0f}s",
    }


def load_trace(
    path: Union[str, Path],
    model_regions: Optional[List[str]] = None,
    provider: str = "aws",
    skip_unknown_regions: bool = False,
    until: Optional[dt.datetime] = None,
) -> Trace:
    """Read a record and map its rows to faults on ``provider``'s regions and zones.

    ``model_regions``: region codes the model has under the provider (they count as known even
    when the catalog lacks them). ``until``: rows starting at or after it are left out, and the
    span ends there (default: the last row's end)."""
    source = str(path)
    events = read_events(path)
    if until is not None:
        events = [e for e in events if e.start < until]
    if not events:
        raise ModelError.single(source, "", "no events (before --until); expected at least one row")
    counts: Dict[str, int] = {}

    def count(key: str, n: int = 1) -> None:
        counts[key] = counts.get(key, 0) + n

    catalog = {path.split("/", 1)[1] for path in catalog_regions(provider)}
    known = catalog | set(model_regions or [])
    unknown: Dict[str, int] = {}
    by_region: Dict[str, List[Event]] = {}
    for e in events:
        if e.region == "global":
            count("not mapped: global service")
        elif is_control_plane_only(e):
            count("not mapped: control plane only")
        elif e.region not in known:
            unknown[e.region] = unknown.get(e.region, 0) + 1
        elif e.minutes is None:
            count("skipped: no duration")
        else:
            by_region.setdefault(e.region, []).append(e)
    if unknown and not skip_unknown_regions:
        first = {r: min(e.line for e in events if e.region == r) for r in unknown}
        raise ModelError(
            "",
            [
                Problem(
                    source,
                    f"line {first[r]}",
                    f"region {r!r} ({n} row(s)) is neither in the "
                    f"{provider} catalog nor in the model; expected one of "
                    f"{', '.join(sorted(known))}, or skip such rows (skip_unknown_regions, "
                    "--skip-unknown-regions)",
                )
                for r, n in sorted(unknown.items())
            ],
        )
    if unknown:
        count("skipped: unknown region", sum(unknown.values()))

    origin = events[0].start
    end = until or max(e.end for e in events)
    faults: List[Dict[str, Any]] = []
    for region, region_events in sorted(by_region.items()):
        path_ = f"{provider}/{region}"
        rest: List[Event] = []
        for incident in cluster(region_events):
            if len(incident.services) >= REGION_SERVICES:
                faults.append(
                    _fault(
                        f"{region} {incident.start:%Y-%m-%d %H:%M} region",
                        {"region": path_},
                        incident.start,
                        origin,
                        incident.minutes or 0.0,
                    )
                )
                count("mapped: region down", len(incident.events))
            else:
                rest.extend(incident.events)
        single = [e for e in rest if e.single_zone]
        for incident in cluster(single):
            named = {e.zone for e in incident.events if e.zone}
            target = (
                {"zone": f"{path_}/{named.pop()}"} if len(named) == 1 else {"one_zone_of": path_}
            )
            faults.append(
                _fault(
                    f"{region} {incident.start:%Y-%m-%d %H:%M} zone",
                    target,
                    incident.start,
                    origin,
                    incident.minutes or 0.0,
                )
            )
            count("mapped: zone down", len(incident.events))
        for e in rest:
            if e.single_zone:
                continue
            if e.service in SERVICE_TYPES:
                faults.append(
                    _fault(
                        f"{region} {e.start:%Y-%m-%d %H:%M} {e.service}",
                        {"regional_service": f"{path_}/{SERVICE_TYPES[e.service]}"},
                        e.start,
                        origin,
                        e.minutes or 0.0,
                    )
                )
                count("mapped: regional service down")
            else:
                count("not mapped: service without a catalog type")
    names: Dict[str, int] = {}
    for f in faults:  # names must be unique: two rows of one minute and service
        n = names[f["name"]] = names.get(f["name"], 0) + 1
        if n > 1:
            f["name"] = f"{f['name']} #{n}"
    if not faults:
        raise ModelError.single(
            source,
            "",
            "no row maps to a region, zone or regional service "
            "down (see docs/traces.md for the mapping)",
        )
    return Trace(source, provider, origin, end, len(events), counts, unknown, faults)


@dataclass
class TraceFigure:
    """Availability over the trace's span, with its interval, and the same as downtime."""

    availability: float
    availability_ci95: Tuple[float, float]
    downtime_minutes_per_year: float
    downtime_ci95: Tuple[float, float]

    def to_dict(self) -> dict:
        return {
            "availability": self.availability,
            "availability_ci95": list(self.availability_ci95),
            "downtime_minutes_per_year": self.downtime_minutes_per_year,
            "downtime_minutes_per_year_ci95": list(self.downtime_ci95),
        }


@dataclass
class TraceReplay:
    model: str
    trace: Trace
    seed: int
    runs: int
    replayed: TraceFigure  # the record drives the provider's regions, zones and services
    predicted: TraceFigure  # the catalog's random processes over the same span
    predicted_method: str
    capabilities: Dict[str, TraceFigure]
    result: ScenarioResult

    def to_dict(self) -> dict:
        t = self.trace
        return {
            "model": self.model,
            "trace": t.source,
            "provider": t.provider,
            "start": t.start.isoformat(),
            "end": t.end.isoformat(),
            "span_years": t.span_hours / HOURS_PER_YEAR,
            "rows": t.rows,
            "row_counts": dict(t.counts),
            "unknown_regions": dict(t.unknown_regions),
            "faults": len(t.faults),
            "seed": self.seed,
            "runs": self.runs,
            "replayed": self.replayed.to_dict(),
            "predicted": self.predicted.to_dict(),
            "predicted_method": self.predicted_method,
            "capabilities": {k: v.to_dict() for k, v in self.capabilities.items()},
        }


def _figure(mean_minutes: float, ci: Tuple[float, float], span_hours: float) -> TraceFigure:
    per_year = HOURS_PER_YEAR / span_hours
    span_minutes = span_hours * 60.0
    return TraceFigure(
        1.0 - mean_minutes / span_minutes,
        (1.0 - ci[1] / span_minutes, 1.0 - ci[0] / span_minutes),
        mean_minutes * per_year,
        (ci[0] * per_year, ci[1] * per_year),
    )


def replay_trace(
    model: ModelSource,
    path: Union[str, Path],
    runs: int = 200,
    seed: int = 1,
    background: bool = True,
    provider: str = "aws",
    skip_unknown_regions: bool = False,
    until: Optional[dt.datetime] = None,
    threads: Optional[int] = None,
    max_time: Optional[str] = "120s",
) -> TraceReplay:
    """Replay ``model`` over a record (docs/traces.md): the provider's domains and regional
    services go down as the record says (their random processes are off), everything else keeps
    failing at random (``background``); beside it, Monte Carlo over the same span with the
    catalog's processes."""
    from ..run import evaluate

    arch = as_architecture(model)
    regions = [
        d.name for d in arch.domains if d.level == "region" and d.path.startswith(provider + "/")
    ]
    trace = load_trace(path, regions, provider, skip_unknown_regions, until)
    plan = arch._plan
    names, kinds = list(plan.element_name), list(plan.element_kind)
    prefix = provider + "/"
    quiet = [
        e
        for e in range(len(names))
        if (
            kinds[e] in ("provider", "region", "zone")
            and (names[e] == provider or names[e].startswith(prefix))
        )
        or (kinds[e] == "regional_service" and names[e].startswith(prefix))
    ]
    span = trace.span_hours
    result = scenario(
        arch,
        trace.to_scenario(),
        runs=runs,
        seed=seed,
        background=background,
        window=span,
        threads=threads,
        max_time=max_time,
        strict=False,
        quiet_elements=quiet,
        timelines=False,
    )
    replayed = _figure(
        result.system.downtime_minutes.mean, result.system.downtime_minutes.mean_ci95, span
    )
    capabilities = {
        k: _figure(m.downtime_minutes.mean, m.downtime_minutes.mean_ci95, span)
        for k, m in result.capabilities.items()
    }
    predicted = evaluate(
        arch, method="mc", seed=seed, horizon=span, threads=threads, max_time=max_time or "60s"
    )
    u = float(predicted.unavailability)
    lo, hi = predicted.unavailability_ci95 or (u, u)
    a_lo, a_hi = predicted.availability_ci95 or (1.0 - u, 1.0 - u)
    figure = TraceFigure(
        1.0 - u, (a_lo, a_hi), u * MINUTES_PER_YEAR, (lo * MINUTES_PER_YEAR, hi * MINUTES_PER_YEAR)
    )
    return TraceReplay(
        arch.name,
        trace,
        seed,
        result.runs,
        replayed,
        figure,
        predicted.method_reason,
        capabilities,
        result,
    )
