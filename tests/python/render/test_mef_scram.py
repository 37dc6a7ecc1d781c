"""`outagesim export --to mef` read by SCRAM, an independent fault-tree engine, gives outagesim's
exact probability, importance and cut set count; models with timed failover are refused."""

from __future__ import annotations

import re
import shutil
import subprocess

import outagesim
import pytest
from conftest import EXAMPLES, ids
from outagesim.errors import ExactNotApplicable

SCRAM = shutil.which("scram")
pytestmark = pytest.mark.skipif(SCRAM is None, reason="SCRAM (Debian package scram) not installed")

# SCRAM prints 6 significant digits.
DIGITS = 1e-5

TOP = re.compile(
    r'<sum-of-products name="system_down"[^>]*products="(\d+)"[^>]*probability="([^"]+)"'
)
EVENT = re.compile(
    r'<basic-event name="([^"]+)" occurrence="\d+" probability="[^"]+" MIF="([^"]+)" '
    r'CIF="([^"]+)" DIF="[^"]+" RAW="([^"]+)" RRW="([^"]+)"'
)


def event_name(row: dict) -> str:
    return row["level"] + "_" + re.sub(r"[^A-Za-z0-9_-]", "_", row["element"])


def run_scram(mef: str, tmp_path) -> tuple[float, int, dict]:
    model = tmp_path / "model.xml"
    report = tmp_path / "report.xml"
    model.write_text(mef, encoding="utf-8")
    done = subprocess.run(
        [
            SCRAM,
            "--bdd",
            "--probability",
            "true",
            "--importance",
            "true",
            "-o",
            str(report),
            str(model),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    text = report.read_text(encoding="utf-8")
    top = TOP.search(text)
    assert top, "no system_down result in SCRAM's report"
    events = {
        m[1]: {"MIF": float(m[2]), "CIF": float(m[3]), "RAW": float(m[4]), "RRW": float(m[5])}
        for m in EVENT.finditer(text)
    }
    return float(top[2]), int(top[1]), events


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_example_models_through_scram(path, tmp_path, cli):
    applicable = outagesim.exact_applicability(str(path))
    if applicable["solver"] != "bdd":
        with pytest.raises(ExactNotApplicable):
            outagesim.to_open_psa_mef(str(path))
        return
    out = tmp_path / "cli.xml"
    done = cli("export", str(path), "--to", "mef", "-o", str(out))
    assert done.returncode == 0, done.stderr
    mef = out.read_text(encoding="utf-8")
    assert mef == outagesim.to_open_psa_mef(str(path))
    probability, products, events = run_scram(mef, tmp_path)

    analysis = outagesim.analyze(str(path), top=5)
    unavailability = analysis.result.to_dict()["downtime_minutes_per_year"] / 525600.0
    assert probability == pytest.approx(unavailability, rel=DIGITS)
    assert products == analysis.cut_set_count
    assert len(events) == analysis.importance_count  # importance lists the top 5 of them
    for row in analysis.importance:
        scram = events[event_name(row)]
        assert scram["MIF"] == pytest.approx(row["birnbaum"], rel=DIGITS), row["element"]
        assert scram["CIF"] == pytest.approx(row["criticality"], rel=DIGITS), row["element"]
        assert scram["RAW"] == pytest.approx(row["risk_achievement_worth"], rel=DIGITS), row[
            "element"
        ]


def test_at_least_one_example_is_static():
    assert any(outagesim.exact_applicability(str(p))["solver"] == "bdd" for p in EXAMPLES)
