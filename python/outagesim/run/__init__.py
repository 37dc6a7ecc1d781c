"""Running the core: evaluate (one method choice, one run), analyze, their options and progress."""

from .evaluate import analyze, evaluate, exact_applicability, to_open_psa_mef
from .options import evaluate_options, parse_duration

__all__ = [
    "analyze",
    "evaluate",
    "exact_applicability",
    "to_open_psa_mef",
    "evaluate_options",
    "parse_duration",
]
