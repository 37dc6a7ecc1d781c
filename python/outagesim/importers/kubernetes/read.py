"""Reading Kubernetes manifests: YAML files or directories of them, multi-document, each object
with the file and line it came from."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List

from ...errors import ModelError
from ...model.load import _read_bytes

_SUFFIXES = (".yaml", ".yml", ".json")
# A directory of manifests bigger than this is not one application: refuse it rather than read
# without bound.
MAX_FILES = 2000


@dataclass(frozen=True)
class K8sObject:
    """One Kubernetes object of a manifest, where it came from, and its body."""

    file: str
    line: int
    body: Dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.body.get("kind"))

    @property
    def name(self) -> str:
        return str((self.body.get("metadata") or {}).get("name"))

    @property
    def namespace(self) -> str:
        return str((self.body.get("metadata") or {}).get("namespace") or "default")

    def where(self) -> str:
        return f"{self.file}:{self.line} ({self.kind} {self.name})"

    def error(self, path: str, message: str) -> ModelError:
        return ModelError.single(self.file, path, f"{self.kind} at line {self.line}: {message}")


def manifest_files(paths: Iterable[str]) -> List[str]:
    """The manifest files named by ``paths``: files as given, directories walked (sorted) for
    .yaml, .yml and .json files."""
    files: List[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                files.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(_SUFFIXES))
        elif os.path.exists(path):
            files.append(path)
        else:
            raise ModelError.single(path, "", "no such file or directory; expected manifests")
        if len(files) > MAX_FILES:
            raise ModelError.single(
                path, "", f"more than {MAX_FILES} manifest files; import one application at a time"
            )
    if not files:
        raise ModelError.single(
            ", ".join(paths), "", "no .yaml, .yml or .json files found; expected manifests"
        )
    return files


def _objects_of(file: str, line: int, document: Any, index: int) -> List[K8sObject]:
    if not isinstance(document, dict):
        raise ModelError.single(
            file,
            "",
            f"document {index + 1} (line {line}) is a {type(document).__name__}, not a "
            "Kubernetes object; expected a mapping with apiVersion, kind and metadata.name",
        )
    if document.get("kind") == "List" or str(document.get("kind", "")).endswith("List"):
        items = document.get("items")
        if not isinstance(items, list):
            raise ModelError.single(file, "/items", f"line {line}: expected a list of objects")
        out: List[K8sObject] = []
        for item in items:
            out.extend(_objects_of(file, line, item, index))
        return out
    missing = [
        key
        for key, ok in (
            ("apiVersion", isinstance(document.get("apiVersion"), str)),
            ("kind", isinstance(document.get("kind"), str)),
            ("metadata.name", isinstance((document.get("metadata") or {}).get("name"), str)),
        )
        if not ok
    ]
    if missing:
        raise ModelError.single(
            file,
            "",
            f"document {index + 1} (line {line}) is not a Kubernetes object: it has no "
            f"{', '.join(missing)}; expected apiVersion, kind and metadata.name",
        )
    return [K8sObject(file, line, document)]


def read_objects(paths: Iterable[str]) -> List[K8sObject]:
    """Every object of the manifests at ``paths``, in file and document order."""
    import yaml

    from ...model._yaml import YamlLimitError, load_yaml_documents, yaml_error

    objects: List[K8sObject] = []
    for file in manifest_files(list(paths)):
        data = _read_bytes(file)  # bounded: refuses files past the model size limit
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ModelError.single(
                file, "", f"not UTF-8 text (byte {error.start}); expected YAML manifests"
            ) from None
        try:
            documents = load_yaml_documents(text)
        except (yaml.YAMLError, YamlLimitError) as error:
            raise yaml_error(error, file, "Kubernetes manifests") from None
        for index, (line, document) in enumerate(documents):
            if document is None:
                continue
            objects.extend(_objects_of(file, line, document, index))
    return objects
