"""The resolved model as Python objects: domains, components, services and capabilities, by name."""

from __future__ import annotations

import copy
import html
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple

from .. import _core


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
class CommonCauseInfo:
    """Components that fail together (the model's ``common_causes``).

    ``kind`` is ``"shock"`` (a shared process that takes every member down for its duration)
    or ``"beta"`` (a beta factor: each member's failure rate split into an independent part
    1 - beta and a common part beta, repaired ``"individual"``-ly or as one ``"joint"`` job).
    ``process`` is the shock, or the common part of a beta factor (exponential at beta times a
    member's rate, repaired in a member's time to repair).
    """

    name: str
    kind: str
    members: List[str]
    process: FailureInfo
    beta: Optional[float] = None
    repair: Optional[str] = None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "members": list(self.members),
            "process": self.process.to_dict(),
            "beta": self.beta,
            "repair": self.repair,
        }


@dataclass(frozen=True)
class RegionalServiceInfo:
    """One managed service impaired in one region: every component of ``type`` placed in
    ``region`` is down while it is (catalog ``regions.<r>.services.<type>.outage`` or the
    model's own region entry)."""

    name: str  # "<region path>/<type>"
    region: str
    type: str
    outage: FailureInfo
    origin: str
    members: List[str]

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "region": self.region,
            "type": self.type,
            "outage": self.outage.to_dict(),
            "origin": self.origin,
            "members": list(self.members),
        }


@dataclass(frozen=True)
class ControlPlaneInfo:
    """A provider's or a region's control plane that some recovery action needs: usable while
    its own outage process, the domains it lives in and (for a global one) its home region's
    control plane and data plane are all up."""

    name: str  # "aws" or "aws/us-east-1"
    outage: FailureInfo
    origin: str
    home: Optional[str]  # the regional control plane a global one lives in, if any
    host_outage: Optional[FailureInfo]  # a region outside the model: its data-plane outage
    host_origin: str

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "outage": self.outage.to_dict(),
            "origin": self.origin,
            "home": self.home,
            "host_outage": None if self.host_outage is None else self.host_outage.to_dict(),
            "host_origin": self.host_origin,
        }


@dataclass(frozen=True)
class OperationsInfo:
    """The people who do manual steps: at most ``responders`` incidents at once, each engaged
    after ``engage``."""

    responders: int
    engage: DistributionInfo
    engage_origin: str

    def to_dict(self) -> dict:
        return {
            "responders": self.responders,
            "engage": self.engage.to_dict(),
            "engage_origin": self.engage_origin,
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
    # Who brings it back (docs/model-format.md#repair): "provider" (its own clock), "replace"
    # (an automatic replacement that needs `repair_control_plane`) or "manual" (a responder).
    repair: str = "provider"
    repair_origin: str = "default"
    repair_control_plane: Optional[str] = None

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
            "repair": self.repair,
            "repair_origin": self.repair_origin,
            "repair_control_plane": self.repair_control_plane,
        }


@dataclass(frozen=True)
class FailoverInfo:
    """Failover of an active_passive service: detection, then switchover (or manual recovery)."""

    detection: DistributionInfo
    switchover: DistributionInfo
    success_probability: float
    manual_recovery: DistributionInfo
    is_instant: bool
    # Per-target timings by replica name, every field resolved (the service's where the model
    # states none), in replica order.
    targets: Dict[str, FailoverInfo] = field(default_factory=dict)
    # The control planes the automatic switchover needs (docs/model-format.md#control-planes):
    # when no replica is healthy (``control_planes``) and per target replica, "target_region"
    # resolved; and what the failover does when one is down ("wait" or "fail").
    control_planes: List[str] = field(default_factory=list)
    control_planes_by_target: Dict[str, List[str]] = field(default_factory=dict)
    without_control_plane: str = "wait"

    @property
    def statically_stable(self) -> bool:
        """True when no target's switchover needs a control plane."""
        return not self.control_planes and not any(self.control_planes_by_target.values())

    def __str__(self) -> str:
        text = (
            f"detection {self.detection}, switchover {self.switchover}, "
            f"success {self.success_probability:g}, manual recovery {self.manual_recovery}"
        )
        for name, t in self.targets.items():
            text += (
                f"; to {name}: switchover {t.switchover}, success {t.success_probability:g}, "
                f"manual recovery {t.manual_recovery}"
            )
        return text

    def control_plane_text(self) -> str:
        """What the switchover needs, per target: "needs aws control plane (to db-b: aws,
        aws/us-west-2); waits while one is down", or "statically stable ..."."""
        if self.statically_stable:
            return "statically stable: the switchover needs no control plane"
        lists = {name: planes for name, planes in self.control_planes_by_target.items()}
        if len({tuple(v) for v in lists.values()}) <= 1:
            planes = next(iter(lists.values()), self.control_planes)
            text = f"switchover needs {', '.join(planes) or 'no control plane'}"
        else:
            text = "switchover needs " + "; ".join(
                f"to {name}: {', '.join(planes) or 'none'}" for name, planes in lists.items()
            )
        action = (
            "waits while one is down"
            if self.without_control_plane == "wait"
            else "fails to manual recovery while one is down"
        )
        return f"{text}; {action}"

    def to_dict(self) -> dict:
        out = {
            "detection": self.detection.to_dict(),
            "switchover": self.switchover.to_dict(),
            "success_probability": self.success_probability,
            "manual_recovery": self.manual_recovery.to_dict(),
            "is_instant": self.is_instant,
            "control_planes": list(self.control_planes),
            "control_planes_by_target": {
                k: list(v) for k, v in self.control_planes_by_target.items()
            },
            "without_control_plane": self.without_control_plane,
        }
        if self.targets:
            out["targets"] = {
                name: {
                    "switchover": t.switchover.to_dict(),
                    "success_probability": t.success_probability,
                    "manual_recovery": t.manual_recovery.to_dict(),
                }
                for name, t in self.targets.items()
            }
        return out


