"""The municipality configuration (`gemeente.yaml`) and its validation.

One `gemeente.yaml` per municipality folder says who the municipality is, which files hold its data, how its
own column headers map onto the canonical ones, which target groups matter, and the thresholds the council
chose. The README has an annotated example. Every problem is reported at once, naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import yaml

from .errors import InputError, Problem, UserError
from .vocabulary import (
    CONFIG_FILE,
    DEFAULT_DIMENSIONS,
    LANGUAGES,
    OPTIONAL_COLUMNS,
    PARTICIPATION_LEVELS,
    REQUIRED_COLUMNS,
    TABLES,
)


@dataclass(frozen=True)
class ReachOptions:
    """gemeente.yaml `reach:`: how participants are compared with the population (see `reach`)."""

    ratio_threshold: float = 0.67  # a group is under-represented when its ratio's upper bound is below this
    confidence: float = 0.95
    trim: tuple[float, float] | None = (0.2, 5.0)  # weight bounds relative to the mean weight
    max_iter: int = 1000
    tol: float = 1e-8
    random_state: int = 0  # for Monte Carlo p-values
    n_simulations: int = 20_000
    intersections: tuple[str, ...] | None = None  # None: every joint population dimension available
    rake_dimensions: tuple[str, ...] | None = None  # None: the usable single dimensions
    min_factor: float = 1.5  # how much better a channel must reach a group to be advised


# The options `reach.analyse_reach` takes as keywords besides ratio_threshold, with their defaults.
REACH_OPTIONS = {f.name: f.default for f in fields(ReachOptions) if f.name != "ratio_threshold"}


# Verdict rules per participation level (gemeente.yaml `draagvlak:`). The more say residents get, the more
# votes, the clearer the majority and the broader the reach the council should ask for before calling
# something draagvlak.
DEFAULT_RULES: dict[str, dict] = {
    "informeren": {"min_votes": 10, "support": 0.50, "broad_support": 0.67, "min_group_support": 0.40,
                   "max_divisiveness": 0.50, "group_difference": 0.15, "require_reach": False},
    "raadplegen": {"min_votes": 30, "support": 0.50, "broad_support": 0.67, "min_group_support": 0.40,
                   "max_divisiveness": 0.50, "group_difference": 0.15, "require_reach": False},
    "adviseren": {"min_votes": 50, "support": 0.50, "broad_support": 0.67, "min_group_support": 0.45,
                  "max_divisiveness": 0.45, "group_difference": 0.15, "require_reach": False},
    "coproduceren": {"min_votes": 50, "support": 0.55, "broad_support": 0.70, "min_group_support": 0.50,
                     "max_divisiveness": 0.40, "group_difference": 0.15, "require_reach": False},
    "meebeslissen": {"min_votes": 100, "support": 0.60, "broad_support": 0.75, "min_group_support": 0.50,
                     "max_divisiveness": 0.40, "group_difference": 0.15, "require_reach": True},
}  # fmt: skip
RULE_KINDS = {"min_votes": "count", "support": "share", "broad_support": "share",
              "min_group_support": "share", "max_divisiveness": "share", "group_difference": "share",
              "require_reach": "bool"}  # fmt: skip


def check_rules(rules: Mapping | None) -> dict[str, dict]:
    """The draagvlak rules from ``gemeente.yaml`` merged with ``DEFAULT_RULES``; level -> complete rule dict.

    Accepted shapes (all optional)::

        draagvlak:
          support: 0.55            # a rule at the top level applies to every level ...
          meebeslissen:            # ... a rule under a level overrides it for that level
            min_votes: 200
            require_reach: true

    Rules: ``min_votes`` (integer >= 1), ``support``, ``broad_support``, ``min_group_support``,
    ``max_divisiveness``, ``group_difference`` (numbers between 0 and 1), ``require_reach`` (true/false);
    ``broad_support`` must be at least ``support``. Raises ``UserError`` naming the key path
    (e.g. ``draagvlak.raadplegen.support``) on anything else. The output is accepted again unchanged.
    """
    merged = {level: dict(values) for level, values in DEFAULT_RULES.items()}
    if rules is None:
        return merged
    if not isinstance(rules, Mapping):
        raise UserError(f"draagvlak: expected a mapping of rules, got {type(rules).__name__}")

    def check_value(path: str, key: str, value):
        kind = RULE_KINDS[key]
        if kind == "bool":
            if not isinstance(value, (bool, np.bool_)):
                raise UserError(f"{path}: must be true or false, got {value!r}")
            return bool(value)
        if (
            isinstance(value, (bool, np.bool_))
            or not isinstance(value, (int, float, np.integer, np.floating))
            or not math.isfinite(float(value))
        ):
            raise UserError(f"{path}: must be a number, got {value!r}")
        if kind == "count":
            if float(value) != int(value) or value < 1:
                raise UserError(f"{path}: must be a whole number of at least 1, got {value!r}")
            return int(value)
        if not 0.0 <= float(value) <= 1.0:
            raise UserError(f"{path}: must be a share between 0 and 1 (e.g. 0.5 for 50%), got {value!r}")
        return float(value)

    for key, value in rules.items():
        if key in RULE_KINDS:
            checked = check_value(f"draagvlak.{key}", key, value)
            for level in PARTICIPATION_LEVELS:
                merged[level][key] = checked
    for key, value in rules.items():
        if key in RULE_KINDS:
            continue
        if key not in PARTICIPATION_LEVELS:
            raise UserError(
                f"draagvlak.{key}: unknown key; expected a participation level "
                f"({', '.join(PARTICIPATION_LEVELS)}) or a rule ({', '.join(RULE_KINDS)})"
            )
        if value is None:
            continue
        if not isinstance(value, Mapping):
            raise UserError(f"draagvlak.{key}: expected a mapping of rules, got {value!r}")
        for rule, rule_value in value.items():
            if rule not in RULE_KINDS:
                raise UserError(f"draagvlak.{key}.{rule}: unknown rule; expected one of {', '.join(RULE_KINDS)}")
            merged[key][rule] = check_value(f"draagvlak.{key}.{rule}", rule, rule_value)
    for level, values in merged.items():
        if values["broad_support"] < values["support"]:
            raise UserError(
                f"draagvlak.{level}.broad_support: must be at least support "
                f"({values['support']}), got {values['broad_support']}"
            )
    return merged


_KNOWN_KEYS = {
    "name",
    "fictional",
    "cbs_code",
    "language",
    "process",
    "files",
    "columns",
    "values",
    "dimensions",
    "themes",
    "sentiment",
    "reach",
    "draagvlak",
    "privacy",
}
_CBS_CODE = re.compile(r"^GM\d{4}$")


@dataclass(frozen=True)
class Config:
    """A validated municipality configuration. `folder` is the municipality's raw-data folder."""

    folder: Path
    name: str
    cbs_code: str | None = None
    language: str = "nl"
    fictional: bool = False
    title: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    default_participation_level: str = "raadplegen"
    participation_levels: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # table -> file name, only tables that are present
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> {own header: canonical}
    values: dict[str, dict[str, dict]] = field(default_factory=dict)  # table -> column -> {raw: value}
    dimensions: tuple[str, ...] | None = None  # None: every DEFAULT_DIMENSIONS column the participants have
    n_themes: int | str = "auto"
    theme_seeds: dict[str, list[str]] | None = None
    sentiment_lexicon: dict[str, float] = field(default_factory=dict)
    reach: dict = field(default_factory=dict)
    draagvlak: dict = field(default_factory=dict)
    min_cell_size: int = 10

    @property
    def slug(self) -> str:
        """The folder name: the municipality's id in data/processed/ and reports/."""
        return self.folder.name

    def path(self, table: str) -> Path | None:
        """The file that holds `table`, or None when the municipality has no such table."""
        name = self.files.get(table)
        return self.folder / name if name else None

    def target_dimensions(self, participants) -> list[str]:
        """The reach dimensions: those configured, else every default dimension the participants have."""
        if participants is None:
            return []
        columns = set(participants.columns)  # age_group from numeric ages exists only once binned by reach
        wanted = DEFAULT_DIMENSIONS if self.dimensions is None else self.dimensions
        return [d for d in wanted if d in columns]

    def participation_level(self, opgave: str | None) -> str:
        """The participation level the council chose for an opgave (the default when not set)."""
        return self.participation_levels.get(opgave or "", self.default_participation_level)


