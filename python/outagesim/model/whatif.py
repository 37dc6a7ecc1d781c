"""What-if edits of a model document: dotted paths, replicas, placement, failover; never touches files.

Every function here takes the model's JSON document (a dict), returns a changed deep copy, and
raises :class:`outagesim.ModelError` naming the path or name that was wrong. The caller
(:class:`outagesim.Architecture`) re-loads the copy through the C++ loader, so every change is
validated exactly like a model file.
"""

from __future__ import annotations

import copy
import difflib
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

from ..errors import ModelError

PathLike = Union[str, Tuple[Any, ...], List[Any]]
# Called with the keys of a missing object (e.g. ["components", "web-1", "failure"]): returns
# the value it implicitly has (from the catalog), or None when nothing stands in for it.
Defaults = Callable[[List[Any]], Optional[Any]]


class _Delete:
    """Marker value: ``with_changes({"services.web.description": outagesim.DELETE})`` removes a key."""

    _instance: Optional[_Delete] = None

    def __new__(cls) -> _Delete:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "outagesim.DELETE"


DELETE = _Delete()


def _pointer(keys: List[Any]) -> str:
    """RFC 6901 JSON pointer of a list of keys."""
    return "".join("/" + str(k).replace("~", "~0").replace("/", "~1") for k in keys)


def split_path(path: PathLike) -> List[str]:
    """Keys of a dotted path (``components.web-1.failure.mttr``), a JSON pointer
    (``/components/web-1/failure/mttr``, for names containing dots) or a tuple of keys."""
    if isinstance(path, (tuple, list)):
        keys = [str(k) for k in path]
    elif isinstance(path, str):
        if path.startswith("/"):
            keys = [k.replace("~1", "/").replace("~0", "~") for k in path[1:].split("/")]
        else:
            keys = path.split(".")
    else:
        raise ModelError.single(
            "<changes>",
            "",
            f"{path!r}: a change's path must be a dotted string such as "
            f"'components.web-1.failure.mttr', a JSON pointer or a tuple of keys",
        )
    if not keys or any(k == "" for k in keys):
        raise ModelError.single(
            "<changes>",
            "",
            f"{path!r}: malformed path (an empty key); expected keys separated by dots, "
            f"such as 'components.web-1.failure.mttr'",
        )
    return keys


def _suggest(key: str, options: List[str]) -> str:
    close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    if options and len(options) <= 12:
        return f"; expected one of {', '.join(repr(o) for o in options)}"
    return ""


def _where(keys: List[Any]) -> str:
    return ".".join(str(k) for k in keys) or "the top level"


def _step(node: Any, key: str, walked: List[Any], path: PathLike, source: str) -> Tuple[Any, Any]:
    """The child of ``node`` at ``key`` (a list index when ``node`` is a list), and the key used."""
    if isinstance(node, dict):
        if key not in node:
            raise ModelError.single(
                source,
                _pointer(walked + [key]),
                f"{_display(path)}: there is no {key!r} under {_where(walked)}"
                f"{_suggest(key, [str(k) for k in node])}",
            )
        return node[key], key
    if isinstance(node, list):
        try:
            index = int(key)
        except ValueError:
            raise ModelError.single(
                source,
                _pointer(walked + [key]),
                f"{_display(path)}: {_where(walked)} is a list; expected an index "
                f"0..{len(node) - 1}, not {key!r}",
            ) from None
        if not -len(node) <= index < len(node):
            raise ModelError.single(
                source,
                _pointer(walked + [key]),
                f"{_display(path)}: index {index} is out of range; {_where(walked)} has "
                f"{len(node)} entries",
            )
        return node[index], index
    raise ModelError.single(
        source,
        _pointer(walked),
        f"{_display(path)}: {_where(walked)} is a {type(node).__name__} ({node!r}), "
        f"not an object with keys",
    )


