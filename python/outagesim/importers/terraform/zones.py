"""Where a resource lives, in the catalog's names: provider, region and zone.

AWS zone names (us-east-1a) are per account aliases of zone IDs (use1-az1), which the catalog
uses; without the account's mapping the letter is mapped in order (a -> az1, b -> az2, ...),
and every component placed that way says so. GCP zone names are the catalog's. Azure zones
("1", "2", "3") are numbered per region: eastus + "2" -> eastus-2."""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, List, Optional, Tuple

from ...model.paths import catalog_dir

PROVIDERS = {"aws": "aws", "google": "gcp", "azurerm": "azure"}
_AWS_DIRECTIONS = {
    "east": "e",
    "west": "w",
    "north": "n",
    "south": "s",
    "central": "c",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}
_AWS_AZ = re.compile(r"^([a-z]{2}(?:-gov)?-[a-z]+-\d+)([a-z])$")
_AWS_ZONE_ID = re.compile(r"^[a-z]+\d+-az\d+$")
_ARN_REGION = re.compile(r"^arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-gov)?-[a-z]+-\d+):")


class Catalogs:
    """The provider catalogs, read once: which regions and zones exist and their outages."""

    def __init__(self) -> None:
        self._catalogs: Dict[str, dict] = {}

    def get(self, provider: str) -> dict:
        if provider not in self._catalogs:
            with open(os.path.join(catalog_dir(), f"{provider}.json"), encoding="utf-8") as f:
                self._catalogs[provider] = json.load(f)
        return self._catalogs[provider]

    def zones(self, provider: str, region: str) -> List[str]:
        return list(self.get(provider)["regions"].get(region, {}).get("zones", {}))

    def has_region(self, provider: str, region: str) -> bool:
        return region in self.get(provider)["regions"]


def aws_zone_prefix(region: str, catalogs: Catalogs) -> str:
    """use1 for us-east-1: from the catalog when it lists the region, else built the way AWS
    builds zone IDs (ap-southeast-1 -> apse1)."""
    zones = catalogs.zones("aws", region)
    if zones:
        return zones[0].rsplit("-az", 1)[0]
    parts = region.split("-")
    if len(parts) >= 3:
        return parts[0] + _AWS_DIRECTIONS.get(parts[-2], parts[-2][:1]) + parts[-1]
    return region.replace("-", "")


def aws_zone(name: str, catalogs: Catalogs) -> Optional[Tuple[str, str, str]]:
    """(region, zone id, how it was mapped) for an AWS zone name or ID."""
    if _AWS_ZONE_ID.match(name):
        for region in catalogs.get("aws")["regions"]:
            if name in catalogs.zones("aws", region):
                return region, name, f"zone ID {name}"
        return None
    match = _AWS_AZ.match(name)
    if not match:
        return None
    region, letter = match.groups()
    zone = f"{aws_zone_prefix(region, catalogs)}-az{ord(letter) - ord('a') + 1}"
    return region, zone, f"{name} -> {zone} (zone name letter in order; check your account's IDs)"


def aws_region_of(values: Dict[str, Any]) -> Optional[str]:
    for key in ("region", "region_name"):
        if isinstance(values.get(key), str) and values[key]:
            return values[key]
    for key in ("availability_zone",):
        value = values.get(key)
        if isinstance(value, str) and _AWS_AZ.match(value):
            return _AWS_AZ.match(value).group(1)  # type: ignore[union-attr]
    arn = values.get("arn")
    if isinstance(arn, str):
        match = _ARN_REGION.match(arn)
        if match:
            return match.group(1)
    return None


def gcp_zone(name: str) -> Tuple[str, str]:
    """(region, zone) of a GCP zone name: us-central1-a -> (us-central1, us-central1-a)."""
    return name.rsplit("-", 1)[0], name


def azure_region(location: str) -> str:
    """The region name the catalog uses: "East US 2" -> eastus2."""
    return re.sub(r"\s+", "", location).lower()


def azure_zone(region: str, zone: Any) -> str:
    return f"{region}-{zone}"
