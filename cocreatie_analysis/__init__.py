"""cocreatie-analysis: kompas and draagvlak reports from what residents said in a participation process."""

__version__ = "0.1.0"
