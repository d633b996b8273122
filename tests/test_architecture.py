"""The package's architecture holds: layers import only downwards, no cycles, modules of a size one can read.

Read from the source with `ast`, imports inside functions included, so a cycle cannot hide behind a late
import. The layers are the ones docs/architecture.md describes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cocreatie_analysis"

# Lowest first. A module may import from its own layer's package and from lower layers only.
LAYERS = [
    {"errors", "vocabulary"},
    {"config"},
    {"io", "stats", "privacy"},
    {"text"},
    {"wording"},
    {"themes", "sentiment", "reach", "draagvlak"},
    {"kompas"},
    {"pipeline"},
    {"report"},
    {"cli", "__init__"},
]
LAYER_OF = {name: i for i, names in enumerate(LAYERS) for name in names}
MAX_LINES = 550  # "about 500": a module a newcomer reads in one sitting


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _top(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> set[str]:
    """Top-level package parts this module imports (relative or absolute), anywhere in the file."""
    rel = path.relative_to(PACKAGE).with_suffix("")
    package = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = base + (node.module.split(".") if node.module else [])
                if not target:  # "from . import x" at the top: the names themselves are modules
                    target = [alias.name for alias in node.names]
                    found.update(t for t in target)
                    continue
            elif node.module and node.module.startswith("cocreatie_analysis"):
                target = node.module.split(".")[1:] or [alias.name for alias in node.names]
            else:
                continue
            found.add(target[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cocreatie_analysis."):
                    found.add(alias.name.split(".")[1])
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_downwards(path):
    own = _top(path)
    assert own in LAYER_OF, f"{own} has no layer: add it to LAYERS (and to docs/architecture.md)"
    for target in _imports(path):
        if target in ("__version__",):
            continue
        assert target in LAYER_OF, f"{path.name} imports unknown part {target!r}"
        assert LAYER_OF[target] <= LAYER_OF[own], (
            f"{path.relative_to(PACKAGE)} ({own}, layer {LAYER_OF[own]}) imports {target} (layer {LAYER_OF[target]})"
        )


def test_no_import_cycle_between_modules():
    """Module-level graph (inside the package): a depth-first search finds no cycle."""
    graph = {}
    for path in _modules():
        rel = path.relative_to(PACKAGE).with_suffix("")
        name = ".".join(rel.parts)
        package = list(rel.parts[:-1])
        edges = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join(base + (node.module.split(".") if node.module else []))
                if target and target != name:
                    edges.add(target)
        graph[name] = edges
    modules = set(graph)

    def resolve(target):  # a package import means its __init__
        return target if target in modules else f"{target}.__init__" if f"{target}.__init__" in modules else None

    state = {}

    def visit(node, trail):
        state[node] = "open"
        for target in filter(None, map(resolve, graph[node])):
            if target.endswith("__init__") and node.startswith(target[: -len("__init__")]):
                continue  # a module importing its own package's face is resolved by Python at that point
            if state.get(target) == "open":
                pytest.fail("import cycle: " + " -> ".join(trail + [node, target]))
            if target not in state:
                visit(target, trail + [node])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_readable(path):
    """No module over ~500 lines without the reason at its top (a docstring sentence starting 'Kept as one')."""
    lines = path.read_text("utf-8").count("\n")
    if lines > MAX_LINES:
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        assert "Kept as one" in doc, f"{path.relative_to(PACKAGE)} has {lines} lines and no reason at its top"