@dataclass(frozen=True)
class FeatureFlagInfo:
    """A dependency that can be switched off (docs/model-format.md#feature-flags): ``decide``
    after its service goes down, the dependent runs without it, delivering ``value`` (0..1)."""

    decide: DistributionInfo
    value: float

    def __str__(self) -> str:
        return f"switched off after {self.decide}, at value {self.value:g}"

    def to_dict(self) -> dict:
        return {"decide": self.decide.to_dict(), "value": self.value}


@dataclass(frozen=True)
class DependencyInfo:
    service: str
    scope: str  # "any", "same_provider", "same_region" or "same_zone"
    feature_flag: Optional[FeatureFlagInfo] = None

    def to_dict(self) -> dict:
        out: Dict[str, Any] = {"service": self.service, "scope": self.scope}
        if self.feature_flag is not None:
            out["feature_flag"] = self.feature_flag.to_dict()
        return out


@dataclass(frozen=True)
class RolloutInfo:
    """How a change reaches a service's replicas: all at once (one wave), or staged in waves."""

    staged: bool
    by: Optional[str]  # "zone" or "region" (staged), None otherwise
    bake_hours: float  # between the starts of two waves
    canary: int  # replicas in the canary wave, 0 for none
    order: List[str]  # staged by zone or region: their paths, in the order the waves reach them
    waves: List[List[str]]  # replica names reached by each wave, first wave first
    description: str  # "all at once", "canary of 1 replica, then one zone at a time, 1h bake"

    def __str__(self) -> str:
        return f"{self.description}; waves {' | '.join(', '.join(w) for w in self.waves)}"

    def to_dict(self) -> dict:
        out: Dict[str, Any] = {"staged": self.staged, "description": self.description}
        if self.staged:
            out.update(by=self.by, bake_hours=self.bake_hours, canary=self.canary)
            if self.by is not None:
                out["order"] = list(self.order)
        out["waves"] = [list(w) for w in self.waves]
        return out


@dataclass(frozen=True)
class ChangesInfo:
    """Deploys and configuration pushes of a service as a source of outages
    (docs/model-format.md#changes): changes arrive at ``rate_per_hour``, each bad with
    ``bad_probability``; a bad change reaches the replicas wave by wave, is detected
    ``detection`` after its first wave and rolled back in ``rollback``."""

    rate_per_hour: float
    bad_probability: float
    detection: DistributionInfo
    rollback: DistributionInfo
    rollout: RolloutInfo
    # The bad changes as one alternating renewal process (a change freeze while one is in
    # flight): how many begin a year in the long run, and the fraction of time none is in flight.
    bad_changes_per_year: float
    availability: float

    @property
    def rate(self) -> str:
        """The rate as the model format writes it: ``"2/w"``."""
        return _core.format_rate(self.rate_per_hour)

    def __str__(self) -> str:
        return (
            f"{self.rate}, bad with probability {self.bad_probability:g} "
            f"({self.bad_changes_per_year:.3g} bad changes/yr); detection {self.detection}, "
            f"rollback {self.rollback}"
        )

    def to_dict(self) -> dict:
        return {
            "rate_per_hour": self.rate_per_hour,
            "rate": self.rate,
            "bad_probability": self.bad_probability,
            "detection": self.detection.to_dict(),
            "rollback": self.rollback.to_dict(),
            "rollout": self.rollout.to_dict(),
            "bad_changes_per_year": self.bad_changes_per_year,
            "availability": self.availability,
        }


@dataclass(frozen=True)
class BackupsInfo:
    """A data service's backups (docs/model-format.md#backups): taken every
    ``interval_hours``, kept ``retention_hours``, restored in ``restore``; the write log shipped
    every ``point_in_time_hours`` (None: no point-in-time recovery); kept in ``location`` (a
    domain path; None: somewhere that never fails)."""

    interval_hours: float
    retention_hours: float
    restore: DistributionInfo
    point_in_time_hours: Optional[float] = None
    location: Optional[str] = None
    # When the restore time is stated as size over throughput (``restore`` is their quotient).
    size_gb: Optional[float] = None
    restore_gb_per_hour: Optional[float] = None

    def __str__(self) -> str:
        text = (
            f"every {_core.format_duration(self.interval_hours)}, kept "
            f"{_core.format_duration(self.retention_hours)}, restore {self.restore}"
        )
        if self.size_gb is not None:
            text += f" ({self.size_gb:g} GB at {self.restore_gb_per_hour:g} GB/h)"
        if self.point_in_time_hours is not None:
            text += f", point-in-time log every {_core.format_duration(self.point_in_time_hours)}"
        return text + (f", kept in {self.location}" if self.location else "")

    def to_dict(self) -> dict:
        out: Dict[str, Any] = {
            "interval_hours": self.interval_hours,
            "retention_hours": self.retention_hours,
            "restore": self.restore.to_dict(),
        }
        if self.point_in_time_hours is not None:
            out["point_in_time_hours"] = self.point_in_time_hours
        if self.location is not None:
            out["location"] = self.location
        if self.size_gb is not None:
            out.update(size_gb=self.size_gb, restore_gb_per_hour=self.restore_gb_per_hour)
        return out


@dataclass(frozen=True)
class CorruptionInfo:
    """Damage that reaches every replica until detected (docs/model-format.md#corruption): the
    time between corruptions ``onset`` and the time to notice ``detect``; the element
    ``element`` (``<service>/corruption``) is down for detection then the restore."""

    onset: DistributionInfo
    detect: DistributionInfo
    element: str

    def __str__(self) -> str:
        return f"onsets {self.onset}, detected after {self.detect}"

    def to_dict(self) -> dict:
        return {
            "onset": self.onset.to_dict(),
            "detect": self.detect.to_dict(),
            "element": self.element,
        }


