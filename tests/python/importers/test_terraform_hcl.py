"""outagesim.import_terraform on directories of .tf files written as projects write them:
modules, count/for_each, variables and tfvars, locals, references between resources."""

from __future__ import annotations

import shutil

import pytest
from outagesim.importers import import_terraform
from terraform_helpers import FIXTURES, check_usable, depends, locations


def test_aws_multi_az_web_app(tmp_path):
    result = import_terraform(FIXTURES / "aws-webapp")
    model = result.model
    check_usable(result, tmp_path)
    # terraform.tfvars widens azs to three zones: the ASG's subnets (module outputs, count)
    assert sorted(locations(model, "web-vm")) == [
        "aws/us-east-1/use1-az1",
        "aws/us-east-1/use1-az2",
        "aws/us-east-1/use1-az3",
    ]
    assert model["services"]["web-vm"]["redundancy"] == {"mode": "active_active", "min_healthy": 2}
    # db_multi_az = true in tfvars: a standby in another zone, failing over
    db = model["services"]["main-db"]
    assert db["redundancy"]["mode"] == "active_passive"
    assert len(set(locations(model, "main-db"))) == 2
    assert model["services"]["sessions-cache"]["redundancy"]["mode"] == "active_passive"
    assert locations(model, "orders-queue") == ["aws/us-east-1"]
    # references: the ALB sends to the group (target group + listener); the launch template's
    # user_data names the database, the cache and the queue
    assert depends(model, "web-lb") == {"web-vm"}
    assert depends(model, "web-vm") == {"main-db", "sessions-cache", "orders-queue"}
    assert result.skipped == {"aws_cloudwatch_metric_alarm": 1}
    assert "14 d" in model["components"]["main"]["description"]
    assert model["name"] == "aws-webapp"


def test_defaults_apply_without_tfvars(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "aws-webapp", project)
    (project / "terraform.tfvars").unlink()
    result = import_terraform(project)
    model = result.model
    # the variable defaults: two zones, no Multi-AZ; environment has no default
    assert sorted(set(locations(model, "web-vm"))) == [
        "aws/us-east-1/use1-az1",
        "aws/us-east-1/use1-az2",
    ]
    assert "redundancy" not in model["services"]["main-db"]
    assert len(model["services"]["main-db"]["replicas"]) == 1
    assert any("var.environment" in line for line in result.unresolved)
    assert "var.environment" in result.summary


def test_aws_cross_region_failover(tmp_path):
    result = import_terraform(FIXTURES / "aws-dr")
    model = result.model
    check_usable(result, tmp_path)
    # Route 53 PRIMARY/SECONDARY alias records over two regional stacks (one module, two
    # provider aliases): one active_passive service with the health check's timings
    lb = model["services"]["east-this-lb"]
    assert lb["redundancy"]["mode"] == "active_passive"
    assert lb["redundancy"]["failover"]["detection"] == "30s"  # 10 s x 3 failures
    assert locations(model, "east-this-lb") == ["aws/us-east-1", "aws/us-west-2"]
    assert "west-this-lb" not in model["services"]
    assert lb["depends_on"] == [{"service": "east-this-vm", "scope": "same_region"}]
    web = locations(model, "east-this-vm")
    assert sorted(web) == [
        "aws/us-east-1/use1-az1",
        "aws/us-east-1/use1-az2",
        "aws/us-west-2/usw2-az1",
        "aws/us-west-2/usw2-az2",
    ]
    assert depends(model, "route53-dns") == {"east-this-lb"}
    assert depends(model, "east-this-vm") == {"primary-db"}
    # RDS Multi-AZ plus a cross-region replica promoted by hand
    db = model["services"]["primary-db"]
    assert db["replicas"] == ["primary", "primary-standby", "replica"]
    assert locations(model, "primary-db")[2] == "aws/us-west-2/usw2-az2"
    assert db["redundancy"]["failover"]["targets"]["replica"]["switchover"] == "30m"
    # S3 replication joins the buckets; a DynamoDB global table spans both regions
    assert locations(model, "assets-bucket") == ["aws/us-east-1", "aws/us-west-2"]
    assert locations(model, "carts-db") == ["aws/us-east-1", "aws/us-west-2"]
    assert depends(model, "assets-cdn") == {"assets-bucket"}
    assert locations(model, "assets-cdn") == ["aws"]


def test_gcp_regional_mig_and_cloud_sql(tmp_path):
    result = import_terraform(FIXTURES / "gcp-regional")
    model = result.model
    check_usable(result, tmp_path)
    assert locations(model, "api-vm") == [
        "gcp/us-central1/us-central1-a",
        "gcp/us-central1/us-central1-b",
        "gcp/us-central1/us-central1-c",
    ]
    # the autoscaler's min_replicas is the capacity kept
    assert model["services"]["api-vm"]["redundancy"]["min_healthy"] == 2
    sql = model["services"]["orders-db"]
    assert sql["redundancy"]["mode"] == "active_passive"  # availability_type REGIONAL
    assert locations(model, "orders-db") == [
        "gcp/us-central1/us-central1-a",
        "gcp/us-central1/us-central1-b",
    ]
    # node_count is per zone: 2 x 2 node_locations
    assert sorted(set(locations(model, "jobs-vm"))) == [
        "gcp/us-central1/us-central1-a",
        "gcp/us-central1/us-central1-b",
    ]
    assert len(locations(model, "jobs-vm")) == 4
    # forwarding rule -> proxy -> url map -> backend service -> group
    assert depends(model, "api-lb") == {"api-vm"}
    assert depends(model, "api-vm") == {"orders-db"}
    assert result.skipped == {"google_bigquery_dataset": 1}


def test_gcp_zonal_when_ha_is_off(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "gcp-regional", project)
    (project / "terraform.tfvars").write_text('ha = false\nregion = "us-east1"\n')
    model = import_terraform(project).model
    assert len(model["services"]["orders-db"]["replicas"]) == 1
    # us-east1 has no zone -a; the catalog does not list it, so the model declares it
    assert locations(model, "api-vm")[1] == "gcp/us-east1/us-east1-b"
    assert "us-east1-a" in model["providers"]["gcp"]["regions"]["us-east1"]["zones"]


def test_azure_scale_set_zones_and_zone_redundant_sql(tmp_path):
    result = import_terraform(FIXTURES / "azure-zones")
    model = result.model
    check_usable(result, tmp_path)
    zones = ["azure/eastus2/eastus2-1", "azure/eastus2/eastus2-2", "azure/eastus2/eastus2-3"]
    assert locations(model, "app-vm") == zones  # "East US 2" -> eastus2, zones 1-3
    assert locations(model, "claims-db") == zones  # zone_redundant = true
    assert model["services"]["claims-db"]["redundancy"]["mode"] == "active_passive"
    assert locations(model, "workers-vm") == zones
    assert depends(model, "app-lb") == {"app-vm"}  # through the backend pool
    assert depends(model, "app-vm") == {"claims-db"}  # custom_data names the SQL server
    assert result.skipped == {"azurerm_monitor_action_group": 1}


@pytest.mark.parametrize("project", ["aws-webapp", "aws-dr", "gcp-regional", "azure-zones"])
def test_summary_lists_mapped_and_skipped(project):
    summary = import_terraform(FIXTURES / project).summary
    assert summary.splitlines()[0].startswith("outagesim import terraform: ")
    assert "\nmapped (" in summary
    assert "\nnot modelled (known types) (" in summary
