"""Reading a directory of .tf files (python-hcl2) into an Inventory, with variables, locals,
count and for_each resolved as far as they can be without running Terraform."""

from __future__ import annotations

import os
import re
from typing import Any, Dict, List, Optional, Tuple

from ...errors import ModelError
from .hcl_expr import ResourceBlock, Scope, evaluate_value
from .resources import Inventory, Ref, Resource, Unknown, strip_index

MAX_TF_BYTES = 16 << 20  # one .tf file: far above any real one, well below exhausting memory
MAX_MODULE_DEPTH = 16  # module nesting: Terraform itself has no limit, real projects use 2-3
MAX_INSTANCES = 10_000  # count/for_each of one block: bounded so a typo cannot eat memory


def _hcl2():
    try:
        import hcl2
    except ImportError:  # pragma: no cover - a missing optional dependency
        raise ModelError.single(
            "", "", "reading .tf files needs python-hcl2: pip install python-hcl2"
        ) from None
    return hcl2


def parse_file(path: str) -> Dict[str, Any]:
    hcl2 = _hcl2()
    try:
        if os.path.getsize(path) > MAX_TF_BYTES:
            raise ModelError.single(path, "", f"larger than {MAX_TF_BYTES} bytes")
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise ModelError.single(path, "", f"cannot read the file: {error}") from None
    options = hcl2.SerializationOptions(
        strip_string_quotes=True, explicit_blocks=False, with_comments=False
    )
    try:
        return hcl2.loads(text, serialization_options=options)
    except Exception as error:  # lark raises its own tree of errors; all mean bad syntax
        line = getattr(error, "line", None)
        column = getattr(error, "column", None)
        where = f"line {line}, column {column}: " if line else ""
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        token = getattr(error, "token", None)
        if token is not None:
            shown = str(token).strip()
            at_end = getattr(token, "type", "") == "$END"
            detail = "unexpected end of file" if at_end else f"unexpected {shown[:40]!r}"
        detail = re.sub(r"\s*at line \d+,? column \d+\.?$", "", detail)  # said once, in front
        raise ModelError.single(
            path, "", f"{where}not valid Terraform (HCL2) syntax: {detail[:200]}"
        ) from None


def _unwrap(text: Any) -> Any:
    """The source text of a meta-argument such as provider = aws.west."""
    if isinstance(text, str) and text.startswith("${") and text.endswith("}"):
        return text[2:-1].strip()
    return text


class _Instance:
    """One resource instance: attributes evaluated on demand, so that a subnet's zone is read
    only when something needs it, and references between resources in any order work."""

    def __init__(self, module: _Module, rtype: str, name: str, index: Any, each: Any, raw: dict):
        self.module, self.type, self.name, self.index, self.each = module, rtype, name, index, each
        self.raw = raw
        suffix = (
            "" if index is None else (f"[{index}]" if isinstance(index, int) else f'["{index}"]')
        )
        self.block = f"{module.prefix}{rtype}.{name}"
        self.address = self.block + suffix
        self.values: Dict[str, Any] = {}
        self.refs: List[str] = []
        self._busy = False

    def scope(self) -> Scope:
        return self.module.scope(self.index if self.each is None else None, self.each)

    def attribute(self, name: str) -> Any:
        if name in self.values:
            return self.values[name]
        if name not in self.raw:
            return Ref(self.address, name)  # computed: known after apply
        if self._busy:
            return Unknown(f"{self.address}.{name} refers to itself")
        self._busy = True
        try:
            value = self.module.reader.evaluate(self.raw[name], self.scope(), self.refs)
        finally:
            self._busy = False
        self.values[name] = value
        # a reference passed in through a module variable arrives as a value, not as a name
        self.refs.extend(_ref_blocks(value))
        return value


def _ref_blocks(value: Any) -> List[str]:
    found: List[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Ref):
            found.append(strip_index(item.address))
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return found


