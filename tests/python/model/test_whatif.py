"""What-if edits: dotted paths, catalog-implicit values, structural edits, and their error paths."""

from __future__ import annotations

import json

import outagesim
import pytest
from conftest import ROOT

from models import MTTF, MTTR, PARALLEL

MULTI_AZ = ROOT / "models" / "examples" / "02-multi-az.json"
ACTIVE_PASSIVE_EXAMPLE = ROOT / "models" / "examples" / "03-multi-region-active-passive.json"


@pytest.fixture(scope="module")
def multi_az():
    return outagesim.load(MULTI_AZ)


def test_with_changes_returns_new_validated_architecture(multi_az):
    before = json.dumps(multi_az.document, sort_keys=True)
    changed = multi_az.with_changes(
        {"components.web-1.failure.mttr": "5m", "services.web.redundancy.min_healthy": 1}
    )
    assert isinstance(changed, outagesim.Architecture)
    assert changed is not multi_az
    # The catalog's lognormal repair of a vm keeps its shape; only its mean becomes 5 minutes.
    assert changed.component("web-1").failure.mttr == pytest.approx(5 / 60, rel=1e-9)
    assert changed.component("web-1").failure.ttr.kind == "lognormal"
    assert (
        changed.component("web-1").failure.ttr.sigma
        == multi_az.component("web-1").failure.ttr.sigma
    )
    assert changed.service("web").min_healthy == 1
    # The original is untouched, and other components keep their catalog values.
    assert multi_az.service("web").min_healthy == 2
    assert multi_az.component("web-1").failure.mttr > 0.4
    assert changed.component("web-2").failure.mttr == multi_az.component("web-2").failure.mttr
    assert json.dumps(multi_az.document, sort_keys=True) == before
    assert changed.changes and "with_changes" in changed.changes[0]
    assert "(changed)" in changed.source


def test_with_changes_on_a_model_stated_value_and_list_index():
    arch = outagesim.load(PARALLEL)
    changed = arch.with_changes({"components.a.failure.mttr": "20h"})
    assert changed.component("a").failure.mttr == pytest.approx(20.0)
    assert changed.component("a").failure.mttf == pytest.approx(MTTF)
    assert changed.component("b").failure.mttr == pytest.approx(MTTR)
    swapped = arch.with_changes({"services.s.replicas.0": "b", "services.s.replicas.1": "a"})
    assert swapped.service("s").replicas == ["b", "a"]


def test_with_changes_json_pointer_and_keywords():
    arch = outagesim.load(PARALLEL)
    changed = arch.with_changes({"/components/a/failure/mtbf": "2000h"})
    assert changed.component("a").failure.mttf == pytest.approx(2000.0)
    renamed = arch.with_changes(name="renamed")
    assert renamed.name == "renamed"


def test_with_changes_delete():
    arch = outagesim.load(PARALLEL)
    changed = arch.with_changes({"services.s.redundancy": outagesim.DELETE})
    assert "redundancy" not in changed.document["services"]["s"]
    assert "redundancy" in arch.document["services"]["s"]
    assert changed.service("s").mode == "active_active"
    with pytest.raises(outagesim.ModelError, match="nothing to delete"):
        arch.with_changes({"services.s.nothing": outagesim.DELETE})


def test_evaluation_changes_with_the_edit():
    arch = outagesim.load(PARALLEL)
    faster = arch.with_changes(
        {"components.a.failure.mttr": "1h", "components.b.failure.mttr": "1h"}
    )
    a = outagesim.evaluate(arch, method="exact").availability
    b = outagesim.evaluate(faster, method="exact").availability
    assert a == pytest.approx(1 - (MTTR / (MTTF + MTTR)) ** 2, rel=1e-12)
    assert b == pytest.approx(1 - (1.0 / (MTTF + 1.0)) ** 2, rel=1e-12)


@pytest.mark.parametrize(
    "path, fragment",
    [
        ("components.web-9.failure.mttr", "'web-9'"),
        ("services.web.redundancy.min_healthy.x", "min_healthy"),
        ("services.web.replicas.7", "out of range"),
        ("services.web.replicas.first", "expected an index"),
        ("servics.web.description", "did you mean 'services'"),
    ],
)
def test_bad_path_names_the_path(multi_az, path, fragment):
    with pytest.raises(outagesim.ModelError) as info:
        multi_az.with_changes({path: 1})
    text = str(info.value)
    assert path in text
    assert fragment in text
    assert info.value.problems and info.value.problems[0].path.startswith("/")


