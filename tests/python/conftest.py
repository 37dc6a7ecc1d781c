"""Shared fixtures of the Python tests: repository paths, example models, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(
    p for p in (ROOT / "models" / "examples").glob("*") if p.suffix in (".json", ".yaml", ".yml")
)
BAD_DIR = ROOT / "tests" / "models" / "bad"
GOOD_DIR = ROOT / "tests" / "models" / "good"


def run_cli(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """Runs `outagesim ARGS` (as `python -m outagesim`, the same entry point) from the repo root."""
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return subprocess.run(
        [sys.executable, "-m", "outagesim", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        **kwargs,
    )


@pytest.fixture
def cli():
    return run_cli


def ids(paths):
    return [p.name for p in paths]
