# Type stubs of outagesim.plot: matplotlib pictures of results and architectures.
from typing import Any, Mapping, Optional, Sequence, Union

import pandas
from matplotlib.axes import Axes

from .architecture import Architecture
from .results import Result

Results = Union[Sequence[Result], Mapping[str, Result], pandas.DataFrame]

def availability(
    results: Results,
    metric: str = ...,
    measure: str = ...,
    labels: Optional[Sequence[str]] = ...,
    ax: Optional[Axes] = ...,
    title: Optional[str] = ...,
    annotate: bool = ...,
) -> Axes: ...
def downtime_distribution(
    result: Result,
    measure: str = ...,
    ax: Optional[Axes] = ...,
    bins: int = ...,
    title: Optional[str] = ...,
) -> Axes: ...
def incident_durations(
    result: Result, measure: str = ..., ax: Optional[Axes] = ..., title: Optional[str] = ...
) -> Axes: ...
def attribution(
    result: Result,
    by: str = ...,
    top: int = ...,
    ax: Optional[Axes] = ...,
    title: Optional[str] = ...,
) -> Axes: ...
def attribution_levels(
    results: Union[Sequence[Result], Mapping[str, Result]],
    labels: Optional[Sequence[str]] = ...,
    ax: Optional[Axes] = ...,
    title: Optional[str] = ...,
) -> Axes: ...
def architecture(arch: Architecture, ax: Optional[Axes] = ..., dpi: int = ...) -> Axes: ...
def pareto(*args: Any, **kwargs: Any) -> Any: ...