def test_malformed_path(multi_az):
    for path in ("services..web", "", "components.web-1."):
        with pytest.raises(outagesim.ModelError) as info:
            multi_az.with_changes({path: 1})
        assert "malformed path" in str(info.value)


def test_value_the_loader_rejects_gives_the_loaders_problems(multi_az):
    with pytest.raises(outagesim.ModelError) as info:
        multi_az.with_changes({"services.web.redundancy.min_healthy": 7})
    problems = info.value.problems
    assert problems
    assert any(p.path == "/services/web/redundancy/min_healthy" for p in problems)
    with pytest.raises(outagesim.ModelError) as info:
        multi_az.with_changes({"components.web-1.failure.mttr": "5"})  # a bare number
    assert any("/components/web-1/failure" in p.path for p in info.value.problems)
    with pytest.raises(outagesim.ModelError) as info:
        multi_az.with_changes({"components.web-1.locaton": "aws"})  # misspelt new field
    assert "did you mean" in str(info.value)


def test_catalog_region_outage_can_be_set(multi_az):
    changed = multi_az.with_changes({"providers.aws.regions.us-east-1.outage.mtbf": "1y"})
    region = changed.domain("aws/us-east-1")
    assert region.outage.mttf == pytest.approx(8760.0)
    assert region.outage.ttr.kind == multi_az.domain("aws/us-east-1").outage.ttr.kind
    # Zones keep their catalog outage.
    assert changed.domain("aws/us-east-1/use1-az1").outage_origin.startswith("catalog")
    # A catalog region the model never mentions (03 lists no regions at all).
    ap = outagesim.load(ACTIVE_PASSIVE_EXAMPLE)
    forced = ap.with_changes(
        {"providers.aws.regions.us-west-2.outage": {"mtbf": "30d", "mttr": "12h"}}
    )
    assert forced.domain("aws/us-west-2").outage.mttr == pytest.approx(12.0)
    assert forced.domain("aws/us-west-2").outage_origin == "model"
    with pytest.raises(outagesim.ModelError) as info:
        ap.with_changes({"providers.aws.regions.eu-west-9.outage.mtbf": "1y"})
    assert "eu-west-9" in str(info.value)


def test_create_makes_missing_objects():
    arch = outagesim.load(PARALLEL)
    changed = arch.with_changes(
        {"providers.p.regions.r.outage": {"mtbf": "1y", "mttr": "1h"}}, create=True
    )
    assert changed.domain("p/r").outage.mttr == pytest.approx(1.0)
    with pytest.raises(outagesim.ModelError):
        arch.with_changes({"providers.p.extra.thing": 1})


def test_add_remove_replica_and_move(multi_az):
    bigger = multi_az.add_replica("web", "web-4", location="aws/us-east-1/use1-az6")
    assert bigger.service("web").replicas == ["web-1", "web-2", "web-3", "web-4"]
    web4 = bigger.component("web-4")
    assert web4.location == "aws/us-east-1/use1-az6"
    assert web4.type == "vm" and web4.failure.mttr == multi_az.component("web-1").failure.mttr
    assert "web-4" not in [c.name for c in multi_az.components]
    like_db = multi_az.add_replica("web", "web-x", location="aws/us-east-1/use1-az1", like="db-a")
    assert like_db.component("web-x").type == "managed_db"
    with pytest.raises(outagesim.ModelError, match="exists already"):
        multi_az.add_replica("web", "web-1")
    with pytest.raises(outagesim.ModelError, match="no service named 'wbe'"):
        multi_az.add_replica("wbe", "web-9")
    with pytest.raises(outagesim.ModelError, match="unknown location"):
        multi_az.add_replica("web", "web-9", location="aws/mars-1")

    smaller = bigger.remove_replica("web", "web-4")
    assert smaller.service("web").replicas == ["web-1", "web-2", "web-3"]
    assert "web-4" not in [c.name for c in smaller.components]
    with pytest.raises(outagesim.ModelError, match="not a replica"):
        multi_az.remove_replica("web", "db-a")
    with pytest.raises(outagesim.ModelError, match="only replica"):
        multi_az.remove_replica("lb", "lb")

    moved = multi_az.move("web-3", "aws/us-east-1/use1-az1")
    assert moved.component("web-3").location == "aws/us-east-1/use1-az1"
    assert multi_az.component("web-3").location == "aws/us-east-1/use1-az4"
    with pytest.raises(outagesim.ModelError, match="no component named"):
        multi_az.move("web-33", "aws")


