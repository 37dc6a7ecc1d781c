"""Result objects: the figures of an evaluation (Monte Carlo or exact) and of an importance analysis."""

from __future__ import annotations

import json
import math
from typing import Any, Dict, List, Optional, Tuple

from .. import _core


def _pair(value: Any) -> Optional[Tuple[float, float]]:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        # null stands for +infinity (nines of an availability of 1).
        return tuple(math.inf if v is None else float(v) for v in value)  # type: ignore[return-value]
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
            value = data[name]
            # Intervals read as (lo, hi) tuples; JSON null (an infinite nines) as inf.
            if name.endswith("_ci95"):
                pair = _pair(value)
                if pair is not None or value is None:
                    return pair
                return tuple(math.inf if v is None else v for v in value)
            return value
        raise AttributeError(f"{type(self).__name__} has no figure {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def get(self, key: str, default: Any = None) -> Any:
        """The figure ``key``, or ``default`` when the result has none."""
        return self._data.get(key, default)

    def keys(self):
        """The names of the figures (the JSON keys)."""
        return self._data.keys()

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._data))

    @property
    def availability_ci95(self) -> Optional[Tuple[float, float]]:
        """95% confidence interval (lo, hi) of the availability."""
        return _pair(self._data.get("availability_ci95"))

    @property
    def unavailability_ci95(self) -> Optional[Tuple[float, float]]:
        """95% confidence interval (lo, hi) of the unavailability, estimated directly (its
        significant digits survive at any number of nines, unlike 1 - availability)."""
        return _pair(self._data.get("unavailability_ci95"))

    @property
    def nines_ci95(self) -> Optional[Tuple[float, float]]:
        """95% interval (lo, hi) of the nines, -log10(1 - A); inf where A is 1."""
        return _pair(self._data.get("nines_ci95"))

    @property
    def downtime_histogram(self) -> Optional[Dict[str, Any]]:
        """Downtime of each simulated year (minutes) as a histogram: ``{"zeros": years
        without downtime, "edges": [...], "counts": [...]}`` (bins ``[edges[i],
        edges[i+1])``, log-spaced); None for exact results or engines without it."""
        return _histogram(self._data.get("downtime_minutes_per_year_histogram"))

    @property
    def incident_duration_histogram(self) -> Optional[Dict[str, Any]]:
        """Durations of the completed incidents (hours) as a histogram, same form as
        ``downtime_histogram``; None when the result has none."""
        return _histogram(self._data.get("incident_duration_hours_histogram"))

    def to_dict(self) -> Dict[str, Any]:
        """Every figure as plain data (a copy): the keys of ``outagesim evaluate --json``."""
        return json.loads(json.dumps(self._data))

    def to_json(self, indent: Optional[int] = None) -> str:
        """Every figure as JSON text (infinite nines written as null)."""
        return json.dumps(self._data, indent=indent)


LEVELS = (
    "provider",
    "region",
    "zone",
    "component",
    "common_cause",
    "regional_service",
    "change",
    "corruption",
    "control_plane",
    "responders",
    "failover",
)


def _num(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) else math.nan


def _nines_value(value: Any) -> float:
    # JSON has no infinity: the engine writes the nines of an availability of 1 as null.
    return math.inf if value is None else float(value)


def _histogram(value: Any) -> Optional[Dict[str, Any]]:
    if (
        isinstance(value, dict)
        and value.get("edges") is not None
        and value.get("counts") is not None
    ):
        return {
            "zeros": int(value.get("zeros") or 0),
            "edges": [float(e) for e in value["edges"]],
            "counts": [int(c) for c in value["counts"]],
        }
    return None


