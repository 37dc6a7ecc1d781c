"""The model: loading files, dicts and text (JSON or YAML), the Architecture view, what-if edits."""

from .architecture import (
    Architecture,
    CapabilityInfo,
    ComponentInfo,
    DomainInfo,
    FailureInfo,
    ServiceInfo,
)
from .load import MAX_MODEL_BYTES, ModelSource, as_architecture, load, load_file
from .paths import catalog_dir, schema_dir
from .whatif import DELETE

__all__ = [
    "Architecture",
    "CapabilityInfo",
    "ComponentInfo",
    "DomainInfo",
    "FailureInfo",
    "ServiceInfo",
    "MAX_MODEL_BYTES",
    "ModelSource",
    "as_architecture",
    "load",
    "load_file",
    "catalog_dir",
    "schema_dir",
    "DELETE",
]
