"""The resolved model as Python objects: domains, components, services and capabilities, by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from . import _core


def _duration(hours: float) -> str:
    return _core.format_duration(hours)


@dataclass(frozen=True)
class DistributionInfo:
    """A duration distribution in hours (``kind`` is exponential, weibull, lognormal or deterministic)."""

    kind: str
    mean: float
    median: float
    shape: float
    scale: float
    mu: float
    sigma: float
    description: str

    @classmethod
    def _from_core(cls, d: Any) -> DistributionInfo:
        return cls(d.kind, d.mean, d.median, d.shape, d.scale, d.mu, d.sigma, d.describe())

    def describe(self) -> str:
        return self.description

    def __str__(self) -> str:
        # A fixed delay reads best as a duration ("2m"); other kinds as the core describes them.
        if self.kind == "deterministic":
            return _duration(self.mean) if self.mean > 0 else "0s"
        return self.description

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "mean_hours": self.mean}
        if self.kind == "weibull":
            out.update(shape=self.shape, scale_hours=self.scale)
        elif self.kind == "lognormal":
            out.update(median_hours=self.median, sigma=self.sigma)
        return out


@dataclass(frozen=True)
class FailureInfo:
    """An alternating renewal process: up for a ttf draw, down for a ttr draw (hours)."""

    never_fails: bool
    ttf: Optional[DistributionInfo]
    ttr: Optional[DistributionInfo]
    mttf: float
    mttr: float
    availability: float
    failure_frequency: float  # failures per hour

    @classmethod
    def _from_core(cls, p: Any) -> FailureInfo:
        if p.never_fails:
            return cls(True, None, None, 0.0, 0.0, 1.0, 0.0)
        return cls(
            False,
            DistributionInfo._from_core(p.ttf),
            DistributionInfo._from_core(p.ttr),
            p.mttf,
            p.mttr,
            p.availability,
            p.failure_frequency,
        )

    def __str__(self) -> str:
        if self.never_fails:
            return "never fails"
        return (
            f"ttf {self.ttf}, ttr {self.ttr}; MTTF {_duration(self.mttf)}, "
            f"MTTR {_duration(self.mttr)}, A={self.availability:.6g}"
        )

    def to_dict(self) -> dict:
        if self.never_fails:
            return {"never_fails": True}
        return {
            "ttf": self.ttf.to_dict() if self.ttf else None,
            "ttr": self.ttr.to_dict() if self.ttr else None,
            "mttf_hours": self.mttf,
            "mttr_hours": self.mttr,
            "availability": self.availability,
        }


@dataclass(frozen=True)
class DomainInfo:
    """A failure domain: a provider, a region or a zone."""

    name: str
    path: str
    level: str  # "provider", "region" or "zone"
    parent: Optional[str]  # path of the enclosing domain
    outage: FailureInfo
    outage_origin: str

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "path": self.path,
            "level": self.level,
            "parent": self.parent,
            "outage": self.outage.to_dict(),
            "outage_origin": self.outage_origin,
        }


@dataclass(frozen=True)
class ComponentInfo:
    """A component placed in a domain; it is up only when it and every enclosing domain are up."""

    name: str
    type: str
    location: str  # path of the deepest domain it is placed in
    failure: FailureInfo
    cost_per_hour: float
    failure_origin: str
    cost_origin: str
    services: List[str] = field(default_factory=list)  # services it is a replica of

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "type": self.type,
            "location": self.location,
            "failure": self.failure.to_dict(),
            "failure_origin": self.failure_origin,
            "cost_per_hour": self.cost_per_hour,
            "cost_origin": self.cost_origin,
            "services": list(self.services),
        }


@dataclass(frozen=True)
class FailoverInfo:
    """Failover of an active_passive service: detection, then switchover (or manual recovery)."""

    detection: DistributionInfo
    switchover: DistributionInfo
    success_probability: float
    manual_recovery: DistributionInfo
    is_instant: bool

    def __str__(self) -> str:
        return (
            f"detection {self.detection}, switchover {self.switchover}, "
            f"success {self.success_probability:g}, manual recovery {self.manual_recovery}"
        )

    def to_dict(self) -> dict:
        return {
            "detection": self.detection.to_dict(),
            "switchover": self.switchover.to_dict(),
            "success_probability": self.success_probability,
            "manual_recovery": self.manual_recovery.to_dict(),
            "is_instant": self.is_instant,
        }


@dataclass(frozen=True)
class DependencyInfo:
    service: str
    scope: str  # "any", "same_provider", "same_region" or "same_zone"

    def to_dict(self) -> dict:
        return {"service": self.service, "scope": self.scope}


@dataclass(frozen=True)
class ServiceInfo:
    """A service: its replicas (component names), redundancy rule and dependencies."""

    name: str
    replicas: List[str]
    mode: str  # "active_active" or "active_passive"
    min_healthy: int
    failover: Optional[FailoverInfo]  # active_passive only
    depends_on: List[DependencyInfo]

    def redundancy(self) -> str:
        if self.mode == "active_active":
            return f"active_active, {self.min_healthy} of {len(self.replicas)} healthy"
        return f"active_passive over {len(self.replicas)} replicas"

    def to_dict(self) -> dict:
        out = {
            "name": self.name,
            "replicas": list(self.replicas),
            "mode": self.mode,
            "depends_on": [d.to_dict() for d in self.depends_on],
        }
        if self.mode == "active_active":
            out["min_healthy"] = self.min_healthy
        elif self.failover is not None:
            out["failover"] = self.failover.to_dict()
        return out


@dataclass(frozen=True)
class CapabilityInfo:
    """A user journey: up when every service it requires is up; ``weight`` is its traffic share."""

    name: str
    services: List[str]
    weight: float

    @property
    def requires(self) -> List[str]:
        return self.services

    def to_dict(self) -> dict:
        return {"name": self.name, "requires": list(self.services), "weight": self.weight}


class Architecture:
    """A validated, unit-resolved, catalog-merged model, ready to evaluate.

    Built by :func:`outagesim.load`; read-only. ``components``, ``services``, ``domains`` and
    ``capabilities`` are lists in model order; look one up by name with ``component(name)``,
    ``service(name)``, ``domain(path)``.
    """

    def __init__(self, plan: Any):
        self._plan = plan
        core = plan.architecture
        self.name: str = core.name
        self.source: str = core.source
        self.catalogs: List[str] = list(core.catalogs)
        self.implicit_capability: bool = core.implicit_capability

        core_domains = core.domains
        domain_paths = [d.path for d in core_domains]
        self.domains: List[DomainInfo] = [
            DomainInfo(
                d.name,
                d.path,
                d.level,
                domain_paths[d.parent] if d.parent >= 0 else None,
                FailureInfo._from_core(d.outage),
                d.outage_origin,
            )
            for d in core_domains
        ]
        core_components = core.components
        component_names = [c.name for c in core_components]
        core_services = core.services
        service_names = [s.name for s in core_services]
        member_of: Dict[str, List[str]] = {name: [] for name in component_names}
        for s in core_services:
            for r in s.replicas:
                member_of[component_names[r]].append(s.name)
        self.components: List[ComponentInfo] = [
            ComponentInfo(
                c.name,
                c.type,
                domain_paths[c.location] if c.location >= 0 else "",
                FailureInfo._from_core(c.failure),
                c.cost_per_hour,
                c.failure_origin,
                c.cost_origin,
                member_of[c.name],
            )
            for c in core_components
        ]
        self.services: List[ServiceInfo] = []
        for s in core_services:
            failover = None
            if s.mode == "active_passive":
                f = s.failover
                failover = FailoverInfo(
                    DistributionInfo._from_core(f.detection),
                    DistributionInfo._from_core(f.switchover),
                    f.success_probability,
                    DistributionInfo._from_core(f.manual_recovery),
                    f.is_instant,
                )
            self.services.append(
                ServiceInfo(
                    s.name,
                    [component_names[r] for r in s.replicas],
                    s.mode,
                    s.min_healthy,
                    failover,
                    [DependencyInfo(service_names[d.service], d.scope) for d in s.depends_on],
                )
            )
        self.capabilities: List[CapabilityInfo] = [
            CapabilityInfo(c.name, [service_names[i] for i in c.services], c.weight)
            for c in core.capabilities
        ]
        # Topological order: every dependency before the services that depend on it.
        self.service_order: List[str] = [service_names[i] for i in plan.service_order]

    # --- look-ups ---
    def component(self, name: str) -> ComponentInfo:
        for c in self.components:
            if c.name == name:
                return c
        raise KeyError(f"no component named {name!r}")

    def service(self, name: str) -> ServiceInfo:
        for s in self.services:
            if s.name == name:
                return s
        raise KeyError(f"no service named {name!r}")

    def domain(self, path: str) -> DomainInfo:
        for d in self.domains:
            if d.path == path:
                return d
        raise KeyError(f"no domain at {path!r}")

    def capability(self, name: str) -> CapabilityInfo:
        for c in self.capabilities:
            if c.name == name:
                return c
        raise KeyError(f"no capability named {name!r}")

    @property
    def edges(self) -> List[tuple]:
        """Dependency edges (service, depends-on service, scope)."""
        return [(s.name, d.service, d.scope) for s in self.services for d in s.depends_on]

    @property
    def cost_per_hour(self) -> float:
        """Infrastructure cost of every component, USD per hour."""
        return sum(c.cost_per_hour for c in self.components)

    # --- output ---
    def to_dict(self) -> dict:
        """The resolved model (effective parameters and their origins) as plain data."""
        return {
            "name": self.name,
            "source": self.source,
            "catalogs": list(self.catalogs),
            "domains": [d.to_dict() for d in self.domains],
            "components": [c.to_dict() for c in self.components],
            "services": [s.to_dict() for s in self.services],
            "service_order": list(self.service_order),
            "capabilities": [c.to_dict() for c in self.capabilities],
            "implicit_capability": self.implicit_capability,
            "cost_per_hour": self.cost_per_hour,
        }

    def describe(self) -> str:
        """The resolved model as the text ``outagesim show`` prints."""
        from .report import format_architecture

        return format_architecture(self)

    def to_dot(self) -> str:
        """Graphviz DOT: services and their edges, replicas in provider > region > zone clusters."""
        from .dot import architecture_to_dot

        return architecture_to_dot(self)

    def summary(self) -> str:
        return (
            f"{self.name}: {len(self.domains)} domains, {len(self.components)} components, "
            f"{len(self.services)} services, {len(self.capabilities)} capabilities"
        )

    def __repr__(self) -> str:
        return (
            f"<Architecture {self.name!r}: {len(self.domains)} domains, "
            f"{len(self.components)} components, {len(self.services)} services, "
            f"{len(self.capabilities)} capabilities>"
        )

    def __str__(self) -> str:
        return self.summary()
