"""Project-level checks: dependencies in step, notebooks documented and thin."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_installs_the_same_dependencies_as_pyproject():
    """The conda environment is the whole set: the dependencies and every extra (dev, cluster, lab)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    wanted = dict(_split(r) for r in project["dependencies"] + extras)
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    listed = {}
    for item in env["dependencies"]:
        for requirement in item["pip"] if isinstance(item, dict) else [item]:
            if requirement.startswith("-e") or requirement in ("pip",) or requirement.startswith("python"):
                continue
            name, spec = _split(requirement)
            listed[name] = spec
    assert listed == wanted


def test_every_notebook_parameter_is_typed_and_documented():
    notebooks = sorted((ROOT / "cocreatie_analysis" / "report" / "notebooks").glob("*.ipynb"))
    assert {p.stem for p in notebooks} >= {"kompas", "draagvlak"}
    for path in notebooks:
        result = subprocess.run(
            [sys.executable, "-m", "papermill", "--help-notebook", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        params = re.findall(r"^  (\w+): (\w+) \(default", result.stdout, re.MULTILINE)
        assert {name for name, _ in params} == {"gemeente", "processed_dir"}, (path, result.stdout)
        for name, _ in params:
            help_line = result.stdout.split(f"  {name}:", 1)[1].splitlines()[1].strip()
            assert len(help_line) > 15, f"{path.name}: parameter {name} has no help comment"


# What a notebook cell may do: call the report and plots libraries, keep their results in names, branch on
# them and present. Everything else (arithmetic, comparisons, indexing, pandas, f-strings, functions) belongs
# in the library, where it is tested.
ALLOWED_ROOTS = {"report", "plots", "Report"}
ALLOWED_NODES = (
    ast.Module,
    ast.Expr,
    ast.Assign,
    ast.If,
    ast.For,
    ast.Call,
    ast.Attribute,
    ast.Name,
    ast.Constant,
    ast.keyword,
    ast.Load,
    ast.Store,
    ast.Tuple,
    ast.List,
    ast.Dict,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.ImportFrom,
    ast.alias,
)


def _root(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _logic_in(source: str) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ALLOWED_NODES):
            problems.append(f"{type(node).__name__} at line {getattr(node, 'lineno', '?')}")
        elif isinstance(node, ast.Call) and _root(node.func) not in ALLOWED_ROOTS:
            problems.append(f"call of {ast.unparse(node.func)} at line {node.lineno}")
        elif isinstance(node, ast.ImportFrom) and not (node.module or "").startswith("cocreatie_analysis.report"):
            problems.append(f"import from {node.module}")
        elif isinstance(node, ast.For) and not (
            isinstance(node.iter, ast.Call) and _root(node.iter.func) in ALLOWED_ROOTS
        ):
            problems.append(f"loop over {ast.unparse(node.iter)} at line {node.lineno}")
    return problems


def test_notebooks_hold_no_analysis_logic():
    """Notebook cells only call the report library and present: no arithmetic, indexing, pandas or formatting."""
    for path in (ROOT / "cocreatie_analysis" / "report" / "notebooks").glob("*.ipynb"):
        cells = json.loads(path.read_text("utf-8"))["cells"]
        for number, cell in enumerate(cells):
            if cell["cell_type"] != "code" or "parameters" in cell["metadata"].get("tags", []):
                continue
            problems = _logic_in("".join(cell["source"]))
            assert not problems, f"{path.name}, cell {number}: {'; '.join(problems)}"
        assert not any(c.get("outputs") for c in cells if c["cell_type"] == "code"), f"{path.name} has outputs"


def test_the_logic_check_catches_logic():
    assert _logic_in("report.show_table(report.table('kompas'), {})") == []
    assert _logic_in("x = report.table('kompas')['n'].sum() > 0")  # indexing, pandas, a comparison
    assert _logic_in("report.paragraph(f'{s.share:.0%}')")  # formatting in the notebook
    assert _logic_in("import pandas")
    assert _logic_in("for _, row in kompas.iterrows():\n    report.card(row)")


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme
