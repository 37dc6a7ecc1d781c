"""The timeline of one scenario run: one row per element that changed state and one per service
and capability (and the system), each a list of intervals in a state, in the order things
happened, with the event that began each interval."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple

STATES = ("up", "degraded", "failing over", "down")


@dataclass(frozen=True)
class Interval:
    row: str  # "zone aws/us-east-1/use1-az1", "service db", "capability checkout", "system"
    kind: str  # element kind ("zone", "component", ...), "service", "capability" or "system"
    name: str
    state: str
    start_hours: float
    end_hours: float
    cause: str  # what began it: a fault ("fault region-down"), an element, or "" (recovery)

    def to_dict(self) -> dict:
        return {
            "row": self.row,
            "kind": self.kind,
            "name": self.name,
            "state": self.state,
            "start_hours": self.start_hours,
            "end_hours": self.end_hours,
            "cause": self.cause,
        }


@dataclass
class Timeline:
    """Intervals of every row over [0, window_hours]; ``rows`` in the order they first changed
    (services, capabilities and the system always have a row, up all along if nothing reached
    them)."""

    run: int
    window_hours: float
    rows: List[str]
    intervals: List[Interval]
    events: List[Tuple[float, str, str, str]]  # (hours, row, new state, cause), in order

    @classmethod
    def from_events(
        cls,
        run: int,
        window_hours: float,
        raw: Iterable[Tuple[float, str, int, str, int, int]],
        element_names: List[str],
        element_kinds: List[str],
        service_names: List[str],
        capability_names: List[str],
        fault_names: List[str],
    ) -> Timeline:
        def row_of(kind: str, index: int) -> Tuple[str, str, str]:
            if kind == "element":
                return (
                    f"{element_kinds[index]} {element_names[index]}",
                    element_kinds[index],
                    element_names[index],
                )
            if kind == "service":
                return (f"service {service_names[index]}", "service", service_names[index])
            if kind == "capability":
                return (
                    f"capability {capability_names[index]}",
                    "capability",
                    capability_names[index],
                )
            return ("system", "system", "system")

        def cause_of(element: int, fault: int) -> str:
            if fault >= 0:
                return f"fault {fault_names[fault]}"
            if element >= 0:
                return f"{element_kinds[element]} {element_names[element]}"
            return ""

        order: List[str] = []
        meta: Dict[str, Tuple[str, str]] = {}
        open_: Dict[str, Tuple[str, float, str]] = {}
        intervals: List[Interval] = []
        events: List[Tuple[float, str, str, str]] = []
        for hours, kind, index, state, element, fault in raw:
            row, row_kind, name = row_of(kind, index)
            cause = cause_of(element, fault)
            if row not in meta:
                meta[row] = (row_kind, name)
                order.append(row)
                open_[row] = ("up", 0.0, "")
            last_state, since, last_cause = open_[row]
            if hours > since:
                intervals.append(
                    Interval(row, row_kind, name, last_state, since, hours, last_cause)
                )
            open_[row] = (state, hours, cause)
            events.append((hours, row, state, cause))
        # Services, capabilities and the system always get a row.
        for row_kind, names in (
            ("service", service_names),
            ("capability", capability_names),
            ("system", ["system"]),
        ):
            for name in names:
                row = name if row_kind == "system" else f"{row_kind} {name}"
                if row not in meta:
                    meta[row] = (row_kind, name)
                    order.append(row)
                    open_[row] = ("up", 0.0, "")
        for row, (state, since, cause) in open_.items():
            if window_hours > since:
                kind, name = meta[row]
                intervals.append(Interval(row, kind, name, state, since, window_hours, cause))
        rank = {row: i for i, row in enumerate(order)}
        intervals.sort(key=lambda x: (rank[x.row], x.start_hours))
        return cls(run, window_hours, order, intervals, events)

    def of(self, row: str) -> List[Interval]:
        return [i for i in self.intervals if i.row == row]

    def down_hours(self, row: str = "system") -> float:
        return sum(i.end_hours - i.start_hours for i in self.of(row) if i.state == "down")

    def state_at(self, row: str, hours: float) -> Optional[str]:
        for i in self.of(row):
            if i.start_hours <= hours < i.end_hours:
                return i.state
        return None

    def to_frame(self) -> Any:
        import pandas as pd

        return pd.DataFrame([i.to_dict() for i in self.intervals])

    def to_dict(self) -> dict:
        return {
            "run": self.run,
            "window_hours": self.window_hours,
            "rows": list(self.rows),
            "intervals": [i.to_dict() for i in self.intervals],
        }
