"""outagesim import terraform: a `terraform show -json` document or a directory of .tf files
into an outagesim model, with every inference described and a summary of what to check."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Sequence, Union

from ...errors import ModelError
from .assemble import break_cycles, dependencies, failovers
from .aws import GLUE as AWS_GLUE
from .aws import Aws
from .azure import GLUE as AZURE_GLUE
from .azure import Azure
from .document import model_document, validate
from .draft import ModelBuilder
from .gcp import GLUE as GCP_GLUE
from .gcp import Gcp
from .json_reader import read_document
from .resources import Inventory, Resource
from .summary import summary_text
from .zones import Catalogs

MAX_JSON_BYTES = 256 << 20  # a plan of a very large estate is tens of MiB; this bounds memory
_GLUE = {**AWS_GLUE, **GCP_GLUE, **AZURE_GLUE}


@dataclass
class TerraformImport:
    """The result of an import: the model document, the loaded Architecture, and the summary."""

    model: Dict[str, Any]
    architecture: Any
    summary: str
    unresolved: List[str] = field(default_factory=list)
    skipped: Dict[str, int] = field(default_factory=dict)

    def write(self, path: str) -> None:
        """The model as YAML (or JSON when the path ends in .json)."""
        from .writer import write_model

        write_model(self.model, path)


def import_terraform(path: Union[str, os.PathLike], name: str = "") -> TerraformImport:
    """Import `terraform show -json` output (plan or state) or a directory of .tf files.

    Raises ModelError (file, JSON path or line, what was expected) for input that is not
    Terraform; unknown resource types are counted in the summary, never an error."""
    source = os.fspath(path)
    unresolved: List[str] = []
    notes: List[str] = []
    if os.path.isdir(source):
        from .hcl_reader import read_directory

        inventory, unresolved, notes = read_directory(source)
    else:
        inventory = read_document(_read_json(source), source)
    builder = ModelBuilder(inventory, Catalogs())
    _map(builder, inventory)
    if not builder.components:
        kinds = ", ".join(sorted(set(r.type for r in inventory.resources))[:10]) or "none"
        raise ModelError.single(
            source,
            "",
            f"no resource of a type this importer maps (found: {kinds}); see docs/import.md for "
            "the types it reads",
        )
    failovers(builder, builder.aws.failover_timings)
    break_cycles(builder)
    base = os.path.basename(os.path.abspath(source))
    document = model_document(builder, name or os.path.splitext(base)[0] or "terraform", base)
    architecture = validate(document, source)
    return TerraformImport(
        document,
        architecture,
        summary_text(builder, source, unresolved, notes),
        unresolved,
        dict(builder.unknown_types),
    )


def _read_json(source: str) -> Any:
    if source.endswith((".tf", ".tfvars")) and os.path.isfile(source):
        raise ModelError.single(
            source,
            "",
            "a single .tf file: pass the directory that holds the configuration (Terraform "
            "reads every .tf file of a directory together)",
        )
    try:
        with open(source, "rb") as handle:
            data = handle.read(MAX_JSON_BYTES + 1)
    except OSError as error:
        raise ModelError.single(source, "", f"cannot read: {error.strerror or error}") from None
    if len(data) > MAX_JSON_BYTES:
        raise ModelError.single(source, "", f"larger than {MAX_JSON_BYTES} bytes")
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as error:
        where = (
            f"line {error.lineno}, column {error.colno}: "
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        raise ModelError.single(
            source,
            "",
            f"{where}not JSON; expected the output of `terraform show -json` (a plan or a "
            "state) or a directory of .tf files",
        ) from None


def _map(builder: ModelBuilder, inventory: Inventory) -> None:
    builder.aws = Aws(builder)
    mappers: Dict[str, Any] = {
        "aws": builder.aws,
        "google": Gcp(builder),
        "azurerm": Azure(builder),
    }
    groups: Dict[str, List[Resource]] = {}
    for resource in inventory.resources:
        groups.setdefault(resource.block, []).append(resource)
    for group in groups.values():
        rtype = group[0].type
        mapper = mappers.get(rtype.split("_")[0])
        if mapper is not None and mapper.map(rtype, group):
            continue
        if rtype in _GLUE:
            builder.skip(group, _GLUE[rtype])
        else:
            builder.unknown_types[rtype] += len(group)
    while builder.later:
        steps: Sequence[Any] = builder.later
        builder.later = []
        for step in steps:
            step()
    dependencies(builder)
