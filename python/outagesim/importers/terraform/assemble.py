"""From mapped services to a model document: dependencies from references, failover pairs
joined into one active_passive service, cycles broken, domains declared."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Set, Tuple

from .draft import ModelBuilder, ServiceDraft, join
from .resources import Resource

MAX_GLUE_HOPS = 6  # forwarding rule -> proxy -> url map -> backend -> group: real chains are short
# Plumbing whose references point the wrong way for a dependency (a target group is referenced
# by the instances behind a load balancer): handled by _load_balancer_targets instead.
_NOT_FOLLOWED = {
    "aws_lb_target_group",
    "aws_lb_listener",
    "aws_lb_listener_rule",
    "azurerm_lb_backend_address_pool",
    "azurerm_lb_rule",
}


def dependencies(b: ModelBuilder) -> None:
    edges: Dict[str, Set[str]] = {name: set() for name in b.services}
    for resource in b.inventory.resources:
        service = b.owner.get(resource.address)
        if service is None:
            continue
        for target in _reached(b, resource):
            if target != service:
                edges[service].add(target)
    for dependent, dependency in _load_balancer_targets(b):
        edges[dependent].add(dependency)
    for name, targets in edges.items():
        b.services[name].depends_on = sorted(targets)


def _reached(b: ModelBuilder, resource: Resource) -> Set[str]:
    found: Set[str] = set()
    seen: Set[str] = set()
    frontier: List[Tuple[str, int]] = [(ref, 0) for ref in resource.refs]
    while frontier:
        block, hops = frontier.pop()
        if block in seen:
            continue
        seen.add(block)
        if block in b.owner:
            found.add(b.owner[block])
            continue
        members = b.inventory.by_block.get(block, [])
        if hops >= MAX_GLUE_HOPS or not members or members[0].type in _NOT_FOLLOWED:
            continue
        for member in members:
            frontier.extend((ref, hops + 1) for ref in member.refs)
    return found


def _load_balancer_targets(b: ModelBuilder) -> List[Tuple[str, str]]:
    """A load balancer depends on what its target groups (backend pools) send traffic to."""
    pairs: List[Tuple[str, str]] = []
    inventory = b.inventory
    for link in inventory.resources:
        if link.type not in _LINKS:
            continue
        users = inventory.referencing(link.block)
        listeners = [r for r in users if r.type in _LISTENERS]
        balancers = {b.owner[x] for x in link.refs if x in b.owner}
        balancers.update(b.owner[x] for r in listeners for x in r.refs if x in b.owner)
        backends: Set[str] = set()
        for user in users:
            if user.type in _LISTENERS:
                continue
            if user.address in b.owner:
                backends.add(b.owner[user.address])
                continue
            # an attachment or a network interface: the instance it names or that names it
            backends.update(b.owner[x] for x in user.refs if x in b.owner)
            backends.update(
                b.owner[r.address]
                for r in inventory.referencing(user.block)
                if r.address in b.owner
            )
        backends -= balancers
        pairs.extend((lb, backend) for lb in balancers for backend in backends)
    return pairs


_LINKS = {"aws_lb_target_group", "azurerm_lb_backend_address_pool"}
_LISTENERS = {"aws_lb_listener", "aws_lb_listener_rule", "azurerm_lb_rule"}


def failovers(b: ModelBuilder, timings_of: Any) -> None:
    """Route 53 failover record pairs and replicated buckets become one active_passive service."""
    by_name: Dict[str, Dict[str, Resource]] = {}
    for record, kind in b.failover_records:
        key = str(record.values.get("name", record.block))
        by_name.setdefault(key, {})[kind] = record
    for name, pair in by_name.items():
        if "PRIMARY" not in pair or "SECONDARY" not in pair:
            b.check(f"Route 53 record {name}: failover policy without both PRIMARY and SECONDARY")
            continue
        primary, secondary = (_target(b, pair[k]) for k in ("PRIMARY", "SECONDARY"))
        if not primary or not secondary or primary == secondary:
            b.check(f"Route 53 record {name}: failover targets not found among mapped resources")
            continue
        timings = timings_of(pair["PRIMARY"])
        why = timings.pop("_why")
        b.extra_merges.append((primary, secondary, timings, why))
    for kept, merged, failover, why in b.extra_merges:
        _merge(b, kept, merged, {"mode": "active_passive", "failover": failover}, why)


def _target(b: ModelBuilder, record: Resource) -> Optional[str]:
    """The service a failover record sends traffic to: the one it references; when a for_each
    record references both sides, the one named like its set_identifier (said in the checks)."""
    candidates: List[str] = []
    for ref in record.refs:
        service = b.owner.get(ref)
        if service in b.services and b.services[service].kind != "aws_route53_record":
            candidates.append(service)
    for alias in record.values.get("alias") or []:
        if isinstance(alias, dict):
            for hit in b.inventory.resolve(alias.get("name")):
                if hit.address in b.owner and b.owner[hit.address] in b.services:
                    candidates.insert(0, b.owner[hit.address])
    candidates = list(dict.fromkeys(candidates))
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    label = str(record.values.get("set_identifier") or record.index or "")
    named = [c for c in candidates if label and label in c]
    if len(named) == 1:
        b.check(
            f"{record.address}: references {', '.join(candidates)}; {named[0]} taken as its "
            f"target because it is named like its set_identifier '{label}'"
        )
        return named[0]
    return None


def _resolve(b: ModelBuilder, name: str) -> str:
    while name not in b.services and name in b.renamed:
        name = b.renamed[name]
    return name


def _merge(b: ModelBuilder, kept: str, merged: str, redundancy: dict, why: str) -> None:
    kept, merged = _resolve(b, kept), _resolve(b, merged)
    if kept == merged or kept not in b.services or merged not in b.services:
        return
    a, c = b.services[kept], b.services[merged]
    a.replicas = a.replicas + [r for r in c.replicas if r not in a.replicas]
    if redundancy["mode"] == "active_active":
        # each side keeps the capacity it needed alone: the smaller of the two minimums
        sides = [s.redundancy.get("min_healthy", 1) for s in (a, c) if s.redundancy]
        redundancy = {**redundancy, "min_healthy": min(sides) if sides else 1}
    a.redundancy = redundancy
    a.description = join(join(a.description, f"joined with {merged}"), why)
    own_a = [_dep_name(d) for d in a.depends_on if _dep_name(d) != merged]
    own_c = [_dep_name(d) for d in c.depends_on if _dep_name(d) != kept]
    # Each side's own backend: a primary load balancer sends to the primary region's web tier.
    # Paired backends of the same kind become one service that each side reaches in its region.
    depends: List[Any] = [d for d in own_a if d in own_c]
    for da in [d for d in own_a if d not in own_c]:
        partner = next(
            (dc for dc in own_c if dc not in own_a and b.services[dc].kind == b.services[da].kind),
            None,
        )
        if partner:
            own_c.remove(partner)
            _merge(
                b,
                da,
                partner,
                {"mode": "active_active", "min_healthy": 1},
                f"one per side of the {kept} failover pair",
            )
            depends.append({"service": _resolve(b, da), "scope": "same_region"})
        else:
            depends.append(da)
    depends.extend(d for d in own_c if d not in own_a)
    a.depends_on = depends
    del b.services[merged]
    b.renamed[merged] = kept
    for service in b.services.values():
        service.depends_on = _dedupe(
            [_rename(d, merged, kept) for d in service.depends_on if _dep_name(d) != service.name]
        )
    for key, owner in list(b.owner.items()):
        if owner == merged:
            b.owner[key] = kept


def _dep_name(dependency: Any) -> str:
    return dependency["service"] if isinstance(dependency, dict) else dependency


def _rename(dependency: Any, old: str, new: str) -> Any:
    if isinstance(dependency, dict):
        return {**dependency, "service": new} if dependency["service"] == old else dependency
    return new if dependency == old else dependency


def _dedupe(items: List[Any]) -> List[Any]:
    out: List[Any] = []
    names: Set[str] = set()
    for item in items:
        if _dep_name(item) not in names:
            names.add(_dep_name(item))
            out.append(item)
    return out


def break_cycles(b: ModelBuilder) -> None:
    """References can go both ways (security groups, outputs); the model needs a DAG."""
    state: Dict[str, int] = {}

    def visit(name: str) -> None:
        state[name] = 1
        service: ServiceDraft = b.services[name]
        for dependency in list(service.depends_on):
            target = _dep_name(dependency)
            if state.get(target) == 1:
                service.depends_on.remove(dependency)
                b.check(f"dependency {name} -> {target} dropped: it closed a cycle of references")
            elif state.get(target) is None and target in b.services:
                visit(target)
        state[name] = 2

    for name in sorted(b.services):
        if name not in state:
            visit(name)
