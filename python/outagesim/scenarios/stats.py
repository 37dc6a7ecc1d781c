"""The intervals a scenario reports over its runs: a share (Wilson score interval), a mean
(Student t) and quantiles (order statistics, distribution-free). numpy only."""

from __future__ import annotations

import math
from typing import Tuple

import numpy as np
from numpy.typing import ArrayLike

Z95 = 1.959963984540054

# Student t 0.975 quantiles for 1..30 degrees of freedom; beyond, z (1 + (1 + z^2) / (4 df)),
# the first terms of its expansion in 1/df (within 0.1% from df = 30 on).
_T975 = (
    12.706,
    4.303,
    3.182,
    2.776,
    2.571,
    2.447,
    2.365,
    2.306,
    2.262,
    2.228,
    2.201,
    2.179,
    2.160,
    2.145,
    2.131,
    2.120,
    2.110,
    2.101,
    2.093,
    2.086,
    2.080,
    2.074,
    2.069,
    2.064,
    2.060,
    2.056,
    2.052,
    2.048,
    2.045,
    2.042,
)


def t975(df: int) -> float:
    if df < 1:
        return math.inf
    if df <= len(_T975):
        return _T975[df - 1]
    return Z95 * (1.0 + (1.0 + Z95 * Z95) / (4.0 * df))


def wilson(successes: int, n: int) -> Tuple[float, float]:
    """95% Wilson score interval of a share successes / n."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def mean_interval(values: ArrayLike) -> Tuple[float, float, float]:
    """Mean and its 95% Student t interval (the mean on both sides for fewer than two values or
    no spread; clipped at 0 for values that are never negative)."""
    x = np.asarray(values, dtype=float)
    if x.size == 0:
        return (0.0, 0.0, 0.0)
    mean = float(x.mean())
    if x.size < 2:
        return (mean, mean, mean)
    half = t975(x.size - 1) * float(x.std(ddof=1)) / math.sqrt(x.size)
    # A mean of values that cannot be negative cannot be either: the interval is clipped at 0.
    lo = max(0.0, mean - half) if float(x.min()) >= 0.0 else mean - half
    return (mean, lo, mean + half)


def quantile_interval(values: ArrayLike, q: float) -> Tuple[float, float, float]:
    """The q-quantile (lower order statistic) and a distribution-free 95% interval for it: the
    order statistics whose ranks bound Binomial(n, q) at 2.5% and 97.5% (normal approximation
    with continuity), clipped to the sample."""
    x = np.sort(np.asarray(values, dtype=float))
    n = x.size
    if n == 0:
        return (0.0, 0.0, 0.0)
    k = min(n - 1, max(0, math.ceil(q * n) - 1))
    spread = Z95 * math.sqrt(n * q * (1 - q))
    lo = min(n - 1, max(0, math.floor(n * q - spread) - 1))
    hi = min(n - 1, max(0, math.ceil(n * q + spread)))
    return (float(x[k]), float(x[lo]), float(x[hi]))
