"""Evaluation of Terraform expressions as far as they go without running Terraform.

python-hcl2 hands attribute values over as text ("${var.azs[count.index]}"); this evaluates
that text against variables, locals, count/for_each and other resources. What depends on
values only known after apply (ids, ARNs, data sources) becomes an Unknown or a Ref, never
an error: an importer reports it and carries on."""

from __future__ import annotations

import math
import re
from typing import Any, Callable, List, Optional, Tuple

from .resources import Ref, Unknown

_TOKEN = re.compile(
    r"""\s*(?:
    (?P<heredoc><<-?(?P<tag>[A-Za-z_]+)\n(?P<body>.*?)\n[ \t]*(?P=tag)(?=\W|$))
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<op>==|!=|<=|>=|&&|\|\||=>|\.\.\.|\[\*\]|[-+*/%<>!?:.,()\[\]{}=])
    )""",
    re.VERBOSE | re.DOTALL,
)
_MAX_DEPTH = 32  # nesting deeper than any real configuration: refuse instead of recursing on


class Unsupported(Exception):
    """An expression form this evaluator does not follow (for expressions, heredocs, ...)."""


def tokenize(text: str) -> List[Tuple[str, str]]:
    tokens: List[Tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise Unsupported(f"cannot read '{text[position : position + 20]}'")
        kind = next(k for k in ("heredoc", "number", "string", "name", "op") if match.group(k))
        tokens.append((kind, match.group("body") if kind == "heredoc" else match.group(kind)))
        position = match.end()
    return tokens


class Scope:
    """What names mean where an expression is evaluated; the reader provides the look-ups."""

    def __init__(
        self,
        variable: Callable[[str], Any],
        local: Callable[[str], Any],
        resource: Callable[[str, str], Any],
        module: Callable[[str, str], Any],
        count_index: Any = None,
        each: Any = None,
    ) -> None:
        self.variable = variable
        self.local = local
        self.resource = resource
        self.module = module
        self.count_index = count_index
        self.each = each


def evaluate_value(value: Any, scope: Scope) -> Any:
    """An attribute value as python-hcl2 gives it: strings are literals, templates or
    ${expressions}; lists and maps are evaluated item by item."""
    if isinstance(value, str):
        return _evaluate_string(value, scope)
    if isinstance(value, list):
        return [evaluate_value(item, scope) for item in value]
    if isinstance(value, dict):
        return {key: evaluate_value(item, scope) for key, item in value.items()}
    return value


def _split_template(text: str) -> List[Tuple[bool, str]]:
    """Literal and ${...} parts of a template, with nested braces and quotes respected."""
    parts: List[Tuple[bool, str]] = []
    position = 0
    while True:
        start = text.find("${", position)
        if start < 0:
            parts.append((False, text[position:]))
            return parts
        parts.append((False, text[position:start]))
        depth, i, quoted = 1, start + 2, False
        while i < len(text) and depth:
            c = text[i]
            if quoted:
                if c == "\\":
                    i += 1
                elif c == '"':
                    quoted = False
            elif c == '"':
                quoted = True
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            i += 1
        if depth:
            raise Unsupported("unbalanced ${ in a template")
        parts.append((True, text[start + 2 : i - 1]))
        position = i


def _evaluate_string(text: str, scope: Scope, bindings: Optional[dict] = None) -> Any:
    if "${" not in text and "%{" not in text:
        return text
    if "%{" in text:
        return Unknown("template directive %{...}")
    parts = [p for p in _split_template(text) if p[1] or p[0]]
    if len(parts) == 1 and parts[0][0]:
        return evaluate(parts[0][1], scope, bindings)
    out = []
    for is_expression, part in parts:
        if not is_expression:
            out.append(part)
            continue
        value = evaluate(part, scope, bindings)
        if isinstance(value, (Unknown, Ref)) or isinstance(value, (list, dict)):
            return Unknown(f"template '{text}'")
        out.append(_to_text(value))
    return "".join(out)


def _to_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def evaluate(text: str, scope: Scope, bindings: Optional[dict] = None) -> Any:
    try:
        parser = _Parser(tokenize(text), scope)
        parser.bindings = dict(bindings or {})
        value = parser.expression()
        if parser.position != len(parser.tokens):
            raise Unsupported(f"unexpected '{parser.tokens[parser.position][1]}'")
        return value
    except Unsupported as error:
        return Unknown(f"{error} in '{text}'")
    except (TypeError, ValueError, KeyError, IndexError, ZeroDivisionError) as error:
        return Unknown(f"{type(error).__name__} in '{text}'")


class ResourceBlock:
    """`aws_subnet.private` before an index: all its instances, or one after [i]."""

    def __init__(self, address: str, instances: List[Any]) -> None:
        self.address = address
        self.instances = instances  # list of (index, address)


def _as_collection(value: Any) -> Any:
    """A resource block used as a value: a map of its for_each instances, else a list."""
    if isinstance(value, ResourceBlock):
        if value.instances and all(isinstance(i, str) for i, _ in value.instances):
            return {i: instance for i, instance in value.instances}
        return [instance for _, instance in value.instances]
    return value


def _is_unknown(*values: Any) -> bool:
    return any(isinstance(v, (Unknown, Ref)) for v in values)


class _Parser:
    def __init__(self, tokens: List[Tuple[str, str]], scope: Scope) -> None:
        self.tokens = tokens
        self.position = 0
        self.scope = scope
        self.depth = 0
        self.bindings: dict = {}  # names bound by an enclosing for expression

    # --- token helpers
    def peek(self, offset: int = 0) -> Tuple[str, str]:
        i = self.position + offset
        return self.tokens[i] if i < len(self.tokens) else ("end", "")

    def take(self, value: Optional[str] = None) -> Tuple[str, str]:
        token = self.peek()
        if value is not None and token[1] != value:
            raise Unsupported(f"expected '{value}', found '{token[1] or 'the end'}'")
        if token[0] == "end":
            raise Unsupported("unexpected end")
        self.position += 1
        return token

    # --- grammar, lowest precedence first
    def expression(self) -> Any:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise Unsupported("expression nested too deeply")
        try:
            condition = self.binary(0)
            if self.peek()[1] != "?":
                return condition
            self.take("?")
            yes = self.expression()
            self.take(":")
            no = self.expression()
            if _is_unknown(condition):
                return yes if _same(yes, no) else Unknown("condition on an unknown value")
            return yes if condition else no
        finally:
            self.depth -= 1

    _LEVELS = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]

    def binary(self, level: int) -> Any:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek()[0] == "op" and self.peek()[1] in self._LEVELS[level]:
            op = self.take()[1]
            right = self.binary(level + 1)
            left = _apply(op, left, right)
        return left

    def unary(self) -> Any:
        if self.peek()[1] in ("!", "-"):
            op = self.take()[1]
            value = self.unary()
            if _is_unknown(value):
                return Unknown("operator on an unknown value")
            return (not value) if op == "!" else -value
        return self.postfix(self.primary())

    def postfix(self, value: Any) -> Any:
        while True:
            token = self.peek()
            if token[1] == "." and self.peek(1)[0] == "name":
                self.take()
                value = _attribute(value, self.take()[1])
            elif token[1] == "." and self.peek(1)[1] == "*":
                self.take()
                self.take()
                value = _splat(value)
            elif token[1] == "[*]":
                self.take()
                value = _splat(value)
            elif token[1] == "." and self.peek(1)[0] == "number":
                self.take()
                value = _index(value, int(self.take()[1]))
            elif token[1] == "[":
                self.take()
                key = self.expression()
                self.take("]")
                value = _index(value, key)
            else:
                return value

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "number":
            number = float(text)
            return int(number) if number.is_integer() and "." not in text else number
        if kind == "string":
            return _evaluate_string(_unescape(text[1:-1]), self.scope, self.bindings)
        if kind == "heredoc":
            return _evaluate_string(text, self.scope, self.bindings)
        if text == "(":
            value = self.expression()
            self.take(")")
            return value
        if text == "[":
            if self.peek()[1] == "for":
                return self.for_expression("]")
            items = []
            while self.peek()[1] != "]":
                items.append(self.expression())
                if self.peek()[1] == ",":
                    self.take()
            self.take("]")
            return items
        if text == "{":
            if self.peek()[1] == "for":
                return self.for_expression("}")
            mapping = {}
            while self.peek()[1] != "}":
                key = self.expression() if self.peek()[1] == "(" else self.key()
                self.take() if self.peek()[1] in ("=", ":") else self.take("=")
                mapping[_to_text(key) if not _is_unknown(key) else repr(key)] = self.expression()
                if self.peek()[1] == ",":
                    self.take()
            self.take("}")
            return mapping
        if kind != "name":
            raise Unsupported(f"unexpected '{text}'")
        if text in ("true", "false"):
            return text == "true"
        if text == "null":
            return None
        if self.peek()[1] == "(":
            return self.call(text)
        return self.reference(text)

    def key(self) -> Any:
        kind, text = self.take()
        if kind == "string":
            return _unescape(text[1:-1])
        if kind in ("name", "number"):
            return text
        raise Unsupported(f"unexpected map key '{text}'")

    def for_expression(self, close: str) -> Any:
        """[for v in X : BODY if COND] and {for k, v in X : KEY => VALUE}: the body is read
        again for every element, with the names bound."""
        self.take("for")
        names = [self.take()[1]]
        if self.peek()[1] == ",":
            self.take()
            names.append(self.take()[1])
        self.take("in")
        collection = _as_collection(self.expression())
        self.take(":")
        start = self.position
        items: List[Tuple[Any, Any]]
        if isinstance(collection, list):
            items = list(enumerate(collection))
        elif isinstance(collection, dict):
            items = list(collection.items())
        else:
            items = [(Unknown("for key"), Unknown("for over an unknown value"))]
        results: List[Any] = []
        keyed: dict = {}
        saved = dict(self.bindings)
        for key, value in items:
            self.position = start
            if len(names) == 2:
                self.bindings.update({names[0]: key, names[1]: value})
            else:
                self.bindings[names[0]] = value
            if close == "}":
                out_key = self.expression()
                self.take("=>")
            item = self.expression()
            if self.peek()[1] == "...":
                self.take()
            keep: Any = True
            if self.peek()[1] == "if":
                self.take()
                keep = self.expression()
            if keep is True or _is_unknown(keep):
                if close == "}":
                    keyed[_to_text(out_key) if not _is_unknown(out_key) else repr(out_key)] = item
                else:
                    results.append(item)
        self.bindings = saved
        self.take(close)
        if not isinstance(collection, (list, dict)):
            return Unknown("for over an unknown value")
        return keyed if close == "}" else results

    def reference(self, root: str) -> Any:
        if root in self.bindings:
            return self.bindings[root]

        def name() -> str:
            self.take(".")
            return self.take()[1]

        if root == "var":
            return self.scope.variable(name())
        if root == "local":
            return self.scope.local(name())
        if root == "count":
            name()
            if self.scope.count_index is None:
                raise Unsupported("count.index outside a counted block")
            return self.scope.count_index
        if root == "each":
            attribute = name()
            if self.scope.each is None:
                raise Unsupported("each outside a for_each block")
            return self.scope.each[0] if attribute == "key" else self.scope.each[1]
        if root == "module":
            module = name()
            if self.peek()[1] != ".":
                return Unknown(f"module.{module} as a whole")
            return self.scope.module(module, name())
        if root in ("data", "path", "terraform", "self"):
            return Unknown(f"{root}.* is known only when Terraform runs")
        if self.peek()[1] == "." and self.peek(1)[0] == "name":
            return self.scope.resource(root, name())
        raise Unsupported(f"unknown name '{root}'")

    def call(self, function: str) -> Any:
        self.take("(")
        args = []
        while self.peek()[1] != ")":
            args.append(self.expression())
            if self.peek()[1] in (",", "..."):
                self.take()
        self.take(")")
        args = [_as_collection(a) for a in args]
        implementation: Any = _FUNCTIONS.get(function)
        if implementation is None:
            return Unknown(f"function {function}()")
        if any(isinstance(a, Unknown) for a in args) and function not in _TOLERANT:
            return Unknown(f"{function}() of an unknown value")
        return implementation(*args)


