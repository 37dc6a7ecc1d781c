"""Resolving a scenario's fault targets to the model's elements (the ids the engine holds down).

Strict (a scenario written for this model): a target the model does not have is an error, with
"did you mean". Not strict (an incident replayed against any design): such a fault takes nothing
down and is listed as not in this design, so the same incident runs against every design.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ..errors import ModelError, Problem
from ..model import Architecture
from ..model.paths import catalog_dir
from .format import FaultSpec, Scenario, did_you_mean


@dataclass(frozen=True)
class ResolvedFault:
    """A fault as the engine takes it, with what it reaches in this design."""

    spec: FaultSpec
    choices: List[List[int]]  # element ids per choice (one choice unless one_zone_of)
    choice_names: List[str]  # what each choice is ("aws/us-east-1/use1-az1")
    applied: bool  # False: nothing of the target is in this design
    note: str  # why not applied, or what it reaches

    def engine_dict(self, after_index: int) -> Dict[str, Any]:
        return {
            "name": self.spec.name,
            "choices": self.choices,
            "offset_hours": self.spec.start_hours,
            "after": after_index,
            "delay_hours": self.spec.delay_hours,
            "duration": self.spec.duration,
        }


@dataclass(frozen=True)
class Resolved:
    scenario: Scenario
    faults: List[ResolvedFault]

    def engine_faults(self) -> List[Dict[str, Any]]:
        index = {f.spec.name: i for i, f in enumerate(self.faults)}
        return [
            f.engine_dict(index[f.spec.after] if f.spec.after is not None else -1)
            for f in self.faults
        ]

    @property
    def not_applied(self) -> List[ResolvedFault]:
        return [f for f in self.faults if not f.applied]


@cache
def _catalog_zones(directory: str, provider: str) -> Dict[str, Tuple[str, ...]]:
    path = Path(directory) / f"{provider}.json"
    try:
        regions = json.loads(path.read_text(encoding="utf-8")).get("regions", {})
    except (OSError, ValueError):
        return {}
    return {
        f"{provider}/{r}": tuple(f"{provider}/{r}/{z}" for z in (v.get("zones") or {}))
        for r, v in regions.items()
        if isinstance(v, dict)
    }


def catalog_regions(provider: str) -> Dict[str, Tuple[str, ...]]:
    """The provider catalog's regions, by path ('aws/us-east-1'), each with its zone paths."""
    return _catalog_zones(catalog_dir(), provider)


def catalog_zones(region_path: str) -> List[str]:
    """The zones the provider catalog lists for a region path ('aws/us-east-1')."""
    return list(catalog_regions(region_path.split("/", 1)[0]).get(region_path, ()))


class _Design:
    """The model's names and element ids, looked up by the resolver."""

    def __init__(self, arch: Architecture):
        plan = arch._plan
        self.arch = arch
        self.plan = plan
        self.domain_element = {d.path: i for i, d in enumerate(arch.domains)}
        self.domain_count = len(arch.domains)
        self.component_element = {
            c.name: self.domain_count + i for i, c in enumerate(arch.components)
        }
        names = list(plan.element_name)
        kinds = list(plan.element_kind)
        self.common_cause_element = {
            names[e]: e for e in range(len(names)) if kinds[e] == "common_cause"
        }

    def components_under(self, path: str, type_: Optional[str] = None) -> List[int]:
        prefix = path + "/"
        return [
            self.component_element[c.name]
            for c in self.arch.components
            if (c.location == path or c.location.startswith(prefix))
            and (type_ is None or c.type == type_)
        ]

    def service_components(self, name: str) -> List[int]:
        return [self.component_element[c] for c in self.arch.service(name).replicas]


def _resolve_one(d: _Design, f: FaultSpec, strict: bool, index: int, source: str) -> ResolvedFault:
    kind, name = f.target_kind, f.target
    path = f"/faults/{index}/target/{kind}"

    def missing(what: str, known: List[str]) -> ResolvedFault:
        if strict:
            raise ModelError(
                "",
                [
                    Problem(
                        source,
                        path,
                        f"the model {d.arch.name!r} has no {what} {name!r}"
                        f"{did_you_mean(name, known)}; expected one of its {what}s",
                    )
                ],
            )
        return ResolvedFault(f, [[]], [name], False, f"no {what} {name!r} in this design")

    def applied(elements: List[int], note: str) -> ResolvedFault:
        if not elements:
            return missing(note, [])
        return ResolvedFault(f, [elements], [name], True, note)

    levels = {"provider": "provider", "region": "region", "zone": "zone"}
    if kind in levels:
        known = [x.path for x in d.arch.domains if x.level == levels[kind]]
        if name not in known:
            return missing(kind, known)
        return applied([d.domain_element[name]], kind)
    if kind == "one_zone_of":
        zones = [x.path for x in d.arch.domains if x.level == "zone" and x.parent == name]
        choices = sorted(set(catalog_zones(name)) | set(zones))
        if name not in d.domain_element or not choices:
            return missing("region", [x.path for x in d.arch.domains if x.level == "region"])
        zone_elements = [[d.domain_element[z]] if z in d.domain_element else [] for z in choices]
        note = f"one of {len(choices)} zones, {sum(1 for e in zone_elements if e)} in this design"
        return ResolvedFault(f, zone_elements, choices, any(zone_elements), note)
    if kind == "component":
        if name not in d.component_element:
            return missing("component", list(d.component_element))
        return applied([d.component_element[name]], "component")
    if kind in ("service", "change"):
        names = [s.name for s in d.arch.services]
        if name not in names:
            return missing("service", names)
        return applied(d.service_components(name), "every replica")
    if kind == "common_cause":
        if name not in d.common_cause_element:
            return missing("common-cause group", list(d.common_cause_element))
        e = d.common_cause_element[name]
        members = list(d.plan.element_triggers(e))
        # A beta-factor group repaired individually has no element that stays down: its members
        # are held down instead.
        if members:
            return applied([d.domain_count + c for c in members], "every member")
        return applied([e], "common cause")
    if kind in ("regional_service", "component_type"):
        where, _, type_ = name.rpartition("/")
        if not where or not type_:
            raise ModelError.single(
                source,
                path,
                f"found {name!r}; expected '<provider or region path>/<component type>'",
            )
        if where not in d.domain_element:
            return missing(
                "region" if kind == "regional_service" else "provider or region",
                list(d.domain_element),
            )
        elements = d.components_under(where, type_)
        if not elements:
            types = sorted({c.type for c in d.arch.components})
            return missing(f"{type_} component under", types)
        return applied(elements, f"{len(elements)} component(s) of type {type_}")
    # control_plane: accepted so that incident files can say what the record says, but nothing
    # in the model depends on a control plane yet: reported, never silently applied.
    return ResolvedFault(
        f, [[]], [name], False, "control planes are not modelled yet: this fault changes nothing"
    )


def resolve(scenario: Scenario, arch: Architecture, strict: bool = True) -> Resolved:
    """Resolve every fault of ``scenario`` against ``arch``."""
    design = _Design(arch)
    return Resolved(
        scenario,
        [
            _resolve_one(design, f, strict, i, scenario.source)
            for i, f in enumerate(scenario.faults)
        ],
    )
