"""The HTML report: designs evaluated through the one evaluation path, rendered side by side
as one self-contained file (see docs/report.md)."""

from __future__ import annotations

import os
from typing import Any, Dict, Optional, Sequence, Union

from ..model.load import ModelSource, as_architecture
from .gather import gather
from .page import page
from .svg import architecture_svg


def _check_writable(path: str) -> None:
    """Raises OSError now, before minutes of evaluation, if ``path`` cannot be written."""
    if os.path.isdir(path):
        raise IsADirectoryError(21, "Is a directory", path)
    existed = os.path.exists(path)
    with open(path, "a", encoding="utf-8"):
        pass
    if not existed:
        os.remove(path)


def report(
    models: Union[ModelSource, Sequence[ModelSource]],
    path: Optional[Union[str, os.PathLike[str]]] = None,
    names: Optional[Sequence[str]] = None,
    **options: Any,
) -> Dict[str, Any]:
    """Evaluates ``models`` and writes the HTML report to ``path`` (when given); returns the
    report's data, the figures the page shows (what ``outagesim report --json`` prints).

    ``options`` are those of :func:`outagesim.evaluate` (``method``, ``seed``,
    ``replications``, ``horizon``, ``threads``, ``rel_error``, ``max_time``, ``start``,
    ``warmup``, ``assume_exponential``), used for every design as by :func:`outagesim.compare`.
    The HTML text is ``report_html(data, models)``. Raises OSError when ``path`` cannot be
    written (checked before the evaluation starts)."""
    if isinstance(models, (str, os.PathLike, dict)) or not isinstance(models, Sequence):
        models = [models]  # one design
    if path is not None:
        _check_writable(os.fspath(path))
    archs = [as_architecture(m) for m in models]
    data = gather(archs, names, **options)
    if path is not None:
        text = report_html(data, archs)
        with open(os.fspath(path), "w", encoding="utf-8") as handle:
            handle.write(text)
    return data


def report_html(data: Dict[str, Any], models: Sequence[ModelSource]) -> str:
    """The HTML document of report data and the designs it was gathered from (for drawings)."""
    return page(data, [architecture_svg(as_architecture(m)) for m in models])


__all__ = ["report", "report_html"]
