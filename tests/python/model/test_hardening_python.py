"""Hostile inputs to the Python layer (issue 10): YAML bombs, depth, duplicate keys, option ranges,
output failures, non-UTF-8 input, Ctrl-C while reading, callbacks and sweep grids."""

from __future__ import annotations

import errno
import importlib
import json
import math
import os
import signal
import subprocess
import sys
import time
import tracemalloc

import numpy as np
import outagesim
import pytest
from conftest import EXAMPLES, ROOT, run_cli
from outagesim import _limits
from outagesim.model import _yaml
from outagesim.render.text import fmt_usd

from models import ACTIVE_PASSIVE, PARALLEL

sweep = importlib.import_module("outagesim.studies.sweep")

MODEL = str(ROOT / "models" / "examples" / "02-multi-az.json")

# The classic "billion laughs": 9 levels of 9 aliases, 9^9 strings from 500 bytes.
BILLION_LAUGHS = "".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    + [
        f"{name}: &{name} [{','.join(['*' + prev] * 9)}]\n"
        for prev, name in zip("abcdefgh", "bcdefghi")
    ]
)

PARALLEL_YAML = """\
format: outagesim/v1
name: parallel-yaml
providers: {p: {regions: {r: {zones: {z1: {}, z2: {}}}}}}
components:
  a: {location: p/r/z1, failure: &fail {mtbf: 1000h, mttr: 10h}}
  b: {location: p/r/z2, failure: *fail}
services:
  s: {replicas: [a, b], redundancy: {mode: active_active, min_healthy: 1}}
"""


def _write(tmp_path, name: str, data) -> str:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data)
    return str(path)


def _no_traceback(proc):
    assert "Traceback" not in proc.stderr, proc.stderr


def _nested(levels: int) -> str:
    return "format: outagesim/v1\ndescription: " + "[" * levels + "1" + "]" * levels + "\n"


# --- finding 3: YAML alias bomb ----------------------------------------------------------------


def test_billion_laughs_is_refused_fast_and_small(tmp_path):
    path = _write(tmp_path, "bomb.yaml", BILLION_LAUGHS)
    assert len(BILLION_LAUGHS) < 600
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(outagesim.ModelError) as caught:
            outagesim.load(path)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 4 * 1024 * 1024
    problem = caught.value.problems[0]
    assert problem.file == path
    # The aliases of b..f add 672,588 nodes; the first *f on line 7 takes them past 10^6.
    assert problem.message.startswith("at line 7: the alias *f expands the document past")
    assert f"{_limits.YAML_ALIAS_MAX_NODES:,} nodes" in problem.message


def test_alias_bomb_from_cli_exits_2(tmp_path):
    path = _write(tmp_path, "bomb.yaml", BILLION_LAUGHS)
    proc = run_cli("validate", path, timeout=30)
    assert proc.returncode == 2
    _no_traceback(proc)
    assert proc.stderr.startswith(path + ": /: at line 7: the alias *f expands")


def test_one_long_text_copied_by_aliases_is_refused(tmp_path):
    # Few nodes, many bytes: the byte budget (the file size limit) applies too.
    text = "description: &d '" + "x" * 1_000_000 + "'\nnotes: [" + ", ".join(["*d"] * 20) + "]\n"
    with pytest.raises(outagesim.ModelError, match="16 MiB of text"):
        outagesim.load(_write(tmp_path, "long.yaml", text))


def test_ordinary_aliases_still_load(tmp_path):
    arch = outagesim.load(_write(tmp_path, "parallel.yaml", PARALLEL_YAML))
    reference = outagesim.load(PARALLEL)
    assert [c.name for c in arch.components] == [c.name for c in reference.components]
    assert arch.to_dict()["components"] == reference.to_dict()["components"]


def test_alias_inside_its_own_node_is_refused(tmp_path):
    with pytest.raises(outagesim.ModelError, match=r"at line 2: the alias \*x is inside"):
        outagesim.load(_write(tmp_path, "self.yaml", "format: outagesim/v1\nx: &x [1, *x]\n"))


def test_aliases_cannot_nest_past_the_depth_limit(tmp_path):
    levels = _limits.YAML_MAX_DEPTH - 10
    text = (
        "format: outagesim/v1\nx: &x "
        + "[" * levels
        + "1"
        + "]" * levels
        + "\ny: "
        + "[" * 20
        + "*x"
        + "]" * 20
        + "\n"
    )
    with pytest.raises(outagesim.ModelError, match=r"at line 3: the alias \*x nests"):
        outagesim.load(_write(tmp_path, "deep-alias.yaml", text))


