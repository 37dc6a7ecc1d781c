"""Matplotlib plots of results, architectures and sweeps (``outagesim.plot``, imported on first use)."""

from .charts import (
    architecture,
    attribution,
    attribution_levels,
    availability,
    downtime_distribution,
    incident_durations,
)
from .pareto import pareto

__all__ = [
    "architecture",
    "attribution",
    "attribution_levels",
    "availability",
    "downtime_distribution",
    "incident_durations",
    "pareto",
]
