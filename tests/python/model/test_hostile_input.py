"""Hostile model files through the CLI: endless reads and control characters give exit 2."""

from __future__ import annotations

import json
import os
import threading

import pytest
from conftest import run_cli
from outagesim.render.dot import _quote


def _no_traceback(proc):
    assert "Traceback" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_device_is_read_up_to_the_limit(device):
    proc = run_cli("validate", device, timeout=60)
    assert proc.returncode == 2, proc.stdout
    _no_traceback(proc)
    assert f"{device}: /: the file has more than 16777216 bytes, larger than 16 MiB" in proc.stderr


def _feed_forever(path: str, chunk: bytes, stop: threading.Event) -> None:
    try:
        with open(path, "wb") as fifo:
            while not stop.is_set():
                fifo.write(chunk)
    except (BrokenPipeError, OSError):
        pass  # the reader closed the pipe once it had read past the limit


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_fifo_fed_forever_is_read_up_to_the_limit(tmp_path, suffix):
    # JSON goes through the C++ reader, YAML through the Python one: both bound what they read.
    path = str(tmp_path / ("model" + suffix))
    os.mkfifo(path)
    stop = threading.Event()
    writer = threading.Thread(
        target=_feed_forever, args=(path, b"# " + b"x" * 65536 + b"\n", stop), daemon=True
    )
    writer.start()
    try:
        proc = run_cli("validate", path, timeout=60)
    finally:
        stop.set()
        # If the CLI never opened the FIFO, open it here so the writer's open() returns.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        os.close(fd)
        writer.join(timeout=10)
    assert proc.returncode == 2, proc.stdout
    _no_traceback(proc)
    assert "larger than 16 MiB" in proc.stderr


def test_control_characters_in_a_name_are_shown_escaped(tmp_path):
    model = {
        "format": "outagesim/v1",
        "providers": {"p": {}},
        "components": {"web\x1b[2J": {"location": "p", "failure": {"mtbf": "1y", "mttr": "1h"}}},
        "services": {"web": {"replicas": ["web\x1b[2J"]}},
    }
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model))
    proc = run_cli("validate", str(path))
    assert proc.returncode == 2
    _no_traceback(proc)
    assert "\x1b" not in proc.stderr
    assert "/components/web\\u001B[2J: the component name has a control character" in proc.stderr


def test_dot_quotes_escape_control_and_bidi_characters():
    assert _quote('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    quoted = _quote("x\x1b[31m\x07\u202e\x85y")
    assert quoted == '"x\\\\u001B[31m\\\\u0007\\\\u202E\\\\u0085y"'
    assert all(ch.isprintable() for ch in quoted)
