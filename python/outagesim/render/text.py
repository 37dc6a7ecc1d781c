"""Plain-text reports for the CLI: the resolved model, an evaluation result, an importance analysis."""

from __future__ import annotations

import math
import numbers
import textwrap
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from ..model.architecture import Architecture, ChangesInfo, FailureInfo
    from ..results.result import Analysis, Result

LEVELS = (
    "component",
    "zone",
    "region",
    "provider",
    "common_cause",
    "regional_service",
    "change",
    "corruption",
    "failover",
)


# --- small formatters ---------------------------------------------------------------------


def fmt_hours(hours: Optional[float]) -> str:
    """A duration in hours as a short human string: '45s', '15m', '3.5h', '2.1d', '1.5y'."""
    if hours is None or not isinstance(hours, (int, float)) or math.isnan(hours):
        return "-"
    if math.isinf(hours):
        return "inf"
    seconds = hours * 3600.0
    if seconds < 60:
        return f"{seconds:.3g}s"
    if hours < 1:
        return f"{hours * 60:.3g}m"
    if hours < 48:
        return f"{hours:.3g}h"
    if hours < 24 * 365:
        return f"{hours / 24:.3g}d"
    return f"{hours / 8760:.3g}y"


def fmt_minutes(minutes: Optional[float]) -> str:
    if minutes is None or not isinstance(minutes, (int, float)):
        return "-"
    return fmt_hours(minutes / 60.0)


def fmt_avail(a: Optional[float]) -> str:
    if a is None or not isinstance(a, (int, float)):
        return "-"
    if a >= 1.0:
        return "1"
    # Enough digits to show the first three significant digits of the unavailability.
    digits = max(6, min(15, int(math.floor(-math.log10(max(1e-300, 1.0 - a)))) + 3))
    return f"{a:.{digits}f}"


def fmt_usd(x: Any, sign: str = "$") -> str:
    """Money: '$12,345'; '$inf' for a figure that overflowed, scientific notation from a
    quadrillion on (a 300-digit number helps nobody), 'n/a' when unknown."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real) or math.isnan(x):
        return "n/a"
    x = float(x)
    if math.isinf(x):
        return f"-{sign}inf" if x < 0 else f"{sign}inf"
    if abs(x) >= 1e15:
        return f"{sign}{x:.3e}"
    return f"{sign}{x:,.0f}"


def fmt_num(x: Optional[float], spec: str = ".3g") -> str:
    if x is None or not isinstance(x, (int, float)):
        return "-"
    if math.isinf(x):
        return "inf"
    return format(x, spec)


def _pair(value: Any) -> Optional[Sequence[float]]:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return value
    return None


def table(
    rows: List[List[str]], headers: List[str], indent: str = "  ", align_right: Iterable[int] = ()
) -> List[str]:
    right = set(align_right)
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: List[str]) -> str:
        parts = [
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ]
        return (indent + "  ".join(parts)).rstrip()

    out = [line(headers), indent + "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in rows)
    return out


# --- the resolved model ---------------------------------------------------------------------


def _wrapped(text: str, indent: str, width: int = 100) -> List[str]:
    # Catalog sources are long sentences; wrap them under their value rather than in one line.
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
    ) or [indent]


def _process_lines(process: FailureInfo, origin: str, indent: str) -> List[str]:
    if process.never_fails:
        return [f"{indent}never fails ({'model' if origin == 'model' else origin})"]
    return [
        f"{indent}ttf {process.ttf}, ttr {process.ttr}",
        f"{indent}MTTF {fmt_hours(process.mttf)}, MTTR {fmt_hours(process.mttr)}, "
        f"availability {fmt_avail(process.availability)}, "
        f"{process.failure_frequency * 8760:.3g} failures/yr",
        *_wrapped(f"from {origin}", indent),
    ]


def _changes_lines(changes: ChangesInfo, indent: str) -> List[str]:
    """A service's changes: rate, how likely a change is bad, detection, rollback and waves."""
    lines = [
        f"{indent}changes: {changes.rate}, each bad with probability {changes.bad_probability:g}; "
        f"detection {changes.detection}, rollback {changes.rollback}",
        f"{indent}  bad changes {changes.bad_changes_per_year:.3g}/yr; no bad change in flight "
        f"{fmt_avail(changes.availability)} of the time",
        f"{indent}  rollout {changes.rollout.description}",
    ]
    if len(changes.rollout.waves) > 1:
        for i, wave in enumerate(changes.rollout.waves):
            start = i * changes.rollout.bake_hours
            when = "at the change" if i == 0 else f"+{fmt_hours(start)} if not yet detected"
            lines.append(f"{indent}    wave {i + 1} ({when}): {', '.join(wave)}")
    return lines


