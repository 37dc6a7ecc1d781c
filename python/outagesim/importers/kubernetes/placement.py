"""Where a workload's replicas run: the zones its scheduling constraints allow and how its
topology spread, pod anti-affinity or node affinity on zone and region place them."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from .read import K8sObject
from .zones import Cluster

ZONE_KEYS = ("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone")
REGION_KEYS = ("topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region")


def _allowed_zones(obj: K8sObject, pod: Dict[str, Any], cluster: Cluster) -> Tuple[List[str], str]:
    """The zones node affinity and nodeSelector allow, and the note saying why ("" if all)."""
    allowed = list(cluster.zones)
    reasons: List[str] = []
    selector = pod.get("nodeSelector") or {}
    terms: List[Dict[str, Any]] = [
        {"key": key, "operator": "In", "values": [value]}
        for key, value in selector.items()
        if key in ZONE_KEYS + REGION_KEYS
    ]
    required = (
        ((pod.get("affinity") or {}).get("nodeAffinity") or {}).get(
            "requiredDuringSchedulingIgnoredDuringExecution"
        )
        or {}
    ).get("nodeSelectorTerms") or []
    # Terms are ORed; a workload with several terms keeps the zones any of them allows.
    term_zones: List[str] = []
    for term in required:
        zones = list(cluster.zones)
        for expr in term.get("matchExpressions") or []:
            zones = _apply(obj, expr, zones, cluster)
        term_zones.extend(z for z in zones if z not in term_zones)
    if required:
        allowed = [z for z in allowed if z in term_zones]
        reasons.append("required node affinity")
    for expr in terms:
        allowed = _apply(obj, expr, allowed, cluster)
        reasons.append("nodeSelector")
    if not allowed:
        raise obj.error(
            "/spec/template/spec/affinity",
            f"its node affinity allows none of the cluster's zones ({', '.join(cluster.zones)})",
        )
    note = f"zones {', '.join(allowed)} from {' and '.join(reasons)}" if reasons else ""
    return allowed, note


def _apply(obj: K8sObject, expr: Dict[str, Any], zones: List[str], cluster: Cluster) -> List[str]:
    key, op = expr.get("key"), expr.get("operator")
    values = [str(v) for v in expr.get("values") or []]
    if key in REGION_KEYS:
        if op == "In" and cluster.region not in values:
            raise obj.error(
                "/spec/template/spec/affinity",
                f"it must run in region {', '.join(values)}, but the cluster is in "
                f"{cluster.region} (--region)",
            )
        if op == "NotIn" and cluster.region in values:
            raise obj.error(
                "/spec/template/spec/affinity", f"it must not run in region {cluster.region}"
            )
        return zones
    if key not in ZONE_KEYS or op not in ("In", "NotIn"):
        return zones
    try:
        named = {cluster.zone_of(v) for v in values}
    except ValueError as error:
        raise obj.error("/spec/template/spec/affinity", str(error)) from None
    return [z for z in zones if (z in named) == (op == "In")]


def _spreads_over_zones(obj: K8sObject, pod: Dict[str, Any]) -> Tuple[str, str]:
    """("required" | "preferred" | "", what says so)."""
    for c in pod.get("topologySpreadConstraints") or []:
        if c.get("topologyKey") in ZONE_KEYS:
            hard = c.get("whenUnsatisfiable", "DoNotSchedule") == "DoNotSchedule"
            return (
                "required" if hard else "preferred",
                f"topologySpreadConstraints on {c['topologyKey']} (maxSkew "
                f"{c.get('maxSkew', 1)}, {c.get('whenUnsatisfiable', 'DoNotSchedule')})",
            )
    anti = (pod.get("affinity") or {}).get("podAntiAffinity") or {}
    for term in anti.get("requiredDuringSchedulingIgnoredDuringExecution") or []:
        if term.get("topologyKey") in ZONE_KEYS:
            return "one-per-zone", "required pod anti-affinity on zone"
    for weighted in anti.get("preferredDuringSchedulingIgnoredDuringExecution") or []:
        if (weighted.get("podAffinityTerm") or {}).get("topologyKey") in ZONE_KEYS:
            return "preferred", "preferred pod anti-affinity on zone"
    return "", ""


def place(
    obj: K8sObject, pod: Dict[str, Any], replicas: int, cluster: Cluster
) -> Tuple[List[str], List[str]]:
    """The zone of each replica, and what was inferred to place them."""
    allowed, note = _allowed_zones(obj, pod, cluster)
    notes = [note] if note else []
    how, source = _spreads_over_zones(obj, pod)
    if how == "one-per-zone" and replicas > len(allowed):
        notes.append(
            f"{source}: only {len(allowed)} of {replicas} replicas can be scheduled (one per "
            "zone); the others stay Pending and are left out"
        )
        replicas = len(allowed)
    if how:
        zones = [allowed[i % len(allowed)] for i in range(replicas)]
        notes.append(f"replicas spread round-robin over zones by {source}")
    else:
        # Without a zone constraint the scheduler may put every replica in one zone; the
        # importer assumes that worst case instead of hoping for an even spread.
        zones = [allowed[0]] * replicas
        notes.append(
            f"no zone spread constraint: all replicas assumed in {allowed[0]} (the worst case "
            "the scheduler allows; add topologySpreadConstraints on topology.kubernetes.io/zone)"
        )
    return zones, notes


def place_per_zone(
    obj: K8sObject, pod: Dict[str, Any], cluster: Cluster
) -> Tuple[List[str], List[str]]:
    """A DaemonSet's pods: one in each zone its node affinity allows (a node in each)."""
    allowed, note = _allowed_zones(obj, pod, cluster)
    return allowed, [note] if note else []
