"""The package's import structure: every module imports on its own, imports form no cycle, and
each subpackage imports only the layers below it (docs/architecture.md)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "python" / "outagesim"

# Lower layers first; a module may import its own layer or any lower one, never a higher one.
LAYERS = [
    "base",
    "render",
    "model",
    "results",
    "run",
    "cost",
    "studies",
    "scenarios",
    "importers",
    "report",
    "plot",
    "top",
]
BASE = {"errors", "_limits", "_version", "_core"}
TOP = {"__init__", "__main__", "cli", "cli_scenarios"}


def _module_names():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield ".".join(["outagesim", *parts]), path


MODULES = dict(_module_names())


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path):
    """The package modules ``name`` imports at run time, lazily inside functions included;
    imports under ``if TYPE_CHECKING:`` run only for the type checker and are left out."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()

    def visit(node):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    edges = set()
    for target in found:
        if not target.startswith("outagesim") or target == name:
            continue
        # Importing a.b.c runs the __init__ of a.b: a subpackage import is an edge to it too.
        parts = target.split(".")
        for depth in range(2, len(parts) + 1):
            module = ".".join(parts[:depth])
            # A module's own packages are already being imported when it runs: no edge.
            if module in MODULES and module != name and not name.startswith(module + "."):
                edges.add(module)
    return edges


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> str:
    parts = name.split(".")
    if len(parts) == 1:
        return "top"
    if parts[1] in BASE:
        return "base"
    if parts[1] in TOP:
        return "top"
    return parts[1]


def test_every_module_is_in_a_known_layer():
    assert {_layer(name) for name in MODULES} <= set(LAYERS)
    assert "outagesim.render.text" in GRAPH and "outagesim.studies.sweep" in GRAPH


def test_imports_form_no_cycle():
    state = {}
    stack = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(GRAPH.get(node, ())):
            if state.get(nxt) == "open":
                cycle = stack[stack.index(nxt) :] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(GRAPH):
        if node not in state:
            visit(node)


def test_each_layer_imports_only_itself_and_those_below():
    wrong = []
    for name, targets in GRAPH.items():
        rank = LAYERS.index(_layer(name))
        for target in targets:
            if LAYERS.index(_layer(target)) > rank:
                wrong.append(f"{name} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n != "outagesim.__main__"))
def test_module_imports_in_a_fresh_interpreter(name):
    proc = subprocess.run(
        [sys.executable, "-c", f"import importlib; importlib.import_module({name!r})"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr


def test_plot_is_reachable_after_import_outagesim_without_importing_matplotlib_first():
    code = (
        "import sys, outagesim\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported eagerly'\n"
        "assert callable(outagesim.plot.availability)\n"
        "assert callable(outagesim.plot.pareto)\n"
        "try:\n"
        "    outagesim.no_such_thing\n"
        "except AttributeError as error:\n"
        "    assert 'no_such_thing' in str(error)\n"
        "else:\n"
        "    raise SystemExit('unknown attribute did not raise')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
