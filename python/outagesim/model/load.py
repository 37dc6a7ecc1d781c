"""Loading models: a file path (JSON or YAML), a dict, or JSON/YAML text, into an Architecture."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, List, Mapping, Optional, Union

from .. import _core
from ..errors import ModelError
from .architecture import Architecture
from .paths import catalog_dir as _default_catalog_dir

ModelSource = Union[str, "os.PathLike[str]", Mapping[str, Any], Architecture]

MAX_MODEL_BYTES: int = _core.MAX_MODEL_BYTES
_YAML_SUFFIXES = (".yaml", ".yml")


def _yaml_to_json(text: str, source: str) -> str:
    import yaml

    from ._yaml import YamlLimitError, load_yaml, yaml_error

    try:
        document = load_yaml(text)
    except (yaml.YAMLError, YamlLimitError) as error:
        raise yaml_error(error, source, "a YAML or JSON model document") from None
    if document is None:
        raise ModelError.single(source, "", "the file is empty; expected a model document")
    # YAML may produce dates and other non-JSON scalars; as text they get a precise message
    # from the loader instead of a crash here.
    try:
        return json.dumps(document, default=str)
    except (TypeError, ValueError) as error:  # e.g. a date or a list as a mapping key
        raise ModelError.single(
            source, "", f"cannot be written as JSON: {error}; expected text keys"
        ) from None


def _read_at_most(handle: Any, limit: int) -> bytes:
    """Up to ``limit`` bytes, in chunks: one read of ``limit`` would reserve the whole 16 MiB
    for every small file."""
    chunks: List[bytes] = []
    size = 0
    while size < limit:
        chunk = handle.read(min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _read_bytes(path: str) -> bytes:
    """The file's bytes, read once and at most one byte past the model size limit, whatever the
    file is: a pipe or a device such as /dev/zero has no size to check ahead and would otherwise
    be read without end. Reading here (not in the core) lets Ctrl-C interrupt a read that waits
    for a writer."""
    try:
        with open(path, "rb") as handle:
            data = _read_at_most(handle, MAX_MODEL_BYTES + 1)
    except OSError as error:
        raise ModelError.single(
            path, "", f"cannot read the file: {error.strerror or error}"
        ) from None
    if len(data) > MAX_MODEL_BYTES:
        raise ModelError.single(
            path,
            "",
            f"the file has more than {MAX_MODEL_BYTES} bytes, larger than 16 MiB; model files "
            f"are limited to {MAX_MODEL_BYTES} bytes ({MAX_MODEL_BYTES // (1024 * 1024)} MiB)",
        )
    return data


def read_text(path: str) -> str:
    """The text of a YAML model file (bounded read, UTF-8 checked)."""
    data = _read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ModelError.single(
            path,
            "",
            f"the file is not UTF-8 text (byte {error.start}); expected a JSON or YAML model",
        ) from None


def _build(
    core_architecture: Any, document: Any = None, catalog_dir: Optional[str] = None
) -> Architecture:
    # The document is kept (when it is a JSON object) so that what-if edits can change a copy.
    if not isinstance(document, dict):
        document = None
    return Architecture(_core.build_plan(core_architecture), document, catalog_dir)


def _parse_json(text: Union[str, bytes]) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def load_file(
    path: Union[str, os.PathLike[str]], catalog_dir: Optional[str] = None
) -> Architecture:
    """Loads a model file: JSON, or YAML when the name ends in .yaml/.yml."""
    path = os.fspath(path)
    catalog = catalog_dir if catalog_dir is not None else _default_catalog_dir()
    if not os.path.exists(path):
        raise ModelError.single(path, "", "no such file; expected a path to a JSON or YAML model")
    if os.path.isdir(path):
        raise ModelError.single(path, "", "this is a directory; expected a JSON or YAML model file")
    if path.lower().endswith(_YAML_SUFFIXES):
        text = _yaml_to_json(read_text(path), path)
        return _build(_core.load_text(text, path, catalog), _parse_json(text), catalog)
    # Read once, here: the core parses the bytes (its JSON and UTF-8 messages) and the document
    # is kept for what-if edits, so a FIFO is read once and a file cannot change in between.
    data = _read_bytes(path)
    return _build(_core.load_text(data, path, catalog), _parse_json(data), catalog)


def as_architecture(model: ModelSource) -> Architecture:
    """``model`` itself when it is an Architecture, else ``load(model)``."""
    return model if isinstance(model, Architecture) else load(model)


def load(model: ModelSource, catalog_dir: Optional[str] = None) -> Architecture:
    """Loads and validates a model.

    ``model`` is a path to a JSON or YAML file, a dict with the model's structure, or the text
    of a JSON (starting with ``{``) or YAML model. Raises :class:`outagesim.ModelError` listing
    every problem (file, JSON path, message) when the model cannot be used.
    """
    catalog = catalog_dir if catalog_dir is not None else _default_catalog_dir()
    if isinstance(model, Architecture):
        return model
    if isinstance(model, Mapping):
        try:
            text = json.dumps(model, allow_nan=False, default=str)
        except (TypeError, ValueError) as error:
            raise ModelError.single("<dict>", "", f"cannot be written as JSON: {error}") from None
        return _build(_core.load_text(text, "<dict>", catalog), json.loads(text), catalog)
    if isinstance(model, Path) or hasattr(model, "__fspath__"):
        return load_file(model, catalog)
    if isinstance(model, (bytes, bytearray)):
        try:
            model = bytes(model).decode("utf-8")
        except UnicodeDecodeError as error:
            raise ModelError.single(
                "<bytes>",
                "",
                f"the model text is not UTF-8 (byte {error.start}); expected a JSON or YAML model",
            ) from None
    if not isinstance(model, str):
        raise TypeError(f"load() takes a path, a dict or model text, not {type(model).__name__}")
    try:
        model.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate: no parser can take it
        raise ModelError.single(
            "<string>",
            "",
            f"the model text holds a character that is not valid Unicode (position "
            f"{error.start}); expected UTF-8 text",
        ) from None
    stripped = model.lstrip()
    if stripped.startswith("{") and not os.path.exists(model):
        return _build(_core.load_text(model, "<string>", catalog), _parse_json(model), catalog)
    if "\n" in model and not os.path.exists(model):
        text = _yaml_to_json(model, "<string>")
        return _build(_core.load_text(text, "<string>", catalog), _parse_json(text), catalog)
    return load_file(model, catalog)
