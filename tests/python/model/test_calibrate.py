"""scripts/calibrate.py: the catalogs equal its output on the AWS status record, and its rules
(clustering, control-plane filter, fits, Jeffreys rates) on small records written here."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
RECORD = ROOT.parent / "shared" / "data" / "aws_status_events.csv"
UNTIL = dt.datetime(2022, 1, 1, tzinfo=dt.timezone.utc)


def _load_script():
    spec = importlib.util.spec_from_file_location("calibrate", ROOT / "scripts" / "calibrate.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["calibrate"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


calibrate = _load_script()

HEADER = "start_utc,service,region,duration_min,duration_source,single_az,summary\n"


def _write(tmp_path, rows):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "".join(",".join(map(str, r)) + "\n" for r in rows))
    return path


@pytest.mark.skipif(not RECORD.is_file(), reason=f"the AWS status record is not at {RECORD}")
def test_catalogs_equal_the_calibration_of_the_record():
    catalogs, cal = calibrate.calibrated_catalogs(RECORD, UNTIL)
    for name, catalog in catalogs.items():
        written = (ROOT / "models" / "catalog" / f"{name}.json").read_text()
        assert written == calibrate.dump(catalog), (
            f"models/catalog/{name}.json differs from scripts/calibrate.py's output: "
            "run python3 scripts/calibrate.py PATH/aws_status_events.csv --write"
        )
    # What the record says and docs/calibration.md repeats.
    assert cal.region_rate["us-east-1"].per_year > 5 * cal.region_rate["other"].per_year
    assert cal.provider_rate < cal.region_rate["other"].per_year
    assert 3.6 < cal.years < 3.7


def test_events_cluster_by_gap_and_overlap(tmp_path):
    rows = [
        ("2019-01-01T00:00:00+00:00", "ec2-r1", "r1", 30, "between", 0, "Network connectivity"),
        ("2019-01-01T00:50:00+00:00", "rds-r1", "r1", 200, "between", 0, "Connectivity issues"),
        # starts 2 h after the last start but before the rds event ends: same incident
        ("2019-01-01T02:50:00+00:00", "sqs-r1", "r1", 10, "between", 0, "Errors"),
        ("2019-01-01T09:00:00+00:00", "s3-r1", "r1", 10, "between", 0, "Errors"),
    ]
    events = calibrate.read_events(_write(tmp_path, rows))
    assert [e.service for e in events] == ["ec2", "rds", "sqs", "s3"]
    incidents = calibrate.cluster(events)
    assert [len(i.events) for i in incidents] == [3, 1]
    assert incidents[0].minutes == pytest.approx(50 + 200)
    assert incidents[0].services == {"ec2", "rds", "sqs"}


def test_control_plane_only_titles_are_left_out():
    def event(summary):
        return calibrate.Event(UNTIL, "ec2", "r", 10.0, False, summary)

    assert calibrate.is_control_plane_only(event("[RESOLVED] Increased API Error Rates"))
    assert calibrate.is_control_plane_only(event("Delayed instance launches"))
    assert not calibrate.is_control_plane_only(event("Instance connectivity and API errors"))
    assert not calibrate.is_control_plane_only(event("Increased error rates"))


def test_lognormal_fit_is_median_and_log_sd():
    fit = calibrate.fit_lognormal([60.0, 240.0])  # 1 h and 4 h
    assert fit.median_hours == pytest.approx(2.0)
    assert fit.sigma == pytest.approx(math.log(4.0) / math.sqrt(2.0))
    assert fit.mean_hours == pytest.approx(2.0 * math.exp(fit.sigma**2 / 2))


def test_rates_us_east_1_apart_and_others_pooled(tmp_path):
    rows = []
    # us-east-1: two incidents of four services; r2: one; r3 only single events.
    for day in (1, 10):
        for s in ("ec2", "rds", "elb", "sqs"):
            rows.append(
                (
                    f"2019-02-{day:02d}T00:00:00+00:00",
                    f"{s}-us-east-1",
                    "us-east-1",
                    90,
                    "between",
                    0,
                    "Connectivity",
                )
            )
    for s in ("ec2", "rds", "elb", "s3"):
        rows.append(("2019-03-01T00:00:00+00:00", f"{s}-r2", "r2", 120, "between", 0, "Errors"))
    rows.append(("2019-04-01T00:00:00+00:00", "rds-r3", "r3", 30, "between", 1, "Connectivity"))
    rows.append(("2019-05-01T00:00:00+00:00", "rds-r3", "r3", 30, "between", 0, "API errors"))
    rows.append(("2019-06-01T00:00:00+00:00", "rds-r3", "r3", 45, "between", 0, "Connectivity"))
    rows.insert(0, ("2019-01-01T00:00:00+00:00", "iam", "global", 10, "between", 0, "Errors"))
    events = calibrate.read_events(_write(tmp_path, rows))
    until = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)
    cal = calibrate.calibrate(events, until, {"us-east-1": 6, "r2": 3, "r3": 3})
    years = (until - events[0].start).days / 365.0
    assert cal.years == pytest.approx(years)
    assert cal.regions_seen == 2
    assert cal.region_rate["us-east-1"].count == 2
    assert cal.region_rate["us-east-1"].per_year == pytest.approx(2 / years)
    assert cal.region_rate["other"].count == 1
    assert cal.region_rate["other"].per_year == pytest.approx(1 / (2 * years))
    # The single-zone rds event is a zone incident of r3 (3 zones); the API one is left out.
    assert cal.zone_rate["other"].count == 1
    assert cal.zone_rate["other"].per_year == pytest.approx(1 / (2 * years * 3))
    # Service events are the data-plane events no region or zone outage counts: r2's rds event
    # is part of its region outage, r3's first is single-zone, its second control-plane; only
    # r3's June event is left, and us-east-1's rds events are all inside region outages.
    assert cal.service_rate["managed_db"]["other"].count == 1
    assert cal.service_rate["managed_db"]["us-east-1"].count == 0
    assert cal.service_fit["managed_db"].count == 1
    assert cal.provider_incidents == 0
    assert cal.provider_rate == pytest.approx(0.5 / ((until - calibrate.HISTORY_START).days / 365))


def test_catalog_sources_name_their_section(tmp_path):
    if not RECORD.is_file():
        pytest.skip(f"the AWS status record is not at {RECORD}")
    catalogs, _ = calibrate.calibrated_catalogs(RECORD, UNTIL)
    aws = catalogs["aws"]
    assert aws["outage"]["source"].startswith("docs/calibration.md#provider-wide-outages")
    use1 = aws["regions"]["us-east-1"]
    assert use1["outage"]["source"].startswith("docs/calibration.md#region-outages")
    assert set(use1["services"]) == set(calibrate.SERVICE_TYPES.values())
    for service in use1["services"].values():
        assert service["outage"]["source"].startswith("docs/calibration.md#regional-service-events")
    json.dumps(aws)  # plain data


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        calibrate.main([str(tmp_path / "absent.csv")])
    assert exit_info.value.code == 2
    assert "no such file" in capsys.readouterr().err
