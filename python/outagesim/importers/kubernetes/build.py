"""Kubernetes objects to an outagesim model document, with a summary of what was inferred."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from ...errors import ModelError
from .links import ANNOTATION, config_values, declared, service_hosts
from .placement import place, place_per_zone
from .read import K8sObject
from .shape import check_shape
from .zones import Cluster

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet")
# A pod on a failed node is evicted after the default not-ready/unreachable toleration (300 s)
# and started elsewhere within about a minute: a replica's repair is about six minutes.
POD_MTTR = "6m"
_USED = WORKLOAD_KINDS + (
    "Service",
    "PodDisruptionBudget",
    "ConfigMap",
    "HorizontalPodAutoscaler",
    "Ingress",
)


@dataclass
class Summary:
    """What the import mapped, inferred, skipped, and what the user must check."""

    mapped: List[str] = field(default_factory=list)
    inferred: List[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    check: List[str] = field(default_factory=list)

    def lines(self) -> List[str]:
        out = [f"mapped: {m}" for m in self.mapped]
        out += [f"inferred: {i}" for i in self.inferred]
        out += [f"skipped: {n} {kind} ({why})" for (kind, why), n in sorted(self.skipped.items())]
        out += [f"check: {c}" for c in self.check]
        return out


@dataclass
class _Workload:
    obj: K8sObject
    pod: Dict[str, Any]
    labels: Dict[str, str]
    replicas: int
    key: str = ""  # the service name in the model
    notes: List[str] = field(default_factory=list)


def _int_field(obj: K8sObject, path: str, value: Any, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise obj.error(path, f"expected a whole number >= 0, not {value!r}")
    return value


def _matches(selector: Dict[str, Any], labels: Dict[str, str]) -> bool:
    """A label selector (matchLabels and matchExpressions, or a Service's plain map)."""
    if not selector:
        return False
    plain = selector.get("matchLabels", selector if "matchExpressions" not in selector else {})
    if not isinstance(plain, dict) or any(labels.get(k) != str(v) for k, v in plain.items()):
        return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr.get("key"), expr.get("operator"), expr.get("values") or []
        present = key in labels
        if (
            (op == "In" and labels.get(key) not in values)
            or (op == "NotIn" and labels.get(key) in values)
            or (op == "Exists" and not present)
            or (op == "DoesNotExist" and present)
        ):
            return False
    return True


def _count(obj: K8sObject, path: str, value: Any, replicas: int) -> int:
    """minAvailable / maxUnavailable: a number, or a percentage of the replicas rounded up."""
    if isinstance(value, str) and value.endswith("%"):
        try:
            percent = float(value[:-1])
        except ValueError:
            raise obj.error(path, f"expected a number or a percentage, not {value!r}") from None
        return math.ceil(percent * replicas / 100.0)
    return _int_field(obj, path, value, 0) if value is not None else 0


def _workloads(objects: List[K8sObject], cluster: Cluster, summary: Summary) -> List[_Workload]:
    out: List[_Workload] = []
    autoscalers = {
        (o.namespace, str(((o.body.get("spec") or {}).get("scaleTargetRef") or {}).get("name"))): o
        for o in objects
        if o.kind == "HorizontalPodAutoscaler"
    }
    for obj in objects:
        if obj.kind not in WORKLOAD_KINDS:
            continue
        spec = obj.body.get("spec") or {}
        template = spec.get("template") or {}
        if not isinstance(template.get("spec"), dict):
            raise obj.error("/spec/template/spec", "expected the pod template of the workload")
        pod = template["spec"]
        labels = {
            str(k): str(v)
            for k, v in ((template.get("metadata") or {}).get("labels") or {}).items()
        }
        w = _Workload(obj, pod, labels, 0)
        if obj.kind == "DaemonSet":
            w.replicas = len(cluster.zones)  # at most; place_per_zone keeps the allowed ones
            w.notes.append("DaemonSet: one pod assumed per allowed zone (a node in each)")
        else:
            w.replicas = _int_field(obj, "/spec/replicas", spec.get("replicas"), 1)
            if spec.get("replicas") is None:
                w.notes.append("replicas not stated: Kubernetes' default of 1")
            hpa = autoscalers.get((obj.namespace, obj.name))
            if hpa is not None:
                floor = _int_field(
                    hpa, "/spec/minReplicas", (hpa.body.get("spec") or {}).get("minReplicas"), 1
                )
                w.replicas = floor
                w.notes.append(
                    f"replicas {floor}: the minReplicas of HorizontalPodAutoscaler {hpa.name}"
                )
        if w.replicas == 0:
            summary.skipped[(obj.kind, "scaled to 0 replicas")] += 1
            continue
        out.append(w)
    names = Counter(w.obj.name for w in out)
    for w in out:
        w.key = w.obj.name if names[w.obj.name] == 1 else f"{w.obj.namespace}.{w.obj.name}"
    return out


def _min_healthy(w: _Workload, replicas: int, objects: List[K8sObject]) -> Tuple[int, str]:
    for pdb in objects:
        if pdb.kind != "PodDisruptionBudget" or pdb.namespace != w.obj.namespace:
            continue
        spec = pdb.body.get("spec") or {}
        if not _matches(spec.get("selector") or {}, w.labels):
            continue
        if spec.get("minAvailable") is not None:
            n = _count(pdb, "/spec/minAvailable", spec["minAvailable"], replicas)
            source = f"minAvailable {spec['minAvailable']}"
        else:
            down = _count(pdb, "/spec/maxUnavailable", spec.get("maxUnavailable"), replicas)
            n = replicas - down
            source = f"maxUnavailable {spec.get('maxUnavailable')}"
        n = min(max(n, 1), replicas)
        return n, f"min_healthy {n} from PodDisruptionBudget {pdb.name} ({source})"
    return 1, "min_healthy 1: no PodDisruptionBudget, so any one replica is taken to carry the load"


def build_model(
    objects: List[K8sObject], cluster: Cluster, name: str
) -> Tuple[Dict[str, Any], Summary]:
    """The model document of ``objects`` on ``cluster``, and the summary of the import."""
    summary = Summary(check=list(cluster.notes))
    for obj in objects:
        check_shape(obj)
        if obj.kind not in _USED:
            summary.skipped[(obj.kind, "not used for availability")] += 1
    workloads = _workloads(objects, cluster, summary)
    if not workloads:
        files = sorted({o.file for o in objects})
        raise ModelError.single(
            ", ".join(files),
            "",
            "no Deployment, StatefulSet or DaemonSet with replicas; "
            "expected the manifests of an application",
        )
    location = f"{cluster.provider}/{cluster.region}"
    components: Dict[str, Any] = {}
    services: Dict[str, Any] = {}
    for w in workloads:
        if w.obj.kind == "DaemonSet":
            zones, notes = place_per_zone(w.obj, w.pod, cluster)
        else:
            zones, notes = place(w.obj, w.pod, w.replicas, cluster)
        w.notes.extend(notes)
        replicas = []
        for i, zone in enumerate(zones):
            cname = f"{w.key}-{i + 1}"
            components[cname] = {
                "type": "vm",
                "location": f"{location}/{zone}",
                "failure": {"mttr": POD_MTTR},
                "cost_per_hour": 0,
                "description": f"pod {i + 1} of {w.obj.kind} {w.obj.name} ({w.obj.where()}): "
                f"fails with its node (catalog vm failure rate); repair {POD_MTTR} = pod eviction "
                "after the default 300 s toleration and a restart elsewhere; not priced (the nodes "
                "are)",
            }
            replicas.append(cname)
        min_healthy, why = _min_healthy(w, len(replicas), objects)
        w.notes.append(why)
        if w.obj.kind == "StatefulSet":
            w.notes.append(
                "StatefulSet replicas taken as interchangeable (active_active); if one is a "
                "primary, make the service active_passive with its failover timings"
            )
        services[w.key] = {
            "replicas": replicas,
            "redundancy": {"mode": "active_active", "min_healthy": min_healthy},
        }
        summary.mapped.append(
            f"{w.obj.kind} {w.obj.namespace}/{w.obj.name} -> service {w.key}: "
            f"{len(replicas)} replica(s) in {', '.join(sorted(set(zones)))}, min_healthy {min_healthy}"
        )
    _dependencies(workloads, objects, services, summary)
    for w in workloads:
        services[w.key]["description"] = "Imported from Kubernetes: " + "; ".join(w.notes)
        summary.inferred.extend(f"{w.key}: {n}" for n in w.notes)
    capabilities = _capabilities(workloads, objects, summary)
    summary.check.append(
        "pods are not priced (cost_per_hour 0): add the nodes' cost or a fixed_cost_per_month"
    )
    model: Dict[str, Any] = {
        "format": "outagesim/v1",
        "name": name,
        "description": f"Imported by `outagesim import kubernetes` from {len(objects)} objects; "
        f"cluster in {cluster.provider} {cluster.region}, zones {', '.join(cluster.zones)} "
        "(from the command's options). Every inference is in the description of the service "
        "or component it concerns.",
        "providers": {
            cluster.provider: {
                "catalog": cluster.provider,
                "regions": {cluster.region: {"zones": {z: {} for z in cluster.zones}}},
            }
        },
        "components": components,
        "services": services,
    }
    if capabilities:
        model["capabilities"] = capabilities
    return model, summary


def _entry_services(objects: List[K8sObject]) -> List[Tuple[K8sObject, str]]:
    """(object, Service name) of what users reach: Ingress backends, LoadBalancer and NodePort
    Services."""
    out: List[Tuple[K8sObject, str]] = []
    for obj in objects:
        spec = obj.body.get("spec") or {}
        if obj.kind == "Service" and spec.get("type") in ("LoadBalancer", "NodePort"):
            out.append((obj, obj.name))
        elif obj.kind == "Ingress":
            backends = [spec.get("defaultBackend") or {}]
            for rule in spec.get("rules") or []:
                backends.extend(
                    p.get("backend") or {} for p in (rule.get("http") or {}).get("paths") or []
                )
            for b in backends:
                name = (b.get("service") or {}).get("name")
                if isinstance(name, str):
                    out.append((obj, name))
    return out


def _capabilities(
    workloads: List[_Workload], objects: List[K8sObject], summary: Summary
) -> Dict[str, Any]:
    """One capability per entry point, equal weights; none (every top-level service needed)
    when nothing is exposed."""
    entries: Dict[str, str] = {}
    for obj, svc in _entry_services(objects):
        selector = next(
            (
                (o.body.get("spec") or {}).get("selector") or {}
                for o in objects
                if o.kind == "Service" and o.namespace == obj.namespace and o.name == svc
            ),
            {},
        )
        for w in workloads:
            if w.obj.namespace == obj.namespace and _matches(selector, w.labels):
                entries.setdefault(w.key, f"{obj.kind} {obj.name}")
    if not entries:
        summary.check.append(
            "no Ingress, LoadBalancer or NodePort Service: the system needs every workload that "
            "nothing depends on (add capabilities for your user journeys)"
        )
        return {}
    caps = {}
    for key, source in entries.items():
        caps[key] = {
            "requires": [key],
            "description": f"entry point {key} exposed by {source}; equal share of traffic assumed",
        }
        summary.inferred.append(f"capability {key}: exposed by {source} (equal traffic share)")
    return caps


def _dependencies(
    workloads: List[_Workload],
    objects: List[K8sObject],
    services: Dict[str, Any],
    summary: Summary,
) -> None:
    by_key = {w.key: w for w in workloads}
    # Kubernetes Services by (namespace, name) -> the model services behind them.
    backends: Dict[Tuple[str, str], List[str]] = {}
    for obj in objects:
        if obj.kind != "Service":
            continue
        selector = (obj.body.get("spec") or {}).get("selector") or {}
        keys = [
            w.key
            for w in workloads
            if w.obj.namespace == obj.namespace and _matches(selector, w.labels)
        ]
        backends[(obj.namespace, obj.name)] = keys
        if not keys:
            summary.check.append(
                f"Service {obj.namespace}/{obj.name} ({obj.file}:{obj.line}) selects no imported "
                "workload: what depends on it (an external database?) is not modelled"
            )
    configmaps = {
        (o.namespace, o.name): dict(o.body.get("data") or {})
        for o in objects
        if o.kind == "ConfigMap"
    }
    edges: Dict[str, List[Tuple[str, Optional[str], str]]] = {w.key: [] for w in workloads}

    def reaches(start: str, goal: str) -> bool:
        stack, seen = [start], set()
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                stack.extend(t for t, _, _ in edges[node])
        return False

    # Stated dependencies first: they win over inferred ones, and a cycle among them is an error.
    for w in workloads:
        for name, scope in declared(w.obj, (w.obj.body["spec"]["template"].get("metadata") or {})):
            targets = [name] if name in by_key else backends.get((w.obj.namespace, name))
            if not targets:
                raise w.obj.error(
                    "/metadata/annotations",
                    f"{ANNOTATION}: '{name}' is neither an imported workload nor a Service that "
                    "selects one",
                )
            for t in targets:
                if t == w.key:
                    continue
                if reaches(t, w.key):
                    raise w.obj.error(
                        "/metadata/annotations",
                        f"{ANNOTATION}: {w.key} -> {t} closes a dependency cycle",
                    )
                edges[w.key].append((t, scope, f"annotation {ANNOTATION}"))
    for w in workloads:
        stated = {t for t, _, _ in edges[w.key]}
        for where, variable, value in config_values(w.obj, w.pod, configmaps):
            for ns, svc in service_hosts(variable, value, w.obj.namespace):
                for t in backends.get((ns, svc), []):
                    if t == w.key or t in stated:
                        continue
                    if reaches(t, w.key):
                        summary.check.append(
                            f"{w.key} -> {t} (from {where}) left out: it would close a "
                            f"dependency cycle; state it with {ANNOTATION} if it is a hard one"
                        )
                        continue
                    stated.add(t)
                    edges[w.key].append((t, None, f"Service {svc} in {where}"))
    for key, found in edges.items():
        if not found:
            continue
        services[key]["depends_on"] = [
            t if scope is None else {"service": t, "scope": scope} for t, scope, _ in found
        ]
        by_key[key].notes.extend(f"depends on {t} ({why})" for t, _, why in found)
