"""Notebook 03 (what-if: cost versus availability) runs top to bottom with small samples."""

from __future__ import annotations

import os

import pytest
from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = ROOT / "notebooks" / "03-what-if-cost-availability.ipynb"


def test_notebook_03_runs_and_answers(monkeypatch):
    monkeypatch.setenv("OUTAGESIM_NOTEBOOK_FAST", "1")
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel draws inline
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    text = []
    images = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", "".join(output.get("traceback", []))
            if output.get("output_type") == "stream":
                text.append(output["text"])
            data = output.get("data", {})
            text.append(data.get("text/plain", ""))
            images += "image/png" in data
    joined = "\n".join(text)
    assert "fast mode" in joined
    assert images >= 2  # the two Pareto plots
    assert "cheapest design reaching 99.99%" in joined
    assert "[95%]" in joined


def test_committed_notebook_has_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.get("outputs") for c in code), "commit the notebook with its outputs"
    assert os.path.getsize(NOTEBOOK) < 3_000_000
