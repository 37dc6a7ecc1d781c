"""Degraded modes from Python and the CLI: show, evaluate (JSON, text, frames), compare, the
exact solver's refusal, closed forms, and precise errors."""

from __future__ import annotations

import copy
import json
import math

import outagesim
import pytest
from conftest import run_cli
from outagesim.render.compare import format_compare

LAMBDA, MU = 1 / 1000, 1 / 10  # each failing component: exponential, per hour
A = MU / (LAMBDA + MU)

BASE = {
    "format": "outagesim/v1",
    "name": "degraded-shop",
    "providers": {"p": {"regions": {"r": {"zones": {"a": {}}}}}},
    "components": {
        "web-1": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
        "db-1": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
        "cache-1": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
        "recs-1": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
        "front-1": {"location": "p/r/a", "failure": {"mtbf": "1000h", "mttr": "10h"}},
    },
    "services": {
        "web": {"replicas": ["web-1"]},
        "db": {"replicas": ["db-1"]},
        "cache": {"replicas": ["cache-1"]},
        "recs": {"replicas": ["recs-1"]},
        "front": {
            "replicas": ["front-1"],
            "depends_on": [
                {"service": "recs", "feature_flag": {"decide": "0s", "value": 0.5}},
            ],
        },
    },
    "capabilities": {
        "checkout": {
            "requires": ["web", "db"],
            "fallbacks": {"browse-only": {"requires": ["web", "cache"], "value": 0.3}},
        },
        "home": {"requires": ["front"]},
    },
}


def _doc(edit) -> dict:
    doc = copy.deepcopy(BASE)
    edit(doc)
    return doc


def test_show_and_the_architecture_view_list_fallbacks_and_flags(tmp_path):
    arch = outagesim.load(BASE)
    checkout = arch.capabilities[0]
    (fallback,) = checkout.fallbacks
    assert (fallback.name, fallback.services, fallback.value) == (
        "browse-only",
        ["web", "cache"],
        0.3,
    )
    assert checkout.to_dict()["fallbacks"] == [
        {"name": "browse-only", "requires": ["web", "cache"], "value": 0.3}
    ]
    front = next(s for s in arch.services if s.name == "front")
    flag = front.depends_on[0].feature_flag
    assert flag is not None and flag.value == 0.5 and flag.decide.mean == 0.0
    assert front.to_dict()["depends_on"][0]["feature_flag"]["value"] == 0.5
    assert arch.services[0].depends_on == [] and arch.capabilities[1].fallbacks == []

    path = tmp_path / "shop.json"
    path.write_text(json.dumps(BASE))
    shown = run_cli("show", str(path)).stdout
    assert "falls back to browse-only: web, cache (value 0.3)" in shown
    assert "feature flag on recs: switched off after 0s, at value 0.5" in shown


def test_evaluate_matches_the_closed_forms_and_prints_every_figure(tmp_path):
    path = tmp_path / "shop.json"
    path.write_text(json.dumps(BASE))
    proc = run_cli("evaluate", str(path), "--json", "--seed", "4", "--rel-error", "0.03")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["method"] == "mc" and "degraded modes" in result["method_reason"]
    # In full with web and db up (a^2); browsing only with web and cache up, db down.
    full, browse = A * A, A * A * (1 - A)
    expected = {
        "full_availability": full,
        "value_weighted_availability": full + 0.3 * browse,
        "availability": full + browse,
    }
    # An automatic flag: home is down only with front, degraded (value 0.5) while recs is down.
    home = {
        "full_availability": A * A,
        "value_weighted_availability": A * (A + 0.5 * (1 - A)),
        "availability": A,
    }
    for measure, figures in (("checkout", expected), ("home", home)):
        for key, exact in figures.items():
            lo, hi = result["capabilities"][measure][key + "_ci95"]
            # The 99.9% interval (the 95% widened), as in the C++ agreement tests.
            widen = (hi - lo) / 2 * (3.2905 / 1.96 - 1)
            assert lo - widen <= exact <= hi + widen, (measure, key, exact, lo, hi)
    assert result["capabilities"]["home"]["degraded_minutes_per_year"] > 0

    text = run_cli("evaluate", str(path), "--seed", "4").stdout
    assert "in full" in text and "value-weighted" in text and "degraded" in text


def test_frames_and_compare_carry_the_degraded_figures():
    result = outagesim.evaluate(BASE, seed=6)
    assert result.full_availability <= result.value_weighted_availability <= result.availability
    frame = result.to_frame().set_index("measure")
    for key in ("full_availability", "value_weighted_availability", "degraded_minutes_per_year"):
        assert frame.loc["checkout", key + "_lo"] <= frame.loc["checkout", key]
        assert frame.loc["checkout", key] <= frame.loc["checkout", key + "_hi"]
    plain = _doc(lambda d: d["capabilities"]["checkout"].pop("fallbacks"))
    plain["services"]["front"]["depends_on"] = ["recs"]
    table = outagesim.compare([BASE, plain], names=["degraded", "plain"], seed=6)
    assert table.loc["degraded", "value_weighted_availability"] > 0
    assert math.isnan(table.loc["plain", "value_weighted_availability"])
    # The fallback and the flag only add up time: under common random numbers never less.
    assert table.loc["degraded", "availability"] > table.loc["plain", "availability"]
    assert "value-weighted" in format_compare(table)


def test_exact_has_no_answer_and_says_why(tmp_path):
    path = tmp_path / "shop.json"
    path.write_text(json.dumps(BASE))
    proc = run_cli("evaluate", str(path), "--method", "exact")
    assert proc.returncode == 2
    assert "degraded modes" in proc.stderr


@pytest.mark.parametrize(
    "edit, where, message",
    [
        (
            lambda d: d["capabilities"]["checkout"]["fallbacks"]["browse-only"].update(value=1.5),
            "/capabilities/checkout/fallbacks/browse-only/value",
            "a number between 0 and 1, found 1.5",
        ),
        (
            lambda d: d["capabilities"]["checkout"]["fallbacks"]["browse-only"].update(
                requires=["web", "cach"]
            ),
            "/capabilities/checkout/fallbacks/browse-only/requires/1",
            "unknown service \"cach\"; did you mean 'cache'?",
        ),
        (
            lambda d: d["capabilities"]["checkout"]["fallbacks"]["browse-only"].update(
                requires=["db", "web"]
            ),
            "/capabilities/checkout/fallbacks/browse-only/requires",
            "never up while the capability is down",
        ),
        (
            lambda d: d["services"]["front"]["depends_on"][0]["feature_flag"].pop("decide"),
            "/services/front/depends_on/0/feature_flag",
            'missing required field "decide"',
        ),
        (
            lambda d: d["services"]["front"]["depends_on"][0]["feature_flag"].update(value=-0.1),
            "/services/front/depends_on/0/feature_flag/value",
            "between 0 and 1, found -0.1",
        ),
        (
            lambda d: d["services"]["front"]["depends_on"][0]["feature_flag"].update(decide="10"),
            "/services/front/depends_on/0/feature_flag/decide",
            "unit",
        ),
    ],
)
def test_bad_degraded_modes_are_precise_errors(tmp_path, edit, where, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_doc(edit)))
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2
    out = proc.stderr + proc.stdout
    assert "bad.json" in out and where in out and message in out
