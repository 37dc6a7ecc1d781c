"""The scenario and replay commands of the command line (registered by outagesim.cli)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable, Dict

EXIT_OK = 0


def _emit(result: Any, as_json: bool, text: Callable[[], str]) -> int:
    """Print a result as one JSON object (its to_dict) or as the text report."""
    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        sys.stdout.write(text())
    return EXIT_OK


def _on_off(text: str) -> bool:
    if text not in ("on", "off"):
        raise argparse.ArgumentTypeError(f"expected 'on' or 'off', not {text!r}")
    return text == "on"


def add_commands(
    commands: Any,
    duration: Callable[[str], str],
    positive_duration: Callable[[str], str],
    int_at_least: Callable[..., Callable[[str], int]],
) -> None:
    p = commands.add_parser(
        "scenario",
        help="inject faults (a game day, an incident) and see what breaks, many runs over",
        description="Run a scenario file (docs/scenarios.md) many times over the model's "
        "remaining randomness and report, per capability, P(it went down), the downtime and "
        "time-to-recover distributions, failovers that ran and failed, what carried the "
        "downtime, and the timelines of the median and worst runs. --runs 1 --background off "
        "--timings mean gives one deterministic timeline.",
    )
    p.add_argument("model", metavar="MODEL")
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument(
        "--runs", type=int_at_least(1, 10_000_000), default=1000, help="runs (default 1000)"
    )
    p.add_argument("--seed", type=int_at_least(0), default=1, help="random seed (default 1)")
    p.add_argument(
        "--background",
        type=_on_off,
        default=None,
        metavar="on|off",
        help="the rest of the model keeps failing at random (default: the file's)",
    )
    p.add_argument(
        "--timings",
        choices=("sampled", "mean"),
        default="sampled",
        help="mean: every duration its mean and every failover succeeds",
    )
    p.add_argument(
        "--window",
        type=positive_duration,
        default=None,
        help="what each run measures from the start (default: the file's, else the "
        "last fault's mean end + 12h)",
    )
    p.add_argument(
        "--threads",
        type=int_at_least(1, 256),
        default=None,
        help="threads (default: every core; results do not depend on it)",
    )
    p.add_argument(
        "--max-time",
        type=duration,
        default="60s",
        help="wall-time limit (default 60s): the runs done by then are reported",
    )
    p.add_argument(
        "--timeline",
        type=int_at_least(0),
        default=40,
        metavar="N",
        help="lines of each timeline printed (default 40)",
    )
    p.add_argument("--svg", metavar="FILE", help="also write the median run's timeline chart")
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = commands.add_parser(
        "replay",
        help="run a design through real incidents (the library, or your own scenario files)",
        description="Run the design through every incident of the library (models/incidents, "
        "docs/scenarios.md), or those given, and print one row per incident: P(down), the "
        "design's downtime with its 95%% interval, what carried it, whether a failover saved "
        "it, and the total across incidents.",
    )
    p.add_argument("model", metavar="MODEL")
    p.add_argument(
        "--incidents",
        metavar="DIR|NAMES",
        default=None,
        help="a folder of scenario files, or comma-separated files or library names "
        "(default: the whole library)",
    )
    p.add_argument(
        "--runs",
        type=int_at_least(1, 10_000_000),
        default=None,
        help="runs per incident (default 500; 200 with --trace, each the whole span)",
    )
    p.add_argument("--seed", type=int_at_least(0), default=1, help="random seed (default 1)")
    p.add_argument(
        "--background",
        type=_on_off,
        default=None,
        metavar="on|off",
        help="the rest of the model keeps failing at random (default off; on with --trace)",
    )
    p.add_argument("--threads", type=int_at_least(1, 256), default=None)
    p.add_argument(
        "--max-time",
        type=duration,
        default="60s",
        help="wall-time limit per incident or trace (default 60s)",
    )
    p.add_argument(
        "--trace",
        metavar="FILE",
        default=None,
        help="instead: drive the provider's regions, zones and regional services from an "
        "outage record over its whole span (docs/traces.md), beside the catalog's prediction "
        "for the same span",
    )
    p.add_argument("--provider", default="aws", help="with --trace: whose record (default aws)")
    p.add_argument(
        "--skip-unknown-regions",
        action="store_true",
        help="with --trace: skip (and count) rows of regions neither the catalog nor the model "
        "has, instead of stopping at them",
    )
    p.add_argument(
        "--until",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="with --trace: leave out rows from this date on; the span ends there",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _date(text: str) -> Any:
    import datetime as dt

    try:
        day = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': expected a date such as 2022-01-01") from None
    return day if day.tzinfo else day.replace(tzinfo=dt.timezone.utc)


def cmd_trace(args: Any) -> int:
    from .render.replay import format_trace_replay
    from .scenarios.trace import replay_trace

    result = replay_trace(
        args.model,
        args.trace,
        runs=args.runs or 200,
        seed=args.seed,
        background=args.background is not False,
        provider=args.provider,
        skip_unknown_regions=args.skip_unknown_regions,
        until=args.until,
        threads=args.threads,
        max_time=args.max_time,
    )
    return _emit(result, args.json, lambda: format_trace_replay(result))


def cmd_replay(args: Any) -> int:
    from .render.replay import format_replay
    from .scenarios.replay import replay

    if args.trace is not None:
        return cmd_trace(args)
    for option in ("skip_unknown_regions", "until"):
        if getattr(args, option):
            raise ValueError(f"--{option.replace('_', '-')} goes with --trace")
    result = replay(
        args.model,
        args.incidents,
        runs=args.runs or 500,
        seed=args.seed,
        background=bool(args.background),
        threads=args.threads,
        max_time=args.max_time,
    )
    return _emit(result, args.json, lambda: format_replay(result))


def cmd_scenario(args: Any) -> int:
    from .render.scenario import format_scenario
    from .scenarios.format import load_scenario
    from .scenarios.run import scenario

    sc = load_scenario(args.scenario)
    result = scenario(
        args.model,
        sc,
        runs=args.runs,
        seed=args.seed,
        background=args.background,
        timings=args.timings,
        window=args.window,
        threads=args.threads,
        max_time=args.max_time,
        strict=sc.incident is None,
    )
    if args.svg:
        from .plot.timeline import save_timeline_svg

        save_timeline_svg(result, args.svg)
        print(f"outagesim scenario: wrote {args.svg}", file=sys.stderr)
    return _emit(result, args.json, lambda: format_scenario(result, args.timeline))


COMMANDS: Dict[str, Callable[[Any], int]] = {"scenario": cmd_scenario, "replay": cmd_replay}
