"""Project-level checks: dependencies in step, notebooks documented and thin."""
from __future__ import annotations

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
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = dict(_split(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    listed = {}
    for item in env["dependencies"]:
        for requirement in (item["pip"] if isinstance(item, dict) else [item]):
            if requirement.startswith("-e") or requirement in ("pip",) or requirement.startswith("python"):
                continue
            name, spec = _split(requirement)
            listed[name] = spec
    assert listed == wanted


def test_every_notebook_parameter_is_typed_and_documented():
    notebooks = sorted((ROOT / "cocreatie_analysis" / "report" / "notebooks").glob("*.ipynb"))
    assert {p.stem for p in notebooks} >= {"kompas", "draagvlak"}
    for path in notebooks:
        result = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook", str(path)],
                                capture_output=True, text=True, check=True)
        params = re.findall(r"^  (\w+): (\w+) \(default", result.stdout, re.MULTILINE)
        assert {name for name, _ in params} == {"gemeente", "processed_dir"}, (path, result.stdout)
        for name, _ in params:
            help_line = result.stdout.split(f"  {name}:", 1)[1].splitlines()[1].strip()
            assert len(help_line) > 15, f"{path.name}: parameter {name} has no help comment"


def test_notebooks_hold_no_analysis_logic():
    """Notebooks only load processed results and present them: no estimators, no raw data reading."""
    forbidden = ("ThemeModel", "SentimentScorer", "rake(", "opinion_groups(", "read_csv", "read_excel",
                 "load_dataset", "analyse(", ".groupby(", "sklearn")
    for path in (ROOT / "cocreatie_analysis" / "report" / "notebooks").glob("*.ipynb"):
        source = "\n".join("".join(c["source"]) for c in json.loads(path.read_text("utf-8"))["cells"]
                           if c["cell_type"] == "code")
        for word in forbidden:
            assert word not in source, f"{path.name} contains {word!r}"
        assert not any(c.get("outputs") for c in json.loads(path.read_text("utf-8"))["cells"]
                       if c["cell_type"] == "code"), f"{path.name} is committed with outputs"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make demo" in readme and "make test" in readme