@dataclass(frozen=True)
class DataInfo:
    """The data a service holds (docs/model-format.md#data): ``replication`` (none, sync or
    async), the async ``lag``, ``writes_per_second``, ``backups`` and ``corruption``."""

    replication: str
    lag: Optional[DistributionInfo] = None
    writes_per_second: Optional[float] = None
    backups: Optional[BackupsInfo] = None
    corruption: Optional[CorruptionInfo] = None
    # Replicas with their own rule, by component name: (replication, lag or None).
    replicas: Dict[str, Tuple[str, Optional[DistributionInfo]]] = field(default_factory=dict)

    def __str__(self) -> str:
        text = f"{self.replication} replication"
        if self.lag is not None:
            text += f", lag {self.lag}"
        for name, (rule, lag) in self.replicas.items():
            text += f"; {name} {rule}" + (f", lag {lag}" if lag is not None else "")
        if self.writes_per_second is not None:
            text += f", {self.writes_per_second:g} writes/s"
        return text

    def to_dict(self) -> dict:
        out: Dict[str, Any] = {"replication": self.replication}
        if self.lag is not None:
            out["lag"] = self.lag.to_dict()
        if self.replicas:
            out["replicas"] = {
                name: {"replication": rule, **({"lag": lag.to_dict()} if lag else {})}
                for name, (rule, lag) in self.replicas.items()
            }
        if self.writes_per_second is not None:
            out["writes_per_second"] = self.writes_per_second
        if self.backups is not None:
            out["backups"] = self.backups.to_dict()
        if self.corruption is not None:
            out["corruption"] = self.corruption.to_dict()
        return out


@dataclass(frozen=True)
class ObjectivesInfo:
    """Recovery objectives (docs/model-format.md#objectives): the longest acceptable incident
    ``rto_hours`` and the most writes, in time, acceptable to lose in one event ``rpo_hours``
    (None where not stated)."""

    rto_hours: Optional[float] = None
    rpo_hours: Optional[float] = None

    def __str__(self) -> str:
        parts = []
        if self.rto_hours is not None:
            parts.append(f"RTO {_core.format_duration(self.rto_hours)}")
        if self.rpo_hours is not None:
            parts.append(f"RPO {_core.format_duration(self.rpo_hours)}")
        return ", ".join(parts)

    def to_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if v is not None}


def _objectives_info(core: Any) -> Optional[ObjectivesInfo]:
    if core.rto_hours is None and core.rpo_hours is None:
        return None
    return ObjectivesInfo(core.rto_hours, core.rpo_hours)


def _data_info(core: Any, service: Any, domain_paths: List[str]) -> Optional[DataInfo]:
    d = service.data
    if d is None:
        return None
    backups = None
    if d.backups is not None:
        b = d.backups
        backups = BackupsInfo(
            b.interval_hours,
            b.retention_hours,
            DistributionInfo._from_core(b.restore),
            b.point_in_time_hours,
            domain_paths[b.location] if b.location >= 0 else None,
            b.size_gb,
            b.restore_gb_per_hour,
        )
    corruption = None
    if d.corruption is not None:
        c = d.corruption
        corruption = CorruptionInfo(
            DistributionInfo._from_core(c.onset),
            DistributionInfo._from_core(c.detect),
            core.common_causes[c.group].name,
        )
    names = [core.components[c].name for c in service.replicas]
    replicas = {
        names[r]: (
            rule.replication,
            DistributionInfo._from_core(rule.lag) if rule.replication == "async" else None,
        )
        for r, rule in sorted(d.replicas.items())
    }
    return DataInfo(
        d.replication,
        DistributionInfo._from_core(d.lag) if d.replication == "async" else None,
        d.writes_per_second,
        backups,
        corruption,
        replicas,
    )


@dataclass(frozen=True)
class ServiceInfo:
    """A service: its replicas (component names), redundancy rule and dependencies, and its
    changes when the model makes them a source of outages."""

    name: str
    replicas: List[str]
    mode: str  # "active_active" or "active_passive"
    min_healthy: int
    failover: Optional[FailoverInfo]  # active_passive only
    depends_on: List[DependencyInfo]
    changes: Optional[ChangesInfo] = None
    data: Optional[DataInfo] = None
    # The DR strategy whose preset filled in fields (docs/model-format.md#dr-strategies), and those fields
    # ("redundancy/failover/switchover: {...}"); None and empty without one.
    dr: Optional[str] = None
    dr_supplied: List[str] = field(default_factory=list)
    # active_passive: the share of its price a standby replica costs while it does not serve.
    standby_cost_share: float = 1.0

    def redundancy(self) -> str:
        if self.mode == "active_active":
            return f"active_active, {self.min_healthy} of {len(self.replicas)} healthy"
        text = f"active_passive over {len(self.replicas)} replicas"
        if self.standby_cost_share != 1.0:
            text += f", standbys priced at {self.standby_cost_share:g} of their cost"
        return text

    def to_dict(self) -> dict:
        out: Dict[str, Any] = {
            "name": self.name,
            "replicas": list(self.replicas),
            "mode": self.mode,
            "depends_on": [d.to_dict() for d in self.depends_on],
        }
        if self.mode == "active_active":
            out["min_healthy"] = self.min_healthy
        elif self.failover is not None:
            out["failover"] = self.failover.to_dict()
        if self.mode == "active_passive":
            out["standby_cost_share"] = self.standby_cost_share
        if self.changes is not None:
            out["changes"] = self.changes.to_dict()
        if self.data is not None:
            out["data"] = self.data.to_dict()
        if self.dr is not None:
            out["dr"] = {"strategy": self.dr, "supplied": list(self.dr_supplied)}
        return out