def _display(path: PathLike) -> str:
    return repr(path if isinstance(path, str) else ".".join(str(k) for k in path))


def _plain(value: Any) -> Any:
    """A JSON-able deep copy of a change's value (tuples become lists)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return copy.deepcopy(value)


def _is_process(keys: List[Any]) -> bool:
    """Whether ``keys`` lead to a failure process: a component's failure or a domain's outage."""
    if len(keys) == 3 and keys[0] == "components" and keys[2] == "failure":
        return True
    return len(keys) >= 3 and keys[0] == "providers" and keys[-1] == "outage"


_MEAN_KEYS = {"exponential": (), "weibull": ("scale",), "lognormal": ("median",)}


def _with_mean(dist: Any, value: Any) -> Any:
    """The distribution ``dist`` (a DIST object) with its mean set, its shape kept."""
    if not isinstance(dist, dict):
        return {"distribution": "exponential", "mean": value}
    kind = dist.get("distribution")
    out = dict(dist)
    if kind == "deterministic":
        out["value"] = value
        return out
    for key in _MEAN_KEYS.get(str(kind), ()):
        out.pop(key, None)
    out["mean"] = value
    return out


def _set_process_key(process: Dict[str, Any], key: str, value: Any) -> bool:
    """Sets mtbf, mttr or availability of a process written in another form, keeping its
    distributions: ``mttr`` of a ``ttf``/``ttr`` process becomes the repair distribution's
    mean (same family and shape). Returns False when the plain assignment should be made."""
    if "ttf" in process or "ttr" in process:
        if key == "mttr" and "ttr" in process:
            process["ttr"] = _with_mean(process["ttr"], value)
            return True
        if key == "mtbf" and "ttf" in process:
            process["ttf"] = _with_mean(process["ttf"], value)
            return True
        return False
    if key == "mtbf" and "availability" in process:
        del process["availability"]
    elif key == "availability" and "mtbf" in process:
        del process["mtbf"]
    return False


def set_path(
    document: Dict[str, Any],
    path: PathLike,
    value: Any,
    source: str = "<changes>",
    create: bool = False,
    defaults: Optional[Defaults] = None,
) -> None:
    """Sets (or with ``DELETE`` removes) the value at ``path`` in ``document``, in place.

    Every key up to the last must exist; a failure process or domain the model takes from its
    catalog exists implicitly (``defaults`` supplies it), and ``create=True`` creates any
    missing object. The last key may be new, so a field the model left out can be set; a
    misspelt new field is then rejected by the loader with a "did you mean" suggestion.
    Setting ``mtbf``/``mttr`` of a process written as ``ttf``/``ttr`` sets that
    distribution's mean and keeps its family and shape.
    """
    keys = split_path(path)
    node: Any = document
    walked: List[Any] = []
    for key in keys[:-1]:
        if isinstance(node, dict) and key not in node:
            implicit = defaults(walked + [key]) if defaults is not None else None
            if implicit is not None:
                node[key] = _plain(implicit)
            elif create:
                node[key] = {}
        node, used = _step(node, key, walked, path, source)
        walked.append(used)
    last = keys[-1]
    if isinstance(node, dict) and value is not DELETE and _is_process(walked):
        if _set_process_key(node, last, _plain(value)):
            return
    if isinstance(node, dict):
        if value is DELETE:
            if last not in node:
                raise ModelError.single(
                    source,
                    _pointer(walked + [last]),
                    f"{_display(path)}: nothing to delete, there is no {last!r} under "
                    f"{_where(walked)}{_suggest(last, [str(k) for k in node])}",
                )
            del node[last]
        else:
            node[last] = _plain(value)
        return
    if isinstance(node, list):
        _, index = _step(node, last, walked, path, source)
        if value is DELETE:
            del node[index]
        else:
            node[index] = _plain(value)
        return
    raise ModelError.single(
        source,
        _pointer(walked),
        f"{_display(path)}: {_where(walked)} is a {type(node).__name__} ({node!r}), "
        f"not an object with keys",
    )


def get_path(document: Dict[str, Any], path: PathLike, source: str = "<model>") -> Any:
    """The value at ``path`` (dotted, JSON pointer or tuple); ModelError naming it if absent."""
    keys = split_path(path)
    node: Any = document
    walked: List[Any] = []
    for key in keys:
        node, used = _step(node, key, walked, path, source)
        walked.append(used)
    return node


def apply_changes(
    document: Dict[str, Any],
    changes: Mapping[PathLike, Any],
    source: str = "<changes>",
    create: bool = False,
    defaults: Optional[Defaults] = None,
) -> Dict[str, Any]:
    """A deep copy of ``document`` with every change applied, in the order given."""
    if not isinstance(changes, Mapping):
        raise TypeError(
            "with_changes() takes a mapping of paths to values, e.g. "
            '{"components.web-1.failure.mttr": "5m"}'
        )
    out = copy.deepcopy(document)
    for path, value in changes.items():
        set_path(out, path, value, source, create, defaults)
    return out


# --- structural edits --------------------------------------------------------------------------


def _section(document: Dict[str, Any], name: str, source: str) -> Dict[str, Any]:
    section = document.get(name)
    if not isinstance(section, dict):
        raise ModelError.single(source, "/" + name, f"the model has no {name!r} object to change")
    return section


def _entry(document: Dict[str, Any], section: str, name: str, what: str, source: str) -> dict:
    entries = _section(document, section, source)
    if name not in entries:
        raise ModelError.single(
            source,
            _pointer([section, name]),
            f"no {what} named {name!r}{_suggest(name, list(entries))}",
        )
    entry = entries[name]
    if not isinstance(entry, dict):
        raise ModelError.single(
            source, _pointer([section, name]), f"the {what} {name!r} is not an object"
        )
    return entry


def _replica_names(service: dict) -> List[str]:
    replicas = service.get("replicas")
    return list(replicas) if isinstance(replicas, list) else []


def add_replica(
    document: Dict[str, Any],
    service: str,
    name: str,
    location: Optional[str] = None,
    like: Optional[str] = None,
    source: str = "<model>",
    **fields: Any,
) -> Dict[str, Any]:
    """A copy with component ``name`` added as a replica of ``service``.

    The component copies ``like`` (default: the service's first replica) with ``location``
    and any other ``fields`` (``failure``, ``type``, ``cost_per_hour``, ...) replaced.
    """
    out = copy.deepcopy(document)
    entry = _entry(out, "services", service, "service", source)
    components = _section(out, "components", source)
    if name in components:
        raise ModelError.single(
            source,
            _pointer(["components", name]),
            f"a component named {name!r} exists already; choose a new name for the replica",
        )
    replicas = _replica_names(entry)
    template_name = like if like is not None else (replicas[0] if replicas else None)
    if template_name is None:
        template: dict = {}
    else:
        template = copy.deepcopy(_entry(out, "components", template_name, "component", source))
    template.pop("description", None)
    if location is not None:
        template["location"] = location
    for key, value in fields.items():
        template[key] = _plain(value)
    components[name] = template
    entry["replicas"] = replicas + [name]
    return out


def remove_replica(
    document: Dict[str, Any],
    service: str,
    name: str,
    delete_component: bool = True,
    source: str = "<model>",
) -> Dict[str, Any]:
    """A copy without ``name`` among ``service``'s replicas (and without the component itself
    when ``delete_component`` and no other service uses it)."""
    out = copy.deepcopy(document)
    entry = _entry(out, "services", service, "service", source)
    replicas = _replica_names(entry)
    if name not in replicas:
        raise ModelError.single(
            source,
            _pointer(["services", service, "replicas"]),
            f"{name!r} is not a replica of service {service!r}{_suggest(name, replicas)}",
        )
    if len(replicas) == 1:
        raise ModelError.single(
            source,
            _pointer(["services", service, "replicas"]),
            f"{name!r} is the only replica of service {service!r}; a service needs at least one",
        )
    entry["replicas"] = [r for r in replicas if r != name]
    if delete_component:
        used_elsewhere = any(
            isinstance(s, dict) and name in _replica_names(s)
            for s in _section(out, "services", source).values()
        )
        if not used_elsewhere:
            _section(out, "components", source).pop(name, None)
    return out


def move(
    document: Dict[str, Any], component: str, location: str, source: str = "<model>"
) -> Dict[str, Any]:
    """A copy with ``component`` placed at ``location`` (``provider[/region[/zone]]``)."""
    out = copy.deepcopy(document)
    entry = _entry(out, "components", component, "component", source)
    entry["location"] = location
    return out


_FAILOVER_KEYS = ("detection", "switchover", "success_probability", "manual_recovery")


def set_failover(
    document: Dict[str, Any],
    service: str,
    source: str = "<model>",
    **timings: Any,
) -> Dict[str, Any]:
    """A copy with the failover of active_passive ``service`` changed (keys not given are kept)."""
    unknown = [k for k in timings if k not in _FAILOVER_KEYS]
    if unknown:
        raise TypeError(
            f"set_failover() got unknown timing {unknown[0]!r}; expected "
            f"{', '.join(_FAILOVER_KEYS)}"
        )
    out = copy.deepcopy(document)
    entry = _entry(out, "services", service, "service", source)
    redundancy = entry.get("redundancy")
    if not isinstance(redundancy, dict) or redundancy.get("mode") != "active_passive":
        mode = redundancy.get("mode") if isinstance(redundancy, dict) else "active_active"
        raise ModelError.single(
            source,
            _pointer(["services", service, "redundancy", "mode"]),
            f"service {service!r} is {mode}, so it has no failover; make it active_passive "
            f"first with set_redundancy({service!r}, 'active_passive', ...)",
        )
    failover = redundancy.setdefault("failover", {})
    for key, value in timings.items():
        if value is not None:
            failover[key] = _plain(value)
    return out


def set_redundancy(
    document: Dict[str, Any],
    service: str,
    mode: str,
    min_healthy: Optional[int] = None,
    failover: Optional[Mapping[str, Any]] = None,
    source: str = "<model>",
) -> Dict[str, Any]:
    """A copy with ``service``'s redundancy replaced: active_active with ``min_healthy``, or
    active_passive with ``failover`` timings."""
    out = copy.deepcopy(document)
    entry = _entry(out, "services", service, "service", source)
    redundancy: Dict[str, Any] = {"mode": mode}
    if min_healthy is not None:
        redundancy["min_healthy"] = min_healthy
    if failover is not None:
        redundancy["failover"] = _plain(failover)
    entry["redundancy"] = redundancy
    return out


def set_failure(
    document: Dict[str, Any], component: str, process: Mapping[str, Any], source: str = "<model>"
) -> Dict[str, Any]:
    """A copy with ``component``'s failure process replaced (``{"mtbf": "1y", "mttr": "1h"}``)."""
    out = copy.deepcopy(document)
    entry = _entry(out, "components", component, "component", source)
    entry["failure"] = _plain(process)
    return out


