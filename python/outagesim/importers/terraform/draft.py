"""The model being drafted from mapped resources: components, services, placement, and the
record of what was inferred, for the summary."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from .resources import Inventory, Resource
from .zones import Catalogs

MAX_REPLICAS = 1000  # per service; far above any group the model needs to tell apart


@dataclass
class Placement:
    provider: str  # catalog provider: aws, gcp, azure
    region: Optional[str] = None
    zone: Optional[str] = None
    how: str = ""  # what the placement was inferred from, for the description

    @property
    def location(self) -> str:
        return "/".join(p for p in (self.provider, self.region, self.zone) if p)


@dataclass
class ServiceDraft:
    name: str
    kind: str  # the Terraform type that made it, to pair services of the same kind
    replicas: List[str]
    redundancy: Optional[dict] = None
    description: str = ""
    depends_on: List[Any] = field(default_factory=list)


class ModelBuilder:
    def __init__(self, inventory: Inventory, catalogs: Catalogs) -> None:
        self.inventory = inventory
        self.catalogs = catalogs
        self.components: Dict[str, dict] = {}
        self.services: Dict[str, ServiceDraft] = {}
        self.owner: Dict[str, str] = {}  # resource address or block -> service name
        self.mapped: List[Tuple[str, str]] = []  # (resource, what it became)
        self.not_modelled: List[Tuple[str, str]] = []  # (resource, why: glue, known types)
        self.unknown_types: Counter = Counter()
        self.checks: List[str] = []
        self.later: List[Callable[[], Any]] = []
        self.aws: Any = None  # the AWS mapper: assembly asks it for Route 53 failover timings  # steps that need every resource mapped
        # (kept service, merged service, failover timings, why): pairs that fail over
        self.extra_merges: List[Tuple[str, str, dict, str]] = []
        self.renamed: Dict[str, str] = {}  # a service merged into another -> that one
        self.failover_records: List[Tuple[Resource, str]] = []  # (Route 53 record, PRIMARY/...)

    # --- names
    def _unique(self, base: str, taken: Dict[str, Any]) -> str:
        base = re.sub(r"[^A-Za-z0-9_.-]+", "-", base).strip("-") or "resource"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        return name

    # --- building
    def add_component(self, base: str, ctype: str, placement: Placement, description: str) -> str:
        if base in self.components:
            base = f"{base}-{_LABELS.get(ctype, ctype)}"
        name = self._unique(base, self.components)
        text = description
        if placement.how:
            text = f"{text}; placed by {placement.how}" if text else f"placed by {placement.how}"
        self.components[name] = {
            "type": ctype,
            "location": placement.location,
            "description": text,
        }
        return name

    def add_service(
        self,
        base: str,
        kind: str,
        resources: Sequence[Resource],
        replicas: List[str],
        redundancy: Optional[dict] = None,
        description: str = "",
    ) -> str:
        label = _LABELS.get(self.components[replicas[0]]["type"], "")
        if label and label not in base.split("-"):
            base = f"{base}-{label}"
        name = self._unique(base, self.services)
        if len(replicas) > 1 and redundancy is None:
            redundancy = {"mode": "active_active", "min_healthy": 1}
            description = _join(
                description, f"{len(replicas)} replicas, any one serving (guessed: min_healthy 1)"
            )
        self.services[name] = ServiceDraft(name, kind, replicas, redundancy, description)
        for resource in resources:
            self.owner[resource.address] = name
            self.owner[resource.block] = name
        zones = sorted({self.components[c]["location"] for c in replicas})
        self.mapped.append(
            (
                resources[0].block if resources else kind,
                f"service {name}: {len(replicas)} x {self.components[replicas[0]]['type']} in "
                + ", ".join(zones)
                + (f" ({_redundancy_text(redundancy)})" if redundancy else ""),
            )
        )
        return name

    def attach(self, resources: Sequence[Resource], service: str, what: str) -> None:
        """Resources that add to a service another resource made (an Aurora instance)."""
        for resource in resources:
            self.owner[resource.address] = service
            self.owner[resource.block] = service
        self.mapped.append((resources[0].block, f"{what} of service {service}"))

    def skip(self, resources: Sequence[Resource], why: str) -> None:
        self.not_modelled.append((resources[0].block, why))

    def capped(self, count: int, address: str) -> int:
        """At least one replica, and no more than MAX_REPLICAS: a desired_capacity of a
        billion is a typo, and would otherwise be a billion components."""
        if count > MAX_REPLICAS:
            self.check(f"{address}: {count} replicas capped at {MAX_REPLICAS}")
            return MAX_REPLICAS
        return max(count, 1)

    def check(self, text: str) -> None:
        if text not in self.checks:
            self.checks.append(text)


# Service names say what kind of thing they are (web-lb, web-vm): a Terraform project often
# names its load balancer, its group and its target group all "web".
_LABELS = {
    "vm": "vm",
    "load_balancer": "lb",
    "managed_db": "db",
    "cache": "cache",
    "queue": "queue",
    "object_storage": "bucket",
    "dns": "dns",
    "cdn": "cdn",
}


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a and b else a or b


def _redundancy_text(redundancy: dict) -> str:
    if redundancy.get("mode") == "active_active":
        return f"active_active, min_healthy {redundancy.get('min_healthy', 1)}"
    return "active_passive"


def spread(count: int, zones: List[Any]) -> List[Any]:
    """Replicas placed round-robin over zones, the way ASGs, MIGs and scale sets balance."""
    return [zones[i % len(zones)] for i in range(count)] if zones else [None] * count


def as_int(value: Any, default: Optional[int] = None) -> Optional[int]:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return default


def first_block(value: Any) -> Dict[str, Any]:
    """A nested block: Terraform JSON and python-hcl2 give it as a list of one object."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    return value if isinstance(value, dict) else {}


def blocks(value: Any) -> List[Dict[str, Any]]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return [value] if isinstance(value, dict) else []


join = _join
