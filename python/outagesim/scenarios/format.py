"""Reading scenario files (``format: outagesim-scenario/v1``, JSON or YAML): every problem of a
file at once, each with the file, the JSON pointer and what was expected, like models.

A scenario is a name, a description and a list of faults. A fault reads like an action of a
fault-injection service: a ``target`` (exactly one kind of thing: a provider, region, zone,
component, service, common-cause group, regional service, bad change, or one zone of a region
chosen at random), an ``action`` (``down``; ``unavailable`` for a control plane), a start (an
offset ``start`` from the scenario's start, or ``after`` another fault ends, plus ``delay``) and
a ``duration`` (fixed, or a distribution). Incident files of the library add an ``incident``
block (date, provider, summary, sources, what the public record says and its ranges).
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Union

from .. import _core
from ..errors import ModelError, Problem

FORMAT = "outagesim-scenario/v1"
MAX_SCENARIO_BYTES = 1024 * 1024
MAX_FAULTS = 1000

# Target kinds, each with what its value names (for messages and docs/scenarios.md).
TARGETS: Dict[str, str] = {
    "provider": "a provider, e.g. 'aws'",
    "region": "a region path, e.g. 'aws/us-east-1'",
    "zone": "a zone path, e.g. 'aws/us-east-1/use1-az1'",
    "one_zone_of": "a region path: one of its zones, drawn at random in each run",
    "component": "a component name",
    "service": "a service name: every replica down",
    "common_cause": "a common-cause group name",
    "regional_service": "'<region path>/<type>': every component of that type in the region",
    "component_type": "'<provider or region path>/<type>': every component of that type there",
    "change": "a service name: a bad change reaching every replica",
    "control_plane": "a provider or region path (control planes are not modelled yet)",
}
ACTIONS = ("down", "unavailable")
_TOP_FIELDS = ("format", "name", "description", "background", "window", "faults", "incident")
_FAULT_FIELDS = ("name", "description", "target", "action", "start", "after", "delay", "duration")
_INCIDENT_FIELDS = ("date", "provider", "title", "summary", "sources", "record")


@dataclass(frozen=True)
class FaultSpec:
    """One fault as written: its target kind and value, action, start and duration."""

    name: str
    target_kind: str
    target: str
    action: str
    start_hours: float
    after: Optional[str]
    delay_hours: float
    duration: Any  # _core.Distribution
    duration_text: str
    description: str = ""


@dataclass(frozen=True)
class Incident:
    """What the library says of a real incident: when, whose, what happened, and where it is told."""

    date: str
    provider: str
    title: str
    summary: str
    sources: List[str]
    record: str

    def to_dict(self) -> dict:
        return {
            "date": self.date,
            "provider": self.provider,
            "title": self.title,
            "summary": self.summary,
            "sources": list(self.sources),
            "record": self.record,
        }


@dataclass(frozen=True)
class Scenario:
    """A validated scenario file."""

    name: str
    description: str
    faults: List[FaultSpec]
    background: bool
    window_hours: Optional[float]
    source: str
    incident: Optional[Incident] = None
    document: Dict[str, Any] = field(default_factory=dict, compare=False)

    def fault(self, name: str) -> FaultSpec:
        for f in self.faults:
            if f.name == name:
                return f
        raise KeyError(name)


def did_you_mean(word: str, choices: List[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.problems: List[Problem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.source, path, message))

    def known(self, obj: Mapping[str, Any], path: str, allowed: tuple, where: str) -> None:
        for key in obj:
            if key not in allowed:
                hint = did_you_mean(str(key), list(allowed))
                self.problem(
                    f"{path}/{_token(str(key))}",
                    f"unknown field {key!r} in {where}{hint}; expected one of {', '.join(allowed)}",
                )

    def text(self, obj: Mapping[str, Any], key: str, path: str, required: bool) -> Optional[str]:
        if key not in obj:
            if required:
                self.problem(path, f'missing "{key}": expected a string')
            return None
        value = obj[key]
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{path}/{key}", f"found {json.dumps(value)}; expected a non-empty string")
            return None
        return value

    def hours(self, value: Any, path: str) -> Optional[float]:
        if not isinstance(value, str):
            self.problem(path, f"found {json.dumps(value)}; expected a duration such as '30m'")
            return None
        try:
            hours = float(_core.parse_duration(value))
        except ValueError as error:
            self.problem(path, str(error))
            return None
        if hours < 0:
            self.problem(path, f"found {value!r}; expected a duration >= 0, not a negative one")
            return None
        return hours

    def distribution(self, value: Any, path: str) -> Optional[Any]:
        try:
            return _core.read_distribution(json.dumps(value), self.source, path, True)
        except ModelError as error:
            self.problems.extend(error.problems)
            return None


def _read_target(r: _Reader, value: Any, path: str) -> Optional[tuple]:
    if not isinstance(value, dict) or len(value) != 1:
        r.problem(
            path,
            f"found {json.dumps(value)}; expected an object with exactly one of "
            f'{", ".join(TARGETS)}, e.g. {{"zone": "aws/us-east-1/use1-az1"}}',
        )
        return None
    ((kind, name),) = value.items()
    if kind not in TARGETS:
        r.problem(
            f"{path}/{_token(str(kind))}",
            f"unknown target kind {kind!r}{did_you_mean(str(kind), list(TARGETS))}; expected one "
            f"of {', '.join(TARGETS)}",
        )
        return None
    if not isinstance(name, str) or not name:
        r.problem(f"{path}/{kind}", f"found {json.dumps(name)}; expected {TARGETS[kind]}")
        return None
    return kind, name


def _read_fault(r: _Reader, value: Any, path: str, index: int) -> Optional[FaultSpec]:
    if not isinstance(value, dict):
        r.problem(path, f"found {json.dumps(value)}; expected a fault object")
        return None
    r.known(value, path, _FAULT_FIELDS, "a fault")
    name = r.text(value, "name", path, required=False) or f"fault-{index + 1}"
    target = _read_target(r, value.get("target"), f"{path}/target") if "target" in value else None
    if "target" not in value:
        r.problem(path, 'missing "target": expected what the fault takes down, e.g. {"zone": ...}')
    action = value.get("action", "down")
    if action not in ACTIONS:
        r.problem(f"{path}/action", f"found {json.dumps(action)}; expected 'down' or 'unavailable'")
    elif target and (action == "unavailable") != (target[0] == "control_plane"):
        r.problem(
            f"{path}/action",
            f"found {action!r} for a {target[0]} target; expected 'unavailable' for a control "
            "plane and 'down' for everything else",
        )
    start = 0.0
    if "start" in value and "after" in value:
        r.problem(f"{path}/start", "found both 'start' and 'after'; expected one of them")
    if "start" in value:
        start = r.hours(value["start"], f"{path}/start") or 0.0
    after = r.text(value, "after", path, required=False)
    delay = 0.0
    if "delay" in value:
        if "after" not in value:
            r.problem(f"{path}/delay", "'delay' counts from the end of the fault named by 'after'")
        delay = r.hours(value["delay"], f"{path}/delay") or 0.0
    duration = None
    if "duration" not in value:
        r.problem(
            path,
            'missing "duration": expected how long the fault lasts, e.g. "4h" or a '
            "distribution object",
        )
    else:
        duration = r.distribution(value["duration"], f"{path}/duration")
    if target is None or duration is None:
        return None
    text = value["duration"] if isinstance(value["duration"], str) else duration.describe()
    return FaultSpec(
        name,
        target[0],
        target[1],
        str(action),
        start,
        after,
        delay,
        duration,
        str(text),
        str(value.get("description", "")),
    )


def _read_incident(r: _Reader, value: Any, path: str) -> Optional[Incident]:
    if not isinstance(value, dict):
        r.problem(path, f"found {json.dumps(value)}; expected an incident object")
        return None
    r.known(value, path, _INCIDENT_FIELDS, "an incident")
    texts = {k: r.text(value, k, path, required=True) for k in _INCIDENT_FIELDS if k != "sources"}
    sources = value.get("sources")
    if not isinstance(sources, list) or not sources:
        r.problem(f"{path}/sources", "expected a non-empty list of public sources (https links)")
        sources = []
    for i, s in enumerate(sources):
        if not isinstance(s, str) or not s.startswith("https://"):
            r.problem(f"{path}/sources/{i}", f"found {json.dumps(s)}; expected an https link")
    if any(v is None for v in texts.values()):
        return None
    return Incident(
        str(texts["date"]),
        str(texts["provider"]),
        str(texts["title"]),
        str(texts["summary"]),
        [str(s) for s in sources],
        str(texts["record"]),
    )


def _check_order(r: _Reader, faults: List[FaultSpec]) -> None:
    names = [f.name for f in faults]
    for i, f in enumerate(faults):
        if names.count(f.name) > 1 and names.index(f.name) == i:
            r.problem(
                f"/faults/{names.index(f.name, i + 1)}/name",
                f"fault name {f.name!r} is used twice; expected each name once",
            )
        if f.after is not None and f.after not in names:
            r.problem(
                f"/faults/{i}/after",
                f"no fault named {f.after!r}{did_you_mean(f.after, names)}; expected the "
                "name of another fault of this scenario",
            )
    by_name = {f.name: f for f in faults}
    for i, f in enumerate(faults):
        seen = [f.name]
        g = f
        while g.after is not None and g.after in by_name:
            g = by_name[g.after]
            if g.name in seen:
                r.problem(
                    f"/faults/{i}/after",
                    f"the 'after' ordering is a cycle: {' -> '.join(seen + [g.name])}; "
                    "expected every chain to end at a fault with a start offset",
                )
                break
            seen.append(g.name)


def read_scenario(document: Any, source: str) -> Scenario:
    """A Scenario from a parsed document; ModelError listing every problem."""
    r = _Reader(source)
    if not isinstance(document, dict):
        raise ModelError.single(source, "", "expected a scenario object with 'faults'")
    r.known(document, "", _TOP_FIELDS, "a scenario")
    fmt = document.get("format")
    if fmt != FORMAT:
        r.problem("/format", f"found {json.dumps(fmt)}; expected {FORMAT!r}")
    name = r.text(document, "name", "", required=True) or ""
    description = str(document.get("description", ""))
    background = document.get("background", "off")
    if background not in ("on", "off", True, False):
        r.problem("/background", f"found {json.dumps(background)}; expected 'on' or 'off'")
    window = r.hours(document["window"], "/window") if "window" in document else None
    if window is not None and window <= 0:
        r.problem("/window", "expected a positive duration")
    incident = (
        _read_incident(r, document["incident"], "/incident") if "incident" in document else None
    )
    raw = document.get("faults")
    faults: List[FaultSpec] = []
    if not isinstance(raw, list) or not raw:
        r.problem("/faults", f"found {json.dumps(raw)[:60]}; expected a non-empty list of faults")
    elif len(raw) > MAX_FAULTS:
        r.problem("/faults", f"{len(raw)} faults; expected at most {MAX_FAULTS}")
    else:
        for i, item in enumerate(raw):
            fault = _read_fault(r, item, f"/faults/{i}", i)
            if fault is not None:
                faults.append(fault)
        if len(faults) == len(raw):
            _check_order(r, faults)
    if r.problems:
        raise ModelError("", r.problems)
    return Scenario(
        name,
        description,
        faults,
        background in ("on", True),
        window,
        source,
        incident,
        dict(document),
    )


def load_scenario(source: Union[str, Path, Mapping[str, Any]]) -> Scenario:
    """A scenario from a file (JSON or YAML), a dict, or JSON/YAML text."""
    if isinstance(source, Mapping):
        return read_scenario(dict(source), "<scenario>")
    text_source = str(source)
    path = Path(text_source)
    if "\n" not in text_source and (path.suffix in (".json", ".yaml", ".yml") or path.exists()):
        name = text_source
        try:
            if path.stat().st_size > MAX_SCENARIO_BYTES:
                raise ModelError.single(
                    name, "", f"larger than {MAX_SCENARIO_BYTES} bytes; expected a scenario file"
                )
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ModelError.single(name, "", f"cannot read the scenario: {error}") from None
    else:
        name, text = "<scenario>", text_source
    return read_scenario(_parse(text, name), name)


def _parse(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as json_error:
        if text.lstrip().startswith(("{", "[")):
            raise ModelError.single(
                source,
                "",
                f"not valid JSON at line {json_error.lineno}, "
                f"column {json_error.colno}: {json_error.msg}",
            ) from None
    import yaml

    from ..model._yaml import YamlLimitError, load_yaml, yaml_error

    try:
        return load_yaml(text)
    except (yaml.YAMLError, YamlLimitError) as error:
        raise yaml_error(error, source, "a scenario document") from None