def set_outage(
    document: Dict[str, Any],
    domain: str,
    process: Optional[Mapping[str, Any]],
    source: str = "<model>",
) -> Dict[str, Any]:
    """A copy with the outage process of ``domain`` (``aws``, ``aws/us-east-1`` or
    ``aws/us-east-1/use1-az1``) set; a region or zone the model takes from its catalog is
    listed in the copy. ``process=None`` removes the model's own outage (the catalog's, or
    none, applies again)."""
    parts = domain.split("/") if isinstance(domain, str) else []
    if not 1 <= len(parts) <= 3 or any(p == "" for p in parts):
        raise ModelError.single(
            source,
            "/providers",
            f"{domain!r}: expected a domain path 'provider', 'provider/region' or "
            f"'provider/region/zone'",
        )
    out = copy.deepcopy(document)
    providers = out.get("providers")
    if not isinstance(providers, dict):
        raise ModelError.single(source, "/providers", "the model has no 'providers' object")
    if parts[0] not in providers:
        raise ModelError.single(
            source,
            _pointer(["providers", parts[0]]),
            f"no provider named {parts[0]!r}{_suggest(parts[0], list(providers))}",
        )
    node = providers[parts[0]]
    keys: List[Any] = ["providers", parts[0]]
    for level, name in zip(("regions", "zones"), parts[1:]):
        if not isinstance(node, dict):
            raise ModelError.single(source, _pointer(keys), f"{_where(keys)} is not an object")
        node = node.setdefault(level, {}).setdefault(name, {})
        keys += [level, name]
    if process is None:
        node.pop("outage", None)
    else:
        node["outage"] = _plain(process)
    return out


