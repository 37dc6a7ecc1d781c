"""The resources a Terraform reader found, whatever it read (plan/state JSON or .tf files)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional


class Unknown:
    """A value that cannot be known without running Terraform (computed, or not resolvable)."""

    def __init__(self, why: str = "") -> None:
        self.why = why

    def __repr__(self) -> str:
        return f"<unknown {self.why}>"


@dataclass(frozen=True)
class Ref:
    """An attribute of another resource that only exists once applied (an id, an ARN)."""

    address: str
    attribute: str


@dataclass
class Resource:
    address: str  # module.app.aws_instance.web[0]
    type: str
    name: str
    module: str  # "" or "module.app"
    index: Any  # None, an int (count) or a str (for_each)
    values: Dict[str, Any]
    provider_key: str  # "aws", "aws.west"
    refs: List[str] = field(default_factory=list)  # addresses of resource blocks it references

    @property
    def block(self) -> str:
        """The address without the instance index: the block in the configuration."""
        return _INDEX.sub("", self.address)

    @property
    def short(self) -> str:
        """A readable, name-safe label: module prefixes and the index kept, the type dropped."""
        parts = [p for p in self.module.split(".") if p and p != "module"]
        label = "-".join(parts + [self.name])
        if self.index is not None:
            label += f"-{self.index}"
        return re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-")

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key, default)
        return default if value is None or isinstance(value, Unknown) else value


_INDEX = re.compile(r"\[[^\]]*\]$")


def strip_index(address: str) -> str:
    return _INDEX.sub("", address)


class Inventory:
    """Every resource found, with look-ups by address and by the identifiers a state records."""

    def __init__(self, resources: Iterable[Resource], regions: Dict[str, Optional[str]]):
        self.resources: List[Resource] = list(resources)
        self.regions = regions  # provider key ("aws", "aws.west") -> its region, when known
        self.by_address = {r.address: r for r in self.resources}
        self.by_block: Dict[str, List[Resource]] = {}
        self.referrers: Dict[str, List[Resource]] = {}  # block -> resources referencing it
        for r in self.resources:
            self.by_block.setdefault(r.block, []).append(r)
            for ref in r.refs:
                self.referrers.setdefault(ref, []).append(r)
        self._by_identifier: Dict[str, List[Resource]] = {}
        for r in self.resources:
            for key in ("id", "arn", "self_link", "name", "identifier", "dns_name"):
                value = r.values.get(key)
                if isinstance(value, str) and value:
                    hits = self._by_identifier.setdefault(value, [])
                    if r not in hits:
                        hits.append(r)

    def resolve(self, value: Any, type_prefix: str = "") -> List[Resource]:
        """The resources a value points at: a Ref, an id/ARN/name string, or a list of those."""
        if isinstance(value, (list, tuple)):
            found: List[Resource] = []
            for item in value:
                found.extend(self.resolve(item, type_prefix))
            return found
        if isinstance(value, Ref):
            hits = (
                [self.by_address[value.address]]
                if value.address in self.by_address
                else self.by_block.get(value.address)
                or self.by_block.get(strip_index(value.address), [])
            )
            return [r for r in hits if r.type.startswith(type_prefix)]
        if isinstance(value, str) and value:
            # a self_link or an ARN may end with the resource's name
            for key in (value, value.rstrip("/").rsplit("/", 1)[-1]):
                hits = [
                    r for r in self._by_identifier.get(key, []) if r.type.startswith(type_prefix)
                ]
                if hits:
                    return hits[:1]
        return []

    def region_of(self, resource: Resource) -> Optional[str]:
        return self.regions.get(resource.provider_key) or self.regions.get(
            resource.provider_key.split(".")[0]
        )

    def referencing(self, block: str, type_prefix: str = "") -> List[Resource]:
        """Resources whose references include this block."""
        return [r for r in self.referrers.get(block, []) if r.type.startswith(type_prefix)]
