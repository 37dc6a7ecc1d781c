"""Inline SVG of the report: horizontal bar charts drawn here, and the architecture drawn by
Graphviz (render/graphviz.py) with its XML prolog removed so it can sit inside the page."""

from __future__ import annotations

import html
import re
from typing import List, Optional, Sequence, Tuple

from ..errors import GraphvizNotFound
from ..render.graphviz import render_dot

_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)


def architecture_svg(arch) -> Tuple[Optional[str], str]:
    """(inline SVG of the architecture, "") or (None, why it could not be drawn)."""
    try:
        svg = render_dot(arch.to_dot(), "svg").decode("utf-8")
    except (GraphvizNotFound, RuntimeError, OSError) as error:
        return None, str(error)
    svg = _PROLOG.sub("", svg, count=1)
    # Graphviz writes a fixed size in points; the page scales the drawing to its column instead.
    svg = re.sub(r'<svg width="[^"]*" height="[^"]*"', '<svg class="drawing"', svg, count=1)
    return svg, ""


def bar_chart(
    title: str,
    bars: Sequence[Tuple[str, float, Optional[float], Optional[float], str]],
    unit: str,
) -> str:
    """Horizontal bars ``(label, value, lo, hi, text)`` with interval whiskers where known;
    ``text`` is written at the end of the bar (the formatted figure)."""
    finite = [x for _, v, _, hi, _ in bars for x in (v, hi) if x is not None]
    top = max(finite) if finite else 1.0
    top = top if top > 0 else 1.0
    label_w, bar_w, row_h = 190, 420, 26
    height = 34 + row_h * len(bars)
    out: List[str] = [
        f'<svg class="chart" role="img" viewBox="0 0 {label_w + bar_w + 120} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html.escape(title)}</title>',
        f'<text x="0" y="16" class="chart-title">{html.escape(title)} ({html.escape(unit)})</text>',
    ]
    for i, (label, value, lo, hi, text) in enumerate(bars):
        y = 28 + i * row_h
        width = 0.0 if value is None else bar_w * max(0.0, value) / top
        out.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{html.escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{width:.1f}" height="16" class="bar"/>'
        )
        if lo is not None and hi is not None:
            x0, x1 = label_w + bar_w * max(0.0, lo) / top, label_w + bar_w * max(0.0, hi) / top
            out.append(
                f'<path d="M{x0:.1f} {y + 11}H{x1:.1f}M{x0:.1f} {y + 6}V{y + 16}M{x1:.1f} '
                f'{y + 6}V{y + 16}" class="whisker"/>'
            )
        end = max(width, 0 if hi is None else bar_w * max(0.0, hi) / top)
        out.append(f'<text x="{label_w + end + 6:.1f}" y="{y + 15}">{html.escape(text)}</text>')
    out.append("</svg>")
    return "".join(out)
