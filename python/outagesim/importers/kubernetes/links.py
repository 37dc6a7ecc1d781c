"""Dependencies between workloads: the ``outagesim.io/depends-on`` annotation, and addresses of
Services found in environment variables and ConfigMaps."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List, Optional, Tuple

from .read import K8sObject

ANNOTATION = "outagesim.io/depends-on"
SCOPES = ("any", "same_provider", "same_region", "same_zone")

# A host in an address: after '//', user info '@', '=' or a separator (not after a single
# '/': that is a path); name[.namespace][.svc
# [.cluster.local]]; followed by a port, a path or the end.
_HOST = re.compile(
    r"(?:^|//|[\s@=,;])([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?))?"
    r"(\.svc(?:\.cluster\.local)?)?(?=$|[\s:/,;?])"
)
# A value names an address only if it looks like one or its variable says it holds one: a bare
# word such as QUEUE_NAME=orders is not a call to the Service "orders".
_ADDRESS_VARIABLE = re.compile(r"(HOST|HOSTNAME|ADDR|ADDRESS|URL|URI|ENDPOINT|SERVER|DSN)S?$", re.I)


def _looks_like_address(variable: str, value: str) -> bool:
    return (
        "://" in value
        or ".svc" in value
        or re.search(r"[a-z0-9]:\d{2,5}\b", value) is not None
        or _ADDRESS_VARIABLE.search(variable) is not None
    )


def service_hosts(variable: str, value: str, namespace: str) -> Iterator[Tuple[str, str]]:
    """(namespace, service name) of every in-cluster address in one configuration value."""
    if not _looks_like_address(variable, value):
        return
    for match in _HOST.finditer(value):
        name, second, svc = match.groups()
        if second is None:
            yield namespace, name
        elif svc is not None:
            yield second, name
        # name.other without .svc is a public domain name, not a Service.


def config_values(
    obj: K8sObject, pod: Dict[str, Any], configmaps: Dict[Tuple[str, str], Dict[str, Any]]
) -> Iterator[Tuple[str, str, str]]:
    """(where, variable, value) of every environment variable and referenced ConfigMap entry of
    the pod's containers."""
    ns = obj.namespace
    containers = list(pod.get("containers") or []) + list(pod.get("initContainers") or [])
    for container in containers:
        cname = container.get("name", "?")
        for env in container.get("env") or []:
            var = str(env.get("name", ""))
            if isinstance(env.get("value"), str):
                yield f"container {cname} env {var}", var, env["value"]
            ref = (env.get("valueFrom") or {}).get("configMapKeyRef") or {}
            data = configmaps.get((ns, str(ref.get("name"))))
            key = str(ref.get("key"))
            if data is not None and isinstance(data.get(key), str):
                where = f"container {cname} env {var} (ConfigMap {ref['name']})"
                yield where, var, data[key]
        for source in container.get("envFrom") or []:
            name = str((source.get("configMapRef") or {}).get("name"))
            for key, value in (configmaps.get((ns, name)) or {}).items():
                if isinstance(value, str):
                    yield f"container {cname} envFrom ConfigMap {name} {key}", key, value
    for volume in pod.get("volumes") or []:
        name = str((volume.get("configMap") or {}).get("name"))
        for key, value in (configmaps.get((ns, name)) or {}).items():
            if isinstance(value, str):
                for line in value.splitlines():
                    variable = line.split("=", 1)[0].split(":", 1)[0].strip()
                    yield f"ConfigMap {name} volume, {key}", variable, line


def declared(obj: K8sObject, pod_metadata: Dict[str, Any]) -> List[Tuple[str, Optional[str]]]:
    """(name, scope) of every dependency the annotation states, on the workload or its pods."""
    text = ((obj.body.get("metadata") or {}).get("annotations") or {}).get(ANNOTATION)
    if text is None:
        text = (pod_metadata.get("annotations") or {}).get(ANNOTATION)
    if text is None:
        return []
    if not isinstance(text, str):
        raise obj.error(
            f"/metadata/annotations/{ANNOTATION.replace('/', '~1')}",
            "expected a string such as 'orders, cache:same_zone'",
        )
    out: List[Tuple[str, Optional[str]]] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        name, _, scope = item.partition(":")
        if scope and scope not in SCOPES:
            raise obj.error(
                f"/metadata/annotations/{ANNOTATION.replace('/', '~1')}",
                f"'{item}': scope '{scope}' is not one of {', '.join(SCOPES)}",
            )
        out.append((name.strip(), scope or None))
    return out
