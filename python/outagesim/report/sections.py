"""The sections of the report as HTML, each from the report's data (see gather.py); every
number is written by fmt.fig from the value at its JSON pointer."""

from __future__ import annotations

import html
from typing import Any, Dict, List, Optional, Tuple

from ..render.text import describe_rollout
from ..results.result import LEVELS
from .fmt import FORMATS, est, fig, resolve, token
from .svg import bar_chart

e = html.escape


def _table(head: List[str], rows: List[List[str]], cls: str = "") -> str:
    cls_attr = f' class="{cls}"' if cls else ""
    out = [f"<table{cls_attr}><thead><tr>"]
    out += [f"<th>{h}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def side_by_side(data: Dict[str, Any]) -> str:
    """One column per design, one line per headline figure: the rows of ``compare --json``."""
    designs = data["designs"]

    def row(i: int) -> str:
        return f"/designs/{i}/compare"

    def sla(d: Dict[str, Any], i: int) -> str:
        c = d["compare"]
        if c.get("sla_target") is None:
            return "no SLA stated"
        return (
            est(
                data,
                row(i),
                "sla_breach_probability",
                "prob",
                "sla_breach_probability_lo",
                "sla_breach_probability_hi",
            )
            + f" <small>per {fig(data, row(i) + '/sla_window_hours', 'hours')} window below "
            f"{fig(data, row(i) + '/sla_target', 'avail')}</small>"
        )

    def ci(key: str, kind: str):
        return lambda d, i: est(data, row(i), key, kind, key + "_lo", key + "_hi")

    lines: List[Tuple[str, Any]] = [
        ("availability [95% CI]", ci("availability", "avail")),
        ("nines", ci("nines", "nines")),
        ("downtime, minutes per year", ci("downtime_minutes_per_year", "minutes")),
        (
            "worst year (p99), minutes",
            lambda d, i: fig(data, row(i) + "/worst_year_downtime_minutes", "minutes"),
        ),
        ("incidents per year", ci("incidents_per_year", "rate")),
        ("P(SLA window breached)", sla),
        ("infrastructure per year", lambda d, i: fig(data, row(i) + "/infra_cost_per_year", "usd")),
        ("downtime cost per year", ci("downtime_cost_per_year", "usd")),
        ("SLA credits per year", ci("credits_per_year", "usd")),
        ("total expected per year", ci("total_cost_per_year", "usd")),
        (
            "cost per extra nine",
            lambda d, i: (
                ci("extra_cost_per_nine", "usd")(d, i)
                + f"<br><small>{e(str(d['compare'].get('extra_nine_note') or ''))}</small>"
            ),
        ),
        ("method", lambda d, i: _method(data, i)),
    ]
    head = ["figure"] + [e(d["name"]) for d in designs]
    rows = [[label] + [f(d, i) for i, d in enumerate(designs)] for label, f in lines]
    return (
        '<section id="side-by-side"><h2>Side by side</h2>'
        + '<div class="wide">'
        + _table(head, rows, "compare")
        + "</div>"
        + '<p class="note">Intervals are 95%. Designs share their random numbers (same seed, '
        "one stream per element), so differences between them are differences of design. Cost "
        "per extra nine: infrastructure cost over the cheapest design per nine gained.</p>"
        + _charts(data)
        + "</section>"
    )


def _method(data: Dict[str, Any], i: int) -> str:
    r = data["designs"][i]["result"]
    if r.get("method") == "exact":
        return f"exact ({e(str(r.get('solver', '')))})"
    return (
        f"Monte Carlo, seed {fig(data, f'/designs/{i}/result/seed', 'count')}, "
        f"{fig(data, f'/designs/{i}/result/replications', 'count')} replications"
    )


def _charts(data: Dict[str, Any]) -> str:
    designs = data["designs"]
    nines = [
        (
            d["name"],
            c.get("nines"),
            c.get("nines_lo"),
            c.get("nines_hi"),
            FORMATS["nines"](c.get("nines")),
        )
        for d in designs
        for c in [d["compare"]]
    ]
    downtime = [
        (
            d["name"],
            c.get("downtime_minutes_per_year"),
            c.get("downtime_minutes_per_year_lo"),
            c.get("downtime_minutes_per_year_hi"),
            FORMATS["minutes"](c.get("downtime_minutes_per_year")),
        )
        for d in designs
        for c in [d["compare"]]
    ]
    return (
        '<div class="charts">'
        + bar_chart("Nines per design", nines, "-log10 unavailability, 95% interval")
        + bar_chart("Downtime per year", downtime, "minutes, 95% interval")
        + "</div>"
    )


def design(data: Dict[str, Any], i: int, drawing: Optional[str], why_not: str) -> str:
    d = data["designs"][i]
    base = f"/designs/{i}"
    out = [f'<section class="design" id="design-{i}"><h2>{e(d["name"])}</h2>']
    if d.get("description"):
        out.append(f'<p class="description">{e(d["description"])}</p>')
    out.append("<h3>Architecture</h3>")
    out.append(
        f'<figure class="architecture">{drawing}</figure>'
        if drawing
        else f'<p class="note">No drawing: {e(why_not)}</p>'
    )
    out.append(_availability(data, base))
    out.append(_years_and_incidents(data, base))
    out.append(_attribution(data, base))
    out.append(_bad_changes(data, base))
    out.append(_analysis(data, base))
    out.append(_cost(data, base))
    warnings = list(d["result"].get("warnings") or []) + list(d["business"].get("warnings") or [])
    if warnings:
        out.append('<h3>Warnings</h3><ul class="warnings">')
        out += [f"<li>{e(w)}</li>" for w in warnings]
        out.append("</ul>")
    out.append(f'<p class="note">{_provenance(data, i)}</p></section>')
    return "".join(out)


def _measure_row(data: Dict[str, Any], ptr: str, label: str) -> List[str]:
    return [
        e(label),
        est(data, ptr, "availability", "avail"),
        est(data, ptr, "nines", "nines"),
        est(data, ptr, "downtime_minutes_per_year", "minutes"),
        est(data, ptr, "incidents_per_year", "rate"),
    ]


def _availability(data: Dict[str, Any], base: str) -> str:
    result = resolve(data, base + "/result")
    rows = [_measure_row(data, base + "/result", "system (every capability)")]
    for name, cap in (result.get("capabilities") or {}).items():
        rows.append(
            _measure_row(
                data,
                f"{base}/result/capabilities/{token(name)}",
                f"{name} (weight {cap.get('weight', 1):g})",
            )
        )
    if result.get("weighted_availability") is not None and result.get("capabilities"):
        rows.append(
            [
                "traffic-weighted",
                est(data, base + "/result", "weighted_availability", "avail"),
                "",
                "",
                "",
            ]
        )
    head = ["measure", "availability [95% CI]", "nines", "downtime min/yr", "incidents/yr"]
    return "<h3>Availability</h3>" + _table(head, rows)


def _years_and_incidents(data: Dict[str, Any], base: str) -> str:
    r = base + "/result"
    dist = resolve(data, r + "/downtime_minutes_per_year_distribution") or {}
    out = ["<h3>Downtime per year and incidents</h3>"]
    if dist.get("count"):
        q = r + "/downtime_minutes_per_year_distribution"
        out.append(
            _table(
                [
                    "simulated years",
                    "median year",
                    "1 year in 10 (p90)",
                    "1 year in 100 (p99)",
                    "worst year",
                ],
                [
                    [fig(data, q + "/count", "count")]
                    + [fig(data, f"{q}/{k}", "minutes") for k in ("p50", "p90", "p99", "max")]
                ],
            )
        )
        out.append('<p class="note">Minutes of downtime in one year, over the simulated years.</p>')
    else:
        out.append(
            '<p class="note">Worst years: not available from an exact result (the spread of '
            "single years needs Monte Carlo: --method mc).</p>"
        )
    rows = [
        ["incidents per year", est(data, r, "incidents_per_year", "rate")],
        ["mean incident", est(data, r, "mean_incident_hours", "hours")],
    ]
    inc = resolve(data, r + "/incident_duration_hours") or {}
    if inc.get("count"):
        q = r + "/incident_duration_hours"
        rows.append(
            [
                "incident length p50 / p90 / p99",
                " / ".join(fig(data, f"{q}/{k}", "hours") for k in ("p50", "p90", "p99")),
            ]
        )
    out.append(_table(["incidents", "value"], rows))
    return "".join(out)


def _attribution(data: Dict[str, Any], base: str) -> str:
    rows = resolve(data, base + "/result/attribution") or []
    out = ["<h3>Where the downtime comes from</h3>"]
    if not rows:
        out.append('<p class="note">No downtime attributed.</p>')
        return "".join(out)
    out.append('<div class="levels">')
    for level in LEVELS:
        picked = [(j, row) for j, row in enumerate(rows) if row.get("level") == level][:6]
        if not picked:
            continue
        body = [
            [
                e(str(row.get("element"))),
                est(data, f"{base}/result/attribution/{j}", "minutes_per_year", "minutes"),
                fig(data, f"{base}/result/attribution/{j}/share", "share"),
            ]
            for j, row in picked
        ]
        out.append(
            f"<div><h4>by {level}</h4>"
            + _table([level, "min/yr [95% CI]", "share"], body)
            + "</div>"
        )
    out.append("</div>")
    return "".join(out)


def _bad_changes(data: Dict[str, Any], base: str) -> str:
    """Per service with changes: bad changes a year and the replica-outage minutes they cause."""
    changes = resolve(data, base + "/result/changes") or []
    if not changes:
        return ""
    body = []
    for j, row in enumerate(changes):
        c = f"{base}/result/changes/{j}"
        body.append(
            [
                e(str(row.get("service"))),
                e(describe_rollout(row)),
                est(data, c, "bad_changes_per_year", "rate"),
                est(data, c, "replica_outage_minutes_per_year", "minutes"),
            ]
        )
    return (
        "<h3>Bad changes</h3>"
        + _table(
            ["service", "rollout", "bad changes/yr [95% CI]", "replica-outage min/yr [95% CI]"],
            body,
        )
        + '<p class="note">Replica-outage minutes count each replica a bad change reached, until '
        "it was rolled back; what the design lost to them is in the change level above.</p>"
    )


def _analysis(data: Dict[str, Any], base: str) -> str:
    a = resolve(data, base + "/analysis") or {}
    out = ["<h3>What to fix first</h3>"]
    if a.get("error"):
        out.append(f'<p class="note">Importance and cut sets unavailable: {e(a["error"])}</p>')
        return "".join(out)
    spofs = a.get("single_points_of_failure") or []
    if spofs:
        out.append(
            '<p><b>Single points of failure</b> (one failure takes the system down):</p><ul class="spof">'
        )
        out += [f"<li>{e(str(c.get('description')))}</li>" for c in spofs]
        out.append("</ul>")
    else:
        out.append(
            "<p><b>No single point of failure</b>: every way down needs two failures or more.</p>"
        )
    importance = a.get("importance") or []
    if importance:
        items = []
        for j, row in enumerate(importance):
            p = f"{base}/analysis/importance/{j}"
            items.append(
                f"<li>{e(str(row.get('level')))} <b>{e(str(row.get('element')))}</b>: "
                f"{fig(data, p + '/downtime_share', 'share')} of the downtime "
                f"({fig(data, p + '/downtime_minutes_per_year', 'minutes')} min/yr); were it never "
                f"to fail, downtime would fall by a factor of {fig(data, p + '/risk_reduction_worth', 'rate')}</li>"
            )
        out.append(
            f"<p><b>Importance</b> (the {len(importance)} largest of "
            f"{fig(data, base + '/analysis/importance_count', 'count')}):</p><ol>"
            + "".join(items)
            + "</ol>"
        )
    cuts = a.get("cut_sets") or []
    if cuts:
        items = [
            f"<li>{e(str(c.get('description')))} "
            f"<small>(probability {fig(data, f'{base}/analysis/cut_sets/{j}/probability', 'rate')} at any moment)</small></li>"
            for j, c in enumerate(cuts)
        ]
        out.append(
            f"<p><b>Ways down</b> (minimal cut sets, smallest first; {len(cuts)} of "
            f"{fig(data, base + '/analysis/cut_set_count', 'count')}):</p><ol>"
            + "".join(items)
            + "</ol>"
        )
    return "".join(out)


def _cost(data: Dict[str, Any], base: str) -> str:
    b = base + "/business"
    business = resolve(data, b) or {}
    rows = [
        ["infrastructure per year", fig(data, b + "/infra/total_per_year", "usd")],
        ["expected downtime cost per year", est(data, b, "downtime_cost_per_year", "usd")],
    ]
    sla = business.get("sla") or {}
    if sla:
        rows.append(
            [
                f"P(SLA breached) per {fig(data, b + '/sla/window_hours', 'hours')} window "
                f"(target {fig(data, b + '/sla/target', 'avail')})",
                est(data, b + "/sla", "breach_probability", "prob"),
            ]
        )
        rows.append(
            ["expected SLA credits per year", est(data, b + "/sla", "credits_per_year", "usd")]
        )
    rows.append(["total expected per year", est(data, b, "total_per_year", "usd")])
    return "<h3>Cost</h3>" + _table(["figure", "value"], rows)


def _provenance(data: Dict[str, Any], i: int) -> str:
    r = data["designs"][i]["result"]
    p = f"/designs/{i}/result"
    if r.get("method") == "exact":
        return (
            f"Exact result ({e(str(r.get('solver', '')))}): {e(str(r.get('method_reason') or ''))}"
        )
    return (
        f"Monte Carlo: seed {fig(data, p + '/seed', 'count')}, "
        f"{fig(data, p + '/replications', 'count')} replications, "
        f"{fig(data, p + '/simulated_years', 'count')} simulated years; {e(str(r.get('stop_reason') or ''))}. "
        f"{e(str(r.get('method_reason') or ''))}"
    )
