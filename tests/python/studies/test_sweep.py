"""sweep(): --vary parsing, the grid of variants, Pareto frontier and cheapest-meeting-target on
hand-made frames, a sweep of a toy model, and the `outagesim sweep` command's exit codes."""

from __future__ import annotations

import json

import outagesim
import pandas as pd
import pytest
from outagesim.studies.frontier import mark_frontier
from outagesim.studies.sweep import grid, parse_value, parse_vary, split_values

# Two servers in two zones with stated prices; min_healthy and the second server's price vary.
TOY = {
    "format": "outagesim/v1",
    "name": "toy",
    "providers": {"p": {"regions": {"r": {"zones": {"z1": {}, "z2": {}}}}}},
    "components": {
        "a": {
            "location": "p/r/z1",
            "failure": {"mtbf": "1000h", "mttr": "10h"},
            "cost_per_hour": 1.0,
        },
        "b": {
            "location": "p/r/z2",
            "failure": {"mtbf": "1000h", "mttr": "10h"},
            "cost_per_hour": 1.0,
        },
    },
    "services": {
        "s": {"replicas": ["a", "b"], "redundancy": {"mode": "active_active", "min_healthy": 1}}
    },
}
A1 = 1000 / 1010
VARY = {
    "services.s.redundancy.min_healthy": [1, 2],
    "components.b.failure.mttr": ["10h", "1h", "100h"],
}


def test_split_and_parse_values():
    assert split_values("1,2, 3") == ["1", "2", "3"]
    assert split_values('["a","b"],["a"]') == ['["a","b"]', '["a"]']
    assert split_values('{"mtbf": "1y", "mttr": "1h"},"x,y"') == [
        '{"mtbf": "1y", "mttr": "1h"}',
        '"x,y"',
    ]
    assert parse_value("2") == 2 and parse_value("0.99") == 0.99 and parse_value("true") is True
    assert parse_value("15m") == "15m" and parse_value("aws/us-east-1") == "aws/us-east-1"
    assert parse_value('["web-1","web-2"]') == ["web-1", "web-2"]
    assert parse_vary("components.web-1.failure.mttr=5m,15m") == (
        "components.web-1.failure.mttr",
        ["5m", "15m"],
    )
    for bad in ("no-equals", "=1,2", "path=", "path=1,,2"):
        with pytest.raises(ValueError):
            parse_vary(bad)


def test_grid_is_every_combination_last_path_fastest():
    combos = grid(VARY)
    assert len(combos) == 6
    assert combos[0] == {"services.s.redundancy.min_healthy": 1, "components.b.failure.mttr": "10h"}
    assert combos[1]["components.b.failure.mttr"] == "1h"
    assert {tuple(c.values()) for c in combos} == {
        (m, t) for m in (1, 2) for t in ("10h", "1h", "100h")
    }


def frame(rows):
    return pd.DataFrame(
        [
            dict(total_cost_per_year=c, infra_cost_per_year=i, availability=a, availability_lo=lo)
            for c, i, a, lo in rows
        ]
    )


def test_pareto_frontier_and_cheapest_meeting_target_by_hand():
    toy = frame(
        [
            (100, 50, 0.990, 0.989),  # 0: cheapest: on the frontier
            (200, 60, 0.999, 0.998),  # 1: frontier
            (250, 70, 0.998, 0.997),  # 2: dominated by 1
            (300, 80, 0.9999, 0.9998),  # 3: frontier, meets 0.9999
            (300, 90, 0.9990, 0.9989),  # 4: dominated by 3 (same cost, less available)
            (400, 40, 0.99995, 0.99992),  # 5: frontier (most available), meets 0.9999
            (150, 95, 0.990, 0.989),  # 6: dominated by 0 (same availability, costlier)
        ]
    )
    marked = mark_frontier(toy, cost="total", target=0.9999)
    assert marked["pareto"].tolist() == [True, True, False, True, False, True, False]
    assert marked["meets_target"].tolist() == [False] * 3 + [True, False, True, False]
    assert marked["cheapest_meeting_target"].tolist() == [False] * 3 + [True] + [False] * 3
    assert marked["meets_target_surely"].tolist() == [False] * 5 + [True, False]
    # On infrastructure cost the order changes: 5 is cheapest and most available.
    infra = mark_frontier(toy, cost="infra", target=0.9999)
    assert infra["pareto"].tolist() == [False, False, False, False, False, True, False]
    assert infra["cheapest_meeting_target"].tolist() == [False] * 5 + [True, False]
    none = mark_frontier(toy, target=0.999999)
    assert not none["cheapest_meeting_target"].any()


def dominated(df, i, cost="total_cost_per_year"):
    r = df.iloc[i]
    for j in range(len(df)):
        o = df.iloc[j]
        if (
            j != i
            and o[cost] <= r[cost]
            and o["availability"] >= r["availability"]
            and (o[cost] < r[cost] or o["availability"] > r["availability"])
        ):
            return True
    return False


@pytest.fixture(scope="module")
def toy_sweep():
    return outagesim.sweep(TOY, VARY, target=0.999, seed=5, method="auto", workers=2)


