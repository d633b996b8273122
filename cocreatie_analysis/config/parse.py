"""gemeente.yaml's keys, checked one by one: every problem named by its key, unknown keys with a suggestion.

The whole tree of known keys is written out below (`SCHEMA`): a key that is not in it, at any depth, is an error
with "did you mean …" when a known key is close (`privacy.min_cel_size` → `min_cell_size`). Values are never
echoed in full: a message shows at most a short piece of them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from ..errors import Problem, UserError
from ..vocabulary import LANGUAGES, OPTIONAL_COLUMNS, PARTICIPATION_LEVELS, REQUIRED_COLUMNS, TABLES, impossible_day
from .options import REACH_OPTIONS, check_rules

__all__ = ["SCHEMA", "Checker", "parse_config"]

# An opgave is a coöperatie candidate when at least this many participants offer help (kompas.cooperative_min_offers).
COOPERATIVE_MIN_OFFERS = 5
ANY = object()  # a mapping whose keys are the user's own (opgave names, column headers, …)
# The known keys. A dict lists its keys; ANY maps the user's own keys to a value checked by the parser.
SCHEMA = {
    "name": None, "fictional": None, "cbs_code": None, "language": None, "places": None, "dimensions": None,
    "process": {"title": None, "period": {"start": None, "end": None}, "default_participation_level": None,
                "participation_levels": ANY},
    "files": ANY, "columns": ANY, "values": ANY,
    "themes": {"n_themes": None, "seeds": ANY, "min_confidence": None},
    "sentiment": {"lexicon": ANY},
    "reach": {"ratio_threshold": None, **dict.fromkeys(REACH_OPTIONS)},
    "draagvlak": ANY,
    "kompas": {"cooperative_min_offers": None},
    "privacy": {"min_cell_size": None, "resident_statements": None},
}  # fmt: skip
_CBS_CODE = re.compile(r"^GM\d{4}$")
_TRUE, _FALSE = {"true", "ja"}, {"false", "nee"}


def short(value, limit: int = 40) -> str:
    """A value for a message: its text, cut at `limit` characters (never the repr of a whole structure)."""
    if isinstance(value, dict | list | tuple | set):
        return f"a {type(value).__name__} of {len(value)}"
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Checker:
    """Collects the problems of one gemeente.yaml, each naming its key."""

    def __init__(self, fname: str):
        self.fname = fname
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.fname, f"key '{key}': {message}", severity=severity))

    def unknown_keys(self, raw: dict, schema, prefix: str = "") -> None:
        """Name every key not in `schema`, at any depth, with the closest known key."""
        if not isinstance(raw, dict) or schema is None or schema is ANY:
            return
        for key, value in raw.items():
            path = f"{prefix}{key}"
            if key not in schema:
                close = difflib.get_close_matches(str(key), [str(k) for k in schema], n=1, cutoff=0.6)
                hint = f"; did you mean '{prefix}{close[0]}'?" if close else f" (known: {', '.join(map(str, schema))})"
                self.problem(path, f"unknown key{hint}")
            else:
                self.unknown_keys(value, schema[key], f"{path}.")

    def mapping(self, key: str, value) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(key, f"must be a mapping (key: value lines), not {type(value).__name__}")
            return {}
        return value

    def boolean(self, key: str, value, default: bool) -> bool:
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        self.problem(key, f"must be true or false (ja/nee), not '{short(value)}'")
        return default

    def number(self, key: str, value, low: float, high: float, whole: bool = False, default=None):
        ok = not isinstance(value, bool) and isinstance(value, int | float) and low <= value <= high
        if ok and whole and float(value) != int(value):
            ok = False
        if not ok:
            kind = "a whole number" if whole else "a number"
            self.problem(key, f"must be {kind} from {low:g} to {high:g}, not '{short(value)}'")
            return default
        return int(value) if whole else float(value)

    def words(self, key: str, value, what: str) -> tuple[str, ...] | None:
        if value is None:
            return None
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        self.problem(key, f"must be a list of {what}")
        return None

    def choice(self, key: str, value, options, default: str) -> str:
        if value is None:
            return default
        word = str(value).strip().lower()
        if word in options:
            return word
        close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        self.problem(key, f"'{short(value)}' is not one of {', '.join(options)}{hint}")
        return default


def _find_table_file(folder: Path, table: str) -> str | None:
    """Conventional file for a table when gemeente.yaml does not name one: inputs.csv, inputs.xlsx, …"""
    for suffix in (".csv", ".tsv", ".txt", ".xlsx"):
        if (folder / f"{table}{suffix}").is_file():
            return f"{table}{suffix}"
    return None


def _inside(folder: Path, name: str) -> Path | None:
    """`name` as a file inside `folder` (symbolic links resolved), or None when it points outside."""
    root = folder.resolve()
    try:
        target = (folder / name).resolve()
    except (OSError, RuntimeError):
        return None
    return target if target.is_relative_to(root) and target != root else None


def parse_config(folder: Path, raw: dict, check: Checker) -> dict:
    """The fields of a `Config` from the YAML mapping `raw`; problems go to `check`."""
    check.unknown_keys(raw, SCHEMA)
    out: dict = {"folder": folder}

    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        check.problem("name", "required: the municipality's name as shown in reports")
        name = folder.name
    out["name"] = name.strip()
    out["fictional"] = check.boolean("fictional", raw.get("fictional"), False)
    cbs_code = raw.get("cbs_code")
    if cbs_code is not None:
        cbs_code = str(cbs_code).strip().upper()
        if not _CBS_CODE.match(cbs_code):
            check.problem("cbs_code", f"'{short(cbs_code)}' is not a CBS gemeente code like GM0363")
    out["cbs_code"] = cbs_code
    language = str(raw.get("language", "nl")).strip().lower()
    if language not in LANGUAGES:
        check.problem("language", f"'{short(language)}' is not supported; use one of {', '.join(LANGUAGES)}")
        language = "nl"
    out["language"] = language
    out["places"] = check.words("places", raw.get("places"), "place names (buurthuizen, zwembaden, …)") or ()

    process = check.mapping("process", raw.get("process"))
    out["title"] = str(process.get("title") or "")
    period = check.mapping("process.period", process.get("period"))
    for end in ("start", "end"):
        value = period.get(end)
        if value is not None and not isinstance(value, dt.date):
            try:
                value = dt.date.fromisoformat(str(value))
            except ValueError:
                parts = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value).strip())
                why = impossible_day(*map(int, parts.groups())) if parts else None
                reason = f": {why}" if why else ""
                check.problem(f"process.period.{end}", f"'{short(value)}' is not a date{reason} (use YYYY-MM-DD)")
                value = None
        out[f"period_{end}"] = value
    if out["period_start"] and out["period_end"] and out["period_start"] > out["period_end"]:
        check.problem("process.period", "start is after end")
    out["default_participation_level"] = check.choice(
        "process.default_participation_level",
        process.get("default_participation_level"),
        PARTICIPATION_LEVELS,
        "raadplegen",
    )
    levels = {}
    for opgave, level in check.mapping("process.participation_levels", process.get("participation_levels")).items():
        key = f"process.participation_levels.{opgave}"
        chosen = check.choice(key, level, PARTICIPATION_LEVELS, "")
        if chosen:
            levels[str(opgave).strip()] = chosen
    out["participation_levels"] = levels

    out["files"] = _files(folder, check.mapping("files", raw.get("files")), check)
    out["columns"] = _columns(check.mapping("columns", raw.get("columns")), check)
    values = {}
    for table, by_column in check.mapping("values", raw.get("values")).items():
        if table not in TABLES:
            _unknown_table(check, f"values.{table}", table)
            continue
        values[table] = {
            str(col): {str(k).strip().lower(): v for k, v in check.mapping(f"values.{table}.{col}", m).items()}
            for col, m in check.mapping(f"values.{table}", by_column).items()
        }
    out["values"] = values
    out["dimensions"] = check.words(
        "dimensions", raw.get("dimensions"), "participant column names, e.g. [age_group, district]"
    )

    themes = check.mapping("themes", raw.get("themes"))
    n_themes = themes.get("n_themes", "auto")
    if isinstance(n_themes, str) and n_themes.strip().isdigit():
        n_themes = int(n_themes.strip())
    if n_themes != "auto" and not (isinstance(n_themes, int) and not isinstance(n_themes, bool) and n_themes >= 1):
        check.problem("themes.n_themes", f"must be 'auto' or a whole number ≥ 1, not '{short(n_themes)}'")
        n_themes = "auto"
    out["n_themes"] = n_themes
    seeds = {}
    for theme, words in check.mapping("themes.seeds", themes.get("seeds")).items():
        if isinstance(words, str):
            words = [w.strip() for w in words.split(",")]
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            check.problem(f"themes.seeds.{theme}", "must be a non-empty list of seed words")
            continue
        seeds[str(theme).strip()] = [w.strip() for w in words]
    out["theme_seeds"] = seeds or None
    confidence = themes.get("min_confidence")
    out["min_confidence"] = None if confidence is None else check.number("themes.min_confidence", confidence, 0, 1)

    lexicon = {}
    sentiment = check.mapping("sentiment", raw.get("sentiment"))
    for word, score in check.mapping("sentiment.lexicon", sentiment.get("lexicon")).items():
        value = check.number(f"sentiment.lexicon.{word}", score, -1, 1)
        if value is not None:
            lexicon[str(word)] = value
    out["sentiment_lexicon"] = lexicon

    reach = dict(check.mapping("reach", raw.get("reach")))
    if "ratio_threshold" in reach:
        check.number("reach.ratio_threshold", reach["ratio_threshold"], 0.01, 1)
    out["reach"] = reach
    draagvlak = check.mapping("draagvlak", raw.get("draagvlak"))
    if draagvlak:
        try:
            check_rules(draagvlak)
        except UserError as exc:
            check.problem("draagvlak", str(exc))
    out["draagvlak"] = dict(draagvlak)
    kompas = check.mapping("kompas", raw.get("kompas"))
    out["cooperative_min_offers"] = check.number(
        "kompas.cooperative_min_offers",
        kompas.get("cooperative_min_offers", COOPERATIVE_MIN_OFFERS),
        1,
        100000,
        whole=True,
        default=COOPERATIVE_MIN_OFFERS,
    )
    privacy = check.mapping("privacy", raw.get("privacy"))
    out["resident_statements"] = check.boolean("privacy.resident_statements", privacy.get("resident_statements"), False)
    out["min_cell_size"] = check.number(
        "privacy.min_cell_size", privacy.get("min_cell_size", 10), 1, 1000, whole=True, default=10
    )
    return out


def _unknown_table(check: Checker, key: str, table) -> None:
    close = difflib.get_close_matches(str(table), TABLES, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(TABLES)})"
    check.problem(key, f"unknown table{hint}")


def _files(folder: Path, declared: dict, check: Checker) -> dict[str, str]:
    """Table -> file name, only files inside the municipality folder (links resolved)."""
    files = {}
    for table, file_name in declared.items():
        key = f"files.{table}"
        if table not in TABLES:
            _unknown_table(check, key, table)
            continue
        name = str(file_name)
        target = _inside(folder, name)
        if target is None:
            check.problem(key, f"'{short(name)}' is outside the municipality folder; put the file in {folder.name}/")
        elif not target.is_file():
            check.problem(key, f"file '{short(name)}' not found in {folder}")
        else:
            files[table] = name
    for table in TABLES:
        if table not in declared:
            found = _find_table_file(folder, table)
            if found and _inside(folder, found) is not None:
                files[table] = found
    if "inputs" not in files and "inputs" not in declared:
        check.problem("files.inputs", "no inputs file: name it under files: or add inputs.csv to the folder")
    if ("votes" in files) != ("statements" in files):
        check.problem("files", "votes and statements go together: give both or neither")
    return files


def _columns(declared: dict, check: Checker) -> dict[str, dict[str, str]]:
    """Table -> {own header: canonical}; two headers mapped onto one canonical column is an error."""
    columns = {}
    for table, table_map in declared.items():
        if table not in TABLES:
            _unknown_table(check, f"columns.{table}", table)
            continue
        allowed = REQUIRED_COLUMNS[table] + OPTIONAL_COLUMNS[table]
        clean: dict[str, str] = {}
        for own, canonical in check.mapping(f"columns.{table}", table_map).items():
            canonical = str(canonical).strip()
            if table != "participants" and canonical not in allowed:  # participants may carry own dimensions
                close = difflib.get_close_matches(canonical, allowed, n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else f" ({', '.join(allowed)})"
                check.problem(
                    f"columns.{table}.{own}", f"'{short(canonical)}' is not a canonical column of {table}{hint}"
                )
                continue
            twin = next((o for o, c in clean.items() if c == canonical), None)
            if twin is not None:
                check.problem(
                    f"columns.{table}.{own}", f"'{own}' and '{twin}' are both mapped to '{canonical}'; map one"
                )
                continue
            clean[str(own)] = canonical
        columns[table] = clean
    return columns
