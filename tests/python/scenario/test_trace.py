"""Trace replay: a record drives the provider's domains; a hand-computed answer, the shared AWS
record read with every row accounted for, and bad traces."""

from __future__ import annotations

import json

import outagesim
import pytest
from conftest import ROOT, run_cli
from outagesim.scenarios.trace import load_trace, replay_trace

SHARED = ROOT.parent / "shared" / "data" / "aws_status_events.csv"
SAMPLE = ROOT / "models" / "traces" / "sample-aws-trace.csv"
HEADER = "start_utc,service,region,duration_min,duration_source,single_az,summary\n"

# One instance in use1-az1 of us-east-1 (one of the catalog's six zones there); its domains never
# fail on their own (no outage process) and the instance all but never (1000 years, 1 minute).
ONE_ZONE = {
    "format": "outagesim/v1",
    "name": "one-zone",
    "providers": {"aws": {"regions": {"us-east-1": {"zones": {"use1-az1": {}}}}}},
    "components": {
        "app": {"location": "aws/us-east-1/use1-az1", "failure": {"mtbf": "1000y", "mttr": "1m"}}
    },
    "services": {"app": {"replicas": ["app"]}},
}

ROWS = [
    # A region incident: four services within the hour, from 00:00 to 02:00.
    "2024-01-01T00:00:00+00:00,ec2-us-east-1,us-east-1,120,between,0,Connectivity issues",
    "2024-01-01T00:05:00+00:00,elb-us-east-1,us-east-1,110,between,0,Increased error rates",
    "2024-01-01T00:10:00+00:00,rds-us-east-1,us-east-1,100,between,0,Connectivity issues",
    "2024-01-01T00:15:00+00:00,lambda-us-east-1,us-east-1,105,between,0,Increased errors",
    # One zone, unnamed, for an hour: use1-az1 in one run of six.
    "2024-02-01T00:00:00+00:00,ec2-us-east-1,us-east-1,60,between,1,Power in a single zone",
    # S3 down: the model has no object storage.
    "2024-03-01T00:00:00+00:00,s3-us-east-1,us-east-1,45,between,0,Increased error rates",
    # Not mapped: control plane only, global, no duration.
    "2024-04-01T00:00:00+00:00,ec2-us-east-1,us-east-1,30,between,0,Increased API error rates",
    "2024-05-01T00:00:00+00:00,route53,global,30,between,0,DNS delays",
    "2024-06-01T00:00:00+00:00,rds-us-east-1,us-east-1,,none,0,Elevated latency",
    "2024-12-31T00:00:00+00:00,sqs-us-east-1,us-east-1,1,between,0,Increased errors",
]


def _trace(tmp_path, rows, name="trace.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n")
    return path


def test_a_small_trace_gives_the_hand_computed_answer(tmp_path):
    path = _trace(tmp_path, ROWS)
    trace = load_trace(path)
    assert trace.counts == {
        "mapped: region down": 4,
        "mapped: zone down": 1,
        "mapped: regional service down": 2,
        "not mapped: control plane only": 1,
        "not mapped: global service": 1,
        "skipped: no duration": 1,
    }
    assert sum(trace.counts.values()) == trace.rows == len(ROWS)
    runs = 6000
    result = replay_trace(ONE_ZONE, path, runs=runs, background=False)
    minutes = result.result.system.downtime_minutes
    # Every run: the region's 120 minutes, plus the zone's 60 when the draw took use1-az1.
    assert minutes.median == pytest.approx(120.0)
    assert minutes.max == pytest.approx(180.0)
    share_az1 = result.result.faults[1].choices["aws/us-east-1/use1-az1"] / runs
    assert (minutes.mean - 120.0) / 60.0 == pytest.approx(share_az1)
    # Binomial(6000, 1/6): within 4 standard deviations.
    assert abs(share_az1 - 1 / 6) < 4 * (1 / 6 * 5 / 6 / runs) ** 0.5
    span_minutes = trace.span_hours * 60
    assert result.replayed.availability == pytest.approx(1 - minutes.mean / span_minutes)
    # The model's own processes predict next to no downtime: 1 minute in 1000 years.
    assert result.predicted.downtime_minutes_per_year < 0.01


@pytest.mark.skipif(not SHARED.is_file(), reason=f"the AWS status record is not at {SHARED}")
def test_the_shared_aws_record_is_read_with_every_row_accounted_for():
    with pytest.raises(outagesim.ModelError) as error:
        load_trace(SHARED)
    assert "line " in str(error.value) and "skip" in str(error.value)
    trace = load_trace(SHARED, skip_unknown_regions=True)
    assert sum(trace.counts.values()) == trace.rows
    assert trace.counts["skipped: unknown region"] == sum(trace.unknown_regions.values())
    assert trace.counts["mapped: region down"] > 0 and trace.counts["mapped: zone down"] > 0
    assert trace.span_hours > 4 * 8760


def test_bad_traces_name_the_file_and_line(tmp_path):
    def problem(rows, header=HEADER):
        path = tmp_path / "bad.csv"
        path.write_text(header + "\n".join(rows) + "\n")
        with pytest.raises(outagesim.ModelError) as error:
            load_trace(path)
        return str(error.value)

    assert "line 1: missing column(s) duration_min" in problem(
        ["2024-01-01T00:00:00+00:00,us-east-1"], header="start_utc,region\n"
    )
    assert "line 3: start_utc" in problem([ROWS[0], "yesterday,ec2,us-east-1,5,between,0,x"])
    assert "line 2: duration_min" in problem(["2024-01-01T00:00:00+00:00,ec2,us-east-1,-5,,0,x"])
    assert "ten years" in problem(["2024-01-01T00:00:00+00:00,ec2,us-east-1,1e12,,0,x"])
    assert "line 2: duration_min" in problem(["2024-01-01T00:00:00+00:00,ec2,us-east-1,nan,,0,x"])
    assert "without a time zone" in problem(["2024-01-01T00:00:00,ec2,us-east-1,5,,0,x"])
    assert "region 'mars-1'" in problem(["2024-01-01T00:00:00+00:00,ec2,mars-1,5,,0,Power"])


def test_cli_replays_the_bundled_sample_trace():
    proc = run_cli(
        "replay",
        str(ROOT / "models/examples/02-multi-az.json"),
        "--trace",
        str(SAMPLE),
        "--runs",
        "50",
        "--json",
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["rows"] == sum(data["row_counts"].values())
    lo, hi = data["replayed"]["availability_ci95"]
    assert lo <= data["replayed"]["availability"] <= hi
    lo, hi = data["predicted"]["availability_ci95"]
    assert lo <= data["predicted"]["availability"] <= hi
    proc = run_cli(
        "replay", str(ROOT / "models/examples/02-multi-az.json"), "--until", "2024-01-01"
    )
    assert proc.returncode == 2 and "--until goes with --trace" in proc.stderr