class _Module:
    def __init__(self, reader: TerraformDirectory, directory: str, prefix: str, inputs: dict):
        self.reader, self.directory, self.prefix = reader, directory, prefix
        self.inputs = inputs  # name -> value already evaluated in the calling module
        self.input_refs: Dict[str, List[str]] = {}  # name -> resource blocks it referenced
        self.variables: Dict[str, Any] = {}
        self.locals: Dict[str, Any] = {}
        self.outputs: Dict[str, Any] = {}
        self.resources: Dict[Tuple[str, str], dict] = {}
        self.module_calls: Dict[str, dict] = {}
        self.providers: Dict[str, dict] = {}
        self.instances: Dict[Tuple[str, str], List[_Instance]] = {}
        self.children: Dict[str, _Module] = {}
        self._local_values: Dict[str, Any] = {}
        self._busy: set = set()

    def scope(self, count_index: Any = None, each: Any = None) -> Scope:
        return Scope(
            self.variable, self.local, self.resource, self.module_output, count_index, each
        )

    def variable(self, name: str) -> Any:
        if name in self.inputs:
            # what the caller referenced to compute this input is referenced here too
            for block in self.input_refs.get(name, []):
                self.reader.note_reference(block)
            return self.inputs[name]
        if name in self.variables:
            default = self.variables[name].get("default")
            if default is not None:
                return evaluate_value(default, self.scope())
        self.reader.unresolved.append(
            f"{self.prefix or ''}var.{name}: no value (no default, not in terraform.tfvars)"
        )
        return Unknown(f"var.{name}")

    def local(self, name: str) -> Any:
        if name in self._local_values:
            return self._local_values[name]
        if name not in self.locals or name in self._busy:
            return Unknown(f"local.{name}")
        self._busy.add(name)
        try:
            value = evaluate_value(self.locals[name], self.scope())
        finally:
            self._busy.discard(name)
        self._local_values[name] = value
        return value

    def resource(self, rtype: str, name: str) -> Any:
        key = (rtype, name)
        if key not in self.resources:
            if "." in rtype or rtype in self.reader.provider_names:
                return Unknown(f"{rtype}.{name}")
            return Unknown(f"{rtype}.{name} is not declared")
        self.reader.note_reference(f"{self.prefix}{rtype}.{name}")
        instances = self.expand(key)
        return ResourceBlock(
            f"{self.prefix}{rtype}.{name}", [(i.index, i.attribute) for i in instances]
        )

    def module_output(self, module: str, output: str) -> Any:
        child = self.children.get(module)
        if child is None or output not in child.outputs:
            return Unknown(f"module.{module}.{output}")
        value = child.outputs[output]
        return evaluate_value(value.get("value"), child.scope())

    def expand(self, key: Tuple[str, str]) -> List[_Instance]:
        if key in self.instances:
            return self.instances[key]
        self.instances[key] = []  # a count that refers to its own resource resolves to none
        raw = self.resources[key]
        rtype, name = key
        address = f"{self.prefix}{rtype}.{name}"
        body = {k: v for k, v in raw.items() if k not in ("count", "for_each", "depends_on")}
        instances: List[_Instance] = []
        if "count" in raw:
            count = evaluate_value(raw["count"], self.scope())
            if isinstance(count, bool):
                count = int(count)
            if not isinstance(count, int):
                self.reader.unresolved.append(f"{address}: count = {raw['count']} (taken as 1)")
                count = 1
            if count > MAX_INSTANCES:
                self.reader.notes.append(f"{address}: count {count} capped at {MAX_INSTANCES}")
            count = max(0, min(count, MAX_INSTANCES))
            instances = [_Instance(self, rtype, name, i, None, body) for i in range(count)]
        elif "for_each" in raw:
            each = evaluate_value(raw["for_each"], self.scope())
            if isinstance(each, list) and all(isinstance(x, str) for x in each):
                each = {x: x for x in each}
            if isinstance(each, dict):
                items = list(each.items())[:MAX_INSTANCES]
                instances = [_Instance(self, rtype, name, k, (k, v), body) for k, v in items]
            else:
                self.reader.unresolved.append(
                    f"{address}: for_each = {raw['for_each']} (taken as one instance)"
                )
                instances = [_Instance(self, rtype, name, None, None, body)]
        else:
            instances = [_Instance(self, rtype, name, None, None, body)]
        self.instances[key] = instances
        return instances


