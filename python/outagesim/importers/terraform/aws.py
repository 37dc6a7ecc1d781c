"""AWS resource types -> components and services (catalog aws)."""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import Any, Dict, List, Optional, Sequence

from .draft import ModelBuilder, Placement, as_int, blocks, first_block, join, spread
from .resources import Resource
from .zones import aws_region_of, aws_zone

# Failover timings: what AWS documents, as the detection and switchover of the model; they are
# written into the service description so that a user sees them and can correct them.
RDS_MULTI_AZ = {
    "detection": "1m",
    "switchover": "1m",
    "success_probability": 0.99,
    "manual_recovery": "1h",
}
RDS_MULTI_AZ_WHY = (
    "RDS Multi-AZ failover, documented as typically 60-120 s; 1% needing a human (1h) guessed"
)
AURORA = {
    "detection": "15s",
    "switchover": "15s",
    "success_probability": 0.99,
    "manual_recovery": "1h",
}
AURORA_WHY = (
    "Aurora failover to a replica, documented as typically under 30 s; 1% manual (1h) guessed"
)
ELASTICACHE = {
    "detection": "30s",
    "switchover": "1m",
    "success_probability": 0.99,
    "manual_recovery": "1h",
}
MANUAL_PROMOTION = {
    "switchover": "30m",
    "description": "promoting a cross-region replica is a manual step (promote, repoint): 30 min guessed",
}


