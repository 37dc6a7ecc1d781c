"""A provider's status-page record of outage events (the trace format): reading it, and the
rules that group its rows into incidents and tell data-plane events from control-plane ones.

One home for these rules: scripts/calibrate.py derives the catalog's rates from a record with
them, and trace replay (trace.py) drives a model's domains from a record with the same ones, so
that the two figures a replay prints side by side mean the same thing. docs/traces.md documents
the format; docs/calibration.md#the-aws-status-record the rules.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Sequence, Union

from ..errors import ModelError, Problem

# An event joins an incident when it starts within this of the incident's latest start, or
# before the incident's last event ended.
CLUSTER_GAP = dt.timedelta(minutes=60)
# An incident that impairs this many distinct services of a region is the region's outage.
REGION_SERVICES = 4
# Status-page service name -> catalog component type. Global feeds (route53, cloudfront) are
# not regional, so dns and cdn get no regional service event; EC2 is what the region's and the
# zones' own outages model.
SERVICE_TYPES = {
    "s3": "object_storage",
    "sqs": "queue",
    "rds": "managed_db",
    "elasticache": "cache",
    "elb": "load_balancer",
}
# Feeds whose name is not "<service>-<region>": S3's us-east-1 feed kept its old name.
FEED_ALIASES = {"s3-us-standard": "s3"}
CONTROL_PLANE_WORDS = ("api", "launch", "provisioning", "console", "scaling")
DATA_PLANE_WORDS = ("connectivity", "unavailab", "impair", "degraded", "power", "network", "lost")

REQUIRED_COLUMNS = ("start_utc", "region", "duration_min")
OPTIONAL_COLUMNS = ("service", "single_az", "summary", "duration_source", "zone")
MAX_TRACE_BYTES = 64 * 1024 * 1024
# The longest event a record may hold: ten years. Anything longer is a typo (a duration in
# seconds, a missing decimal point), and beyond what a replay's window should hold.
MAX_EVENT_MINUTES = 10 * 365 * 24 * 60.0


@dataclass
class Event:
    start: dt.datetime
    service: str  # status-page service without the region suffix ("ec2")
    region: str
    minutes: Optional[float]
    single_zone: bool
    summary: str
    line: int = 0  # where it was read (1-based, the header is line 1)
    zone: str = ""  # the zone, when the record names it

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes or 0.0)


@dataclass
class Incident:
    events: List[Event] = field(default_factory=list)

    @property
    def start(self) -> dt.datetime:
        return min(e.start for e in self.events)

    @property
    def end(self) -> dt.datetime:
        return max(e.end for e in self.events)

    @property
    def services(self) -> set:
        return {e.service for e in self.events}

    @property
    def minutes(self) -> Optional[float]:
        if all(e.minutes is None for e in self.events):
            return None
        return (self.end - self.start).total_seconds() / 60.0


def _time(text: str, source: str, line: int) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ModelError(
            "",
            [
                Problem(
                    source,
                    f"line {line}",
                    f"start_utc: found {text!r}; "
                    "expected an ISO 8601 time such as "
                    "2021-12-07T15:30:00+00:00",
                )
            ],
        ) from None
    if when.tzinfo is None:
        raise ModelError(
            "",
            [
                Problem(
                    source,
                    f"line {line}",
                    f"start_utc: found {text!r} "
                    "without a time zone; expected UTC, e.g. a +00:00 suffix",
                )
            ],
        )
    return when


def read_events(path: Union[str, Path]) -> List[Event]:
    """Every row of a record (CSV with a header), sorted by start. A malformed row is a
    ModelError naming the file, the line and what was expected there."""
    source = str(path)
    try:
        if Path(path).stat().st_size > MAX_TRACE_BYTES:
            raise ModelError.single(
                source, "", f"larger than {MAX_TRACE_BYTES} bytes; expected an event record"
            )
        handle = open(path, newline="", encoding="utf-8")
    except OSError as error:
        raise ModelError.single(source, "", f"cannot read the record: {error.strerror}") from None
    events = []
    with handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise ModelError(
                "",
                [
                    Problem(
                        source,
                        "line 1",
                        f"missing column(s) "
                        f"{', '.join(missing)}; expected a header with "
                        f"{', '.join(REQUIRED_COLUMNS)} (and optionally "
                        f"{', '.join(OPTIONAL_COLUMNS)})",
                    )
                ],
            )
        for row in reader:
            line = reader.line_num
            region = (row.get("region") or "").strip()
            if not region:
                raise ModelError(
                    "",
                    [
                        Problem(
                            source,
                            f"line {line}",
                            "region: empty; expected a region code such as us-east-1, or global",
                        )
                    ],
                )
            service = (row.get("service") or "").strip()
            service = FEED_ALIASES.get(service, service)
            if region != "global" and service.endswith("-" + region):
                service = service[: -len(region) - 1]
            text = (row.get("duration_min") or "").strip()
            try:
                minutes = float(text) if text else None
            except ValueError:
                minutes = -1.0
            if minutes is not None and not 0 <= minutes <= MAX_EVENT_MINUTES:
                raise ModelError.single(
                    source,
                    f"line {line}",
                    f"duration_min: found {text!r}; expected minutes between 0 and "
                    f"{MAX_EVENT_MINUTES:,.0f} (ten years), or empty when unknown",
                )
            flag = (row.get("single_az") or "0").strip()
            if flag not in ("0", "1", ""):
                raise ModelError(
                    "",
                    [
                        Problem(
                            source, f"line {line}", f"single_az: found {flag!r}; expected 0 or 1"
                        )
                    ],
                )
            events.append(
                Event(
                    _time(row["start_utc"], source, line),
                    service,
                    region,
                    minutes,
                    flag == "1",
                    row.get("summary") or "",
                    line,
                    (row.get("zone") or "").strip(),
                )
            )
    return sorted(events, key=lambda e: e.start)


def cluster(events: Sequence[Event]) -> List[Incident]:
    """Incidents of time-ordered events (the same region, or anywhere for provider-wide)."""
    incidents: List[Incident] = []
    for event in events:
        last = incidents[-1] if incidents else None
        if last and (
            event.start - max(e.start for e in last.events) <= CLUSTER_GAP
            or event.start <= last.end
        ):
            last.events.append(event)
        else:
            incidents.append(Incident([event]))
    return incidents


def is_control_plane_only(event: Event) -> bool:
    title = event.summary.lower()
    return any(w in title for w in CONTROL_PLANE_WORDS) and not any(
        w in title for w in DATA_PLANE_WORDS
    )
