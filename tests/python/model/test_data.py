"""Data and recovery objectives from Python and the CLI: show, evaluate (JSON, text, frames),
compare, what-if, the exact solver's warning, and precise errors."""

from __future__ import annotations

import copy
import json
import math

import outagesim
import pytest
from conftest import run_cli

BASE = {
    "format": "outagesim/v1",
    "name": "orders-db",
    "providers": {"p": {"regions": {"east": {"zones": {"a": {}, "b": {}}}, "west": {}}}},
    "components": {
        "db-a": {"location": "p/east/a", "failure": {"mtbf": "2mo", "mttr": "10h"}},
        "db-b": {"location": "p/east/b", "failure": {"mtbf": "2mo", "mttr": "10h"}},
    },
    "services": {
        "db": {
            "replicas": ["db-a", "db-b"],
            "redundancy": {
                "mode": "active_passive",
                "failover": {"detection": "1m", "switchover": "2m"},
            },
            "data": {
                "replication": "async",
                "lag": {"distribution": "exponential", "mean": "5s"},
                "writes_per_second": 100,
                "backups": {
                    "interval": "24h",
                    "retention": "14d",
                    "restore": "3h",
                    "point_in_time": "5m",
                    "location": "p/west",
                },
                "corruption": {"mtbf": "1y", "detect": "6h"},
            },
        }
    },
    "capabilities": {
        "orders": {"requires": ["db"], "objectives": {"rto": "1h", "rpo": "1m"}},
    },
}


def _doc(**data_edits) -> dict:
    """BASE with fields of its data set (None: removed)."""
    doc = copy.deepcopy(BASE)
    data = doc["services"]["db"]["data"]
    for key, value in data_edits.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return doc


def test_show_prints_data_backups_corruption_and_objectives():
    arch = outagesim.load(BASE)
    db = arch.services[0]
    assert db.data is not None and db.data.replication == "async"
    assert db.data.backups.location == "p/west"
    assert db.data.backups.point_in_time_hours == pytest.approx(5 / 60)
    assert db.data.corruption.element == "db/corruption"
    assert arch.capabilities[0].objectives.rto_hours == 1.0
    assert arch.objectives is None
    assert db.to_dict()["data"]["backups"]["location"] == "p/west"
    assert arch.capabilities[0].to_dict()["objectives"] == {"rto_hours": 1.0, "rpo_hours": 1 / 60}


def test_evaluate_reports_data_loss_and_objectives(tmp_path):
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(BASE))
    proc = run_cli("evaluate", str(path), "--json", "--seed", "3")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["method"] == "mc"
    assert "declares data or recovery objectives" in result["method_reason"]
    (row,) = result["data"]
    assert row["service"] == "db" and row["replication"] == "async"
    for key in ("loss_events_per_year", "minutes_lost_per_year", "writes_lost_per_year"):
        lo, hi = row[key + "_ci95"]
        assert lo <= row[key] <= hi
    assert row["writes_lost_per_year"] == pytest.approx(row["minutes_lost_per_year"] * 6000)
    causes = {c["cause"] for c in row["causes"]}
    assert "corruption restore" in causes and "async failover" in causes
    # Point-in-time recovery every 5 minutes: no corruption restore loses more than that.
    orders = result["capabilities"]["orders"]
    assert orders["rto_hours"] == 1.0 and orders["rpo_hours"] == pytest.approx(1 / 60)
    lo, hi = orders["incidents_over_rto_share_ci95"]
    assert 0.0 <= lo <= orders["incidents_over_rto_share"] <= hi <= 1.0
    assert any(a["level"] == "corruption" for a in result["attribution"])

    text = run_cli("evaluate", str(path), "--seed", "3").stdout
    assert "Data (writes lost" in text
    assert "corruption restore" in text
    assert "over RTO 1h" in text and "over RPO 1m" in text
    shown = run_cli("show", str(path)).stdout
    assert "data: async replication" in shown
    assert "backups every 1d, kept 14d" in shown and "kept in p/west" in shown
    assert "objectives RTO 1h, RPO 1m" in shown


def test_frames_and_compare_carry_the_data_figures():
    result = outagesim.evaluate(BASE, seed=5)
    frame = result.data_frame()
    assert set(frame["cause"]) >= {"all", "corruption restore"}
    total = frame[frame["cause"] == "all"].iloc[0]
    assert total["minutes_per_year_lo"] <= total["minutes_per_year"] <= total["minutes_per_year_hi"]
    assert total["loss_minutes_max"] > 0
    measures = result.to_frame().set_index("measure")
    assert measures.loc["orders", "rto_hours"] == 1.0
    assert math.isnan(measures.loc["system", "rto_hours"])
    table = outagesim.compare(
        [BASE, _doc(replication="sync", lag=None)], names=["async", "sync"], seed=5
    )
    assert table.loc["async", "data_minutes_lost_per_year"] > 0
    assert not math.isnan(table.loc["sync", "incidents_over_rto_share"])


