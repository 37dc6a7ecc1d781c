"""Shared by the Terraform import tests: fixture paths, and what every imported model must do."""

from __future__ import annotations

from pathlib import Path

import outagesim

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "terraform"


def zone_of(model: dict, component: str) -> str:
    return model["components"][component]["location"]


def locations(model: dict, service: str) -> list:
    return [zone_of(model, c) for c in model["services"][service]["replicas"]]


def depends(model: dict, service: str) -> set:
    return {
        d["service"] if isinstance(d, dict) else d
        for d in model["services"][service].get("depends_on", [])
    }


def check_usable(result, tmp_path) -> None:
    """The model written to disk loads again and evaluates; every component says where its
    placement came from."""
    path = tmp_path / "model.yaml"
    result.write(str(path))
    arch = outagesim.load(str(path))
    assert arch.name == result.model["name"]
    for name, component in result.model["components"].items():
        assert component["description"], name
        assert "placed by" in component["description"], name
    evaluated = outagesim.evaluate(arch, method="mc", max_time="2s", seed=3, threads=1)
    assert 0.9 < evaluated.availability < 1.0