def _repair_text(c: Any) -> str:
    if c.repair == "replace":
        return (
            f"automatic replacement; starts only while {c.repair_control_plane} control plane is up"
        )
    if c.repair == "manual":
        return "by hand; waits for a free responder, who engages first"
    return "by the provider, on its own clock (no control plane, no responder)"


def format_architecture(arch: Architecture) -> str:
    out: List[str] = []
    out.append(f"Model {arch.name}")
    out.append(f"  source: {arch.source}")
    if arch.catalogs:
        out.append(f"  catalogs: {', '.join(arch.catalogs)}")
    out.append(
        f"  {len(arch.domains)} failure domains, {len(arch.components)} components, "
        f"{len(arch.services)} services, {len(arch.capabilities)} capabilities"
    )

    out.append("")
    out.append("Failure domains (provider > region > zone)")
    depth: Dict[str, int] = {}
    children: Dict[Optional[str], List[Any]] = {}
    for d in arch.domains:
        children.setdefault(d.parent, []).append(d)

    def walk(parent: Optional[str], level: int) -> None:
        for d in children.get(parent, []):
            depth[d.path] = level
            pad = "  " * (level + 1)
            out.append(f"{pad}{d.level} {d.path}")
            out.extend(_process_lines(d.outage, d.outage_origin, pad + "    "))
            walk(d.path, level + 1)

    walk(None, 0)

    out.append("")
    out.append(
        f"Components (total cost ${arch.cost_per_hour:.4g}/h, {fmt_usd(arch.cost_per_hour * 8760)}/yr)"
    )
    for c in arch.components:
        kind = f" [{c.type}]" if c.type else ""
        member = f"; replica of {', '.join(c.services)}" if c.services else "; in no service"
        out.append(f"  {c.name}{kind} at {c.location}{member}")
        out.extend(_process_lines(c.failure, c.failure_origin, "      "))
        out.extend(_wrapped(f"repair: {_repair_text(c)} (from {c.repair_origin})", "      "))
        out.extend(_wrapped(f"cost ${c.cost_per_hour:.4g}/h from {c.cost_origin}", "      "))

    out.append("")
    out.append("Services")
    for s in arch.services:
        out.append(f"  {s.name}: {s.redundancy()}; replicas {', '.join(s.replicas)}")
        if s.failover is not None:
            out.append(f"      failover: {s.failover}")
            out.append(f"      control planes: {s.failover.control_plane_text()}")
        if s.depends_on:
            deps = ", ".join(f"{d.service} ({d.scope})" for d in s.depends_on)
            out.append(f"      depends on {deps}")
            for dep in s.depends_on:
                if dep.feature_flag is not None:
                    out.append(f"      feature flag on {dep.service}: {dep.feature_flag}")
        if s.changes is not None:
            out.extend(_changes_lines(s.changes, "      "))
        if s.dr is not None:
            out.append(f"      dr: {s.dr} preset; it filled in (the model states the rest):")
            for supplied in s.dr_supplied:
                out.extend(_wrapped(supplied, "        "))
        if s.data is not None:
            out.append(f"      data: {s.data}")
            if s.data.backups is not None:
                out.append(f"        backups {s.data.backups}")
            if s.data.corruption is not None:
                out.append(
                    f"        corruption: {s.data.corruption}; then every replica is down "
                    f"until restored (element {s.data.corruption.element})"
                )

    if any(g.kind != "corruption" for g in arch.common_causes):
        out.append("")
        out.append("Common causes (members fail together)")
        for g in arch.common_causes:
            if g.kind == "corruption":
                continue  # shown with its service's data
            if g.kind == "shock":
                out.append(f"  {g.name}: shared shock over {', '.join(g.members)}")
                out.extend(_process_lines(g.process, "model", "      "))
            else:
                out.append(
                    f"  {g.name}: beta factor {g.beta:g} over {', '.join(g.members)}, "
                    f"repaired {g.repair}ly after a common failure"
                )
                if not g.process.never_fails:
                    out.extend(
                        _process_lines(g.process, "model (beta x a member's rate)", "      ")
                    )

    if arch.regional_services:
        out.append("")
        out.append("Regional service events (every component of the type in the region)")
        for r in arch.regional_services:
            out.append(f"  {r.name}: {', '.join(r.members)}")
            out.extend(_process_lines(r.outage, r.origin, "      "))

    if arch.control_planes:
        out.append("")
        out.append("Control planes (needed by recovery actions, not by running components)")
        for cp in arch.control_planes:
            home = f"; lives in {cp.home}" if cp.home else ""
            out.append(f"  {cp.name}{home}")
            out.extend(_process_lines(cp.outage, cp.origin, "      "))
            if cp.host_outage is not None:
                out.append("      its region is outside the model; its data-plane outage:")
                out.extend(_process_lines(cp.host_outage, cp.host_origin, "        "))

    if arch.operations is not None:
        ops = arch.operations
        out.append("")
        out.append("Operations (who does manual steps)")
        out.append(
            f"  {ops.responders} responder{'s' if ops.responders != 1 else ''}: at most "
            f"{ops.responders} incident{'s' if ops.responders != 1 else ''} worked at once, "
            "the rest wait first come first served"
        )
        out.extend(_wrapped(f"engage {ops.engage} (from {ops.engage_origin})", "  "))

    out.append("")
    out.append("Dependency graph")
    out.append(f"  topological order: {' -> '.join(arch.service_order)}")
    edges = arch.edges
    if edges:
        for source, target, scope in edges:
            out.append(f"  {source} -> {target} [{scope}]")
    else:
        out.append("  no dependencies between services")

    out.append("")
    title = "Capabilities"
    if arch.implicit_capability:
        title += " (none stated: the implicit 'system' needs every service nothing depends on)"
    out.append(title)
    for cap in arch.capabilities:
        objectives = f"; objectives {cap.objectives}" if cap.objectives is not None else ""
        out.append(
            f"  {cap.name}: requires {', '.join(cap.services)}; weight {cap.weight:g}{objectives}"
        )
        for fallback in cap.fallbacks:
            out.append(f"      falls back to {fallback}")
    if arch.objectives is not None:
        out.append(f"  the whole system: objectives {arch.objectives}")
    return "\n".join(out)


