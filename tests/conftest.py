"""Shared fixtures: sample municipalities analysed once per test session."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def processed_root(tmp_path_factory):
    """A data/processed folder holding the analysis of every sample municipality (made once per session)."""
    from cocreatie_analysis.io import load_dataset
    from cocreatie_analysis.pipeline import analyse, save_results

    root = tmp_path_factory.mktemp("processed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for folder in sorted(p.parent for p in RAW.glob("*/gemeente.yaml")):
            save_results(analyse(load_dataset(folder)), root / folder.name)
    return root
