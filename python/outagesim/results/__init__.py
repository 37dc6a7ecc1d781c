"""What a run returns: Result, MeasureResult and Analysis, their frames, and one flat row per design."""

from .result import Analysis, MeasureResult, Result
from .row import summary_row

__all__ = ["Analysis", "MeasureResult", "Result", "summary_row"]