def _measure_row(
    name: str, kind: str, weight: Any, d: Dict[str, Any], derive: bool = False
) -> Dict[str, Any]:
    """One row of Result.to_frame() from the JSON object of one measure."""
    a = _num(d.get("availability"))
    a_ci = _pair(d.get("availability_ci95")) or (math.nan, math.nan)
    # Unavailability as the engine estimated it (no 1 - A cancellation); derived rows have none.
    u = _num(d.get("unavailability")) if not derive else 1.0 - a
    u_ci = (
        _pair(d.get("unavailability_ci95")) or (math.nan, math.nan)
        if not derive
        else (1.0 - a_ci[1], 1.0 - a_ci[0])
    )
    if derive:  # only availability given: nines and downtime follow from it
        nines = _nines(a)
        nines_ci = (_nines(a_ci[0]), _nines(a_ci[1]))
        down = (1.0 - a) * _core.MINUTES_PER_YEAR
        down_ci = (
            (1.0 - a_ci[1]) * _core.MINUTES_PER_YEAR,
            (1.0 - a_ci[0]) * _core.MINUTES_PER_YEAR,
        )
    else:
        nines = _nines_value(d.get("nines")) if d.get("availability") is not None else math.nan
        nines_ci = _pair(d.get("nines_ci95")) or (math.nan, math.nan)
        down = _num(d.get("downtime_minutes_per_year"))
        down_ci = _pair(d.get("downtime_minutes_per_year_ci95")) or (math.nan, math.nan)
    inc_ci = _pair(d.get("incidents_per_year_ci95")) or (math.nan, math.nan)
    mih_ci = _pair(d.get("mean_incident_hours_ci95")) or (math.nan, math.nan)
    year = d.get("downtime_minutes_per_year_distribution") or {}
    durations = d.get("incident_duration_hours") or {}

    def quantile(q: Dict[str, Any], key: str) -> float:
        return _num(q.get(key)) if q.get("count") else math.nan

    return {
        "model": None,
        "measure": name,
        "kind": kind,
        "weight": _num(weight),
        "availability": a,
        "availability_lo": a_ci[0],
        "availability_hi": a_ci[1],
        "unavailability": u,
        "unavailability_lo": u_ci[0],
        "unavailability_hi": u_ci[1],
        "nines": nines,
        "nines_lo": nines_ci[0],
        "nines_hi": nines_ci[1],
        "downtime_minutes_per_year": down,
        "downtime_minutes_per_year_lo": down_ci[0],
        "downtime_minutes_per_year_hi": down_ci[1],
        "downtime_p50": quantile(year, "p50"),
        "downtime_p90": quantile(year, "p90"),
        "downtime_p99": quantile(year, "p99"),
        "downtime_max": quantile(year, "max"),
        "incidents_per_year": _num(d.get("incidents_per_year")),
        "incidents_per_year_lo": inc_ci[0],
        "incidents_per_year_hi": inc_ci[1],
        "mean_incident_hours": _num(d.get("mean_incident_hours")),
        "mean_incident_hours_lo": mih_ci[0],
        "mean_incident_hours_hi": mih_ci[1],
        "incident_hours_p50": quantile(durations, "p50"),
        "incident_hours_p90": quantile(durations, "p90"),
        "incident_hours_p99": quantile(durations, "p99"),
        "incident_hours_max": quantile(durations, "max"),
        "incidents_observed": d.get("incidents_observed"),
        **_objective_columns(d),
        **_degraded_columns(d),
    }


# The figures of degraded modes (docs/numbers.md#degraded-modes), per measure.
DEGRADED_KEYS = ("full_availability", "value_weighted_availability", "degraded_minutes_per_year")


def _objective_columns(d: Dict[str, Any]) -> Dict[str, Any]:
    """The recovery objectives of one measure and how often they are missed; NaN where the
    model states none."""
    out: Dict[str, Any] = {}
    for stated, key in (
        ("rto_hours", "incidents_over_rto_share"),
        ("rpo_hours", "losses_over_rpo_per_year"),
    ):
        has = d.get(stated) is not None
        out[stated] = _num(d.get(stated)) if has else math.nan
        out.update(_estimate_columns(d, key, has))
    return out


