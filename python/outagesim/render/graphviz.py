"""Rendering Graphviz DOT with the `dot` program, with a clear error when Graphviz is missing."""

from __future__ import annotations

import shutil
import subprocess

from ..errors import GraphvizNotFound

_FORMATS = ("png", "svg", "pdf")


def dot_program() -> str:
    """The path of Graphviz's ``dot``; raises :class:`GraphvizNotFound` when it is not installed."""
    path = shutil.which("dot")
    if path is None:
        raise GraphvizNotFound(
            "Graphviz is not installed: the program 'dot' is not on PATH, so the architecture "
            "cannot be drawn. Install it (Debian/Ubuntu: apt-get install graphviz; macOS: brew "
            "install graphviz), or write arch.to_dot() to a file and render it elsewhere."
        )
    return path


def render_dot(dot: str, format: str = "png", timeout: float = 60.0) -> bytes:
    """``dot -T<format>`` of the DOT text: the image bytes (png, svg or pdf)."""
    if format not in _FORMATS:
        raise ValueError(f"format must be one of {', '.join(_FORMATS)}, not {format!r}")
    program = dot_program()
    done = subprocess.run(
        [program, f"-T{format}"],
        input=dot.encode("utf-8"),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"Graphviz dot failed (exit {done.returncode}): "
            f"{done.stderr.decode('utf-8', 'replace').strip()}"
        )
    return done.stdout
