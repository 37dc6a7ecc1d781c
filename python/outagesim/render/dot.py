"""Graphviz DOT of an architecture: services and dependencies, replicas in provider > region > zone clusters."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Dict, List, Optional

if TYPE_CHECKING:  # pragma: no cover
    from ..model.architecture import Architecture


# C0/C1 controls and bidirectional formatting characters would change what the DOT file (or a
# terminal showing it) says: they are written as their escape, as the core shows them in messages.
_UNPRINTABLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _quote(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + _UNPRINTABLE.sub(lambda m: f"\\\\u{ord(m.group()):04X}", text) + '"'


def architecture_to_dot(arch: Architecture) -> str:
    out: List[str] = []
    out.append(f"digraph {_quote(arch.name)} {{")
    out.append("  rankdir=LR;")
    out.append("  compound=true;")
    out.append('  node [fontname="Helvetica", fontsize=10];')
    out.append('  edge [fontname="Helvetica", fontsize=9];')
    out.append(f"  label={_quote(arch.name)};")

    # Services: one box each, in their own cluster so the graph reads left (callers) to right.
    out.append("  subgraph cluster_services {")
    out.append('    label="services"; style=dashed;')
    for s in arch.services:
        label = f"{s.name}\n{s.redundancy()}"
        out.append(
            f"    {_quote('service:' + s.name)} [shape=box, style=rounded, label={_quote(label)}];"
        )
    out.append("  }")

    # Placement: nested clusters, replicas as nodes inside the deepest domain they are placed in.
    children: Dict[Optional[str], List] = {}
    for d in arch.domains:
        children.setdefault(d.parent, []).append(d)
    placed: Dict[str, List] = {}
    for c in arch.components:
        placed.setdefault(c.location, []).append(c)
    cluster_ids = {d.path: f"cluster_{i}" for i, d in enumerate(arch.domains)}

    def emit(domain, indent: str) -> None:
        out.append(f"{indent}subgraph {cluster_ids[domain.path]} {{")
        out.append(f"{indent}  label={_quote(f'{domain.level} {domain.name}')};")
        for c in placed.get(domain.path, []):
            label = f"{c.name}\nA={c.failure.availability:.6g}"
            out.append(
                f"{indent}  {_quote('component:' + c.name)} [shape=ellipse, label={_quote(label)}];"
            )
        for child in children.get(domain.path, []):
            emit(child, indent + "  ")
        out.append(f"{indent}}}")

    for provider in children.get(None, []):
        emit(provider, "  ")

    for s in arch.services:
        for replica in s.replicas:
            out.append(
                f"  {_quote('service:' + s.name)} -> {_quote('component:' + replica)} "
                "[style=dashed, arrowhead=none, color=gray40];"
            )
    for source, target, scope in arch.edges:
        attrs = "" if scope == "any" else f" [label={_quote(scope)}]"
        out.append(f"  {_quote('service:' + source)} -> {_quote('service:' + target)}{attrs};")
    out.append("}")
    return "\n".join(out) + "\n"
