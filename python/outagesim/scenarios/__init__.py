"""Scenarios and game days: inject faults into a model, replay real incidents, see the timeline.

``outagesim.scenario(model, "kill-az1.yaml")`` runs a scenario file many times over the model's
remaining randomness; ``outagesim.replay(model)`` runs the incident library; the file format is
documented in docs/scenarios.md.
"""

from .format import FORMAT, Scenario, load_scenario
from .result import ScenarioResult
from .run import scenario

__all__ = ["FORMAT", "Scenario", "ScenarioResult", "load_scenario", "scenario"]
