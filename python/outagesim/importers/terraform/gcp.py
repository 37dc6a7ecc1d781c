"""Google Cloud resource types -> components and services (catalog gcp)."""

from __future__ import annotations

from functools import partial
from typing import Any, List, Optional, Sequence

from .draft import ModelBuilder, Placement, as_int, first_block, spread
from .resources import Resource
from .zones import gcp_zone

CLOUD_SQL_HA = {
    "detection": "30s",
    "switchover": "1m",
    "success_probability": 0.99,
    "manual_recovery": "1h",
}
CLOUD_SQL_WHY = (
    "Cloud SQL REGIONAL (availability_type): a standby in a second zone, failover "
    "documented as about a minute; 1% manual (1h) guessed"
)


class Gcp:
    provider = "gcp"

    def __init__(self, builder: ModelBuilder) -> None:
        self.b = builder
        self.inventory = builder.inventory

    def region(self, r: Resource) -> str:
        for key in ("region", "location"):
            value = r.get(key)
            if isinstance(value, str) and value[-2:-1] != "-" and "-" in value:
                return value
        zone = r.get("zone")
        if isinstance(zone, str):
            return gcp_zone(zone)[0]
        region = self.inventory.region_of(r)
        if region:
            return region
        self.b.check("GCP region unknown (no region, zone or provider region): us-central1 assumed")
        return "us-central1"

    def zone(self, name: Any, how: str) -> Optional[Placement]:
        if not isinstance(name, str) or name.count("-") < 2:
            return None
        region, zone = gcp_zone(name)
        return Placement("gcp", region, zone, how)

    def region_zones(self, region: str, count: int, why: str) -> List[Placement]:
        zones: List[Optional[str]] = list(self.b.catalogs.zones("gcp", region)[:3]) or [None]
        self.b.check(f"{why}: the first {len(zones)} catalog zones of {region} assumed")
        return [Placement("gcp", region, z, f"guess: {why}") for z in zones][: max(count, 1)]

    def map(self, rtype: str, group: Sequence[Resource]) -> bool:
        handler = getattr(self, "_" + rtype[len("google_") :], None)
        if handler is None:
            return False
        handler(group)
        return True

    def _compute_instance(self, group: Sequence[Resource]) -> None:
        replicas = []
        for r in group:
            placement = (
                self.zone(r.get("zone"), "zone")
                or self.region_zones(self.region(r), 1, f"{r.address} has no zone")[0]
            )
            replicas.append(
                self.b.add_component(
                    r.short,
                    "vm",
                    placement,
                    f"Compute Engine {r.get('machine_type', '')} {r.address}",
                )
            )
        base = group[0].short.rsplit("-", 1)[0] if len(group) > 1 else group[0].short
        self.b.add_service(base, "google_compute_instance", group, replicas)

    def _group(self, r: Resource, zones: List[Placement], kind: str) -> None:
        size = as_int(r.get("target_size"))
        minimum = self._autoscaler_min(r)
        how = "target_size"
        if size is None:
            size, how = minimum, "its autoscaler's min_replicas"
        size = self.b.capped(size or 1, r.address)
        replicas = [
            self.b.add_component(
                f"{r.short}-{i + 1}", "vm", p, f"MIG {r.address} instance {i + 1} of {size} ({how})"
            )
            for i, p in enumerate(spread(size, zones))
        ]
        if minimum:
            m = min(max(minimum, 1), size)
            self.b.add_service(
                r.short,
                kind,
                [r],
                replicas,
                {"mode": "active_active", "min_healthy": m},
                f"min_healthy {m} from its autoscaler's autoscaling_policy.min_replicas",
            )
        else:
            self.b.add_service(r.short, kind, [r], replicas)

    def _autoscaler_min(self, r: Resource) -> Optional[int]:
        for a in self.inventory.referencing(r.block, "google_compute_"):
            if a.type in ("google_compute_autoscaler", "google_compute_region_autoscaler"):
                return as_int(first_block(a.values.get("autoscaling_policy")).get("min_replicas"))
        return None

    def _compute_instance_group_manager(self, group: Sequence[Resource]) -> None:
        for r in group:
            placement = (
                self.zone(r.get("zone"), "zone")
                or self.region_zones(self.region(r), 1, f"{r.address}: no zone")[0]
            )
            self._group(r, [placement], "google_compute_instance_group_manager")

    def _compute_region_instance_group_manager(self, group: Sequence[Resource]) -> None:
        for r in group:
            names = r.get("distribution_policy_zones") or []
            zones = [p for z in names for p in [self.zone(z, "distribution_policy_zones")] if p]
            if not zones:
                zones = self.region_zones(
                    self.region(r),
                    3,
                    f"{r.address}: distribution_policy_zones not set (GCP picks the zones)",
                )
            self._group(r, zones, "google_compute_region_instance_group_manager")

    def _sql_database_instance(self, group: Sequence[Resource]) -> None:
        for r in group:
            settings = first_block(r.values.get("settings"))
            preference = first_block(settings.get("location_preference"))
            region = self.region(r)
            master = r.values.get("master_instance_name")
            primary = self.zone(preference.get("zone"), "settings.location_preference.zone")
            if primary is None:
                primary = self.region_zones(region, 1, f"{r.address}: no location_preference.zone")[
                    0
                ]
            if master:
                self.b.later.append(partial(self._replica, r, master, primary))
                continue
            replicas = [
                self.b.add_component(
                    r.short,
                    "managed_db",
                    primary,
                    f"Cloud SQL {r.get('database_version', '')} {r.address}",
                )
            ]
            regional = settings.get("availability_type") == "REGIONAL"
            if regional:
                standby = self.zone(
                    preference.get("secondary_zone"), "settings.location_preference.secondary_zone"
                )
                if standby is None:
                    others = [z for z in self.b.catalogs.zones("gcp", region) if z != primary.zone]
                    standby = Placement(
                        "gcp",
                        region,
                        others[0] if others else None,
                        "guess: the standby zone GCP picks",
                    )
                    self.b.check(f"{r.address}: standby zone not set: {standby.zone} assumed")
                replicas.append(
                    self.b.add_component(
                        f"{r.short}-standby",
                        "managed_db",
                        standby,
                        "REGIONAL standby (availability_type)",
                    )
                )
            self.b.add_service(
                r.short,
                "google_sql_database_instance",
                [r],
                replicas,
                {"mode": "active_passive", "failover": dict(CLOUD_SQL_HA)} if regional else None,
                CLOUD_SQL_WHY if regional else "ZONAL (availability_type): no standby",
            )

    def _replica(self, r: Resource, master: Any, placement: Placement) -> None:
        sources = self.inventory.resolve(master, "google_sql_database_instance")
        name = self.b.add_component(
            r.short, "managed_db", placement, f"read replica {r.address} (master_instance_name)"
        )
        service = self.b.owner.get(sources[0].address) if sources else None
        if service is None:
            self.b.check(
                f"{r.address}: master_instance_name not in this configuration; modelled alone"
            )
            self.b.add_service(r.short, "google_sql_database_instance", [r], [name])
            return
        draft = self.b.services[service]
        draft.replicas.append(name)
        draft.redundancy = draft.redundancy or {
            "mode": "active_passive",
            "failover": dict(CLOUD_SQL_HA),
        }
        draft.redundancy["failover"].setdefault("targets", {})[name] = {
            "switchover": "30m",
            "description": "promoting a read replica is manual: 30 min guessed",
        }
        self.b.attach([r], service, f"replica {name}")

    def _container_cluster(self, group: Sequence[Resource]) -> None:
        for r in group:
            if r.get("remove_default_node_pool") is True or self.inventory.referencing(
                r.block, "google_container_node_pool"
            ):
                self.b.skip(
                    [r],
                    "the control plane: needed for changes, not to run workloads; nodes come from its node pools",
                )
                continue
            self._pool(
                r,
                r,
                as_int(r.get("initial_node_count"), 1) or 1,
                "initial_node_count (default pool)",
            )

    def _container_node_pool(self, group: Sequence[Resource]) -> None:
        for r in group:
            clusters = self.inventory.resolve(r.values.get("cluster"), "google_container_cluster")
            cluster = clusters[0] if clusters else r
            autoscaling = first_block(r.values.get("autoscaling"))
            count = as_int(r.get("node_count")) or as_int(r.get("initial_node_count"))
            how = "node_count per zone"
            if count is None:
                count, how = (
                    as_int(autoscaling.get("min_node_count"), 1),
                    "autoscaling.min_node_count per zone",
                )
            self._pool(r, cluster, max(count or 1, 1), how)

    def _pool(self, r: Resource, cluster: Resource, per_zone: int, how: str) -> None:
        per_zone = self.b.capped(per_zone, r.address)
        names = r.get("node_locations") or cluster.get("node_locations") or []
        zones = [p for z in names for p in [self.zone(z, "node_locations")] if p]
        location = cluster.get("location") or r.get("location")
        if not zones and isinstance(location, str):
            zone = self.zone(location, "cluster location (zonal cluster)")
            zones = (
                [zone]
                if zone and location.count("-") >= 2
                else self.region_zones(
                    location, 3, f"{r.address}: regional cluster without node_locations"
                )
            )
        if not zones:
            zones = self.region_zones(self.region(cluster), 3, f"{r.address}: location unknown")
        replicas = [
            self.b.add_component(
                f"{r.short}-{p.zone}-{i + 1}", "vm", p, f"GKE node {i + 1} in {p.zone} ({how})"
            )
            for p in zones
            for i in range(per_zone)
        ]
        self.b.add_service(
            r.short,
            r.type,
            [r],
            replicas,
            None,
            "GKE nodes; the pods' own replicas are not in Terraform",
        )

    def _compute_global_forwarding_rule(self, group: Sequence[Resource]) -> None:
        for r in group:
            name = self.b.add_component(
                r.short,
                "load_balancer",
                Placement("gcp", None, None, "global load balancer"),
                f"global forwarding rule {r.address}",
            )
            self.b.add_service(r.short, r.type, [r], [name])

    def _compute_forwarding_rule(self, group: Sequence[Resource]) -> None:
        for r in group:
            region = self.region(r)
            name = self.b.add_component(
                r.short,
                "load_balancer",
                Placement("gcp", region, None, f"region {region}"),
                f"regional forwarding rule {r.address}",
            )
            self.b.add_service(r.short, r.type, [r], [name])

    def _storage_bucket(self, group: Sequence[Resource]) -> None:
        for r in group:
            location = str(r.get("location", "")).lower()
            placement = (
                Placement("gcp", location, None, "location")
                if self.b.catalogs.has_region("gcp", location)
                else Placement("gcp", None, None, f"multi-region location {location.upper()}")
            )
            name = self.b.add_component(
                r.short, "object_storage", placement, f"Cloud Storage bucket {r.address}"
            )
            self.b.add_service(r.short, r.type, [r], [name])

    def _pubsub_topic(self, group: Sequence[Resource]) -> None:
        for r in group:
            name = self.b.add_component(
                r.short,
                "queue",
                Placement("gcp", None, None, "global service"),
                f"Pub/Sub topic {r.address}",
            )
            self.b.add_service(r.short, r.type, [r], [name])


GLUE = {
    "google_compute_network": "a network",
    "google_compute_subnetwork": "a network",
    "google_compute_instance_template": "the template of an instance group",
    "google_compute_autoscaler": "gives an instance group's minimum size",
    "google_compute_region_autoscaler": "gives an instance group's minimum size",
    "google_compute_health_check": "health check of a group or backend",
    "google_compute_backend_service": "links a load balancer to its groups (a dependency)",
    "google_compute_url_map": "links a load balancer to its backends (a dependency)",
    "google_compute_target_http_proxy": "links a load balancer to its url map (a dependency)",
    "google_compute_target_https_proxy": "links a load balancer to its url map (a dependency)",
    "google_compute_firewall": "a firewall rule",
    "google_sql_database": "a database inside an instance",
    "google_sql_user": "a user of an instance",
    "google_service_account": "permissions",
}
