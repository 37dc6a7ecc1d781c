"""sweep(): evaluate a grid of model variants (dotted-path edits) on local threads or a Dask cluster.

Variants are made by ``Architecture.with_changes`` (so a value a catalog provides, such as
``components.web-1.failure.mttr`` of a catalog-typed component, can be varied like any other).

Each variant travels as its model JSON text with the seed and options, and is evaluated by
``evaluate_variant`` with one engine thread; every random draw depends only on (seed,
replication, element), so a variant's figures are the same whichever worker, process or machine
evaluates it. The frame marks the Pareto frontier of cost versus availability and the cheapest
variant that meets a target.
"""

from __future__ import annotations

import itertools
import json
import math
import os
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from .._limits import MAX_VARIANTS
from ..errors import ModelError
from ..model.load import ModelSource, as_architecture
from ..model.whatif import apply_changes as whatif_apply
from .frontier import COST_COLUMNS, mark_frontier

# --- --vary parsing ---------------------------------------------------------------------------


def split_values(text: str) -> List[str]:
    """Splits ``V1,V2,...`` at commas outside brackets, braces and quotes (JSON values may hold
    commas: ``["web-1","web-2"],["web-1"]``)."""
    parts: List[str] = []
    depth, quote, escaped, start = 0, False, False, 0
    for i, ch in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quote = False
        elif ch == '"':
            quote = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def parse_value(text: str) -> Any:
    """A value of ``--vary``: JSON when it parses (``2``, ``0.99``, ``true``, ``["a","b"]``,
    ``{"mtbf": "1y", "mttr": "1h"}``), otherwise the text itself (``15m``, ``aws/us-east-1``)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_vary(spec: str) -> Tuple[str, List[Any]]:
    """``PATH=V1,V2,...`` -> (path, [values]); ValueError saying what was expected."""
    path, sep, values = spec.partition("=")
    path = path.strip()
    if not sep or not path:
        raise ValueError(
            f"--vary {spec!r}: expected PATH=V1,V2,... such as "
            "services.web.redundancy.min_healthy=1,2"
        )
    if not values.strip():
        raise ValueError(f"--vary {spec!r}: no values after '=' for {path}")
    parts = split_values(values)
    if any(p == "" for p in parts):
        raise ValueError(f"--vary {spec!r}: an empty value in the list for {path}")
    return path, [parse_value(p) for p in parts]


# --- model documents and edits -----------------------------------------------------------------


def model_document(model: Any) -> Dict[str, Any]:
    """The model document as written (a dict) of a path, a dict, model text or an Architecture,
    validated by the loader (a file is read once, by ``load``)."""
    return as_architecture(model).document


def apply_changes(document: Dict[str, Any], changes: Mapping[Any, Any]) -> Dict[str, Any]:
    """A copy of ``document`` with each dotted path set to its value; ModelError naming the path."""
    return whatif_apply(document, changes, "--vary")


def grid(vary: Mapping[str, Sequence[Any]]) -> List[Dict[str, Any]]:
    """Every combination of the values, the last path varying fastest.

    ValueError for a path without values or a grid of more than MAX_VARIANTS variants (checked
    before any variant is made)."""
    paths = list(vary)
    values = []
    for path in paths:
        if isinstance(vary[path], (str, bytes)) or not isinstance(vary[path], Iterable):
            raise TypeError(f"vary[{path!r}] must be a list of values")
        values.append(list(vary[path]))
        if not values[-1]:
            raise ValueError(f"--vary {path}: no values; expected at least one value to try")
    size = math.prod(len(v) for v in values)
    if size > MAX_VARIANTS:
        counts = " x ".join(f"{len(v)} ({p})" for p, v in zip(paths, values))
        raise ValueError(
            f"--vary: the grid has {size:,} variants ({counts}); a sweep is limited to "
            f"{MAX_VARIANTS:,} variants: vary fewer paths or fewer values"
        )
    return [dict(zip(paths, combo)) for combo in itertools.product(*values)]


# --- evaluation of one variant (runs on any worker) -----------------------------------------


def evaluate_variant(model_text: str, seed: int, options: Dict[str, Any]) -> Dict[str, Any]:
    """Loads a variant from its JSON text and evaluates availability and cost with one thread.

    A pure function of its arguments: what Dask workers run."""
    from ..cost.business import evaluate_cost
    from ..model.load import load

    arch = load(model_text)
    evaluation = evaluate_cost(arch, seed=seed, threads=1, **options)
    if evaluation.result.interrupted:
        raise KeyboardInterrupt  # a sweep with a variant cut short would mislead
    row = evaluation.row()
    row["wall_seconds"] = float(evaluation.result.get("wall_seconds", 0.0) or 0.0)
    return row


# --- frontier ------------------------------------------------------------------------------------


# --- the sweep -----------------------------------------------------------------------------------


def _variant_label(changes: Mapping[str, Any]) -> str:
    return ", ".join(f"{p}={json.dumps(v)}" for p, v in changes.items()) or "(base)"


def prepare(
    model: ModelSource,
    vary: Mapping[str, Sequence[Any]],
    progress: Optional[Callable[[int, int], None]] = None,
) -> List[Tuple[Dict, str]]:
    """The variants as (changes, model JSON text); every variant validated by the loader first,
    so a wrong path or value fails before any work is sent. ModelError names the --vary path.
    ``progress(validated, total)`` is called after each variant (10,000 take some seconds)."""
    variants = grid(vary)  # a grid too large fails before the model is even loaded
    base = as_architecture(model)
    prepared = []
    for changes in variants:
        try:
            # The same edit as Architecture.with_changes (catalog-provided values such as a
            # catalog type's failure.mttr can be set), validated by the loader.
            changed = base.with_changes(changes).document
        except ModelError as error:
            first = error.problems[0] if getattr(error, "problems", None) else None
            where = f" ({first.path}: {first.message})" if first else f" ({error})"
            raise ModelError.single(
                "--vary",
                first.path if first else "",
                f"the variant {_variant_label(changes)} is not a valid model{where}",
            ) from None
        prepared.append((changes, json.dumps(changed, allow_nan=False)))
        if progress is not None:
            progress(len(prepared), len(variants))
    return prepared


def sweep(
    model: ModelSource,
    vary: Mapping[str, Sequence[Any]],
    client: Any = None,
    target: Optional[float] = None,
    cost: Optional[str] = None,
    workers: Optional[int] = None,
    seed: int = 1,
    prepared: Optional[List[Tuple[Dict, str]]] = None,
    **options: Any,
):
    """Evaluates every variant of ``model`` in the grid ``vary`` and returns a pandas DataFrame.

    ``options`` are those of :func:`outagesim.evaluate` (``method``, ``replications``,
    ``horizon``, ``rel_error``, ``max_time``, ``start``, ``warmup``, ``rare_event``,
    ``assume_exponential``): a variant gets the figures ``evaluate`` gives it with the same options.

    ``vary`` maps dotted model paths (``"services.web.redundancy.min_healthy"``,
    ``"components.db-b.location"``) to the values to try; the grid is every combination. Each
    variant is evaluated with ``method`` (auto: exact where possible) and the same ``seed``,
    with one engine thread per variant and variants in parallel: on ``workers`` local threads
    (default: every core), or on a Dask cluster when ``client`` is a ``distributed.Client``.
    Results do not depend on where variants ran (the time limit ``max_time`` must not be the
    reason a run stopped for this to hold).

    One row per variant (``variant`` index, one column per varied path, then the figures of
    :func:`outagesim.compare` with intervals), plus ``pareto`` (frontier of ``cost`` versus
    availability) and, with ``target``, ``meets_target`` and ``cheapest_meeting_target``.

    ``prepared``: the result of :func:`prepare` for the same model and ``vary``, when the
    caller validated the variants already (the CLI does, before starting a cluster); they are
    then not validated again. A grid is limited to ``MAX_VARIANTS`` (10,000) variants.
    """
    import pandas as pd

    if target is not None and not (0.0 < target < 1.0):
        raise ValueError(f"target must be an availability between 0 and 1, not {target!r}")
    if cost is not None and cost not in COST_COLUMNS:
        raise ValueError(f"cost must be 'total' or 'infra', not {cost!r}")
    if not vary:
        raise ValueError("vary is empty: give at least one path and its values")
    if prepared is None:
        prepared = prepare(model, vary)
    options.pop("threads", None)  # each variant runs on one engine thread
    from ..run.evaluate import evaluate_options

    evaluate_options(seed=seed, **options)  # bad options fail here, before any variant runs
    texts = [text for _, text in prepared]
    if client is not None:
        futures = client.map(
            evaluate_variant,
            texts,
            [seed] * len(texts),
            [options] * len(texts),
            pure=False,
        )
        rows = client.gather(futures)
    else:
        from concurrent.futures import ThreadPoolExecutor

        count = workers or os.cpu_count() or 1
        with ThreadPoolExecutor(max_workers=max(1, min(count, len(texts)))) as pool:
            rows = list(pool.map(lambda t: evaluate_variant(t, seed, options), texts))

    records = []
    for i, ((changes, _), row) in enumerate(zip(prepared, rows)):
        record: Dict[str, Any] = {"variant": i}
        record.update(changes)
        record["label"] = _variant_label(changes)
        record.update(row)
        records.append(record)
    frame = pd.DataFrame(records)
    frame = mark_frontier(frame, cost=cost, target=target)
    frame.attrs["varied"] = list(vary)
    frame.attrs["seed"] = seed
    return frame.set_index("variant", drop=False)


def write(frame, path: str) -> None:
    """Writes a sweep frame to .parquet or .csv. A varied value that is text is written as it is
    (``1m``); numbers, lists and objects as JSON (``2``, ``{"mtbf": "6mo"}``), so that a cell
    reads as it would be typed after ``--vary PATH=``."""
    out = frame.reset_index(drop=True).copy()
    for column in frame.attrs.get("varied", []):
        if column in out:
            out[column] = [v if isinstance(v, str) else json.dumps(v) for v in out[column]]
    out.attrs = {}
    lower = path.lower()
    if lower.endswith(".parquet"):
        out.to_parquet(path, index=False)
    elif lower.endswith(".csv"):
        out.to_csv(path, index=False)
    else:
        raise ValueError(f"--out {path}: expected a file name ending in .parquet or .csv")


__all__ = [
    "sweep",
    "prepare",
    "grid",
    "parse_vary",
    "parse_value",
    "split_values",
    "apply_changes",
    "model_document",
    "evaluate_variant",
    "write",
]
