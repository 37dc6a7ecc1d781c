"""The shape of the fields the importer reads: a field of the wrong type (``env: "x"``) is
reported with its file, line and path before anything reads it."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from .read import K8sObject

_WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet")
_POD = "/spec/template/spec"
_AFFINITY = _POD + "/affinity"
_NODE_TERMS = _AFFINITY + "/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
_ANTI = _AFFINITY + "/podAntiAffinity"


def _container_rules(key: str) -> List[Tuple[str, type]]:
    c = f"{_POD}/{key}"
    return [
        (c, list),
        (c + "/*", dict),
        (c + "/*/env", list),
        (c + "/*/env/*", dict),
        (c + "/*/env/*/valueFrom", dict),
        (c + "/*/env/*/valueFrom/configMapKeyRef", dict),
        (c + "/*/envFrom", list),
        (c + "/*/envFrom/*", dict),
        (c + "/*/envFrom/*/configMapRef", dict),
    ]


_SELECTOR = [
    ("/spec/selector", dict),
    ("/spec/selector/matchLabels", dict),
    ("/spec/selector/matchExpressions", list),
    ("/spec/selector/matchExpressions/*", dict),
    ("/spec/selector/matchExpressions/*/values", list),
]

# (kinds, or () for every kind; JSON pointer with * for any list item; expected type)
RULES: List[Tuple[Tuple[str, ...], str, type]] = [
    ((), "/metadata", dict),
    ((), "/metadata/annotations", dict),
    ((), "/metadata/labels", dict),
]
RULES += [
    (_WORKLOADS, path, kind)
    for path, kind in [
        ("/spec", dict),
        ("/spec/template", dict),
        ("/spec/template/metadata", dict),
        ("/spec/template/metadata/labels", dict),
        ("/spec/template/metadata/annotations", dict),
        (_POD, dict),
        (_POD + "/volumes", list),
        (_POD + "/volumes/*", dict),
        (_POD + "/volumes/*/configMap", dict),
        (_POD + "/nodeSelector", dict),
        (_POD + "/topologySpreadConstraints", list),
        (_POD + "/topologySpreadConstraints/*", dict),
        (_AFFINITY, dict),
        (_AFFINITY + "/nodeAffinity", dict),
        (_NODE_TERMS, dict),
        (_NODE_TERMS + "/nodeSelectorTerms", list),
        (_NODE_TERMS + "/nodeSelectorTerms/*", dict),
        (_NODE_TERMS + "/nodeSelectorTerms/*/matchExpressions", list),
        (_NODE_TERMS + "/nodeSelectorTerms/*/matchExpressions/*", dict),
        (_NODE_TERMS + "/nodeSelectorTerms/*/matchExpressions/*/values", list),
        (_ANTI, dict),
        (_ANTI + "/requiredDuringSchedulingIgnoredDuringExecution", list),
        (_ANTI + "/requiredDuringSchedulingIgnoredDuringExecution/*", dict),
        (_ANTI + "/preferredDuringSchedulingIgnoredDuringExecution", list),
        (_ANTI + "/preferredDuringSchedulingIgnoredDuringExecution/*", dict),
        (_ANTI + "/preferredDuringSchedulingIgnoredDuringExecution/*/podAffinityTerm", dict),
    ]
    + _container_rules("containers")
    + _container_rules("initContainers")
]
RULES += [(("Service",), "/spec", dict), (("Service",), "/spec/selector", dict)]
RULES += [(("PodDisruptionBudget",), "/spec", dict)]
RULES += [(("PodDisruptionBudget",), path, kind) for path, kind in _SELECTOR]
RULES += [(("ConfigMap",), "/data", dict)]
RULES += [(("HorizontalPodAutoscaler",), "/spec", dict)]
RULES += [(("HorizontalPodAutoscaler",), "/spec/scaleTargetRef", dict)]
RULES += [
    (("Ingress",), path, kind)
    for path, kind in [
        ("/spec", dict),
        ("/spec/defaultBackend", dict),
        ("/spec/defaultBackend/service", dict),
        ("/spec/rules", list),
        ("/spec/rules/*", dict),
        ("/spec/rules/*/http", dict),
        ("/spec/rules/*/http/paths", list),
        ("/spec/rules/*/http/paths/*", dict),
        ("/spec/rules/*/http/paths/*/backend", dict),
        ("/spec/rules/*/http/paths/*/backend/service", dict),
    ]
]

_NAMES: Dict[type, str] = {dict: "a mapping", list: "a list"}


def _values(node: Any, tokens: List[str], path: str):
    """(path, value) of every node the pattern tokens reach from ``node``."""
    if not tokens:
        yield path, node
        return
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from _values(item, rest, f"{path}/{i}")
    elif isinstance(node, dict) and node.get(head) is not None:
        yield from _values(node[head], rest, f"{path}/{head}")


def check_shape(obj: K8sObject) -> None:
    """Raises a ModelError naming the file, line and path of the first field of a wrong type."""
    for kinds, pattern, expected in RULES:
        if kinds and obj.kind not in kinds:
            continue
        for path, value in _values(obj.body, pattern.split("/")[1:], ""):
            if not isinstance(value, expected):
                raise obj.error(
                    path, f"expected {_NAMES[expected]}, not {type(value).__name__} {value!r:.40}"
                )
