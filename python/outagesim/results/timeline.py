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
    cause: str  # what began the outage it belongs to: a fault ("fault east-down"), an element
    why: str  # the event that began this interval: "fault east-down began", "failover of db completed"

    def to_dict(self) -> dict:
        return {
            "row": self.row,
            "kind": self.kind,
            "name": self.name,
            "state": self.state,
            "start_hours": self.start_hours,
            "end_hours": self.end_hours,
            "cause": self.cause,
            "why": self.why,
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
    events: List[Tuple[float, str, str, str]]  # (hours, row, new state, why), in order

    @classmethod
    def from_events(
        cls,
        run: int,
        window_hours: float,
        raw: Iterable[Tuple[float, str, int, str, int, int, str, int]],
        element_names: List[str],
        element_kinds: List[str],
        service_names: List[str],
        capability_names: List[str],
        fault_names: List[str],
    ) -> Timeline:
        """From the engine's trace: (hours, kind, index, state, cause element, cause fault,
        reason, reason index) per change of state."""

        def row_of(kind: str, index: int) -> Tuple[str, str, str]:
            if kind == "element":
                name = element_names[index]
                return (f"{element_kinds[index]} {name}", element_kinds[index], name)
            if kind == "service":
                return (f"service {service_names[index]}", "service", service_names[index])
            if kind == "capability":
                name = capability_names[index]
                return (f"capability {name}", "capability", name)
            return ("system", "system", "system")

        def cause_of(element: int, fault: int) -> str:
            if fault >= 0:
                return f"fault {fault_names[fault]}"
            if element >= 0:
                return f"{element_kinds[element]} {element_names[element]}"
            return ""

        def why_of(reason: str, index: int) -> str:
            if reason in ("failed", "repaired"):
                return f"{element_kinds[index]} {element_names[index]} {reason}"
            if reason in ("fault started", "fault ended"):
                return f"fault {fault_names[index]} {reason.split()[1]}"
            if reason == "common failure":
                return f"common failure of {element_names[index]}"
            if reason == "bad change":
                return f"a bad change of {element_names[index]}"
            if reason == "rolled back":
                return f"the bad change of {element_names[index]} rolled back"
            if reason == "failover completed":
                return f"failover of {service_names[index]} completed"
            if reason == "manual recovery completed":
                return (
                    f"manual recovery of {service_names[index]} completed after a failed failover"
                )
            return "at the start"

        order: List[str] = []
        meta: Dict[str, Tuple[str, str]] = {}
        # Per row, the interval in progress: state, since, cause, why.
        open_: Dict[str, Tuple[str, float, str, str]] = {}
        intervals: List[Interval] = []
        events: List[Tuple[float, str, str, str]] = []

        def ensure(row: str, row_kind: str, name: str) -> None:
            if row not in meta:
                meta[row] = (row_kind, name)
                order.append(row)
                open_[row] = ("up", 0.0, "", "at the start")

        for hours, kind, index, state, element, fault, reason, reason_index in raw:
            row, row_kind, name = row_of(kind, index)
            ensure(row, row_kind, name)
            last_state, since, last_cause, last_why = open_[row]
            if hours > since:
                intervals.append(
                    Interval(row, row_kind, name, last_state, since, hours, last_cause, last_why)
                )
            why = why_of(reason, reason_index)
            open_[row] = (state, hours, cause_of(element, fault), why)
            events.append((hours, row, state, why))
        # Services, capabilities and the system always get a row.
        for name in service_names:
            ensure(f"service {name}", "service", name)
        for name in capability_names:
            ensure(f"capability {name}", "capability", name)
        ensure("system", "system", "system")
        for row, (state, since, cause, why) in open_.items():
            if window_hours > since:
                kind, name = meta[row]
                intervals.append(Interval(row, kind, name, state, since, window_hours, cause, why))
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
