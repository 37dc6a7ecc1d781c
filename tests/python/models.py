"""Small models with answers derived by hand (docs/numbers.md, 'Worked checks'), for the API and CLI tests."""

from __future__ import annotations

import copy


def covers_at_999(estimate: float, ci95, exact: float) -> bool:
    """Whether ``exact`` lies in the 99.9% interval of a Monte Carlo estimate (its 95% interval
    widened by 3.29 / 1.96). Single-seed agreement checks use it: at 95% each would fail 1 run
    in 20 by chance, on every new sample; the 95% coverage itself is tested over many seeds."""
    widen = 3.2905 / 1.959964
    lo, hi = ci95
    return estimate - (estimate - lo) * widen <= exact <= estimate + (hi - estimate) * widen


MTTF, MTTR = 1000.0, 10.0
A1 = MTTF / (MTTF + MTTR)  # 0.990099...

ONE = {
    "format": "outagesim/v1",
    "name": "one",
    "providers": {"p": {}},
    "components": {"c": {"location": "p", "failure": {"mtbf": "1000h", "mttr": "10h"}}},
    "services": {"s": {"replicas": ["c"]}},
}

PARALLEL = {
    "format": "outagesim/v1",
    "name": "parallel",
    "providers": {"p": {"regions": {"r": {"zones": {"z1": {}, "z2": {}}}}}},
    "components": {
        "a": {"location": "p/r/z1", "failure": {"mtbf": "1000h", "mttr": "10h"}},
        "b": {"location": "p/r/z2", "failure": {"mtbf": "1000h", "mttr": "10h"}},
    },
    "services": {
        "s": {"replicas": ["a", "b"], "redundancy": {"mode": "active_active", "min_healthy": 1}}
    },
}
A_PARALLEL = 1.0 - (MTTR / (MTTF + MTTR)) ** 2

SERIES = {
    "format": "outagesim/v1",
    "name": "series",
    "providers": {"p": {}},
    "components": {
        name: {"location": "p", "failure": {"availability": 0.9999, "mttr": "1h"}}
        for name in ("x", "y", "z")
    },
    "services": {
        "sx": {"replicas": ["x"], "depends_on": ["sy"]},
        "sy": {"replicas": ["y"], "depends_on": ["sz"]},
        "sz": {"replicas": ["z"]},
    },
}
A_SERIES = 0.9999**3

ACTIVE_PASSIVE = {
    "format": "outagesim/v1",
    "name": "active-passive",
    "providers": {"p": {}},
    "components": {
        "primary": {"location": "p", "failure": {"mtbf": "1000h", "mttr": "10h"}},
        "standby": {"location": "p", "failure": {"mtbf": "1000h", "mttr": "10h"}},
    },
    "services": {
        "db": {
            "replicas": ["primary", "standby"],
            "redundancy": {
                "mode": "active_passive",
                "failover": {
                    "detection": {"distribution": "lognormal", "median": "1m", "sigma": 0.5},
                    "switchover": "2m",
                    "success_probability": 0.9,
                    "manual_recovery": "1h",
                },
            },
        }
    },
}


def model(base: dict, **changes) -> dict:
    out = copy.deepcopy(base)
    out.update(changes)
    return out