@pytest.mark.parametrize("loader", _yaml.LOADERS, ids=lambda c: c.__name__)
def test_each_yaml_parser_applies_the_limits(loader):
    # libyaml's parser when PyYAML has it, the pure-Python one otherwise: the same limits.
    cases = [
        (BILLION_LAUGHS, 7, "the alias *f expands"),
        (_nested(300), 2, f"nested deeper than {_limits.YAML_MAX_DEPTH} levels"),
        ("x: &x [1, *x]\n", 1, "the alias *x is inside"),
        ("a: 1\nb: 2\na: 3\n", 3, 'duplicate key "a" (first at line 1)'),
    ]
    for text, line, message in cases:
        with pytest.raises(_yaml.YamlLimitError) as caught:
            _yaml.load_yaml(text, loader)
        assert caught.value.line == line and message in caught.value.message
    assert _yaml.load_yaml(PARALLEL_YAML, loader) == _yaml.load_yaml(
        PARALLEL_YAML, _yaml.LOADERS[-1]
    )


# --- finding 8: YAML depth, option ranges, huge costs, stdout, UTF-8 ---------------------------


def test_deep_yaml_is_refused_with_file_and_line(tmp_path):
    path = _write(tmp_path, "deep.yaml", _nested(600))
    with pytest.raises(outagesim.ModelError) as caught:
        outagesim.load(path)
    problem = caught.value.problems[0]
    assert problem.file == path
    assert problem.message.startswith(
        f"at line 2: nested deeper than {_limits.YAML_MAX_DEPTH} levels"
    )
    proc = run_cli("validate", path)
    assert proc.returncode == 2
    _no_traceback(proc)


def test_yaml_just_within_the_depth_limit_gets_the_loaders_message(tmp_path):
    # The root mapping is a level: YAML_MAX_DEPTH - 1 brackets under it make the limit.
    path = _write(tmp_path, "deep-ok.yaml", _nested(_limits.YAML_MAX_DEPTH - 1))
    with pytest.raises(outagesim.ModelError) as caught:
        outagesim.load(path)
    assert "nested deeper" not in str(caught.value)
    assert any(p.path == "/description" for p in caught.value.problems)


@pytest.mark.parametrize(
    "option, value",
    [
        ("--seed", str(2**64)),
        ("--seed", "-1"),
        ("--replications", str(2**64)),
        ("--replications", str(_limits.MAX_REPLICATIONS + 1)),
    ],
)
def test_seed_and_replications_out_of_range_exit_2(option, value):
    proc = run_cli("evaluate", MODEL, option, value)
    assert proc.returncode == 2
    _no_traceback(proc)
    assert f"argument {option}: '{value}': expected an integer in [" in proc.stderr


@pytest.mark.parametrize("value", [str(2**64), str(_limits.MAX_TOP + 1), "-1"])
def test_top_out_of_range_exits_2(value):
    proc = run_cli("analyze", MODEL, "--top", value)
    assert proc.returncode == 2
    _no_traceback(proc)
    assert f"argument --top: '{value}': expected an integer in [0, 1,000,000]" in proc.stderr


def test_largest_seed_is_accepted():
    proc = run_cli(
        "evaluate", MODEL, "--method", "mc", "--seed", str(2**64 - 1), "--max-time", "2s", "--json"
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["seed"] == 2**64 - 1


@pytest.mark.parametrize(
    "options",
    [{"seed": 2**64}, {"seed": -1}, {"seed": 1.5}, {"replications": 2**64}, {"replications": 0}],
)
def test_evaluate_raises_value_error_for_out_of_range_counts(options):
    # method="exact" never uses the seed, and still must not accept one the engine cannot take.
    for method in ("exact", "mc"):
        with pytest.raises(ValueError, match="seed|replications"):
            outagesim.evaluate(PARALLEL, method=method, **options)
    with pytest.raises(ValueError, match="seed|replications"):
        outagesim.compare([PARALLEL], **options)


@pytest.mark.parametrize(
    "value, text",
    [
        (0.0, "$0"),
        (1234.4, "$1,234"),
        (-5.0, "$-5"),
        (1e15, "$1.000e+15"),
        (1.2e308, "$1.200e+308"),
        (math.inf, "$inf"),
        (np.float64(2.5e3), "$2,500"),
        (np.int64(7), "$7"),
        (None, "n/a"),
        (math.nan, "n/a"),
    ],
)
def test_money_formatting(value, text):
    assert fmt_usd(value) == text


@pytest.mark.parametrize(
    "field, value",
    [
        ("/fixed_cost_per_month", 1e308),
        ("/components/web-1/cost_per_hour", 1e300),
        ("/business/downtime_cost_per_hour", 1e20),
    ],
)
def test_money_amounts_that_would_overflow_are_rejected(tmp_path, field, value):
    """1e308 a month makes an infinite yearly total: the loader bounds every amount (1e15 USD),
    so a total is a number or unknown, never an overflow."""
    document = json.loads((ROOT / "models" / "examples" / "01-single-zone.json").read_text())
    keys = field.strip("/").split("/")
    node = document
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path = _write(tmp_path, "huge.json", json.dumps(document))
    proc = run_cli("evaluate", path, "--method", "mc", "--rel-error", "0.2")
    assert proc.returncode == 2, proc.stdout
    assert field in proc.stderr and "1e15" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_full_disk_on_stdout_is_one_line_and_exit_2():
    if not os.path.exists("/dev/full"):
        pytest.fail("this test needs /dev/full (Linux)")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "outagesim", "show", MODEL],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2
    assert proc.stderr == "outagesim show: cannot write the output: No space left on device\n"


