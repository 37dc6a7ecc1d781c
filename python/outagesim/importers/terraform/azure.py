"""Azure resource types -> components and services (catalog azure)."""

from __future__ import annotations

from typing import Any, List, Sequence

from .draft import ModelBuilder, Placement, as_int, first_block, spread
from .resources import Resource
from .zones import azure_region, azure_zone

SQL_ZONE_REDUNDANT = {
    "detection": "15s",
    "switchover": "15s",
    "success_probability": 0.99,
    "manual_recovery": "1h",
}
SQL_WHY = (
    "zone_redundant = true: replicas in three zones, failover documented as typically "
    "under 30 s; 1% manual (1h) guessed"
)


class Azure:
    provider = "azure"

    def __init__(self, builder: ModelBuilder) -> None:
        self.b = builder
        self.inventory = builder.inventory

    def region(self, r: Resource, *fallbacks: Resource) -> str:
        for candidate in (r, *fallbacks):
            location = candidate.get("location")
            if isinstance(location, str) and location:
                return azure_region(location)
            for group in self.inventory.resolve(
                candidate.values.get("resource_group_name"), "azurerm_resource_group"
            ):
                if isinstance(group.get("location"), str):
                    return azure_region(group.get("location"))
        self.b.check("Azure location unknown: eastus assumed")
        return "eastus"

    def zones(self, region: str, names: Any, how: str) -> List[Placement]:
        if isinstance(names, (str, int)) and not isinstance(names, bool):
            names = [names]
        if not isinstance(names, list):
            return []
        return [
            Placement("azure", region, azure_zone(region, z), f"{how} {z}")
            for z in names
            if isinstance(z, (str, int))
        ]

    def no_zone(self, region: str, what: str) -> Placement:
        zones = self.b.catalogs.zones("azure", region)
        self.b.check(
            f"{what}: no zone set, so Azure picks one: {zones[0] if zones else region} assumed"
        )
        return Placement(
            "azure",
            region,
            zones[0] if zones else None,
            "guess: no zones set (Azure places it in one datacenter)",
        )

    def map(self, rtype: str, group: Sequence[Resource]) -> bool:
        handler = getattr(self, "_" + rtype[len("azurerm_") :], None)
        if handler is None:
            return False
        handler(group)
        return True

    def _linux_virtual_machine(self, group: Sequence[Resource]) -> None:
        replicas = []
        for r in group:
            region = self.region(r)
            zones = self.zones(region, r.get("zone") or r.get("zones"), "zone") or [
                self.no_zone(region, r.address)
            ]
            replicas.append(
                self.b.add_component(
                    r.short,
                    "vm",
                    zones[0],
                    f"Azure VM {r.get('size', r.get('vm_size', ''))} {r.address}",
                )
            )
        base = group[0].short.rsplit("-", 1)[0] if len(group) > 1 else group[0].short
        self.b.add_service(base, group[0].type, group, replicas)

    _windows_virtual_machine = _linux_virtual_machine
    _virtual_machine = _linux_virtual_machine

    def _linux_virtual_machine_scale_set(self, group: Sequence[Resource]) -> None:
        for r in group:
            region = self.region(r)
            count = self.b.capped(as_int(r.get("instances"), 1) or 1, r.address)
            zones = self.zones(region, r.get("zones"), "zones") or [self.no_zone(region, r.address)]
            replicas = [
                self.b.add_component(
                    f"{r.short}-{i + 1}",
                    "vm",
                    p,
                    f"scale set {r.address} instance {i + 1} of {count} (instances), balanced over zones",
                )
                for i, p in enumerate(spread(count, zones))
            ]
            self.b.add_service(r.short, r.type, [r], replicas)

    _windows_virtual_machine_scale_set = _linux_virtual_machine_scale_set
    _orchestrated_virtual_machine_scale_set = _linux_virtual_machine_scale_set

    def _mssql_database(self, group: Sequence[Resource]) -> None:
        for r in group:
            servers = self.inventory.resolve(r.values.get("server_id"), "azurerm_mssql_server")
            region = self.region(r, *servers)
            if r.get("zone_redundant") is True:
                zones = self.b.catalogs.zones("azure", region)[:3]
                replicas = [
                    self.b.add_component(
                        f"{r.short}-{z}",
                        "managed_db",
                        Placement("azure", region, z, "zone_redundant = true"),
                        f"Azure SQL {r.address} replica in {z}",
                    )
                    for z in zones
                ]
                self.b.add_service(
                    r.short,
                    r.type,
                    [r],
                    replicas,
                    {"mode": "active_passive", "failover": dict(SQL_ZONE_REDUNDANT)},
                    SQL_WHY,
                )
            else:
                name = self.b.add_component(
                    r.short,
                    "managed_db",
                    self.no_zone(region, r.address),
                    f"Azure SQL {r.address} (zone_redundant false)",
                )
                self.b.add_service(
                    r.short, r.type, [r], [name], None, "not zone redundant: one zone"
                )
            for server in servers:  # clients name the server; the database is what they need
                self.b.owner.setdefault(server.address, self.b.owner[r.address])
                self.b.owner.setdefault(server.block, self.b.owner[r.address])

    def _kubernetes_cluster(self, group: Sequence[Resource]) -> None:
        for r in group:
            self._pool(
                r,
                first_block(r.values.get("default_node_pool")),
                self.region(r),
                "default_node_pool",
            )

    def _kubernetes_cluster_node_pool(self, group: Sequence[Resource]) -> None:
        for r in group:
            clusters = self.inventory.resolve(
                r.values.get("kubernetes_cluster_id"), "azurerm_kubernetes_cluster"
            )
            self._pool(r, r.values, self.region(*(clusters or [r])), "node pool")

    def _pool(self, r: Resource, pool: dict, region: str, what: str) -> None:
        count = as_int(pool.get("node_count"))
        how = "node_count"
        if count is None:
            count, how = as_int(pool.get("min_count"), 1), "min_count (auto scaling)"
        count = self.b.capped(count or 1, r.address)
        zones = self.zones(
            region, pool.get("zones") or pool.get("availability_zones"), "zones"
        ) or [self.no_zone(region, f"{r.address} {what}")]
        replicas = [
            self.b.add_component(
                f"{r.short}-node-{i + 1}", "vm", p, f"AKS {what} node {i + 1} of {count} ({how})"
            )
            for i, p in enumerate(spread(count, zones))
        ]
        self.b.add_service(
            r.short,
            r.type,
            [r],
            replicas,
            None,
            "AKS nodes; the pods' own replicas are not in Terraform",
        )

    def _regional(self, group: Sequence[Resource], ctype: str, what: str) -> None:
        for r in group:
            region = self.region(r)
            name = self.b.add_component(
                r.short,
                ctype,
                Placement("azure", region, None, f"location {region}"),
                f"{what} {r.address}",
            )
            self.b.add_service(r.short, r.type, [r], [name])

    def _lb(self, group: Sequence[Resource]) -> None:
        self._regional(group, "load_balancer", "Azure Load Balancer")

    def _application_gateway(self, group: Sequence[Resource]) -> None:
        self._regional(group, "load_balancer", "Application Gateway")

    def _storage_account(self, group: Sequence[Resource]) -> None:
        self._regional(group, "object_storage", "storage account")

    def _servicebus_namespace(self, group: Sequence[Resource]) -> None:
        self._regional(group, "queue", "Service Bus namespace")


GLUE = {
    "azurerm_resource_group": "gives the location of what it holds",
    "azurerm_virtual_network": "a network",
    "azurerm_subnet": "a network",
    "azurerm_network_interface": "a network interface",
    "azurerm_network_security_group": "a firewall rule",
    "azurerm_public_ip": "an address",
    "azurerm_mssql_server": "the server of a database: gives its location",
    "azurerm_lb_backend_address_pool": "links a load balancer to its VMs (a dependency)",
    "azurerm_lb_rule": "a load balancer rule",
    "azurerm_lb_probe": "a load balancer health probe",
}
