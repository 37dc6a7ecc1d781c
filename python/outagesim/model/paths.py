"""Where the provider catalog and the JSON Schema are: inside the installed package, or the source tree."""

from __future__ import annotations

import os
from pathlib import Path

# This file is outagesim/model/paths.py: the package folder is two levels up.
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _data_dir(name: str) -> Path:
    # Installed wheels carry models/<name> as outagesim/data/<name>; an editable or in-tree
    # checkout falls back to the repository's models/<name>.
    packaged = _PACKAGE_DIR / "data" / name
    if packaged.is_dir():
        return packaged
    source_tree = _PACKAGE_DIR.parent.parent / "models" / name
    if source_tree.is_dir():
        return source_tree
    return packaged


def catalog_dir() -> str:
    """The folder of provider catalogs (``aws.json``, ...). ``OUTAGESIM_CATALOG_DIR`` overrides it."""
    override = os.environ.get("OUTAGESIM_CATALOG_DIR")
    if override:
        return override
    return str(_data_dir("catalog"))


def schema_dir() -> str:
    """The folder holding the JSON Schema of the model format."""
    return str(_data_dir("schema"))


def incidents_dir() -> str:
    """The folder of the incident library (one scenario file per real incident)."""
    return str(_data_dir("incidents"))


def traces_dir() -> str:
    """The folder of the bundled outage traces (synthetic examples of the trace format)."""
    return str(_data_dir("traces"))
