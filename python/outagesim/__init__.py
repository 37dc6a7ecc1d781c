"""outagesim: how available is this cloud architecture, and what should I change?

import outagesim
arch = outagesim.load("models/examples/multi-az.json")
result = outagesim.evaluate(arch, method="auto", seed=1)
print(result.availability, result.availability_ci95, result.method_reason)
analysis = outagesim.analyze(arch, top=10)
analysis.importance_frame()

What-if edits return new, re-validated architectures: arch.with_changes({"components.web-1.
failure.mttr": "5m"}), arch.add_replica(...), arch.move(...), arch.set_failover(...).
Plots (matplotlib, imported on first use): outagesim.plot.availability([result_a, result_b]).
A self-contained HTML report of designs side by side: outagesim.report([a, b], "report.html").
From infrastructure code: outagesim.import_terraform("plan.json").write("model.yaml").
Game days and real incidents: outagesim.scenario(arch, "kill-az1.yaml"), outagesim.replay(arch).
"""

import importlib
from typing import Any

from ._version import __version__
from .cost import evaluate_cost, price
from .errors import (
    ExactNotApplicable,
    GraphvizNotFound,
    ModelError,
    OutagesimError,
    Problem,
    SimulationError,
)
from .importers import import_terraform
from .model import (
    DELETE,
    MAX_MODEL_BYTES,
    Architecture,
    CapabilityInfo,
    ComponentInfo,
    DomainInfo,
    FailureInfo,
    ServiceInfo,
    catalog_dir,
    load,
    load_file,
    schema_dir,
)
from .report import report
from .results import Analysis, MeasureResult, Result
from .run import analyze, evaluate, exact_applicability, parse_duration, to_open_psa_mef
from .scenarios import ScenarioResult, load_scenario, scenario
from .scenarios.replay import incidents, replay
from .studies import compare, sweep


def __getattr__(name: str) -> Any:
    # outagesim.plot works right after `import outagesim` (as the README shows) without making
    # every import pay for matplotlib: the subpackage is imported on first use.
    if name == "plot":
        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "__version__",
    "load",
    "load_file",
    "evaluate",
    "analyze",
    "scenario",
    "load_scenario",
    "ScenarioResult",
    "replay",
    "incidents",
    "exact_applicability",
    "to_open_psa_mef",
    "parse_duration",
    "catalog_dir",
    "schema_dir",
    "Architecture",
    "ComponentInfo",
    "DomainInfo",
    "ServiceInfo",
    "CapabilityInfo",
    "FailureInfo",
    "Result",
    "MeasureResult",
    "Analysis",
    "Problem",
    "OutagesimError",
    "ModelError",
    "SimulationError",
    "ExactNotApplicable",
    "GraphvizNotFound",
    "DELETE",
    "MAX_MODEL_BYTES",
    "compare",
    "sweep",
    "report",
    "price",
    "evaluate_cost",
    "import_terraform",
    "plot",
]
