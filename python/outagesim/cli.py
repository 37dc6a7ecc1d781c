"""The outagesim command line: validate, show, evaluate, analyze, export, compare, sweep, import, report, scenario and replay, thin over the Python API."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Callable, Optional, Sequence

from ._limits import MAX_REPLICATIONS, MAX_SEED, MAX_TOP
from ._version import __version__

EXIT_OK = 0
EXIT_FAILURE = 1  # the engine failed (not the user's model or options)
EXIT_USAGE = 2  # bad options, an unusable model, or no exact answer where one was demanded
EXIT_INTERRUPTED = 130


# --- option types: argparse turns their ArgumentTypeError into "error: ..." and exit 2 ---------


def _duration(text: str) -> str:
    from . import _core

    try:
        hours = _core.parse_duration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not math.isfinite(hours):
        raise argparse.ArgumentTypeError(f"'{text}': expected a finite duration")
    return text


def _warmup(text: str) -> str:
    return "auto" if text.strip() == "auto" else _duration(text)


def _positive_duration(text: str) -> str:
    from . import _core

    _duration(text)
    if _core.parse_duration(text) <= 0:
        raise argparse.ArgumentTypeError(f"'{text}': expected a duration greater than zero")
    return text


def _int_at_least(minimum: int, maximum: Optional[int] = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}': expected an integer") from None
        if value < minimum or (maximum is not None and value > maximum):
            expected = f">= {minimum}" if maximum is None else f"in [{minimum}, {maximum:,}]"
            raise argparse.ArgumentTypeError(f"'{text}': expected an integer {expected}")
        return value

    parse.__name__ = "integer"
    return parse


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': expected a number") from None
    if not (0.0 <= value < 1.0):
        raise argparse.ArgumentTypeError(f"'{text}': expected a number in [0, 1)")
    return value


def _availability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}': expected an availability such as 0.9999"
        ) from None
    if not (0.0 < value < 1.0):
        raise argparse.ArgumentTypeError(
            f"'{text}': expected an availability between 0 and 1, such as 0.9999 (not a percentage)"
        )
    return value


# --- the parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outagesim",
        description="Availability of cloud architectures: failures, repairs and failovers across "
        "zones, regions and providers, with honest confidence intervals.",
        epilog="Exit codes: 0 success, 2 bad options or an unusable model (problems on stderr), "
        "1 engine failure, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"outagesim {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "validate",
        help="check model files; exit 2 with every problem if any is invalid",
        description="Check model files (JSON or YAML). Prints 'MODEL: ok' for each valid "
        "model; otherwise every problem as 'FILE: PATH: MESSAGE' on stderr and exit 2.",
    )
    p.add_argument("models", nargs="+", metavar="MODEL")

    p = commands.add_parser(
        "show",
        help="print the resolved model (or Graphviz DOT with --dot)",
        description="Print the resolved model: failure domains with their outage "
        "processes, components with effective failure parameters and cost (and "
        "where each came from), services, the dependency graph and capabilities.",
    )
    p.add_argument("model", metavar="MODEL")
    form = p.add_mutually_exclusive_group()
    form.add_argument(
        "--dot",
        action="store_true",
        help="print Graphviz DOT: services, replicas in provider > region > zone clusters",
    )
    form.add_argument("--json", action="store_true", help="print the resolved model as JSON")

    p = commands.add_parser(
        "evaluate",
        help="availability, nines, downtime, incidents and attribution",
        description="Evaluate a model by Monte Carlo simulation or exactly "
        "(auto: exact when the model allows it, otherwise Monte Carlo).",
    )
    p.add_argument("model", metavar="MODEL")
    _add_run_options(p)
    p.add_argument(
        "--json", action="store_true", help="print one JSON object instead of the summary"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress on stderr")

    p = commands.add_parser(
        "analyze",
        help="importance of every element and minimal cut sets",
        description="Exact importance measures (Birnbaum, criticality, RAW, RRW, "
        "Fussell-Vesely, downtime share) and minimal cut sets, smallest first; "
        "single points of failure are flagged.",
    )
    p.add_argument("model", metavar="MODEL")
    p.add_argument(
        "--top", type=_int_at_least(0, MAX_TOP), default=20, help="cut sets to list (default 20)"
    )
    p.add_argument(
        "--rare-event",
        choices=("auto", "off", "failure-biasing"),
        default="auto",
        help="Monte Carlo: importance sampling by failure biasing for designs with many nines "
        "(auto: when it applies and crude simulation would see too few incidents; see "
        "docs/numbers.md)",
    )
    p.add_argument(
        "--assume-exponential",
        action="store_true",
        help="treat non-exponential timings as exponential of the same mean",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = commands.add_parser(
        "export",
        help="export a static model (Open-PSA MEF fault tree)",
        description="Export the system-down fault tree of a static model.",
    )
    p.add_argument("model", metavar="MODEL")
    p.add_argument("--to", choices=("mef",), required=True, help="format: mef (Open-PSA MEF XML)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    p = commands.add_parser(
        "compare",
        help="designs side by side: availability, downtime, SLA breaches and cost",
        description="Evaluate designs side by side with common random numbers (the same seed, "
        "one random stream per element): availability, nines, downtime per year and in the "
        "worst year (p99), incidents, SLA breach probability per window, infrastructure cost, "
        "expected downtime cost and credits, total expected annual cost, and the cost of each "
        "extra nine relative to the cheapest design. Every estimate with its 95%% interval.",
    )
    p.add_argument("models", nargs="+", metavar="MODEL")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print a JSON list of rows")
    form.add_argument("--csv", action="store_true", help="print CSV")
    p.add_argument(
        "--incidents",
        nargs="?",
        const="library",
        default=None,
        metavar="DIR|NAMES",
        help="instead: the designs against the same real incidents (the library, a folder or "
        "names; see replay), downtime minutes per incident and in total",
    )
    _add_run_options(p)

    p = commands.add_parser(
        "sweep",
        help="evaluate a grid of model variants; Pareto frontier of cost versus availability",
        description="Evaluate every combination of --vary values (dotted model paths such as "
        "services.web.redundancy.min_healthy, components.web-1.failure, "
        "components.db-b.location; values parsed as JSON when they parse, else as text), each "
        "variant with one engine thread, variants in parallel on local threads or a Dask "
        "cluster. Reports every variant, marks the Pareto frontier of cost versus availability "
        "(*) and the cheapest variant meeting --target (<).",
    )
    p.add_argument("model", metavar="MODEL")
    p.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="PATH=V1,V2,...",
        help="a model path and the values to try (repeat for a grid)",
    )
    p.add_argument(
        "--target", type=_availability, default=None, help="availability to meet, e.g. 0.9999"
    )
    p.add_argument(
        "--cost",
        choices=("total", "infra"),
        default=None,
        help="cost axis of the frontier: total expected annual cost or infrastructure "
        "(default: the total when the model prices downtime, else infrastructure)",
    )
    p.add_argument(
        "--out", metavar="FILE", help="also write every variant to FILE (.parquet or .csv)"
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=_int_at_least(1),
        default=None,
        help="start a local Dask cluster of N worker processes (default: local threads)",
    )
    where.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        default=None,
        help="run on an existing Dask cluster through its scheduler",
    )
    p.add_argument(
        "--threads",
        type=_int_at_least(1),
        default=None,
        help="local threads when no cluster is used (default: every core)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list of rows")
    _add_run_options(p, threads=False)

    importers = commands.add_parser(
        "import",
        help="write a model from infrastructure code (Terraform, Kubernetes manifests)",
        description="Write a model from infrastructure code; what was mapped, inferred and "
        "skipped, and what to check, is printed on stderr.",
    ).add_subparsers(dest="importer", metavar="SOURCE", required=True)
    _add_import_terraform(importers)
    _add_import_kubernetes(importers)

    _add_report(commands)
    from .cli_scenarios import add_commands as _add_scenario_commands

    _add_scenario_commands(commands, _duration, _positive_duration, _int_at_least)
    return parser


# --- import terraform -----------------------------------------------------------------------


def _add_import_terraform(importers) -> None:
    q = importers.add_parser(
        "terraform",
        help="a `terraform show -json` plan or state, or a directory of .tf files",
        description="Import a Terraform configuration: the JSON of `terraform show -json` (a "
        "plan or a state) or a directory of .tf files (variables, terraform.tfvars, locals, "
        "count and for_each resolved where possible). Mapped types: docs/import.md.",
    )
    q.add_argument("path", metavar="PATH", help="a .json file or a directory of .tf files")
    q.add_argument(
        "-o", "--output", metavar="MODEL", required=True, help="model file to write (.yaml/.json)"
    )
    q.add_argument("--name", default="", help="model name (default: the file or directory name)")
    q.set_defaults(importer_run=_cmd_import_terraform)


def _cmd_import_terraform(args) -> int:
    from .importers import import_terraform

    result = import_terraform(args.path, name=args.name)
    result.write(args.output)
    print(result.summary, file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


# --- import kubernetes ----------------------------------------------------------------------


def _add_import_kubernetes(importers) -> None:
    p = importers.add_parser(
        "kubernetes",
        help="Deployments, StatefulSets and DaemonSets of manifests (YAML files or directories)",
        description="Import Kubernetes manifests: each Deployment, StatefulSet and DaemonSet "
        "becomes a service of pod replicas placed in the cluster's zones (topology spread, pod "
        "anti-affinity and node affinity on topology.kubernetes.io/zone), with min_healthy from "
        "PodDisruptionBudgets and dependencies from the Services named in environment variables "
        "and ConfigMaps, or stated with the annotation outagesim.io/depends-on: 'a, b:same_zone'. "
        "See docs/import.md.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="manifest files or directories")
    p.add_argument("--provider", required=True, choices=("aws", "gcp", "azure"))
    p.add_argument("--region", required=True, help="the cluster's region, e.g. us-east-1")
    p.add_argument(
        "--zones",
        required=True,
        help="the cluster's zones, comma-separated: catalog names (use1-az1), node label values "
        "(us-east-1a) or short names (a,b,c; Azure 1,2,3)",
    )
    p.add_argument("--name", default="", help="model name (default: the first PATH's name)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (.yaml/.yml or .json)")
    p.set_defaults(importer_run=_cmd_import_kubernetes)


def _write_model(command: str, model: dict, output) -> int:
    if output and output.lower().endswith((".yaml", ".yml")):
        import yaml

        text = yaml.safe_dump(model, sort_keys=False, allow_unicode=True, width=100)
    else:
        text = json.dumps(model, indent=2) + "\n"
    if not output:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        print(
            f"outagesim {command}: cannot write {output}: {error.strerror or error}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return EXIT_OK


def _cmd_import_kubernetes(args) -> int:
    from .importers.kubernetes import import_kubernetes

    zones = [z.strip() for z in args.zones.split(",") if z.strip()]
    model, summary = import_kubernetes(args.paths, args.provider, args.region, zones, args.name)
    for line in summary:
        print(f"outagesim import kubernetes: {line}", file=sys.stderr)
    status = _write_model("import kubernetes", model, args.output)
    if status == EXIT_OK and args.output:
        print(
            f"outagesim import kubernetes: wrote {args.output} "
            f"({len(model['services'])} services, {len(model['components'])} components)",
            file=sys.stderr,
        )
    return status


def _cmd_import(args) -> int:
    return args.importer_run(args)


# --- report ---------------------------------------------------------------------------------


def _add_report(commands) -> None:
    p = commands.add_parser(
        "report",
        help="one self-contained HTML report of designs, side by side",
        description="Evaluate designs and write one self-contained HTML file (inline CSS and "
        "SVG; opens without network access): availability and nines with intervals, downtime "
        "and worst years, incidents, attribution, importance and cut sets in words, single "
        "points of failure, cost and cost per extra nine, SLA breach probability and the "
        "architecture drawing. The numbers are those of --json. See docs/report.md.",
    )
    p.add_argument("models", nargs="+", metavar="MODEL")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML file to write")
    p.add_argument(
        "--json",
        action="store_true",
        help="also print the figures the page shows, as one JSON object, on stdout",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress on stderr")
    _add_run_options(p)


def _cmd_report(args) -> int:
    from .report import report

    try:
        data = report(args.models, args.output, progress=not args.no_progress, **run_options(args))
    except OSError as error:
        print(
            f"outagesim report: cannot write {args.output}: {error.strerror or error}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.json:
        print(json.dumps(data, indent=2))
    print(f"outagesim report: wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _add_run_options(p, threads: bool = True) -> None:
    """The options of one evaluation, the same for evaluate, compare and sweep: the same values
    give the same figures through every command."""
    p.add_argument(
        "--method",
        choices=("auto", "mc", "exact"),
        default="auto",
        help="mc, exact, or auto (default: exact when an exact answer exists and the model "
        "states no SLA, else Monte Carlo)",
    )
    p.add_argument(
        "--seed", type=_int_at_least(0, MAX_SEED), default=1, help="random seed (default 1)"
    )
    p.add_argument(
        "--replications",
        type=_int_at_least(1, MAX_REPLICATIONS),
        default=None,
        help="replications to run at least (with --rel-error 0: exactly)",
    )
    p.add_argument(
        "--horizon",
        type=_positive_duration,
        default="1y",
        help="length of one replication (default 1y)",
    )
    if threads:
        p.add_argument(
            "--threads",
            type=_int_at_least(0),
            default=None,
            help="engine threads (default: every core; results do not depend on it)",
        )
    p.add_argument(
        "--rel-error",
        type=_fraction,
        default=0.05,
        help="Monte Carlo: stop when the unavailability interval's relative half-width reaches "
        "this (default 0.05; 0: run exactly --replications)",
    )
    p.add_argument(
        "--max-time",
        type=_duration,
        default="60s",
        help="stop after this wall time at the latest (default 60s; compare and sweep: per design)",
    )
    p.add_argument(
        "--start",
        choices=("stationary", "all-up"),
        default="stationary",
        help="start state of each replication: stationary (default: the long-run state, so "
        "availability, downtime and incidents are unbiased long-run figures) or all-up (a "
        "brand-new system, everything up at t = 0)",
    )
    p.add_argument(
        "--warmup",
        type=_warmup,
        default="auto",
        help="Monte Carlo: simulate this long unrecorded before each replication's horizon, "
        "e.g. 5y; auto (default): as long as the stationary start needs for active_passive "
        "services to reach their long-run serving replica (none for --start all-up)",
    )
    p.add_argument(
        "--rare-event",
        choices=("auto", "off", "failure-biasing"),
        default="auto",
        help="Monte Carlo: importance sampling by failure biasing for designs with many nines "
        "(auto: when it applies and crude simulation would see too few incidents; see "
        "docs/numbers.md)",
    )
    p.add_argument(
        "--assume-exponential",
        action="store_true",
        help="exact method: treat non-exponential timings as exponential of the same mean",
    )


def run_options(args) -> dict:
    """The evaluation options of parsed arguments, as evaluate(), compare() and sweep() take them."""
    options = dict(
        method=args.method,
        seed=args.seed,
        replications=args.replications,
        horizon=args.horizon,
        rel_error=args.rel_error,
        max_time=args.max_time,
        start=args.start,
        warmup=args.warmup,
        rare_event=args.rare_event,
        assume_exponential=args.assume_exponential,
    )
    if getattr(args, "threads", None) is not None:
        options["threads"] = args.threads
    return options


# --- commands -------------------------------------------------------------------------------


def _print_problems(error) -> None:
    problems = getattr(error, "problems", None)
    if problems:
        for problem in problems:
            print(str(problem), file=sys.stderr)
    else:
        print(f"outagesim: {error}", file=sys.stderr)


def _cmd_validate(args) -> int:
    from .errors import ModelError
    from .model import load

    status = EXIT_OK
    for path in args.models:
        try:
            load(path)
        except ModelError as error:
            _print_problems(error)
            status = EXIT_USAGE
        else:
            print(f"{path}: ok")
    return status


def _cmd_show(args) -> int:
    from .model import load

    arch = load(args.model)
    if args.dot:
        sys.stdout.write(arch.to_dot())
    elif args.json:
        print(json.dumps(arch.to_dict(), indent=2))
    else:
        print(arch.describe())
    return EXIT_OK


def _cmd_evaluate(args) -> int:
    from .model import load
    from .render.business import format_business
    from .run.evaluate import evaluate

    arch = load(args.model)
    result = evaluate(arch, progress=not args.no_progress, **run_options(args))
    # evaluate() already attached the business impact (downtime cost, SLA windows simulated with
    # the same seed and options) when the model prices downtime; None otherwise.
    business = result.business
    if args.json:
        data = result.to_dict()
        print(json.dumps(data, indent=2))
    else:
        print(str(result))
        if business is not None:
            print()
            print(format_business(business))
    if result.interrupted:
        print(
            "outagesim evaluate: interrupted: the figures above are those of the "
            f"{result.replications:,} replications completed",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    return EXIT_OK


def _cmd_analyze(args) -> int:
    from .model import load
    from .run.evaluate import analyze

    arch = load(args.model)
    analysis = analyze(arch, top=args.top, assume_exponential=args.assume_exponential)
    if args.json:
        print(analysis.to_json(indent=2))
    else:
        print(str(analysis))
    return EXIT_OK


def _cmd_export(args) -> int:
    from .model import load
    from .run.evaluate import to_open_psa_mef

    arch = load(args.model)
    text = to_open_psa_mef(arch)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as error:
            print(
                f"outagesim export: cannot write {args.output}: {error.strerror or error}",
                file=sys.stderr,
            )
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _json_rows(frame) -> str:
    import math

    def clean(v):
        if isinstance(v, float) and not math.isfinite(v):
            return None
        if hasattr(v, "item"):
            return clean(v.item())
        return v

    rows = [{k: clean(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
    return json.dumps(rows, indent=2)


def _cmd_compare(args) -> int:
    from .render.compare import format_compare
    from .studies.compare import compare

    if args.incidents is not None:
        from .scenarios.replay import replay_compare

        selection = None if args.incidents == "library" else args.incidents
        frame = replay_compare(args.models, selection, seed=args.seed)
        if args.json:
            print(_json_rows(frame.reset_index().rename(columns={"index": "incident"})))
        elif args.csv:
            sys.stdout.write(frame.to_csv(index_label="incident"))
        else:
            sys.stdout.write(
                "downtime minutes per incident (mean over 500 runs each; replay MODEL for "
                "intervals and verdicts)\n" + frame.round(1).to_string() + "\n"
            )
        return EXIT_OK
    frame = compare(args.models, **run_options(args))
    if args.json:
        print(_json_rows(frame.reset_index()))
    elif args.csv:
        sys.stdout.write(frame.reset_index().to_csv(index=False))
    else:
        sys.stdout.write(format_compare(frame))
    return EXIT_OK


def _validation_progress() -> Callable[[int, int], None]:
    """A line on stderr at most every 2 s while a large grid is validated, so it is not silent."""
    import time

    last = [time.monotonic()]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 2.0 and done < total:
            last[0] = now
            print(f"outagesim sweep: validated {done:,} of {total:,} variants", file=sys.stderr)

    return report


def _cmd_sweep(args) -> int:
    from .errors import ModelError
    from .render.sweep import format_sweep
    from .studies.sweep import parse_vary, prepare, sweep, write

    vary = {}
    for spec in args.vary:
        path, values = parse_vary(spec)
        if path in vary:
            raise ValueError(f"--vary {path} is given twice; list every value once")
        vary[path] = values
    if args.out and not args.out.lower().endswith((".parquet", ".csv")):
        raise ValueError(f"--out {args.out}: expected a file name ending in .parquet or .csv")
    try:
        # Fail on a bad path before starting any cluster.
        prepared = prepare(args.model, vary, progress=_validation_progress())
    except ModelError as error:
        problems = getattr(error, "problems", None) or []
        for problem in problems:
            print(f"outagesim sweep: --vary: {problem.path}: {problem.message}", file=sys.stderr)
        if not problems:
            print(f"outagesim sweep: {error}", file=sys.stderr)
        return EXIT_USAGE
    options = dict(target=args.target, cost=args.cost, prepared=prepared, **run_options(args))
    if args.workers or args.scheduler:
        from distributed import Client, LocalCluster

        if args.scheduler:
            with Client(args.scheduler) as client:
                frame = sweep(args.model, vary, client=client, **options)
        else:
            with (
                LocalCluster(
                    n_workers=args.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                ) as cluster,
                Client(cluster) as client,
            ):
                frame = sweep(args.model, vary, client=client, **options)
    else:
        frame = sweep(args.model, vary, workers=args.threads, **options)
    if args.out:
        try:
            write(frame, args.out)
        except OSError as error:
            print(
                f"outagesim sweep: cannot write {args.out}: {error.strerror or error}",
                file=sys.stderr,
            )
            return EXIT_USAGE
    if args.json:
        print(_json_rows(frame.reset_index(drop=True)))
    else:
        sys.stdout.write(format_sweep(frame))
        if args.out:
            print(f"{len(frame)} variants written to {args.out}")
    return EXIT_OK


COMMANDS = {
    "validate": _cmd_validate,
    "show": _cmd_show,
    "evaluate": _cmd_evaluate,
    "analyze": _cmd_analyze,
    "export": _cmd_export,
    "compare": _cmd_compare,
    "sweep": _cmd_sweep,
    "import": _cmd_import,
    "report": _cmd_report,
}


def _command(name: str):
    if name in COMMANDS:
        return COMMANDS[name]
    from .cli_scenarios import COMMANDS as scenario_commands

    return scenario_commands[name]


class _OutputError(Exception):
    """Standard output could not be written (a full disk, /dev/full): not the model's fault."""

    def __init__(self, error: OSError):
        super().__init__(error.strerror or str(error))