@dataclass(frozen=True)
class FallbackInfo:
    """A reduced form of a capability (docs/model-format.md#fallbacks): up while every service
    it requires is up, delivering ``value`` (0..1) of the full capability."""

    name: str
    services: List[str]
    value: float

    def __str__(self) -> str:
        return f"{self.name}: {', '.join(self.services)} (value {self.value:g})"

    def to_dict(self) -> dict:
        return {"name": self.name, "requires": list(self.services), "value": self.value}


@dataclass(frozen=True)
class CapabilityInfo:
    """A user journey: up when every service it requires is up, or every service of one of its
    ``fallbacks``; ``weight`` is its traffic share; ``objectives`` its recovery objectives when
    stated."""

    name: str
    services: List[str]
    weight: float
    objectives: Optional[ObjectivesInfo] = None
    fallbacks: List[FallbackInfo] = field(default_factory=list)

    @property
    def requires(self) -> List[str]:
        return self.services

    def to_dict(self) -> dict:
        out: Dict[str, Any] = {
            "name": self.name,
            "requires": list(self.services),
            "weight": self.weight,
        }
        if self.objectives is not None:
            out["objectives"] = self.objectives.to_dict()
        if self.fallbacks:
            out["fallbacks"] = [f.to_dict() for f in self.fallbacks]
        return out


def _flag_info(core: Any) -> Optional[FeatureFlagInfo]:
    """A dependency's feature flag, or None."""
    if core is None:
        return None
    return FeatureFlagInfo(DistributionInfo._from_core(core.decide), core.value)


def _changes_info(
    core: Any, service: int, component_names: List[str], domain_paths: List[str]
) -> Optional[ChangesInfo]:
    """The changes of service ``service`` of the core architecture, or None."""
    s = core.services[service]
    c = s.changes
    if c is None:
        return None
    r = c.rollout
    rollout = RolloutInfo(
        r.staged,
        r.by,
        r.bake_hours,
        r.canary,
        [domain_paths[d] for d in r.order],
        [[component_names[s.replicas[i]] for i in wave] for wave in r.waves],
        core.describe_rollout(service),
    )
    bad = c.bad_change_process
    return ChangesInfo(
        c.rate_per_hour,
        c.bad_probability,
        DistributionInfo._from_core(c.detection),
        DistributionInfo._from_core(c.rollback),
        rollout,
        bad.failure_frequency * _core.HOURS_PER_YEAR,
        bad.availability,
    )