def _same(a: Any, b: Any) -> bool:
    return not _is_unknown(a, b) and a == b


def _unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _apply(op: str, left: Any, right: Any) -> Any:
    if op == "||" and left is True or op == "&&" and left is False:
        return left
    if _is_unknown(left, right):
        return Unknown(f"operator {op} on an unknown value")
    return {
        "||": lambda: left or right,
        "&&": lambda: left and right,
        "==": lambda: left == right,
        "!=": lambda: left != right,
        "<": lambda: left < right,
        ">": lambda: left > right,
        "<=": lambda: left <= right,
        ">=": lambda: left >= right,
        "+": lambda: left + right,
        "-": lambda: left - right,
        "*": lambda: left * right,
        "/": lambda: left / right,
        # Terraform's remainder keeps the sign of the dividend, as C's does
        "%": lambda: (
            math.fmod(left, right)
            if isinstance(left, float) or isinstance(right, float)
            else int(math.fmod(left, right))
        ),
    }[op]()


def _attribute(value: Any, attribute: str) -> Any:
    if isinstance(value, ResourceBlock):
        if len(value.instances) == 1 and value.instances[0][0] is None:
            return _attribute(value.instances[0][1], attribute)
        return Unknown(f"{value.address}.{attribute} without an index")
    if callable(value):  # one resource instance: the reader resolves its attribute
        return value(attribute)
    if isinstance(value, dict):
        return value[attribute] if attribute in value else Unknown(f"no key {attribute}")
    if isinstance(value, list):  # the attribute of each element, as a splat leaves it
        return [_attribute(item, attribute) for item in value]
    if isinstance(value, Unknown):
        return value
    return Unknown(f"attribute {attribute} of an unknown value")


