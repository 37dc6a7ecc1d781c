"""The model document: providers with their catalogs, domains the catalogs lack, components,
services; validated by the loader before anyone writes it."""

from __future__ import annotations

import copy
from typing import Any, Dict, List

from ...errors import ModelError
from .draft import ModelBuilder


def _outage(entry: Dict[str, Any]) -> Dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in entry.get("outage", {}).items() if k != "source"}


def model_document(b: ModelBuilder, name: str, source: str) -> Dict[str, Any]:
    providers: Dict[str, Any] = {}
    for component in b.components.values():
        parts = component["location"].split("/")
        provider = providers.setdefault(parts[0], {"catalog": parts[0]})
        if len(parts) < 2:
            continue
        catalog = b.catalogs.get(parts[0])["regions"]
        region, zone = parts[1], parts[2] if len(parts) > 2 else None
        if region not in catalog:
            # The catalog has no numbers for this region: borrow its first region's, and say so.
            model_regions = provider.setdefault("regions", {})
            template_name = next(iter(catalog))
            template = catalog[template_name]
            entry = model_regions.setdefault(region, {"outage": _outage(template), "zones": {}})
            if zone:
                first_zone: Dict[str, Any] = next(iter(template.get("zones", {}).values()), {})
                entry["zones"][zone] = {"outage": _outage(first_zone)}
            b.check(
                f"region {parts[0]}/{region} is not in the {parts[0]} catalog: its outage and "
                f"its zones' outages are copied from {template_name}"
            )
        elif zone and zone not in catalog[region].get("zones", {}):
            zones = catalog[region].get("zones", {})
            first_zone = next(iter(zones.values()), {})
            entry = provider.setdefault("regions", {}).setdefault(region, {"zones": {}})
            entry.setdefault("zones", {})[zone] = {"outage": _outage(first_zone)}
            b.check(
                f"zone {zone} is not in the {parts[0]} catalog: outage copied from its region's first zone"
            )
    for entry in providers.values():
        for region in entry.get("regions", {}).values():
            if not region.get("zones"):
                region.pop("zones", None)
    services: Dict[str, Any] = {}
    for service in b.services.values():
        out: Dict[str, Any] = {"replicas": service.replicas}
        if service.redundancy:
            out["redundancy"] = service.redundancy
        if service.depends_on:
            out["depends_on"] = service.depends_on
        if service.description:
            out["description"] = service.description
        services[service.name] = out
    checks: List[str] = b.checks
    description = (
        f"Imported from Terraform ({source}) by outagesim import terraform. Failure and price "
        "figures come from the provider catalogs; every inference is in a description."
    )
    if checks:
        description += " To check: " + "; ".join(checks) + "."
    return {
        "format": "outagesim/v1",
        "name": name,
        "description": description,
        "providers": providers,
        "components": b.components,
        "services": services,
    }


def validate(document: Dict[str, Any], source: str) -> Any:
    from ...model import load

    try:
        return load(document)
    except ModelError as error:
        # The importer wrote something the loader refuses: say it is the importer's doing.
        problems = [
            {"file": f"{source} (imported model)", "path": p.path, "message": p.message}
            for p in error.problems
        ]
        raise ModelError("the imported model is not valid", problems) from None