def _degraded_columns(d: Dict[str, Any]) -> Dict[str, Any]:
    """Full and value-weighted availability and degraded minutes a year, with bounds; NaN for a
    model without degraded modes."""
    out: Dict[str, Any] = {}
    for key in DEGRADED_KEYS:
        out.update(_estimate_columns(d, key, d.get(key) is not None))
    return out


def _estimate_columns(d: Dict[str, Any], key: str, present: bool) -> Dict[str, Any]:
    """key, key_lo and key_hi from d[key] and d[key_ci95]; NaN when not ``present``."""
    ci = (_pair(d.get(key + "_ci95")) if present else None) or (math.nan, math.nan)
    return {key: _num(d.get(key)) if present else math.nan, key + "_lo": ci[0], key + "_hi": ci[1]}


def _put(row: Dict[str, Any], name: str, source: Dict[str, Any], key: str) -> None:
    """row[name] with its bounds name_lo/name_hi from source[key] and source[key_ci95]."""
    ci = _pair(source.get(key + "_ci95")) or (math.nan, math.nan)
    row[name] = _num(source.get(key))
    row[name + "_lo"], row[name + "_hi"] = ci


def _nines(availability: float) -> float:
    if availability != availability:
        return math.nan
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

    def __init__(self, data: Dict[str, Any], window_availability: Optional[List[float]] = None):
        super().__init__(data)
        # The simulated availability of every SLA window (the sample the SLA figures come from);
        # kept beside the figures, not among them, since it can hold a million numbers.
        object.__setattr__(self, "window_availability", list(window_availability or []))

    @property
    def interrupted(self) -> bool:
        """True when Ctrl-C stopped the run: the figures are those of the replications done."""
        return bool(self._data.get("interrupted"))

    @property
    def capabilities(self) -> Dict[str, MeasureResult]:
        """Figures per capability (user journey), by name."""
        raw = self._data.get("capabilities") or {}
        if isinstance(raw, list):
            return {
                c.get("name", str(i)): MeasureResult(c.get("name", str(i)), c)
                for i, c in enumerate(raw)
            }
        return {name: MeasureResult(name, data) for name, data in raw.items()}

    @property
    def attribution(self) -> List[Dict[str, Any]]:
        """Downtime charged to each element, largest first (see ``attribution_frame()``)."""
        return list(self._data.get("attribution") or [])

    @property
    def changes(self) -> List[Dict[str, Any]]:
        """The bad changes of each service that declares changes, in service order (empty
        without any): ``service``, ``rollout`` (in words), ``waves``, ``replicas``,
        ``bad_changes_per_year`` and ``replica_outage_minutes_per_year`` (each replica from
        when a wave reached it until the rollback completed, summed over the replicas), both
        with ``_ci95``. Exact results have rows for changes rolled out all at once only.
        The system downtime they cause is in ``attribution`` at level ``change``."""
        return json.loads(json.dumps(self._data.get("changes") or []))

    @property
    def data(self) -> List[Dict[str, Any]]:
        """What each service that holds data loses, in service order (empty without any; Monte
        Carlo only): ``service``, ``replication``, ``loss_events_per_year``,
        ``minutes_lost_per_year`` (minutes of writes lost a year), ``writes_lost_per_year`` (with
        ``writes_per_second``), ``restores_per_year``, ``unrecoverable_per_year``,
        ``p_loss_in_a_year``, each with ``_ci95``; with a quorum, ``quorum`` and
        ``write_availability``/``write_unavailability`` with ``_ci95``; ``loss_minutes_per_event`` quantiles and
        histogram; ``causes`` (async failover, failover to a stale replica, corruption restore).
        See ``data_frame()``."""
        return json.loads(json.dumps(self._data.get("data") or []))

    def data_frame(self):
        """Data lost per service and cause, as a pandas DataFrame: one row per service with
        data (``cause`` "all") and one per cause that lost data; ``events_per_year`` and
        ``minutes_per_year`` with ``_lo``/``_hi`` (95%), and for the "all" rows the restores,
        unrecoverable restores and P(any loss in a year) with their bounds, the loss per event
        quantiles in minutes, and ``writes_lost_per_year`` where the write rate is stated."""
        import pandas as pd

        rows = []
        for entry in self.data:
            base = {"service": entry.get("service"), "replication": entry.get("replication")}
            row = dict(base, cause="all")
            _put(row, "events_per_year", entry, "loss_events_per_year")
            _put(row, "minutes_per_year", entry, "minutes_lost_per_year")
            _put(row, "writes_lost_per_year", entry, "writes_lost_per_year")
            for key in (
                "restores_per_year",
                "unrecoverable_per_year",
                "p_loss_in_a_year",
                "write_availability",
            ):
                _put(row, key, entry, key)
            q = entry.get("loss_minutes_per_event") or {}
            for p in ("p50", "p90", "p99", "max"):
                row[f"loss_minutes_{p}"] = _num(q.get(p)) if q.get("count") else math.nan
            rows.append(row)
            for cause in entry.get("causes") or []:
                row = dict(base, cause=cause.get("cause"))
                _put(row, "events_per_year", cause, "events_per_year")
                _put(row, "minutes_per_year", cause, "minutes_per_year")
                rows.append(row)
        columns = ["service", "replication", "cause"]
        for key in ("events_per_year", "minutes_per_year", "writes_lost_per_year"):
            columns += [key, key + "_lo", key + "_hi"]
        for key in (
            "restores_per_year",
            "unrecoverable_per_year",
            "p_loss_in_a_year",
            "write_availability",
        ):
            columns += [key, key + "_lo", key + "_hi"]
        columns += [f"loss_minutes_{p}" for p in ("p50", "p90", "p99", "max")]
        return pd.DataFrame(rows, columns=columns)

    @property
    def warnings(self) -> List[str]:
        """What the engine wants the reader to know about these figures."""
        return list(self._data.get("warnings") or [])

    @property
    def business(self) -> Optional[Dict[str, Any]]:
        """Business impact (plain data) when the model has a ``business`` section, else None:
        ``downtime_cost_per_year`` with ``_ci95``, ``sla`` (``breach_probability`` per window
        with ``_ci95`` from the simulated windows, ``credits_per_year`` with ``_ci95``),
        ``infra`` and ``total_per_year`` with ``_ci95`` (USD); see
        :func:`outagesim.cost.business_for_result`."""
        value = self._data.get("business")
        return json.loads(json.dumps(value)) if isinstance(value, dict) else None

    def to_frame(self, include_weighted: bool = False):
        """The figures as a tidy pandas DataFrame: one row for the system and one per
        capability (``include_weighted=True`` adds a ``weighted`` row: traffic-weighted
        availability over capabilities).

        Columns: ``model``, ``measure`` (``system`` or the capability name), ``kind``,
        ``weight``; ``availability`` with ``availability_lo``/``availability_hi`` (95%
        interval), ``nines`` with ``nines_lo``/``nines_hi``, ``downtime_minutes_per_year`` with
        its bounds and the worst-year quantiles ``downtime_p50``/``p90``/``p99``/``max``
        (minutes in one simulated year), ``incidents_per_year`` with bounds,
        ``mean_incident_hours`` with bounds and incident-duration quantiles
        ``incident_hours_p50``/``p90``/``p99``/``max``, ``incidents_observed``, the recovery
        objectives ``rto_hours`` with ``incidents_over_rto_share`` and ``rpo_hours`` with
        ``losses_over_rpo_per_year`` (with bounds; NaN where not stated), the degraded-mode
        figures ``full_availability``, ``value_weighted_availability`` and
        ``degraded_minutes_per_year`` (with bounds; NaN for a model without fallbacks or
        feature flags), then the provenance ``method``, ``solver``, ``seed``, ``replications``, ``simulated_years``.
        """
        import pandas as pd

        rows = [_measure_row("system", "system", 1.0, self._data)]
        for name, measure in self.capabilities.items():
            rows.append(
                _measure_row(name, "capability", measure.get("weight", math.nan), measure._data)
            )
        if include_weighted and self._data.get("weighted_availability") is not None:
            weighted = {
                "availability": self._data.get("weighted_availability"),
                "availability_ci95": self._data.get("weighted_availability_ci95"),
            }
            rows.append(_measure_row("weighted", "weighted", math.nan, weighted, derive=True))
        for row in rows:
            row["model"] = self._data.get("model")
            row.update(self._provenance())
        return pd.DataFrame(rows, columns=list(rows[0]))

    def _provenance(self) -> Dict[str, Any]:
        d = self._data
        return {
            "method": d.get("method"),
            "solver": d.get("solver"),
            "seed": d.get("seed"),
            "replications": d.get("replications"),
            "simulated_years": d.get("simulated_years"),
        }

    def attribution_frame(self):
        """Downtime of the system charged to each element, as a pandas DataFrame.

        One row per element (component name or domain path, a service's bad changes, and
        failover delays), largest first: ``element``, ``level`` (component, zone, region,
        provider, change, failover),
        ``minutes_per_year`` with its 95% interval ``minutes_per_year_lo``/``_hi``, ``share``
        of all system downtime and ``incidents_per_year``.
        """
        import pandas as pd

        columns = [
            "element",
            "level",
            "minutes_per_year",
            "minutes_per_year_lo",
            "minutes_per_year_hi",
            "share",
            "incidents_per_year",
        ]
        rows = []
        for row in self.attribution:
            ci = _pair(row.get("minutes_per_year_ci95")) or (math.nan, math.nan)
            rows.append(
                {
                    "element": row.get("element"),
                    "level": row.get("level"),
                    "minutes_per_year": _num(row.get("minutes_per_year")),
                    "minutes_per_year_lo": ci[0],
                    "minutes_per_year_hi": ci[1],
                    "share": _num(row.get("share")),
                    "incidents_per_year": _num(row.get("incidents_per_year")),
                }
            )
        return pd.DataFrame(rows, columns=columns)

    def attribution_by_level(self):
        """Downtime per level (provider, region, zone, component, change, failover).

        A DataFrame indexed by ``level`` with ``minutes_per_year``, ``share``,
        ``incidents_per_year``, ``elements`` (how many elements contributed) and a
        conservative 95% interval ``minutes_per_year_lo``/``_hi`` (the elements' interval
        half-widths added, which bounds the half-width of the sum whatever their correlation).
        """
        import pandas as pd

        frame = self.attribution_frame()
        order = [lvl for lvl in LEVELS if lvl in set(frame["level"])] + sorted(
            set(frame["level"]) - set(LEVELS)
        )
        rows = []
        for level in order:
            part = frame[frame["level"] == level]
            total = float(part["minutes_per_year"].sum())
            below = float((part["minutes_per_year"] - part["minutes_per_year_lo"]).sum())
            above = float((part["minutes_per_year_hi"] - part["minutes_per_year"]).sum())
            rows.append(
                {
                    "level": level,
                    "minutes_per_year": total,
                    "minutes_per_year_lo": max(0.0, total - below),
                    "minutes_per_year_hi": total + above,
                    "share": float(part["share"].sum()),
                    "incidents_per_year": float(part["incidents_per_year"].sum()),
                    "elements": int(len(part)),
                }
            )
        columns = [
            "level",
            "minutes_per_year",
            "minutes_per_year_lo",
            "minutes_per_year_hi",
            "share",
            "incidents_per_year",
            "elements",
        ]
        return pd.DataFrame(rows, columns=columns).set_index("level")

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
        from ..render.text import format_result

        return format_result(self)

    def _repr_html_(self) -> str:
        from ..render.html import _result_html

        return _result_html(self)


