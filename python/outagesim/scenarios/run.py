"""outagesim.scenario: run a scenario many times against a model and summarise the runs."""

from __future__ import annotations

import numbers
from typing import Any, Dict, List, Optional, Sequence, Union

import numpy as np

from .. import _core
from ..model.load import ModelSource, as_architecture
from ..results.timeline import Timeline
from ..run.options import Duration, check_run_counts, parse_duration
from .format import Scenario, load_scenario
from .resolve import Resolved, resolve
from .result import (
    CauseShare,
    FailoverOutcome,
    FaultOutcome,
    MeasureOutcome,
    ScenarioResult,
    Spread,
)
from .stats import mean_interval, quantile_interval, wilson

MAX_RUNS = 10_000_000
# After the last fault is expected to end, the window goes on this long, so that recoveries
# that come later (a failed failover's manual recovery, a failback) are inside it.
RECOVERY_MARGIN_HOURS = 12.0

ScenarioSource = Union[Scenario, str, Dict[str, Any]]


def default_window_hours(scenario: Scenario) -> float:
    """The latest end of any fault at mean durations, plus RECOVERY_MARGIN_HOURS."""
    by_name = {f.name: f for f in scenario.faults}
    ends: Dict[str, float] = {}

    def end(name: str) -> float:
        if name not in ends:
            f = by_name[name]
            start = end(f.after) + f.delay_hours if f.after else f.start_hours
            ends[name] = start + float(f.duration.mean)
        return ends[name]

    return max(end(f.name) for f in scenario.faults) + RECOVERY_MARGIN_HOURS


def _spread(minutes: np.ndarray) -> Spread:
    mean, lo, hi = mean_interval(minutes)
    med = quantile_interval(minutes, 0.5)
    p90 = quantile_interval(minutes, 0.9)
    p99 = quantile_interval(minutes, 0.99)
    return Spread(
        mean,
        (lo, hi),
        med[0],
        med[1:],
        p90[0],
        p90[1:],
        p99[0],
        p99[1:],
        float(minutes.max()) if minutes.size else 0.0,
        int(minutes.size),
    )


# The engine's per-run, per-measure figures, each read once into a runs x measures array.
_PER_MEASURE = ("downtime_hours", "first_down_hours", "last_up_hours", "down_at_end")


def _measure(name: str, m: int, per_measure: Dict[str, np.ndarray]) -> MeasureOutcome:
    down = per_measure["downtime_hours"][:, m] * 60.0
    first = per_measure["first_down_hours"][:, m]
    last = per_measure["last_up_hours"][:, m]
    at_end = per_measure["down_at_end"][:, m]
    runs = down.size
    went_down = first >= 0
    k = int(went_down.sum())
    recovered = went_down & ~at_end
    recovery = (last[recovered] - first[recovered]) * 60.0
    return MeasureOutcome(
        name,
        k / runs,
        wilson(k, runs),
        _spread(down),
        _spread(recovery) if recovery.size else None,
        int(at_end.sum()),
    )


def _failovers(arch: Any, out: Dict[str, Any], runs: int) -> List[FailoverOutcome]:
    services = out["services"]
    started = np.asarray(out["failovers"]).reshape(runs, services)
    failed = np.asarray(out["failed_failovers"]).reshape(runs, services)
    result = []
    for s, info in enumerate(arch.services):
        if info.mode != "active_passive":
            continue
        mean, lo, hi = mean_interval(started[:, s])
        k = int((failed[:, s] > 0).sum())
        result.append(
            FailoverOutcome(
                info.name, mean, (lo, hi), k / runs, wilson(k, runs), float(failed[:, s].mean())
            )
        )
    return result


def _causes(
    resolved: Resolved, names: List[str], kinds: List[str], out: Dict[str, Any], runs: int
) -> List[CauseShare]:
    offsets = out["attribution_offsets"]
    per_cause: Dict[str, np.ndarray] = {}
    injected: Dict[str, bool] = {}
    for r in range(runs):
        for i in range(offsets[r], offsets[r + 1]):
            c = out["attribution_cause"][i]
            label = (
                f"fault {resolved.faults[-1 - c].spec.name}" if c < 0 else f"{kinds[c]} {names[c]}"
            )
            injected[label] = c < 0
            per_cause.setdefault(label, np.zeros(runs))[r] += out["attribution_hours"][i] * 60.0
    total = sum(float(v.sum()) for v in per_cause.values())
    rows = []
    for label, minutes in per_cause.items():
        mean, lo, hi = mean_interval(minutes)
        rows.append(
            CauseShare(
                label,
                injected[label],
                mean,
                (lo, hi),
                float(minutes.sum()) / total if total > 0 else 0.0,
            )
        )
    rows.sort(key=lambda c: -c.minutes_per_run)
    return rows


