"""Studies over several designs: compare side by side, sweep a grid of variants, the frontier."""

from .compare import compare
from .frontier import mark_frontier
from .sweep import sweep

__all__ = ["compare", "mark_frontier", "sweep"]
