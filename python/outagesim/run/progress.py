"""Progress of a Monte Carlo run: a tqdm bar in notebooks and terminals, plain lines in log files.

Shown only once the run has taken more than a second, so quick runs print nothing.
"""

from __future__ import annotations

import math
import sys
import time
from typing import Any, Optional, TextIO


def _in_notebook() -> bool:
    """Whether we run inside a Jupyter kernel (where a widget or HTML bar can be drawn)."""
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()
    except Exception:  # pragma: no cover - defensive: IPython half-imported
        return False
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


def needed_replications(done: int, rel_error: float, target: float) -> Optional[int]:
    """Replications the run will need to reach ``target``, extrapolated from the relative error
    reached after ``done`` (it shrinks as 1/sqrt(replications)); None while it is unknown."""
    if done <= 0 or target <= 0 or not math.isfinite(rel_error) or rel_error <= 0:
        return None
    return max(done, int(math.ceil(done * (rel_error / target) ** 2)))


class ProgressReporter:
    """Plain progress lines: (replications done, relative error reached) -> keep going.

    On a terminal the line is redrawn in place; in a log file a line is written every few
    seconds.
    """

    def __init__(
        self, rel_error_target: float, stream: Optional[TextIO] = None, delay: float = 1.0
    ):
        self._target = rel_error_target
        self._stream = stream if stream is not None else sys.stderr
        self._start = time.monotonic()
        self._delay = delay
        self._last = 0.0
        self._shown = False
        self._tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._interval = 0.2 if self._tty else 5.0

    def __call__(self, replications: int, rel_error: float) -> bool:
        now = time.monotonic()
        elapsed = now - self._start
        if elapsed < self._delay or (self._shown and now - self._last < self._interval):
            return True
        self._last = now
        self._shown = True
        if rel_error != rel_error or rel_error == float("inf"):  # NaN or inf: no incident yet
            error_text = "no incident yet"
        else:
            error_text = f"rel. error {rel_error:.3g}"
            if self._target > 0:
                error_text += f" (target {self._target:g})"
        line = f"  {replications:,} replications, {error_text}, {elapsed:.0f}s"
        if self._tty:
            self._stream.write("\r\033[K" + line)
        else:
            self._stream.write(line + "\n")
        self._stream.flush()
        return True

    def close(self) -> None:
        if self._shown and self._tty:
            self._stream.write("\n")
            self._stream.flush()


class TqdmProgress:
    """A tqdm bar over replications: its total is the number the run is expected to need
    (extrapolated from the relative error so far, or the fixed ``replications``), and its
    postfix shows the relative error against its target."""

    def __init__(
        self,
        rel_error_target: float,
        replications: Optional[int] = None,
        delay: float = 1.0,
        notebook: Optional[bool] = None,
        file: Optional[TextIO] = None,
        mininterval: float = 0.2,
    ):
        notebook = _in_notebook() if notebook is None else notebook
        from tqdm.std import tqdm as text_bar

        bar_class: Any = text_bar
        if notebook:
            try:
                import ipywidgets  # noqa: F401
                from tqdm.notebook import tqdm as widget_bar

                bar_class = widget_bar
            except ImportError:  # no widgets: tqdm's text bar, which Jupyter shows as stderr
                pass
        self._target = rel_error_target
        self._fixed = replications if replications else None
        self._bar = bar_class(
            total=self._fixed,
            unit=" replications",
            unit_scale=True,
            delay=delay,
            leave=False,
            desc="outagesim",
            file=file,
            dynamic_ncols=True,
            mininterval=mininterval,
        )
        self._done = 0

    def __call__(self, replications: int, rel_error: float) -> bool:
        bar = self._bar
        if self._fixed is None:
            total = needed_replications(replications, rel_error, self._target)
            if total is not None and total != bar.total:
                bar.total = total
        if math.isfinite(rel_error):
            text = f"{rel_error:.3g}"
            if self._target > 0:
                text += f" (target {self._target:g})"
            bar.set_postfix_str(f"rel. error {text}", refresh=False)
        else:
            bar.set_postfix_str("no incident yet", refresh=False)
        bar.update(max(0, replications - self._done))
        self._done = max(self._done, replications)
        return True

    def close(self) -> None:
        self._bar.close()


def make_progress(rel_error_target: float, replications: Optional[int] = None) -> Any:
    """The reporter ``evaluate(progress=True)`` uses: a tqdm bar in a notebook or on a terminal,
    plain lines when stderr is a log file (or tqdm is missing)."""
    interactive = _in_notebook() or bool(getattr(sys.stderr, "isatty", lambda: False)())
    if interactive:
        try:
            return TqdmProgress(rel_error_target, replications)
        except ImportError:
            pass
    return ProgressReporter(rel_error_target)
