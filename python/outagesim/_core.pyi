# Type stubs of outagesim._core, the private compiled module (see python/src/).
from typing import Any, Callable, Dict, List, Optional

__version__: str
MAX_MODEL_BYTES: int
HOURS_PER_YEAR: float
MINUTES_PER_YEAR: float
MAX_THREADS: int

def parse_duration(text: str) -> float: ...
def format_duration(hours: float) -> str: ...
def _raise_model_error(file: str, path: str, message: str) -> None: ...

class Distribution:
    kind: str
    mean: float
    shape: float
    scale: float
    mu: float
    sigma: float
    median: float
    is_exponential: bool
    is_zero: bool
    def describe(self) -> str: ...

class FailureProcess:
    never_fails: bool
    ttf: Distribution
    ttr: Distribution
    mttf: float
    mttr: float
    availability: float
    failure_frequency: float

class Domain:
    name: str
    path: str
    level: str
    parent: int
    outage: FailureProcess
    outage_origin: str

class Component:
    name: str
    type: str
    location: int
    failure: FailureProcess
    cost_per_hour: float
    failure_origin: str
    cost_origin: str

class FailoverTarget:
    replica: int
    switchover: Optional[Distribution]
    success_probability: Optional[float]
    manual_recovery: Optional[Distribution]

class Failover:
    detection: Distribution
    switchover: Distribution
    success_probability: float
    manual_recovery: Distribution
    is_instant: bool
    targets: List[FailoverTarget]
    def switchover_to(self, replica: int) -> Distribution: ...
    def success_probability_to(self, replica: int) -> float: ...
    def manual_recovery_to(self, replica: int) -> Distribution: ...

class Dependency:
    service: int
    scope: str

class Service:
    name: str
    replicas: List[int]
    mode: str
    min_healthy: int
    failover: Failover
    depends_on: List[Dependency]

class Capability:
    name: str
    services: List[int]
    weight: float

class Architecture:
    name: str
    source: str
    catalogs: List[str]
    domains: List[Domain]
    components: List[Component]
    services: List[Service]
    capabilities: List[Capability]
    implicit_capability: bool
    def find_domain(self, path: str) -> int: ...
    def find_component(self, name: str) -> int: ...
    def find_service(self, name: str) -> int: ...

class Plan:
    architecture: Architecture
    domain_count: int
    component_count: int
    element_count: int
    element_name: List[str]
    element_kind: List[str]
    service_order: List[int]

def load_file(path: str, catalog_dir: str = "") -> Architecture: ...
def load_text(text: str, source: str, catalog_dir: str = "") -> Architecture: ...
def build_plan(architecture: Architecture) -> Plan: ...
def simulate(
    plan: Plan,
    seed: int = 1,
    replications: int = 0,
    max_replications: int = 0,
    horizon_hours: float = 8760.0,
    threads: int = 0,
    rel_error: float = 0.05,
    max_seconds: float = 60.0,
    start: str = "all-up",
    progress: Optional[Callable[[int, float], Any]] = None,
) -> str: ...
def exact_check(
    plan: Plan, assume_exponential: bool = False, state_limit: int = ..., max_seconds: float = 0.0
) -> Dict[str, Any]: ...
def exact_solve(
    plan: Plan, assume_exponential: bool = False, state_limit: int = ..., max_seconds: float = 0.0
) -> str: ...
def exact_analyze(
    plan: Plan, top_n: int = 20, assume_exponential: bool = False, state_limit: int = ...
) -> Dict[str, Any]: ...
def to_open_psa_mef(plan: Plan) -> str: ...
