"""Reading `terraform show -json` output (a plan or a state) into an Inventory."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List, Optional, Tuple

from ...errors import ModelError
from .resources import Inventory, Ref, Resource

SUPPORTED_MAJOR = 1  # the JSON output format's major version; minor additions are compatible
_ADDRESS = re.compile(
    r"^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)"
)


def check_format(document: Any, source: str) -> None:
    if not isinstance(document, dict):
        raise ModelError.single(
            source, "", "expected a JSON object from `terraform show -json` (a plan or a state)"
        )
    version = document.get("format_version")
    if version is None:
        raise ModelError.single(
            source,
            "/format_version",
            "missing: this JSON is not the output of `terraform show -json` (a plan or a state)",
        )
    major = str(version).split(".")[0]
    if major != str(SUPPORTED_MAJOR):
        raise ModelError.single(
            source,
            "/format_version",
            f"'{version}' is not supported: this importer reads format version "
            f"{SUPPORTED_MAJOR}.x of `terraform show -json` (Terraform 1.0 and later)",
        )
    if not any(k in document for k in ("values", "planned_values", "prior_state")):
        raise ModelError.single(
            source,
            "",
            "no 'values' (state) or 'planned_values' (plan): nothing to import; an empty state "
            "has no resources yet (run terraform plan -out and show -json the plan)",
        )


def _walk(module: Any, path: str) -> Iterator[Tuple[str, dict]]:
    if not isinstance(module, dict):
        return
    for index, resource in enumerate(module.get("resources") or []):
        if isinstance(resource, dict):
            yield f"{path}/resources/{index}", resource
    for index, child in enumerate(module.get("child_modules") or []):
        yield from _walk(child, f"{path}/child_modules/{index}")


def _module_of(address: str) -> str:
    match = _ADDRESS.match(address)
    return match.group(1).rstrip(".") if match else ""


def _block_of(reference: str, module: str) -> Optional[str]:
    """`aws_subnet.a[0].id` in module `module.net` -> `module.net.aws_subnet.a[0]`."""
    if reference.split(".")[0] in ("var", "local", "count", "each", "path", "data", "terraform"):
        return None
    match = re.match(r"^([a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)", reference)
    if not match or reference.startswith("module."):
        return None
    return f"{module}.{match.group(1)}" if module else match.group(1)


class _Configuration:
    """The `configuration` section of a plan: provider regions, per-attribute references, and
    module outputs (so module.vpc.private_subnets leads to the subnets)."""

    def __init__(self, configuration: Any) -> None:
        self.regions: Dict[str, Optional[str]] = {}
        self.provider_keys: Dict[str, str] = {}  # resource block -> provider key
        self.references: Dict[str, Dict[str, List[str]]] = {}  # block -> attribute -> blocks
        self._variables: Dict[str, List[str]] = {}  # the current module's variable -> blocks
        if not isinstance(configuration, dict):
            return
        for key, provider in (configuration.get("provider_config") or {}).items():
            if not isinstance(provider, dict):
                continue
            expressions = provider.get("expressions") or {}
            region = (expressions.get("region") or expressions.get("location") or {}).get(
                "constant_value"
            )
            name = provider.get("name", key)
            alias = provider.get("alias")
            self.regions[f"{name}.{alias}" if alias else str(name)] = (
                region if isinstance(region, str) else None
            )
        self._module(configuration.get("root_module"), "")

    def _module(
        self, module: Any, prefix: str, variables: Optional[Dict[str, List[str]]] = None
    ) -> Dict[str, List[str]]:
        if not isinstance(module, dict):
            return {}
        self._variables = variables or {}
        calls = module.get("module_calls") or {}
        outputs_of: Dict[str, Dict[str, List[str]]] = {}
        for name, call in calls.items():
            if isinstance(call, dict):
                child = f"{prefix}.module.{name}" if prefix else f"module.{name}"
                # a variable of the child refers to what the call's argument refers to
                own = self._variables
                inputs = {
                    key: self._references(expression, prefix, outputs_of)
                    for key, expression in (call.get("expressions") or {}).items()
                }
                outputs_of[name] = self._module(call.get("module"), child, inputs)
                self._variables = own
        for resource in module.get("resources") or []:
            if not isinstance(resource, dict) or resource.get("mode") == "data":
                continue
            block = (
                f"{prefix}.{resource.get('address')}" if prefix else str(resource.get("address"))
            )
            key = str(resource.get("provider_config_key", "")).split(":")[-1]
            self.provider_keys[block] = key
            attributes: Dict[str, List[str]] = {}
            for attribute, expression in (resource.get("expressions") or {}).items():
                attributes[attribute] = self._references(expression, prefix, outputs_of)
            for meta in ("count_expression", "for_each_expression"):
                if meta in resource:
                    attributes[f"({meta})"] = self._references(resource[meta], prefix, outputs_of)
            self.references[block] = attributes
        outputs: Dict[str, List[str]] = {}
        for name, output in (module.get("outputs") or {}).items():
            if isinstance(output, dict):
                outputs[name] = self._references(output.get("expression"), prefix, outputs_of)
        return outputs

    def _references(self, expression: Any, prefix: str, outputs_of: dict) -> List[str]:
        found: List[str] = []
        stack = [expression]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                for reference in item.get("references") or []:
                    parts = str(reference).split(".")
                    if parts[0] == "var" and len(parts) >= 2:
                        found.extend(self._variables.get(parts[1], []))
                        continue
                    if parts[0] == "module" and len(parts) >= 3:
                        found.extend(outputs_of.get(parts[1], {}).get(parts[2], []))
                        continue
                    block = _block_of(str(reference), prefix)
                    if block:
                        found.append(block)
                stack.extend(v for k, v in item.items() if k != "references")
        return list(dict.fromkeys(found))


def read_document(document: dict, source: str) -> Inventory:
    check_format(document, source)
    configuration = _Configuration(document.get("configuration"))
    if isinstance(document.get("planned_values"), dict):
        root, where = document["planned_values"].get("root_module"), "/planned_values/root_module"
    elif isinstance(document.get("values"), dict):
        root, where = document["values"].get("root_module"), "/values/root_module"
    else:
        prior = document.get("prior_state") or {}
        root, where = (prior.get("values") or {}).get("root_module"), "/prior_state/values"
    resources: List[Resource] = []
    for path, raw in _walk(root, where):
        if raw.get("mode", "managed") != "managed":
            continue
        address, rtype, name = raw.get("address"), raw.get("type"), raw.get("name")
        if not all(isinstance(x, str) and x for x in (address, rtype, name)):
            raise ModelError.single(
                source, path, "a resource needs text 'address', 'type' and 'name'"
            )
        address, rtype, name = str(address), str(rtype), str(name)
        given = raw.get("values")
        values: Dict[str, Any] = dict(given) if isinstance(given, dict) else {}
        module = _module_of(address)
        block = re.sub(r"\[[^\]]*\]$", "", address)
        config_block = re.sub(r"\[[^\]]*\]", "", block)
        attribute_refs = configuration.references.get(config_block, {})
        refs: List[str] = []
        for attribute, blocks in attribute_refs.items():
            refs.extend(re.sub(r"\[[^\]]*\]$", "", b) for b in blocks)
            if not attribute.startswith("(") and values.get(attribute) in (None, "", []):
                # a plan leaves computed values out: the configuration still says what they are
                index = raw.get("index")
                values[attribute] = [
                    Ref(f"{b}[{index}]" if isinstance(index, int) and "[" not in b else b, "id")
                    for b in blocks
                ]
        for dependency in raw.get("depends_on") or []:
            dep_block = (
                _block_of(str(dependency), "")
                if not str(dependency).startswith("module.")
                else re.sub(r"\[[^\]]*\]$", "", str(dependency))
            )
            if dep_block:
                refs.append(re.sub(r"\[[^\]]*\]$", "", dep_block))
        provider_key = configuration.provider_keys.get(config_block) or rtype.split("_")[0]
        resources.append(
            Resource(
                address,
                rtype,
                name,
                module,
                raw.get("index"),
                values,
                provider_key,
                sorted(set(r for r in refs if r != block)),
            )
        )
    return Inventory(resources, configuration.regions)
