"""Changes as a failure source in Python: the resolved model, what-if edits, and the results."""

from __future__ import annotations

import math

import outagesim
import pytest
from conftest import GOOD_DIR

CHANGES = GOOD_DIR / "changes.json"

# Two web replicas in two regions, one needed; bad changes rolled out at once.
DOCUMENT = {
    "format": "outagesim/v1",
    "name": "two-regions",
    "providers": {
        "aws": {
            "regions": {
                "us-east-1": {"zones": {"use1-az1": {}}},
                "us-west-2": {"zones": {"usw2-az1": {}}},
            }
        }
    },
    "components": {
        "web-1": {"location": "aws/us-east-1/use1-az1", "failure": {"mtbf": "1w", "mttr": "1h"}},
        "web-2": {"location": "aws/us-west-2/usw2-az1", "failure": {"mtbf": "1w", "mttr": "1h"}},
    },
    "services": {"web": {"replicas": ["web-1", "web-2"]}},
}


def test_resolved_changes_and_waves():
    arch = outagesim.load(CHANGES)
    api = arch.service("api").changes
    assert api is not None
    assert api.rate == "2/w"
    assert api.rate_per_hour == pytest.approx(2 / 168)
    assert api.bad_probability == 0.02
    assert api.detection.kind == "exponential"
    assert api.rollback.mean == pytest.approx(0.25)
    assert api.rollout.staged and api.rollout.by == "region"
    assert api.rollout.canary == 1 and api.rollout.bake_hours == 1.0
    assert api.rollout.order == ["aws/us-west-2", "aws/us-east-1"]
    assert api.rollout.waves == [["api-3"], ["api-1", "api-2"]]
    assert api.rollout.description == "canary of 1 replica, then one region at a time, 1h bake"
    # The closed form of the bad changes' alternating renewal process.
    bad_rate = 2 / 168 * 0.02
    episode = 1 / 3 + 0.25
    assert api.availability == pytest.approx(1 / (1 + bad_rate * episode))
    assert api.bad_changes_per_year == pytest.approx(bad_rate / (1 + bad_rate * episode) * 8760)
    db = arch.service("db").changes
    assert db is not None and not db.rollout.staged
    assert db.rollout.waves == [["db-a", "db-b"]]
    assert arch.service("api").to_dict()["changes"]["rollout"]["waves"] == [
        ["api-3"],
        ["api-1", "api-2"],
    ]
    assert arch.to_dict()["services"][1]["changes"]["rate"] == "1/mo"


def test_show_prints_changes_and_waves():
    text = outagesim.load(CHANGES).describe()
    assert "changes: 2/w, each bad with probability 0.02; detection exponential" in text
    assert "rollout canary of 1 replica, then one region at a time, 1h bake" in text
    assert "wave 1 (at the change): api-3" in text
    assert "wave 2 (+1h if not yet detected): api-1, api-2" in text
    assert "rollout all at once" in text
    assert "changes 2/w" in str(outagesim.load(CHANGES))


def test_set_changes_and_with_changes():
    arch = outagesim.load(DOCUMENT)
    assert arch.service("web").changes is None
    changed = arch.set_changes(
        "web", rate="1/d", bad_probability=0.05, detection="20m", rollback="30m"
    )
    assert arch.service("web").changes is None  # the original is not changed
    c = changed.service("web").changes
    assert c is not None and c.rate == "1/d" and not c.rollout.staged
    assert changed.changes[-1].startswith("set_changes('web', rate='1/d'")
    staged = changed.set_changes("web", rollout={"by": "region", "bake": "1h"})
    s = staged.service("web").changes
    assert s is not None and s.rate == "1/d"  # kept
    assert s.rollout.waves == [["web-1"], ["web-2"]]
    again = staged.with_changes({"services.web.changes.rollout.order": ["us-west-2"]})
    assert again.service("web").changes.rollout.waves == [["web-2"], ["web-1"]]
    gone = again.with_changes({"services.web.changes": outagesim.DELETE})
    assert gone.service("web").changes is None


def test_set_changes_bad_input_names_the_path():
    arch = outagesim.load(DOCUMENT)
    with pytest.raises(outagesim.ModelError) as error:
        arch.set_changes("web", rate="2", bad_probability=0.1, detection="1m", rollback="1m")
    assert any(
        p.path == "/services/web/changes/rate" and "a rate needs a unit" in p.message
        for p in error.value.problems
    )
    with pytest.raises(outagesim.ModelError) as error:
        arch.set_changes(
            "web",
            rate="2/w",
            bad_probability=0.1,
            detection="1m",
            rollback="1m",
            rollout={"by": "zone", "bake": "1h", "order": ["use1-az9"]},
        )
    assert "did you mean 'use1-az1'?" in str(error.value)
    with pytest.raises(outagesim.ModelError) as error:
        arch.set_changes("wbe", rate="2/w")
    assert "did you mean 'web'?" in str(error.value)
    # Missing fields of a new changes object are the loader's to name.
    with pytest.raises(outagesim.ModelError) as error:
        arch.set_changes("web", rate="2/w")
    assert 'missing required field "bad_probability"' in str(error.value)


def test_results_carry_the_changes():
    arch = outagesim.load(DOCUMENT).set_changes(
        "web", rate="1/d", bad_probability=0.05, detection="20m", rollback="30m"
    )
    exact = outagesim.evaluate(arch, method="exact")
    (row,) = exact.changes
    assert row["service"] == "web" and row["rollout"] == "all at once" and row["waves"] == 1
    bad_rate = 0.05 / 24
    bad_per_year = bad_rate / (1 + bad_rate * 50 / 60) * 8760
    assert row["bad_changes_per_year"] == pytest.approx(bad_per_year, rel=1e-12)
    levels = {r["level"] for r in exact.attribution}
    assert "change" in levels
    assert "Bad changes" in str(exact)
    by_level = exact.attribution_by_level()
    assert "change" in by_level.index

    staged = arch.set_changes("web", rollout={"by": "region", "bake": "1h"})
    mc = outagesim.evaluate(staged, seed=3, max_time="20s", rel_error=0.1)
    assert mc.method == "mc"
    assert "rolls its changes out in 2 waves" in mc.method_reason
    (row,) = mc.changes
    assert row["waves"] == 2
    lo, hi = row["replica_outage_minutes_per_year_ci95"]
    assert lo <= row["replica_outage_minutes_per_year"] <= hi
    # Detection (20 m) always precedes the second wave (1 h): one replica a bad change, and the
    # same bad changes in both runs (common random numbers: the change has its own stream).
    once = outagesim.evaluate(
        arch, method="mc", seed=3, replications=mc.replications, rel_error=0, max_time="20s"
    )
    assert row["bad_changes_per_year"] == once.changes[0]["bad_changes_per_year"]
    assert row["replica_outage_minutes_per_year"] == pytest.approx(
        once.changes[0]["replica_outage_minutes_per_year"] / 2, rel=1e-9
    )
    assert math.isfinite(mc.nines) and mc.nines > once.nines


def test_rate_helpers():
    from outagesim import _core

    assert _core.parse_rate("2/w") == pytest.approx(2 / 168)
    assert _core.format_rate(2 / 168) == "2/w"
    with pytest.raises(ValueError, match="a rate needs a unit"):
        _core.parse_rate("2")