class _GuardedOutput:
    """sys.stdout for the duration of a command: a failed write becomes _OutputError, so it is
    told apart from every other OSError; a closed pipe stays BrokenPipeError."""

    def __init__(self, stream):
        self._stream = stream

    def _guard(self, call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _OutputError(error) from None

    def write(self, text: str) -> int:
        return self._guard(self._stream.write, text)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    # Whatever is still buffered cannot be written either; point the descriptor at /dev/null
    # so the interpreter's final flush does not print a second error.
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout has no descriptor (captured in-process)
        pass


def main(argv: Optional[Sequence[str]] = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        # Ctrl-C anywhere (parsing options, reading a model, a run): one line, exit 130.
        print("outagesim: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: Optional[Sequence[str]]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        from .errors import ExactNotApplicable, ModelError, SimulationError
    except ImportError as error:  # pragma: no cover - a broken install
        print(f"outagesim: the package is not installed correctly: {error}", file=sys.stderr)
        return EXIT_FAILURE
    stdout = sys.stdout
    sys.stdout = _GuardedOutput(stdout)
    try:
        status = _command(args.command)(args)
        sys.stdout.flush()  # a full disk shows at the flush as often as at a write
        return status
    except ModelError as error:
        _print_problems(error)
        return EXIT_USAGE
    except ExactNotApplicable as error:
        reason = getattr(error, "reason", str(error))
        # Assuming exponential timings helps only where a timing is not exponential, and only
        # when not assumed already (a chain over its state limit stays so).
        assume = "not exponential" in reason and not getattr(args, "assume_exponential", False)
        hint = "--method mc (Monte Carlo)" + (", or --assume-exponential" if assume else "")
        print(f"outagesim {args.command}: {reason} [{hint}]", file=sys.stderr)
        return EXIT_USAGE
    except SimulationError as error:
        print(f"outagesim {args.command}: simulation failed: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except ValueError as error:
        # Option values the parser could not check alone (e.g. --rel-error 0 without replications).
        print(f"outagesim {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except _OutputError as error:
        print(f"outagesim {args.command}: cannot write the output: {error}", file=sys.stderr)
        _silence_stdout()
        return EXIT_USAGE
    except BrokenPipeError:
        # `outagesim show ... | head`: the reader went away; nothing more to say.
        _silence_stdout()
        return EXIT_OK
    finally:
        sys.stdout = stdout


def entry() -> None:  # pragma: no cover
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
