"""The municipality configuration (`gemeente.yaml`) and its validation.

One `gemeente.yaml` per municipality folder says who the municipality is, which files hold its data, how its
own column headers map onto the canonical ones, which target groups matter, and the thresholds the council
chose. The README has an annotated example. Every problem is reported at once, naming the file and the key;
unknown keys at any depth get a "did you mean", duplicate keys and YAML aliases are refused, files must lie
inside the municipality folder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem, UserError
from ..vocabulary import CONFIG_FILE, DEFAULT_DIMENSIONS
from .options import DEFAULT_RULES, REACH_OPTIONS, RULE_KINDS, ReachOptions, ThemeOptions, check_rules
from .parse import COOPERATIVE_MIN_OFFERS, Checker, parse_config
from .yaml_reader import ConfigYAMLError, read_yaml

__all__ = [
    "CONFIG_FILE", "COOPERATIVE_MIN_OFFERS", "Config", "DEFAULT_RULES", "REACH_OPTIONS", "RULE_KINDS", "ReachOptions",
    "ThemeOptions", "check_rules", "folder_slug", "load_config",
]  # fmt: skip

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")
MAX_CONFIG_BYTES = 1_000_000  # a gemeente.yaml is a page of settings, not a data file


def folder_slug(folder: str | Path) -> str:
    """A municipality folder's id for data/processed/<id> and reports/<id>: the folder's own name, resolved
    ("." becomes the real name). UserError when it could escape or clash: empty, ".", "..", path separators,
    or other characters than letters, digits, "-", "_" and "." (and not "assets" or "logs": the reports' shared
    files and a batch's logs)."""
    name = Path(folder).resolve().name
    if not _SLUG.match(name) or name in (".", "..") or name.lower() in ("assets", "logs"):
        raise UserError(
            f"{folder}: a municipality folder's name is its id in data/processed/ and reports/; "
            f"'{name}' cannot be one: use letters, digits, '-', '_' and '.' (and not 'assets' or 'logs')"
        )
    return name


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
    cooperative_min_offers: int = COOPERATIVE_MIN_OFFERS  # kompas: this many offering help make a candidate
    places: tuple[str, ...] = ()  # the municipality's own facilities and places, kept legible in quotes
    resident_statements: bool = False  # statements written by residents (Pol.is): redacted like their inputs
    min_confidence: float | None = None  # themes: below this an input gets no opgave (None: the model's default)

    @property
    def slug(self) -> str:
        """The municipality's id in data/processed/ and reports/: its folder's own name (see `folder_slug`)."""
        return folder_slug(self.folder)

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
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise InputError([Problem(fname, f"larger than {MAX_CONFIG_BYTES // 1000} kB: not a configuration file")])
        raw = read_yaml(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError([Problem(fname, "not UTF-8 text; save it as UTF-8")]) from None
    except PermissionError:
        raise InputError([Problem(fname, "cannot be read: no permission")]) from None
    except ConfigYAMLError as exc:
        raise InputError([Problem(fname, str(exc), row=exc.line)]) from None
    if not isinstance(raw, dict):
        raise InputError([Problem(fname, "must be a mapping of keys (name:, language:, …)")])
    check = Checker(fname)
    fields = parse_config(folder, raw, check)
    if any(p.severity == "error" for p in check.problems):
        raise InputError(check.problems)
    return Config(**fields)