def _find_table_file(folder: Path, table: str) -> str | None:
    """Conventional file for a table when gemeente.yaml does not name one: inputs.csv, inputs.xlsx, …"""
    for suffix in (".csv", ".tsv", ".txt", ".xlsx"):
        if (folder / f"{table}{suffix}").is_file():
            return f"{table}{suffix}"
    return None


def load_config(folder: str | Path) -> Config:
    """Read and validate `<folder>/gemeente.yaml`; raise `InputError` listing every problem."""
    folder = Path(folder)
    path = folder / CONFIG_FILE
    fname = str(path)
    if not folder.is_dir():
        raise InputError([Problem(str(folder), "folder not found")])
    if not path.is_file():
        raise InputError(
            [
                Problem(
                    fname,
                    "missing: every municipality folder needs a gemeente.yaml "
                    "(see the annotated example in the README)",
                )
            ]
        )
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError([Problem(fname, "not UTF-8 text; save it as UTF-8")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise InputError([Problem(fname, f"not valid YAML: {getattr(exc, 'problem', exc)}", row=row)]) from None
    if not isinstance(raw, dict):
        raise InputError([Problem(fname, "must be a mapping of keys (name:, language:, …)")])
    return _parse(folder, raw, fname)


def _parse(folder: Path, raw: dict, fname: str) -> Config:
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(fname, f"key '{key}': {message}"))

    def mapping(key: str, value, default=None) -> dict:
        if value is None:
            return {} if default is None else default
        if not isinstance(value, dict):
            problem(key, f"must be a mapping, not {type(value).__name__}")
            return {}
        return value

    for key in raw:
        if key not in _KNOWN_KEYS:
            problem(str(key), f"unknown key (known: {', '.join(sorted(_KNOWN_KEYS))})")

    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problem("name", "required: the municipality's name as shown in reports")
        name = folder.name
    cbs_code = raw.get("cbs_code")
    if cbs_code is not None:
        cbs_code = str(cbs_code).strip().upper()
        if not _CBS_CODE.match(cbs_code):
            problem("cbs_code", f"'{cbs_code}' is not a CBS gemeente code like GM0363")
    language = str(raw.get("language", "nl")).strip().lower()
    if language not in LANGUAGES:
        problem("language", f"'{language}' is not supported; use one of {', '.join(LANGUAGES)}")
        language = "nl"

    process = mapping("process", raw.get("process"))
    period = mapping("process.period", process.get("period"))
    dates = {}
    for end in ("start", "end"):
        value = period.get(end)
        if value is None or isinstance(value, dt.date):
            dates[end] = value
            continue
        try:
            dates[end] = dt.date.fromisoformat(str(value))
        except ValueError:
            problem(f"process.period.{end}", f"'{value}' is not a date (use YYYY-MM-DD)")
            dates[end] = None
    if dates["start"] and dates["end"] and dates["start"] > dates["end"]:
        problem("process.period", "start is after end")
    default_level = str(process.get("default_participation_level", "raadplegen")).strip().lower()
    if default_level not in PARTICIPATION_LEVELS:
        problem(
            "process.default_participation_level", f"'{default_level}' is not one of {', '.join(PARTICIPATION_LEVELS)}"
        )
        default_level = "raadplegen"
    levels = {}
    for opgave, level in mapping("process.participation_levels", process.get("participation_levels")).items():
        level = str(level).strip().lower()
        if level not in PARTICIPATION_LEVELS:
            problem(
                f"process.participation_levels.{opgave}", f"'{level}' is not one of {', '.join(PARTICIPATION_LEVELS)}"
            )
        else:
            levels[str(opgave)] = level

    files = {}
    declared = mapping("files", raw.get("files"))
    for table, file_name in declared.items():
        if table not in TABLES:
            problem(f"files.{table}", f"unknown table (known: {', '.join(TABLES)})")
        elif not (folder / str(file_name)).is_file():
            problem(f"files.{table}", f"file '{file_name}' not found in {folder}")
        else:
            files[table] = str(file_name)
    for table in TABLES:
        if table not in declared:
            found = _find_table_file(folder, table)
            if found:
                files[table] = found
    if "inputs" not in files and "inputs" not in declared:
        problem("files.inputs", "no inputs file: name it under files: or add inputs.csv to the folder")
    if ("votes" in files) != ("statements" in files):
        problem("files", "votes and statements go together: give both or neither")

    columns = {}
    for table, table_map in mapping("columns", raw.get("columns")).items():
        if table not in TABLES:
            problem(f"columns.{table}", f"unknown table (known: {', '.join(TABLES)})")
            continue
        allowed = REQUIRED_COLUMNS[table] + OPTIONAL_COLUMNS[table]
        clean = {}
        for own, canonical in mapping(f"columns.{table}", table_map).items():
            canonical = str(canonical).strip()
            if table in ("participants",) or canonical in allowed:
                clean[str(own)] = canonical  # participants may carry extra dimensions of any name
            else:
                problem(
                    f"columns.{table}.{own}",
                    f"'{canonical}' is not a canonical column of {table} ({', '.join(allowed)})",
                )
        columns[table] = clean

    values = {}
    for table, by_column in mapping("values", raw.get("values")).items():
        if table not in TABLES:
            problem(f"values.{table}", f"unknown table (known: {', '.join(TABLES)})")
            continue
        values[table] = {
            str(col): {str(k).strip().lower(): v for k, v in mapping(f"values.{table}.{col}", m).items()}
            for col, m in mapping(f"values.{table}", by_column).items()
        }

    dims = raw.get("dimensions")
    if dims is None:
        dimensions = None
    elif isinstance(dims, list) and all(isinstance(d, str) for d in dims):
        dimensions = tuple(d.strip() for d in dims)
    else:
        problem("dimensions", "must be a list of participant column names, e.g. [age_group, district]")
        dimensions = None

    themes = mapping("themes", raw.get("themes"))
    n_themes = themes.get("n_themes", "auto")
    if n_themes != "auto" and not (isinstance(n_themes, int) and not isinstance(n_themes, bool) and n_themes >= 1):
        problem("themes.n_themes", f"must be 'auto' or a whole number ≥ 1, not {n_themes!r}")
        n_themes = "auto"
    seeds = None
    if themes.get("seeds") is not None:
        seeds = {}
        for theme, words in mapping("themes.seeds", themes.get("seeds")).items():
            if isinstance(words, str):
                words = [w.strip() for w in words.split(",")]
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
                problem(f"themes.seeds.{theme}", "must be a non-empty list of seed words")
                continue
            seeds[str(theme)] = [w.strip() for w in words]
        seeds = seeds or None

    lexicon = {}
    for word, score in mapping("sentiment.lexicon", mapping("sentiment", raw.get("sentiment")).get("lexicon")).items():
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not -1 <= score <= 1:
            problem(f"sentiment.lexicon.{word}", f"score must be a number from -1 to 1, not {score!r}")
        else:
            lexicon[str(word)] = float(score)

    reach = mapping("reach", raw.get("reach"))
    for key, value in reach.items():
        if key == "ratio_threshold":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
                problem("reach.ratio_threshold", f"must be a number between 0 and 1, not {value!r}")
        elif key not in REACH_OPTIONS:
            problem(f"reach.{key}", f"unknown option (known: ratio_threshold, {', '.join(sorted(REACH_OPTIONS))})")
    draagvlak = mapping("draagvlak", raw.get("draagvlak"))
    if draagvlak:
        try:
            check_rules(draagvlak)
        except UserError as exc:
            problem("draagvlak", str(exc))
    privacy = mapping("privacy", raw.get("privacy"))
    min_cell = privacy.get("min_cell_size", 10)
    if isinstance(min_cell, bool) or not isinstance(min_cell, int) or min_cell < 1:
        problem("privacy.min_cell_size", f"must be a whole number ≥ 1, not {min_cell!r}")
        min_cell = 10

    if problems:
        raise InputError(problems)
    return Config(
        folder=folder,
        name=name.strip(),
        cbs_code=cbs_code,
        language=language,
        fictional=bool(raw.get("fictional", False)),
        title=str(process.get("title") or ""),
        period_start=dates["start"],
        period_end=dates["end"],
        default_participation_level=default_level,
        participation_levels=levels,
        files=files,
        columns=columns,
        values=values,
        dimensions=dimensions,
        n_themes=n_themes,
        theme_seeds=seeds,
        sentiment_lexicon=lexicon,
        reach=dict(reach),
        draagvlak=dict(draagvlak),
        min_cell_size=min_cell,
    )