def test_reader_going_away_stays_quiet():
    proc = subprocess.Popen(
        [sys.executable, "-m", "outagesim", "show", MODEL, "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc.stdout.close()  # before the child can have written: its first write meets EPIPE
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert err == ""


def test_non_utf8_files_are_named_and_validate_goes_on(tmp_path):
    bad_json = _write(tmp_path, "bad.json", b'{"format": "outagesim/v1", "name": "caf\xe9"}')
    bad_yaml = _write(tmp_path, "bad.yaml", b"format: outagesim/v1\nname: caf\xe9\n")
    proc = run_cli("validate", bad_json, bad_yaml, MODEL)
    assert proc.returncode == 2
    _no_traceback(proc)
    lines = proc.stderr.splitlines()
    assert lines[0].startswith(bad_json + ": /: the file is not valid JSON")
    assert (
        lines[1]
        == bad_yaml + ": /: the file is not UTF-8 text (byte 30); expected a JSON or YAML model"
    )
    assert proc.stdout == f"{MODEL}: ok\n"
    for path in (bad_json, bad_yaml):
        with pytest.raises(outagesim.ModelError) as caught:
            outagesim.load(path)
        assert caught.value.problems[0].file == path


@pytest.mark.parametrize(
    "data", [b'{"format": "outagesim/v1", "name": "caf\xe9"}', b"format: x\nname: caf\xe9\n"]
)
def test_non_utf8_bytes_raise_model_error(data):
    with pytest.raises(outagesim.ModelError, match=r"<bytes>: /: the model text is not UTF-8"):
        outagesim.load(data)


@pytest.mark.parametrize("text", ['format: x\nname: "a\ud800"\n', '{"name": "a\ud800"}'])
def test_text_with_a_lone_surrogate_is_a_model_error(text):
    with pytest.raises(outagesim.ModelError, match="not valid Unicode"):
        outagesim.load(text)


# --- finding 11: duplicate YAML keys, progress callbacks, sweep grids --------------------------


def test_duplicate_yaml_keys_are_rejected_like_json(tmp_path):
    yaml_text = PARALLEL_YAML.replace("  b: {location", "  a: {location: p/r/z1}\n  b: {location")
    with pytest.raises(outagesim.ModelError) as from_yaml:
        outagesim.load(_write(tmp_path, "dup.yaml", yaml_text))
    json_text = json.dumps(PARALLEL).replace('"b": {', '"a": {"location": "p/r/z1"}, "b": {', 1)
    with pytest.raises(outagesim.ModelError) as from_json:
        outagesim.load(_write(tmp_path, "dup.json", json_text))
    y, j = from_yaml.value.problems[0], from_json.value.problems[0]
    assert y.path == j.path == "/components/a"
    assert y.message.startswith('at line 6: duplicate key "a" (first at line 5): ')
    assert j.message.startswith('duplicate key "a"')
    tail = "the later value would silently replace the earlier one; expected each name once"
    assert y.message.endswith(tail) and j.message.endswith(tail)


def test_yaml_merge_keys_are_not_duplicates(tmp_path):
    text = PARALLEL_YAML.replace(
        "  b: {location: p/r/z2, failure: *fail}",
        "  b: {location: p/r/z2, failure: {<<: *fail, mttr: 20h}}",
    )
    arch = outagesim.load(_write(tmp_path, "merge.yaml", text))
    b = next(c for c in arch.components if c.name == "b")
    assert b.failure.mttr == pytest.approx(20.0)


class _NoTruth:
    def __bool__(self):
        raise RuntimeError("no truth value")


def test_progress_callback_without_a_truth_value_is_named():
    def my_progress(done, reached):
        return _NoTruth()

    with pytest.raises(TypeError, match="the progress callback .*my_progress returned a _NoTruth"):
        outagesim.evaluate(ACTIVE_PASSIVE, method="mc", progress=my_progress, max_time="10s")


def test_progress_callback_falsy_stops_and_truthy_goes_on():
    stopped = outagesim.evaluate(
        ACTIVE_PASSIVE, method="mc", progress=lambda d, r: np.bool_(False), max_time="10s"
    )
    assert stopped.to_dict()["stop_reason"] == "interrupted"
    kept = outagesim.evaluate(
        ACTIVE_PASSIVE,
        method="mc",
        progress=lambda d, r: "yes",
        rel_error=0.2,
        max_time="30s",
    )
    assert kept.to_dict()["stop_reason"] == "rel-error reached"


def test_sweep_path_without_values_is_a_value_error():
    with pytest.raises(ValueError, match=r"--vary fixed_cost_per_month: no values"):
        sweep.sweep(PARALLEL, {"fixed_cost_per_month": []})


def test_grid_over_the_limit_is_refused_before_any_work(monkeypatch):
    def no_loading(*args, **kwargs):
        raise AssertionError("the model was loaded for a grid that is refused")

    monkeypatch.setattr(sweep, "as_architecture", no_loading)
    vary = {"fixed_cost_per_month": list(range(101)), "name": [str(i) for i in range(100)]}
    with pytest.raises(ValueError, match=r"the grid has 10,100 variants .* limited to 10,000"):
        sweep.sweep(PARALLEL, vary)
    proc = run_cli(
        "sweep",
        MODEL,
        "--vary",
        "fixed_cost_per_month=" + ",".join(str(i) for i in range(101)),
        "--vary",
        "name=" + ",".join(f"n{i}" for i in range(100)),
    )
    assert proc.returncode == 2
    assert "the grid has 10,100 variants" in proc.stderr


def test_prepare_reports_validation_progress():
    calls = []
    prepared = sweep.prepare(
        PARALLEL,
        {"fixed_cost_per_month": [1, 2, 3]},
        progress=lambda done, total: calls.append((done, total)),
    )
    assert len(prepared) == 3
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_cli_reports_a_long_validation_every_two_seconds(monkeypatch, capsys):
    from outagesim import cli

    clock = iter([0.0, 1.0, 2.5, 3.0, 4.6, 9.0])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    report = cli._validation_progress()  # reads the clock once: 0.0
    for done in range(1, 6):  # at 1.0, 2.5, 3.0, 4.6 and 9.0 s; the last variant is silent
        report(done, 5)
    assert capsys.readouterr().err.splitlines() == [
        "outagesim sweep: validated 2 of 5 variants",
        "outagesim sweep: validated 4 of 5 variants",
    ]


def test_cli_sweep_validates_each_variant_once(monkeypatch, capsys):
    from outagesim import cli

    calls = []
    real = sweep.prepare
    monkeypatch.setattr(sweep, "prepare", lambda *a, **k: calls.append(1) or real(*a, **k))
    status = cli.main(
        ["sweep", MODEL, "--vary", "fixed_cost_per_month=1,2", "--max-time", "2s", "--json"]
    )
    assert status == 0, capsys.readouterr().err
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert len(calls) == 1


# --- finding 10: Ctrl-C while reading a model --------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["show"],
        ["evaluate"],
        ["compare"],
        ["sweep", "--vary", "fixed_cost_per_month=1,2"],
    ],
    ids=lambda c: c[0],
)
def test_ctrl_c_while_reading_a_model_exits_130(tmp_path, suffix, command):
    fifo = tmp_path / ("model" + suffix)
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [sys.executable, "-m", "outagesim", *command, str(fifo)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A child of a non-interactive parent may inherit SIGINT ignored: give it the default.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    writer = None
    try:
        # Opening the FIFO for writing without blocking succeeds once the CLI has it open for
        # reading; then wait until it sits in read() (system call 0) for a model that never
        # comes. (A signal that lands between open() and read() would be handled only after the
        # read returns; waiting keeps the test about the blocked read.)
        deadline = time.monotonic() + 60
        while writer is None:
            try:
                writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:
                assert error.errno == errno.ENXIO
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "the CLI never opened the model"
                time.sleep(0.01)
        syscall = f"/proc/{proc.pid}/syscall"
        while not open(syscall).read().startswith("0 "):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the CLI never read the model"
            time.sleep(0.01)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        elapsed = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        if writer is not None:
            os.close(writer)
    assert proc.returncode == 130, err
    assert err == "outagesim: interrupted\n"
    assert elapsed < 1.0


def test_examples_still_validate():
    proc = run_cli("validate", *map(str, EXAMPLES))
    assert proc.returncode == 0, proc.stderr
