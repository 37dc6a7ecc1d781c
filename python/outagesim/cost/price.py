"""The infrastructure bill of a design, each row naming where its price came from."""

from __future__ import annotations

import json
from typing import Any, Dict, List

from .. import _core
from ..model.load import ModelSource, as_architecture


def infra_cost(model: ModelSource) -> Dict[str, Any]:
    """The infrastructure cost as plain data (the JSON form of the core's ``cost::price``)."""
    return json.loads(_core.price(as_architecture(model)._plan))


def price(model: ModelSource):
    """Infrastructure cost breakdown as a pandas DataFrame, one row per priced item.

    Columns: ``item`` (component or service name, ``"fixed"``, ``"total"``), ``kind``
    (``compute``, ``standby``, ``replication``, ``fixed``, ``total``), ``service``,
    ``per_hour`` (USD, components), ``gb_per_month``, ``price_per_gb`` and ``boundary``
    (replication), ``per_year`` (USD) and ``origin`` (where the price came from: ``"model"`` or
    ``"catalog <provider>: <source>"``). The last row is the total per year; ``frame.attrs``
    holds the sums by kind.
    """
    import pandas as pd

    cost = infra_cost(model)
    rows: List[Dict[str, Any]] = []
    for c in cost["components"]:
        rows.append(
            {
                "item": c["component"],
                "kind": "standby" if c["standby"] else "compute",
                "service": c["service"] or None,
                "per_hour": c["per_hour"],
                "gb_per_month": None,
                "price_per_gb": None,
                "boundary": None,
                "per_year": c["per_year"],
                "origin": c["origin"],
            }
        )
    for r in cost["replication"]:
        rows.append(
            {
                "item": r["service"],
                "kind": "replication",
                "service": r["service"],
                "per_hour": None,
                "gb_per_month": r["gb_per_month"],
                "price_per_gb": r["price_per_gb"],
                "boundary": r["boundary"],
                "per_year": r["per_year"],
                "origin": r["price_origin"],
            }
        )
    if cost["fixed_per_year"]:
        rows.append(
            {
                "item": "fixed",
                "kind": "fixed",
                "service": None,
                "per_hour": None,
                "gb_per_month": None,
                "price_per_gb": None,
                "boundary": None,
                "per_year": cost["fixed_per_year"],
                "origin": "model: fixed_cost_per_month x 12",
            }
        )
    rows.append(
        {
            "item": "total",
            "kind": "total",
            "service": None,
            "per_hour": None,
            "gb_per_month": None,
            "price_per_gb": None,
            "boundary": None,
            "per_year": cost["total_per_year"],
            "origin": "sum of the rows above",
        }
    )
    frame = pd.DataFrame(rows)
    frame.attrs.update(
        {k: cost[k] for k in cost if k.endswith("_per_year")},
    )
    return frame