def _faults(resolved: Resolved, out: Dict[str, Any], runs: int) -> List[FaultOutcome]:
    n = out["faults"]
    start = np.asarray(out["fault_start_hours"]).reshape(runs, n)
    end = np.asarray(out["fault_end_hours"]).reshape(runs, n)
    choice = np.asarray(out["fault_choice"]).reshape(runs, n)
    result = []
    for f, rf in enumerate(resolved.faults):
        ended = end[:, f] >= 0
        lengths = end[ended, f] - start[ended, f]
        counts: Dict[str, int] = {}
        if len(rf.choices) > 1:
            for c in choice[:, f]:
                if c >= 0:
                    counts[rf.choice_names[c]] = counts.get(rf.choice_names[c], 0) + 1
        result.append(
            FaultOutcome(
                rf.spec.name,
                f"{rf.spec.target_kind} {rf.spec.target}",
                rf.applied,
                rf.note,
                rf.spec.duration_text,
                float(lengths.mean()) if lengths.size else 0.0,
                counts,
            )
        )
    return result


def _positive_int(value: Any, what: str, upper: int) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Integral)
        or not 1 <= int(value) <= upper
    ):
        raise ValueError(f"{what} must be an integer in [1, {upper:,}], not {value!r}")
    return int(value)


def scenario(
    model: ModelSource,
    scenario: ScenarioSource,
    runs: int = 1000,
    seed: int = 1,
    background: Optional[bool] = None,
    timings: str = "sampled",
    window: Optional[Duration] = None,
    threads: Optional[int] = None,
    max_time: Optional[Duration] = "60s",
    strict: bool = True,
    quiet_elements: Sequence[int] = (),
    timelines: bool = True,
) -> ScenarioResult:
    """Run ``scenario`` (a Scenario, a file, a dict or text) ``runs`` times against ``model``.

    ``background`` (default: the scenario's own setting) lets the rest of the model keep failing
    at random, from its long-run state; ``timings="mean"`` makes every duration its mean and
    every failover succeed (with ``runs=1`` and background off: one deterministic timeline).
    ``strict=False`` turns targets the model lacks into faults that change nothing (listed in
    ``faults``) instead of errors. The same seed gives the same result on any thread count."""
    arch = as_architecture(model)
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    check_run_counts(seed)
    runs = _positive_int(runs, "runs", MAX_RUNS)
    if timings not in ("sampled", "mean"):
        raise ValueError(f"timings must be 'sampled' or 'mean', not {timings!r}")
    window_hours = (
        parse_duration(window, "window")
        if window is not None
        else sc.window_hours or default_window_hours(sc)
    )
    if not window_hours > 0:
        raise ValueError("window must be a positive duration")
    seconds = parse_duration(max_time, "max_time") * 3600.0 if max_time is not None else 0.0
    use_background = sc.background if background is None else bool(background)
    resolved = resolve(sc, arch, strict=strict)
    plan = arch._plan
    faults = resolved.engine_faults()
    quiet = [int(e) for e in quiet_elements]
    out = _core.run_scenario(
        plan,
        faults,
        seed,
        runs,
        window_hours,
        use_background,
        quiet,
        timings,
        threads or 0,
        seconds,
    )
    done = int(out["runs"])
    names, kinds = list(plan.element_name), list(plan.element_kind)
    capability_names = [c.name for c in arch.capabilities]
    per_measure = {key: np.asarray(out[key]).reshape(done, out["measures"]) for key in _PER_MEASURE}
    system = _measure("system", 0, per_measure)
    capabilities = {
        name: _measure(name, 1 + k, per_measure) for k, name in enumerate(capability_names)
    }
    warnings = []
    if done < runs:
        warnings.append(f"{out['stop_reason']}: {done:,} of {runs:,} runs completed")
    for rf in resolved.not_applied:
        warnings.append(f"fault {rf.spec.name!r} changes nothing: {rf.note}")
    result = ScenarioResult(
        sc.name,
        arch.name,
        seed,
        done,
        runs,
        use_background,
        timings,
        window_hours,
        float(out["warmup_hours"]),
        str(out["stop_reason"]),
        float(out["wall_seconds"]),
        system,
        capabilities,
        _failovers(arch, out, done),
        _causes(resolved, names, kinds, out, done),
        _faults(resolved, out, done),
        warnings=warnings,
    )
    if timelines:
        down = per_measure["downtime_hours"][:, 0]
        order = np.argsort(down, kind="stable")
        median, worst = int(order[(done - 1) // 2]), int(order[-1])
        if down[worst] == down[order[0]]:
            worst = median  # every run alike: one timeline
        trace = _Tracer(
            arch, resolved, faults, seed, runs, window_hours, use_background, quiet, timings
        )
        result.median_run = trace(median)
        result.worst_run = trace(worst)
    return result


class _Tracer:
    """The timeline of one run, re-run with the same random numbers."""

    def __init__(
        self,
        arch: Any,
        resolved: Resolved,
        faults: List[Dict[str, Any]],
        seed: int,
        runs: int,
        window: float,
        background: bool,
        quiet: List[int],
        timings: str,
    ):
        self.arch, self.resolved, self.faults = arch, resolved, faults
        self.args = (seed, runs, window, background, quiet, timings)

    def __call__(self, run: int) -> Timeline:
        plan = self.arch._plan
        raw = _core.trace_scenario_run(plan, self.faults, *self.args, run)
        return Timeline.from_events(
            run,
            self.args[2],
            raw,
            list(plan.element_name),
            list(plan.element_kind),
            [s.name for s in self.arch.services],
            [c.name for c in self.arch.capabilities],
            [f.spec.name for f in self.resolved.faults],
        )