# --- an evaluation result -----------------------------------------------------------------


def _ci(value: Any, fmt) -> str:
    pair = _pair(value)
    if pair is None:
        return ""
    return f"  95% CI [{fmt(pair[0])}, {fmt(pair[1])}]"


def interval_decimals(lo: float, hi: float) -> Optional[int]:
    """Decimals that show an interval's half-width to two significant digits (0 to 6), so that
    a value and both ends print with the same digits; None without a usable interval."""
    half = (hi - lo) / 2.0
    if not (math.isfinite(half) and half > 0.0):
        return None
    return int(min(6, max(0, 1 - math.floor(math.log10(half)))))


def _estimate(m: Dict[str, Any], key: str, unit: str, exact: bool) -> str:
    """'157.0 min/yr  95% CI [150.2, 163.8]': the value and its interval with the same digits."""
    value = m.get(key)
    pair = None if exact else _pair(m.get(key + "_ci95"))
    if pair is not None and (pair[0] is None or pair[1] is None):
        pair = None
    if value is None or pair is None or interval_decimals(pair[0], pair[1]) is None:
        text = f"{fmt_num(value, '.4g')}{unit}"
        return text + ("" if pair is None else _ci(pair, lambda x: fmt_num(x, ".4g")))
    spec = f",.{interval_decimals(pair[0], pair[1])}f"
    return f"{value:{spec}}{unit}  95% CI [{pair[0]:{spec}}, {pair[1]:{spec}}]"


