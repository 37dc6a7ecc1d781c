#!/usr/bin/env python3
"""Derives the AWS catalog's outage figures from the AWS status-event record.

usage: python3 scripts/calibrate.py CSV [--write] [--until 2022-01-01]

CSV is the AWS status-page event list (one row per posted event: start, service, region,
duration, single-zone flag), kept outside the repository. Without --write the script prints
every figure with its arithmetic and the difference from models/catalog/*.json; with --write
it rewrites those figures (and their `source` strings) in the catalogs. docs/calibration.md
explains each rule; tests/python/model/test_calibrate.py checks that the catalogs equal this
script's output, so the two cannot drift apart.

Definitions (each a judgement, documented in docs/calibration.md#the-aws-status-record):
- window: from the first event to --until (the status page changed in 2022 and posts fewer
  events after it), in years of 365 days;
- an *incident* is a cluster of events in one region: an event joins a cluster when it starts
  within CLUSTER_GAP of the cluster's latest start or before the cluster's last event ended;
  its duration runs from the first start to the last end;
- a *region outage* is an incident that impairs at least REGION_SERVICES distinct services;
- a *zone outage* is an incident of single-zone data-plane events in one region;
- a *provider-wide outage* is an incident of at least REGION_SERVICES services in at least
  PROVIDER_REGIONS regions at once; with k of them in T years the rate is (k + 1/2) / T (the
  Jeffreys estimate, which stays above zero when k = 0);
- control-plane-only events (titles naming API errors, launches, provisioning, scaling or the
  console, and no data-plane words) are left out everywhere: running components survive them;
- a *regional service event* is a data-plane event of one service in one region, the catalog's
  component type given by SERVICE_TYPES, that is neither part of a region outage nor a
  single-zone event (those the region's and the zone's outages already count);
- durations are fitted by a lognormal: median = exp(mean of ln d), sigma = sd of ln d;
- a *regional control-plane outage* is an incident of control-plane-only events of the services
  whose APIs recovery calls (CONTROL_PLANE_FEEDS: instance launches and replacements, scaling,
  load-balancer registration, database promotion) in one region;
- the *global control plane* is an incident of events of the global services whose control
  planes failovers call (GLOBAL_CONTROL_PLANE_FEEDS: DNS record changes, identity), titled with
  API errors, change propagation or the console; AWS's lives in us-east-1 (HOME_REGION_SOURCE);
- us-east-1 is taken on its own; every other catalog region gets the pooled rate of all regions
  but us-east-1 in the record (events per region-year), since few of them have enough events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import pathlib
import statistics
import sys
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

ROOT = pathlib.Path(__file__).resolve().parent.parent

# The record's format and its rules (clustering, the control-plane filter, which services are
# catalog types) have one home, shared with trace replay.
from outagesim.scenarios.status_record import (  # noqa: E402
    CLUSTER_GAP,
    CONTROL_PLANE_WORDS,
    DATA_PLANE_WORDS,
    FEED_ALIASES,
    REGION_SERVICES,
    SERVICE_TYPES,
    Event,
    Incident,
    cluster,
    is_control_plane_only,
    read_events,
)

__all__ = [
    "CLUSTER_GAP",
    "CONTROL_PLANE_WORDS",
    "DATA_PLANE_WORDS",
    "FEED_ALIASES",
    "REGION_SERVICES",
    "SERVICE_TYPES",
    "Event",
    "Incident",
    "cluster",
    "is_control_plane_only",
    "read_events",
]
CATALOG_DIR = ROOT / "models" / "catalog"

PROVIDER_REGIONS = 3  # an incident in this many regions at once would be provider-wide
HOURS_PER_YEAR = 8760.0
# Fewer durations than this for one type: its durations are pooled with every type's.
MIN_DURATIONS = 8
# The provider's public history without a data-plane outage of every region: AWS's post-event
# summaries begin with the EBS event of 2011-04-21 and none since is provider-wide. A Jeffreys
# rate over this record's few years alone would put the provider-wide process above a typical
# region's, which a subset of region events cannot be.
HISTORY_START = dt.datetime(2011, 4, 21, tzinfo=dt.timezone.utc)
# GCP and Azure have no record here: no data-plane outage of every region of either is public
# either (their global incidents were control plane and edge), so they take AWS's provider-wide
# rate, and AWS's regional service events of a region other than us-east-1.


# The services whose APIs recovery actions call: a replacement or scale-out launches instances
# (ec2, autoscaling), registers them (elb), a database failover promotes a replica (rds).
CONTROL_PLANE_FEEDS = ("ec2", "autoscaling", "elb", "rds")
# Global services whose control planes failovers call: DNS record changes and identity.
GLOBAL_CONTROL_PLANE_FEEDS = ("route53", "iam")
GLOBAL_CONTROL_PLANE_WORDS = ("api", "propagation", "change", "console")
HOME_REGION_SOURCE = (
    "AWS, Global services whitepaper (AWS Fault Isolation Boundaries): the control planes of "
    "IAM and of Route 53 record changes are hosted in us-east-1 only"
)


@dataclass
class Fit:
    """A lognormal fitted to durations (minutes), with the count it came from."""

    count: int
    median_hours: float
    sigma: float

    @property
    def mean_hours(self) -> float:
        return self.median_hours * math.exp(self.sigma**2 / 2)


@dataclass
class Rate:
    count: int
    exposure_years: float  # region-years, zone-years or years

    @property
    def per_year(self) -> float:
        return self.count / self.exposure_years


def fit_lognormal(minutes: Sequence[float]) -> Fit:
    logs = [math.log(max(m, 1.0) / 60.0) for m in minutes]
    sigma = statistics.stdev(logs) if len(logs) > 1 else 0.0
    return Fit(len(logs), math.exp(statistics.fmean(logs)), sigma)


@dataclass
class Calibration:
    years: float
    regions_seen: int  # regions other than us-east-1 with at least one event
    region_rate: Dict[str, Rate]  # "us-east-1" and "other" (per region-year)
    region_fit: Fit
    zone_rate: Dict[str, Rate]  # per zone-year
    zone_fit: Fit
    service_rate: Dict[str, Dict[str, Rate]]  # type -> "us-east-1"/"other" -> rate
    service_fit: Dict[str, Fit]
    service_fit_pooled: Dict[str, bool]
    provider_incidents: int
    history_years: float
    provider_rate: float  # per year
    control_plane_rate: Dict[str, Rate]  # "us-east-1" and "other" (per region-year)
    control_plane_fit: Fit
    global_control_plane_rate: Rate
    global_control_plane_fit: Fit


def calibrate(events: List[Event], until: dt.datetime, zones: Dict[str, int]) -> Calibration:
    """`zones`: zone count per catalog region (from the AWS catalog)."""
    start = events[0].start
    window = [e for e in events if e.start < until]
    years = (until - start).days / 365.0
    regional = [e for e in window if e.region != "global"]
    others = sorted({e.region for e in regional} - {"us-east-1"})
    # What the catalog models is the data plane going down; control-plane trouble (API errors,
    # launches, provisioning) leaves running components up and belongs to control planes.
    data_plane = [e for e in regional if not is_control_plane_only(e)]
    exposure = {"us-east-1": years, "other": years * len(others)}

    def side(region: str) -> str:
        return "us-east-1" if region == "us-east-1" else "other"

    # Region outages: incidents of several services in one region.
    by_region: Dict[str, List[Event]] = {}
    for e in data_plane:
        by_region.setdefault(e.region, []).append(e)
    region_incidents = {
        r: [i for i in cluster(ev) if len(i.services) >= REGION_SERVICES]
        for r, ev in by_region.items()
    }
    region_count = {"us-east-1": 0, "other": 0}
    region_minutes = []
    for r, incidents in region_incidents.items():
        region_count[side(r)] += len(incidents)
        region_minutes += [i.minutes for i in incidents if i.minutes is not None]
    region_rate = {k: Rate(region_count[k], exposure[k]) for k in region_count}

    # Zone outages: single-zone data-plane incidents, per zone of the region.
    zone_count = {"us-east-1": 0, "other": 0}
    zone_minutes = []
    for r, ev in by_region.items():
        incidents = cluster([e for e in ev if e.single_zone])
        zone_count[side(r)] += len(incidents)
        zone_minutes += [i.minutes for i in incidents if i.minutes is not None]
    typical_zones = statistics.median(n for r, n in zones.items() if r != "us-east-1")
    zone_rate = {
        "us-east-1": Rate(zone_count["us-east-1"], years * zones["us-east-1"]),
        "other": Rate(zone_count["other"], exposure["other"] * typical_zones),
    }

    # Regional service events: each posted event of a mapped service in a region, except those
    # the region's and the zones' outages already count: an event inside a region incident is
    # that region's outage, and a single-zone event is that zone's (a managed database impaired
    # in one zone is not the service down in the whole region). Counting them again as service
    # events would take the same components down twice.
    in_region_incident = {
        id(e) for incidents in region_incidents.values() for i in incidents for e in i.events
    }
    service_events = [
        e
        for e in data_plane
        if e.service in SERVICE_TYPES and id(e) not in in_region_incident and not e.single_zone
    ]
    service_rate: Dict[str, Dict[str, Rate]] = {}
    service_fit: Dict[str, Fit] = {}
    pooled_flags: Dict[str, bool] = {}
    all_minutes = [e.minutes for e in service_events if e.minutes]
    for service, type_name in SERVICE_TYPES.items():
        mine = [e for e in service_events if e.service == service]
        count = {"us-east-1": 0, "other": 0}
        for e in mine:
            count[side(e.region)] += 1
        service_rate[type_name] = {k: Rate(count[k], exposure[k]) for k in count}
        minutes = [e.minutes for e in mine if e.minutes]
        pooled = len(minutes) < MIN_DURATIONS
        service_fit[type_name] = fit_lognormal(all_minutes if pooled else minutes)
        pooled_flags[type_name] = pooled

    # Provider-wide: data-plane incidents that reach several regions and several services at
    # once (one service failing in many regions is that service's trouble, not the provider's).
    wide = [
        i
        for i in cluster(data_plane)
        if len({e.region for e in i.events}) >= PROVIDER_REGIONS
        and len(i.services) >= REGION_SERVICES
    ]
    # None or few: the Jeffreys estimate (k + 1/2) / T over the provider's public history.
    history_years = (until - HISTORY_START).days / 365.0
    provider_rate = (len(wide) + 0.5) / history_years

    # Control planes: what recovery actions call, down while running components stay up.
    plane_count = {"us-east-1": 0, "other": 0}
    plane_minutes = []
    by_region_plane: Dict[str, List[Event]] = {}
    for e in regional:
        if e.service in CONTROL_PLANE_FEEDS and is_control_plane_only(e):
            by_region_plane.setdefault(e.region, []).append(e)
    for r, ev in by_region_plane.items():
        incidents = cluster(ev)
        plane_count[side(r)] += len(incidents)
        plane_minutes += [i.minutes for i in incidents if i.minutes is not None]
    plane_rate = {k: Rate(plane_count[k], exposure[k]) for k in plane_count}
    global_events = [
        e
        for e in window
        if e.region == "global"
        and e.service in GLOBAL_CONTROL_PLANE_FEEDS
        and any(w in e.summary.lower() for w in GLOBAL_CONTROL_PLANE_WORDS)
    ]
    global_incidents = cluster(global_events)
    global_rate = Rate(len(global_incidents), years)
    # Without durations of their own, control planes take the region incidents' repair.
    region_fit = fit_lognormal(region_minutes)
    plane_fit = fit_lognormal(plane_minutes) if plane_minutes else region_fit
    global_minutes = [i.minutes for i in global_incidents if i.minutes is not None]
    global_fit = fit_lognormal(global_minutes) if global_minutes else plane_fit

    return Calibration(
        years,
        len(others),
        region_rate,
        fit_lognormal(region_minutes),
        zone_rate,
        fit_lognormal(zone_minutes),
        service_rate,
        service_fit,
        pooled_flags,
        len(wide),
        history_years,
        provider_rate,
        plane_rate,
        plane_fit,
        global_rate,
        global_fit,
    )


# ---- catalog values ----


def mean_years(rate_per_year: float) -> str:
    return f"{1.0 / rate_per_year:.3g}y"


def process(rate_per_year: float, fit: Fit, source: str) -> dict:
    return {
        "ttf": {"distribution": "exponential", "mean": mean_years(rate_per_year)},
        "ttr": {
            "distribution": "lognormal",
            "median": f"{fit.median_hours:.3g}h",
            "sigma": round(fit.sigma, 2),
        },
        "source": source,
    }


def fit_text(fit: Fit, what: str) -> str:
    return (
        f"repair lognormal median {fit.median_hours:.3g}h, sigma {fit.sigma:.2f} "
        f"(mean {fit.mean_hours:.3g} h) fitted to {fit.count} {what}"
    )


def aws_values(cal: Calibration, catalog: dict) -> dict:
    """The calibrated copy of the AWS catalog."""
    out = json.loads(json.dumps(catalog))
    y = f"{cal.years:.2f} y"
    out["outage"] = process(
        cal.provider_rate,
        cal.region_fit,
        f"docs/calibration.md#provider-wide-outages: {cal.provider_incidents} data-plane incidents "
        f"of {REGION_SERVICES}+ services in {PROVIDER_REGIONS}+ regions at once in the AWS "
        f"status record ({y}), none in the post-event summaries since 2011-04-21; Jeffreys rate "
        f"({cal.provider_incidents} + 0.5) / {cal.history_years:.1f} y = "
        f"{cal.provider_rate:.3g}/yr; " + fit_text(cal.region_fit, "region incidents"),
    )
    for region, entry in out["regions"].items():
        key = "us-east-1" if region == "us-east-1" else "other"
        rate = cal.region_rate[key]
        where = "us-east-1" if key == "us-east-1" else f"the {cal.regions_seen} other regions"
        entry["outage"] = process(
            rate.per_year,
            cal.region_fit,
            f"docs/calibration.md#region-outages: {rate.count} incidents of "
            f"{REGION_SERVICES}+ services in {where} over {rate.exposure_years:.1f} region-years "
            f"= {rate.per_year:.3g}/yr; " + fit_text(cal.region_fit, "region incidents"),
        )
        zone_rate = cal.zone_rate[key]
        for zone in entry["zones"].values():
            zone["outage"] = process(
                zone_rate.per_year,
                cal.zone_fit,
                f"docs/calibration.md#zone-outages: {zone_rate.count} single-zone data-plane "
                f"incidents in {where} over {zone_rate.exposure_years:.1f} zone-years = "
                f"{zone_rate.per_year:.3g}/yr per zone; "
                + fit_text(cal.zone_fit, "zone incidents"),
            )
        services = {}
        for type_name, rates in cal.service_rate.items():
            rate = rates[key]
            fit = cal.service_fit[type_name]
            per_year = max(rate.per_year, 0.5 / rate.exposure_years)
            count_text = (
                f"{rate.count} events over {rate.exposure_years:.1f} region-years"
                if rate.count
                else f"no event over {rate.exposure_years:.1f} region-years: Jeffreys 0.5 / "
                f"{rate.exposure_years:.1f}"
            )
            services[type_name] = {
                "outage": process(
                    per_year,
                    fit,
                    f"docs/calibration.md#regional-service-events: {type_name} in {where}, "
                    f"{count_text} = {per_year:.3g}/yr; "
                    + fit_text(
                        fit,
                        "events of every mapped service"
                        if cal.service_fit_pooled[type_name]
                        else "events of this service",
                    ),
                )
            }
        entry["services"] = services
        plane = cal.control_plane_rate[key]
        # None in the window: the Jeffreys estimate, which stays above zero.
        plane_per_year = max(plane.per_year, 0.5 / plane.exposure_years)
        entry["control_plane"] = {
            "outage": process(
                plane_per_year,
                cal.control_plane_fit,
                f"docs/calibration.md#control-planes: {plane.count} incidents of control-plane-only "
                f"events (API errors, launches, provisioning, scaling) of "
                f"{', '.join(CONTROL_PLANE_FEEDS)} in {where} over {plane.exposure_years:.1f} "
                f"region-years = {plane_per_year:.3g}/yr; "
                + fit_text(cal.control_plane_fit, "regional control-plane incidents"),
            )
        }
    g = cal.global_control_plane_rate
    global_per_year = max(g.per_year, 0.5 / g.exposure_years)
    out["control_plane"] = {
        "outage": process(
            global_per_year,
            cal.global_control_plane_fit,
            f"docs/calibration.md#control-planes: {g.count} incidents of "
            f"{' and '.join(GLOBAL_CONTROL_PLANE_FEEDS)} (API errors, change propagation, "
            f"console) over {g.exposure_years:.2f} y = {global_per_year:.3g}/yr; "
            + fit_text(cal.global_control_plane_fit, "global control-plane incidents"),
        ),
        "home_region": "us-east-1",
        "description": HOME_REGION_SOURCE,
    }
    return out


def other_values(cal: Calibration, catalog: dict, aws: dict) -> dict:
    """GCP and Azure: provider-wide and regional service events by analogy (no record)."""
    out = json.loads(json.dumps(catalog))
    provider = out["provider"]
    out["outage"] = process(
        cal.provider_rate,
        cal.region_fit,
        f"docs/calibration.md#provider-wide-outages: {provider} as AWS, {cal.provider_rate:.3g}/yr "
        f"(no public data-plane outage of every region; no record of its own); "
        + fit_text(cal.region_fit, "AWS region incidents"),
    )
    typical_region = next(v for r, v in aws["regions"].items() if r != "us-east-1")
    typical = typical_region["services"]
    typical_plane = typical_region["control_plane"]
    for entry in out["regions"].values():
        services = json.loads(json.dumps(typical))
        for service in services.values():
            service["outage"]["source"] = service["outage"]["source"].replace(
                "regional-service-events: ",
                f"regional-service-events: as AWS (no {provider} record): ",
                1,
            )
        entry["services"] = services
        plane = json.loads(json.dumps(typical_plane))
        plane["outage"]["source"] = plane["outage"]["source"].replace(
            "control-planes: ", f"control-planes: as AWS (no {provider} record): ", 1
        )
        entry["control_plane"] = plane
    # A global control plane like AWS's, but tied to no one region (none is documented).
    glob = json.loads(json.dumps(aws["control_plane"]))
    glob["outage"]["source"] = glob["outage"]["source"].replace(
        "control-planes: ", f"control-planes: as AWS (no {provider} record): ", 1
    )
    glob.pop("home_region", None)
    glob["description"] = f"{provider}'s global control plane; no home region is documented"
    out["control_plane"] = glob
    return out


def calibrated_catalogs(csv_path: pathlib.Path, until: dt.datetime):
    catalogs = {
        p: json.loads((CATALOG_DIR / f"{p}.json").read_text()) for p in ("aws", "gcp", "azure")
    }
    zones = {r: len(v["zones"]) for r, v in catalogs["aws"]["regions"].items()}
    cal = calibrate(read_events(csv_path), until, zones)
    aws = aws_values(cal, catalogs["aws"])
    return {
        "aws": aws,
        "gcp": other_values(cal, catalogs["gcp"], aws),
        "azure": other_values(cal, catalogs["azure"], aws),
    }, cal


def dump(catalog: dict) -> str:
    return json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"


def report(cal: Calibration) -> str:
    lines = [
        f"window {cal.years:.2f} years; {cal.regions_seen} regions besides us-east-1 in the record",
        f"provider-wide: {cal.provider_incidents} incidents in {PROVIDER_REGIONS}+ regions; "
        f"({cal.provider_incidents} + 0.5) / {cal.history_years:.1f} y -> {cal.provider_rate:.3g}/yr",
    ]
    for key in ("us-east-1", "other"):
        r, z = cal.region_rate[key], cal.zone_rate[key]
        lines.append(
            f"{key}: region {r.count}/{r.exposure_years:.1f} = {r.per_year:.3g}/yr; "
            f"zone {z.count}/{z.exposure_years:.1f} = {z.per_year:.3g}/yr per zone"
        )
    f = cal.region_fit
    lines.append(f"region repair: median {f.median_hours:.3g} h, sigma {f.sigma:.2f} ({f.count})")
    f = cal.zone_fit
    lines.append(f"zone repair: median {f.median_hours:.3g} h, sigma {f.sigma:.2f} ({f.count})")
    for key in ("us-east-1", "other"):
        r = cal.control_plane_rate[key]
        lines.append(f"{key}: control plane {r.count}/{r.exposure_years:.1f} = {r.per_year:.3g}/yr")
    f = cal.control_plane_fit
    lines.append(
        f"control-plane repair: median {f.median_hours:.3g} h, sigma {f.sigma:.2f} ({f.count})"
    )
    g = cal.global_control_plane_rate
    f = cal.global_control_plane_fit
    lines.append(
        f"global control plane: {g.count}/{g.exposure_years:.2f} = {g.per_year:.3g}/yr; repair "
        f"median {f.median_hours:.3g} h, sigma {f.sigma:.2f} ({f.count})"
    )
    for type_name, rates in cal.service_rate.items():
        f = cal.service_fit[type_name]
        lines.append(
            f"{type_name}: us-east-1 {rates['us-east-1'].count} "
            f"({rates['us-east-1'].per_year:.3g}/yr), other {rates['other'].count} "
            f"({rates['other'].per_year:.3g}/yr per region); repair median "
            f"{f.median_hours:.3g} h, sigma {f.sigma:.2f}"
            + (" (pooled)" if cal.service_fit_pooled[type_name] else "")
        )
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=pathlib.Path, help="the AWS status-event CSV")
    parser.add_argument("--write", action="store_true", help="rewrite models/catalog/*.json")
    parser.add_argument(
        "--until",
        default="2022-01-01",
        help="end of the window (ISO date; the status page posts fewer events after 2022)",
    )
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        parser.error(f"{args.csv}: no such file")
    until = dt.datetime.fromisoformat(args.until).replace(tzinfo=dt.timezone.utc)
    catalogs, cal = calibrated_catalogs(args.csv, until)
    print(report(cal))
    changed = []
    for name, catalog in catalogs.items():
        path = CATALOG_DIR / f"{name}.json"
        if path.read_text() != dump(catalog):
            changed.append(name)
            if args.write:
                path.write_text(dump(catalog))
    verb = "rewrote" if args.write else "differ from this calibration"
    print(f"catalogs {verb}: {', '.join(changed) if changed else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