def test_failover_redundancy_failure_outage(multi_az):
    slow = multi_az.set_failover("db", detection="10m", success_probability=0.5)
    failover = slow.service("db").failover
    assert failover.detection.mean == pytest.approx(10 / 60)
    assert failover.success_probability == 0.5
    # Untouched timings are kept.
    assert failover.manual_recovery.mean == multi_az.service("db").failover.manual_recovery.mean
    with pytest.raises(outagesim.ModelError, match="active_active"):
        multi_az.set_failover("web", detection="1m")
    with pytest.raises(outagesim.ModelError):
        multi_az.set_failover("db", success_probability=1.5)

    one_of_three = multi_az.set_redundancy("web", "active_active", min_healthy=1)
    assert one_of_three.service("web").min_healthy == 1
    passive = multi_az.set_redundancy(
        "web",
        "active_passive",
        failover={
            "detection": "1m",
            "switchover": "1m",
            "success_probability": 1.0,
            "manual_recovery": "1h",
        },
    )
    assert passive.service("web").mode == "active_passive"

    sturdier = multi_az.set_failure("images", mtbf="10y", mttr="1h")
    assert sturdier.component("images").failure.mttf == pytest.approx(87600.0)
    outage = multi_az.set_outage("aws/us-east-1/use1-az1", mtbf="1y", mttr="1d")
    assert outage.domain("aws/us-east-1/use1-az1").outage.mttr == pytest.approx(24.0)
    with pytest.raises(outagesim.ModelError):
        multi_az.set_outage("aws//x", mtbf="1y", mttr="1h")


def test_save_round_trip(tmp_path, multi_az):
    changed = multi_az.with_changes({"services.web.redundancy.min_healthy": 1})
    path = tmp_path / "changed.json"
    changed.save(path)
    again = outagesim.load(path)
    assert again.service("web").min_healthy == 1
    assert json.loads(path.read_text()) == changed.document


def test_to_networkx(multi_az):
    nx = pytest.importorskip("networkx")
    graph = multi_az.to_networkx()
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert kinds == {"domain", "component", "service", "capability"}
    assert graph.has_edge(("service", "web"), ("service", "cache"))
    assert graph.edges[("service", "web"), ("service", "cache")]["scope"] == "same_region"
    assert graph.has_edge(("component", "web-1"), ("domain", "aws/us-east-1/use1-az1"))
    assert graph.has_edge(("capability", "checkout"), ("service", "db"))
    services = multi_az.to_networkx(services_only=True)
    assert set(services.nodes) == {s.name for s in multi_az.services}
    assert nx.is_directed_acyclic_graph(services)
    order = list(reversed(list(nx.topological_sort(services))))
    position = {name: i for i, name in enumerate(order)}
    for source, target, _ in multi_az.edges:
        assert position[target] < position[source]
    assert multi_az.dependencies("web") == ["cache"]
    assert "web" in multi_az.dependents("cache")


def test_text_and_html(multi_az):
    text = str(multi_az)
    assert text.splitlines()[0] == multi_az.summary()
    assert "zone use1-az1" in text and "web: active_active, 2 of 3 healthy" in text
    page = multi_az._repr_html_()
    assert page.startswith("<div>") and "<table>" in page and "checkout" in page
    assert "webshop-multi-az" in page


def test_yaml_models_can_be_changed(tmp_path):
    yaml = pytest.importorskip("yaml")
    path = tmp_path / "parallel.yaml"
    path.write_text(yaml.safe_dump(PARALLEL))
    arch = outagesim.load(path)
    changed = arch.with_changes({"components.b.failure.mttr": "1h"})
    assert changed.component("b").failure.mttr == pytest.approx(1.0)
    text_arch = outagesim.load(yaml.safe_dump(PARALLEL))
    assert text_arch.with_changes(name="y").name == "y"


def test_architecture_without_document_says_so():
    arch = outagesim.load(PARALLEL)
    bare = outagesim.Architecture(arch._plan)
    with pytest.raises(outagesim.ModelError, match="no model document"):
        bare.with_changes({"name": "x"})


def test_unserialisable_value_is_a_model_error():
    arch = outagesim.load(PARALLEL)
    with pytest.raises(outagesim.ModelError, match="JSON"):
        arch.with_changes({"name": object()})
    with pytest.raises(outagesim.ModelError):
        arch.with_changes({"components.a.failure.mttr": float("nan")})
    with pytest.raises(TypeError):
        arch.with_changes(["name", "x"])
