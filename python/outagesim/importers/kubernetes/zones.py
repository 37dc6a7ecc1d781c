"""The cluster's provider, region and zones, named as the provider catalog names them."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Dict, List, Sequence

from ...errors import ModelError
from ...model.paths import catalog_dir

_PROVIDERS = ("aws", "gcp", "azure")


@dataclass(frozen=True)
class Cluster:
    """Where the cluster runs: provider and region, and its zones as catalog names, with the
    Kubernetes zone label values (``us-east-1a``) each answers to."""

    provider: str
    region: str
    zones: List[str]
    aliases: Dict[str, str]  # label value or option value -> catalog zone
    notes: List[str]

    def zone_of(self, label_value: str) -> str:
        """The catalog zone of a ``topology.kubernetes.io/zone`` label value; ValueError if the
        value names no zone of the cluster."""
        zone = self.aliases.get(label_value)
        if zone is None:
            raise ValueError(
                f"zone '{label_value}' is not one of the cluster's zones "
                f"({', '.join(sorted(self.aliases))})"
            )
        return zone


def _catalog_zones(provider: str, region: str) -> List[str]:
    with open(os.path.join(catalog_dir(), f"{provider}.json"), encoding="utf-8") as handle:
        catalog = json.load(handle)
    regions = catalog.get("regions") or {}
    if region not in regions:
        raise ModelError.single(
            "--region",
            "",
            f"'{region}' is not a region of the {provider} catalog; expected one of "
            f"{', '.join(regions)}",
        )
    return list((regions[region].get("zones") or {}).keys())


def _suffix(provider: str, region: str, zone: str) -> str:
    """The short name a user or a node label gives a zone: ``a`` for AWS (``us-east-1a``), ``a``
    for GCP (``us-central1-a``), ``1`` for Azure (``eastus-1``)."""
    if provider == "aws":
        return ""  # AWS AZ IDs (use1-az1) are not derived from names: see cluster()
    return zone[len(region) + 1 :] if zone.startswith(region + "-") else zone


def cluster(provider: str, region: str, zones: Sequence[str]) -> Cluster:
    """The cluster of ``--provider``, ``--region`` and ``--zones`` (catalog names such as
    ``use1-az1``, label values such as ``us-east-1a``, or short names ``a,b,c`` / ``1,2,3``)."""
    if provider not in _PROVIDERS:
        raise ModelError.single(
            "--provider", "", f"'{provider}': expected one of {', '.join(_PROVIDERS)}"
        )
    known = _catalog_zones(provider, region)
    notes: List[str] = []
    chosen: List[str] = []
    aliases: Dict[str, str] = {}
    for given in zones:
        short = given[len(region) :].lstrip("-") if given.startswith(region) else given
        if given in known:
            zone = given
        elif provider == "aws" and len(short) == 1 and short.isalpha():
            # Zone names (us-east-1a) map to AZ IDs (use1-az1) differently in every AWS
            # account; the letter's position is the only guess available offline.
            index = ord(short.lower()) - ord("a")
            if index >= len(known):
                raise ModelError.single(
                    "--zones", "", f"'{given}': {region} has {len(known)} zones in the catalog"
                )
            zone = known[index]
            notes.append(
                f"zone {region}{short} taken as AZ ID {zone} (the name-to-ID mapping differs per "
                "AWS account: check `aws ec2 describe-availability-zones`)"
            )
        else:
            matches = [z for z in known if _suffix(provider, region, z) == short]
            if not matches:
                raise ModelError.single(
                    "--zones",
                    "",
                    f"'{given}' is not a zone of {provider} {region}; expected one of "
                    f"{', '.join(known)}",
                )
            zone = matches[0]
        if zone in chosen:
            raise ModelError.single("--zones", "", f"'{given}' names zone {zone} twice")
        chosen.append(zone)
        for alias in {given, zone, short, region + short, f"{region}-{short}"}:
            aliases[alias] = zone
    if not chosen:
        raise ModelError.single("--zones", "", "expected at least one zone, e.g. --zones a,b,c")
    return Cluster(provider, region, chosen, aliases, notes)