def _index(value: Any, key: Any) -> Any:
    if isinstance(value, ResourceBlock):
        for index, instance in value.instances:
            if index == key:
                return instance
        return Unknown(f"{value.address}[{key!r}] not found")
    if _is_unknown(key):
        return Unknown("an unknown index")
    if isinstance(value, list):
        return value[int(key)]
    if isinstance(value, dict):
        return value[str(key)]
    return Unknown("an index into an unknown value")


def _splat(value: Any) -> Any:
    if isinstance(value, ResourceBlock):
        return [instance for _, instance in value.instances]
    if isinstance(value, list):
        return value
    return [value] if value is not None else []


def _flatten(value: List[Any]) -> List[Any]:
    out: List[Any] = []
    for item in value:
        out.extend(_flatten(item) if isinstance(item, list) else [item])
    return out


def _lookup(mapping: Any, key: Any, *default: Any) -> Any:
    if isinstance(mapping, dict) and str(key) in mapping:
        return mapping[str(key)]
    return default[0] if default else Unknown(f"lookup of {key!r}")


_FUNCTIONS = {
    "length": lambda v: len(v),
    "element": lambda v, i: v[int(i) % len(v)],
    "slice": lambda v, a, b: v[int(a) : int(b)],
    "concat": lambda *v: [x for part in v for x in part],
    "merge": lambda *v: {k: x for part in v for k, x in part.items()},
    "tolist": lambda v: list(v),
    "toset": lambda v: list(dict.fromkeys(v)),
    "tomap": lambda v: dict(v),
    "tonumber": lambda v: float(v) if "." in str(v) else int(v),
    "tostring": lambda v: _to_text(v),
    "tobool": lambda v: v if isinstance(v, bool) else v == "true",
    "flatten": _flatten,
    "distinct": lambda v: list(dict.fromkeys(v)),
    "keys": lambda v: sorted(v),
    "values": lambda v: [v[k] for k in sorted(v)],
    "lookup": _lookup,
    "min": lambda *v: min(v),
    "max": lambda *v: max(v),
    "format": lambda f, *v: re.sub(r"%[-+ 0#]*\d*(?:\.\d+)?[sdfvq]", "{}", f).format(*v),
    "join": lambda sep, v: sep.join(_to_text(x) for x in v),
    "lower": lambda v: v.lower(),
    "upper": lambda v: v.upper(),
    "coalesce": lambda *v: next(x for x in v if x not in (None, "")),
    "try": lambda *v: next((x for x in v if not isinstance(x, Unknown)), Unknown("try()")),
    "can": lambda v: not isinstance(v, Unknown),
    "range": lambda *v: list(range(*[int(x) for x in v])),
    "zipmap": lambda k, v: dict(zip([_to_text(x) for x in k], v)),
    "contains": lambda v, x: x in v,
    "index": lambda v, x: v.index(x),
}
_TOLERANT = {"try", "can", "concat", "merge", "tolist", "toset", "flatten", "length", "coalesce"}
