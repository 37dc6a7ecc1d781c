"""Result objects: the figures of an evaluation (Monte Carlo or exact) and of an importance analysis."""

from __future__ import annotations

import json
import math
from typing import Any, Dict, List, Optional, Tuple


def _pair(value: Any) -> Optional[Tuple[float, float]]:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return (float(value[0]), float(value[1]))
    if isinstance(value, dict) and "lo" in value and "hi" in value:
        return (float(value["lo"]), float(value["hi"]))
    return None


class _Figures:
    """Attribute access over a JSON object of figures; unknown attributes read the JSON keys."""

    _data: Dict[str, Any]

    def __init__(self, data: Dict[str, Any]):
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        data = object.__getattribute__(self, "_data")
        if name in data:
            return data[name]
        raise AttributeError(f"{type(self).__name__} has no figure {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def keys(self):
        return self._data.keys()

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._data))

    @property
    def availability_ci95(self) -> Optional[Tuple[float, float]]:
        return _pair(self._data.get("availability_ci95"))

    @property
    def nines_ci95(self) -> Optional[Tuple[float, float]]:
        pair = _pair(self._data.get("nines_ci95"))
        if pair is not None:
            return pair
        ci = self.availability_ci95
        if ci is None:
            return None
        return (_nines(ci[0]), _nines(ci[1]))

    def to_dict(self) -> Dict[str, Any]:
        return json.loads(json.dumps(self._data))

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self._data, indent=indent)


def _nines(availability: float) -> float:
    if availability >= 1.0:
        return math.inf
    return -math.log10(1.0 - availability)


class MeasureResult(_Figures):
    """The figures of one capability (availability, nines, downtime, incidents, ...)."""

    def __init__(self, name: str, data: Dict[str, Any]):
        super().__init__(data)
        object.__setattr__(self, "name", name)

    def __repr__(self) -> str:
        a = self._data.get("availability")
        return f"<MeasureResult {self.name}: availability {a}>"


class Result(_Figures):
    """What :func:`outagesim.evaluate` returns: every figure of the run and what produced it.

    Attributes mirror the JSON keys of ``outagesim evaluate --json``: ``availability``,
    ``availability_ci95`` (lo, hi), ``weighted_availability``, ``nines``, ``nines_ci95``,
    ``downtime_minutes_per_year``, ``incidents_per_year``, ``mean_incident_hours``,
    ``capabilities`` (name -> :class:`MeasureResult`), ``attribution``, ``method``,
    ``method_reason``, ``seed``, ``replications``, ``simulated_years``, and the rest.
    """

    @property
    def capabilities(self) -> Dict[str, MeasureResult]:
        raw = self._data.get("capabilities") or {}
        if isinstance(raw, list):
            return {
                c.get("name", str(i)): MeasureResult(c.get("name", str(i)), c)
                for i, c in enumerate(raw)
            }
        return {name: MeasureResult(name, data) for name, data in raw.items()}

    @property
    def attribution(self) -> List[Dict[str, Any]]:
        return list(self._data.get("attribution") or [])

    @property
    def warnings(self) -> List[str]:
        return list(self._data.get("warnings") or [])

    def attribution_frame(self):
        """Downtime attribution as a pandas DataFrame (one row per element)."""
        import pandas as pd

        return pd.DataFrame(self.attribution)

    def capabilities_frame(self):
        """Per-capability figures as a pandas DataFrame indexed by capability name."""
        import pandas as pd

        rows = []
        for name, measure in self.capabilities.items():
            row = {"capability": name}
            row.update(
                {k: v for k, v in measure.to_dict().items() if not isinstance(v, (dict, list))}
            )
            rows.append(row)
        return pd.DataFrame(rows).set_index("capability") if rows else pd.DataFrame()

    def __repr__(self) -> str:
        a = self._data.get("availability")
        ci = self.availability_ci95
        ci_text = f" [{ci[0]:.6f}, {ci[1]:.6f}]" if ci else ""
        return (
            f"<Result {self._data.get('model', self._data.get('model_name', ''))!r} {self._data.get('method', '')}: "
            f"availability {a:.6f}{ci_text}>"
            if isinstance(a, (int, float))
            else f"<Result {self._data.get('method', '')}>"
        )

    def __str__(self) -> str:
        from .report import format_result

        return format_result(self)


class Analysis:
    """What :func:`outagesim.analyze` returns: exact result, importance measures and cut sets."""

    def __init__(
        self,
        result: Result,
        importance: List[Dict[str, Any]],
        cut_sets: List[Dict[str, Any]],
        cut_set_count: int,
    ):
        self.result = result
        self.importance = importance
        self.cut_sets = cut_sets
        self.cut_set_count = cut_set_count

    @property
    def single_points_of_failure(self) -> List[Dict[str, Any]]:
        return [c for c in self.cut_sets if c.get("single_point_of_failure")]

    def importance_frame(self):
        """Importance measures as a pandas DataFrame indexed by element."""
        import pandas as pd

        frame = pd.DataFrame(self.importance)
        return frame.set_index("element") if "element" in frame else frame

    def cut_sets_frame(self):
        import pandas as pd

        return pd.DataFrame(self.cut_sets)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "result": self.result.to_dict(),
            "importance": self.importance,
            "cut_sets": self.cut_sets,
            "cut_set_count": self.cut_set_count,
        }

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def __repr__(self) -> str:
        return (
            f"<Analysis: {len(self.importance)} elements, {self.cut_set_count} minimal cut sets, "
            f"{len(self.single_points_of_failure)} single points of failure>"
        )

    def __str__(self) -> str:
        from .report import format_analysis

        return format_analysis(self)