class Analysis:
    """What :func:`outagesim.analyze` returns: exact result, importance measures and cut sets."""

    def __init__(
        self,
        result: Result,
        importance: List[Dict[str, Any]],
        cut_sets: List[Dict[str, Any]],
        cut_set_count: int,
        importance_count: Optional[int] = None,
    ):
        self.result = result
        self.importance = importance
        self.cut_sets = cut_sets
        self.cut_set_count = cut_set_count
        # Elements that have an importance row, of which `importance` holds the first (top).
        self.importance_count = len(importance) if importance_count is None else importance_count

    @property
    def single_points_of_failure(self) -> List[Dict[str, Any]]:
        """Cut sets of one element in a design that claims redundancy."""
        return [c for c in self.cut_sets if c.get("single_point_of_failure")]

    def importance_frame(self):
        """Importance measures as a pandas DataFrame indexed by element."""
        import pandas as pd

        frame = pd.DataFrame(self.importance)
        return frame.set_index("element") if "element" in frame else frame

    def cut_sets_frame(self):
        """Minimal cut sets (smallest first) as a DataFrame: elements, description,
        probability, single_point_of_failure."""
        import pandas as pd

        return pd.DataFrame(self.cut_sets)

    def importance_by_level(self):
        """Importance rows grouped by level: how many elements, the largest Birnbaum and
        Fussell-Vesely importance, and the downtime share of the level."""
        frame = self.importance_frame()
        if frame.empty or "level" not in frame:
            return frame
        grouped = frame.groupby("level")
        out = grouped.agg(
            elements=("level", "size"),
            birnbaum_max=("birnbaum", "max"),
            fussell_vesely_max=("fussell_vesely", "max"),
            downtime_minutes_per_year=("downtime_minutes_per_year", "sum"),
            downtime_share=("downtime_share", "sum"),
        )
        return out.sort_values("downtime_minutes_per_year", ascending=False)

    def _repr_html_(self) -> str:
        import html

        parts = [self.result._repr_html_()]
        frame = self.importance_frame()
        if not frame.empty:
            parts.append("<b>Importance</b> (largest downtime share first)")
            parts.append(frame.sort_values("downtime_share", ascending=False).head(15).to_html())
        if self.cut_sets:
            parts.append(
                f"<b>Minimal cut sets</b> ({self.cut_set_count} in all, smallest first; "
                f"{len(self.single_points_of_failure)} single points of failure)<ul>"
            )
            for cut in self.cut_sets[:10]:
                flag = (
                    " <b>single point of failure</b>" if cut.get("single_point_of_failure") else ""
                )
                parts.append(
                    f"<li>{html.escape(str(cut.get('description', cut.get('elements'))))} "
                    f"(p={cut.get('probability', 0):.3g}){flag}</li>"
                )
            parts.append("</ul>")
        return "".join(parts)

    def to_dict(self) -> Dict[str, Any]:
        """The exact result, importance rows and cut sets as plain data."""
        return {
            "result": self.result.to_dict(),
            "importance": self.importance,
            "cut_sets": self.cut_sets,
            "cut_set_count": self.cut_set_count,
            "importance_count": self.importance_count,
        }

    def to_json(self, indent: Optional[int] = None) -> str:
        """``to_dict()`` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent)

    def __repr__(self) -> str:
        return (
            f"<Analysis: {len(self.importance)} elements, {self.cut_set_count} minimal cut sets, "
            f"{len(self.single_points_of_failure)} single points of failure>"
        )

    def __str__(self) -> str:
        from ..render.text import format_analysis

        return format_analysis(self)


# --- HTML ---------------------------------------------------------------------------------------