def _measure_lines(m: Dict[str, Any], exact: bool) -> List[str]:
    out = []
    out.append(
        f"  availability           {fmt_avail(m.get('availability'))}"
        + ("" if exact else _ci(m.get("availability_ci95"), fmt_avail))
    )
    out.append(
        f"  nines                  {fmt_num(m.get('nines'), '.3f')}"
        + ("" if exact else _ci(m.get("nines_ci95"), lambda x: fmt_num(x, ".3f")))
    )
    out.append(
        "  downtime               " + _estimate(m, "downtime_minutes_per_year", " min/yr", exact)
    )
    out.append("  incidents              " + _estimate(m, "incidents_per_year", " /yr", exact))
    mean_h = m.get("mean_incident_hours")
    out.append(
        f"  mean incident          {fmt_hours(mean_h)}"
        + ("" if exact else _ci(m.get("mean_incident_hours_ci95"), fmt_hours))
    )
    durations = m.get("incident_duration_hours")
    if isinstance(durations, dict) and durations.get("count"):
        out.append(
            "  incident duration      "
            f"p50 {fmt_hours(durations.get('p50'))}, p90 {fmt_hours(durations.get('p90'))}, "
            f"p99 {fmt_hours(durations.get('p99'))}, max {fmt_hours(durations.get('max'))} "
            f"({durations.get('count'):,} incidents observed)"
        )
    yearly = m.get("downtime_minutes_per_year_distribution")
    if isinstance(yearly, dict) and yearly.get("count"):
        out.append(
            "  downtime in a year     "
            f"p50 {fmt_minutes(yearly.get('p50'))}, worst-year p90 {fmt_minutes(yearly.get('p90'))}, "
            f"p99 {fmt_minutes(yearly.get('p99'))}, max {fmt_minutes(yearly.get('max'))} "
            f"(over {yearly.get('count'):,} simulated years)"
        )
    out.extend(_objective_lines(m, exact, "  "))
    out.extend(_degraded_lines(m, "  "))
    return out


def _degraded_lines(m: Dict[str, Any], indent: str) -> List[str]:
    """Full, value-weighted and degraded time, for models with degraded modes."""
    if m.get("full_availability") is None:
        return []

    def share(label: str, key: str) -> str:
        value = fmt_avail(m.get(key)) + _ci(m.get(key + "_ci95"), fmt_avail)
        return f"{indent}{label}".ljust(len(indent) + 23) + value

    return [
        share("in full", "full_availability"),
        share("value-weighted", "value_weighted_availability"),
        f"{indent}degraded".ljust(len(indent) + 23)
        + _estimate(m, "degraded_minutes_per_year", " min/yr", False),
    ]


def _objective_lines(m: Dict[str, Any], exact: bool, indent: str) -> List[str]:
    """How often a measure misses its recovery objectives (only those it states)."""
    out = []
    if m.get("rto_hours") is not None and not exact:
        out.append(
            f"{indent}over RTO {fmt_hours(m['rto_hours'])}".ljust(len(indent) + 23)
            + _estimate(m, "incidents_over_rto_share", " of incidents", exact)
        )
    if m.get("rpo_hours") is not None and not exact:
        out.append(
            f"{indent}over RPO {fmt_hours(m['rpo_hours'])}".ljust(len(indent) + 23)
            + _estimate(m, "losses_over_rpo_per_year", " losses/yr", exact)
        )
    return out


