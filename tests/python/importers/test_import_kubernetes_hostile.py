"""Every field of realistic manifests replaced by a value of another type: the importer either
builds a model that loads or raises ModelError naming the file; it never crashes."""

from __future__ import annotations

import copy

import outagesim
import pytest
from conftest import ROOT
from outagesim.importers.kubernetes.build import build_model
from outagesim.importers.kubernetes.read import K8sObject, read_objects
from outagesim.importers.kubernetes.zones import cluster

FIXTURES = ROOT / "tests" / "python" / "importers" / "fixtures" / "kubernetes"
REPLACEMENTS = (None, "x", 7, -1, 2.5, True, [], ["x"], {}, {"x": 1})


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


def _replaced(body, path, value):
    body = copy.deepcopy(body)
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return body


@pytest.mark.parametrize(
    "fixture, provider, region",
    [("shop", "aws", "us-east-1"), ("blog.yaml", "gcp", "us-central1")],
)
def test_no_field_of_any_type_crashes_the_importer(fixture, provider, region):
    objects = read_objects([str(FIXTURES / fixture)])
    where = cluster(provider, region, ["a", "b", "c"])
    files = {o.file for o in objects}
    tried = refused = 0
    for index, obj in enumerate(objects):
        for path in _paths(obj.body):
            if not path:
                continue
            for value in REPLACEMENTS:
                changed = list(objects)
                changed[index] = K8sObject(obj.file, obj.line, _replaced(obj.body, path, value))
                tried += 1
                try:
                    model, _ = build_model(changed, where, "hostile")
                    outagesim.load(model)
                except outagesim.ModelError as error:
                    refused += 1
                    assert any(f in str(error) for f in files), (path, value, error)
    assert tried > 1000 and 0 < refused < tried
