"""The Python exceptions of outagesim; the compiled core's exceptions are translated to these."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable, List, Mapping, Union


class OutagesimError(Exception):
    """Base of every error outagesim raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a model: the file, the JSON pointer inside it, and what was expected."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path or '/'}: {self.message}"

    def __getitem__(self, key: str) -> str:
        # Problems also read like the dicts the core hands over: problem["path"].
        if key not in ("file", "path", "message"):
            raise KeyError(key)
        return getattr(self, key)

    def to_dict(self) -> dict:
        return asdict(self)


ProblemLike = Union[Problem, Mapping[str, Any]]


def _as_problem(item: ProblemLike) -> Problem:
    if isinstance(item, Problem):
        return item
    return Problem(
        str(item.get("file", "")), str(item.get("path", "")), str(item.get("message", ""))
    )


class ModelError(OutagesimError, ValueError):
    """A model that cannot be used. ``problems`` lists every problem found, not just the first."""

    def __init__(self, message: str = "", problems: Iterable[ProblemLike] = ()):
        self.problems: List[Problem] = [_as_problem(p) for p in problems]
        if not message:
            message = "\n".join(str(p) for p in self.problems) or "invalid model"
        super().__init__(message)

    @classmethod
    def _from_core(cls, message: str, problems: Iterable[ProblemLike]) -> ModelError:
        return cls(message, problems)

    @classmethod
    def single(cls, file: str, path: str, message: str) -> ModelError:
        problem = Problem(file, path, message)
        return cls(str(problem), [problem])

    def __str__(self) -> str:
        if self.problems:
            return "\n".join(str(p) for p in self.problems)
        return super().__str__()


class SimulationError(OutagesimError, RuntimeError):
    """The engine was asked for something it cannot do (bad options, interrupted run, ...)."""


class ExactNotApplicable(OutagesimError, RuntimeError):
    """No exact answer exists for this model; the message says why and what to use instead.

    ``reason`` is the core's explanation alone; the message adds how to ask for the
    alternatives in the caller's terms (Python keywords, or the command's flags)."""

    def __init__(
        self,
        reason: str,
        hint: str = "in Python: method='mc' (Monte Carlo), or assume_exponential=True",
    ) -> None:
        super().__init__(f"{reason} [{hint}]" if hint else reason)
        self.reason = reason


class GraphvizNotFound(OutagesimError, RuntimeError):
    """Graphviz (the ``dot`` program) is not installed, so a drawing cannot be rendered."""
