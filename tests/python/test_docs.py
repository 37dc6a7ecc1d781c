"""The documentation resolves inside the repository: links, anchors, paths, schema fields, sources."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))
USER_DOCS = [ROOT / "README.md", *DOCS]
CALIBRATION = ROOT / "docs" / "calibration.md"
MODEL_FORMAT = ROOT / "docs" / "model-format.md"
MODEL_SCHEMA = ROOT / "models" / "schema" / "outagesim-v1.schema.json"
CATALOGS = sorted((ROOT / "models" / "catalog").glob("*.json"))
SOURCE_KEYS = ("source", "failure_source", "cost_source")

# Files users read, and code whose comments cite documents: none may point outside the repository.
SCANNED_DIRS = ("docs", "models", "python", "notebooks", "tests", "core", "bench", "scripts", ".ci")
SCANNED_FILES = ("README.md", "CMakeLists.txt", "pyproject.toml")
TEXT_SUFFIXES = {".md", ".py", ".pyi", ".json", ".ipynb", ".yaml", ".yml", ".cpp", ".h", ".sh"}
SKIPPED_PARTS = {"build", "__pycache__", "_skbuild", "dist", ".pytest_cache"}
# Built from parts so that this file does not match its own patterns.
FORBIDDEN = [
    re.compile(r"\.\./" + "shared"),
    re.compile("CALIBRATION" + r"\.md"),
    re.compile("DESIGN" + r"\.md"),
    re.compile(r"(?<![\w.])/(?:" + "work" + "|" + "home" + r")/"),
    re.compile(r"shared " + "folder"),
]

TOP_LEVEL = ("core", "python", "models", "tests", "docs", "bench", "scripts", "notebooks", ".ci")
PATH_TOKEN = re.compile(
    r"(?<![\w/.-])((?:" + "|".join(re.escape(t) for t in TOP_LEVEL) + r")/[\w./*#-]*)"
)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*```")


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]{2,}|`", "", heading.strip()).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set:
    """Every heading anchor of a Markdown file (repeated headings get -1, -2, ...)."""
    seen: dict = {}
    out = set()
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            in_code = not in_code
            continue
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if in_code or not match:
            continue
        base = slug(match.group(1))
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.add(base if count == 0 else f"{base}-{count}")
    return out


def inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def check_target(target: str, base: Path, doc: Path, where: str, root: Path) -> list:
    """Problems with one reference: a file or folder (glob allowed) and an optional #anchor."""
    file_part, _, fragment = target.partition("#")
    if not file_part:
        resolved = [doc]
    elif any(c in file_part for c in "*?["):
        resolved = sorted(base.glob(file_part))
        if not resolved:
            return [f"{where}: {target!r} matches no file"]
    else:
        resolved = [base / file_part]
    problems = []
    for path in resolved:
        if not inside(path, root):
            problems.append(f"{where}: {target!r} points outside the repository")
        elif not path.exists():
            problems.append(f"{where}: {target!r} does not exist")
        elif fragment and path.suffix == ".md" and fragment not in anchors(path):
            problems.append(
                f"{where}: {target!r}: no heading with anchor #{fragment} in {path.name}"
            )
    return problems


def reference_problems(doc: Path, root: Path = ROOT) -> list:
    """Broken links and path mentions of one Markdown file of the repository at `root`."""
    name = doc.relative_to(root).as_posix()
    problems = []
    for lineno, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{name}:{lineno}"
        for target in LINK.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
                continue
            problems += check_target(target, doc.parent, doc, where, root)
        for token in PATH_TOKEN.findall(line):
            token = token.rstrip(".,;:")
            if token and "<" not in token:
                problems += check_target(token, root, doc, where, root)
    return problems


def scanned_files() -> list:
    files = [ROOT / name for name in SCANNED_FILES if (ROOT / name).exists()]
    for directory in SCANNED_DIRS:
        for path in sorted((ROOT / directory).rglob("*")):
            parts = set(path.relative_to(ROOT).parts)
            if path.is_file() and path.suffix in TEXT_SUFFIXES and not parts & SKIPPED_PARTS:
                if path.resolve() != Path(__file__).resolve():
                    files.append(path)
    return files


def forbidden_mentions(text: str) -> list:
    return sorted({m.group(0) for pattern in FORBIDDEN for m in pattern.finditer(text)})


