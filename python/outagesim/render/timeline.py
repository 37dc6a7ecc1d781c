"""A scenario run's timeline as text: what changed state when, and what began it."""

from __future__ import annotations

from typing import TYPE_CHECKING, List

if TYPE_CHECKING:  # pragma: no cover
    from ..results.timeline import Timeline


def clock(hours: float) -> str:
    """Hours from the scenario's start as +H:MM:SS (+D d H:MM:SS past a day)."""
    seconds = int(round(hours * 3600.0))
    days, seconds = divmod(seconds, 86400)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"+{days}d {h:02d}:{m:02d}:{s:02d}" if days else f"+{h:02d}:{m:02d}:{s:02d}"


def timeline_text(timeline: Timeline, limit: int = 60, indent: str = "  ") -> List[str]:
    """One line per change of state, in order; at most ``limit`` lines (the count left out is
    said)."""
    lines = []
    for hours, row, state, why in timeline.events[:limit]:
        lines.append(f"{indent}{clock(hours)}  {row}: {state}  ({why})")
    if len(timeline.events) > limit:
        lines.append(f"{indent}... {len(timeline.events) - limit} more changes (--json has all)")
    if not timeline.events:
        lines.append(f"{indent}nothing changed state")
    return lines
