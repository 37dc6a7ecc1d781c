# Type stubs of outagesim.api: evaluate, analyze, exact applicability, MEF export, durations.
from typing import Any, Callable, Optional, Tuple, Union

from .errors import ExactNotApplicable as ExactNotApplicable
from .errors import SimulationError as SimulationError
from .model import ModelSource
from .results import Analysis, Result

Duration = Union[str, float, int]
METHODS: Tuple[str, ...]
STARTS: Tuple[str, ...]

def parse_duration(value: Duration, what: str = ...) -> float: ...
def check_run_counts(seed: Any, replications: Any = ...) -> None: ...
def exact_applicability(model: ModelSource, assume_exponential: bool = ...) -> dict: ...
def evaluate(
    model: ModelSource,
    method: str = ...,
    seed: int = ...,
    replications: Optional[int] = ...,
    horizon: Duration = ...,
    threads: Optional[int] = ...,
    rel_error: float = ...,
    max_time: Duration = ...,
    start: str = ...,
    progress: Union[bool, Callable[[int, float], Any]] = ...,
    assume_exponential: bool = ...,
) -> Result: ...
def analyze(model: ModelSource, top: int = ..., assume_exponential: bool = ...) -> Analysis: ...
def to_open_psa_mef(model: ModelSource) -> str: ...
