"""cocreatie-analysis: kompas and draagvlak reports from what residents said in a participation process.

The public API, importable from the package itself::

    from cocreatie_analysis import load_dataset, analyse, ThemeModel, SentimentScorer, assess

Reading (`load_dataset`, `validate`), the analysis steps (`ThemeModel`, `SentimentScorer`, `representation`,
`rake`, `Raker`, `analyse_reach`, `OpinionGroups`, `opinion_groups`, `group_informed_consensus`, `assess`,
`indicative_draagvlak`, `build_kompas`, `detect_offers`), the whole analysis (`analyse`, `save_results`,
`load_results`) and reports (`report_folder`, `batch`). Names are imported on first use, so the command line
starts without loading the analysis libraries it does not need.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "Config": "config", "load_config": "config",
    "CocreatieError": "errors", "UserError": "errors", "InputError": "errors", "Problem": "errors",
    "ReachWarning": "errors", "NotFittedError": "errors",
    "Dataset": "io", "load_dataset": "io", "validate": "pipeline",
    "ThemeModel": "themes", "SentimentScorer": "sentiment",
    "Raker": "reach", "rake": "reach", "representation": "reach", "analyse_reach": "reach",
    "OpinionGroups": "draagvlak", "opinion_groups": "draagvlak", "group_informed_consensus": "draagvlak",
    "assess": "draagvlak", "indicative_draagvlak": "draagvlak",
    "build_kompas": "kompas", "detect_offers": "kompas",
    "Results": "pipeline", "analyse": "pipeline", "save_results": "pipeline", "load_results": "pipeline",
    "report_folder": "report", "batch": "report",
}  # fmt: skip

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
