"""Kubernetes manifests to a model: workloads become services of pod replicas placed in the
cluster's zones, with dependencies from Services, configuration and an explicit annotation."""

from __future__ import annotations

import os
from typing import Any, Dict, List, Sequence, Tuple, Union

from .build import Summary, build_model
from .links import ANNOTATION
from .read import read_objects
from .zones import cluster


def import_kubernetes(
    paths: Union[str, Sequence[str]],
    provider: str,
    region: str,
    zones: Sequence[str],
    name: str = "",
) -> Tuple[Dict[str, Any], List[str]]:
    """The model document of the manifests at ``paths`` (files or directories) on a cluster in
    ``provider``/``region`` spanning ``zones``, and the summary lines (mapped, inferred,
    skipped, check). The document is validated by :func:`outagesim.load` before it is returned;
    bad manifests raise :class:`outagesim.ModelError` naming the file and line."""
    from ...model.load import load

    if isinstance(paths, str):
        paths = [paths]
    objects = read_objects(paths)
    where = cluster(provider, region, list(zones))
    default_name = os.path.splitext(os.path.basename(os.path.normpath(paths[0])))[0] or "cluster"
    model, summary = build_model(objects, where, name or default_name)
    load(model)  # the importer's own output must be a valid model: a failure here is our bug
    return model, summary.lines()


__all__ = ["import_kubernetes", "ANNOTATION", "Summary"]