def set_common_cause(
    document: Dict[str, Any],
    name: str,
    members: Optional[List[Any]],
    shock: Optional[Mapping[str, Any]],
    beta: Optional[float],
    repair: Optional[str],
    source: str = "<model>",
) -> Dict[str, Any]:
    """A copy with the common-cause group ``name`` set (docs/model-format.md#common-causes):
    ``members`` with a ``shock`` process, or with a ``beta`` factor and its ``repair``.
    No members removes the group. The loader checks the rest (unknown members, beta range,
    repair) when the copy is loaded."""
    if not isinstance(name, str) or not name:
        raise ModelError.single(source, "/common_causes", f"{name!r}: expected a group name")
    out = copy.deepcopy(document)
    groups = out.setdefault("common_causes", {})
    if not isinstance(groups, dict):
        raise ModelError.single(source, "/common_causes", "'common_causes' is not an object")
    if not members:
        if name not in groups:
            raise ModelError.single(
                source,
                _pointer(["common_causes", name]),
                f"no common-cause group named {name!r}{_suggest(name, list(groups))}",
            )
        del groups[name]
        if not groups:
            del out["common_causes"]
        return out
    if (shock is None) == (beta is None):
        raise ModelError.single(
            source,
            _pointer(["common_causes", name]),
            "expected either shock= (a failure process) or beta= with repair=",
        )
    group: Dict[str, Any] = {"members": list(members)}
    if shock is not None:
        group["shock"] = _plain(shock)
    else:
        group["beta"] = beta
        if repair is not None:
            group["repair"] = repair
    groups[name] = group
    return out


_CHANGES_KEYS = ("rate", "bad_probability", "detection", "rollback", "rollout")


def set_changes(
    document: Dict[str, Any],
    service: str,
    source: str = "<model>",
    **fields: Any,
) -> Dict[str, Any]:
    """A copy with the changes of ``service`` set (docs/model-format.md#changes): the fields
    given replace the service's, the others are kept. The loader checks the result (a rate
    without a unit, a probability outside [0, 1], a rollout naming a zone the service does not
    use, ...) when the copy is loaded."""
    unknown = [k for k in fields if k not in _CHANGES_KEYS]
    if unknown:
        raise TypeError(
            f"set_changes() got unknown field {unknown[0]!r}; expected {', '.join(_CHANGES_KEYS)}"
        )
    out = copy.deepcopy(document)
    entry = _entry(out, "services", service, "service", source)
    changes = entry.setdefault("changes", {})
    if not isinstance(changes, dict):
        raise ModelError.single(
            source,
            _pointer(["services", service, "changes"]),
            f"the changes of service {service!r} are not an object; expected an object such as "
            '{"rate": "2/w", "bad_probability": 0.02, "detection": "10m", "rollback": "15m"}',
        )
    for key, value in fields.items():
        changes[key] = _plain(value)
    return out
