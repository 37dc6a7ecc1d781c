"""outagesim.import_terraform on `terraform show -json` documents: a state (values, child
modules, depends_on) and a plan (planned_values, configuration references, provider aliases)."""

from __future__ import annotations

import json

from outagesim.importers import import_terraform
from terraform_helpers import FIXTURES, check_usable, depends, locations


def test_state_of_multi_az_web_app(tmp_path):
    result = import_terraform(FIXTURES / "aws-webapp.state.json")
    model = result.model
    check_usable(result, tmp_path)
    # the subnets record the account's zone IDs: us-east-1a is use1-az4 here, not az1
    assert sorted(locations(model, "web-vm")) == [
        "aws/us-east-1/use1-az1",
        "aws/us-east-1/use1-az4",
        "aws/us-east-1/use1-az6",
    ]
    assert "(zone ID use1-az4)" in model["components"]["web-1"]["description"]
    # a zone given by name elsewhere (the cache's preferred AZs) follows the same mapping
    assert locations(model, "sessions-cache") == [
        "aws/us-east-1/use1-az4",
        "aws/us-east-1/use1-az6",
    ]
    assert "us-east-1a = use1-az4" in model["components"]["sessions-1"]["description"]
    assert model["services"]["web-vm"]["redundancy"]["min_healthy"] == 2
    # multi_az: primary in us-east-1b (use1-az6), standby in another zone of its subnet group
    assert locations(model, "main-db") == ["aws/us-east-1/use1-az6", "aws/us-east-1/use1-az4"]
    assert depends(model, "web-lb") == {"web-vm"}
    assert depends(model, "web-vm") == {"main-db", "sessions-cache"}
    assert result.skipped == {}  # every type in the state is mapped or known plumbing
    assert "permissions: aws_iam_role.web" in result.summary
    assert "data.aws_ami" not in result.summary


def test_plan_with_replica_and_failover_records(tmp_path):
    result = import_terraform(FIXTURES / "aws-dr.plan.json")
    model = result.model
    check_usable(result, tmp_path)
    # provider aliases from configuration.provider_config: aws (us-west-2), aws.dr (us-east-2)
    lb = model["services"]["primary-app-lb"]
    assert locations(model, "primary-app-lb") == ["aws/us-west-2", "aws/us-east-2"]
    assert lb["redundancy"]["failover"]["detection"] == "60s"  # 30 s x 2 failures
    assert lb["depends_on"] == [{"service": "primary-app-vm", "scope": "same_region"}]
    # instances reach the database and queue through module variables (var.db_host)
    assert depends(model, "primary-app-vm") == {"primary-db", "jobs-queue"}
    db = model["services"]["primary-db"]
    assert locations(model, "primary-db")[-1] == "aws/us-east-2/use2-az1"
    assert "replica" in db["redundancy"]["failover"]["targets"]
    assert result.skipped == {"aws_cloudwatch_log_group": 1}
    # which for_each record goes where was read from names: the summary says so
    assert "set_identifier 'primary'" in result.summary


def test_unknown_keys_and_minor_versions_are_accepted(tmp_path):
    document = json.loads((FIXTURES / "aws-webapp.state.json").read_text())
    document["format_version"] = "1.9"
    document["some_future_section"] = {"anything": [1, 2]}
    document["values"]["root_module"]["resources"][0]["future_field"] = True
    path = tmp_path / "state.json"
    path.write_text(json.dumps(document))
    assert len(import_terraform(path).model["services"]) == 4


def test_unknown_types_are_counted_not_errors(tmp_path):
    document = json.loads((FIXTURES / "aws-webapp.state.json").read_text())
    resources = document["values"]["root_module"]["resources"]
    for i in range(3):
        resources.append(
            {
                "address": f"newcloud_widget.w[{i}]",
                "mode": "managed",
                "type": "newcloud_widget",
                "name": "w",
                "index": i,
                "values": {},
            }
        )
    path = tmp_path / "state.json"
    path.write_text(json.dumps(document))
    result = import_terraform(path)
    assert result.skipped["newcloud_widget"] == 3
    assert "3 x newcloud_widget" in result.summary


def test_absurd_sizes_are_capped_not_expanded(tmp_path):
    document = json.loads((FIXTURES / "aws-webapp.state.json").read_text())
    group = document["values"]["root_module"]["resources"][0]
    assert group["type"] == "aws_autoscaling_group"
    group["values"]["desired_capacity"] = 10**9
    path = tmp_path / "state.json"
    path.write_text(json.dumps(document))
    result = import_terraform(path)
    assert len(result.model["services"]["web-vm"]["replicas"]) == 1000
    assert "1000000000 replicas capped at 1000" in result.summary


def test_gcp_state_regional_group_cloud_sql_and_replica(tmp_path):
    result = import_terraform(FIXTURES / "gcp-orders.state.json")
    model = result.model
    check_usable(result, tmp_path)
    api = locations(model, "api-vm")
    assert len(api) == 6 and sorted(set(api)) == [
        "gcp/europe-west1/europe-west1-b",
        "gcp/europe-west1/europe-west1-c",
        "gcp/europe-west1/europe-west1-d",
    ]
    assert model["services"]["api-vm"]["redundancy"]["min_healthy"] == 4  # autoscaler minimum
    db = model["services"]["orders-db"]
    # REGIONAL: zone and secondary_zone from settings[0].location_preference[0]; the
    # cross-region read replica (master_instance_name) is promoted by hand
    assert locations(model, "orders-db") == [
        "gcp/europe-west1/europe-west1-c",
        "gcp/europe-west1/europe-west1-d",
        "gcp/us-east1/us-east1-c",
    ]
    assert db["redundancy"]["failover"]["targets"]["orders_replica"]["switchover"] == "30m"
    assert depends(model, "api-vm") == {"orders-db"}
    assert result.skipped == {"google_monitoring_alert_policy": 1}
