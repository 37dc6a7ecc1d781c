# Type stubs of outagesim.whatif: edits of a model document by dotted path and by structure.
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

PathLike = Union[str, Tuple[Any, ...], List[Any]]
Defaults = Callable[[List[Any]], Optional[Any]]

class _Delete: ...

DELETE: _Delete

def split_path(path: PathLike) -> List[str]: ...
def set_path(
    document: Dict[str, Any],
    path: PathLike,
    value: Any,
    source: str = ...,
    create: bool = ...,
    defaults: Optional[Defaults] = ...,
) -> None: ...
def get_path(document: Dict[str, Any], path: PathLike, source: str = ...) -> Any: ...
def apply_changes(
    document: Dict[str, Any],
    changes: Mapping[PathLike, Any],
    source: str = ...,
    create: bool = ...,
    defaults: Optional[Defaults] = ...,
) -> Dict[str, Any]: ...
def add_replica(
    document: Dict[str, Any],
    service: str,
    name: str,
    location: Optional[str] = ...,
    like: Optional[str] = ...,
    source: str = ...,
    **fields: Any,
) -> Dict[str, Any]: ...
def remove_replica(
    document: Dict[str, Any],
    service: str,
    name: str,
    delete_component: bool = ...,
    source: str = ...,
) -> Dict[str, Any]: ...
def move(
    document: Dict[str, Any], component: str, location: str, source: str = ...
) -> Dict[str, Any]: ...
def set_failover(
    document: Dict[str, Any], service: str, source: str = ..., **timings: Any
) -> Dict[str, Any]: ...
def set_redundancy(
    document: Dict[str, Any],
    service: str,
    mode: str,
    min_healthy: Optional[int] = ...,
    failover: Optional[Mapping[str, Any]] = ...,
    source: str = ...,
) -> Dict[str, Any]: ...
def set_failure(
    document: Dict[str, Any], component: str, process: Mapping[str, Any], source: str = ...
) -> Dict[str, Any]: ...
def set_outage(
    document: Dict[str, Any], domain: str, process: Optional[Mapping[str, Any]], source: str = ...
) -> Dict[str, Any]: ...