def test_sweep_of_a_toy_model(toy_sweep):
    df = toy_sweep
    assert len(df) == 6
    assert df["variant"].tolist() == list(range(6))
    assert df["services.s.redundancy.min_healthy"].tolist() == [1, 1, 1, 2, 2, 2]
    assert (df["method"] == "exact").all()  # a static structure: exact availability
    # 1-of-2 and 2-of-2 with the second server's MTTR 10h: closed forms.
    assert df.loc[0, "availability"] == pytest.approx(1 - (1 - A1) ** 2, rel=1e-12)
    assert df.loc[3, "availability"] == pytest.approx(A1 * A1, rel=1e-12)
    assert df.loc[4, "availability"] == pytest.approx(A1 * (1000 / 1001), rel=1e-12)
    assert (df["infra_cost_per_year"] == 2 * 8760.0).all()
    # The toy model prices no downtime: its totals are unknown, so the frontier is drawn on
    # the infrastructure cost, and the frame says so.
    assert df["total_cost_per_year"].isna().all()
    assert df.attrs["cost_basis"] == "infra_cost_per_year"
    for i in range(len(df)):
        assert bool(df["pareto"].iloc[i]) == (not dominated(df, i, "infra_cost_per_year")), i
    chosen = df[df["cheapest_meeting_target"]]
    assert len(chosen) == 1
    meeting = df[df["availability"] >= 0.999]
    assert chosen["infra_cost_per_year"].iloc[0] == meeting["infra_cost_per_year"].min()
    assert "components.b.failure.mttr" in chosen["label"].iloc[0]


def test_sweep_accepts_an_architecture_and_gives_the_same_figures(toy_sweep):
    arch = outagesim.load(TOY)
    again = outagesim.sweep(arch, VARY, target=0.999, seed=5, method="auto", workers=1)
    pd.testing.assert_series_equal(again["availability"], toy_sweep["availability"])
    pd.testing.assert_series_equal(again["total_cost_per_year"], toy_sweep["total_cost_per_year"])


def test_sweep_monte_carlo_does_not_depend_on_the_number_of_threads():
    vary = {"components.b.failure.mttr": ["10h", "30h"]}
    kw = dict(method="mc", seed=3, replications=64, rel_error=0.0)
    one = outagesim.sweep(TOY, vary, workers=1, **kw)
    two = outagesim.sweep(TOY, vary, workers=2, **kw)
    columns = [
        "availability",
        "availability_lo",
        "downtime_cost_per_year",
        "worst_year_downtime_minutes",
    ]
    pd.testing.assert_frame_equal(one[columns], two[columns])


def test_sweep_bad_path_names_it():
    with pytest.raises(outagesim.ModelError) as info:
        outagesim.sweep(TOY, {"services.t.redundancy.min_healthy": [1]})
    assert "services.t" in str(info.value) or "/services/t" in str(info.value)


def test_cli_sweep_bad_paths_exit_2(cli, tmp_path):
    model = tmp_path / "toy.json"
    model.write_text(json.dumps(TOY))
    wrong_name = cli("sweep", str(model), "--vary", "services.t.redundancy.min_healthy=1,2")
    assert wrong_name.returncode == 2
    assert "services.t.redundancy.min_healthy" in wrong_name.stderr
    assert "'s'" in wrong_name.stderr  # the service names there are
    wrong_field = cli("sweep", str(model), "--vary", "services.s.redundancy.min_helthy=1,2")
    assert wrong_field.returncode == 2
    assert "min_helthy" in wrong_field.stderr and "min_healthy" in wrong_field.stderr
    bad_value = cli("sweep", str(model), "--vary", "services.s.redundancy.min_healthy=0,1")
    assert bad_value.returncode == 2
    assert "services.s.redundancy.min_healthy=0" in bad_value.stderr
    no_equals = cli("sweep", str(model), "--vary", "services.s.redundancy.min_healthy")
    assert no_equals.returncode == 2 and "PATH=V1,V2" in no_equals.stderr
    bad_target = cli(
        "sweep", str(model), "--vary", "components.a.cost_per_hour=1", "--target", "99.99"
    )
    assert bad_target.returncode == 2 and "not a percentage" in bad_target.stderr
    bad_out = cli("sweep", str(model), "--vary", "components.a.cost_per_hour=1", "--out", "x.xlsx")
    assert bad_out.returncode == 2 and ".parquet or .csv" in bad_out.stderr


def test_cli_sweep_writes_parquet_and_json(cli, tmp_path):
    model = tmp_path / "toy.json"
    model.write_text(json.dumps(TOY))
    out = tmp_path / "results.parquet"
    args = [
        "sweep",
        str(model),
        "--vary",
        "services.s.redundancy.min_healthy=1,2",
        "--vary",
        "components.a.cost_per_hour=0.5,1",
        "--target",
        "0.999",
    ]
    proc = cli(*args, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "cheapest variant meeting 99.9%" in proc.stdout
    written = pd.read_parquet(out)
    assert len(written) == 4
    assert [json.loads(v) for v in written["components.a.cost_per_hour"]] == [0.5, 1, 0.5, 1]
    assert written["cheapest_meeting_target"].sum() == 1
    as_json = cli(*args, "--json")
    assert as_json.returncode == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert [r["pareto"] for r in rows] == written["pareto"].tolist()
    assert [r["availability"] for r in rows] == pytest.approx(
        written["availability"].tolist(), rel=1e-12
    )