def _data_lines(rows: List[Dict[str, Any]]) -> List[str]:
    """What each data service loses: events, time of writes, restores, per-event quantiles."""
    out = ["", "Data (writes lost: failovers to a replica that lacked them, corruption restores)"]
    for row in rows:
        out.append(f"  {row.get('service')} ({row.get('replication')} replication)")
        out.append(
            "    loss events          " + _estimate(row, "loss_events_per_year", " /yr", False)
        )
        out.append(
            "    writes lost          " + _estimate(row, "minutes_lost_per_year", " min/yr", False)
        )
        if row.get("writes_per_second"):
            out.append(
                "                         "
                + _estimate(row, "writes_lost_per_year", " writes/yr", False)
            )
        if row.get("quorum"):
            out.append(
                f"    writes (quorum {row['quorum']})  "
                + _estimate(row, "write_availability", " available", False)
            )
        if row.get("p_loss_in_a_year") is not None:
            out.append("    P(any loss in a year) " + _estimate(row, "p_loss_in_a_year", "", False))
        q = row.get("loss_minutes_per_event") or {}
        if q.get("count"):
            out.append(
                "    loss per event       "
                f"p50 {fmt_minutes(q.get('p50'))}, p90 {fmt_minutes(q.get('p90'))}, "
                f"p99 {fmt_minutes(q.get('p99'))}, max {fmt_minutes(q.get('max'))} "
                f"({q.get('count'):,} events)"
            )
        if (row.get("restores_per_year") or 0) > 0:
            out.append(
                "    restores             " + _estimate(row, "restores_per_year", " /yr", False)
            )
            out.append(
                "    unrecoverable        "
                + _estimate(row, "unrecoverable_per_year", " /yr", False)
                + "  (no clean backup left)"
            )
        for cause in row.get("causes") or []:
            out.append(
                f"    {cause.get('cause')}: "
                + _estimate(cause, "events_per_year", " /yr", False)
                + "; "
                + _estimate(cause, "minutes_per_year", " min/yr", False)
            )
    return out


def _model_name(data: Dict[str, Any]) -> str:
    return str(data.get("model") or data.get("model_name") or "model")


def _capabilities(result: Result) -> List[Any]:
    raw = result.get("capabilities") or {}
    if isinstance(raw, dict):
        return [(name, data) for name, data in raw.items()]
    return [(c.get("name", "?"), c) for c in raw]


def format_attribution(rows: List[Dict[str, Any]], per_level: int = 5) -> List[str]:
    out: List[str] = []
    if not rows:
        return ["  no downtime was attributed"]
    by_level: Dict[str, List[Dict[str, Any]]] = {}
    for row in rows:
        by_level.setdefault(str(row.get("level", "?")), []).append(row)
    order = [lvl for lvl in LEVELS if lvl in by_level] + [
        lvl for lvl in by_level if lvl not in LEVELS
    ]
    for level in order:
        entries = sorted(by_level[level], key=lambda r: -(r.get("minutes_per_year") or 0.0))
        total = sum(r.get("minutes_per_year") or 0.0 for r in entries)
        share = sum(r.get("share") or 0.0 for r in entries)
        out.append(
            f"  {level}: {fmt_num(total, '.4g')} min/yr in all ({share * 100:.1f}% of downtime)"
        )
        for r in entries[:per_level]:
            out.append(
                f"    {str(r.get('element')):<32} {fmt_num(r.get('minutes_per_year'), '.4g'):>9} min/yr "
                f"{(r.get('share') or 0.0) * 100:5.1f}%"
            )
        if len(entries) > per_level:
            out.append(f"    ... and {len(entries) - per_level} more")
    return out


def describe_rollout(row: Dict[str, Any]) -> str:
    """A ``changes`` row of a result's JSON: its rollout and how many waves over how many replicas."""
    waves = row.get("waves")
    plural = "" if waves == 1 else "s"
    return f"{row.get('rollout')} ({waves} wave{plural} over {row.get('replicas')} replicas)"


