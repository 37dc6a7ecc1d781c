"""The notebooks run top to bottom (fast settings) and their committed copies carry outputs."""

from __future__ import annotations

import os
import time

import pytest
from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
EXPECTED = {
    "01-single-zone-vs-multi-region.ipynb",
    "02-anatomy-of-an-outage.ipynb",
    "04-correlated-failures.ipynb",
    "05-real-incidents.ipynb",
    "06-control-planes-and-people.ipynb",
    "07-data-and-disaster-recovery.ipynb",
}


def test_both_notebooks_exist():
    assert EXPECTED <= {p.name for p in NOTEBOOKS}


def _kernel_available() -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:  # pragma: no cover - a broken environment, said clearly
        pytest.fail(
            "no Jupyter kernel named 'python3': install ipykernel "
            "(pip install ipykernel; python -m ipykernel install --user)"
        )


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name in EXPECTED], ids=lambda p: p.name)
def test_committed_notebook_has_outputs(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.get("outputs") for c in code if "plot." in c.source or "evaluate" in c.source)
    assert not any(o.get("output_type") == "error" for c in code for o in c.get("outputs", []))
    images = [o for c in code for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 3, "the committed notebook shows its figures"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name in EXPECTED], ids=lambda p: p.name)
def test_notebook_executes(path, monkeypatch):
    _kernel_available()
    monkeypatch.setenv("OUTAGESIM_NOTEBOOK_FAST", "1")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.monotonic()
    client.execute()  # raises CellExecutionError with the failing cell's traceback
    elapsed = time.monotonic() - started
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not any(o.get("output_type") == "error" for o in outputs)
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "fast=True" in text, "the first cell read OUTAGESIM_NOTEBOOK_FAST"
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert elapsed < 120, f"{path.name} took {elapsed:.0f}s with fast settings"
    assert os.environ.get("OUTAGESIM_NOTEBOOK_FAST") == "1"
