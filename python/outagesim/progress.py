"""Progress of a Monte Carlo run on stderr, shown only once the run has taken more than a second."""

from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


class ProgressReporter:
    """Callable handed to the engine: (replications done, relative error reached) -> keep going."""

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
        # A log file gets a line every few seconds; a terminal gets a line redrawn in place.
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