class Architecture:
    """A validated, unit-resolved, catalog-merged model, ready to evaluate.

    Built by :func:`outagesim.load`; read-only. ``components``, ``services``, ``domains`` and
    ``capabilities`` are lists in model order; look one up by name with ``component(name)``,
    ``service(name)``, ``domain(path)``. ``to_networkx()`` gives the graph of services,
    components, domains and capabilities.

    What-if edits never touch the file and never change this object: ``with_changes()``,
    ``add_replica()``, ``remove_replica()``, ``move()``, ``set_failover()``,
    ``set_redundancy()``, ``set_failure()``, ``set_outage()``, ``set_common_cause()`` and
    ``set_changes()`` (a service's deploys, ``ServiceInfo.changes``) each return a new
    Architecture, re-validated by the same loader as a model file (a wrong path or value
    raises :class:`outagesim.ModelError` naming it).
    """

    def __init__(
        self,
        plan: Any,
        document: Optional[Dict[str, Any]] = None,
        catalog_dir: Optional[str] = None,
        changes: Optional[List[str]] = None,
    ):
        self._plan = plan
        # The model document as written (before catalog merge and unit resolution): what-if
        # edits change a copy of it and load that again, so they are validated like a file.
        self._document = document
        self._catalog_dir = catalog_dir
        #: Descriptions of the what-if edits that produced this architecture from the file.
        self.changes: List[str] = list(changes or [])
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
                c.repair,
                c.repair_origin,
                core.control_planes[c.repair_control_plane].name
                if c.repair_control_plane >= 0
                else None,
            )
            for c in core_components
        ]
        plane_names = [cp.name for cp in core.control_planes]
        self.control_planes: List[ControlPlaneInfo] = [
            ControlPlaneInfo(
                cp.name,
                FailureInfo._from_core(cp.outage),
                cp.origin,
                plane_names[cp.home] if cp.home >= 0 else None,
                None if cp.host_outage is None else FailureInfo._from_core(cp.host_outage),
                cp.host_origin,
            )
            for cp in core.control_planes
        ]
        ops = core.operations
        self.operations: Optional[OperationsInfo] = (
            None
            if ops is None
            else OperationsInfo(
                ops.responders, DistributionInfo._from_core(ops.engage), ops.engage_origin
            )
        )
        self.services: List[ServiceInfo] = []
        for index, s in enumerate(core_services):
            failover = None
            if s.mode == "active_passive":
                f = s.failover
                # The core resolves each target's fields (its own, else the service's).
                targets = {
                    component_names[s.replicas[t.replica]]: FailoverInfo(
                        DistributionInfo._from_core(f.detection),
                        DistributionInfo._from_core(f.switchover_to(t.replica)),
                        f.success_probability_to(t.replica),
                        DistributionInfo._from_core(f.manual_recovery_to(t.replica)),
                        f.is_instant,
                    )
                    for t in f.targets
                }
                failover = FailoverInfo(
                    DistributionInfo._from_core(f.detection),
                    DistributionInfo._from_core(f.switchover),
                    f.success_probability,
                    DistributionInfo._from_core(f.manual_recovery),
                    f.is_instant,
                    targets,
                    [plane_names[i] for i in f.control_planes_to(-1)],
                    {
                        component_names[c]: [plane_names[i] for i in f.control_planes_to(r)]
                        for r, c in enumerate(s.replicas)
                    }
                    if f.control_planes
                    else {},
                    f.without_control_plane,
                )
            self.services.append(
                ServiceInfo(
                    s.name,
                    [component_names[r] for r in s.replicas],
                    s.mode,
                    s.min_healthy,
                    failover,
                    [
                        DependencyInfo(
                            service_names[d.service], d.scope, _flag_info(d.feature_flag)
                        )
                        for d in s.depends_on
                    ],
                    _changes_info(core, index, component_names, domain_paths),
                    _data_info(core, s, domain_paths),
                    s.dr_strategy or None,
                    list(s.dr_supplied),
                    s.standby_cost_share,
                )
            )
        self.capabilities: List[CapabilityInfo] = [
            CapabilityInfo(
                c.name,
                [service_names[i] for i in c.services],
                c.weight,
                _objectives_info(c.objectives),
                [
                    FallbackInfo(f.name, [service_names[i] for i in f.services], f.value)
                    for f in c.fallbacks
                ],
            )
            for c in core.capabilities
        ]
        # The model's top-level objectives, for the whole system (None when not stated).
        self.objectives: Optional[ObjectivesInfo] = _objectives_info(core.objectives)
        self.common_causes: List[CommonCauseInfo] = [
            CommonCauseInfo(
                g.name,
                g.kind,
                [component_names[c] for c in g.members],
                FailureInfo._from_core(g.process),
                g.beta if g.kind == "beta" else None,
                g.repair if g.kind == "beta" else None,
            )
            for g in core.common_causes
        ]
        self.regional_services: List[RegionalServiceInfo] = [
            RegionalServiceInfo(
                r.name,
                domain_paths[r.region],
                r.type,
                FailureInfo._from_core(r.outage),
                r.origin,
                [component_names[c] for c in r.members],
            )
            for r in core.regional_services
        ]
        # Topological order: every dependency before the services that depend on it.
        self.service_order: List[str] = [service_names[i] for i in plan.service_order]

    # --- look-ups ---
    def component(self, name: str) -> ComponentInfo:
        """The component called ``name`` (KeyError if there is none)."""
        for c in self.components:
            if c.name == name:
                return c
        raise KeyError(f"no component named {name!r}")

    def service(self, name: str) -> ServiceInfo:
        """The service called ``name`` (KeyError if there is none)."""
        for s in self.services:
            if s.name == name:
                return s
        raise KeyError(f"no service named {name!r}")

    def domain(self, path: str) -> DomainInfo:
        """The domain at ``path``: ``aws``, ``aws/us-east-1`` or ``aws/us-east-1/use1-az1``."""
        for d in self.domains:
            if d.path == path:
                return d
        raise KeyError(f"no domain at {path!r}")

    def capability(self, name: str) -> CapabilityInfo:
        """The capability called ``name`` (KeyError if there is none)."""
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
            "common_causes": [g.to_dict() for g in self.common_causes],
            "regional_services": [r.to_dict() for r in self.regional_services],
            "control_planes": [cp.to_dict() for cp in self.control_planes],
            "operations": None if self.operations is None else self.operations.to_dict(),
            "implicit_capability": self.implicit_capability,
            "cost_per_hour": self.cost_per_hour,
        }

    def describe(self) -> str:
        """The resolved model as the text ``outagesim show`` prints."""
        from ..render.text import format_architecture

        return format_architecture(self)

    def to_dot(self) -> str:
        """Graphviz DOT: services and their edges, replicas in provider > region > zone clusters."""
        from ..render.dot import architecture_to_dot

        return architecture_to_dot(self)

    def render(self, format: str = "svg") -> bytes:
        """The architecture drawing rendered by Graphviz (``dot -T<format>``).

        Raises :class:`outagesim.GraphvizNotFound` when Graphviz is not installed
        (Debian: ``apt-get install graphviz``).
        """
        from ..render.graphviz import render_dot

        return render_dot(self.to_dot(), format)

    # --- the graph ---
    def to_networkx(self, services_only: bool = False):
        """The architecture as a ``networkx.DiGraph``.

        Nodes are ``("service", name)``, ``("component", name)``, ``("domain", path)`` and
        ``("capability", name)`` with attributes ``kind``, ``name`` and the figures of the
        part; edges carry ``kind``: ``depends_on`` (service -> service, with ``scope``),
        ``replica`` (service -> component), ``placed_in`` (component -> its deepest domain),
        ``inside`` (domain -> enclosing domain) and ``requires`` (capability -> service).
        ``services_only=True`` gives just the service dependency graph with plain service
        names as nodes (a DAG; ``networkx.topological_sort`` of its reverse matches
        ``service_order``).
        """
        try:
            import networkx as nx
        except ImportError as error:  # pragma: no cover - networkx is a test dependency
            raise ImportError("to_networkx() needs networkx: pip install networkx") from error
        graph = nx.DiGraph(name=self.name)
        if services_only:
            for s in self.services:
                graph.add_node(
                    s.name, mode=s.mode, replicas=list(s.replicas), min_healthy=s.min_healthy
                )
            for source, target, scope in self.edges:
                graph.add_edge(source, target, scope=scope)
            return graph
        for d in self.domains:
            graph.add_node(
                ("domain", d.path),
                kind="domain",
                name=d.path,
                level=d.level,
                availability=d.outage.availability,
                outage_origin=d.outage_origin,
            )
            if d.parent is not None:
                graph.add_edge(("domain", d.path), ("domain", d.parent), kind="inside")
        for c in self.components:
            graph.add_node(
                ("component", c.name),
                kind="component",
                name=c.name,
                type=c.type,
                location=c.location,
                availability=c.failure.availability,
                mttf_hours=c.failure.mttf,
                mttr_hours=c.failure.mttr,
                cost_per_hour=c.cost_per_hour,
            )
            if c.location:
                graph.add_edge(("component", c.name), ("domain", c.location), kind="placed_in")
        for s in self.services:
            graph.add_node(
                ("service", s.name),
                kind="service",
                name=s.name,
                mode=s.mode,
                min_healthy=s.min_healthy,
                redundancy=s.redundancy(),
            )
            for replica in s.replicas:
                graph.add_edge(("service", s.name), ("component", replica), kind="replica")
        for source, target, scope in self.edges:
            graph.add_edge(("service", source), ("service", target), kind="depends_on", scope=scope)
        for cap in self.capabilities:
            graph.add_node(
                ("capability", cap.name), kind="capability", name=cap.name, weight=cap.weight
            )
            for service in cap.services:
                graph.add_edge(("capability", cap.name), ("service", service), kind="requires")
        return graph

    def dependencies(self, service: str) -> List[str]:
        """The services ``service`` depends on, directly."""
        self.service(service)
        return [target for source, target, _ in self.edges if source == service]

    def dependents(self, service: str) -> List[str]:
        """The services that depend on ``service``, directly."""
        self.service(service)
        return [source for source, target, _ in self.edges if target == service]

    # --- what-if edits ---
    @property
    def document(self) -> Dict[str, Any]:
        """A copy of the model document as written (durations as text, catalog not merged)."""
        return copy.deepcopy(self._require_document())

    def _require_document(self) -> Dict[str, Any]:
        if self._document is None:
            from ..errors import ModelError

            raise ModelError.single(
                self.source,
                "",
                "this Architecture has no model document to edit; load it with "
                "outagesim.load(path, dict or text)",
            )
        return self._document

    def _catalog(self, provider: str) -> Optional[Dict[str, Any]]:
        """The raw catalog document a provider of the model opts into, or None."""
        import os

        from .paths import catalog_dir

        providers = (self._document or {}).get("providers")
        entry = providers.get(provider) if isinstance(providers, dict) else None
        name = entry.get("catalog") if isinstance(entry, dict) else None
        if not isinstance(name, str):
            return None
        path = os.path.join(self._catalog_dir or catalog_dir(), name + ".json")
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def _implicit(self, keys: List[Any]) -> Optional[Any]:
        """What a missing object of the document stands for: a catalog region or zone that
        this architecture places components in (``{}``), or the catalog's failure or outage
        process a component or domain takes (so ``components.web-1.failure.mttr`` can be set
        on a component whose failure process comes from its catalog type)."""

        def plain_process(process: Any) -> Optional[Dict[str, Any]]:
            if not isinstance(process, dict):
                return None
            return {k: v for k, v in process.items() if k != "source"}

        if len(keys) == 3 and keys[0] == "components" and keys[2] == "failure":
            try:
                component = self.component(str(keys[1]))
            except KeyError:
                return None
            catalog = self._catalog(component.location.split("/")[0])
            types = (catalog or {}).get("component_types") or {}
            entry = types.get(component.type) if component.type else None
            # An empty process: one field set in it overrides that field of the catalog's
            # process (the loader keeps the rest, e.g. the failure rate when mttr is set).
            return {} if isinstance(entry, dict) and entry.get("failure") else None
        if not keys or keys[0] != "providers" or len(keys) < 2:
            return None
        # providers.P[.regions.R[.zones.Z]][.outage]
        names, rest = [str(keys[1])], list(keys[2:])
        while len(rest) >= 2 and rest[0] in ("regions", "zones"):
            names.append(str(rest[1]))
            rest = rest[2:]
        path = "/".join(names)
        try:
            self.domain(path)
        except KeyError:
            return None
        if rest in ([], ["regions"], ["zones"]):
            return {}  # the region or zone itself, or the object listing them
        if rest == ["outage"]:
            catalog = self._catalog(names[0])
            if catalog is None:
                return None
            node: Any = catalog
            for level, name in zip(("regions", "zones"), names[1:]):
                node = (node.get(level) or {}).get(name) if isinstance(node, dict) else None
            return plain_process(node.get("outage")) if isinstance(node, dict) else None
        return None

    def _derived(self, document: Dict[str, Any], change: str) -> Architecture:
        source = self.source if self.source.endswith("(changed)") else f"{self.source} (changed)"
        return from_document(document, source, self._catalog_dir, self.changes + [change])

    def with_changes(
        self, changes: Optional[Mapping[Any, Any]] = None, create: bool = False, **kwargs: Any
    ) -> Architecture:
        """A new Architecture with values changed at dotted paths of the model document.

        ``arch.with_changes({"components.web-1.failure.mttr": "5m",
        "services.web.redundancy.min_healthy": 2})``. Paths are dotted keys (list positions
        as numbers: ``services.web.replicas.0``) or JSON pointers (``/components/web.1/...``)
        for names containing dots. Every key up to the last must exist (``create=True``
        creates missing objects, e.g. a catalog region's ``outage``); the value
        ``outagesim.DELETE`` removes a key. The changed document is validated by the loader:
        a path that does not exist raises :class:`ModelError` naming it, a value the loader
        rejects raises :class:`ModelError` with the loader's problems. This Architecture is
        not changed.
        """
        from .whatif import apply_changes

        if changes is not None and not isinstance(changes, Mapping):
            raise TypeError(
                "with_changes() takes a mapping of paths to values, e.g. "
                '{"components.web-1.failure.mttr": "5m"}, not ' + type(changes).__name__
            )
        merged: Dict[Any, Any] = dict(changes or {})
        merged.update(kwargs)
        document = apply_changes(
            self._require_document(), merged, self.source, create, self._implicit
        )
        text = ", ".join(f"{k}={v!r}" for k, v in merged.items())
        return self._derived(document, f"with_changes({text})")

    def add_replica(
        self,
        service: str,
        name: str,
        location: Optional[str] = None,
        like: Optional[str] = None,
        **fields: Any,
    ) -> Architecture:
        """A new Architecture with component ``name`` added as a replica of ``service``.

        The new component copies ``like`` (default: the service's first replica): its type,
        failure process and price, at ``location`` (``"aws/us-east-1/use1-az4"``); other
        component fields (``failure={...}``, ``type=...``, ``cost_per_hour=...``) may be
        given as keywords.
        """
        from .whatif import add_replica

        document = add_replica(
            self._require_document(), service, name, location, like, self.source, **fields
        )
        return self._derived(document, f"add_replica({service!r}, {name!r}, location={location!r})")

    def remove_replica(
        self, service: str, name: str, delete_component: bool = True
    ) -> Architecture:
        """A new Architecture without replica ``name`` in ``service`` (the component is dropped
        too unless another service uses it or ``delete_component=False``)."""
        from .whatif import remove_replica

        document = remove_replica(
            self._require_document(), service, name, delete_component, self.source
        )
        return self._derived(document, f"remove_replica({service!r}, {name!r})")

    def move(self, component: str, location: str) -> Architecture:
        """A new Architecture with ``component`` placed at ``location`` (``provider``,
        ``provider/region`` or ``provider/region/zone``; a catalog region or zone may be named)."""
        from .whatif import move

        document = move(self._require_document(), component, location, self.source)
        return self._derived(document, f"move({component!r}, {location!r})")

    def set_failover(
        self,
        service: str,
        detection: Any = None,
        switchover: Any = None,
        success_probability: Optional[float] = None,
        manual_recovery: Any = None,
    ) -> Architecture:
        """A new Architecture with the failover timings of active_passive ``service`` changed;
        timings left as None are kept. Durations are text (``"30s"``) or distributions."""
        from .whatif import set_failover

        given = {
            k: v
            for k, v in {
                "detection": detection,
                "switchover": switchover,
                "success_probability": success_probability,
                "manual_recovery": manual_recovery,
            }.items()
            if v is not None
        }
        document = set_failover(self._require_document(), service, self.source, **given)
        text = ", ".join(f"{k}={v!r}" for k, v in given.items())
        return self._derived(document, f"set_failover({service!r}, {text})")

    def set_redundancy(
        self,
        service: str,
        mode: str,
        min_healthy: Optional[int] = None,
        failover: Optional[Mapping[str, Any]] = None,
    ) -> Architecture:
        """A new Architecture with ``service``'s redundancy replaced: ``"active_active"`` with
        ``min_healthy``, or ``"active_passive"`` with ``failover`` timings (a dict)."""
        from .whatif import set_redundancy

        document = set_redundancy(
            self._require_document(), service, mode, min_healthy, failover, self.source
        )
        return self._derived(document, f"set_redundancy({service!r}, {mode!r})")

    def set_failure(self, component: str, **process: Any) -> Architecture:
        """A new Architecture with ``component``'s failure process replaced, e.g.
        ``set_failure("web-1", mtbf="1y", mttr="10m")`` or ``availability=0.9995, mttr="1h"``."""
        from .whatif import set_failure

        document = set_failure(self._require_document(), component, process, self.source)
        text = ", ".join(f"{k}={v!r}" for k, v in process.items())
        return self._derived(document, f"set_failure({component!r}, {text})")

    def set_outage(self, domain: str, **process: Any) -> Architecture:
        """A new Architecture with the outage process of a provider, region or zone set, e.g.
        ``set_outage("aws/us-east-1", mtbf="1y", mttr="12h")``; a catalog region or zone is
        listed in the model for it. With no keywords the model's own outage is removed (the
        catalog's applies again, or none)."""
        from .whatif import set_outage

        document = set_outage(self._require_document(), domain, process or None, self.source)
        text = ", ".join(f"{k}={v!r}" for k, v in process.items())
        return self._derived(document, f"set_outage({domain!r}, {text})")

    def set_common_cause(
        self,
        name: str,
        members: Optional[List[Any]] = None,
        shock: Optional[Mapping[str, Any]] = None,
        beta: Optional[float] = None,
        repair: Optional[str] = None,
    ) -> Architecture:
        """A new Architecture with the common-cause group ``name`` added or replaced: members
        (component or service names) that fail together by a ``shock`` (a failure process,
        e.g. ``{"mtbf": "2y", "mttr": "3h"}``) or by a ``beta`` factor with ``repair``
        ``"individual"`` or ``"joint"``. With no members the group is removed."""
        from .whatif import set_common_cause

        document = set_common_cause(
            self._require_document(), name, members, shock, beta, repair, self.source
        )
        what = "removed" if not members else ("shock" if shock is not None else f"beta={beta}")
        return self._derived(document, f"set_common_cause({name!r}, {what})")

    def set_changes(
        self,
        service: str,
        rate: Optional[str] = None,
        bad_probability: Optional[float] = None,
        detection: Any = None,
        rollback: Any = None,
        rollout: Any = None,
    ) -> Architecture:
        """A new Architecture with the changes of ``service`` set (docs/model-format.md#changes):
        ``set_changes("web", rate="2/w", bad_probability=0.02, detection="10m",
        rollback="15m", rollout={"by": "region", "bake": "1h"})``. Fields left as None are
        kept from the service's changes (a service without changes needs at least rate,
        bad_probability, detection and rollback). ``rollout`` is ``"all_at_once"`` or a staged
        rollout object. To drop them: ``with_changes({"services.web.changes": DELETE})``."""
        from .whatif import set_changes

        given = {
            k: v
            for k, v in {
                "rate": rate,
                "bad_probability": bad_probability,
                "detection": detection,
                "rollback": rollback,
                "rollout": rollout,
            }.items()
            if v is not None
        }
        document = set_changes(self._require_document(), service, self.source, **given)
        text = ", ".join(f"{k}={v!r}" for k, v in given.items())
        return self._derived(document, f"set_changes({service!r}, {text})")

    def save(self, path: str) -> None:
        """Writes the model document (with any what-if changes) as JSON, or YAML for .yaml/.yml."""
        document = self._require_document()
        with open(path, "w", encoding="utf-8") as handle:
            if str(path).lower().endswith((".yaml", ".yml")):
                import yaml

                yaml.safe_dump(document, handle, sort_keys=False)
            else:
                json.dump(document, handle, indent=2)
                handle.write("\n")

    # --- text and HTML ---
    @property
    def description(self) -> str:
        """The model's top-level ``description`` ('' when it has none)."""
        if self._document and isinstance(self._document.get("description"), str):
            return self._document["description"]
        return ""

    def summary(self) -> str:
        """One line: the name and how many domains, components, services and capabilities."""
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

    def _domain_lines(self) -> List[str]:
        children: Dict[Optional[str], List[DomainInfo]] = {}
        for d in self.domains:
            children.setdefault(d.parent, []).append(d)
        lines: List[str] = []

        def walk(d: DomainInfo, depth: int) -> None:
            placed = [c.name for c in self.components if c.location == d.path]
            outage = "never fails" if d.outage.never_fails else f"A={d.outage.availability:.6g}"
            here = f" [{', '.join(placed)}]" if placed else ""
            lines.append(f"{'  ' * depth}{d.level} {d.name} ({outage}){here}")
            for child in children.get(d.path, []):
                walk(child, depth + 1)

        for root in children.get(None, []):
            walk(root, 0)
        return lines

    def __str__(self) -> str:
        lines = [self.summary()]
        if self.changes:
            lines.append("  what-if: " + "; ".join(self.changes))
        lines.append("placement:")
        lines += ["  " + line for line in self._domain_lines()]
        lines.append("services (dependencies first):")
        for name in self.service_order:
            s = self.service(name)
            deps = ", ".join(
                d.service + ("" if d.scope == "any" else f" ({d.scope})") for d in s.depends_on
            )
            text = f"  {s.name}: {s.redundancy()} over {', '.join(s.replicas)}"
            if s.failover is not None:
                text += f"; failover {s.failover}"
            if deps:
                text += f"; needs {deps}"
            if s.changes is not None:
                text += f"; changes {s.changes}, {s.changes.rollout.description}"
            lines.append(text)
        lines.append("capabilities:")
        for c in self.capabilities:
            lines.append(f"  {c.name} (weight {c.weight:g}): needs {', '.join(c.services)}")
        if self.cost_per_hour > 0:
            lines.append(f"components cost ${self.cost_per_hour:,.3f}/hour")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        out = [f"<div><b>{e(self.name)}</b> &mdash; {e(self.summary().split(': ', 1)[1])}"]
        if self.description:
            out.append(f"<br><small>{e(self.description)}</small>")
        if self.changes:
            out.append(f"<br><i>what-if:</i> {e('; '.join(self.changes))}")
        out.append(
            "<table><thead><tr><th>service</th><th>redundancy</th><th>replicas (location)</th>"
            "<th>needs</th></tr></thead><tbody>"
        )
        for name in self.service_order:
            s = self.service(name)
            replicas = ", ".join(f"{r} ({self.component(r).location})" for r in s.replicas)
            redundancy = s.redundancy()
            if s.failover is not None:
                redundancy += f"<br><small>{e(str(s.failover))}</small>"
            deps = ", ".join(
                d.service + ("" if d.scope == "any" else f" ({d.scope})") for d in s.depends_on
            )
            out.append(
                f"<tr><td>{e(s.name)}</td><td>{redundancy}</td><td>{e(replicas)}</td>"
                f"<td>{e(deps)}</td></tr>"
            )
        out.append("</tbody></table>")
        out.append(
            "<table><thead><tr><th>capability</th><th>weight</th><th>needs</th></tr></thead><tbody>"
        )
        for c in self.capabilities:
            out.append(
                f"<tr><td>{e(c.name)}</td><td>{c.weight:g}</td><td>{e(', '.join(c.services))}</td></tr>"
            )
        out.append("</tbody></table>")
        out.append("<details><summary>placement</summary><pre>")
        out.append(e("\n".join(self._domain_lines())))
        out.append("</pre></details>")
        if self.cost_per_hour > 0:
            out.append(f"<small>components cost ${self.cost_per_hour:,.3f}/hour</small>")
        out.append("</div>")
        return "".join(out)


def from_document(
    document: Mapping[str, Any],
    source: str,
    catalog_dir: Optional[str],
    changes: Optional[List[str]] = None,
) -> Architecture:
    """Validates a (changed) model document with the C++ loader: the what-if path."""
    from ..errors import ModelError
    from .paths import catalog_dir as default_catalog_dir

    catalog = catalog_dir if catalog_dir is not None else default_catalog_dir()
    try:
        text = json.dumps(document, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ModelError.single(source, "", f"cannot be written as JSON: {error}") from None
    core = _core.load_text(text, source, catalog)
    return Architecture(_core.build_plan(core), json.loads(text), catalog, changes)
