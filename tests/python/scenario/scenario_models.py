"""Models and scenarios with answers known by hand, for the scenario tests."""

from __future__ import annotations

import copy


def two_regions(success: float = 1.0) -> dict:
    """A database active_passive across two regions: detection 3 min, switchover 5 min, manual
    recovery 1 h; a web tier in both regions; every element fails now and then."""
    return {
        "format": "outagesim/v1",
        "name": "two-regions",
        "providers": {
            "p": {
                "outage": {"mtbf": "20y", "mttr": "3h"},
                "regions": {
                    "east": {
                        "outage": {"mtbf": "2y", "mttr": "6h"},
                        "zones": {
                            "e1": {"outage": {"mtbf": "1y", "mttr": "2h"}},
                            "e2": {"outage": {"mtbf": "1y", "mttr": "2h"}},
                        },
                    },
                    "west": {
                        "outage": {"mtbf": "2y", "mttr": "6h"},
                        "zones": {"w1": {"outage": {"mtbf": "1y", "mttr": "2h"}}},
                    },
                },
            }
        },
        "components": {
            "db-east": {"location": "p/east/e1", "failure": {"mtbf": "2000h", "mttr": "1h"}},
            "db-west": {"location": "p/west/w1", "failure": {"mtbf": "2000h", "mttr": "1h"}},
            "web-east": {"location": "p/east/e2", "failure": {"mtbf": "2000h", "mttr": "1h"}},
            "web-west": {"location": "p/west/w1", "failure": {"mtbf": "2000h", "mttr": "1h"}},
        },
        "services": {
            "db": {
                "replicas": ["db-east", "db-west"],
                "redundancy": {
                    "mode": "active_passive",
                    "failover": {
                        "detection": "3m",
                        "switchover": "5m",
                        "success_probability": success,
                        "manual_recovery": "1h",
                    },
                },
            },
            "web": {"replicas": ["web-east", "web-west"], "depends_on": ["db"]},
        },
        "capabilities": {"shop": {"requires": ["web"]}, "orders": {"requires": ["db"]}},
    }


def region_down(hours: str = "8h", **extra) -> dict:
    fault = {
        "name": "east-down",
        "target": {"region": "p/east"},
        "action": "down",
        "start": "1h",
        "duration": hours,
    }
    fault.update(extra)
    return {"format": "outagesim-scenario/v1", "name": "east region down", "faults": [fault]}


def with_fault(scenario: dict, **fields) -> dict:
    out = copy.deepcopy(scenario)
    out["faults"][0].update(fields)
    return out
