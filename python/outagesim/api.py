"""evaluate() and analyze(): run the Monte Carlo engine or the exact solver on an Architecture."""

from __future__ import annotations

import json
from typing import Any, Callable, Optional, Union

from . import _core
from .architecture import Architecture
from .errors import ExactNotApplicable, SimulationError
from .model import ModelSource, load
from .results import Analysis, Result

Duration = Union[str, float, int]
METHODS = ("auto", "mc", "exact")
STARTS = ("all-up", "stationary")


def parse_duration(value: Duration, what: str = "duration") -> float:
    """Hours in a duration: a string with a unit ('1y', '60s') or a number of hours."""
    if isinstance(value, bool):
        raise ValueError(f"{what}: expected a duration such as '1y' or '60s', not {value!r}")
    if isinstance(value, (int, float)):
        if value < 0:
            raise ValueError(f"{what}: expected a non-negative duration, not {value!r}")
        return float(value)
    try:
        return _core.parse_duration(str(value).strip())
    except ValueError as error:
        raise ValueError(f"{what}: {error}") from None


def _architecture(model: ModelSource) -> Architecture:
    return model if isinstance(model, Architecture) else load(model)


def exact_applicability(model: ModelSource, assume_exponential: bool = False) -> dict:
    """Whether an exact answer exists: {'possible', 'solver', 'reason'}."""
    arch = _architecture(model)
    return dict(_core.exact_check(arch._plan, assume_exponential))


def evaluate(
    model: ModelSource,
    method: str = "auto",
    seed: int = 1,
    replications: Optional[int] = None,
    horizon: Duration = "1y",
    threads: Optional[int] = None,
    rel_error: float = 0.05,
    max_time: Duration = "60s",
    start: str = "all-up",
    progress: Union[bool, Callable[[int, float], Any]] = False,
    assume_exponential: bool = False,
) -> Result:
    """Availability, nines, downtime, incidents, per capability, and downtime attribution.

    ``method``: ``"mc"`` (Monte Carlo), ``"exact"`` (BDD or Markov chain; raises
    :class:`ExactNotApplicable` when none exists) or ``"auto"`` (exact when possible, else
    Monte Carlo; ``result.method_reason`` says which ran and why). Monte Carlo runs until the
    relative half-width of the unavailability interval reaches ``rel_error``, or ``max_time``
    passes, or exactly ``replications`` when ``rel_error`` is 0. The same ``seed`` gives the
    same figures on any number of ``threads``. ``progress=True`` reports progress on stderr
    for runs longer than a second; a callable gets ``(replications, rel_error)``.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if start not in STARTS and start != "all_up":
        raise ValueError(f"start must be 'all-up' or 'stationary', not {start!r}")
    arch = _architecture(model)
    plan = arch._plan

    reason = ""
    if method in ("auto", "exact"):
        check = _core.exact_check(plan, assume_exponential)
        why_not = check["reason"]
        if check["possible"]:
            try:
                data = json.loads(_core.exact_solve(plan, assume_exponential))
            except ExactNotApplicable as error:
                if method == "exact":
                    raise
                why_not = str(error)
            else:
                chosen = "auto chose exact" if method == "auto" else "exact requested"
                data["method_reason"] = f"{chosen} ({check['solver']}): {check['reason']}"
                return Result(data)
        elif method == "exact":
            raise ExactNotApplicable(f"no exact answer for {arch.name}: {why_not}; use --method mc")
        reason = f"auto chose Monte Carlo, since no exact answer exists: {why_not}"
    else:
        reason = "Monte Carlo requested"

    horizon_hours = parse_duration(horizon, "horizon")
    if horizon_hours <= 0:
        raise ValueError("horizon: expected a positive duration")
    max_seconds = parse_duration(max_time, "max_time") * 3600.0
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    if replications is not None and replications <= 0:
        raise ValueError("replications must be a positive integer")
    if threads is not None and threads < 0:
        raise ValueError("threads must be >= 0 (0: every core)")
    if not (0.0 <= rel_error < 1.0):
        raise ValueError("rel_error must be in [0, 1)")
    if rel_error == 0.0 and not replications:
        raise ValueError("rel_error 0 needs a number of replications")

    callback = None
    reporter = None
    if callable(progress):
        callback = progress
    elif progress:
        from .progress import ProgressReporter

        reporter = ProgressReporter(rel_error)
        callback = reporter
    try:
        text = _core.simulate(
            plan,
            seed=int(seed),
            replications=int(replications or 0),
            max_replications=0,
            horizon_hours=horizon_hours,
            threads=int(threads) if threads is not None else 0,
            rel_error=float(rel_error),
            max_seconds=max_seconds,
            start=start,
            progress=callback,
        )
    finally:
        if reporter is not None:
            reporter.close()
    data = json.loads(text)
    data["method_reason"] = reason
    return Result(data)


def analyze(model: ModelSource, top: int = 20, assume_exponential: bool = False) -> Analysis:
    """Exact result, importance of every element, and the ``top`` minimal cut sets (smallest first).

    Importance and cut sets come from the static structure function (instant failover);
    the result's warnings say so for a model with timed failover.
    """
    if top < 0:
        raise ValueError("top must be >= 0")
    arch = _architecture(model)
    raw = _core.exact_analyze(arch._plan, int(top), assume_exponential)
    result = Result(json.loads(raw["result"]))
    return Analysis(
        result, list(raw["importance"]), list(raw["cut_sets"]), int(raw["cut_set_count"])
    )


def to_open_psa_mef(model: ModelSource) -> str:
    """The system-down fault tree as Open-PSA MEF XML (static models only)."""
    arch = _architecture(model)
    return _core.to_open_psa_mef(arch._plan)


__all__ = [
    "evaluate",
    "analyze",
    "to_open_psa_mef",
    "exact_applicability",
    "parse_duration",
    "SimulationError",
    "ExactNotApplicable",
]
