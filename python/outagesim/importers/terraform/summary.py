"""The summary an import prints on stderr: what was mapped, skipped and why, what to check."""

from __future__ import annotations

from collections import Counter
from typing import List

from .draft import ModelBuilder

MAX_LINES_PER_PART = 40  # a large estate lists the first ones and counts the rest


def _part(title: str, lines: List[str]) -> List[str]:
    if not lines:
        return []
    shown = lines[:MAX_LINES_PER_PART]
    out = [f"{title} ({len(lines)}):"] + [f"  {line}" for line in shown]
    if len(lines) > len(shown):
        out.append(f"  ... and {len(lines) - len(shown)} more")
    return out


def summary_text(b: ModelBuilder, source: str, unresolved: List[str], notes: List[str]) -> str:
    lines = [f"outagesim import terraform: {source}"]
    lines += _part("mapped", [f"{what} -> {into}" for what, into in b.mapped])
    lines += _part(
        "dependencies",
        [
            f"{name} -> "
            + ", ".join(d["service"] if isinstance(d, dict) else d for d in s.depends_on)
            for name, s in b.services.items()
            if s.depends_on
        ],
    )
    glue = Counter(why for _, why in b.not_modelled)
    lines += _part(
        "not modelled (known types)",
        [
            f"{sum(1 for _, w in b.not_modelled if w == why)} x {why}: "
            + ", ".join(a for a, w in b.not_modelled if w == why)[:160]
            for why in glue
        ],
    )
    lines += _part(
        "skipped, type not mapped",
        [f"{count} x {rtype}" for rtype, count in sorted(b.unknown_types.items())],
    )
    lines += _part("not resolved without running Terraform", unresolved)
    lines += _part("notes", notes)
    lines += _part("check", b.checks)
    return "\n".join(lines)