def format_result(result: Result) -> str:
    data = result.to_dict()
    exact = data.get("method") in ("exact", "bound")
    out: List[str] = []
    out.append(f"{_model_name(data)}: {_method_label(data)}")
    out.extend(_measure_lines(data, exact))
    weighted = data.get("weighted_availability")
    if weighted is not None:
        out.append(
            f"  weighted availability  {fmt_avail(weighted)}"
            + ("" if exact else _ci(data.get("weighted_availability_ci95"), fmt_avail))
        )

    caps = _capabilities(result)
    if caps:
        out.append("")
        out.append("Capabilities")
        rows = []
        for name, m in caps:
            ci = _pair(m.get("availability_ci95"))
            rows.append(
                [
                    name,
                    fmt_num(m.get("weight"), "g"),
                    fmt_avail(m.get("availability")),
                    "" if exact or ci is None else f"[{fmt_avail(ci[0])}, {fmt_avail(ci[1])}]",
                    fmt_num(m.get("nines"), ".3f"),
                    fmt_num(m.get("downtime_minutes_per_year"), ".4g"),
                    fmt_num(m.get("incidents_per_year"), ".4g"),
                ]
            )
        out.extend(
            table(
                rows,
                [
                    "capability",
                    "weight",
                    "availability",
                    "95% CI",
                    "nines",
                    "downtime min/yr",
                    "incidents/yr",
                ],
                align_right=(1, 4, 5, 6),
            )
        )

    for name, m in caps:
        lines = _objective_lines(m, exact, "    ") + _degraded_lines(m, "    ")
        if lines:
            out.append(f"  {name}")
            out.extend(lines)

    out.append("")
    out.append("Top contributors to downtime")
    out.extend(format_attribution(list(data.get("attribution") or [])))

    if data.get("data"):
        out.extend(_data_lines(list(data["data"])))

    changes = list(data.get("changes") or [])
    if changes:
        out.append("")
        out.append("Bad changes (replica-outage: each replica reached, until rolled back)")
        for row in changes:
            out.append(f"  {row.get('service')}: {describe_rollout(row)}")
            out.append(
                "    bad changes            "
                + _estimate(row, "bad_changes_per_year", " /yr", exact)
            )
            out.append(
                "    replica-outage         "
                + _estimate(row, "replica_outage_minutes_per_year", " min/yr", exact)
            )

    out.append("")
    out.append("Provenance")
    out.append(
        f"  method {data.get('method', '?')} ({data.get('solver', '?')}): {data.get('method_reason', '')}"
    )
    if not exact:
        horizon = data.get("horizon_years")
        # Importance sampling runs regeneration cycles, not replications of a horizon.
        cycles = "importance-sampling" in str(data.get("solver", ""))
        out.append(
            f"  seed {data.get('seed')}, {fmt_num(data.get('replications'), ',')} "
            + ("regeneration cycles" if cycles else "replications")
            + (
                f" of {fmt_num(horizon, 'g')}y"
                if isinstance(horizon, (int, float)) and not cycles
                else ""
            )
            + f", {fmt_num(data.get('simulated_years'), ',.0f')} simulated years"
        )
        out.append(f"  start {data.get('start', '?')}{_warmup_text(data)}")
        out.append(
            f"  {fmt_num(data.get('wall_seconds'), '.3g')} s wall on {data.get('threads', '?')} threads, "
            f"{fmt_num(data.get('events'), ',')} events"
        )
        stop = data.get("stop_reason", "?")
        target = data.get("rel_error_target")
        achieved = data.get("rel_error_achieved")
        out.append(
            f"  stopped: {stop} (relative error {fmt_num(achieved, '.3g')}, target {fmt_num(target, 'g')}"
            " for the system and every capability"
            + (", and the writes each data service loses)" if data.get("data") else ")")
        )
    else:
        out.append(f"  {fmt_num(data.get('wall_seconds'), '.3g')} s wall")
    out.append(f"  outagesim {data.get('version', '?')}")
    warnings = data.get("warnings") or []
    if warnings:
        out.append("")
        out.append("Warnings")
        out.extend(f"  ! {w}" for w in warnings)
    return "\n".join(out)


