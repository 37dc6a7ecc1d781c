# Type stubs of outagesim.architecture: the resolved model and its what-if edits.
from typing import Any, Dict, List, Mapping, Optional

import networkx

class DistributionInfo:
    kind: str
    mean: float
    median: float
    shape: float
    scale: float
    mu: float
    sigma: float
    description: str
    def describe(self) -> str: ...
    def to_dict(self) -> dict: ...

class FailureInfo:
    never_fails: bool
    ttf: Optional[DistributionInfo]
    ttr: Optional[DistributionInfo]
    mttf: float
    mttr: float
    availability: float
    failure_frequency: float
    def to_dict(self) -> dict: ...

class DomainInfo:
    name: str
    path: str
    level: str
    parent: Optional[str]
    outage: FailureInfo
    outage_origin: str
    def to_dict(self) -> dict: ...

class ComponentInfo:
    name: str
    type: str
    location: str
    failure: FailureInfo
    cost_per_hour: float
    failure_origin: str
    cost_origin: str
    services: List[str]
    def to_dict(self) -> dict: ...

class FailoverInfo:
    detection: DistributionInfo
    switchover: DistributionInfo
    success_probability: float
    manual_recovery: DistributionInfo
    is_instant: bool
    targets: Dict[str, FailoverInfo]
    def to_dict(self) -> dict: ...

class DependencyInfo:
    service: str
    scope: str
    def to_dict(self) -> dict: ...

class ServiceInfo:
    name: str
    replicas: List[str]
    mode: str
    min_healthy: int
    failover: Optional[FailoverInfo]
    depends_on: List[DependencyInfo]
    def redundancy(self) -> str: ...
    def to_dict(self) -> dict: ...

class CapabilityInfo:
    name: str
    services: List[str]
    weight: float
    @property
    def requires(self) -> List[str]: ...
    def to_dict(self) -> dict: ...

class Architecture:
    name: str
    source: str
    catalogs: List[str]
    implicit_capability: bool
    domains: List[DomainInfo]
    components: List[ComponentInfo]
    services: List[ServiceInfo]
    capabilities: List[CapabilityInfo]
    service_order: List[str]
    changes: List[str]
    def __init__(
        self,
        plan: Any,
        document: Optional[Dict[str, Any]] = ...,
        catalog_dir: Optional[str] = ...,
        changes: Optional[List[str]] = ...,
    ) -> None: ...
    def component(self, name: str) -> ComponentInfo: ...
    def service(self, name: str) -> ServiceInfo: ...
    def domain(self, path: str) -> DomainInfo: ...
    def capability(self, name: str) -> CapabilityInfo: ...
    @property
    def edges(self) -> List[tuple]: ...
    @property
    def cost_per_hour(self) -> float: ...
    @property
    def description(self) -> str: ...
    @property
    def document(self) -> Dict[str, Any]: ...
    def to_dict(self) -> dict: ...
    def describe(self) -> str: ...
    def to_dot(self) -> str: ...
    def render(self, format: str = ...) -> bytes: ...
    def to_networkx(self, services_only: bool = ...) -> networkx.DiGraph: ...
    def dependencies(self, service: str) -> List[str]: ...
    def dependents(self, service: str) -> List[str]: ...
    def with_changes(
        self, changes: Optional[Mapping[Any, Any]] = ..., create: bool = ..., **kwargs: Any
    ) -> Architecture: ...
    def add_replica(
        self,
        service: str,
        name: str,
        location: Optional[str] = ...,
        like: Optional[str] = ...,
        **fields: Any,
    ) -> Architecture: ...
    def remove_replica(
        self, service: str, name: str, delete_component: bool = ...
    ) -> Architecture: ...
    def move(self, component: str, location: str) -> Architecture: ...
    def set_failover(
        self,
        service: str,
        detection: Any = ...,
        switchover: Any = ...,
        success_probability: Optional[float] = ...,
        manual_recovery: Any = ...,
    ) -> Architecture: ...
    def set_redundancy(
        self,
        service: str,
        mode: str,
        min_healthy: Optional[int] = ...,
        failover: Optional[Mapping[str, Any]] = ...,
    ) -> Architecture: ...
    def set_failure(self, component: str, **process: Any) -> Architecture: ...
    def set_outage(self, domain: str, **process: Any) -> Architecture: ...
    def save(self, path: str) -> None: ...
    def summary(self) -> str: ...
    def _repr_html_(self) -> str: ...
