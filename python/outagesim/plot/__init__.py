"""Matplotlib plots of results, architectures, sweeps and scenario timelines (``outagesim.plot``, imported on first use)."""

from .charts import (
    architecture,
    attribution,
    attribution_levels,
    availability,
    downtime_distribution,
    incident_durations,
)
from .pareto import pareto
from .timeline import save_timeline_svg, timeline

__all__ = [
    "architecture",
    "attribution",
    "attribution_levels",
    "availability",
    "downtime_distribution",
    "incident_durations",
    "pareto",
    "save_timeline_svg",
    "timeline",
]
