"""sweep() on a real Dask LocalCluster of worker processes gives exactly the local figures."""

from __future__ import annotations

import time

import outagesim
import pandas as pd
import pytest
from conftest import ROOT

distributed = pytest.importorskip("distributed")

MULTI_AZ = ROOT / "models" / "examples" / "02-multi-az.json"
VARY = {
    "services.web.redundancy.min_healthy": [1, 2],
    "services.db.redundancy.failover.success_probability": [0.9, 0.999],
    "components.db-b.location": ["aws/us-east-1/use1-az2", "aws/us-east-1/use1-az4"],
}
# Figures that must not depend on where a variant ran (not wall_seconds).
FIGURES = [
    "availability",
    "availability_lo",
    "availability_hi",
    "worst_year_downtime_minutes",
    "incidents_per_year",
    "sla_breach_probability",
    "sla_breach_probability_hi",
    "credits_per_year",
    "total_cost_per_year",
    "total_cost_per_year_lo",
    "replications",
    "pareto",
    "cheapest_meeting_target",
]
OPTIONS = dict(seed=42, method="mc", rel_error=0.1, max_time="10m", target=0.998)


def test_local_cluster_gives_the_local_figures():
    local = outagesim.sweep(MULTI_AZ, VARY, workers=2, **OPTIONS)
    assert len(local) == 8
    started = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = outagesim.sweep(MULTI_AZ, VARY, client=client, **OPTIONS)
        workers = {w for w in client.scheduler_info()["workers"]}
    elapsed = time.perf_counter() - started
    assert len(workers) == 3
    pd.testing.assert_frame_equal(local[FIGURES], remote[FIGURES])
    assert local["label"].tolist() == remote["label"].tolist()
    assert (local["stop_reason"] == "rel-error reached").all()
    assert elapsed < 120
