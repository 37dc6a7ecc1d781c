"""The figures of a report: every design evaluated once through evaluate(), its cost, the
side-by-side row compare() gives it, its importance and cut sets, as plain JSON-ready data."""

from __future__ import annotations

import math
from typing import Any, Dict, List, Optional, Sequence

from .._version import __version__
from ..cost.business import evaluate_cost
from ..errors import ExactNotApplicable, SimulationError
from ..model.load import ModelSource, as_architecture
from ..run.evaluate import analyze
from ..studies.compare import compare_rows

# Importance rows and cut sets shown per design: enough to act on, short enough to read.
TOP = 10
# The simulated availability of every SLA window: thousands of numbers the page does not show.
_LEFT_OUT = ("window_availability",)


def clean(value: Any) -> Any:
    """JSON-ready data: NaN and infinities become null (as ``compare --json`` writes them)."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _analysis(arch: Any) -> Dict[str, Any]:
    try:
        analysis = analyze(arch, top=TOP)
    except (ExactNotApplicable, SimulationError) as error:
        return {"error": str(getattr(error, "reason", error))}
    return {
        "importance": analysis.importance,
        "importance_count": analysis.importance_count,
        "cut_sets": analysis.cut_sets,
        "cut_set_count": analysis.cut_set_count,
        "single_points_of_failure": analysis.single_points_of_failure,
        "warnings": analysis.result.warnings,
    }


def gather(
    models: Sequence[ModelSource], names: Optional[Sequence[str]] = None, **options: Any
) -> Dict[str, Any]:
    """The report's data: ``{"format", "version", "options", "designs": [...]}``, each design
    with ``result`` (what ``outagesim evaluate --json`` prints, less the per-window sample),
    ``business``, ``compare`` (its row of ``outagesim compare --json``) and ``analysis``."""
    if not models:
        raise ValueError("a report needs at least one model")
    if names is not None and len(names) != len(models):
        raise ValueError(f"{len(names)} names for {len(models)} models")
    archs = [as_architecture(m) for m in models]  # every model checked before any run
    evaluations = []
    for arch in archs:
        evaluation = evaluate_cost(arch, **options)
        if evaluation.result.interrupted:
            raise KeyboardInterrupt  # a report of a design cut short would mislead
        evaluations.append(evaluation)
    rows = compare_rows(evaluations, names)
    designs: List[Dict[str, Any]] = []
    for arch, evaluation, row in zip(archs, evaluations, rows):
        result = {k: v for k, v in evaluation.result.to_dict().items() if k not in _LEFT_OUT}
        designs.append(
            {
                "name": row["design"],
                "model": arch.name,
                "description": arch.description or "",
                "result": result,
                "business": evaluation.business,
                "compare": row,
                "analysis": _analysis(arch),
            }
        )
    run = {k: v for k, v in options.items() if k != "progress"}
    return clean(
        {
            "format": "outagesim-report/v1",
            "version": __version__,
            "options": run,
            "designs": designs,
        }
    )