class Aws:
    provider = "aws"

    def __init__(self, builder: ModelBuilder) -> None:
        self.b = builder
        self.inventory = builder.inventory
        known = Counter(
            region
            for r in self.inventory.resources
            if r.type.startswith("aws_")
            for region in [aws_region_of(r.values) or self.inventory.region_of(r)]
            if region
        )
        # A state records each subnet's zone ID beside its name: the account's own mapping.
        self.zone_ids: Dict[str, str] = {
            r.get("availability_zone"): r.get("availability_zone_id")
            for r in self.inventory.resources
            if r.type == "aws_subnet"
            and isinstance(r.get("availability_zone"), str)
            and isinstance(r.get("availability_zone_id"), str)
        }
        self.dns_service: Optional[str] = None
        self.default_region: Optional[str] = known.most_common(1)[0][0] if known else None

    # --- placement
    def region(self, resource: Resource) -> str:
        region = aws_region_of(resource.values) or self.inventory.region_of(resource)
        if region:
            return region
        if self.default_region:
            return self.default_region
        self.b.check(
            "AWS region unknown (no provider region, ARN or zone): us-east-1 assumed; "
            "edit the locations"
        )
        self.default_region = "us-east-1"
        return "us-east-1"

    def zone(self, name: Any, how: str) -> Optional[Placement]:
        if not isinstance(name, str):
            return None
        if name in self.zone_ids:
            found = aws_zone(self.zone_ids[name], self.b.catalogs)
            if found:
                region, zone, _ = found
                return Placement(
                    "aws",
                    region,
                    zone,
                    f"{how} ({name} = {zone}, the account's zone ID in the subnets' availability_zone_id)",
                )
        found = aws_zone(name, self.b.catalogs)
        if found is None:
            return None
        region, zone, mapped = found
        return Placement("aws", region, zone, f"{how} ({mapped})")

    def subnet_zones(self, value: Any, how: str) -> List[Placement]:
        placements = []
        for subnet in self.inventory.resolve(value, "aws_subnet"):
            az = subnet.get("availability_zone_id") or subnet.get("availability_zone")
            placement = self.zone(az, f"{how} -> {subnet.address}.availability_zone")
            if placement:
                placements.append(placement)
        return placements

    def catalog_zones(self, region: str, count: int, why: str) -> List[Placement]:
        zones: List[Optional[str]] = list(self.b.catalogs.zones("aws", region)) or [None]
        self.b.check(f"{why}: zones of {region} taken in catalog order")
        return [
            Placement("aws", region, zones[i % len(zones)], f"guess: {why}, catalog zone order")
            for i in range(count)
        ]

    def regional(self, resource: Resource) -> Placement:
        region = self.region(resource)
        return Placement("aws", region, None, f"region {region} (a regional service)")

    # --- mappers, one per Terraform block (all its count/for_each instances)
    def map(self, rtype: str, group: Sequence[Resource]) -> bool:
        handler = getattr(self, "_" + rtype[len("aws_") :], None)
        if handler is None:
            return False
        handler(group)
        return True

    def _instance(self, group: Sequence[Resource]) -> None:
        replicas = []
        for r in group:
            placement = self.zone(r.get("availability_zone"), "availability_zone")
            if placement is None:
                zones = self.subnet_zones(r.get("subnet_id"), "subnet_id")
                placement = (
                    zones[0]
                    if zones
                    else self.catalog_zones(
                        self.region(r), 1, f"{r.address} has no zone or subnet"
                    )[0]
                )
            replicas.append(
                self.b.add_component(
                    r.short,
                    "vm",
                    placement,
                    f"EC2 {r.get('instance_type', '')} {r.address}".strip(),
                )
            )
        self.b.add_service(
            group[0].short.rsplit("-", 1)[0] if len(group) > 1 else group[0].short,
            "aws_instance",
            group,
            replicas,
            description="EC2 instances of one block (count/for_each)" if len(group) > 1 else "",
        )

    def _autoscaling_group(self, group: Sequence[Resource]) -> None:
        for r in group:
            desired = as_int(r.get("desired_capacity"))
            minimum = as_int(r.get("min_size"), 1) or 0
            count = desired if desired is not None else max(minimum, 1)
            how = "desired_capacity" if desired is not None else "min_size (no desired_capacity)"
            zones = self.subnet_zones(r.get("vpc_zone_identifier"), "vpc_zone_identifier")
            if not zones:
                zones = [
                    p
                    for z in r.get("availability_zones") or []
                    for p in [self.zone(z, "availability_zones")]
                    if p
                ]
            if not zones:
                zones = self.catalog_zones(
                    self.region(r), max(count, 1), f"{r.address}: subnets not resolved"
                )
            count = self.b.capped(count, r.address)
            replicas = [
                self.b.add_component(
                    f"{r.short}-{i + 1}",
                    "vm",
                    placement,
                    f"ASG {r.address} instance {i + 1} of {count} ({how}), spread over its zones",
                )
                for i, placement in enumerate(spread(count, zones))
            ]
            min_healthy = min(max(minimum, 1), count)
            self.b.add_service(
                r.short,
                "aws_autoscaling_group",
                [r],
                replicas,
                {"mode": "active_active", "min_healthy": min_healthy},
                f"min_healthy {min_healthy} from min_size {minimum} (the capacity the group keeps)",
            )

    def _eks_node_group(self, group: Sequence[Resource]) -> None:
        for r in group:
            scaling = first_block(r.values.get("scaling_config"))
            count = self.b.capped(as_int(scaling.get("desired_size"), 1) or 1, r.address)
            minimum = as_int(scaling.get("min_size"), 1) or 1
            zones = self.subnet_zones(r.get("subnet_ids"), "subnet_ids") or self.catalog_zones(
                self.region(r), count, f"{r.address}: subnets not resolved"
            )
            replicas = [
                self.b.add_component(
                    f"{r.short}-{i + 1}",
                    "vm",
                    p,
                    f"EKS node {i + 1} of {count} (scaling_config.desired_size)",
                )
                for i, p in enumerate(spread(count, zones))
            ]
            m = min(max(minimum, 1), count)
            self.b.add_service(
                r.short,
                "aws_eks_node_group",
                [r],
                replicas,
                {"mode": "active_active", "min_healthy": m},
                f"min_healthy {m} from scaling_config.min_size; the pods' own replicas are not in Terraform",
            )

    def _lb(self, group: Sequence[Resource]) -> None:
        for r in group:
            zones = sorted({p.zone or "" for p in self.subnet_zones(r.get("subnets"), "subnets")})
            name = self.b.add_component(
                r.short,
                "load_balancer",
                self.regional(r),
                f"{r.get('load_balancer_type', 'application')} load balancer {r.address}"
                + (f" across zones {', '.join(zones)}" if zones else "")
                + ": one regional endpoint, as the catalog prices it",
            )
            self.b.add_service(r.short, "aws_lb", [r], [name])

    _alb = _lb
    _elb = _lb

    def _db_instance(self, group: Sequence[Resource]) -> None:
        for r in group:
            source = r.values.get("replicate_source_db")
            if source:
                self.b.later.append(partial(self._replica, r, source))
                continue
            subnet_zones = self._subnet_group_zones(r)
            home = self.zone(r.get("availability_zone"), "availability_zone")
            zones = [home] if home else subnet_zones[:1]
            if not zones:
                zones = self.catalog_zones(self.region(r), 1, f"{r.address}: no availability_zone")
            backups = as_int(r.get("backup_retention_period"), 0)
            note = (
                f"backup_retention_period {backups} d"
                if backups
                else "no automated backups (backup_retention_period 0)"
            )
            primary = self.b.add_component(
                f"{r.short}",
                "managed_db",
                zones[0],
                f"RDS {r.get('engine', '')} {r.address}; {note}",
            )
            replicas = [primary]
            redundancy = None
            why = ""
            if r.get("multi_az") is True:
                others = [p for p in subnet_zones if p.zone != zones[0].zone]
                standby_zone = others[0] if others else self._next_zone(zones[0], r)
                replicas.append(
                    self.b.add_component(
                        f"{r.short}-standby",
                        "managed_db",
                        standby_zone,
                        f"Multi-AZ standby of {r.address} (multi_az = true)",
                    )
                )
                redundancy = {"mode": "active_passive", "failover": dict(RDS_MULTI_AZ)}
                why = RDS_MULTI_AZ_WHY
            self.b.add_service(r.short, "aws_db_instance", [r], replicas, redundancy, why)

    def _subnet_group_zones(self, r: Resource) -> List[Placement]:
        for group in self.inventory.resolve(
            r.values.get("db_subnet_group_name"), "aws_db_subnet_group"
        ):
            return self.subnet_zones(
                group.get("subnet_ids"), f"db_subnet_group_name {group.address}.subnet_ids"
            )
        return []

    def _next_zone(self, placement: Placement, r: Resource) -> Placement:
        zones = self.b.catalogs.zones("aws", placement.region or "")
        others = [z for z in zones if z != placement.zone]
        self.b.check(
            f"{r.address}: Multi-AZ standby zone not in the configuration: next catalog zone assumed"
        )
        return Placement(
            "aws",
            placement.region,
            others[0] if others else None,
            "guess: the standby zone AWS picks, taken as the next catalog zone",
        )

    def _replica(self, r: Resource, source: Any) -> None:
        sources = self.inventory.resolve(source, "aws_db_instance")
        service = self.b.owner.get(sources[0].address) if sources else None
        placement = self.zone(r.get("availability_zone"), "availability_zone") or self.regional(r)
        if placement.zone is None:
            placement = self.catalog_zones(
                placement.region or self.region(r), 1, f"{r.address}: replica zone not set"
            )[0]
        name = self.b.add_component(
            r.short, "managed_db", placement, f"read replica {r.address} (replicate_source_db)"
        )
        if service is None:
            self.b.check(
                f"{r.address}: replicate_source_db '{source}' is not in this configuration; modelled alone"
            )
            self.b.add_service(r.short, "aws_db_instance", [r], [name])
            return
        draft = self.b.services[service]
        draft.replicas.append(name)
        if draft.redundancy is None:
            draft.redundancy = {"mode": "active_passive", "failover": dict(RDS_MULTI_AZ)}
        failover = draft.redundancy.setdefault("failover", {})
        cross_region = (
            placement.region != self.b.components[draft.replicas[0]]["location"].split("/")[1]
        )
        if cross_region:
            failover.setdefault("targets", {})[name] = dict(MANUAL_PROMOTION)
        draft.description = join(
            draft.description,
            f"{name}: {'cross-region ' if cross_region else ''}replica, promoted last",
        )
        self.b.attach([r], service, f"replica {name}")

    def _rds_cluster(self, group: Sequence[Resource]) -> None:
        for r in group:
            self.b.later.append(partial(self._aurora, r))

    def _aurora(self, cluster: Resource) -> None:
        instances = [
            i
            for i in self.inventory.resources
            if i.type == "aws_rds_cluster_instance"
            and cluster
            in self.inventory.resolve(i.values.get("cluster_identifier"), "aws_rds_cluster")
        ]
        zones = [
            p
            for z in cluster.get("availability_zones") or []
            for p in [self.zone(z, "cluster availability_zones")]
            if p
        ]
        count = max(len(instances), 1)
        if not zones:
            zones = self.catalog_zones(
                self.region(cluster), count, f"{cluster.address}: zones not set"
            )
        replicas = []
        for i in range(count):
            member = instances[i] if instances else None
            placement = (
                self.zone(member.get("availability_zone"), "availability_zone") if member else None
            ) or zones[i % len(zones)]
            replicas.append(
                self.b.add_component(
                    member.short if member else cluster.short,
                    "managed_db",
                    placement,
                    f"Aurora instance {member.address if member else '(writer: no aws_rds_cluster_instance found)'}",
                )
            )
        redundancy = {"mode": "active_passive", "failover": dict(AURORA)} if count > 1 else None
        self.b.add_service(
            cluster.short,
            "aws_rds_cluster",
            [cluster] + instances,
            replicas,
            redundancy,
            AURORA_WHY if count > 1 else "single Aurora instance: no failover target",
        )

    def _rds_cluster_instance(self, group: Sequence[Resource]) -> None:
        if not any(
            i
            for r in group
            for i in self.inventory.resolve(r.values.get("cluster_identifier"), "aws_rds_cluster")
        ):
            self.b.skip(group, "its aws_rds_cluster is not in this configuration")

    def _elasticache_replication_group(self, group: Sequence[Resource]) -> None:
        for r in group:
            shards = as_int(r.get("num_node_groups"), 1) or 1
            per_shard = as_int(r.get("replicas_per_node_group"))
            count = as_int(r.get("num_cache_clusters")) or as_int(r.get("number_cache_clusters"))
            if count is None:
                count = (per_shard or 0) + 1
            count = self.b.capped(count, r.address)
            if shards > 1:
                self.b.check(f"{r.address}: {shards} shards modelled as one group of {count} nodes")
            zones = [
                p
                for z in r.get("preferred_cache_cluster_azs") or []
                for p in [self.zone(z, "preferred_cache_cluster_azs")]
                if p
            ]
            if not zones:
                zones = self.catalog_zones(
                    self.region(r), count, f"{r.address}: preferred_cache_cluster_azs not set"
                )
            replicas = [
                self.b.add_component(
                    f"{r.short}-{i + 1}", "cache", p, f"ElastiCache node {i + 1} of {count}"
                )
                for i, p in enumerate(spread(count, zones))
            ]
            auto = r.get("automatic_failover_enabled") is True
            failover = dict(ELASTICACHE)
            if not auto:
                failover.update(success_probability=0.0)
            self.b.add_service(
                r.short,
                "aws_elasticache_replication_group",
                [r],
                replicas,
                {"mode": "active_passive", "failover": failover} if count > 1 else None,
                "automatic_failover_enabled: replica promoted in about a minute (guessed)"
                if auto
                else "no automatic failover: a human promotes a replica (1h guessed)",
            )

    def _s3_bucket(self, group: Sequence[Resource]) -> None:
        for r in group:
            name = self.b.add_component(
                r.short, "object_storage", self.regional(r), f"S3 bucket {r.address}"
            )
            self.b.add_service(r.short, "aws_s3_bucket", [r], [name])
            for rule in blocks(first_block(r.values.get("replication_configuration")).get("rules")):
                for destination in blocks(rule.get("destination")):
                    target = destination.get("bucket")
                    self.b.later.append(partial(self._replicate, r, target))

    def _s3_bucket_replication_configuration(self, group: Sequence[Resource]) -> None:
        for r in group:
            sources = self.inventory.resolve(r.values.get("bucket"), "aws_s3_bucket")
            for rule in blocks(r.values.get("rule")):
                for destination in blocks(rule.get("destination")):
                    target = destination.get("bucket")
                    if sources:
                        self.b.later.append(partial(self._replicate, sources[0], target))
            self.b.skip(group, "replication of a bucket: joins the two buckets' services")

    def _replicate(self, source: Resource, destination: Any) -> None:
        targets = self.inventory.resolve(destination, "aws_s3_bucket")
        service, other = (
            self.b.owner.get(source.address),
            self.b.owner.get(targets[0].address) if targets else None,
        )
        if not service or not other or service == other:
            self.b.check(f"{source.address}: replication destination {destination} not found")
            return
        self.b.extra_merges.append(
            (
                service,
                other,
                {
                    "detection": "5m",
                    "switchover": "15m",
                    "success_probability": 0.0,
                    "manual_recovery": "1h",
                },
                "S3 replication: reads move to the replica bucket when the application is pointed at it (a manual change, 1h guessed)",
            )
        )

    def _dynamodb_table(self, group: Sequence[Resource]) -> None:
        for r in group:
            home = self.regional(r)
            replicas = [
                self.b.add_component(
                    r.short,
                    "managed_db",
                    home,
                    f"DynamoDB table {r.address} (regional, multi-zone by design)",
                )
            ]
            for replica in blocks(r.values.get("replica")):
                region = replica.get("region_name")
                if isinstance(region, str):
                    replicas.append(
                        self.b.add_component(
                            f"{r.short}-{region}",
                            "managed_db",
                            Placement("aws", region, None, "replica.region_name"),
                            f"global table replica in {region}",
                        )
                    )
            self.b.add_service(
                r.short,
                "aws_dynamodb_table",
                [r],
                replicas,
                {"mode": "active_active", "min_healthy": 1} if len(replicas) > 1 else None,
                "global table: every replica serves reads and writes" if len(replicas) > 1 else "",
            )

    def _sqs_queue(self, group: Sequence[Resource]) -> None:
        for r in group:
            name = self.b.add_component(
                r.short, "queue", self.regional(r), f"SQS queue {r.address}"
            )
            self.b.add_service(r.short, "aws_sqs_queue", [r], [name])

    def _cloudfront_distribution(self, group: Sequence[Resource]) -> None:
        for r in group:
            name = self.b.add_component(
                r.short,
                "cdn",
                Placement("aws", None, None, "global service"),
                f"CloudFront distribution {r.address}; its origins are its dependencies",
            )
            self.b.add_service(r.short, "aws_cloudfront_distribution", [r], [name])

    def _route53_record(self, group: Sequence[Resource]) -> None:
        # Every record is served by the same Route 53 data plane: one dns service for all.
        if self.dns_service is None:
            name = self.b.add_component(
                "route53",
                "dns",
                Placement("aws", None, None, "global service"),
                "Route 53: every record is served by the same global data plane",
            )
            self.dns_service = self.b.add_service("route53", "aws_route53_record", group, [name])
        else:
            self.b.attach(group, self.dns_service, "record")
        for r in group:
            policy = first_block(r.values.get("failover_routing_policy"))
            if policy.get("type") in ("PRIMARY", "SECONDARY"):
                self.b.later.append(partial(self.b.failover_records.append, (r, policy["type"])))

    def failover_timings(self, record: Resource) -> Dict[str, Any]:
        checks = self.inventory.resolve(
            record.values.get("health_check_id"), "aws_route53_health_check"
        )
        interval = as_int(checks[0].get("request_interval"), 30) if checks else 30
        threshold = as_int(checks[0].get("failure_threshold"), 3) if checks else 3
        ttl = as_int(record.get("ttl"), 60)
        return {
            "detection": f"{(interval or 30) * (threshold or 3)}s",
            "switchover": f"{ttl}s",
            "success_probability": 0.99,
            "manual_recovery": "30m",
            "_why": f"Route 53 failover: detection = request_interval {interval} s x failure_threshold {threshold} "
            f"of the health check{'' if checks else ' (defaults: no health check found)'}, switchover = "
            f"{'ttl' if record.get('ttl') else 'alias, resolvers cache about'} {ttl} s; 1% manual (30m) guessed",
        }