def test_sync_loses_less_than_async_under_common_random_numbers():
    sync = copy.deepcopy(BASE)
    sync["services"]["db"]["data"] = {"replication": "sync"}
    asynchronous = copy.deepcopy(BASE)
    asynchronous["services"]["db"]["data"] = {
        "replication": "async",
        "lag": {"distribution": "exponential", "mean": "30s"},
    }
    options = {"seed": 9, "method": "mc", "replications": 400, "rel_error": 0}
    a = outagesim.evaluate(asynchronous, **options).data[0]
    s = outagesim.evaluate(sync, **options).data[0]
    assert s["minutes_lost_per_year"] < a["minutes_lost_per_year"]
    assert "async failover" not in {c["cause"] for c in s["causes"]}


def test_what_if_sets_data_fields():
    arch = outagesim.load(BASE)
    faster = arch.with_changes(
        {"services.db.data.backups.point_in_time": "1m", "services.db.data.lag": "1s"}
    )
    assert faster.services[0].data.backups.point_in_time_hours == pytest.approx(1 / 60)
    assert faster.services[0].data.lag.mean == pytest.approx(1 / 3600)


def test_exact_says_it_gives_availability_only():
    doc = _doc()
    doc["services"]["db"]["redundancy"]["failover"] = {
        "detection": {"distribution": "exponential", "mean": "1m"},
        "switchover": {"distribution": "exponential", "mean": "2m"},
    }
    doc["services"]["db"]["data"]["corruption"]["detect"] = "0s"
    doc["services"]["db"]["data"]["backups"]["restore"] = {
        "distribution": "exponential",
        "mean": "3h",
    }
    result = outagesim.evaluate(doc, method="exact")
    assert result.method == "exact"
    assert result.data == []
    assert any("availability only" in w for w in result.warnings)


@pytest.mark.parametrize(
    "edit, where, message",
    [
        ({"lag": None}, "/services/db/data", 'async replication needs "lag"'),
        (
            {"replication": "none", "lag": None},
            "/services/db/data/replication",
            "expected sync, async or backup",
        ),
        ({"writes_per_second": -1}, "/services/db/data/writes_per_second", "greater than zero"),
        (
            {
                "backups": {
                    "interval": "1d",
                    "retention": "7d",
                    "restore": "3h",
                    "location": "p/eats",
                }
            },
            "/services/db/data/backups/location",
            "did you mean 'p/east'",
        ),
        (
            {"corruption": {"mtbf": "1y"}},
            "/services/db/data/corruption",
            'missing required field "detect"',
        ),
        (
            {"backups": {"interval": "1d", "retention": "7d", "restore": "3"}},
            "/services/db/data/backups/restore",
            "unit",
        ),
    ],
)
def test_bad_data_is_a_precise_error(tmp_path, edit, where, message):
    doc = _doc(**edit)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2
    out = proc.stderr + proc.stdout
    assert str(path) in out or "bad.json" in out
    assert where in out
    assert message in out


def test_dr_presets_from_the_cli(tmp_path):
    doc = _doc()
    del doc["services"]["db"]["redundancy"]
    del doc["services"]["db"]["data"]["replication"]
    del doc["services"]["db"]["data"]["lag"]
    doc["providers"]["p"]["regions"]["east"]["control_plane"] = {
        "outage": {"mtbf": "6mo", "mttr": "2h"}
    }
    doc["providers"]["p"]["regions"]["west"]["control_plane"] = {
        "outage": {"mtbf": "6mo", "mttr": "2h"}
    }
    doc["services"]["db"]["dr"] = "pilot_light"
    path = tmp_path / "dr.json"
    path.write_text(json.dumps(doc))
    shown = run_cli("show", str(path)).stdout
    assert "dr: pilot_light preset" in shown
    assert 'redundancy/failover/switchover: {"distribution":"lognormal","median":"30m"' in shown
    db = outagesim.load(doc).services[0]
    assert db.dr == "pilot_light" and db.data.replication == "async"
    # The pilot light's standby runs at its smallest: a quarter of its price.
    assert db.standby_cost_share == 0.25
    assert "standbys priced at 0.25 of their cost" in shown
    for component in doc["components"].values():
        component["cost_per_hour"] = 2.0
    bill = outagesim.price(doc).set_index("item")
    assert bill.loc["db-a", "per_hour"] == 2.0 and bill.loc["db-b", "per_hour"] == 0.5
    doc["services"]["db"]["dr"] = {"strategy": "multi_sit"}
    path.write_text(json.dumps(doc))
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2
    assert "/services/db/dr/strategy: unknown DR strategy" in proc.stderr
    assert "did you mean 'multi_site'" in proc.stderr


def test_a_quorum_reports_write_availability():
    doc = _doc(replication="quorum", quorum=2, lag=None)
    result = outagesim.evaluate(doc, seed=2)
    row = result.data[0]
    assert row["quorum"] == 2
    lo, hi = row["write_availability_ci95"]
    assert lo <= row["write_availability"] <= hi < result.availability
    frame = result.data_frame()
    assert (
        frame.loc[frame["cause"] == "all", "write_availability"].iloc[0]
        == row["write_availability"]
    )
    assert "writes (quorum 2)" in outagesim.render.text.format_result(result)
