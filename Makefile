# Two commands do all set-up on a fresh clone (Python 3.11 + pip, no conda needed):
#   make demo   creates .venv, installs the project, writes reports for every sample municipality
#   make test   the same set-up plus the test tools and every extra (the suite runs the Dask and JupyterLab parts
#               too), then lint and the whole test suite
# Heavy optional parts are extras: [cluster] (Dask, for `cocreatie batch --cluster`), [lab] (JupyterLab).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install demo test lab benchmarks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per set of extras and version of pyproject.toml: a changed pyproject.toml installs again.
$(VENV)/.installed-$(HASH)-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-$(HASH)-dev+cluster+lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,cluster,lab]"
	touch $@

$(VENV)/.installed-$(HASH)-lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@

install: $(VENV)/.installed-$(HASH)-dev+cluster+lab

demo: $(VENV)/.installed-$(HASH)-base
	$(BIN)/cocreatie batch data/raw
	@echo "Open reports/index.html in a browser."

test: $(VENV)/.installed-$(HASH)-dev+cluster+lab
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# JupyterLab on notebooks/ (verkenning.ipynb); as root (a container, a CI box) it needs --allow-root.
LAB_ARGS ?=
lab: $(VENV)/.installed-$(HASH)-lab
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

benchmarks: $(VENV)/.installed-$(HASH)-dev+cluster+lab
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf data/processed/* reports/* .pytest_cache
	touch data/processed/.gitkeep reports/.gitkeep