def schema_properties(node) -> set:
    """Every property name anywhere in a JSON Schema."""
    names = set()
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            names.update(properties)
        for value in node.values():
            names |= schema_properties(value)
    elif isinstance(node, list):
        for value in node:
            names |= schema_properties(value)
    return names


def catalog_sources(node, path: str = ""):
    """(JSON path, text) of every source string of a catalog."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in SOURCE_KEYS and isinstance(value, str):
                yield f"{path}/{key}", value
            else:
                yield from catalog_sources(value, f"{path}/{key}")


# --- the documents ---------------------------------------------------------------------------


def test_the_documents_exist_and_the_readme_links_them():
    names = {p.name for p in DOCS}
    assert {"model-format.md", "numbers.md", "calibration.md", "architecture.md"} <= names
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in ("model-format.md", "numbers.md", "calibration.md", "architecture.md"):
        assert f"](docs/{doc}" in readme, f"README.md does not link docs/{doc}"


@pytest.mark.parametrize("path", USER_DOCS, ids=lambda p: p.name)
def test_every_link_and_path_resolves_inside_the_repository(path):
    problems = reference_problems(path)
    assert not problems, "\n".join(problems)


def test_no_file_points_outside_the_repository():
    problems = []
    for path in scanned_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for mention in forbidden_mentions(text):
            problems.append(f"{path.relative_to(ROOT)}: mentions {mention!r}")
    assert not problems, "\n".join(problems)


def test_every_schema_property_is_documented():
    schema = json.loads(MODEL_SCHEMA.read_text(encoding="utf-8"))
    text = MODEL_FORMAT.read_text(encoding="utf-8")
    properties = schema_properties(schema)
    assert len(properties) > 40  # the schema was read, not an empty object
    missing = sorted(name for name in properties if f"`{name}`" not in text)
    assert not missing, f"docs/model-format.md does not describe: {', '.join(missing)}"


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.name)
def test_every_catalog_source_cites_a_calibration_section(catalog):
    known = anchors(CALIBRATION)
    document = json.loads(catalog.read_text(encoding="utf-8"))
    sources = list(catalog_sources(document))
    assert len(sources) > 10
    problems = []
    for where, text in sources:
        match = re.match(r"^docs/calibration\.md#([\w-]+): \S", text)
        if not match:
            problems.append(
                f"{where}: {text[:60]!r} does not start with 'docs/calibration.md#...: '"
            )
        elif match.group(1) not in known:
            problems.append(f"{where}: no section #{match.group(1)} in docs/calibration.md")
    assert not problems, "\n".join(problems)


# --- the checks themselves catch what they are meant to catch --------------------------------


def test_slugs_follow_github_headings():
    assert (
        slug("Which defaults dominate typical results") == "which-defaults-dominate-typical-results"
    )
    assert slug("managed_db") == "managed_db"
    assert slug("`load_balancer`") == "load_balancer"
    assert slug("Providers, regions and zones") == "providers-regions-and-zones"
    assert slug("What-if editing from Python") == "what-if-editing-from-python"


def test_a_broken_link_a_missing_anchor_and_an_outside_path_are_reported(tmp_path):
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "other.md").write_text("# Present heading\n", encoding="utf-8")
    doc = root / "docs" / "doc.md"
    doc.write_text(
        "# Title\n"
        "[ok](other.md#present-heading) [gone](missing.md) [anchor](other.md#absent)\n"
        "[outside](../../passwd) [self](#nowhere) [top](#title) see `docs/no-such-file.md`\n"
        "```\n# not a heading\n```\n[code](#not-a-heading)\n",
        encoding="utf-8",
    )
    problems = reference_problems(doc, root)
    text = "\n".join(problems)
    assert "'missing.md' does not exist" in text
    assert "no heading with anchor #absent" in text
    assert "'../../passwd' points outside the repository" in text
    assert "no heading with anchor #nowhere" in text
    assert "'docs/no-such-file.md' does not exist" in text
    assert "no heading with anchor #not-a-heading" in text
    assert len(problems) == 6, text


def test_forbidden_mentions_are_found():
    for text in (
        "see ../" + "shared/x",
        "CALIBRATION" + ".md 1.5",
        "DESIGN" + ".md",
        "/" + "work/x",
    ):
        assert forbidden_mentions(text), text
    assert not forbidden_mentions("docs/calibration.md#zone-outages and a shared zone")
