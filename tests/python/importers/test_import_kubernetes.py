"""outagesim import kubernetes on the manifests of multi-service applications: the models
validate, evaluate, and have the zones, replicas and redundancy the manifests declare; bad
manifests exit 2 with the file and line."""

from __future__ import annotations

import json
import textwrap

import outagesim
import pytest
import yaml
from conftest import ROOT, run_cli
from outagesim.importers.kubernetes import import_kubernetes
from outagesim.importers.kubernetes.zones import cluster

FIXTURES = ROOT / "tests" / "python" / "importers" / "fixtures" / "kubernetes"
SHOP = str(FIXTURES / "shop")
BLOG = str(FIXTURES / "blog.yaml")
AWS = ("--provider", "aws", "--region", "us-east-1", "--zones", "a,b,c")


def _zones(model, service):
    comps = model["components"]
    return [comps[r]["location"].rsplit("/", 1)[1] for r in model["services"][service]["replicas"]]


def _deps(model, service):
    return [
        d if isinstance(d, str) else (d["service"], d["scope"])
        for d in model["services"][service].get("depends_on", [])
    ]


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    out = tmp_path_factory.mktemp("shop") / "shop.yaml"
    proc = run_cli("import", "kubernetes", SHOP, *AWS, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return yaml.safe_load(out.read_text()), proc.stderr


def test_shop_placement_follows_the_scheduling_constraints(shop):
    model, _ = shop
    assert set(model["providers"]["aws"]["regions"]["us-east-1"]["zones"]) == {
        "use1-az1",
        "use1-az2",
        "use1-az3",
    }
    # topologySpreadConstraints DoNotSchedule, maxSkew 1: one replica per zone.
    assert sorted(_zones(model, "frontend")) == ["use1-az1", "use1-az2", "use1-az3"]
    # Required pod anti-affinity on zone: three replicas in three zones.
    assert sorted(_zones(model, "postgres")) == ["use1-az1", "use1-az2", "use1-az3"]
    # The HorizontalPodAutoscaler's minReplicas (3), spread by preferred anti-affinity.
    assert len(set(_zones(model, "catalog"))) == 3
    assert sorted(_zones(model, "cart")) == ["use1-az1", "use1-az2"]
    # No constraint: the worst case, every replica in one zone; replicas default to 1.
    assert _zones(model, "payment") == ["use1-az1"]
    assert _zones(model, "redis-cart") == ["use1-az1"]
    # A DaemonSet: one pod in each zone.
    assert sorted(_zones(model, "fluent-bit")) == ["use1-az1", "use1-az2", "use1-az3"]


def test_shop_redundancy_from_disruption_budgets(shop):
    model, _ = shop
    services = model["services"]
    assert services["frontend"]["redundancy"] == {"mode": "active_active", "min_healthy": 2}
    # maxUnavailable 1 of 3 replicas.
    assert services["postgres"]["redundancy"]["min_healthy"] == 2
    assert services["catalog"]["redundancy"]["min_healthy"] == 1
    assert "PodDisruptionBudget frontend-pdb" in services["frontend"]["description"]


def test_shop_dependencies_from_config_and_annotation(shop):
    model, _ = shop
    assert sorted(_deps(model, "frontend")) == ["cart", "catalog", "checkout"]
    assert _deps(model, "catalog") == ["postgres"]  # DATABASE_URL postgres://catalog@postgres
    assert _deps(model, "cart") == ["redis-cart"]
    # Stated with outagesim.io/depends-on; queue_name "orders" in the ConfigMap is not an address.
    assert _deps(model, "checkout") == [("payment", "same_region"), "cart"]
    assert "annotation outagesim.io/depends-on" in model["services"]["checkout"]["description"]
    assert model["capabilities"] == {
        "frontend": {
            "requires": ["frontend"],
            "description": "entry point frontend exposed by Ingress shop; equal share of "
            "traffic assumed",
        }
    }


def test_shop_summary_lists_mapped_inferred_skipped_and_checks(shop):
    _, stderr = shop
    assert "mapped: Deployment shop/frontend -> service frontend: 3 replica(s)" in stderr
    assert "skipped: 1 Secret (not used for availability)" in stderr
    assert "check: zone us-east-1a taken as AZ ID use1-az1" in stderr
    assert "wrote" in stderr and "8 services, 18 components" in stderr


def test_shop_model_validates_and_evaluates_with_its_weak_spots(shop):
    model, _ = shop
    arch = outagesim.load(model)
    result = outagesim.evaluate(arch, method="exact")
    assert 0.99 < result.availability < 1.0
    spofs = {c["description"] for c in outagesim.analyze(arch, top=50).single_points_of_failure}
    # The single-replica payment and Redis, and the zone they both sit in, are single points of
    # failure; the other zones are not, because everything else is spread.
    assert {"payment-1 down", "redis-cart-1 down", "zone aws/us-east-1/use1-az1 down"} <= spofs
    assert "zone aws/us-east-1/use1-az2 down" not in spofs
    # fluent-bit is not on the path of the Ingress: its pods cannot take the shop down.
    assert not any("fluent-bit" in s for s in spofs)


def test_blog_on_gcp_node_affinity_and_configmap_volume(tmp_path):
    model, summary = import_kubernetes(BLOG, "gcp", "us-central1", ["a", "b", "c"])
    # Node affinity pins web to zones a and b; the spread puts two replicas in each.
    assert sorted(_zones(model, "web")) == ["us-central1-a"] * 2 + ["us-central1-b"] * 2
    # maxUnavailable 50% of 4 replicas.
    assert model["services"]["web"]["redundancy"]["min_healthy"] == 2
    assert len(set(_zones(model, "api"))) == 2
    assert _deps(model, "web") == ["api"]  # the annotation on the pod template
    assert _deps(model, "api") == ["mysql"]  # jdbc URL in a ConfigMap mounted as a volume
    assert list(model["capabilities"]) == ["web"]  # the LoadBalancer Service
    assert any("skipped: 1 Namespace" in line for line in summary)
    result = outagesim.evaluate(model, method="exact")
    assert 0.99 < result.availability < 1.0


def test_zone_names_per_provider():
    assert cluster("azure", "eastus", ["1", "3"]).zones == ["eastus-1", "eastus-3"]
    gcp = cluster("gcp", "us-east1", ["us-east1-b", "c"])
    assert gcp.zones == ["us-east1-b", "us-east1-c"]
    assert gcp.zone_of("us-east1-c") == "us-east1-c"
    aws = cluster("aws", "eu-west-1", ["euw1-az2", "a"])
    assert aws.zones == ["euw1-az2", "euw1-az1"]
    assert aws.zone_of("eu-west-1a") == "euw1-az1"
    assert any("differs per AWS account" in note for note in aws.notes)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return str(path)


DEPLOYMENT = """\
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: 2
      template:
        metadata: {labels: {app: web}%s}
        spec:
          containers: [{name: web, image: nginx}]%s
    """


@pytest.mark.parametrize(
    "text, options, expected",
    [
        ("- just\n- a list\n", AWS, "document 1 (line 1) is a list, not a Kubernetes object"),
        ("name: web\nreplicas: 3\n", AWS, "has no apiVersion, kind, metadata.name"),
        (
            "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\nkind: [unclosed\n",
            AWS,
            "not valid YAML at line 6",
        ),
        ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", AWS, "no Deployment"),
        (
            DEPLOYMENT % ("", ""),
            ("--provider", "aws", "--region", "mars-1", "--zones", "a"),
            "'mars-1' is not a region of the aws catalog",
        ),
        (
            DEPLOYMENT % ("", ""),
            ("--provider", "gcp", "--region", "us-east1", "--zones", "a"),
            "'a' is not a zone of gcp us-east1",
        ),
        (
            DEPLOYMENT % (", annotations: {outagesim.io/depends-on: 'ghost'}", ""),
            AWS,
            "'ghost' is neither an imported workload nor a Service",
        ),
        (
            DEPLOYMENT
            % (
                "",
                "\n          affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution:"
                " {nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone,"
                " operator: In, values: [us-east-1f]}]}]}}}",
            ),
            AWS,
            "zone 'us-east-1f' is not one of the cluster's zones",
        ),
    ],
    ids=["list", "no-kind", "bad-yaml", "no-workload", "region", "zone", "annotation", "affinity"],
)
def test_bad_manifests_exit_2_with_file_and_line(tmp_path, text, options, expected):
    path = _write(tmp_path, "bad.yaml", text)
    proc = run_cli("import", "kubernetes", path, *options)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert expected in proc.stderr
    if options == AWS:
        assert path in proc.stderr


def test_bad_replicas_names_the_document_line(tmp_path):
    path = _write(
        tmp_path,
        "two.yaml",
        "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n"
        + textwrap.dedent(DEPLOYMENT % ("", "")).replace("replicas: 2", "replicas: -1"),
    )
    proc = run_cli("import", "kubernetes", path, *AWS)
    assert proc.returncode == 2
    assert (
        f"{path}: /spec/replicas: Deployment at line 5: expected a whole number >= 0" in proc.stderr
    )


def test_missing_path_and_unwritable_output(tmp_path):
    proc = run_cli("import", "kubernetes", str(tmp_path / "nope"), *AWS)
    assert proc.returncode == 2 and "no such file or directory" in proc.stderr
    proc = run_cli("import", "kubernetes", SHOP, *AWS, "-o", str(tmp_path / "no" / "dir.json"))
    assert proc.returncode == 2 and "cannot write" in proc.stderr


def test_json_on_stdout_is_the_same_model(shop):
    proc = run_cli("import", "kubernetes", SHOP, *AWS)
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == shop[0]


def _app(name, namespace="default", env="", annotation=""):
    lines = [
        "apiVersion: apps/v1",
        "kind: Deployment",
        f"metadata: {{name: {name}, namespace: {namespace}}}",
        "spec:",
        "  replicas: 2",
        "  template:",
        f"    metadata: {{labels: {{app: {name}}}}}",
        "    spec:",
        "      containers:",
        f"        - {{name: main, image: example/{name}}}",
    ]
    if annotation:
        lines[2] = (
            f"metadata: {{name: {name}, namespace: {namespace}, "
            f"annotations: {{outagesim.io/depends-on: '{annotation}'}}}}"
        )
    if env:
        lines[-1] = (
            f"        - {{name: main, image: example/{name}, "
            f"env: [{{name: PEER_URL, value: '{env}'}}]}}"
        )
    lines += [
        "---",
        "apiVersion: v1",
        "kind: Service",
        f"metadata: {{name: {name}, namespace: {namespace}}}",
        f"spec: {{selector: {{app: {name}}}}}",
        "---",
    ]
    return "\n".join(lines) + "\n"


def test_config_references_that_close_a_cycle_are_left_out(tmp_path):
    path = tmp_path / "cycle.yaml"
    path.write_text(_app("a", env="http://b:80") + _app("b", env="http://a:80"))
    model, summary = import_kubernetes(str(path), "aws", "us-east-1", ["use1-az1"])
    assert _deps(model, "a") == ["b"] and "depends_on" not in model["services"]["b"]
    assert any("b -> a" in line and "cycle" in line for line in summary)


def test_a_stated_cycle_is_an_error(tmp_path):
    path = tmp_path / "cycle.yaml"
    path.write_text(_app("a", annotation="b") + _app("b", annotation="a"))
    proc = run_cli("import", "kubernetes", str(path), *AWS)
    assert proc.returncode == 2
    assert "outagesim.io/depends-on: b -> a closes a dependency cycle" in proc.stderr


def test_the_same_name_in_two_namespaces_stays_apart(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(
        _app("api", "blue", env="http://db:5432") + _app("api", "green") + _app("db", "blue")
    )
    model, _ = import_kubernetes(str(path), "aws", "us-east-1", ["a"])
    assert set(model["services"]) == {"blue.api", "green.api", "db"}
    # The address "db" resolves in the workload's own namespace only.
    assert _deps(model, "blue.api") == ["db"] and "depends_on" not in model["services"]["green.api"]
