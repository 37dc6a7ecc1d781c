"""outagesim: how available is this cloud architecture, and what should I change?

import outagesim
arch = outagesim.load("models/examples/multi-az.json")
result = outagesim.evaluate(arch, method="auto", seed=1)
print(result.availability, result.availability_ci95, result.method_reason)
analysis = outagesim.analyze(arch, top=10)
analysis.importance_frame()

What-if edits return new, re-validated architectures: arch.with_changes({"components.web-1.
failure.mttr": "5m"}), arch.add_replica(...), arch.move(...), arch.set_failover(...).
Plots (matplotlib): from outagesim import plot; plot.availability([result_a, result_b]).
"""

from ._paths import catalog_dir, schema_dir
from ._version import __version__
from .api import analyze, evaluate, exact_applicability, parse_duration, to_open_psa_mef
from .architecture import (
    Architecture,
    CapabilityInfo,
    ComponentInfo,
    DomainInfo,
    FailureInfo,
    ServiceInfo,
)
from .compare import compare
from .cost import evaluate_cost, price
from .errors import (
    ExactNotApplicable,
    GraphvizNotFound,
    ModelError,
    OutagesimError,
    Problem,
    SimulationError,
)
from .model import MAX_MODEL_BYTES, load, load_file
from .results import Analysis, MeasureResult, Result
from .sweep import sweep
from .whatif import DELETE

__all__ = [
    "__version__",
    "load",
    "load_file",
    "evaluate",
    "analyze",
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
    "price",
    "evaluate_cost",
]
