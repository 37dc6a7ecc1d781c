"""How long `outagesim import terraform` takes on a large state: a synthetic estate of N web
stacks (VPC, three subnets, ALB, target group, listener, launch template, ASG, Multi-AZ RDS),
written in the `terraform show -json` state format and imported once. Prints figures; not a test.

    python bench/bench_import_terraform.py [--stacks 200]
"""

import argparse
import json
import tempfile
import time

from outagesim.importers import import_terraform

ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]


def resource(address, rtype, values, depends_on=()):
    name = address.split(".")[-1]
    return {
        "address": address,
        "mode": "managed",
        "type": rtype,
        "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": values,
        "depends_on": list(depends_on),
    }


def stack(i):
    """One module of the estate: module.stack<i>."""
    prefix = f"module.stack{i}"
    subnets = [f"subnet-{i:05d}{z}" for z in range(3)]
    tg_arn = f"arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/tg{i}/x"
    lb_arn = f"arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/lb{i}/x"
    out = [
        resource(f"{prefix}.aws_vpc.this", "aws_vpc", {"id": f"vpc-{i}"}),
        resource(
            f"{prefix}.aws_lb.web", "aws_lb", {"arn": lb_arn, "id": lb_arn, "subnets": subnets}
        ),
        resource(
            f"{prefix}.aws_lb_target_group.web",
            "aws_lb_target_group",
            {"arn": tg_arn, "id": tg_arn},
        ),
        resource(
            f"{prefix}.aws_lb_listener.web",
            "aws_lb_listener",
            {"load_balancer_arn": lb_arn},
            [f"{prefix}.aws_lb.web", f"{prefix}.aws_lb_target_group.web"],
        ),
        resource(
            f"{prefix}.aws_db_instance.db",
            "aws_db_instance",
            {"identifier": f"db{i}", "multi_az": True, "availability_zone": ZONES[i % 3]},
        ),
        resource(
            f"{prefix}.aws_autoscaling_group.web",
            "aws_autoscaling_group",
            {"desired_capacity": 3, "min_size": 2, "vpc_zone_identifier": subnets},
            [f"{prefix}.aws_db_instance.db", f"{prefix}.aws_lb_target_group.web"],
        ),
    ]
    for z, subnet in enumerate(subnets):
        entry = resource(
            f"{prefix}.aws_subnet.app[{z}]",
            "aws_subnet",
            {"id": subnet, "availability_zone": ZONES[z]},
            [f"{prefix}.aws_vpc.this"],
        )
        entry["index"] = z
        entry["name"] = "app"
        out.append(entry)
    return {"address": prefix, "resources": out}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stacks", type=int, default=200)
    args = parser.parse_args()
    state = {
        "format_version": "1.0",
        "values": {"root_module": {"child_modules": [stack(i) for i in range(args.stacks)]}},
    }
    resources = sum(len(m["resources"]) for m in state["values"]["root_module"]["child_modules"])
    with tempfile.NamedTemporaryFile("w", suffix=".json") as handle:
        json.dump(state, handle)
        handle.flush()
        start = time.perf_counter()
        result = import_terraform(handle.name)
        elapsed = time.perf_counter() - start
    print(
        f"{args.stacks} stacks, {resources} resources -> {len(result.model['components'])} "
        f"components, {len(result.model['services'])} services in {elapsed:.2f} s "
        f"({1e3 * elapsed / resources:.2f} ms per resource, loader validation included)"
    )


if __name__ == "__main__":
    main()