def _warmup_text(data: Dict[str, Any]) -> str:
    """The warm-up each replication ran before measuring, and who chose it."""
    years = data.get("warmup_years")
    if not isinstance(years, (int, float)) or years <= 0:
        return ", no warm-up"
    who = "automatic" if data.get("warmup") == "automatic" else "given"
    return f", warm-up {fmt_num(years, '.3g')}y per replication ({who})"


# --- an importance analysis ---------------------------------------------------------------


def _method_label(data: Dict[str, Any]) -> str:
    """How the figures were obtained, in words: a bound is called a bound wherever it is shown."""
    method, solver = data.get("method"), data.get("solver", "?")
    if method == "bound":
        # The core says which: "optimistic bound: ..." or, with degraded modes left out,
        # "approximation: ..." (no bound either way).
        kind = str(data.get("method_reason") or "optimistic bound").split(":")[0]
        return f"{kind} ({solver}, instant failover): no exact answer for this model"
    if method == "exact":
        return f"exact ({solver})"
    return f"Monte Carlo ({solver})"


def format_analysis(analysis: Analysis) -> str:
    data = analysis.result.to_dict()
    out: List[str] = []
    out.append(
        f"{_model_name(data)}: availability {fmt_avail(data.get('availability'))} "
        f"({fmt_num(data.get('nines'), '.3f')} nines, {fmt_num(data.get('downtime_minutes_per_year'), '.4g')} "
        f"min/yr downtime), {_method_label(data)}"
    )
    out.append("")
    out.append(
        f"Importance ({len(analysis.importance)} shown of {analysis.importance_count} elements; "
        "largest Birnbaum first)"
    )
    rows = []
    for r in analysis.importance:
        rows.append(
            [
                str(r.get("element")),
                str(r.get("level")),
                fmt_avail(r.get("availability")),
                fmt_num(r.get("birnbaum"), ".3e"),
                fmt_num(r.get("criticality"), ".3g"),
                fmt_num(r.get("risk_achievement_worth"), ".4g"),
                fmt_num(r.get("risk_reduction_worth"), ".4g")
                if r.get("risk_reduction_worth") is not None
                else "inf",
                fmt_num(r.get("fussell_vesely"), ".3g"),
                fmt_num(r.get("downtime_minutes_per_year"), ".4g"),
                f"{(r.get('downtime_share') or 0.0) * 100:.1f}%",
            ]
        )
    if rows:
        out.extend(
            table(
                rows,
                [
                    "element",
                    "level",
                    "availability",
                    "Birnbaum",
                    "criticality",
                    "RAW",
                    "RRW",
                    "Fussell-Vesely",
                    "downtime min/yr",
                    "share",
                ],
                align_right=range(3, 10),
            )
        )
    else:
        out.append("  no element can take the system down")

    out.append("")
    shown = len(analysis.cut_sets)
    out.append(f"Minimal cut sets ({shown} shown of {analysis.cut_set_count}; smallest first)")
    spof = analysis.single_points_of_failure
    for i, cut in enumerate(analysis.cut_sets, 1):
        flag = "  <-- SINGLE POINT OF FAILURE" if cut.get("single_point_of_failure") else ""
        out.append(
            f"  {i:>3}. {cut.get('description') or ' and '.join(cut.get('elements', []))}"
            f"  (probability {fmt_num(cut.get('probability'), '.3e')}){flag}"
        )
    if spof:
        out.append("")
        out.append(
            f"! {len(spof)} single point(s) of failure in a design with redundancy: "
            + ", ".join(" and ".join(c.get("elements", [])) for c in spof)
        )
    warnings = data.get("warnings") or []
    if warnings:
        out.append("")
        out.append("Warnings")
        out.extend(f"  ! {w}" for w in warnings)
    return "\n".join(out)
