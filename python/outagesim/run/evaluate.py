"""evaluate() and analyze(): run the Monte Carlo engine or the exact solver on an Architecture."""

from __future__ import annotations

import json
from typing import Any, Callable, Optional, Union

from .. import _core
from ..errors import ExactNotApplicable, SimulationError
from ..model.load import ModelSource, as_architecture
from ..results.result import Analysis, Result
from .options import Duration, evaluate_options, parse_duration


def exact_applicability(model: ModelSource, assume_exponential: bool = False) -> dict:
    """Whether an exact answer exists: {'possible', 'solver', 'reason'}."""
    arch = as_architecture(model)
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
    start: str = "stationary",
    progress: Union[bool, Callable[[int, float], Any]] = False,
    assume_exponential: bool = False,
    warmup: Optional[Duration] = "auto",
    rare_event: str = "auto",
) -> Result:
    """Evaluates an architecture: availability, nines, downtime, incidents, per capability.

    Returns a :class:`Result` whose every figure comes with its 95% confidence interval
    (exact results give the value on both sides), plus downtime attribution to components,
    zones, regions and providers, and the provenance of the numbers. When the model has a
    ``business`` section, ``result.business`` holds its business impact (expected downtime
    cost per year, SLA breach probability per window and expected credits, total expected
    annual cost, each with its 95% interval), as ``outagesim evaluate`` prints it; the SLA
    windows come from a Monte Carlo run with the same seed and options.

    Parameters
    ----------
    model
        An :class:`Architecture` from :func:`outagesim.load`, or anything ``load`` takes
        (a path to a JSON/YAML file, a dict, model text).
    method
        ``"auto"`` (default): the exact solver when the model has an exact answer (BDD for
        static structures, a Markov chain for exponential failover models), Monte Carlo
        otherwise; ``result.method_reason`` says which ran and why. ``"mc"``: Monte Carlo.
        ``"exact"``: exact only; raises :class:`ExactNotApplicable` saying why when there
        is no exact answer.
    seed
        Seed of the random streams. The same seed gives the same figures on any number of
        ``threads``; evaluating two designs with the same seed uses common random numbers.
    replications
        Number of simulated horizons (years by default). With ``rel_error=0`` exactly this
        many run; otherwise the run stops earlier when the precision is reached.
    horizon
        Length of one replication: a duration such as ``"1y"`` or a number of hours.
    threads
        Worker threads (default: every core), at most ``_core.MAX_THREADS`` (256); the
        figures do not depend on it. If the system refuses some threads, the run goes on
        with those it got and ``result.warnings`` says so.
    rel_error
        Stop once the relative half-width of the 95% interval of the unavailability reaches
        this (0.05: the downtime is known to within +-5%).
    max_time
        Stop after this much wall time at the latest (``"60s"``, ``"5m"``, or hours),
        looked at inside long replications too: replications the limit cuts short are left
        out, unless not one is whole, in which case the first one counts with the time it
        simulated (``result.horizon_years``) and a warning says so. The exact solver gets
        this budget with ``method="exact"`` and at most 10 s of it with ``"auto"``, after
        which Monte Carlo runs and ``method_reason`` says why.
    start
        ``"stationary"`` (default: every element drawn in its long-run state and, through the
        automatic warm-up, every active_passive service on its long-run serving replica, so
        availability, downtime, incidents and SLA windows are unbiased long-run figures at
        any horizon) or ``"all-up"`` (a brand-new system, everything up at time 0: the
        figures of the start transient). ``result.start`` says which ran.
    progress
        ``True``: a progress bar (tqdm in a notebook or terminal, plain lines in a log),
        shown only for runs longer than a second; ``False`` (default): nothing. A callable
        gets ``(replications_done, relative_error_reached)`` between batches; it returns None
        or a true value to go on, or a false one (``False``) to stop the run early. A value
        without a truth value raises TypeError naming the callback.
    assume_exponential
        Let the exact solver treat every distribution as exponential with the same mean
        (a Markov chain then exists for failover models); the result's warnings say so.
    warmup
        Monte Carlo only: model time each replication first simulates without recording
        anything (``"5y"``), then measures ``horizon`` from the state reached. ``"auto"``
        (default): with the stationary start, long enough for every active_passive service to
        reach its long-run serving replica (see "What the numbers mean"), none without
        active_passive services or with ``start="all-up"``; ``result.warmup_years`` and
        ``result.warmup`` (``"automatic"`` or ``"given"``) say what ran.
    rare_event
        Monte Carlo only: ``"auto"`` (default) runs importance sampling by failure biasing
        when it applies (exponential failure clocks, active_active services) and crude
        simulation would see too few system incidents; ``"off"``: crude simulation;
        ``"failure-biasing"``: importance sampling, or crude simulation with a warning saying
        why it does not apply. ``result.solver`` says which ran
        (``"monte-carlo/importance-sampling"``); under it the per-year downtime distribution,
        incident duration quantiles and SLA windows are not given. See docs/numbers.md.

    The engine runs with the GIL released. Ctrl-C (KeyboardInterrupt) stops it within a
    fraction of a second (inside a replication or an exact solve) and re-raises in Python;
    an exception raised by a ``progress`` callable stops it between batches.

    Raises
    ------
    ModelError
        The model cannot be loaded (every problem listed in ``error.problems``).
    ExactNotApplicable
        ``method="exact"`` on a model without an exact answer.
    ValueError
        An option out of range (unknown method, a seed outside [0, 2**64 - 1], more than
        a billion replications, bare-number horizon, ...).
    SimulationError
        The engine refused the run.

    Examples
    --------
    >>> arch = outagesim.load("models/examples/02-multi-az.json")
    >>> result = outagesim.evaluate(arch, method="mc", seed=1, rel_error=0.05)
    >>> result.availability, result.availability_ci95, result.nines_ci95
    >>> result.to_frame()           # one row per capability and one for the system
    """
    arch = as_architecture(model)
    options = evaluate_options(
        method=method,
        seed=seed,
        replications=replications,
        horizon=horizon,
        threads=threads,
        rel_error=rel_error,
        max_time=max_time,
        start=start,
        assume_exponential=assume_exponential,
        warmup=warmup,
        rare_event=rare_event,
    )
    callback = None
    reporter = None
    if callable(progress):
        callback = progress
    elif progress:
        from .progress import make_progress

        reporter = make_progress(rel_error, replications if rel_error == 0.0 else None)
        callback = reporter
    try:
        text, interrupted, windows = _core.evaluate(arch._plan, options, callback)
    finally:
        if reporter is not None:
            reporter.close()
    data = json.loads(text)
    data["interrupted"] = bool(interrupted)
    return Result(data, window_availability=windows)


def analyze(model: ModelSource, top: int = 20, assume_exponential: bool = False) -> Analysis:
    """Exact result, the ``top`` elements by importance (largest Birnbaum first) and the ``top``
    minimal cut sets (smallest first); ``importance_count`` and ``cut_set_count`` say how many
    there are in all.

    Importance and cut sets come from the static structure function (instant failover);
    the result's warnings say so for a model with timed failover.
    """
    if top < 0:
        raise ValueError("top must be >= 0")
    arch = as_architecture(model)
    raw = _core.exact_analyze(arch._plan, int(top), assume_exponential)
    result = Result(json.loads(raw["result"]))
    importance = list(raw["importance"])
    return Analysis(
        result,
        importance[:top],
        list(raw["cut_sets"]),
        int(raw["cut_set_count"]),
        importance_count=len(importance),
    )


def to_open_psa_mef(model: ModelSource) -> str:
    """The system-down fault tree as Open-PSA MEF XML (static models only)."""
    arch = as_architecture(model)
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
