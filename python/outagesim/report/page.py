"""The report page: one self-contained HTML document (inline CSS and SVG, no script run, no
network), readable on a laptop and printable, carrying its own data as JSON."""

from __future__ import annotations

import datetime
import html
import json
from typing import Any, Dict, List, Optional, Tuple

from .sections import design, side_by_side

_CSS = """
:root { --ink: #1d2430; --muted: #5b6576; --line: #d6dbe3; --bar: #3f6fb5; --bad: #b3261e; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       color: var(--ink); margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 1280px; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: .95rem; margin: .6rem 0 .2rem; color: var(--muted); }
table { border-collapse: collapse; margin: .3rem 0 .6rem; }
th, td { border-bottom: 1px solid var(--line); padding: .28rem .6rem; text-align: left;
         vertical-align: top; }
th { background: #f3f5f8; font-weight: 600; }
td .num { font-variant-numeric: tabular-nums; }
table.compare td:not(:first-child), table.compare th:not(:first-child) { min-width: 10rem; }
.wide { overflow-x: auto; }
small, .note, .ci { color: var(--muted); }
.levels { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
svg.chart { width: 100%; max-width: 760px; height: auto; font-size: 13px; }
svg.chart .chart-title { font-weight: 600; }
svg.chart .bar { fill: var(--bar); }
svg.chart .whisker { stroke: var(--ink); stroke-width: 1.4; fill: none; }
figure.architecture { margin: 0; overflow-x: auto; }
svg.drawing { max-width: 100%; height: auto; }
ul.spof li { color: var(--bad); }
.meta { color: var(--muted); margin: 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section.design { break-before: page; }
  table, figure, svg, ul, ol { break-inside: avoid; }
  th { background: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def page(data: Dict[str, Any], drawings: List[Tuple[Optional[str], str]]) -> str:
    """The whole document; ``drawings`` holds each design's (SVG or None, why not)."""
    names = ", ".join(d["name"] for d in data["designs"])
    options = data.get("options") or {}
    shown = ", ".join(f"{k} {v}" for k, v in options.items() if v is not None)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    # "</" inside a script element would end it early; JSON allows "<\/" for "</".
    payload = json.dumps(data, allow_nan=False).replace("</", "<\\/")
    body = [side_by_side(data)]
    body += [design(data, i, *drawings[i]) for i in range(len(data["designs"]))]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>outagesim report: {html.escape(names)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>Availability report: {html.escape(names)}</h1>"
        f'<p class="meta">outagesim {html.escape(str(data.get("version")))}, {stamp}. '
        f"Options: {html.escape(shown)}.</p></header>"
        + "".join(body)
        + '<script type="application/json" id="outagesim-data">'
        + payload
        + "</script></body></html>\n"
    )
