"""How the report writes a figure: one formatter per kind, and the span that ties the text shown
to the JSON pointer of the value it was formatted from (so a test can check every number)."""

from __future__ import annotations

import html
import numbers
from typing import Any, Callable, Dict

from ..render.text import fmt_avail, fmt_hours, fmt_num, fmt_usd


def _share(x: Any) -> str:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        return "-"
    return f"{100.0 * float(x):.1f}%"


FORMATS: Dict[str, Callable[[Any], str]] = {
    "avail": fmt_avail,
    "nines": lambda x: fmt_num(x, ".2f"),
    "minutes": lambda x: fmt_num(x, ",.1f"),
    "rate": lambda x: fmt_num(x, ".3g"),
    "hours": fmt_hours,
    "usd": fmt_usd,
    "prob": lambda x: fmt_num(x, ".4f"),
    "share": _share,
    "count": lambda x: fmt_num(x, ",.0f"),
}


def resolve(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer (RFC 6901) of ``data``; None where the path does not exist."""
    node = data
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            if not token.isdigit() or int(token) >= len(node):
                return None
            node = node[int(token)]
        elif isinstance(node, dict):
            node = node.get(token)
        else:
            return None
    return node


def token(key: Any) -> str:
    """``key`` as one JSON pointer token."""
    return str(key).replace("~", "~0").replace("/", "~1")


def fig(data: Any, pointer: str, kind: str) -> str:
    """The figure at ``pointer`` as HTML: formatted by ``kind``, tagged with where it came from."""
    text = FORMATS[kind](resolve(data, pointer))
    return (
        f'<span class="num" data-json="{html.escape(pointer)}" data-format="{kind}">'
        f"{html.escape(text)}</span>"
    )


def est(data: Any, base: str, key: str, kind: str, lo: str = "", hi: str = "") -> str:
    """An estimate with its 95% interval: ``key`` and ``key_ci95`` (or the ``lo``/``hi`` keys of
    a compare row); the interval is left out when it is unknown or degenerate (an exact value)."""
    value = resolve(data, f"{base}/{key}")
    text = fig(data, f"{base}/{key}", kind)
    lo_ptr, hi_ptr = (
        (f"{base}/{lo}", f"{base}/{hi}") if lo else (f"{base}/{key}_ci95/0", f"{base}/{key}_ci95/1")
    )
    a, b = resolve(data, lo_ptr), resolve(data, hi_ptr)
    if a is None or b is None or (a == b == value):
        return text
    return (
        f'{text} <small class="ci">[{fig(data, lo_ptr, kind)}, {fig(data, hi_ptr, kind)}]</small>'
    )
