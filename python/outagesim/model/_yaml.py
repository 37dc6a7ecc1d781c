"""YAML model text to a document, with bounded alias expansion and nesting and no duplicate keys."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .._limits import YAML_ALIAS_MAX_BYTES as ALIAS_MAX_BYTES
from .._limits import YAML_ALIAS_MAX_NODES as ALIAS_MAX_NODES
from .._limits import YAML_MAX_DEPTH as MAX_DEPTH

_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlLimitError(Exception):
    """A YAML document beyond a limit: ``line`` (1-based, or None) and the message."""

    def __init__(self, message: str, line: Optional[int] = None, path: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path


def _line(node_or_event: Any) -> Optional[int]:
    mark = getattr(node_or_event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


class _Stats:
    """Expanded size of a composed node: nodes, bytes of text (about as JSON), and height in
    nested collections (a scalar: 0)."""

    __slots__ = ("nodes", "size", "height")

    def __init__(self, nodes: int, size: int, height: int):
        self.nodes = nodes
        self.size = size
        self.height = height


class _BoundingComposer(Composer):
    """A composer that measures each node as it would expand, before anything is expanded: the
    memoised size of an anchored node is what each alias to it adds."""

    def __init__(self) -> None:
        Composer.__init__(self)  # not super(): the parser classes take the stream
        self._level = 0
        self._stats: Dict[int, _Stats] = {}
        self._alias_nodes = 0
        self._alias_bytes = 0

    def compose_node(self, parent: Optional[Node], index: Any) -> Node:
        level = self._level + 1
        if self.check_event(AliasEvent):
            event = self.peek_event()
            anchored = self.anchors.get(event.anchor)
            if anchored is not None:
                self._charge_alias(event, anchored, level)
            return super().compose_node(parent, index)
        event = self.peek_event()
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)) and level > MAX_DEPTH:
            raise YamlLimitError(
                f"nested deeper than {MAX_DEPTH} levels; expected at most {MAX_DEPTH}",
                _line(event),
            )
        self._level = level
        try:
            node = super().compose_node(parent, index)
        finally:
            self._level = level - 1
        self._stats[id(node)] = self._measure(node)
        return node

    def _charge_alias(self, event: Any, anchored: Node, level: int) -> None:
        stats = self._stats.get(id(anchored))
        if stats is None:  # the anchored node is still open: the alias is inside it
            raise YamlLimitError(
                f"the alias *{event.anchor} is inside the node it names (anchored at line "
                f"{_line(anchored)}); a model cannot contain itself",
                _line(event),
            )
        if level - 1 + stats.height > MAX_DEPTH:
            raise YamlLimitError(
                f"the alias *{event.anchor} nests the document deeper than {MAX_DEPTH} levels; "
                f"expected at most {MAX_DEPTH}",
                _line(event),
            )
        self._alias_nodes += stats.nodes
        self._alias_bytes += stats.size
        if self._alias_nodes > ALIAS_MAX_NODES or self._alias_bytes > ALIAS_MAX_BYTES:
            raise YamlLimitError(
                f"the alias *{event.anchor} expands the document past the alias budget "
                f"(aliases may add at most {ALIAS_MAX_NODES:,} nodes and "
                f"{ALIAS_MAX_BYTES // (1024 * 1024)} MiB of text); expected aliases that "
                "expand to a model of ordinary size",
                _line(event),
            )

    def _measure(self, node: Node) -> _Stats:
        if isinstance(node, ScalarNode):
            return _Stats(1, len(node.value) + 3, 0)
        children: List[Node] = []
        if isinstance(node, SequenceNode):
            children = node.value
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                children.append(key)
                children.append(value)
        nodes, size, height = 1, 2, 0
        for child in children:
            stats = self._stats[id(child)]
            nodes += stats.nodes
            size += stats.size
            height = max(height, stats.height)
        return _Stats(nodes, size, height + 1)


class _PureLoader(_BoundingComposer, yaml.SafeLoader):
    def __init__(self, stream: str):
        yaml.SafeLoader.__init__(self, stream)
        _BoundingComposer.__init__(self)


try:  # libyaml's parser: the same events, about twice as fast as the pure-Python one
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

if CParser is not None:

    class _LibyamlLoader(_BoundingComposer, CParser, SafeConstructor, Resolver):
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            _BoundingComposer.__init__(self)

    LOADERS: Tuple[type, ...] = (_LibyamlLoader, _PureLoader)
else:
    LOADERS = (_PureLoader,)


def _pointer_token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _key_text(node: Node) -> Optional[str]:
    # The key as the JSON text will hold it (1 and "1" are the same JSON key); None for keys
    # that are not scalars, which the constructor reports.
    if not isinstance(node, ScalarNode) or node.tag == _MERGE_TAG:
        return None
    return node.value


def _check_duplicate_keys(root: Node) -> None:
    """Raises YamlLimitError for the first mapping that names a key twice (each node once,
    so shared alias targets are not walked again)."""
    seen = set()
    stack: List[Tuple[Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            for i, child in enumerate(node.value):
                stack.append((child, f"{path}/{i}"))
        elif isinstance(node, MappingNode):
            first_line: Dict[str, Optional[int]] = {}
            for key_node, value in node.value:
                key = _key_text(key_node)
                if key is None:
                    continue
                child_path = f"{path}/{_pointer_token(key)}"
                if key in first_line:
                    raise YamlLimitError(
                        f'duplicate key "{key}" (first at line {first_line[key]}): the later '
                        "value would silently replace the earlier one; expected each name once",
                        _line(key_node),
                        child_path,
                    )
                first_line[key] = _line(key_node)
                stack.append((value, child_path))


def load_yaml(text: str, loader_class: Any = None) -> Any:
    """The document of YAML text; yaml.YAMLError for bad YAML, YamlLimitError past a limit.
    ``loader_class``: one of LOADERS (default: the first, libyaml's when PyYAML has it)."""
    loader = (loader_class or LOADERS[0])(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _check_duplicate_keys(root)
        return loader.construct_document(root)
    finally:
        loader.dispose()


def load_yaml_documents(text: str) -> List[Tuple[int, Any]]:
    """Every document of a multi-document YAML stream with the line it starts on (1-based), with
    the same limits as :func:`load_yaml`; empty documents are left out."""
    loader = LOADERS[0](text)
    documents: List[Tuple[int, Any]] = []
    try:
        while loader.check_node():
            root = loader.get_node()
            if root is None:
                continue
            _check_duplicate_keys(root)
            documents.append((_line(root) or 1, loader.construct_document(root)))
        return documents
    finally:
        loader.dispose()


def yaml_error(error: Exception, source: str, expected: str) -> Any:
    """The ModelError for YAML that could not be read: a syntax error (yaml.YAMLError) with its
    line and column and ``expected`` (what the file should hold), or a limit (YamlLimitError)
    with its line and JSON path."""
    from ..errors import ModelError

    if isinstance(error, YamlLimitError):
        where = f"at line {error.line}: " if error.line is not None else ""
        return ModelError.single(source, error.path, where + error.message)
    mark = getattr(error, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(error, "problem", None) or str(error)
    return ModelError.single(source, "", f"not valid YAML{where}: {problem}; expected {expected}")