class TerraformDirectory:
    """A root module directory, its tfvars, and the local modules it calls."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.unresolved: List[str] = []
        self.notes: List[str] = []
        self.provider_names: set = set()
        self._recording: List[List[str]] = []

    def note_reference(self, block: str) -> None:
        if self._recording:
            self._recording[-1].append(block)

    def evaluate(self, raw: Any, scope: Scope, refs: List[str]) -> Any:
        self._recording.append(refs)
        try:
            return evaluate_value(raw, scope)
        finally:
            self._recording.pop()

    def read(self) -> Inventory:
        root = self._load_module(self.path, "", self._tfvars(), depth=0)
        resources: List[Resource] = []
        regions: Dict[str, Optional[str]] = {}
        self._collect(root, resources, regions, {})
        return Inventory(resources, regions)

    def _tfvars(self) -> Dict[str, Any]:
        values: Dict[str, Any] = {}
        names = ["terraform.tfvars"] + sorted(
            f for f in os.listdir(self.path) if f.endswith(".auto.tfvars")
        )
        for name in names:
            path = os.path.join(self.path, name)
            if os.path.isfile(path):
                document = parse_file(path)
                values.update({k: evaluate_value(v, _EMPTY_SCOPE) for k, v in document.items()})
        return values

    def _load_module(self, directory: str, prefix: str, inputs: dict, depth: int) -> _Module:
        files = sorted(f for f in os.listdir(directory) if f.endswith(".tf"))
        if not files:
            raise ModelError.single(
                directory, "", "no .tf files here; expected a Terraform configuration directory"
            )
        module = _Module(self, directory, prefix, inputs)
        for name in files:
            document = parse_file(os.path.join(directory, name))
            for block in document.get("variable", []):
                module.variables.update(block)
            for block in document.get("locals", []):
                module.locals.update(block)
            for block in document.get("output", []):
                module.outputs.update(block)
            for block in document.get("resource", []):
                for rtype, named in block.items():
                    for rname, body in named.items():
                        module.resources[(rtype, rname)] = body
            for block in document.get("module", []):
                module.module_calls.update(block)
            for block in document.get("provider", []):
                for pname, body in block.items():
                    self.provider_names.add(pname)
                    body = body[0] if isinstance(body, list) else body
                    alias = evaluate_value(body.get("alias"), _EMPTY_SCOPE)
                    key = f"{pname}.{alias}" if isinstance(alias, str) else pname
                    module.providers[key] = body
        for cname, call in module.module_calls.items():
            source = call.get("source", "")
            child_dir = os.path.normpath(os.path.join(directory, str(source)))
            if not str(source).startswith(".") or not os.path.isdir(child_dir):
                self.notes.append(
                    f"module.{cname}: source '{source}' is not a local directory; its resources "
                    "are not imported (run terraform show -json on a plan to include them)"
                )
                continue
            if depth >= MAX_MODULE_DEPTH:
                raise ModelError.single(
                    directory, f"module.{cname}", f"modules nested deeper than {MAX_MODULE_DEPTH}"
                )
            skip = {"source", "version", "providers", "count", "for_each", "depends_on"}
            child_inputs: Dict[str, Any] = {}
            input_refs: Dict[str, List[str]] = {}
            for key, value in call.items():
                if key not in skip:
                    input_refs[key] = []
                    child_inputs[key] = self.evaluate(value, module.scope(), input_refs[key])
            child = self._load_module(
                child_dir, f"{prefix}module.{cname}.", child_inputs, depth + 1
            )
            child.input_refs = input_refs
            module.children[cname] = child
        return module

    def _collect(self, module: _Module, out: List[Resource], regions: dict, aliases: dict):
        for provider_key, body in module.providers.items():
            region = evaluate_value(body.get("region", body.get("location")), module.scope())
            regions[provider_key] = region if isinstance(region, str) else None
            if not isinstance(region, str) and "region" in body:
                self.unresolved.append(f"provider {provider_key}: region = {body['region']}")
        for key in list(module.resources):
            for instance in module.expand(key):
                for name in instance.raw:
                    instance.attribute(name)
                provider = _unwrap(instance.raw.get("provider")) or key[0].split("_")[0]
                provider = aliases.get(provider, provider)
                values = {k: v for k, v in instance.values.items() if k != "provider"}
                for attribute, value in values.items():
                    if isinstance(value, Unknown) and attribute in _WATCHED:
                        self.unresolved.append(f"{instance.address}.{attribute}: {value.why}")
                refs = sorted(set(r for r in instance.refs if r != instance.block))
                out.append(
                    Resource(
                        instance.address,
                        key[0],
                        key[1],
                        module.prefix.rstrip("."),
                        instance.index,
                        values,
                        str(provider),
                        refs,
                    )
                )
        for cname, child in module.children.items():
            mapping = module.module_calls[cname].get("providers", {})
            if isinstance(mapping, list):
                mapping = mapping[0] if mapping else {}
            child_aliases = dict(aliases)
            if isinstance(mapping, dict):
                for inner, outer in mapping.items():
                    child_aliases[str(inner)] = aliases.get(_unwrap(outer), _unwrap(outer))
            self._collect(child, out, regions, child_aliases)


# Attributes whose value decides placement or redundancy: when one cannot be resolved the
# summary says so (others, such as tags, do not change the model).
_WATCHED = {
    "availability_zone",
    "availability_zones",
    "subnet_id",
    "vpc_zone_identifier",
    "desired_capacity",
    "min_size",
    "multi_az",
    "zone",
    "zones",
    "region",
    "location",
    "target_size",
    "instances",
    "node_count",
    "zone_redundant",
    "replicate_source_db",
    "availability_type",
}


def _no_name(*_: Any) -> Any:
    return Unknown("a reference in terraform.tfvars")


_EMPTY_SCOPE = Scope(_no_name, _no_name, _no_name, _no_name)


def read_directory(path: str) -> Tuple[Inventory, List[str], List[str]]:
    reader = TerraformDirectory(path)
    inventory = reader.read()
    unresolved = list(dict.fromkeys(reader.unresolved))
    return inventory, unresolved, reader.notes