# Types that are configuration or plumbing, not something that fails on its own in this model.
GLUE = {
    "aws_subnet": "a network: gives the zones of what is placed in it",
    "aws_vpc": "a network",
    "aws_launch_template": "the template of an autoscaling group's instances",
    "aws_launch_configuration": "the template of an autoscaling group's instances",
    "aws_db_subnet_group": "gives the zones of a database",
    "aws_elasticache_subnet_group": "gives the zones of a cache",
    "aws_lb_target_group": "links a load balancer to its instances (a dependency)",
    "aws_lb_listener": "links a load balancer to its target group (a dependency)",
    "aws_lb_target_group_attachment": "links a target group to an instance (a dependency)",
    "aws_autoscaling_attachment": "links a group to a load balancer (a dependency)",
    "aws_route53_health_check": "gives the timings of a failover record",
    "aws_route53_zone": "a hosted zone: its records are the dns service",
    "aws_eks_cluster": "the control plane: needed for changes, not to run workloads (not modelled)",
    "aws_security_group": "a firewall rule",
    "aws_security_group_rule": "a firewall rule",
    "aws_internet_gateway": "a network",
    "aws_nat_gateway": "a network path (not modelled)",
    "aws_route_table": "a network",
    "aws_route_table_association": "a network",
    "aws_eip": "an address",
    "aws_iam_role": "permissions",
    "aws_iam_role_policy_attachment": "permissions",
    "aws_iam_instance_profile": "permissions",
    "aws_s3_bucket_versioning": "bucket configuration",
    "aws_kms_key": "a key (not modelled)",
}
