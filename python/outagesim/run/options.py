"""The options of one evaluation: durations, seed and replication ranges, and the core options object."""

from __future__ import annotations

import numbers
from typing import Any, Optional, Union

from .. import _core
from .._limits import MAX_REPLICATIONS, MAX_SEED

Duration = Union[str, float, int]


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


def check_run_counts(seed: Any, replications: Any = None) -> None:
    """ValueError unless ``seed`` is an integer in [0, 2**64 - 1] (the engine's unsigned 64-bit
    seed) and ``replications`` is None or an integer in [1, MAX_REPLICATIONS]."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise ValueError(f"seed must be an integer, not {seed!r}")
    if not 0 <= int(seed) <= MAX_SEED:
        raise ValueError(f"seed must be an integer in [0, 2**64 - 1], not {seed}")
    if replications is None:
        return
    if isinstance(replications, bool) or not isinstance(replications, numbers.Integral):
        raise ValueError(f"replications must be an integer, not {replications!r}")
    if not 1 <= int(replications) <= MAX_REPLICATIONS:
        raise ValueError(
            f"replications must be an integer in [1, {MAX_REPLICATIONS:,}], not {replications}"
        )


def evaluate_options(
    method: str = "auto",
    seed: int = 1,
    replications: Optional[int] = None,
    horizon: Duration = "1y",
    threads: Optional[int] = None,
    rel_error: float = 0.05,
    max_time: Duration = "60s",
    start: str = "stationary",
    assume_exponential: bool = False,
    warmup: Optional[Duration] = "auto",
    rare_event: str = "auto",
) -> Any:
    """The core's options object of one evaluation, from the keyword arguments of
    :func:`evaluate`; the core validates the ranges (ValueError naming the option)."""
    check_run_counts(seed, replications)
    options = _core.EvaluateOptions()
    options.method = method
    options.seed = int(seed)
    options.replications = int(replications or 0)
    options.horizon_hours = parse_duration(horizon, "horizon")
    options.threads = 0 if threads is None else int(threads)
    options.rel_error = float(rel_error)
    options.max_seconds = parse_duration(max_time, "max_time") * 3600.0
    options.start = start
    options.assume_exponential = bool(assume_exponential)
    # "auto" (or None): the engine's automatic warm-up for the stationary start, none for all-up.
    if warmup is None or (isinstance(warmup, str) and warmup.strip() == "auto"):
        options.warmup_hours = None
    else:
        options.warmup_hours = parse_duration(warmup, "warmup")
    options.rare_event = rare_event
    options.validate()
    return options
