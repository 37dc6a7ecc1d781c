"""The incident library: every file validates against the scenario schema, carries its date,
provider, sources and record, and runs against every example; replay and compare --incidents."""

from __future__ import annotations

import json

import jsonschema
import outagesim
import pytest
from conftest import EXAMPLES, ROOT, run_cli
from referencing import Registry, Resource

LIBRARY = sorted((ROOT / "models" / "incidents").glob("*.json"))
SCHEMAS = ROOT / "models" / "schema"


def _validator():
    model = json.loads((SCHEMAS / "outagesim-v1.schema.json").read_text())
    scenario = json.loads((SCHEMAS / "scenario-v1.schema.json").read_text())
    registry = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in (model, scenario)]
    )
    return jsonschema.Draft7Validator(scenario, registry=registry)


def test_the_library_has_the_incidents_that_shaped_the_field():
    assert len(LIBRARY) >= 12
    dates = {p.name[: p.name.index("-", 6) + 6] for p in LIBRARY}
    for needed in (
        "aws-2011-04-21",
        "aws-2017-02-28",
        "aws-2020-11-25",
        "aws-2021-12-07",
        "aws-2021-12-22",
        "aws-2025-10-20",
    ):
        assert any(d.startswith(needed) for d in dates), needed
    providers = {outagesim.load_scenario(str(p)).incident.provider for p in LIBRARY}
    assert {"aws", "gcp", "azure"} <= providers


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_every_incident_validates_and_says_where_it_comes_from(path):
    document = json.loads(path.read_text())
    errors = [e.message for e in _validator().iter_errors(document)]
    assert not errors
    incident = outagesim.load_scenario(str(path)).incident
    assert incident.sources and all(s.startswith("https://") for s in incident.sources)
    assert path.stem.startswith(f"{incident.provider}-{incident.date}")
    assert len(incident.summary) > 80 and len(incident.record) > 40


def test_the_schema_rejects_what_the_reader_rejects():
    validator = _validator()
    doc = json.loads(LIBRARY[0].read_text())
    doc["faults"][0]["target"] = {"zone": "a", "region": "b"}
    assert list(validator.iter_errors(doc))
    doc = json.loads(LIBRARY[0].read_text())
    doc["faults"][0]["start"] = "-1h"
    assert list(validator.iter_errors(doc))


@pytest.mark.parametrize("model", EXAMPLES, ids=lambda p: p.stem)
def test_every_incident_runs_against_every_example(model):
    result = outagesim.replay(str(model), runs=50)
    assert len(result.rows) == len(LIBRARY)
    for row in result.rows:
        assert row.verdict in ("not in this design", "unaffected", "failover saved it", "down")
        assert row.downtime_ci95[0] <= row.downtime_minutes <= row.downtime_ci95[1]
        if row.verdict in ("not in this design", "unaffected"):
            assert row.downtime_minutes == 0
    lo, hi = result.total_ci95
    assert lo <= result.total_minutes <= hi


def test_multi_region_survives_the_s3_outage_that_a_single_region_does_not():
    s3 = "aws-2017-02-28-s3-us-east-1"
    single = outagesim.replay(str(ROOT / "models/examples/02-multi-az.json"), s3, runs=100)
    multi = outagesim.replay(
        str(ROOT / "models/examples/04-multi-region-active-active.json"), s3, runs=100
    )
    # 09:37 to about 13:54 PST: about four hours down in us-east-1 alone.
    assert single.rows[0].verdict == "down"
    assert 220 < single.rows[0].downtime_minutes < 260
    assert multi.rows[0].downtime_minutes < 1


def test_cli_replay_and_compare_incidents():
    proc = run_cli("replay", str(EXAMPLES[1]), "--runs", "50", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["incidents"]) == len(LIBRARY)
    assert data["total_downtime_minutes"] == pytest.approx(
        sum(r["downtime_minutes"] for r in data["incidents"])
    )
    proc = run_cli(
        "compare",
        *map(str, EXAMPLES[:2]),
        "--incidents",
        "aws-2021-12-22-power-use1-az4,aws-2017-02-28-s3-us-east-1",
    )
    assert proc.returncode == 0, proc.stderr
    assert "total" in proc.stdout and "webshop-single-zone" in proc.stdout
    proc = run_cli("replay", str(EXAMPLES[1]), "--incidents", "aws-1999-01-01-nothing")
    assert proc.returncode == 2 and "no such scenario file or library incident" in proc.stderr


SCENARIOS = sorted((ROOT / "models" / "scenarios").glob("*.*"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_the_bundled_scenarios_validate_and_run_on_the_multi_region_example(path):
    from outagesim.model._yaml import load_yaml

    document = load_yaml(path.read_text())
    assert not [e.message for e in _validator().iter_errors(document)]
    model = ROOT / "models" / "examples" / "03-multi-region-active-passive.json"
    result = outagesim.scenario(str(model), str(path), runs=100)
    assert all(f.applied for f in result.faults)
    assert result.system.p_down_ci95[0] <= result.system.p_down <= result.system.p_down_ci95[1]
